"""open_history(): creating, migrating, refusing, repairing, and the places it can't write."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import CEST, FakeNow, at, said

from app.messages import problem
from app.storage import database
from app.storage.errors import DiskFullError, ReadOnlyError
from app.storage.history import History, OpenResult, open_history, restore_backup

REPO = Path(__file__).resolve().parents[2]
CANT_SAVE = "Your sessions can't be saved right now:"
STILL_WORK = "The routines still work."

# The v1 schema exactly as Facewell 0.1 shipped it: frozen here on purpose, so that a
# later edit of MIGRATIONS[0] (which must never happen) is caught.
V1_DDL = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    routine TEXT NOT NULL,
    slug TEXT NOT NULL,
    category TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    checkpoint_at TEXT,
    planned_s REAL NOT NULL,
    elapsed_s REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    step_index INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_started_at ON sessions (started_at);
PRAGMA user_version = 1;
"""
V1_ROWS = [
    # routine, slug, category, started_at, ended_at, checkpoint_at, planned, elapsed, status, step
    ("Morning calm", "morning-calm", "breathing", "2026-04-28T07:00:00+02:00",
     "2026-04-28T07:10:00+02:00", "2026-04-28T07:10:00+02:00", 600.0, 600.0, "completed", 5),
    ("Gentle face", "gentle-face", "facial", "2026-04-29T21:30:00-04:00",
     "2026-04-29T21:35:00-04:00", "2026-04-29T21:35:00-04:00", 900.0, 300.0, "stopped", 2),
    ("Cold compress", "cold-compress", "compress", "2026-04-30T18:00:00+02:00",
     None, "2026-04-30T18:04:00+02:00", 900.0, 240.0, "running", 3),
]  # fmt: skip


