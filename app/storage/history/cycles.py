"""The injections and daily_ratings tables (schema 5): added, marked, read, deleted.

Reads for the cycle view return plain (day, rating) pairs sorted by day, which is all
app.core.cycles needs: 100,000 of them are one index scan.

Threads: a store belongs to the thread that opened its connection.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.core import cycle_rules as rules
from app.core.cycle_vocabulary import InjectionMark
from app.core.records import DailyRating, Injection
from app.storage import database
from app.storage.history.rows import Table, known_errors

__all__ = ["DailyStore", "InjectionStore"]

_INJECTION_COLUMNS = (
    "id, uid, day, product, dose, sites, started_working, best, wearing_off, side_effects, note"
)
_RATING_COLUMNS = "day, rating, exposures, tricks, note, uid"


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def injection_from_row(row: tuple[Any, ...]) -> Injection:
    return Injection(
        id=row[0],
        uid=row[1],
        day=date.fromisoformat(row[2]),
        product=row[3],
        dose=row[4],
        sites=row[5],
        started_working=_day(row[6]),
        best=_day(row[7]),
        wearing_off=_day(row[8]),
        side_effects=tuple(json.loads(row[9])),
        note=row[10],
    )


def rating_from_row(row: tuple[Any, ...]) -> DailyRating:
    return DailyRating(
        day=date.fromisoformat(row[0]),
        rating=row[1],
        exposures=tuple(json.loads(row[2])),
        tricks=tuple((name, helped) for name, helped in json.loads(row[3])),
        note=row[4],
        uid=row[5],
    )


class InjectionStore(Table):
    def add(self, injection: Injection, *, at: datetime | None = None) -> int:
        """Store an injection (its id is ignored) and return its id; one already stored
        by uid is not added twice. ValueError for a field out of range."""
        rules.check_injection(injection)
        with known_errors(), database.transaction(self._conn):
            return self.insert(injection, at)

    def insert(self, injection: Injection, at: datetime | None = None) -> int:
        """Insert inside the caller's transaction unless its uid is there."""
        uid = injection.uid or str(uuid.uuid4())
        existing = self._conn.execute("SELECT id FROM injections WHERE uid = ?", (uid,)).fetchone()
        if existing:
            return int(existing[0])
        cursor = self._conn.execute(
            "INSERT INTO injections (uid, day, at, product, dose, sites, started_working,"
            " best, wearing_off, side_effects, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uid,
                injection.day.isoformat(),
                None if at is None else at.isoformat(),
                injection.product,
                injection.dose,
                injection.sites,
                _iso(injection.started_working),
                _iso(injection.best),
                _iso(injection.wearing_off),
                json.dumps(list(injection.side_effects)),
                injection.note,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def all(self) -> list[Injection]:
        """Every injection, oldest first."""
        rows = self._read(f"SELECT {_INJECTION_COLUMNS} FROM injections ORDER BY day, id")
        return [injection_from_row(row) for row in rows]

    def get(self, injection_id: int) -> Injection:
        rows = self._read(
            f"SELECT {_INJECTION_COLUMNS} FROM injections WHERE id = ?", (injection_id,)
        )
        if not rows:
            raise KeyError(injection_id)
        return injection_from_row(rows[0])

    def update(self, injection: Injection) -> None:
        """Save the changed fields of a stored injection (marks, side effects, …)."""
        rules.check_injection(injection)
        with known_errors(), database.transaction(self._conn):
            self.get(injection.id)
            self._conn.execute(
                "UPDATE injections SET day = ?, product = ?, dose = ?, sites = ?,"
                " started_working = ?, best = ?, wearing_off = ?, side_effects = ?, note = ?"
                " WHERE id = ?",
                (
                    injection.day.isoformat(),
                    injection.product,
                    injection.dose,
                    injection.sites,
                    _iso(injection.started_working),
                    _iso(injection.best),
                    _iso(injection.wearing_off),
                    json.dumps(list(injection.side_effects)),
                    injection.note,
                    injection.id,
                ),
            )

    def mark(self, injection_id: int, mark: InjectionMark, day: date) -> Injection:
        """One tap: "started working", "best" or "wearing off" on ``day``; returns the
        updated injection. ValueError for a day before the injection."""
        current = self.get(injection_id)
        if mark is InjectionMark.STARTED_WORKING:
            updated = replace(current, started_working=day)
        elif mark is InjectionMark.BEST:
            updated = replace(current, best=day)
        else:
            updated = replace(current, wearing_off=day)
        self.update(updated)
        return updated

    def delete(self, injection_id: int) -> Injection:
        """Delete and return an injection (for undo: ``add`` puts it back by uid)."""
        with known_errors(), database.transaction(self._conn):
            injection = self.get(injection_id)
            self._conn.execute("DELETE FROM injections WHERE id = ?", (injection_id,))
        return injection

    def recent(self, n: int) -> list[Injection]:
        """The last ``n`` injections, oldest first (the cycle view's; older ones are
        in the export and ``facewell injection list``)."""
        rows = self._read(
            f"SELECT {_INJECTION_COLUMNS} FROM injections ORDER BY day DESC, id DESC LIMIT ?",
            (n,),
        )
        return [injection_from_row(row) for row in reversed(rows)]

    def count(self) -> int:
        return int(self._read("SELECT count(*) FROM injections")[0][0])

    def latest(self) -> Injection | None:
        rows = self._read(
            f"SELECT {_INJECTION_COLUMNS} FROM injections ORDER BY day DESC, id DESC LIMIT 1"
        )
        return injection_from_row(rows[0]) if rows else None


class DailyStore(Table):
    def log(self, rating: DailyRating) -> DailyRating:
        """Save the day's rating; a later rating of the same day replaces the earlier
        one (keeping its uid), since it says what the person thinks of the day now."""
        rules.check_rating(rating)
        with known_errors(), database.transaction(self._conn):
            old = self._conn.execute(
                "SELECT uid FROM daily_ratings WHERE day = ?", (rating.day.isoformat(),)
            ).fetchone()
            uid = old[0] if old else (rating.uid or str(uuid.uuid4()))
            saved = replace(rating, uid=uid)
            self._conn.execute(
                "INSERT OR REPLACE INTO daily_ratings (day, uid, rating, exposures, tricks,"
                " note) VALUES (?, ?, ?, ?, ?, ?)",
                _rating_params(saved),
            )
        return saved

    def insert_new(self, rating: DailyRating) -> bool:
        """Inside the caller's transaction (import): add unless the day or uid is
        already rated; True when added. The stored rating always wins."""
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO daily_ratings (day, uid, rating, exposures, tricks, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            _rating_params(rating),
        )
        return cursor.rowcount == 1

    def get(self, day: date) -> DailyRating | None:
        rows = self._read(
            f"SELECT {_RATING_COLUMNS} FROM daily_ratings WHERE day = ?", (day.isoformat(),)
        )
        return rating_from_row(rows[0]) if rows else None

    def between(self, first: date, last: date) -> list[DailyRating]:
        """Ratings of the days ``first`` to ``last``, oldest first."""
        rows = self._read(
            f"SELECT {_RATING_COLUMNS} FROM daily_ratings WHERE day BETWEEN ? AND ? ORDER BY day",
            (first.isoformat(), last.isoformat()),
        )
        return [rating_from_row(row) for row in rows]

    def series(self, since: date = date.min) -> list[tuple[date, int]]:
        """(day, rating) of the rated days from ``since``, oldest first: the cycle
        view's input (a primary-key range scan)."""
        fromiso = date.fromisoformat
        with known_errors():
            rows = self._conn.execute(
                "SELECT day, rating FROM daily_ratings WHERE day >= ? ORDER BY day",
                (since.isoformat(),),
            )
            return [(fromiso(day), rating) for day, rating in rows]

    def count(self) -> int:
        return int(self._read("SELECT count(*) FROM daily_ratings")[0][0])

    def delete(self, day: date) -> DailyRating | None:
        with known_errors(), database.transaction(self._conn):
            old = self.get(day)
            self._conn.execute("DELETE FROM daily_ratings WHERE day = ?", (day.isoformat(),))
        return old


def _rating_params(rating: DailyRating) -> tuple[object, ...]:
    return (
        rating.day.isoformat(),
        rating.uid or str(uuid.uuid4()),
        rating.rating,
        json.dumps(list(rating.exposures)),
        json.dumps([[name, helped] for name, helped in rating.tricks]),
        rating.note,
    )
