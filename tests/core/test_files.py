"""read_bounded_text: a file anyone may have put there, read without hanging or filling memory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.core.files import UnreadableFileError, read_bounded_text


def refusal(path: Path, limit: int = 100) -> str:
    with pytest.raises(UnreadableFileError) as info:
        read_bounded_text(path, limit)
    assert info.value.path == path
    assert str(info.value) == info.value.reason
    return info.value.reason


def test_reads_up_to_the_limit_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x\r\ny" + b"z" * 96)
    assert read_bounded_text(path, 100) == "x\r\ny" + "z" * 96
    assert refusal(path, 99) == "larger than 99 bytes"
    assert refusal(path, 0) == "larger than 0 bytes"


def test_sizes_are_said_in_plain_units(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * (2 << 20))
    assert refusal(path, 1 << 20) == "larger than 1 MiB"
    assert refusal(path, 64 << 10) == "larger than 64 KiB"


def test_follows_a_symlink_to_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_text("hello", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert read_bounded_text(link, 100) == "hello"


def test_missing_folder_and_undecodable(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nowhere") == "cannot read the file: No such file or directory"
    assert refusal(tmp_path) == "not a regular file (a folder)"
    latin = tmp_path / "latin"
    latin.write_bytes("Détente".encode("latin-1"))
    assert refusal(latin).startswith("not UTF-8 text: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev")
def test_devices_are_never_read(tmp_path: Path) -> None:
    assert refusal(Path("/dev/zero")) == "not a regular file (a device)"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "gone")
    assert refusal(dangling).startswith("cannot read the file: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "regular"
    regular.write_text("x", encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    looks_regular = regular.stat()
    monkeypatch.setattr(Path, "stat", lambda self, **kwargs: looks_regular)
    reasons: list[str] = []

    def read() -> None:
        with pytest.raises(UnreadableFileError) as info:
            read_bounded_text(fifo, 100)
        reasons.append(info.value.reason)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "blocked opening a named pipe"
    assert reasons == ["not a regular file (a named pipe)"]
