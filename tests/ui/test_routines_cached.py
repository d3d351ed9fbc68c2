"""The first frame draws the cards from the cache; the routines behind them are read
after it, and what Start acts on is always the routine read from its file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.catalog import card_shelf, library_for
from app.core.card_words import CardWords, library_words
from app.core.library import Library
from app.core.routine import Routine
from app.paths import routines_dir
from app.ui.card_list import WORDS
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.routines_page import RoutinesPage


def _cached(data_dir: Path) -> tuple[Library, list[CardWords]]:
    """A cache as the last run left it."""
    library = library_for(data_dir)
    cards = library_words(library)
    shelf = card_shelf(data_dir)
    shelf.before_reading()
    shelf.keep(cards)
    return library, cards


def _cached_page(
    qtbot: QtBot, library: Library, cards: list[CardWords], shown: list[CardWords]
) -> RoutinesPage:
    """The page with ``shown`` drawn from the cache; ``library`` read when asked for."""
    page = RoutinesPage()
    qtbot.addWidget(page)
    page.library_needed.connect(lambda: page.set_library(library, cards))
    page.show_cards(shown)
    return page


def _titles(page: RoutinesPage) -> list[str]:
    return [page.list.item(row).data(WORDS).title for row in range(page.list.count())]


def _row(page: RoutinesPage, title: str) -> int:
    return _titles(page).index(title)


def test_the_window_is_built_with_its_cards_and_without_the_routines(
    qtbot: QtBot, context: AppContext
) -> None:
    _, cards = _cached(context.data_dir)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert _titles(window.routines) == [card.title for card in cards]
    assert window._library is None  # read after the first frame, not before
    assert window.routines.start_button.isEnabled()  # a card to start is there already
    with qtbot.waitSignal(window.first_frame_shown, timeout=5000):
        window.show()
    assert window._library is not None  # and read right after it
    assert _titles(window.routines) == [card.title for card in cards]
    assert window.routines.routine_at(0) is not None


def test_start_pressed_before_the_routines_are_read_starts_the_card_shown(
    qtbot: QtBot, context: AppContext
) -> None:
    library, cards = _cached(context.data_dir)
    page = _cached_page(qtbot, library, cards, cards)
    page.list.setCurrentRow(_row(page, "Body scan"))
    started: list[Routine] = []
    page.start_requested.connect(started.append)
    page.start_button.click()
    assert [routine.name for routine in started] == ["Body scan"]


def test_a_stale_card_starts_nothing_and_the_real_ones_are_shown(
    qtbot: QtBot, context: AppContext
) -> None:
    library, cards = _cached(context.data_dir)
    stale = [
        card._replace(title="Old name") if card.title == "Body scan" else card for card in cards
    ]
    page = _cached_page(qtbot, library, cards, stale)
    page.list.setCurrentRow(_row(page, "Old name"))
    started: list[Routine] = []
    page.start_requested.connect(started.append)
    page.start_button.click()
    assert started == []  # not what was under the finger a moment ago
    assert _titles(page) == [card.title for card in cards]


def test_a_file_changed_since_the_cache_is_shown_as_it_is_now(
    qtbot: QtBot, context: AppContext
) -> None:
    _cached(context.data_dir)
    mine = routines_dir(context.data_dir)
    mine.mkdir(parents=True, exist_ok=True)
    (mine / "mine.toml").write_text("name = [", encoding="utf-8")  # since the last run
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert "mine.toml cannot be used" not in _titles(window.routines)  # no cache: empty
    with qtbot.waitSignal(window.routines_listed, timeout=5000):
        window.show()
    assert "mine.toml cannot be used" in _titles(window.routines)
    broken = _row(window.routines, "mine.toml cannot be used")
    window.routines.list.setCurrentRow(broken)
    assert not window.routines.start_button.isEnabled()


def test_a_category_chosen_before_the_routines_are_read_filters_them(
    qtbot: QtBot, context: AppContext
) -> None:
    library, cards = _cached(context.data_dir)
    page = _cached_page(qtbot, library, cards, cards)
    page.filter.setCurrentIndex(page.filter.findData("compress"))
    shown = [
        page.list.item(row).data(WORDS).title
        for row in range(page.list.count())
        if not page.list.item(row).isHidden()
    ]
    assert shown == ["Cold compress", "Warm compress"]
