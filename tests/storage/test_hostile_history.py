"""A history file that is not what it claims: a lost table or column, another program's
database, a damaged header. Each is set aside like a corrupt file (never deleted) and a
fresh history starts; never a traceback, in the storage, the command line or the window.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from storage_helpers import FakeNow, said

from app.storage import database
from app.storage.history import open_history, open_read_only


def _facewell_history(path: Path) -> None:
    opened = open_history(path.parent)
    assert opened.history is not None
    opened.history.close()


def lost_table(path: Path) -> None:
    _facewell_history(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE journal")
    conn.commit()
    conn.close()


def lost_column(path: Path) -> None:
    _facewell_history(path)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE sessions DROP COLUMN feeling")
    conn.commit()
    conn.close()


def another_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("PRAGMA user_version = 2394871337")
    conn.commit()
    conn.close()


def another_program_at_our_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute(f"PRAGMA user_version = {database.CURRENT_VERSION}")
    conn.commit()
    conn.close()


def damaged_header(path: Path) -> None:
    _facewell_history(path)
    data = bytearray(path.read_bytes())
    data[16:18] = (12345).to_bytes(2, "big")  # not a page size
    data[60:64] = (2394871337).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def another_program_with_a_wal(path: Path) -> None:
    """Its -wal beside it: the version can't be read from the header alone."""
    another_programs_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    keep_open.append(conn)  # the -wal stays until the test ends


keep_open: list[sqlite3.Connection] = []


HOSTILE: dict[str, Callable[[Path], None]] = {
    "another program with a wal": another_program_with_a_wal,
    "lost table": lost_table,
    "lost column": lost_column,
    "another program's database": another_programs_database,
    "another program at our version": another_program_at_our_version,
    "damaged header": damaged_header,
}


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[bytes]:
    path = data_dir / "history.sqlite3"
    HOSTILE[request.param](path)
    if not keep_open:
        for sidecar in database.sidecar_files(path):
            sidecar.unlink(missing_ok=True)
    content = path.read_bytes()
    yield content
    while keep_open:
        keep_open.pop().close()


def test_it_is_set_aside_and_a_fresh_history_starts(
    data_dir: Path, now: FakeNow, hostile: bytes
) -> None:
    result = open_history(data_dir, now=now)
    assert result.history is not None, result.notices
    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == hostile  # kept, byte for byte
    assert "damaged" in said(result)[0]
    assert "newer" not in " ".join(said(result))
    result.history.sessions.start(
        "Box breathing", "box-breathing", "breathing", 60, started_at=now()
    )
    assert len(result.history.sessions.page()) == 1
    assert result.history.journal.entries() == []
    result.history.close()


def test_a_reader_says_so_in_plain_words(data_dir: Path, now: FakeNow, hostile: bytes) -> None:
    result = open_read_only(data_dir, now=now)
    assert result.history is not None  # nobody else used it: kept aside, a fresh one
    assert result.history.sessions.page() == []
    result.history.close()
    assert "damaged" in said(result)[0]


ONE_SECOND = 'name = "One second"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 1\n'


@pytest.mark.parametrize("command", ["history --json", "history --stats", "run --no-gui --mute"])
def test_the_command_line_never_shows_a_traceback(
    data_dir: Path, hostile: bytes, repo: Path, tmp_path: Path, command: str
) -> None:
    routine = tmp_path / "one.toml"
    routine.write_text(ONE_SECOND, encoding="utf-8")
    words = command.split()
    if words[0] == "run":
        words.insert(1, str(routine))
    done = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), *words],
        cwd=repo,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "damaged" in done.stdout + done.stderr
