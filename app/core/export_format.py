"""The export format of a history (``facewell history --json``) and how an import file
is read and checked. No Qt, no SQL.

Everything in a file is checked before anything is imported: a problem raises
ImportFileError with a plain sentence that names the item (``sessions[3] ('Morning
calm'): …``), and nothing is added. A file read from disk is bounded in size and in
nesting, so a named pipe, /dev/zero or a file nested thousands deep gets an answer,
not a hang or a traceback.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.core import entries
from app.core.dates import epoch_us
from app.core.export_cycles import (
    injection_from_treatment,
    is_legacy_injection,
    parse_daily,
    parse_injections,
)
from app.core.records import DailyRating, Injection, JournalEntry, SessionRecord
from app.core.values import shown
from app.core.vocabulary import SessionStatus

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "JOURNAL_KEYS",
    "MAX_FILE_BYTES",
    "SESSION_KEYS",
    "ImportFileError",
    "ParsedImport",
    "parse_export",
    "read_export_file",
]

EXPORT_FORMAT = "facewell-history"
EXPORT_VERSION = 3
"""1: journal severity 1-10. 2: journal severity on the one 0-10 scale, and the wider
list of signs (app.core.vocabulary.Symptom). 3: "injections" and "daily" (ratings),
app.core.export_cycles; botulinum toxin journal treatments of older files arrive as
injections. Every version up to this one imports: a
version 1 file holds nothing that version 2 reads differently."""
SESSION_KEYS = (
    "routine",
    "slug",
    "category",
    "started_at",
    "ended_at",
    "planned_s",
    "elapsed_s",
    "status",
    "severity_before",
    "severity_after",
    "feeling",
    "note",
    "uid",
    "skipped",
)
"""The session fields; "skipped" (the steps left with Next, a list of titles) came after
version 2 was out and is optional on import, so a file without it still reads."""
JOURNAL_KEYS = (
    "kind",
    "at",
    "area",
    "side",
    "severity",
    "duration_s",
    "triggers",
    "symptoms",
    "treatment",
    "note",
    "uid",
)
MAX_FILE_BYTES = 512 * 1024 * 1024
"""About a million sessions; far beyond any real history, far below running out of memory."""
MAX_NESTING = 16
"""An export nests three deep; anything much deeper was not made by Facewell."""
ELAPSED_SLACK_SECONDS = 5.0
"""Elapsed may exceed the plan or the time between start and end by rounding, not more."""
_NAMESPACE = uuid.UUID("6f1c5e0a-3b1d-4c1e-9a57-2f0c7d6f4e11")


class ImportFileError(ValueError):
    """A file that can't be imported; ``str()`` is a plain sentence for the person."""


@dataclass(frozen=True)
class ParsedImport:
    """What a file holds, checked: each item with whether it carried its own uid (items
    without one are matched on routine and time, then get a stable uuid5)."""

    sessions: list[tuple[SessionRecord, bool]]
    entries: list[tuple[JournalEntry, bool]]
    injections: list[tuple[Injection, bool]] = field(default_factory=list)
    ratings: list[DailyRating] = field(default_factory=list)


