"""A routine file being edited: the text a person wrote, changed one field at a time.

The editor never rebuilds a routine file from the model. It keeps the parsed TOML
document (tomlkit, which round-trips) and changes only the keys the person touched, so
comments, blank lines, key order and keys the app does not know survive an edit in the
GUI. Validation is the very same as `facewell check`: the document's text goes through
`app.core.loader.parse_routine`.

A comment written directly above a `[[steps]]` header belongs to that step: it moves
with the step when steps are reordered and goes away with it when it is removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Comment, Item, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from app.core.durations import DurationError, parse_duration
from app.core.files import write_text_atomic
from app.core.loader import Problem, RoutineError, parse_routine, read_routine_text, slugify
from app.core.routine import STEP_KINDS, Routine, step_seconds
from app.core.toml_guard import TomlError, check_limits
from app.paths import make_private_dirs

__all__ = [
    "BREATHING_PRESETS",
    "STEP_DEFAULTS",
    "RoutineDocument",
    "atomic_write",
    "unique_path",
]


def insert_key(container: Container, after: str | None, key: str, value: Any) -> None:
    """Put ``key`` right after the key ``after`` (first when None), keeping every other
    line, comment and blank line where it was.

    WORKAROUND: tomlkit has no public way to insert at a place; its private
    ``Container._insert_at`` does it (``_insert_after`` went in tomlkit 0.15.3, within
    the minor version pyproject.toml allows). tests/core/test_routine_doc.py checks this
    helper, so a tomlkit that changes ``_insert_at`` fails there, not in an editor.
    """
    if after is None:
        container._insert_at(0, key, value)
        return
    places = [
        i for i, (name, _) in enumerate(container.body) if name is not None and name.key == after
    ]
    if not places:
        raise KeyError(after)
    place = max(places) + 1  # after its last part, as tomlkit's own insert did
    if place < len(container.body):
        container._insert_at(place, key, value)
    else:
        container.append(key, value)


#: Gentle starting values for a new step of each kind.
STEP_DEFAULTS: dict[str, dict[str, Any]] = {
    "breathing": {
        "title": "Slow breathing",
        "inhale": 4,
        "hold": 0,
        "exhale": 6,
        "hold_after": 0,
        "cycles": 6,
    },
    "exercise": {"title": "Gentle movement", "hold": 5, "rest": 8, "reps": 3, "side": "both"},
    "meditation": {"title": "Quiet sitting", "duration": "2m"},
    "compress": {
        "title": "Cold compress",
        "temperature": "cold",
        "on": "4m",
        "off": "1m",
        "rounds": 3,
    },
    "rest": {"title": "Rest", "duration": "30s"},
}

#: Breathing presets: (inhale, hold, exhale, hold_after) in seconds.
BREATHING_PRESETS: dict[str, tuple[int, int, int, int]] = {
    "box": (4, 4, 4, 4),
    "4-7-8": (4, 7, 8, 0),
    "coherent": (5, 0, 5, 0),
}
_PHASE_KEYS = ("inhale", "hold", "exhale", "hold_after")
_COMMON_KEYS = ("kind", "title", "instruction", "cue")
# Where a key the editor adds goes: the order of docs/routine-format.md.
_KEY_ORDER: dict[str, tuple[str, ...]] = {
    "breathing": (*_COMMON_KEYS, *_PHASE_KEYS, "cycles", "duration", "voice_phases"),
    "meditation": (*_COMMON_KEYS, "duration", "bell_every"),
    "exercise": (
        *_COMMON_KEYS,
        *("hold", "rest", "reps", "side", "image", "unsuitable_for", "reason"),
    ),
    "compress": (*_COMMON_KEYS, "temperature", "on", "off", "rounds"),
    "rest": (*_COMMON_KEYS, "duration"),
}


class RoutineDocument:
    """An editable routine file. Every change keeps the rest of the text as it was."""

    def __init__(self, document: TOMLDocument) -> None:
        self._doc = document
        self._lift_step_comments()

    # -- making one ---------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, file: str = "<routine>") -> RoutineDocument:
        """Parse `text`; a TOML syntax error raises RoutineError with its line."""
        try:
            check_limits(text)  # tomlkit recurses too, and calls int() on any digits
            document = tomlkit.parse(text)
        except TomlError as exc:
            raise RoutineError([Problem(file, exc.line, exc.message)]) from None
        except ParseError as exc:
            message = str(exc).split(" at line ")[0]
            raise RoutineError([Problem(file, exc.line, f"TOML syntax error: {message}")]) from None
        return cls(document)

    @classmethod
    def load(cls, path: Path) -> RoutineDocument:
        """The file's document; RoutineError when it can't be read or parsed."""
        return cls.from_text(read_routine_text(path), str(path))

    @classmethod
    def new(cls, name: str) -> RoutineDocument:
        """An empty routine: a name and a category, no steps yet."""
        document = tomlkit.document()
        document["name"] = name
        document["summary"] = ""
        document["category"] = "mixed"
        document["tags"] = tomlkit.array()
        return cls(document)

    # -- top level ----------------------------------------------------------------------

    @property
    def name(self) -> str:
        return _text(self._doc.get("name"))

    @name.setter
    def name(self, value: str) -> None:
        self._set_top("name", value)

    @property
    def summary(self) -> str:
        return _text(self._doc.get("summary"))

    @summary.setter
    def summary(self, value: str) -> None:
        self._set_top("summary", value)

    @property
    def category(self) -> str:
        return _text(self._doc.get("category")) or "mixed"

    @category.setter
    def category(self, value: str) -> None:
        self._set_top("category", value)

    @property
    def tags(self) -> list[str]:
        raw = self._doc.get("tags")
        if not isinstance(raw, list):
            return []
        return [str(tag) for tag in raw]

    @tags.setter
    def tags(self, value: list[str]) -> None:
        array = tomlkit.array()
        array.extend(value)
        self._set_top("tags", array)

    def _set_top(self, key: str, value: Any) -> None:
        if key in self._doc:
            self._doc[key] = value
            return
        # Keep the top-level keys together, above the first [[steps]].
        keys = [k.key for k, item in self._doc.body if k is not None and not _is_table(item)]
        insert_key(self._doc, keys[-1] if keys else None, key, value)

    # -- steps ----------------------------------------------------------------------------

    def _steps(self) -> AoT | None:
        steps = self._doc.get("steps")
        return steps if isinstance(steps, AoT) else None

    def _table(self, index: int) -> Table:
        steps = self._steps()
        if steps is None or not 0 <= index < len(steps):
            raise IndexError(f"no step {index + 1}")
        table = steps[index]
        if not isinstance(table, Table):
            raise IndexError(f"step {index + 1} is not a table")
        return table

    def steps(self) -> list[dict[str, Any]]:
        """Plain copies of the steps' fields (changing them changes nothing)."""
        steps = self._steps()
        if steps is None:
            return []
        return [dict(table.unwrap()) for table in steps if isinstance(table, Table)]

    def step(self, index: int) -> dict[str, Any]:
        return dict(self._table(index).unwrap())

    def __len__(self) -> int:
        steps = self._steps()
        return 0 if steps is None else len(steps)

    def add_step(self, kind: str, index: int | None = None) -> int:
        """Add a step with gentle defaults; return its index."""
        if kind not in STEP_KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        table = tomlkit.table()
        table["kind"] = kind
        for key, value in STEP_DEFAULTS[kind].items():
            table[key] = value
        steps = self._steps()
        if steps is None:
            if "steps" in self._doc:
                raise ValueError('"steps" is not an array of tables; fix it in the file first')
            steps = tomlkit.aot()
            self._doc.append("steps", steps)
        position = len(steps) if index is None else max(0, min(index, len(steps)))
        steps.insert(position, table)
        self._respace()
        return position

    def remove_step(self, index: int) -> None:
        self._table(index)
        steps = self._steps()
        assert steps is not None
        del steps[index]
        self._respace()

    def move_step(self, index: int, to: int) -> None:
        """Move step `index` so that it ends up at position `to`."""
        table = self._table(index)
        steps = self._steps()
        assert steps is not None
        to = max(0, min(to, len(steps) - 1))
        if to == index:
            return
        del steps[index]
        steps.insert(to, table)
        self._respace()

    def set_field(self, step_index: int, key: str, value: Any) -> None:
        """Set one key of a step; every other key and comment stays as it was."""
        table = self._table(step_index)
        if key in table:
            table[key] = value  # tomlkit keeps the line's comment
            return
        body = table.value
        keys = [k.key for k, item in body.body if k is not None and not _is_table(item)]
        order = _KEY_ORDER.get(_text(table.get("kind")), _COMMON_KEYS)
        if key in order:
            # Next to its neighbours: "hold" goes after "inhale", not at the end.
            earlier = [k for k in keys if k in order and order.index(k) < order.index(key)]
            keys = earlier or ([] if any(k in order for k in keys) else keys)
        insert_key(body, keys[-1] if keys else None, key, value)
        dict.__setitem__(table, key, body[key])  # tomlkit's Table mirrors its body

    def remove_field(self, step_index: int, key: str) -> None:
        table = self._table(step_index)
        if key in table:
            del table[key]

    def apply_breathing_preset(self, step_index: int, preset: str) -> None:
        """Set a breathing step's phases to a preset; "custom" leaves them alone."""
        if preset == "custom":
            return
        try:
            values = BREATHING_PRESETS[preset]
        except KeyError:
            raise ValueError(f"unknown breathing preset {preset!r}") from None
        table = self._table(step_index)
        for key, seconds in zip(_PHASE_KEYS, values, strict=True):
            if seconds or key in table or key in ("inhale", "exhale"):
                self.set_field(step_index, key, seconds)

    def breathing_preset(self, step_index: int) -> str:
        """The preset a breathing step's phases match, or "custom"."""
        step = self.step(step_index)
        try:
            phases = tuple(_seconds(step.get(key, 0)) for key in _PHASE_KEYS)
        except ValueError:
            return "custom"
        for name, values in BREATHING_PRESETS.items():
            if phases == tuple(float(v) for v in values):
                return name
        return "custom"

    # -- text, checks, files ----------------------------------------------------------------

    def text(self) -> str:
        return tomlkit.dumps(self._doc)

    def parse(self, file_label: str = "<routine>", *, image_dirs: tuple[Path, ...] = ()) -> Routine:
        """The routine this text makes, or RoutineError: exactly what `facewell check` does."""
        return parse_routine(self.text(), file_label, image_dirs=image_dirs)

    def validate(
        self, file_label: str = "<routine>", *, image_dirs: tuple[Path, ...] = ()
    ) -> list[Problem]:
        try:
            self.parse(file_label, image_dirs=image_dirs)
        except RoutineError as exc:
            return list(exc.problems)
        return []

    def total_seconds(self, *, image_dirs: tuple[Path, ...] = ()) -> float | None:
        try:
            return self.parse(image_dirs=image_dirs).total_seconds
        except RoutineError:
            return None

    def step_seconds(self, index: int) -> float | None:
        """One step's length on its own, or None while that step is invalid."""
        step = self.step(index)
        text = tomlkit.dumps({"name": "step", "steps": [step]})
        try:
            routine = parse_routine(text)
        except RoutineError:
            return None
        return step_seconds(routine.steps[0])

    def save(self, path: Path) -> None:
        """Write atomically (a temporary file, then a rename), readable by the user only."""
        atomic_write(path, self.text(), mode=0o600)

    # -- keeping the text tidy ----------------------------------------------------------------

    def _lift_step_comments(self) -> None:
        """Comments right above a [[steps]] header become part of that header.

        tomlkit files them at the end of whatever comes before; lifting them into the
        header's indent makes them travel with their step.
        """
        steps = self._steps()
        if steps is None:
            return
        previous = _end_before(self._doc.body, "steps")
        for table in steps:
            if not isinstance(table, Table):
                continue
            if previous is not None:
                lifted = _pop_trailing_comments(previous)
                if lifted:
                    table.trivia.indent = lifted + table.trivia.indent.lstrip("\n")
            previous = _deep_last(table.value)

    def _respace(self) -> None:
        """One blank line before every [[steps]] header, none piling up elsewhere."""
        steps = self._steps()
        if steps is None:
            return
        previous = _end_before(self._doc.body, "steps")
        for table in steps:
            if not isinstance(table, Table):
                continue
            if previous is not None:
                _drop_trailing_whitespace(previous)
            table.trivia.indent = "\n" + table.trivia.indent.lstrip("\n")
            previous = _deep_last(table.value)
        if previous is not None:
            _drop_trailing_whitespace(previous)


