"""Export to JSON and CSV, and import back: round trips, duplicates, bad files, formulas."""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_helpers import FakeNow, at

from app.core.export_format import EXPORT_VERSION
from app.core.routine import Category
from app.core.vocabulary import Area, FaceSide, Treatment, Trigger
from app.storage.history import (
    History,
    JournalEntry,
    open_history,
)
from app.storage.history import exchange as history_exchange
from app.storage.history.exchange import ImportResult


def _fill(history: History) -> None:
    first = history.sessions.start(
        "Morning calm", "morning-calm", "breathing", 600, started_at=at("2026-04-30", "07:00")
    )
    history.sessions.checkpoint(first, 300.5, 2, at=at("2026-04-30", "07:05"))
    history.sessions.finish(first, "completed", 600.25, ended_at=at("2026-04-30", "07:10"))
    history.sessions.set_feedback(
        first, severity_after=2, feeling="better", note='calm, "quiet"\nday'
    )
    second = history.sessions.start(
        "Cold compress",
        "cold-compress",
        "compress",
        900,
        started_at=datetime(2026, 4, 30, 22, 0, 0, 123456, tzinfo=timezone(timedelta(hours=-5))),
        severity_before=7,
    )
    history.sessions.checkpoint(second, 60.0, 1, at=at("2026-05-01", "05:01"))  # left running
    history.journal.add(
        JournalEntry.new_episode(
            at=at("2026-04-29", "13:00"),
            area="eyelid",
            side="left",
            severity=5,
            duration_s=45.0,
            triggers=["stress", "caffeine"],
            symptoms=["numbness"],
            note="ünïcödé ✓",
        )
    )
    history.journal.add(
        JournalEntry.new_treatment(at=at("2026-04-01"), treatment="medication change")
    )


def _fresh(tmp: Path, name: str) -> History:
    result = open_history(tmp / name, now=FakeNow(datetime(2026, 5, 1, tzinfo=UTC)))
    assert result.history is not None
    return result.history


def test_export_shape(history: History) -> None:
    _fill(history)
    data = history_exchange.export_json(history)
    assert data["format"] == "facewell-history"
    assert data["version"] == EXPORT_VERSION == 3
    morning, cold = data["sessions"]  # oldest first
    assert morning == {
        "routine": "Morning calm",
        "slug": "morning-calm",
        "category": "breathing",
        "started_at": "2026-04-30T07:00:00+02:00",
        "ended_at": "2026-04-30T07:10:00+02:00",
        "planned_s": 600.0,
        "elapsed_s": 600.25,
        "status": "completed",
        "severity_before": None,
        "severity_after": 2,
        "feeling": "better",
        "note": 'calm, "quiet"\nday',
        "uid": history.sessions.page()[1].uid,
        "skipped": [],
    }
    assert cold["started_at"] == "2026-04-30T22:00:00.123456-05:00"
    assert cold["status"] == "running"
    assert cold["ended_at"] is None
    treatment, episode = data["journal"]
    assert episode["at"] == "2026-04-29T13:00:00+02:00"
    assert episode["triggers"] == ["stress", "caffeine"]
    assert episode["symptoms"] == ["numbness"]
    assert set(episode) == {
        "kind", "at", "area", "side", "severity", "duration_s", "triggers", "symptoms",
        "treatment", "note", "uid",
    }  # fmt: skip
    assert treatment["kind"] == "treatment"
    json.dumps(data)  # plain JSON types only


