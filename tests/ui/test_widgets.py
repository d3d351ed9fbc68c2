"""The shared widgets: the undo banner folds away, cards and labels are named for the theme."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.widgets import UndoBanner, card, muted, stat_card


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
