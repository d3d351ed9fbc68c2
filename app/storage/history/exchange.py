"""Export a history (JSON, CSV) and import an export into it. No Qt.

The format and the checks of an import file live in app.core.export_format; this module
reads and writes the tables. One reader serves the command line and the window:
``import_file(history, path)``.

Threads: the history's thread reads the rows; encoding and writing the result may
happen anywhere.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.core.dates import epoch_us
from app.core.export_cycles import daily_item, injection_item
from app.core.export_format import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    JOURNAL_KEYS,
    SESSION_KEYS,
    ParsedImport,
    parse_export,
    read_export_file,
)
from app.storage import database
from app.storage.history.rows import known_errors

if TYPE_CHECKING:
    from app.storage.history import History

__all__ = [
    "ImportResult",
    "export_csv",
    "export_csv_single",
    "export_json",
    "import_data",
    "import_file",
    "import_parsed",
]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ImportResult:
    sessions: int
    """Sessions added."""
    entries: int
    """Journal entries added."""
    skipped: int
    """Items already in the history (same uid, or same routine or kind and time, or a
    day already rated)."""
    injections: int = 0
    ratings: int = 0
    """Daily ratings added."""


def export_json(history: History) -> dict[str, Any]:
    """Everything, as ``{"format": "facewell-history", "version": 3, "sessions": […],
    "journal": […], "injections": […], "daily": […]}``, oldest first; times ISO 8601
    with their UTC offset, days as ISO dates."""
    with known_errors():
        execute = history.connection.execute
        sessions = execute(
            f"SELECT {', '.join(SESSION_KEYS)} FROM sessions ORDER BY started_us, uid"
        ).fetchall()
        journal = execute(
            f"SELECT {', '.join(JOURNAL_KEYS)} FROM journal ORDER BY at_us, uid"
        ).fetchall()
    session_items = []
    for row in sessions:
        item = dict(zip(SESSION_KEYS, row, strict=True))
        item["skipped"] = json.loads(item["skipped"])
        session_items.append(item)
    journal_items = []
    for row in journal:
        item = dict(zip(JOURNAL_KEYS, row, strict=True))
        item["triggers"] = json.loads(row[6])
        item["symptoms"] = json.loads(row[7])
        journal_items.append(item)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "sessions": session_items,
        "journal": journal_items,
        "injections": [injection_item(i) for i in history.injections.all()],
        "daily": [daily_item(r) for r in history.daily.between(date.min, date.max)],
    }


def import_file(history: History, path: Path) -> ImportResult:
    """Import a ``facewell history --json`` file: ImportFileError (a plain sentence)
    when it can't be read or checked, and then nothing is added."""
    return import_data(history, read_export_file(path))


def import_data(history: History, data: object) -> ImportResult:
    """Import an export document; everything is checked first (ImportFileError naming
    the bad item, nothing imported), then added by :func:`import_parsed`."""
    return import_parsed(history, parse_export(data))


def import_parsed(history: History, parsed: ParsedImport) -> ImportResult:
    """Add a checked import in one transaction. Items already present are skipped:
    same uid, or for items without a uid, a session with the same routine and start
    time or a journal entry with the same kind and time."""
    sessions = entries = skipped = 0
    conn = history.connection
    with known_errors(), database.transaction(conn):
        for record, has_uid in parsed.sessions:
            duplicate = conn.execute(
                "SELECT 1 FROM sessions WHERE uid = ?", (record.uid,)
            ).fetchone()
            if not duplicate and not has_uid:
                duplicate = conn.execute(
                    "SELECT 1 FROM sessions WHERE routine = ? AND started_us = ?",
                    (record.routine, epoch_us(record.started_at)),
                ).fetchone()
            if duplicate:
                skipped += 1
                continue
            history.sessions.insert(record, None, record.ended_at)
            sessions += 1
        for entry, has_uid in parsed.entries:
            duplicate = conn.execute("SELECT 1 FROM journal WHERE uid = ?", (entry.uid,)).fetchone()
            if not duplicate and not has_uid:
                duplicate = conn.execute(
                    "SELECT 1 FROM journal WHERE kind = ? AND at_us = ?",
                    (entry.kind, epoch_us(entry.at)),
                ).fetchone()
            if duplicate:
                skipped += 1
                continue
            history.journal.insert(entry, None)
            entries += 1
        injections = ratings = 0
        for injection, _has_uid in parsed.injections:
            # Without a uid the uuid5 of its day matches a second import of the file.
            duplicate = conn.execute(
                "SELECT 1 FROM injections WHERE uid = ?", (injection.uid,)
            ).fetchone()
            if duplicate:
                skipped += 1
                continue
            history.injections.insert(injection)
            injections += 1
        for rating in parsed.ratings:
            if history.daily.insert_new(rating):
                ratings += 1
            else:
                skipped += 1
    return ImportResult(sessions, entries, skipped, injections, ratings)


def _safe_cell(value: object) -> str | int | float:
    """A CSV cell a spreadsheet will not run as a formula: text starting with
    = + - @ tab or CR gets a leading apostrophe (OWASP's advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def export_csv(history: History, sessions_out: TextIO, journal_out: TextIO) -> None:
    """Sessions and journal as two CSV tables (header row first, oldest first).

    Open the files with ``newline=""``. Triggers and symptoms are joined with "; ".
    """
    data = export_json(history)
    writer = csv.writer(sessions_out)
    writer.writerow(SESSION_KEYS)
    for item in data["sessions"]:
        writer.writerow([_safe_cell(_csv_value(item[key])) for key in SESSION_KEYS])
    writer = csv.writer(journal_out)
    writer.writerow(JOURNAL_KEYS)
    for item in data["journal"]:
        writer.writerow([_safe_cell(_csv_value(item[key])) for key in JOURNAL_KEYS])


def export_csv_single(history: History, out: TextIO) -> None:
    """Sessions and journal in one CSV table: a first column "record" ("session",
    "episode" or "treatment") and the union of the columns of :func:`export_csv`."""
    data = export_json(history)
    columns = ["record", *SESSION_KEYS, *(key for key in JOURNAL_KEYS if key not in SESSION_KEYS)]
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in data["sessions"]:
        writer.writerow(
            [
                _safe_cell("session"),
                *(_safe_cell(_csv_value(item.get(key))) for key in columns[1:]),
            ]
        )
    for item in data["journal"]:
        writer.writerow(
            [
                _safe_cell(item["kind"]),
                *(_safe_cell(_csv_value(item.get(key))) for key in columns[1:]),
            ]
        )
