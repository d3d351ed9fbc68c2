"""The tips page puts "when to seek help" first; the disclaimer is shown exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.core.seek_help import URGENT_ADVICE
from app.core.tips import DISCLAIMER, SEEK_HELP, TIPS
from app.services.settings import Settings
from app.ui import disclaimer
from app.ui.tips_page import TipsPage


@pytest.fixture
def page(qtbot: QtBot) -> TipsPage:
    widget = TipsPage()
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _text(widget: QWidget) -> str:
    return "\n".join(label.accessibleName() for label in widget.findChildren(QLabel))


def test_seek_help_card_is_first_and_names_the_warning_signs(page: TipsPage) -> None:
    card = page.seek_help_card
    assert page.sections[0] is card
    assert card.accessibleName() == SEEK_HELP.title
    text = _text(card).lower()
    for sign in ("vision", "balance", "numbness"):
        assert sign in text
    # Above every other section on screen.
    assert all(card.y() < section.y() for section in page.sections[1:])


def test_the_urgent_advice_comes_first_in_the_card_and_in_bold(page: TipsPage) -> None:
    card = page.seek_help_card
    labels = [label for label in card.findChildren(QLabel) if label.accessibleName()]
    urgent = [label for label in labels if label.objectName() == "urgentAdvice"]
    assert [label.accessibleName() for label in urgent] == list(URGENT_ADVICE)
    assert all("<b>" in label.text() for label in urgent)
    # Right under the title, before the calm tier and its list.
    title = next(label for label in labels if label.accessibleName() == SEEK_HELP.title)
    calm = next(label for label in labels if label.accessibleName() == SEEK_HELP.paragraphs[2])
    assert title.y() < urgent[0].y() < urgent[1].y() < calm.y()


def test_every_tip_section_and_the_disclaimer_are_shown(page: TipsPage) -> None:
    titles = [section.accessibleName() for section in page.sections]
    assert titles == [SEEK_HELP.title, *(tip.title for tip in TIPS)]
    assert DISCLAIMER in _text(page)


def test_every_label_has_an_accessible_name(page: TipsPage) -> None:
    for label in page.findChildren(QLabel):
        assert label.accessibleName() or label.text() == "•"


def test_show_seek_help_scrolls_to_the_card_and_marks_it(page: TipsPage, qtbot: QtBot) -> None:
    bar = page.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    page.show_seek_help()
    viewport = page.scroll_area.viewport()
    top = page.seek_help_card.mapTo(viewport, page.seek_help_card.rect().topLeft()).y()
    assert 0 <= top < viewport.height()
    assert page.seek_help_card.property("highlighted") is True
    qtbot.waitUntil(page.seek_help_card.hasFocus, timeout=1000)


def test_disclaimer_is_shown_once(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[QWidget | None] = []
    monkeypatch.setattr(
        disclaimer.DisclaimerDialog, "ask", classmethod(lambda cls, parent: calls.append(parent))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    settings = Settings(data_dir)
    assert settings.disclaimer_seen is False

    disclaimer.maybe_show_disclaimer(parent, settings)
    disclaimer.maybe_show_disclaimer(parent, settings)
    assert calls == [parent]
    assert Settings(data_dir).disclaimer_seen is True

    # A fresh start reads the flag back and stays quiet.
    disclaimer.maybe_show_disclaimer(parent, Settings(data_dir))
    assert len(calls) == 1
