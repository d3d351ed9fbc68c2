"""Import files made to hurt: each gets one plain sentence naming the file or the item,
in bounded time and memory, and nothing is imported.

Before, a file nested thousands deep or holding a number of thousands of digits raised
a traceback, a named pipe hung `facewell import` forever, /dev/zero ate the memory, and
impossible values (ended before started, more played than planned, a negative version,
a note of a megabyte) were accepted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.export_format import ImportFileError, parse_export, read_export_file

GOOD = {
    "routine": "Morning calm",
    "started_at": "2026-04-01T08:00:00+02:00",
    "ended_at": "2026-04-01T08:10:00+02:00",
    "planned_s": 600,
    "elapsed_s": 600,
    "status": "completed",
}


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_nesting_thousands_deep(tmp_path: Path) -> None:
    path = _file(tmp_path, '{"sessions": ' + "[" * 20_000 + "]" * 20_000 + "}")
    with pytest.raises(ImportFileError, match="nested more than 16 levels"):
        read_export_file(path)


def test_a_number_of_thousands_of_digits(tmp_path: Path) -> None:
    path = _file(tmp_path, '{"sessions": [{"planned_s": 1' + "0" * 5000 + "}]}")
    with pytest.raises(ImportFileError, match="can't read"):
        read_export_file(path)


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    with pytest.raises(ImportFileError, match="not a regular file"):
        read_export_file(fifo)  # would block forever if it were opened to read


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(ImportFileError, match="not a regular file"):
        read_export_file(link)


@pytest.mark.parametrize(
    ("session", "words"),
    [
        ({**GOOD, "elapsed_s": 900}, "'elapsed_s' (900) is longer than the routine's"),
        ({**GOOD, "elapsed_s": 1e12, "planned_s": 1e12}, "'planned_s' must be from 0 to"),
        ({**GOOD, "ended_at": "2026-04-01T07:00:00+02:00"}, "'ended_at' is before"),
        ({**GOOD, "ended_at": "2026-04-01T08:01:00+02:00"}, "longer than the time from"),
        ({**GOOD, "note": "x" * 1_000_000}, "'note' is 1000000 characters long"),
        ({**GOOD, "routine": "y" * 100_000}, "'routine' is 100000 characters long"),
        ({**GOOD, "uid": "z" * 5000}, "'uid' is 5000 characters long"),
    ],
)
def test_impossible_sessions_name_the_item(session: dict[str, Any], words: str) -> None:
    with pytest.raises(ImportFileError) as refused:
        parse_export({"sessions": [GOOD, session]})
    message = str(refused.value)
    assert message.startswith("sessions[1]")
    assert words in message
    assert len(message) < 300  # never the megabyte back


@pytest.mark.parametrize("version", [0, -3, 1.5, "1"])
def test_odd_versions_are_refused(version: object) -> None:
    with pytest.raises(ImportFileError, match="'version' must be a whole number from 1"):
        parse_export({"version": version, "sessions": []})


def test_an_episode_note_of_a_megabyte_is_refused() -> None:
    entry = {
        "kind": "episode",
        "at": "2026-04-01T10:00:00+02:00",
        "area": "jaw",
        "note": "n" * 2**20,
    }
    with pytest.raises(ImportFileError, match=r"journal\[0\] \('episode'\): note is 1048576"):
        parse_export({"journal": [entry]})


@pytest.mark.parametrize("kind", ["fifo", "zero", "deep"])
def test_the_command_line_answers_at_once(tmp_path: Path, repo: Path, kind: str) -> None:
    path = tmp_path / "export.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_text(
            json.dumps({"sessions": []})[:-1] + ', "x": ' + "[" * 50_000 + "]" * 50_000 + "}"
        )
    done = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "import", str(path)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "nothing was added" in done.stderr
