"""The words on a routine's card in the Routines page, and a cache of them.

The window's first full draw shows the cards (issue 18: within 1.5 times a bare window), and
reading eleven routine files takes longer than everything else on that screen: the
parser's imports, TOML, the checks and the timeline behind "about 16 min". So the words
are kept in a small cache beside the speech cache, keyed by each file's path, size and
time of change and by the app's version. The first frame draws the cards from it; the
library is read on the next turn of the event loop, as before, and the cards are built
again only if its words differ (a clock or a file changed under the same stamp): a stale
cache shows for a few milliseconds, never for longer, and never starts the wrong
routine, because Start acts on the routine read from the file.

Importing this module costs next to nothing: the parser and the timeline are imported
only by :func:`words_of`, after the first frame.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app import __version__

if TYPE_CHECKING:
    from app.core.library import Entry, Library

__all__ = [
    "CardShelf",
    "CardWords",
    "folder_stamp",
    "library_words",
    "read_cached",
    "words_of",
    "write_cached",
]

_FORMAT = 1
_MOST_BYTES = 1 << 20  # some thousand routines; anything larger is not ours


class CardWords(NamedTuple):
    """What a card says, and the little the page needs before the library is read."""

    title: str
    meta: str
    detail: str
    name: str  # the item's accessible name, and what type-ahead matches
    builtin: bool
    broken: bool


def words_of(entry: Entry) -> CardWords:
    """The card of ``entry``: its name, category and length as it will play (words
    included), or for a broken file, why it cannot be used."""
    routine = entry.routine
    if routine is None:
        detail = "\n".join(f"Line {p.line}: {p.message}" for p in entry.problems)
        name = f"{entry.path.name} (cannot be used)"
        title = f"{entry.path.name} cannot be used"
        return CardWords(title, str(entry.path), detail, name, entry.builtin, True)
    from app.core.durations import format_about
    from app.core.timeline import compile_timeline
    from app.core.words import CATEGORY_LABELS

    owner = "" if entry.builtin else " · yours"
    length = format_about(compile_timeline(routine).total)
    meta = f"{CATEGORY_LABELS[routine.category]} · {length}{owner}"
    return CardWords(routine.name, meta, routine.summary, routine.name, entry.builtin, False)


def library_words(library: Library) -> list[CardWords]:
    return [words_of(entry) for entry in library.entries]


def folder_stamp(folders: Iterable[Path]) -> list[list[object]]:
    """Path, size and time of change of every routine file, in the library's order
    (app/core/library.py: each folder's ``*.toml`` sorted by name)."""
    stamp: list[list[object]] = []
    for folder in folders:
        try:
            with os.scandir(folder) as found:
                files = sorted((e for e in found if e.name.endswith(".toml")), key=lambda e: e.name)
                for entry in files:
                    info = entry.stat()
                    stamp.append([entry.path, info.st_size, info.st_mtime_ns])
        except OSError:
            stamp.append([str(folder), -1, -1])  # missing or unreadable: a stamp all the same
    return stamp


def read_cached(cache: Path, stamp: list[list[object]]) -> list[CardWords] | None:
    """The cards cached for exactly these files and this version of the app, else None
    (no cache yet, another stamp, or a file that is not what this module writes)."""
    try:
        with cache.open("rb") as file:
            raw = file.read(_MOST_BYTES + 1)
        if len(raw) > _MOST_BYTES:
            return None
        data = json.loads(raw)
        if data.get("format") != _FORMAT or data.get("version") != __version__:
            return None
        if data.get("stamp") != stamp:
            return None
        cards = [CardWords(*card) for card in data["cards"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not all(_well_formed(card) for card in cards):
        return None
    return cards


def write_cached(cache: Path, stamp: list[list[object]], cards: Sequence[CardWords]) -> None:
    """Keep ``cards`` for the next start; a cache that cannot be written is no loss."""
    from app.core.files import replacing
    from app.paths import make_private_dirs

    text = json.dumps(
        {"format": _FORMAT, "version": __version__, "stamp": stamp, "cards": list(cards)},
        ensure_ascii=False,
    )
    try:
        make_private_dirs(cache.parent)
        # No fsync: a cache torn by a crash reads as no cache (see read_cached).
        with replacing(cache) as temp:
            temp.write_text(text, encoding="utf-8")
    except OSError:
        pass


def _well_formed(card: CardWords) -> bool:
    texts = (card.title, card.meta, card.detail, card.name)
    return all(isinstance(t, str) for t in texts) and all(
        isinstance(flag, bool) for flag in (card.builtin, card.broken)
    )


class CardShelf:
    """The cached cards of one set of routine folders: :meth:`cached` before the first
    frame, :meth:`keep` once the library has been read (written only when they changed)."""

    def __init__(self, cache: Path, folders: Sequence[Path]) -> None:
        self._cache = cache
        self._folders = tuple(folders)
        self._stamp: list[list[object]] = []
        self._kept: tuple[list[list[object]], list[CardWords]] | None = None

    def cached(self) -> list[CardWords] | None:
        stamp = folder_stamp(self._folders)
        cards = read_cached(self._cache, stamp)
        self._kept = None if cards is None else (stamp, cards)
        return cards

    def before_reading(self) -> None:
        """The files' stamp as they are about to be read: a file that changes while
        it is read gets a newer stamp than the one kept, so the next start reads it."""
        self._stamp = folder_stamp(self._folders)

    def keep(self, cards: Sequence[CardWords]) -> None:
        kept = (self._stamp, list(cards))
        if kept != self._kept:
            write_cached(self._cache, *kept)
            self._kept = kept