def test_round_trip_and_double_import(history: History, tmp_path: Path) -> None:
    _fill(history)
    exported = json.loads(json.dumps(history_exchange.export_json(history)))
    other = _fresh(tmp_path, "other")
    assert history_exchange.import_data(other, copy.deepcopy(exported)) == ImportResult(2, 2, 0)
    again = history_exchange.export_json(other)
    # A session still running in the file arrives as interrupted, ended when its last
    # checkpointed time ran out: it can never be finished here.
    exported["sessions"][1]["status"] = "interrupted"
    started = datetime.fromisoformat(exported["sessions"][1]["started_at"])
    exported["sessions"][1]["ended_at"] = (started + timedelta(seconds=60)).isoformat()
    assert again == exported
    # Importing the same file again adds nothing, into either history.
    assert history_exchange.import_data(other, copy.deepcopy(exported)) == ImportResult(0, 0, 4)
    assert history_exchange.import_data(history, copy.deepcopy(exported)) == ImportResult(0, 0, 4)
    assert history_exchange.export_json(other) == again
    other.close()


def test_a_version_1_file_still_imports_with_its_old_signs(history: History) -> None:
    """Exports made before the 0-10 journal scale and the wider list of signs."""
    old_file = {
        "format": "facewell-history",
        "version": 1,
        "sessions": [],
        "journal": [
            {
                "kind": "episode",
                "at": "2026-04-20T09:00:00+02:00",
                "area": "eyelid",
                "side": "left",
                "severity": 1,
                "duration_s": None,
                "triggers": ["stress"],
                "symptoms": ["vision changes", "balance problems", "numbness"],
                "treatment": "",
                "note": "",
                "uid": "0b6f1d9e-0000-4000-8000-000000000001",
            }
        ],
    }
    assert history_exchange.import_data(history, copy.deepcopy(old_file)) == ImportResult(0, 1, 0)
    (entry,) = history.journal.entries()
    assert entry.symptoms == ("vision changes", "balance problems", "numbness")
    assert entry.severity == 1  # kept as rated: 1 reads the same on the 0-10 scale
    exported = history_exchange.export_json(history)
    assert exported["version"] == 3
    assert exported["journal"] == old_file["journal"]


def test_files_without_uids_are_deduplicated_by_routine_and_start(history: History) -> None:
    data: dict[str, Any] = {
        "sessions": [
            {
                "routine": "Morning calm",
                "started_at": "2026-04-01T08:00:00+02:00",
                "ended_at": "2026-04-01T08:10:00+02:00",
                "planned_s": 600,
                "elapsed_s": 600,
                "status": "completed",
            },
            {  # the same instant written in another offset: the same session
                "routine": "Morning calm",
                "started_at": "2026-04-01T06:00:00+00:00",
                "ended_at": None,
                "planned_s": 600,
                "elapsed_s": 600,
                "status": "completed",
            },
        ],
        "journal": [{"kind": "episode", "at": "2026-04-01T10:00:00+02:00", "area": "cheek"}],
    }
    assert history_exchange.import_data(history, copy.deepcopy(data)) == ImportResult(1, 1, 1)
    assert history_exchange.import_data(history, copy.deepcopy(data)) == ImportResult(0, 0, 3)
    (session,) = history.sessions.page()
    assert session.category == "mixed"
    assert session.slug == ""
    assert len(session.uid) == 36
    # A session recorded here, then exported by an old tool without uids: skipped.
    recorded = history.sessions.start(
        "Gentle face", "gentle-face", "facial", 60, started_at=at("2026-04-02")
    )
    del recorded
    same = {
        "routine": "Gentle face",
        "started_at": at("2026-04-02").isoformat(),
        "planned_s": 60,
        "elapsed_s": 0,
        "status": "stopped",
    }
    assert history_exchange.import_data(history, {"sessions": [same]}) == ImportResult(0, 0, 1)