def read_export_file(path: Path) -> object:
    """The JSON document in ``path``; ImportFileError in plain words otherwise."""
    from app.core.files import UnreadableFileError, read_bounded_text

    try:
        text = read_bounded_text(path, MAX_FILE_BYTES)
    except UnreadableFileError as error:
        raise ImportFileError(f"{path} can't be read: {error.reason}") from None
    _check_nesting(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except (ValueError, RecursionError) as exc:
        # int() refuses numbers of more than 4300 digits with a plain ValueError.
        raise ImportFileError(f"{path} holds a value Facewell can't read ({exc})") from None


def _check_nesting(text: str, path: Path) -> None:
    """Refuse arrays or objects nested deeper than MAX_NESTING before json recurses."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise ImportFileError(
                    f"{path} is nested more than {MAX_NESTING} levels deep; "
                    "it is not a Facewell history export"
                )
        elif char in "]}":
            depth -= 1


def parse_export(data: object) -> ParsedImport:
    """Check a whole export document; ImportFileError naming the first bad item."""
    if not isinstance(data, dict):
        raise ImportFileError(
            "This file is not a Facewell history export (expected a JSON object)."
        )
    if data.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
        raise ImportFileError(
            f"This file is not a Facewell history export (format {shown(data['format'])})."
        )
    version = data.get("version", EXPORT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFileError(f"'version' must be a whole number from 1, not {shown(version)}.")
    if version > EXPORT_VERSION:
        raise ImportFileError(
            f"This file was made by a newer Facewell (export version {version}); "
            "update Facewell to import it."
        )
    if not any(key in data for key in ("sessions", "journal", "injections", "daily")):
        raise ImportFileError(
            "This file has none of 'sessions', 'journal', 'injections' or 'daily'."
        )
    raw_sessions = data.get("sessions", [])
    raw_journal = data.get("journal", [])
    if not isinstance(raw_sessions, list):
        raise ImportFileError("'sessions' must be a list.")
    if not isinstance(raw_journal, list):
        raise ImportFileError("'journal' must be a list.")
    journal = [_entry(item, i) for i, item in enumerate(raw_journal)]
    injections = parse_injections(data.get("injections", []), ImportFileError)
    injections += [
        (injection_from_treatment(e), True) for e, _ in journal if is_legacy_injection(e)
    ]
    return ParsedImport(
        sessions=[_session(item, i) for i, item in enumerate(raw_sessions)],
        entries=[(e, has_uid) for e, has_uid in journal if not is_legacy_injection(e)],
        injections=injections,
        ratings=parse_daily(data.get("daily", []), ImportFileError),
    )


def _field(item: dict[str, Any], key: str, where: str, check: Callable[[Any, str], Any]) -> Any:
    try:
        return check(item[key], key)
    except ValueError as exc:
        message = str(exc)
        if message.startswith(f"{key} "):
            message = f"'{key}'{message[len(key) :]}"  # the key as the file spells it
        raise ImportFileError(f"{where}: {message}.") from None


def _time(value: object, where: str, key: str) -> datetime:
    example = "like 2026-05-01T08:30:00+02:00"
    if not isinstance(value, str) or len(value) > 64:
        raise ImportFileError(
            f"{where}: '{key}' must be an ISO 8601 time with a UTC offset, {example}."
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFileError(
            f"{where}: '{key}' is not an ISO 8601 time ({shown(value)}); expected one {example}."
        ) from None
    if moment.utcoffset() is None:
        raise ImportFileError(
            f"{where}: '{key}' has no UTC offset ({shown(value)}); expected a time {example}."
        )
    return moment


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _session(item: object, index: int) -> tuple[SessionRecord, bool]:
    where = f"sessions[{index}]"
    if not isinstance(item, dict):
        raise ImportFileError(f"{where} must be an object with 'routine', 'started_at', …")
    missing = [
        k for k in ("routine", "started_at", "planned_s", "elapsed_s", "status") if k not in item
    ]
    if missing:
        raise ImportFileError(f"{where} has no {', '.join(repr(key) for key in missing)}.")
    routine = _field(
        item, "routine", where, lambda v, k: entries.text(v, k, entries.MAX_NAME_CHARS)
    )
    if not routine.strip():
        raise ImportFileError(f"{where}: 'routine' is empty.")
    where = f"sessions[{index}] ({shown(routine)})"
    started = _time(item["started_at"], where, "started_at")
    ended = None if item.get("ended_at") is None else _time(item["ended_at"], where, "ended_at")
    status = _field(item, "status", where, lambda v, k: entries.check_status(v))
    ran = item.get("ended_at") is not None
    if status == SessionStatus.RUNNING:
        # It can never be finished here: it ended, at the latest, when its time ran out.
        seconds = (
            entries.seconds(item["elapsed_s"], "elapsed_s") if _number(item["elapsed_s"]) else 0.0
        )
        status, ended = (
            SessionStatus.INTERRUPTED.value,
            ended or started + timedelta(seconds=seconds),
        )
    defaults = {"category": "mixed", "slug": "", "feeling": "", "note": "", "uid": None}
    values = {**defaults, **{k: item[k] for k in defaults if k in item and item[k] is not None}}
    category = _field(values, "category", where, lambda v, k: entries.check_category(v))
    for key in ("severity_before", "severity_after"):
        _field({key: item.get(key)}, key, where, lambda v, k: entries.severity(v, 0, 10, k))
    planned = _field(item, "planned_s", where, entries.seconds)
    elapsed = _field(item, "elapsed_s", where, entries.seconds)
    if elapsed > planned + ELAPSED_SLACK_SECONDS:
        raise ImportFileError(
            f"{where}: 'elapsed_s' ({elapsed:g}) is longer than the routine's "
            f"'planned_s' ({planned:g})."
        )
    if ended is not None and ran:
        if ended < started:
            raise ImportFileError(f"{where}: 'ended_at' is before 'started_at'.")
        if elapsed > (ended - started) / timedelta(seconds=1) + ELAPSED_SLACK_SECONDS:
            raise ImportFileError(
                f"{where}: 'elapsed_s' ({elapsed:g}) is longer than the time from "
                "'started_at' to 'ended_at'."
            )
    uid = _field(
        values,
        "uid",
        where,
        lambda v, k: v if v is None else entries.text(v, k, entries.MAX_WORD_CHARS),
    )
    started_us = epoch_us(started)
    record = SessionRecord(
        id=0,
        routine=routine,
        slug=_field(values, "slug", where, lambda v, k: entries.text(v, k, entries.MAX_NAME_CHARS)),
        category=category,
        started_at=started,
        ended_at=ended,
        planned_s=planned,
        elapsed_s=elapsed,
        status=status,
        step_index=0,
        severity_before=item.get("severity_before"),
        severity_after=item.get("severity_after"),
        feeling=_field(
            values, "feeling", where, lambda v, k: entries.text(v, k, entries.MAX_WORD_CHARS)
        ),
        note=_field(values, "note", where, entries.text),
        uid=uid or str(uuid.uuid5(_NAMESPACE, f"session|{routine}|{started_us}")),
        skipped=_skipped(item.get("skipped"), where),
    )
    return record, bool(uid)


def _skipped(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportFileError(f"{where}: 'skipped' must be a list of texts, not {shown(value)}.")
    return tuple(entries.text(v, "skipped", entries.MAX_NAME_CHARS) for v in value)


def _entry(item: object, index: int) -> tuple[JournalEntry, bool]:
    where = f"journal[{index}]"
    if not isinstance(item, dict):
        raise ImportFileError(f"{where} must be an object with 'kind', 'at', …")
    missing = [key for key in ("kind", "at") if key not in item]
    if missing:
        raise ImportFileError(f"{where} has no {', '.join(repr(key) for key in missing)}.")
    kind = item["kind"]
    where = f"journal[{index}] ({shown(kind)})"
    at = _time(item["at"], where, "at")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("triggers", "symptoms"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ImportFileError(f"{where}: '{key}' must be a list of texts, not {shown(value)}.")
        lists[key] = tuple(value)
    uid = item.get("uid")
    if uid is not None and (not isinstance(uid, str) or len(uid) > entries.MAX_WORD_CHARS):
        raise ImportFileError(f"{where}: 'uid' must be a short text, not {shown(uid)}.")
    at_us = epoch_us(at)
    entry = JournalEntry(
        id=0,
        kind=kind,
        at=at,
        area=item.get("area", ""),
        side=item.get("side", ""),
        severity=item.get("severity"),
        duration_s=item.get("duration_s"),
        triggers=lists["triggers"],
        symptoms=lists["symptoms"],
        treatment=item.get("treatment", ""),
        note=item.get("note", ""),
        uid=uid or str(uuid.uuid5(_NAMESPACE, f"journal|{kind}|{at_us}")),
    )
    try:
        entries.check_entry(entry)
    except ValueError as exc:
        raise ImportFileError(f"{where}: {exc}.") from None
    return entry, bool(uid)
