"""The shared widgets: the undo banner folds away, cards and labels are named for the theme."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.widgets import (
    UNAVAILABLE,
    UndoBanner,
    card,
    choice_combo,
    muted,
    show_text,
    stat_card,
    unavailable_notice,
    wrapped,
)


def test_undo_banner_shows_then_dismisses(qtbot: QtBot) -> None:
    banner = UndoBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    undone: list[bool] = []
    banner.undo.connect(lambda: undone.append(True))
    banner.show_message("Session deleted.")
    assert banner.isVisible() and banner.label.text() == "Session deleted."
    banner.button.click()
    assert undone == [True]
    banner.dismiss()
    assert banner.isHidden()


def test_cards_and_labels_carry_the_theme_names(qtbot: QtBot) -> None:
    frame, value = stat_card("minutes this week")
    qtbot.addWidget(frame)
    assert (frame.objectName(), frame.accessibleName()) == ("card", "minutes this week")
    assert (value.objectName(), value.text()) == ("pageTitle", "—")
    titled, box = card("Treatment")
    qtbot.addWidget(titled)
    assert (titled.objectName(), titled.accessibleName(), box.count()) == ("card", "Treatment", 1)
    line = muted("Nothing logged yet.")
    qtbot.addWidget(line)
    assert line.objectName() == "muted" and line.wordWrap()


def test_show_text_hides_an_empty_line(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    line = wrapped("", "status")
    line.setParent(holder)
    holder.show()
    show_text(line, "Paused.")
    assert line.isVisible() and line.text() == "Paused." and line.objectName() == "status"
    show_text(line, "")
    assert not line.isVisible()


def test_unavailable_notice_says_why_calmly(qtbot: QtBot) -> None:
    notice = unavailable_notice()
    qtbot.addWidget(notice)
    assert notice.text() == UNAVAILABLE
    assert notice.objectName() == "muted" and notice.wordWrap()
    assert notice.maximumWidth() == 620


def test_choice_combo_keeps_labels_and_values(qtbot: QtBot) -> None:
    combo = choice_combo("Side", [("Left", "left"), ("Right", "right")])
    qtbot.addWidget(combo)
    assert combo.accessibleName() == "Side"
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == [
        ("Left", "left"),
        ("Right", "right"),
    ]
