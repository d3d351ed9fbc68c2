"""The journal page on a real History: episodes, treatments, seek-help, delete and undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.seek_help import CALL_NOW, HelpNotice, Tier
from app.storage.history import History, JournalEntry, open_history
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
    page.severity.buttons[7].click()
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


def test_defaults_log_in_one_go_and_save_no_rating_nobody_gave(
    page: JournalPage, history: History
) -> None:
    assert page.severity.value() is None
    assert page.side.currentData() == ""
    page.log_episode()
    (entry,) = history.journal.entries()
    assert (entry.area, entry.side, entry.severity, entry.duration_s) == ("eyelid", "", None, None)
    assert "/10" not in page.recent.item(0).text()


def test_severity_and_side_are_saved_only_when_chosen_each_time(
    qtbot: QtBot, page: JournalPage, history: History
) -> None:
    assert page.severity.low.text() == "0 none"
    assert page.severity.high.text() == "10 worst"
    page.severity.buttons[0].click()  # 0 is a rating too: "none"
    page.side.setCurrentIndex(page.side.findData("both"))
    page.log_episode()
    # The next episode starts unrated again: a rating is never carried over unasked.
    assert page.severity.value() is None
    assert page.side.currentData() == ""
    page.severity.buttons[6].click()
    page.severity.buttons[6].click()  # a second click clears it
    page.log_episode()
    unrated, rated = history.journal.entries()  # newest first
    assert (rated.severity, rated.side) == (0, "both")
    assert (unrated.severity, unrated.side) == (None, "")
    qtbot.keyClick(page.severity.buttons[0], Qt.Key.Key_8)  # digits choose, as after a routine
    assert page.severity.value() == 8


def test_a_calm_sign_raises_seek_help_once(
    qtbot: QtBot, page: JournalPage, history: History
) -> None:
    notices: list[HelpNotice] = []
    page.seek_help.connect(notices.append)
    sign = "double vision or vision loss with the eyes open"
    page.symptom_boxes[sign].setChecked(True)
    page.log_button.click()
    assert len(notices) == 1
    assert notices[0].tier is Tier.SOON
    assert sign in notices[0].text
    assert history.help_prompts(NOW.date()) == []

    page.log_button.click()  # an ordinary episode: nothing new to say
    page.check_seek_help()
    assert len(notices) == 1
    (_, entry) = history.journal.entries()  # newest first
    assert entry.symptoms == (sign,)


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


@pytest.fixture
def boxes_shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """The real notice is built; only its modal exec is replaced, so nothing blocks."""
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "deleteLater", lambda box: None)  # kept to be read
    return shown


def _window_on_journal(qtbot: QtBot, context: AppContext, history: History) -> MainWindow:
    window = MainWindow(context, history_provider=lambda: history)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(window.PAGES.index("Journal"))
    assert window.stack.currentWidget() is window.journal_page
    return window


def test_a_sudden_sign_opens_the_urgent_notice_first(
    qtbot: QtBot, context: AppContext, history: History, boxes_shown: list[QMessageBox]
) -> None:
    window = _window_on_journal(qtbot, context, history)
    page = window.journal_page
    assert not page.signs.urgent_hint.isVisible()
    page.symptom_boxes["hearing loss or ringing on the spasm side"].setChecked(True)
    assert not page.signs.urgent_hint.isVisible()  # a calm sign: no call yet
    page.symptom_boxes["sudden face drooping"].setChecked(True)
    # Told at once, before anything is logged.
    assert page.signs.urgent_hint.isVisible()
    assert page.signs.urgent_hint.text().startswith(CALL_NOW)
    page.log_button.click()

    (box,) = boxes_shown  # one notice, urgent and calm together
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.windowTitle() == "Get medical help now"
    assert box.text().startswith("Call your emergency number now (such as 999, 112 or 911).")
    assert "sudden face drooping" in box.text()
    assert "stroke" in box.text()
    assert "hearing loss" not in box.text()  # the calm reason comes after, below it
    assert "hearing loss or ringing on the spasm side" in box.informativeText()
    assert "not an emergency" not in box.text() + box.informativeText()
    assert window.stack.currentWidget() is window.tips  # then the advice itself
    assert not page.signs.urgent_hint.isVisible()  # the form is clear for the next one


def test_a_rising_trend_opens_the_calm_notice(
    qtbot: QtBot, context: AppContext, history: History, boxes_shown: list[QMessageBox]
) -> None:
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    # 0, 1 and 2 episodes in the last three weeks, 2 this week: logging one more is the
    # third rise in a row.
    for weeks_ago, count in ((3, 0), (2, 1), (1, 2), (0, 2)):
        for i in range(count):
            day = monday - timedelta(weeks=weeks_ago)
            when = datetime.combine(day, time(6 + i)).astimezone()
            history.journal.add(JournalEntry.new_episode(at=when, area="eyelid"))
    window = _window_on_journal(qtbot, context, history)
    window.journal_page.log_button.click()

    (box,) = boxes_shown
    assert box.icon() == QMessageBox.Icon.NoIcon
    assert box.windowTitle() == "A gentle note"
    assert box.text().startswith("Your spasm episodes have gone up three weeks in a row")
    assert "emergency" not in box.text() + box.informativeText()
    assert window.stack.currentWidget() is window.tips


def test_the_window_passes_the_notice_to_seek_help_notice(
    qtbot: QtBot, context: AppContext, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[HelpNotice] = []
    monkeypatch.setattr(
        SeekHelpNotice, "ask", classmethod(lambda cls, parent, notice: asked.append(notice))
    )
    window = _window_on_journal(qtbot, context, history)
    assert [window.nav.item(i).text() for i in range(window.nav.count())][2:4] == [
        "History",
        "Journal",
    ]
    window.journal_page.symptom_boxes["trouble swallowing, speaking or breathing"].setChecked(True)
    window.journal_page.log_button.click()
    (notice,) = asked
    assert notice.tier is Tier.URGENT
    assert "above all after a botulinum toxin injection" in notice.text
    assert window.stack.currentWidget() is window.tips
