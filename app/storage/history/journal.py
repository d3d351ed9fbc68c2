"""The journal table: spasm episodes and treatments, added, read, deleted and restored.

Threads: a store belongs to the thread that opened its connection.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

from app.core import entries as rules
from app.core.dates import epoch_us
from app.core.export_cycles import is_legacy_injection
from app.core.records import JournalEntry
from app.storage import database
from app.storage.history.rows import JOURNAL_COLUMNS, Table, journal_from_row, known_errors

__all__ = ["JournalStore"]


class JournalStore(Table):
    def add(self, entry: JournalEntry) -> int:
        """Store an entry (its id is ignored) and return the new id. ValueError if a
        field is out of range; an entry whose uid is already stored is not added twice
        (the stored entry's id is returned)."""
        rules.check_entry(entry)
        if is_legacy_injection(entry):
            raise ValueError(
                "a botulinum toxin injection is an injection record since schema 5: "
                "use history.injections.add"
            )
        with known_errors(), database.transaction(self._conn):
            return self.insert(entry, None)

    def insert(self, entry: JournalEntry, entry_id: int | None) -> int:
        """Insert ``entry`` inside the caller's transaction unless its uid is there."""
        existing = self._conn.execute(
            "SELECT id FROM journal WHERE uid = ?", (entry.uid,)
        ).fetchone()
        if existing:
            return int(existing[0])
        cursor = self._conn.execute(
            "INSERT INTO journal (id, uid, kind, at, at_us, day, area, side, severity,"
            " duration_s, triggers, symptoms, treatment, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry_id,
                entry.uid or str(uuid.uuid4()),
                entry.kind,
                entry.at.isoformat(),
                epoch_us(entry.at),
                entry.at.date().isoformat(),
                entry.area,
                entry.side,
                entry.severity,
                None if entry.duration_s is None else float(entry.duration_s),
                json.dumps(list(entry.triggers)),
                json.dumps(list(entry.symptoms)),
                entry.treatment,
                entry.note,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def entries(self, kind: str | None = None) -> list[JournalEntry]:
        """Journal entries, newest first; kind "episode", "treatment" or None for all."""
        where, params = ("", ()) if kind is None else (" WHERE kind = ?", (kind,))
        rows = self._read(
            f"SELECT {JOURNAL_COLUMNS} FROM journal{where} ORDER BY at_us DESC, id DESC", params
        )
        return [journal_from_row(row) for row in rows]

    def between(self, first: date, last: date, kind: str | None = None) -> list[JournalEntry]:
        """Entries (of ``kind``, if given) on the local days ``first`` to ``last``,
        oldest first."""
        where, params = ("", ()) if kind is None else (" AND kind = ?", (kind,))
        rows = self._read(
            f"SELECT {JOURNAL_COLUMNS} FROM journal WHERE day BETWEEN ? AND ?{where}"
            " ORDER BY at_us, id",
            (first.isoformat(), last.isoformat(), *params),
        )
        return [journal_from_row(row) for row in rows]

    def treatments(self, since: datetime) -> list[JournalEntry]:
        """Treatment events at or after ``since``, oldest first (chart markers)."""
        rows = self._read(
            f"SELECT {JOURNAL_COLUMNS} FROM journal WHERE kind = 'treatment' AND at_us >= ?"
            " ORDER BY at_us, id",
            (epoch_us(rules.aware(since, "since")),),
        )
        return [journal_from_row(row) for row in rows]

    def get(self, entry_id: int) -> JournalEntry:
        """One journal entry; KeyError if there is none."""
        rows = self._read(f"SELECT {JOURNAL_COLUMNS} FROM journal WHERE id = ?", (entry_id,))
        if not rows:
            raise KeyError(entry_id)
        return journal_from_row(rows[0])

    def delete(self, entry_id: int) -> JournalEntry:
        """Delete and return an entry (for undo with :meth:`restore`)."""
        with known_errors(), database.transaction(self._conn):
            entry = self.get(entry_id)
            self._conn.execute("DELETE FROM journal WHERE id = ?", (entry_id,))
        return entry

    def restore(self, entry: JournalEntry) -> None:
        """Put a deleted entry back with its id and uid (no-op if the uid is present)."""
        rules.check_entry(entry)
        with known_errors(), database.transaction(self._conn):
            taken = self._conn.execute("SELECT 1 FROM journal WHERE id = ?", (entry.id,)).fetchone()
            self.insert(entry, None if taken else entry.id)
