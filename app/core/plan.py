"""Today's plan: routines pinned to the morning, midday and evening. No Qt here.

The plan is the same every day; what changes is which items are checked off, and that
comes from the history (:func:`done_today`). Rules are written down in
docs/plan-and-reminders.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from app.core.jsonfile import keep_aside, read_json, write_json_atomic
from app.core.loader import slugify
from app.paths import PLAN_FILE

__all__ = [
    "DONE_MIN_SECONDS",
    "PARTS",
    "PART_TITLES",
    "PLAN_FILE",
    "DailyPlan",
    "PlanItem",
    "SessionLike",
    "done_today",
    "load_plan",
    "qualifies",
    "save_plan",
]

PLAN_VERSION = 1
PARTS = ("morning", "midday", "evening")
PART_TITLES: dict[str, str] = {"morning": "Morning", "midday": "Midday", "evening": "Evening"}

DONE_MIN_SECONDS = 60.0
"""A stopped (or interrupted) session this long still checks an item off."""


@dataclass(frozen=True)
class PlanItem:
    part: str
    """"morning", "midday" or "evening"."""
    routine: str
    """The routine's slug."""
    order: int
    """Position within its part, from 0."""


class DailyPlan:
    """An ordered list of routines for each part of the day. Items are renumbered
    (0, 1, 2, …) after every change, so an old :class:`PlanItem` may no longer be equal
    to the one in the plan: take fresh ones from :meth:`items` after a change."""

    def __init__(self, items: Iterable[PlanItem] = ()) -> None:
        self._parts: dict[str, list[str]] = {part: [] for part in PARTS}
        for item in sorted(items, key=lambda i: (PARTS.index(_check_part(i.part)), i.order)):
            self._parts[item.part].append(item.routine)

    def items(self, part: str | None = None) -> list[PlanItem]:
        """The items of ``part`` in order, or of the whole day (morning first)."""
        parts = PARTS if part is None else (_check_part(part),)
        return [
            PlanItem(name, routine, index)
            for name in parts
            for index, routine in enumerate(self._parts[name])
        ]

    def __len__(self) -> int:
        return sum(len(routines) for routines in self._parts.values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DailyPlan) and self._parts == other._parts

    def __repr__(self) -> str:
        return f"DailyPlan({self._parts!r})"

    def add(self, part: str, routine: str) -> PlanItem:
        """Pin ``routine`` (a slug) at the end of ``part``. The same routine may be
        pinned more than once (a compress morning and evening, say)."""
        if not routine.strip():
            raise ValueError("a plan item needs a routine")
        routines = self._parts[_check_part(part)]
        routines.append(routine)
        return PlanItem(part, routine, len(routines) - 1)

    def remove(self, item: PlanItem) -> None:
        routines = self._parts[_check_part(item.part)]
        self._find(item)
        del routines[item.order]

    def move(self, item: PlanItem, delta: int) -> PlanItem:
        """Move ``item`` up (negative) or down (positive) within its part, stopping at
        the ends. Returns the item at its new place."""
        routines = self._parts[_check_part(item.part)]
        self._find(item)
        target = max(0, min(len(routines) - 1, item.order + delta))
        routines.insert(target, routines.pop(item.order))
        return PlanItem(item.part, item.routine, target)

    def _find(self, item: PlanItem) -> None:
        routines = self._parts[item.part]
        if not (0 <= item.order < len(routines) and routines[item.order] == item.routine):
            raise KeyError(f"{item} is not in the plan")

    def to_json(self) -> dict[str, object]:
        return {"version": PLAN_VERSION, **{part: list(self._parts[part]) for part in PARTS}}

    @classmethod
    def from_json(cls, data: object) -> DailyPlan:
        """Raises ValueError with a plain sentence when ``data`` is not a plan."""
        if not isinstance(data, dict):
            raise ValueError("it is not a JSON object")
        version = data.get("version", PLAN_VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            raise ValueError(f"'version' must be a whole number, not {version!r}")
        plan = cls()
        for part in PARTS:
            routines = data.get(part, [])
            if not isinstance(routines, list) or not all(
                isinstance(r, str) and r.strip() for r in routines
            ):
                raise ValueError(f"'{part}' must be a list of routine names")
            for routine in routines:
                plan.add(part, routine)
        return plan


def _check_part(part: str) -> str:
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    return part


def load_plan(path: Path, *, now: datetime | None = None) -> tuple[DailyPlan, str | None]:
    """The plan in ``path`` (empty if there is none) and a message to show, if any.

    A file that is not a plan is kept aside as ``plan.json.broken-STAMP`` (never
    deleted) and an empty plan is returned with a plain message. Never raises OSError:
    an unreadable file gives an empty plan and a message, and is left where it is.
    """
    try:
        data = read_json(path)
        if data is None:
            return DailyPlan(), None
        return DailyPlan.from_json(data), None
    except ValueError as exc:
        try:
            aside = keep_aside(path, now)
        except OSError:
            return DailyPlan(), (
                f"Today's plan could not be read ({exc}), so it starts empty. "
                f"The file {path.name} was left as it was."
            )
        return DailyPlan(), (
            f"Today's plan could not be read ({exc}), so it starts empty. "
            f"The old file was kept as {aside.name}."
        )
    except OSError as exc:
        return DailyPlan(), (
            f"Today's plan could not be opened ({exc.strerror or exc}), so it starts empty."
        )


def save_plan(plan: DailyPlan, path: Path) -> None:
    """Write ``plan`` to ``path`` atomically, readable by the user only. Raises OSError."""
    write_json_atomic(path, plan.to_json())


class SessionLike(Protocol):
    """What :func:`done_today` needs of a session (``SessionRecord`` has it all)."""

    @property
    def routine(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def elapsed_s(self) -> float: ...
    @property
    def status(self) -> str: ...


def qualifies(session: SessionLike) -> bool:
    """Completed (any length), or stopped/interrupted after at least DONE_MIN_SECONDS."""
    if session.status == "completed":
        return True
    return session.status in ("stopped", "interrupted") and session.elapsed_s >= DONE_MIN_SECONDS


def _session_slug(session: SessionLike, slugs_by_name: Mapping[str, str]) -> str:
    if session.slug:
        return session.slug
    name = session.routine.strip().casefold()
    return slugs_by_name.get(name) or slugify(session.routine)


def done_today(
    plan: DailyPlan,
    sessions: Iterable[SessionLike],
    today: date,
    *,
    names: Mapping[str, str] | None = None,
) -> dict[PlanItem, bool]:
    """Which items of ``plan`` are done ``today``.

    A qualifying session (:func:`qualifies`) that started on ``today`` (its date on the
    clock it was recorded with) checks off one item of the same routine: matched by slug,
    or, for a session saved without one, by name (``names`` maps slug to routine name).
    Items of the same routine are checked off in plan order, so a routine pinned twice
    needs two sessions.
    """
    slugs_by_name = {name.strip().casefold(): slug for slug, name in (names or {}).items()}
    counts: dict[str, int] = {}
    for session in sessions:
        if session.started_at.date() == today and qualifies(session):
            slug = _session_slug(session, slugs_by_name)
            counts[slug] = counts.get(slug, 0) + 1
    result: dict[PlanItem, bool] = {}
    for item in plan.items():
        left = counts.get(item.routine, 0)
        result[item] = left > 0
        if left:
            counts[item.routine] = left - 1
    return result