@pytest.fixture
def private_umask() -> Iterator[None]:
    """A typical umask (0022), so 0600/0700 must come from the code, not the umask."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _opened(data_dir: Path, now: FakeNow) -> History:
    result = open_history(data_dir, now=now)
    assert result.history is not None, result.notices
    return result.history


def _make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.executemany(
        "INSERT INTO sessions (routine, slug, category, started_at, ended_at, checkpoint_at,"
        " planned_s, elapsed_s, status, step_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        V1_ROWS,
    )
    conn.commit()
    conn.close()


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


# -- a new history -------------------------------------------------------------------


def test_new_history_folders_0700_files_0600(
    tmp_path: Path, now: FakeNow, private_umask: None
) -> None:
    data_dir = tmp_path / "fresh" / "facewell"
    result = open_history(data_dir, now=now)
    assert result.history is not None
    assert said(result) == []
    assert result.moved_aside is None
    history = result.history
    history.sessions.start("Morning calm", "morning-calm", "breathing", 600, started_at=now())
    db = data_dir / "history.sqlite3"
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "backups") == 0o700
    assert _mode(db) == 0o600
    for sidecar in database.sidecar_files(db)[:2]:  # -wal, -shm
        assert sidecar.exists()
        assert _mode(sidecar) == 0o600
    daily = data_dir / "backups" / "history-2026-05-01.sqlite3"
    assert result.newest_backup == daily
    assert _mode(daily) == 0o600
    history.close()
    conn = sqlite3.connect(db)
    assert database.user_version(conn) == database.CURRENT_VERSION
    conn.close()


# -- migrations ----------------------------------------------------------------------


def test_v1_history_is_migrated_keeping_data_and_a_v1_backup(
    data_dir: Path, now: FakeNow, private_umask: None
) -> None:
    _make_v1(data_dir / "history.sqlite3")
    result = open_history(data_dir, now=now)
    assert said(result) == []
    history = result.history
    assert history is not None

    sessions = history.sessions.page()
    assert [s.routine for s in sessions] == ["Cold compress", "Gentle face", "Morning calm"]
    cold, gentle, morning = sessions
    assert morning.started_at == datetime(2026, 4, 28, 7, 0, tzinfo=CEST)
    assert morning.status == "completed"
    assert morning.elapsed_s == 600.0
    assert morning.step_index == 5
    assert gentle.started_at.utcoffset() == timedelta(hours=-4)  # offset kept as recorded
    assert gentle.status == "stopped"
    # v1's running row: recovered as interrupted at its last checkpoint.
    assert cold.status == "interrupted"
    assert cold.elapsed_s == 240.0
    assert cold.step_index == 3
    assert cold.ended_at == datetime(2026, 4, 30, 18, 4, tzinfo=CEST)
    # New v2 columns have their defaults, and every row got its own uid.
    assert all(s.severity_before is None and s.note == "" for s in sessions)
    assert len({s.uid for s in sessions}) == 3
    assert all(len(s.uid) == 36 for s in sessions)
    # Local days come from each start's own offset (the -04:00 evening stays the 29th).
    assert history.stats.minutes_per_day(datetime(2026, 4, 30).date(), 3) == [
        (datetime(2026, 4, 28).date(), 10.0),
        (datetime(2026, 4, 29).date(), 5.0),
        (datetime(2026, 4, 30).date(), 4.0),
    ]
    history.close()

    backup = (
        data_dir / "backups" / f"history-before-v{database.CURRENT_VERSION}-20260501-120000.sqlite3"
    )
    assert backup.exists()
    assert _mode(backup) == 0o600
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert database.user_version(conn) == 1
    assert (
        conn.execute(
            "SELECT routine, slug, category, started_at, ended_at, checkpoint_at, planned_s,"
            " elapsed_s, status, step_index FROM sessions ORDER BY id"
        ).fetchall()
        == V1_ROWS
    )
    conn.close()


@pytest.mark.parametrize("version", range(1, database.CURRENT_VERSION))
def test_every_earlier_version_opens_as_current(data_dir: Path, now: FakeNow, version: int) -> None:
    conn = database.connect(data_dir / "history.sqlite3")
    database.migrate(conn, target=1)  # a row recorded long ago, then kept through upgrades
    conn.execute(
        "INSERT INTO sessions (routine, slug, category, started_at, planned_s, elapsed_s,"
        " status) VALUES ('Quiet mind', 'quiet-mind', 'meditation',"
        " '2026-04-30T20:00:00+02:00', 600, 600, 'completed')"
    )
    database.migrate(conn, target=version)
    conn.close()
    history = _opened(data_dir, now)
    (session,) = history.sessions.page()
    assert session.routine == "Quiet mind"
    assert session.started_at == datetime(2026, 4, 30, 20, 0, tzinfo=CEST)
    assert history.stats.summary(datetime(2026, 4, 30).date()).current_streak == 1
    history.close()
    conn = sqlite3.connect(data_dir / "history.sqlite3")
    assert database.user_version(conn) == database.CURRENT_VERSION
    conn.close()
    assert list((data_dir / "backups").glob(f"history-before-v{database.CURRENT_VERSION}-*"))


def test_current_version_is_not_backed_up_before_migrating(data_dir: Path, now: FakeNow) -> None:
    _opened(data_dir, now).close()
    _opened(data_dir, now).close()
    assert not list((data_dir / "backups").glob("history-before-*"))


# -- a newer Facewell's file ---------------------------------------------------------


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_newer_history_is_refused_and_left_untouched(
    data_dir: Path, now: FakeNow, journal_mode: str
) -> None:
    path = data_dir / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.executescript(
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY, shiny_new_column TEXT);"
        "INSERT INTO sessions VALUES (1, 'from the future');"
        f"PRAGMA user_version = {database.CURRENT_VERSION + 1};"
    )
    conn.close()
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    names = sorted(p.name for p in data_dir.iterdir())

    result = open_history(data_dir, now=now)

    assert result.history is None
    assert len(said(result)) == 1
    assert "made by a newer Facewell" in said(result)[0]
    assert "The routines still work" in said(result)[0]
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    # No -wal/-shm, no backup; the owner's lock file is not part of the history.
    assert sorted(p.name for p in data_dir.iterdir() if p.name != "history.lock") == names


def test_newer_history_with_a_wal_is_refused_untouched(data_dir: Path, now: FakeNow) -> None:
    """A newer Facewell still running (or killed): its WAL holds the version."""
    path = data_dir / "history.sqlite3"
    newer = database.connect(path)
    newer.execute("CREATE TABLE sessions (x)")
    newer.execute(f"PRAGMA user_version = {database.CURRENT_VERSION + 5}")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = open_history(data_dir, now=now)
    assert result.history is None
    assert "made by a newer Facewell" in said(result)[0]
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    newer.close()


# -- damaged files -------------------------------------------------------------------

ASIDE = re.compile(r"^history\.sqlite3\.corrupt-20260501-120000$")


def _assert_fresh_history_works(result: OpenResult, now: FakeNow) -> None:
    history = result.history
    assert history is not None
    session_id = history.sessions.start(
        "Gentle face", "gentle-face", "facial", 300, started_at=now()
    )
    history.sessions.finish(session_id, "completed", 300, ended_at=now() + timedelta(minutes=5))
    assert [s.status for s in history.sessions.page()] == ["completed"]
    history.close()


def test_garbage_file_is_kept_byte_for_byte_and_a_new_history_starts(
    data_dir: Path, now: FakeNow
) -> None:
    path = data_dir / "history.sqlite3"
    garbage = os.urandom(3 * 4096 + 17)
    wal_garbage = os.urandom(999)
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(wal_garbage)

    result = open_history(data_dir, now=now)

    aside = result.moved_aside
    assert aside is not None
    assert ASIDE.match(aside.name)
    assert aside.parent == data_dir
    assert aside.read_bytes() == garbage
    assert Path(f"{aside}-wal").read_bytes() == wal_garbage
    assert said(result) == [
        f"Your history file was damaged. It was kept as {aside.name} and a new history was started."
    ]
    _assert_fresh_history_works(result, now)


def test_truncated_history_is_moved_aside(data_dir: Path, now: FakeNow) -> None:
    from app.storage.bulk import make_sessions

    history = _opened(data_dir, now)
    make_sessions(history, 3000, start=datetime(2025, 1, 1, tzinfo=CEST))
    history.close()
    path = data_dir / "history.sqlite3"
    assert not Path(f"{path}-wal").exists()  # a clean close checkpointed everything
    data = path.read_bytes()
    assert len(data) > 100_000
    truncated = data[: len(data) // 2]
    path.write_bytes(truncated)

    result = open_history(data_dir, now=now)

    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == truncated
    # The daily backup of this morning is offered.
    assert result.newest_backup == data_dir / "backups" / "history-2026-05-01.sqlite3"
    assert said(result)[0].endswith("A backup from 1 May 2026 can be restored.")
    _assert_fresh_history_works(result, now)


def test_damage_inside_pages_is_found_by_quick_check(data_dir: Path, now: FakeNow) -> None:
    from app.storage.bulk import make_sessions

    history = _opened(data_dir, now)
    make_sessions(history, 2000, start=datetime(2025, 1, 1, tzinfo=CEST))
    history.close()
    path = data_dir / "history.sqlite3"
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(5 * page, len(data) - page, 3 * page):  # scribble over index pages
        data[offset : offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))
    result = open_history(data_dir, now=now)
    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == bytes(data)
    _assert_fresh_history_works(result, now)


def test_a_foreign_sqlite_file_is_kept_aside(data_dir: Path, now: FakeNow) -> None:
    path = data_dir / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = open_history(data_dir, now=now)
    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == before
    _assert_fresh_history_works(result, now)


def test_two_damaged_files_in_one_second_both_kept(data_dir: Path, now: FakeNow) -> None:
    path = data_dir / "history.sqlite3"
    first, second = os.urandom(5000), os.urandom(6000)
    path.write_bytes(first)
    one = open_history(data_dir, now=now)
    assert one.history is not None
    one.history.close()
    path.unlink()
    for sidecar in database.sidecar_files(path):
        sidecar.unlink(missing_ok=True)
    path.write_bytes(second)
    two = open_history(data_dir, now=now)
    assert one.moved_aside is not None and two.moved_aside is not None
    assert one.moved_aside != two.moved_aside
    assert one.moved_aside.read_bytes() == first
    assert two.moved_aside.read_bytes() == second
    assert two.history is not None
    two.history.close()


def test_restore_the_offered_backup(data_dir: Path, now: FakeNow) -> None:
    history = _opened(data_dir, now)
    history.sessions.start("Morning calm", "morning-calm", "breathing", 600, started_at=now())
    history.close()
    # Yesterday's state is in today's first backup? No: the backup was taken at open,
    # before the session. Make a new day's backup that holds it.
    now.advance(days=1)
    _opened(data_dir, now).close()
    path = data_dir / "history.sqlite3"
    path.write_bytes(b"\0" * 8192 + os.urandom(100))
    result = open_history(data_dir, now=now)
    assert result.history is not None
    assert result.history.sessions.page() == []
    assert result.newest_backup == data_dir / "backups" / "history-2026-05-02.sqlite3"
    result.history.close()

    now.advance(minutes=5)
    restored = restore_backup(data_dir, result.newest_backup, now=now)
    assert restored.history is not None
    assert [s.routine for s in restored.history.sessions.page()] == ["Morning calm"]
    assert said(restored)[0].startswith("Your history was restored from history-2026-05-02")
    assert "history.sqlite3.replaced-20260502-120500" in said(restored)[0]
    assert (data_dir / "history.sqlite3.replaced-20260502-120500").exists()
    restored.history.close()


def test_restore_refuses_a_damaged_backup(data_dir: Path, now: FakeNow) -> None:
    bad = data_dir / "bad.sqlite3"
    bad.write_bytes(os.urandom(4096))
    result = restore_backup(data_dir, bad, now=now)
    assert result.history is None
    assert "damaged" in said(result)[0]
    assert not (data_dir / "history.sqlite3").exists()


# -- places Facewell can't write (tests run as root: chmod alone proves nothing) --------


def test_data_folder_is_a_file(tmp_path: Path, now: FakeNow) -> None:
    data_dir = tmp_path / "data"
    data_dir.write_text("not a folder")
    result = open_history(data_dir, now=now)
    assert result.history is None
    assert said(result)[0].startswith(CANT_SAVE)
    assert said(result)[0].endswith(STILL_WORK)
    assert data_dir.read_text() == "not a folder"


def test_data_folder_inside_a_file(tmp_path: Path, now: FakeNow) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = open_history(blocker / "data", now=now)
    assert result.history is None
    assert said(result)[0].startswith(CANT_SAVE)


def test_history_path_is_a_folder(data_dir: Path, now: FakeNow) -> None:
    (data_dir / "history.sqlite3").mkdir()
    result = open_history(data_dir, now=now)
    assert result.history is None
    assert result.moved_aside is None  # never moved: nothing is wrong with its content
    assert said(result)[0].startswith(CANT_SAVE)
    assert (data_dir / "history.sqlite3").is_dir()


def _read_only_connect(path: Path) -> sqlite3.Connection:
    """What SQLite gives on a read-only file or disk: a connection that can't write."""
    return database.connect_read_only(path)


