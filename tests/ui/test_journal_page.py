"""The journal page on a real History: episodes, treatments, seek-help, delete and undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage.history import History, open_history
from app.ui.context import AppContext
from app.ui.journal_page import JournalPage
from app.ui.main_window import MainWindow
from app.ui.questions import SeekHelpNotice

NOW = datetime(2026, 5, 1, 12, 0).astimezone()


@pytest.fixture
def history(data_dir: Path) -> Iterator[History]:
    opened = open_history(data_dir, now=lambda: NOW)
    assert opened.history is not None
    yield opened.history
    opened.history.close()


@pytest.fixture
def page(qtbot: QtBot, history: History) -> JournalPage:
    widget = JournalPage(lambda: history, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    return widget


def test_log_an_episode_with_triggers(page: JournalPage, history: History) -> None:
    assert page.when.dateTime().toPython() == NOW.replace(tzinfo=None)
    page.area.setCurrentIndex(page.area.findData("cheek"))
    page.side.setCurrentIndex(page.side.findData("right"))
    page.severity.setValue(7)
    page.minutes.setValue(1)
    page.seconds.setValue(30)
    page.trigger_boxes["stress"].setChecked(True)
    page.trigger_boxes["poor sleep"].setChecked(True)
    page.note.setText("after a long call")
    page.log_button.click()

    (entry,) = history.journal.entries("episode")
    assert entry.at == NOW
    assert entry.area == "cheek"
    assert entry.side == "right"
    assert entry.severity == 7
    assert entry.duration_s == 90
    assert entry.triggers == ("stress", "poor sleep")
    assert entry.symptoms == ()
    assert entry.note == "after a long call"
    # The form is ready for the next one, and the entry is listed.
    assert not page.trigger_boxes["stress"].isChecked()
    assert page.note.text() == ""
    assert page.recent.count() == 1
    assert "cheek (right), 7/10, 1 min 30 s" in page.recent.item(0).text()


def test_defaults_log_in_one_go(page: JournalPage, history: History) -> None:
    page.log_episode()
    (entry,) = history.journal.entries()
    assert (entry.area, entry.side, entry.duration_s) == ("eyelid", "left", None)


def test_vision_changes_raise_seek_help_once(
    qtbot: QtBot, page: JournalPage, history: History
) -> None:
    messages: list[str] = []
    page.seek_help.connect(messages.append)
    page.symptom_boxes["vision changes"].setChecked(True)
    page.log_button.click()
    assert len(messages) == 1
    assert "vision changes" in messages[0]
    assert history.help_prompts(NOW.date()) == []

    page.log_button.click()  # an ordinary episode: nothing new to say
    page.check_seek_help()
    assert len(messages) == 1
    (_, entry) = history.journal.entries()  # newest first
    assert entry.symptoms == ("vision changes",)


def test_log_a_treatment(page: JournalPage, history: History) -> None:
    page.treatment.setCurrentIndex(page.treatment.findData("doctor visit"))
    page.treatment_note.setText("Dr. Lee, follow-up")
    page.treatment_button.click()
    (entry,) = history.journal.entries("treatment")
    assert entry.treatment == "doctor visit"
    assert entry.note == "Dr. Lee, follow-up"
    assert entry.at.date() == NOW.date()
    assert page.recent.count() == 1
    assert "Doctor visit" in page.recent.item(0).text()


def test_delete_and_undo(page: JournalPage, history: History) -> None:
    page.log_episode()
    page.recent.setCurrentRow(0)
    page.delete_button.click()
    assert history.journal.entries() == []
    assert page.recent.count() == 0
    assert page.undo_banner.isVisible()
    page.undo_banner.button.click()
    assert len(history.journal.entries()) == 1
    assert page.recent.count() == 1
    assert not page.undo_banner.isVisible()


def test_without_a_history_the_page_explains(qtbot: QtBot) -> None:
    page = JournalPage(lambda: None)
    qtbot.addWidget(page)
    page.show()
    assert page.pages.currentWidget() is page.unavailable
    page.log_episode()  # nothing to save into, and no error


def test_window_shows_the_advice_after_the_notice(
    qtbot: QtBot, context: AppContext, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        SeekHelpNotice, "ask", classmethod(lambda cls, parent, message: asked.append(message))
    )
    window = MainWindow(context, history_provider=lambda: history)
    qtbot.addWidget(window)
    window.show()
    assert [window.nav.item(i).text() for i in range(window.nav.count())][2:4] == [
        "History",
        "Journal",
    ]
    window.nav.setCurrentRow(window.PAGES.index("Journal"))
    assert window.stack.currentWidget() is window.journal_page
    window.journal_page.symptom_boxes["numbness"].setChecked(True)
    window.journal_page.log_button.click()
    assert len(asked) == 1
    assert "numbness" in asked[0]
    assert window.stack.currentWidget() is window.tips
