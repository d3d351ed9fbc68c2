"""One owner of a history: the lock, who may recover, and a file never opened twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import FakeNow, said

from app.storage import database
from app.storage.history import open_history, open_read_only
from app.storage.owner import HistoryInUse, HistoryLock, read_holder

_HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.storage.owner import HistoryLock
    lock = HistoryLock.acquire(Path(sys.argv[1]), sys.argv[2])
    print("held", flush=True)
    sys.stdin.readline()
    """
)


def _holding(data_dir: Path, repo: Path, role: str) -> subprocess.Popen[str]:
    """Another process holding the history's lock in ``role``, until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(data_dir), role],
        cwd=repo,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def other_process(data_dir: Path, repo: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the history's lock as a window would."""
    proc = _holding(data_dir, repo, "window")
    yield proc
    proc.communicate(timeout=10)  # closing its stdin lets it go


def _running_session(data_dir: Path, now: FakeNow) -> int:
    opened = open_history(data_dir, now=now)
    assert opened.history is not None
    session_id = opened.history.sessions.start(
        "Gentle face", "gentle-face", "facial", 600, started_at=now()
    )
    opened.history.sessions.checkpoint(session_id, 42.0, 2, at=now())
    opened.history.close()
    return session_id


def test_a_second_holder_is_refused_and_told_who_holds_it(
    data_dir: Path, other_process: subprocess.Popen[str]
) -> None:
    with pytest.raises(HistoryInUse) as refused:
        HistoryLock.acquire(data_dir, "terminal")
    assert refused.value.holder.role == "window"
    assert refused.value.holder.pid == other_process.pid


def test_a_window_s_lock_is_not_waited_for(
    data_dir: Path, other_process: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window holds the lock for as long as it is open: a second launch hands its
    wish to it at once (app/gui.py) instead of polling the lock for seconds first."""
    from app.ownership import AlreadyInUse, claim_history
    from app.storage import owner

    polls: list[float] = []
    monkeypatch.setattr(owner.time, "sleep", polls.append)
    with pytest.raises(AlreadyInUse) as refused:
        claim_history(data_dir, "window", wanted="open another window")
    assert refused.value.holder.role == "window"
    assert polls == []


def test_a_terminal_s_lock_is_waited_for(data_dir: Path, repo: Path) -> None:
    """`facewell run --no-gui` ends soon: a window opening meanwhile waits for it."""
    from app.ownership import claim_history

    proc = _holding(data_dir, repo, "terminal")
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.close()  # it lets go now, while the other waits
    lock = claim_history(data_dir, "window", wanted="open the window")
    assert lock is not None and lock.held
    lock.release()
    proc.wait(timeout=10)
    proc.stdout.close()


def test_the_lock_is_free_again_once_released(data_dir: Path) -> None:
    lock = HistoryLock.acquire(data_dir, "terminal")
    assert read_holder(data_dir).pid == os.getpid()
    lock.release()
    assert not lock.held
    with HistoryLock.acquire(data_dir, "window") as again:
        assert again.held
    assert (data_dir / "history.lock").stat().st_mode & 0o777 == 0o600


def test_nobody_recovers_the_rows_of_a_living_recorder(
    data_dir: Path, now: FakeNow, other_process: subprocess.Popen[str]
) -> None:
    """What went wrong before: a second process took a live session for a crash."""
    session_id = _running_session(data_dir, now)
    opened = open_history(data_dir, now=now)  # can't take the lock: it leaves rows alone
    assert opened.history is not None
    assert opened.history.sessions.get(session_id).status == "running"
    opened.history.close()
    reader = open_read_only(data_dir, now=now)
    assert reader.history is not None
    assert reader.history.sessions.get(session_id).status == "running"
    reader.history.close()


def test_the_owner_recovers_what_a_dead_recorder_left_running(data_dir: Path, now: FakeNow) -> None:
    session_id = _running_session(data_dir, now)  # its recorder is gone: no lock held
    with HistoryLock.acquire(data_dir, "window") as lock:
        opened = open_history(data_dir, now=now, lock=lock)
    assert opened.history is not None
    record = opened.history.sessions.get(session_id)
    opened.history.close()
    assert (record.status, record.elapsed_s) == ("interrupted", 42.0)


def test_a_damaged_file_in_use_is_never_moved_aside(
    data_dir: Path, now: FakeNow, other_process: subprocess.Popen[str]
) -> None:
    path = data_dir / "history.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    opened = open_history(data_dir, now=now)
    assert opened.history is None
    assert "another Facewell is using it" in said(opened)[0]
    assert sorted(p.name for p in data_dir.iterdir()) == ["history.lock", "history.sqlite3"]


def test_connecting_never_opens_an_existing_database_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing any descriptor of the file would drop SQLite's POSIX locks on it."""
    path = data_dir / "history.sqlite3"
    database.connect(path).close()
    opened: list[str] = []
    real_open = os.open

    def watched_open(file: object, *args: object, **kwargs: object) -> int:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", watched_open)
    first = database.connect(path)
    second = database.connect(path)  # as the recorder's thread does beside the GUI's
    second.close()
    first.close()
    assert str(path) not in opened
    assert path.stat().st_mode & 0o777 == 0o600
