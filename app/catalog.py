"""The routine library of this installation and this person: built-ins plus DATA_DIR/routines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.card_words import CardShelf, CardWords
from app.folders import cards_file
from app.paths import routines_dir
from app.resources import exercises_dir, images_dir

if TYPE_CHECKING:
    from app.core.library import Library


def library_for(data_dir: Path) -> Library:
    # The parser is imported here, not above: the first frame draws cached cards
    # (card_shelf) and reads the routines on the next turn of the event loop.
    from app.core.library import load_library

    return load_library(exercises_dir(), routines_dir(data_dir), images_dir())


def card_shelf(data_dir: Path) -> CardShelf:
    """The cached words of the cards of :func:`library_for`'s routines."""
    return CardShelf(cards_file(data_dir), (exercises_dir(), routines_dir(data_dir)))


def read_library(data_dir: Path, shelf: CardShelf) -> tuple[Library, list[CardWords]]:
    """The routines and their cards' words, the words kept on ``shelf`` for the next
    start (stamped as the files were before they were read)."""
    from app.core.card_words import library_words

    shelf.before_reading()
    library = library_for(data_dir)
    cards = library_words(library)
    shelf.keep(cards)
    return library, cards