def test_read_only_history_file(
    data_dir: Path, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = _opened(data_dir, now)
    history.sessions.start("Morning calm", "morning-calm", "breathing", 600, started_at=now())
    history.close()
    before = (data_dir / "history.sqlite3").read_bytes()
    monkeypatch.setattr(database, "connect", _read_only_connect)

    result = open_history(data_dir, now=now)

    assert said(result) == [
        f"{CANT_SAVE} Facewell isn't allowed to write to your history file or its folder, "
        f"so new entries can't be saved. {STILL_WORK}"
    ]
    assert result.moved_aside is None
    # What was saved can still be read (and exported); nothing can be written.
    assert result.history is not None and not result.writable
    assert [s.routine for s in result.history.sessions.page()] == ["Morning calm"]
    with pytest.raises(ReadOnlyError):
        result.history.sessions.update_note(result.history.sessions.page()[0].id, "no")
    result.history.close()
    assert (data_dir / "history.sqlite3").read_bytes() == before


def test_writes_to_a_file_that_became_read_only_raise_read_only_error(
    history: History, data_dir: Path, now: FakeNow
) -> None:
    session_id = history.sessions.start(
        "Morning calm", "morning-calm", "breathing", 600, started_at=now()
    )
    history.close()
    # What SQLite gives once the file or disk turned read-only under a running app.
    history = History(database.connect_read_only(data_dir / "history.sqlite3"), data_dir, now)
    with pytest.raises(ReadOnlyError) as raised:
        history.sessions.checkpoint(session_id, 5.0, 1, at=now())
    assert "isn't allowed to write" in problem(raised.value)
    with pytest.raises(ReadOnlyError):
        history.sessions.start("Gentle face", "gentle-face", "facial", 60, started_at=now())
    assert [s.id for s in history.sessions.page()] == [session_id]  # reads still work
    history.close()


# -- a full disk -----------------------------------------------------------------------


def test_disk_full_for_real_then_space_again(history: History, now: FakeNow) -> None:
    """SQLite's max_page_count makes the database file full for real."""
    session_id = history.sessions.start(
        "Morning calm", "morning-calm", "breathing", 600, started_at=now()
    )
    history.sessions.checkpoint(session_id, 30.0, 1, at=now() + timedelta(seconds=30))
    pages = history.connection.execute("PRAGMA page_count").fetchone()[0]
    history.connection.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(DiskFullError) as raised:
        for _ in range(500):
            history.sessions.update_note(session_id, "a long note " * 150)
            history.sessions.start(
                "Gentle face" * 18, "gentle-face", "facial", 60, started_at=now()
            )
    assert problem(raised.value).startswith("The disk is full")
    count = history.sessions.count()
    with pytest.raises(DiskFullError):
        for _ in range(50):
            history.sessions.start(
                "Gentle face" * 18, "gentle-face", "facial", 60, started_at=now()
            )
    assert history.sessions.count() == count
    # Nothing saved before was lost, and small updates in place still work.
    history.sessions.checkpoint(session_id, 35.0, 2, at=now() + timedelta(seconds=35))
    record = history.sessions.get(session_id)
    assert (record.elapsed_s, record.step_index) == (35.0, 2)

    history.connection.execute("PRAGMA max_page_count = 1073741823")
    history.sessions.update_note(session_id, "room again")
    assert history.sessions.get(session_id).note == "room again"


def test_disk_full_while_opening(
    data_dir: Path, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = database.connect

    def tiny_disk(path: Path) -> sqlite3.Connection:
        conn = real_connect(path)
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(database, "connect", tiny_disk)
    result = open_history(data_dir, now=now)
    assert result.history is not None and not result.writable  # readable, not writable
    result.history.close()
    assert said(result)[0].startswith(f"{CANT_SAVE} The disk is full")
    assert said(result)[0].endswith(STILL_WORK)


def test_disk_full_reported_by_the_os(
    history: History, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite may also see ENOSPC as SQLITE_FULL from a write() in the WAL."""

    class FullConnection:
        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
            if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
                raise error
            return self.real.execute(sql, params)  # type: ignore[arg-type]

    full = History(FullConnection(history.connection), history.data_dir, now)  # type: ignore[arg-type]
    with pytest.raises(DiskFullError):
        full.sessions.update_note(
            history.sessions.start("Box", "box", "breathing", 60, started_at=now()), "x"
        )


# -- crash recovery ------------------------------------------------------------------


def test_running_sessions_become_interrupted_at_their_last_checkpoint(
    data_dir: Path, now: FakeNow
) -> None:
    history = _opened(data_dir, now)
    started = at("2026-05-01", "11:00")
    checkpointed = history.sessions.start(
        "Morning calm", "morning-calm", "breathing", 900, started_at=started
    )
    for second in range(5, 45, 5):
        history.sessions.checkpoint(
            checkpointed, float(second), second // 10, at=started + timedelta(seconds=second)
        )
    never = history.sessions.start("Gentle face", "gentle-face", "facial", 300, started_at=started)
    done = history.sessions.start("Quiet mind", "quiet-mind", "meditation", 60, started_at=started)
    history.sessions.finish(done, "completed", 60.0, ended_at=started + timedelta(minutes=1))
    # No finish, no close: as if the process had been killed (a second connection opens).
    result = open_history(data_dir, now=now)
    assert result.history is not None
    one = result.history.sessions.get(checkpointed)
    assert (one.status, one.elapsed_s, one.step_index) == ("interrupted", 40.0, 4)
    assert one.ended_at == started + timedelta(seconds=40)
    two = result.history.sessions.get(never)
    assert (two.status, two.elapsed_s, two.ended_at) == ("interrupted", 0.0, started)
    assert result.history.sessions.get(done).status == "completed"
    result.history.close()
    history.close()


_KILLED_CHILD = """
import sys, time
from datetime import datetime, timedelta
from pathlib import Path
from app.storage.history import open_history

history = open_history(Path(sys.argv[1])).history
started = datetime.now().astimezone()
session = history.sessions.start("Morning calm", "morning-calm", "breathing", 600,
                                started_at=started)
begin = time.monotonic()
step = 0
while True:
    elapsed = time.monotonic() - begin
    history.sessions.checkpoint(session, elapsed, step, at=started + timedelta(seconds=elapsed))
    print(repr(elapsed), flush=True)
    step += 1
    time.sleep(0.05)
"""


def test_sigkill_loses_no_session(data_dir: Path, now: FakeNow) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_CHILD, str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        acknowledged = 0.0
        deadline = time.monotonic() + 15
        while acknowledged < 0.5 and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line, "the child died"
            acknowledged = float(line)
        kill_time = acknowledged
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
    history = _opened(data_dir, now)
    (session,) = history.sessions.page()
    assert session.status == "interrupted"
    # Every printed checkpoint had been committed: at least the last one acknowledged.
    assert kill_time <= session.elapsed_s < kill_time + 5
    history.close()


# -- daily backups -------------------------------------------------------------------


def test_daily_backup_once_a_day_newest_seven_kept(data_dir: Path, now: FakeNow) -> None:
    backups = data_dir / "backups"
    for _day in range(10):
        history = _opened(data_dir, now)
        history.sessions.start("Morning calm", "morning-calm", "breathing", 60, started_at=now())
        history.close()
        _opened(data_dir, now).close()  # a second start the same day: no second backup
        now.advance(days=1)
    names = sorted(p.name for p in backups.iterdir())
    assert names == [f"history-2026-05-{day:02d}.sqlite3" for day in range(4, 11)]
    # Each backup is a consistent database holding what existed when it was taken.
    conn = sqlite3.connect(f"file:{backups / 'history-2026-05-10.sqlite3'}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (9,)
    conn.close()


def test_daily_backup_pruning_leaves_other_files_alone(data_dir: Path, now: FakeNow) -> None:
    backups = data_dir / "backups"
    backups.mkdir()
    keep = [backups / "history-before-v2-20200101-000000.sqlite3", backups / "mine.txt"]
    for path in keep:
        path.write_text("keep")
    for day in range(1, 11):
        (backups / f"history-2026-04-{day:02d}.sqlite3").write_text("old")
    _opened(data_dir, now).close()
    assert all(path.read_text() == "keep" for path in keep)
    daily = sorted(p.name for p in backups.glob("history-20*"))
    assert len(daily) == 7
    assert daily[-1] == "history-2026-05-01.sqlite3"


def test_a_failed_daily_backup_does_not_stop_the_history(data_dir: Path, now: FakeNow) -> None:
    (data_dir / "backups").write_text("a file where the folder should be")
    result = open_history(data_dir, now=now)
    assert result.history is not None
    assert len(said(result)) == 1
    assert said(result)[0].startswith("Today's backup of your history couldn't be made")
    result.history.close()


def test_damage_found_only_when_opening_for_real_is_set_aside_too(
    data_dir: Path, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.storage.history.opening as opening

    garbage = os.urandom(8192)
    (data_dir / "history.sqlite3").write_bytes(garbage)
    monkeypatch.setattr(opening, "inspect", lambda path: ("ok", 0))
    result = open_history(data_dir, now=now)
    assert result.moved_aside is not None
    assert result.moved_aside.read_bytes() == garbage
    assert said(result)[0].startswith("Your history file was damaged.")
    _assert_fresh_history_works(result, now)


def test_an_empty_file_left_by_a_crash_at_creation_is_just_a_new_history(
    data_dir: Path, now: FakeNow
) -> None:
    (data_dir / "history.sqlite3").write_bytes(b"")
    result = open_history(data_dir, now=now)
    assert said(result) == []
    assert result.moved_aside is None
    _assert_fresh_history_works(result, now)
