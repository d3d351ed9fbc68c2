"""What starts after the window: the history opens off the GUI thread, and a damaged
history is kept aside with an offer to restore the newest backup."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.gui import _Services
from app.storage.history import open_history
from app.ui.context import AppContext
from app.ui.main_window import MainWindow


def _backup_with_one_session(data_dir: Path) -> Path:
    """A real history with one session, saved where daily backups go."""
    elsewhere = data_dir.parent / "elsewhere"
    opened = open_history(elsewhere)
    assert opened.history is not None
    sid = opened.history.sessions.start(
        "Gentle face", "gentle-face", "facial", 530.0, started_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    opened.history.sessions.finish(
        sid, "completed", 530.0, ended_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    opened.history.close()
    backups = data_dir / "backups"
    backups.mkdir(parents=True)
    backup = backups / "history-2026-11-20.sqlite3"
    backup.write_bytes((elsewhere / "history.sqlite3").read_bytes())
    return backup


def test_history_opens_after_the_window(qtbot: QtBot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    services = _Services(context, window, None)
    services.start()
    qtbot.waitUntil(lambda: services.history is not None, timeout=5000)
    assert context.recorder is not None
    assert window.plan_panel is not None
    services.close()


def test_a_damaged_history_offers_the_newest_backup(qtbot: QtBot, context: AppContext) -> None:
    _backup_with_one_session(context.data_dir)
    garbage = b"this is not a database" * 100
    (context.data_dir / "history.sqlite3").write_bytes(garbage)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    services = _Services(context, window, None)
    services.start()
    qtbot.waitUntil(lambda: window.notice.action.isVisible(), timeout=5000)
    assert "damaged" in window.notice.label.text()
    assert window.notice.action.text() == "Restore backup"
    kept = list(context.data_dir.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage  # kept aside, byte for byte
    window.notice.action.click()
    qtbot.waitUntil(
        lambda: services.history is not None and len(services.history.sessions.page()) == 1,
        timeout=5000,
    )
    assert services.history is not None
    assert services.history.sessions.page()[0].routine == "Gentle face"
    assert "restored" in window.notice.label.text()
    services.close()


def test_a_speech_cache_that_is_a_file_says_so_and_the_rest_starts(
    qtbot: QtBot, context: AppContext
) -> None:
    blocker = context.data_dir / "cache" / "speech"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("in the way", encoding="utf-8")
    context.mute = False  # speech is wanted
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    services = _Services(context, window, None)
    services.start()
    assert context.speech is None
    assert window.notice.label.text().startswith(
        "Spoken cues are off: the folder for the voice files"
    )
    qtbot.waitUntil(lambda: services.history is not None, timeout=5000)
    assert blocker.read_text(encoding="utf-8") == "in the way"
    services.close()
