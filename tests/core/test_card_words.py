"""The cards' words, cached for the first frame: used only for exactly the files and the
version that wrote them, and never a reason for an error."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from app.core import card_words
from app.core.card_words import (
    CardShelf,
    CardWords,
    folder_stamp,
    library_words,
    read_cached,
    write_cached,
)
from app.core.library import load_library
from app.resources import exercises_dir, images_dir

_CARDS = [
    CardWords(
        "Box breathing",
        "Breathing · about 4 min",
        "Four even counts.",
        "Box breathing",
        True,
        False,
    ),
    CardWords(
        "x.toml cannot be used",
        "/r/x.toml",
        "Line 1: no name",
        "x.toml (cannot be used)",
        False,
        True,
    ),
]


def _routines(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "b.toml").write_text("b", encoding="utf-8")
    (folder / "a.toml").write_text("a", encoding="utf-8")
    (folder / "notes.txt").write_text("not a routine", encoding="utf-8")
    return folder


def test_the_cache_gives_back_what_it_kept(tmp_path: Path) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cache" / "cards.json"
    stamp = folder_stamp([folder])
    write_cached(cache, stamp, _CARDS)
    assert read_cached(cache, folder_stamp([folder])) == _CARDS
    assert [Path(str(entry[0])).name for entry in stamp] == ["a.toml", "b.toml"]  # as read


def test_a_changed_added_or_removed_file_is_another_stamp(tmp_path: Path) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cards.json"
    write_cached(cache, folder_stamp([folder]), _CARDS)
    (folder / "a.toml").write_text("a longer text", encoding="utf-8")
    assert read_cached(cache, folder_stamp([folder])) is None
    write_cached(cache, folder_stamp([folder]), _CARDS)
    (folder / "c.toml").write_text("c", encoding="utf-8")
    assert read_cached(cache, folder_stamp([folder])) is None
    write_cached(cache, folder_stamp([folder]), _CARDS)
    (folder / "b.toml").unlink()
    assert read_cached(cache, folder_stamp([folder])) is None


def test_a_same_sized_edit_is_seen_by_its_time(tmp_path: Path) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cards.json"
    write_cached(cache, folder_stamp([folder]), _CARDS)
    before = (folder / "a.toml").stat().st_mtime_ns
    (folder / "a.toml").write_text("z", encoding="utf-8")
    os.utime(folder / "a.toml", ns=(before + 1_000_000, before + 1_000_000))
    assert read_cached(cache, folder_stamp([folder])) is None


def test_a_missing_folder_has_a_stamp_too(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet"
    cache = tmp_path / "cards.json"
    write_cached(cache, folder_stamp([missing]), _CARDS)
    assert read_cached(cache, folder_stamp([missing])) == _CARDS
    missing.mkdir()
    assert read_cached(cache, folder_stamp([missing])) is None  # now read, and empty


def test_another_version_of_the_app_reads_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cards.json"
    write_cached(cache, folder_stamp([folder]), _CARDS)
    monkeypatch.setattr(card_words, "__version__", "0.0.0-other")
    assert read_cached(cache, folder_stamp([folder])) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"format": 1}',
        '{"format": 2, "version": "V", "stamp": [], "cards": []}',
        '{"format": 1, "version": "V", "stamp": [], "cards": [["only", "three", "words"]]}',
        '{"format": 1, "version": "V", "stamp": [], "cards": [[1, 2, 3, 4, true, false]]}',
        '{"format": 1, "version": "V", "stamp": [], "cards": [["a", "b", "c", "d", 1, 0]]}',
        '{"format": 1, "version": "V", "stamp": [], "cards": "abc"}',
    ],
)
def test_a_file_that_is_not_ours_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(card_words, "__version__", "V")
    cache = tmp_path / "cards.json"
    cache.write_text(text, encoding="utf-8")
    assert read_cached(cache, []) is None


def test_an_oversized_file_is_not_read_whole(tmp_path: Path) -> None:
    cache = tmp_path / "cards.json"
    cards = [list(_CARDS[0])] * 20_000  # some 2 MB
    text = json.dumps({"format": 1, "version": card_words.__version__, "stamp": [], "cards": cards})
    cache.write_text(text, encoding="utf-8")
    assert read_cached(cache, []) is None


def test_the_cache_is_private_and_a_failed_write_is_no_error(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "cards.json"
    write_cached(cache, [], _CARDS)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", encoding="utf-8")
    write_cached(blocked / "cards.json", [], _CARDS)  # its folder cannot be made: no error
    assert blocked.read_text(encoding="utf-8") == "in the way"


def test_the_shelf_writes_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cards.json"
    writes: list[object] = []
    real_write = card_words.write_cached

    def counted(*args: object) -> None:
        writes.append(args)
        real_write(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(card_words, "write_cached", counted)
    shelf = CardShelf(cache, [folder])
    assert shelf.cached() is None
    shelf.before_reading()
    shelf.keep(_CARDS)
    assert len(writes) == 1
    again = CardShelf(cache, [folder])
    assert again.cached() == _CARDS
    again.before_reading()
    again.keep(_CARDS)  # the same files and words: nothing written
    assert len(writes) == 1
    again.before_reading()
    again.keep(_CARDS[:1])
    assert len(writes) == 2


def test_a_file_changed_while_it_is_read_is_read_again_next_time(tmp_path: Path) -> None:
    folder, cache = _routines(tmp_path), tmp_path / "cards.json"
    shelf = CardShelf(cache, [folder])
    shelf.before_reading()
    (folder / "a.toml").write_text("changed while the library was read", encoding="utf-8")
    shelf.keep(_CARDS)  # kept under the stamp from before the change
    assert CardShelf(cache, [folder]).cached() is None


def test_the_built_in_cards_say_what_the_page_shows(tmp_path: Path) -> None:
    library = load_library(exercises_dir(), tmp_path / "none", images_dir())
    cards = library_words(library)
    assert len(cards) == len(library.entries) > 5
    cold = next(card for card in cards if card.title == "Cold compress")
    assert cold.meta == "Compresses · about 16 min"  # words included, as it will play
    assert cold.builtin and not cold.broken and cold.name == "Cold compress"


def test_a_broken_file_has_a_card_that_says_why(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "oops.toml").write_text("name = [", encoding="utf-8")
    library = load_library(exercises_dir(), mine, images_dir())
    broken = [card for card in library_words(library) if card.broken]
    assert len(broken) == 1
    assert broken[0].title == "oops.toml cannot be used"
    assert broken[0].detail.startswith("Line ")
    assert not broken[0].builtin