GOOD_SESSION = {
    "routine": "Morning calm",
    "slug": "morning-calm",
    "category": "breathing",
    "started_at": "2026-04-01T08:00:00+02:00",
    "ended_at": "2026-04-01T08:10:00+02:00",
    "planned_s": 600,
    "elapsed_s": 600,
    "status": "completed",
    "uid": "a",
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a Facewell history export"),
        ({"format": "something-else", "sessions": []}, "not a Facewell history export"),
        ({"version": EXPORT_VERSION + 1, "sessions": []}, "made by a newer Facewell"),
        ({"stuff": []}, "none of 'sessions', 'journal'"),
        ({"sessions": {}}, "'sessions' must be a list"),
        ({"sessions": [GOOD_SESSION, "x"]}, r"sessions\[1\] must be an object"),
        ({"sessions": [{**GOOD_SESSION, "started_at": "2026-04-01T08:00:00"}]},
         r"sessions\[0\] \('Morning calm'\): 'started_at' has no UTC offset"),
        ({"sessions": [{**GOOD_SESSION, "started_at": "yesterday"}]},
         r"'started_at' is not an ISO 8601 time"),
        ({"sessions": [{**GOOD_SESSION, "elapsed_s": "ten"}]}, r"sessions\[0\].*elapsed_s"),
        ({"sessions": [{**GOOD_SESSION, "status": "paused"}]}, r"'status' must be one of"),
        ({"sessions": [{**GOOD_SESSION, "category": "yoga"}]}, r"'category' must be one of"),
        ({"sessions": [{**GOOD_SESSION, "severity_after": 12}]}, r"severity_after"),
        ({"sessions": [GOOD_SESSION, {k: v for k, v in GOOD_SESSION.items() if k != "status"}]},
         r"sessions\[1\] has no 'status'"),
        ({"journal": [{"kind": "episode", "at": "2026-04-01T10:00:00+02:00", "area": "toe"}]},
         r"journal\[0\] \('episode'\): area must be one of"),
        ({"journal": [{"kind": "episode", "at": "2026-04-01T10:00:00Z", "area": "jaw",
                       "triggers": "stress"}]}, r"journal\[0\].*'triggers' must be a list"),
        ({"journal": [{"at": "2026-04-01T10:00:00Z"}]}, r"journal\[0\] has no 'kind'"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_whole(history: History, data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        history_exchange.import_data(history, data)
    assert history.sessions.count() == 0  # nothing half-imported
    assert history.journal.entries() == []


_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
_times = st.builds(
    lambda moment, offset: moment.replace(tzinfo=offset),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
    _offsets,
)
_texts = st.text(max_size=30)
_seconds = st.floats(min_value=0, max_value=24 * 3600, allow_nan=False, allow_infinity=False)


@st.composite
def _session(draw: st.DrawFn) -> dict[str, Any]:
    """A session as Facewell records it: played at most its plan, ended after it ran."""
    started = draw(_times)
    planned = draw(st.floats(min_value=0, max_value=4 * 3600, allow_nan=False))
    elapsed = planned * draw(st.floats(min_value=0, max_value=1))
    pause = draw(st.floats(min_value=0, max_value=3600, allow_nan=False))
    ended = draw(st.none() | st.just(started + timedelta(seconds=elapsed + pause)))
    return {
        "routine": draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        "slug": draw(_texts),
        "category": draw(st.sampled_from([c.value for c in Category])),
        "started_at": started.isoformat(),
        "ended_at": None if ended is None else ended.isoformat(),
        "planned_s": planned,
        "elapsed_s": elapsed,
        "status": draw(st.sampled_from(["completed", "stopped", "interrupted"])),
        "severity_before": draw(st.none() | st.integers(0, 10)),
        "severity_after": draw(st.none() | st.integers(0, 10)),
        "feeling": draw(_texts),
        "note": draw(_texts),
        "uid": str(draw(st.uuids())),
    }


_sessions = st.lists(_session(), max_size=8)
_episodes = st.fixed_dictionaries(
    {
        "kind": st.just("episode"),
        "at": _times.map(datetime.isoformat),
        "area": st.sampled_from([a.value for a in Area]),
        "side": st.sampled_from([*(s.value for s in FaceSide), ""]),
        "severity": st.none() | st.integers(0, 10),
        "duration_s": st.none() | _seconds,
        "triggers": st.lists(st.sampled_from([t.value for t in Trigger]), max_size=3),
        "symptoms": st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=2),
        "treatment": st.just(""),
        "note": _texts,
        "uid": st.uuids().map(str),
    }
)
_treatments = st.fixed_dictionaries(
    {
        "kind": st.just("treatment"),
        "at": _times.map(datetime.isoformat),
        "area": st.just(""),
        "side": st.sampled_from([*(s.value for s in FaceSide), ""]),
        "severity": st.none(),
        "duration_s": st.none(),
        "triggers": st.just([]),
        "symptoms": st.just([]),
        "treatment": st.sampled_from([t.value for t in Treatment]),
        "note": _texts,
        "uid": st.uuids().map(str),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions=_sessions, journal=st.lists(_episodes | _treatments, max_size=8))
def test_any_valid_export_survives_a_round_trip(
    sessions: list[dict[str, Any]], journal: list[dict[str, Any]]
) -> None:
    document = {
        "format": "facewell-history",
        "version": EXPORT_VERSION,
        "sessions": sessions,
        "journal": journal,
    }
    with tempfile.TemporaryDirectory() as tmp:
        first = _fresh(Path(tmp), "first")
        result = history_exchange.import_data(first, json.loads(json.dumps(document)))
        # Botulinum toxin notes arrive as injections (schema 5).
        added = result.sessions + result.entries + result.injections
        assert added + result.skipped == len(sessions) + len(journal)
        exported = history_exchange.export_json(first)
        second = _fresh(Path(tmp), "second")
        again = history_exchange.import_data(second, json.loads(json.dumps(exported)))
        assert again == ImportResult(result.sessions, result.entries, 0, result.injections)
        assert history_exchange.export_json(second) == exported
        assert history_exchange.import_data(second, exported) == ImportResult(0, 0, added)
        first.close()
        second.close()


# -- CSV -----------------------------------------------------------------------------

NASTY = ['=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR"]


def test_csv_cells_are_safe_from_formula_injection(history: History) -> None:
    for i, text in enumerate(NASTY):
        session_id = history.sessions.start(
            text, "slug", "breathing", 60, started_at=at("2026-04-01") + timedelta(hours=i)
        )
        history.sessions.set_feedback(session_id, severity_after=None, feeling=text, note=text)
        history.journal.add(
            JournalEntry.new_episode(
                at=at("2026-04-01") + timedelta(hours=i), area="eyelid", symptoms=[text], note=text
            )
        )
    history.sessions.update_note(session_id, "plain = fine")
    sessions_out, journal_out = io.StringIO(newline=""), io.StringIO(newline="")
    history_exchange.export_csv(history, sessions_out, journal_out)

    rows = list(csv.DictReader(io.StringIO(sessions_out.getvalue(), newline="")))
    assert [row["routine"] for row in rows] == ["'" + text for text in NASTY]
    assert [row["feeling"] for row in rows] == ["'" + text for text in NASTY]
    assert rows[-1]["note"] == "plain = fine"
    assert rows[0]["planned_s"] == "60.0"  # numbers stay numbers
    assert rows[0]["started_at"] == "2026-04-01T09:00:00+02:00"
    entries = list(csv.DictReader(io.StringIO(journal_out.getvalue(), newline="")))
    assert [row["note"] for row in entries] == ["'" + text for text in NASTY]
    assert [row["symptoms"] for row in entries] == ["'" + text for text in NASTY]
    for row in [*rows, *entries]:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_single_csv_file(history: History) -> None:
    _fill(history)
    history.sessions.update_note(history.sessions.page()[0].id, "=1+1")
    out = io.StringIO(newline="")
    history_exchange.export_csv_single(history, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["record"] for row in rows] == ["session", "session", "treatment", "episode"]
    assert rows[1]["note"] == "'=1+1"
    assert rows[3]["triggers"] == "stress; caffeine"
    assert rows[3]["area"] == "eyelid"
    assert rows[0]["area"] == ""
    assert rows[3]["at"] == "2026-04-29T13:00:00+02:00"
