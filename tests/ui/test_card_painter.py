"""A card says its words as written: a name with <, > or & is text, not markup."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from app.core.card_words import CardWords
from app.ui.card_list import WORDS, CardList
from app.ui.card_painter import _html


def test_markup_in_a_routine_s_words_is_shown_as_text(qtbot: QtBot) -> None:
    words = CardWords(
        "Jaw <b>& neck</b>", "Facial · about 3 min", "1 < 2 > 0\nrest", "x", False, False
    )
    document = QTextDocument()
    document.setHtml(_html(words, QFont(), ("#000000", "#000000", "#000000")))
    assert document.toPlainText().splitlines() == [
        "Jaw <b>& neck</b>",
        "Facial · about 3 min",
        "1 < 2 > 0",
        "rest",
    ]


def test_a_longer_summary_makes_a_taller_card(qtbot: QtBot) -> None:
    cards = CardList()
    qtbot.addWidget(cards)
    cards.resize(400, 300)
    short = CardWords("A", "B", "short", "A", True, False)
    long = short._replace(detail="a summary long enough to wrap onto several lines " * 4)
    for words in (short, long):
        QListWidgetItem(cards).setData(WORDS, words)
    cards.show()
    cards.ready()
    heights = [cards.item(row).sizeHint().height() for row in range(2)]
    assert heights[1] > heights[0] + 20
