"""The injections and daily ratings of an export (version 3), and how an import reads
them. Kept beside app.core.export_format, which calls :func:`parse_cycles`. No Qt,
no SQL.

A botulinum toxin injection noted as a journal treatment (every file before version
3) arrives as an injection with the same uid, day and note: the history keeps
injections in one place since schema 5.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from app.core import cycle_rules
from app.core.records import DailyRating, Injection, JournalEntry
from app.core.values import shown
from app.core.vocabulary import Treatment

__all__ = [
    "DAILY_KEYS",
    "INJECTION_KEYS",
    "daily_item",
    "injection_from_treatment",
    "injection_item",
    "is_legacy_injection",
    "parse_daily",
    "parse_injections",
]

INJECTION_KEYS = (
    "day",
    "product",
    "dose",
    "sites",
    "started_working",
    "best",
    "wearing_off",
    "side_effects",
    "note",
    "uid",
)
DAILY_KEYS = ("day", "rating", "exposures", "tricks", "note", "uid")
_NAMESPACE = uuid.UUID("0b8e3f2c-5d1a-4e77-9c0a-6a1f2d3e4b5c")


class _Bad(ValueError):
    pass


def is_legacy_injection(entry: JournalEntry) -> bool:
    """An old "botulinum toxin injection" journal note that becomes an injection (one
    with a duration, never written by the window, stays a note: nothing is dropped)."""
    return (
        entry.kind == "treatment"
        and entry.treatment == Treatment.BOTULINUM_TOXIN
        and entry.duration_s is None
    )


def injection_from_treatment(entry: JournalEntry) -> Injection:
    """An old "botulinum toxin injection" journal note as an injection record: its
    side becomes the sites."""
    return Injection(id=0, day=entry.at.date(), sites=entry.side, note=entry.note, uid=entry.uid)


def injection_item(injection: Injection) -> dict[str, Any]:
    def iso(day: date | None) -> str | None:
        return None if day is None else day.isoformat()

    return {
        "day": injection.day.isoformat(),
        "product": injection.product,
        "dose": injection.dose,
        "sites": injection.sites,
        "started_working": iso(injection.started_working),
        "best": iso(injection.best),
        "wearing_off": iso(injection.wearing_off),
        "side_effects": list(injection.side_effects),
        "note": injection.note,
        "uid": injection.uid,
    }


def daily_item(rating: DailyRating) -> dict[str, Any]:
    return {
        "day": rating.day.isoformat(),
        "rating": rating.rating,
        "exposures": list(rating.exposures),
        "tricks": [{"trick": name, "helped": helped} for name, helped in rating.tricks],
        "note": rating.note,
        "uid": rating.uid,
    }


def _date(value: object, key: str, *, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 10:
        raise _Bad(f"'{key}' must be a date like 2026-05-01, not {shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"'{key}' is not a date like 2026-05-01 ({shown(value)})") from None


def _texts(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"'{key}' must be a list of texts, not {shown(value)}")
    return tuple(value)


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(f"'{key}' must be text, not {shown(value)}")
    return value


def _uid(item: dict[str, Any]) -> str | None:
    uid = item.get("uid")
    if uid is not None and (not isinstance(uid, str) or not 0 < len(uid) <= 100):
        raise _Bad(f"'uid' must be a short text, not {shown(uid)}")
    return uid


def parse_injections(raw: object, fail: type[ValueError]) -> list[tuple[Injection, bool]]:
    """Checked injections with whether each carried its own uid; ``fail`` (the
    import's error type) names the first bad item."""
    if not isinstance(raw, list):
        raise fail("'injections' must be a list.")
    result = []
    for index, item in enumerate(raw):
        where = f"injections[{index}]"
        try:
            if not isinstance(item, dict):
                raise _Bad("must be an object with 'day', …")
            day = _date(item.get("day"), "day")
            assert day is not None
            uid = _uid(item)
            injection = Injection(
                id=0,
                day=day,
                product=_text(item, "product"),
                dose=_text(item, "dose"),
                sites=_text(item, "sites"),
                started_working=_date(
                    item.get("started_working"), "started_working", optional=True
                ),
                best=_date(item.get("best"), "best", optional=True),
                wearing_off=_date(item.get("wearing_off"), "wearing_off", optional=True),
                side_effects=_texts(item.get("side_effects", []), "side_effects"),
                note=_text(item, "note"),
                uid=uid or str(uuid.uuid5(_NAMESPACE, f"injection|{day.isoformat()}")),
            )
            cycle_rules.check_injection(injection)
        except ValueError as exc:
            raise fail(f"{where}: {exc}.") from None
        result.append((injection, uid is not None))
    return result


def parse_daily(raw: object, fail: type[ValueError]) -> list[DailyRating]:
    """Checked daily ratings; ``fail`` names the first bad item."""
    if not isinstance(raw, list):
        raise fail("'daily' must be a list.")
    result = []
    for index, item in enumerate(raw):
        where = f"daily[{index}]"
        try:
            if not isinstance(item, dict):
                raise _Bad("must be an object with 'day' and 'rating'")
            day = _date(item.get("day"), "day")
            assert day is not None
            tricks_raw = item.get("tricks", [])
            if not isinstance(tricks_raw, list):
                raise _Bad(f"'tricks' must be a list, not {shown(tricks_raw)}")
            tricks = []
            for trick in tricks_raw:
                if not isinstance(trick, dict) or not isinstance(trick.get("trick"), str):
                    raise _Bad(
                        f"each of 'tricks' must be {{'trick': …, 'helped': …}}, not {shown(trick)}"
                    )
                tricks.append((trick["trick"], trick.get("helped")))
            uid = _uid(item)
            rating = DailyRating(
                day=day,
                rating=item.get("rating"),  # type: ignore[arg-type]  # checked below
                exposures=_texts(item.get("exposures", []), "exposures"),
                tricks=tuple(tricks),
                note=_text(item, "note"),
                uid=uid or str(uuid.uuid5(_NAMESPACE, f"daily|{day.isoformat()}")),
            )
            cycle_rules.check_rating(rating)
        except ValueError as exc:
            message = str(exc)
            if message.startswith("rating "):
                message = "'rating'" + message[len("rating") :]
            raise fail(f"{where}: {message}.") from None
        result.append(rating)
    return result