def unique_path(folder: Path, name: str) -> Path:
    """`folder/<slug>.toml`, or `<slug>-2.toml`, `-3`... whichever does not exist yet."""
    slug = slugify(name)
    candidate = folder / f"{slug}.toml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.toml"
        number += 1
    return candidate


def atomic_write(path: Path, text: str, *, mode: int = 0o600) -> None:
    """Write `text` beside `path`, then rename it over `path` (folders made 0700)."""
    make_private_dirs(path.parent)
    write_text_atomic(path, text, mode=mode)


# -- helpers -------------------------------------------------------------------------------


def _text(value: object) -> str:
    return str(value) if isinstance(value, str) else ""


def _is_table(item: object) -> bool:
    return isinstance(item, Table | AoT)


def _seconds(value: object) -> float:
    try:
        return parse_duration(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


_Body = list[tuple[Any, Item]]


def _end_before(body: _Body, key: str) -> tuple[_Body, int] | None:
    """The body (and its end) whose text sits right above the first header of `key`."""
    index = next((i for i, (k, _) in enumerate(body) if k is not None and k.key == key), None)
    if index is None or index == 0:
        return None
    _, item = body[index - 1]
    if isinstance(item, Table):
        return _deep_last(item.value)
    if isinstance(item, AoT) and len(item) and isinstance(item[-1], Table):
        return _deep_last(item[-1].value)
    return body, index  # top-level keys, comments or blank lines


def _deep_last(container: Container) -> tuple[_Body, int]:
    """The innermost body that ends where `container`'s text ends."""
    body = container.body
    if body:
        _, item = body[-1]
        if isinstance(item, Table):
            return _deep_last(item.value)
        if isinstance(item, AoT) and len(item) and isinstance(item[-1], Table):
            return _deep_last(item[-1].value)
    return body, len(body)


def _pop_trailing_comments(where: tuple[_Body, int]) -> str:
    """Blank the comment lines just before `end` in `body`; return their text.

    Items are replaced, never removed, so tomlkit's key index stays right.
    """
    body, end = where
    lines: list[str] = []
    index = end - 1
    while index >= 0 and body[index][0] is None and isinstance(body[index][1], Comment):
        lines.insert(0, body[index][1].as_string())
        index -= 1
    for position in range(index + 1, end):
        body[position] = (None, Whitespace(""))
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _drop_trailing_whitespace(where: tuple[_Body, int]) -> None:
    body, end = where
    index = end - 1
    while index >= 0 and body[index][0] is None and isinstance(body[index][1], Whitespace):
        if body[index][1].as_string():
            body[index] = (None, Whitespace(""))
        index -= 1
