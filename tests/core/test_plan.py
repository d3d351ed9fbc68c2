"""Today's plan: editing, the plan file, and what counts as done today."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.plan import DailyPlan, PlanItem, done_today, load_plan, save_plan

TODAY = date(2026, 5, 4)
TZ = timezone(timedelta(hours=2))


@dataclass(frozen=True)
class Session:
    routine: str
    slug: str
    started_at: datetime
    elapsed_s: float = 300.0
    status: str = "completed"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def test_add_keeps_order_within_each_part() -> None:
    plan = DailyPlan()
    plan.add("morning", "morning-calm")
    plan.add("evening", "warm-compress")
    plan.add("evening", "4-7-8")
    assert plan.items("evening") == [
        PlanItem("evening", "warm-compress", 0),
        PlanItem("evening", "4-7-8", 1),
    ]
    assert plan.items("midday") == []
    assert [i.routine for i in plan.items()] == ["morning-calm", "warm-compress", "4-7-8"]
    assert len(plan) == 3


def test_unknown_part_is_refused() -> None:
    with pytest.raises(ValueError, match="part must be one of"):
        DailyPlan().add("night", "x")


def test_move_up_and_down_stops_at_the_ends() -> None:
    plan = DailyPlan()
    for slug in ("a", "b", "c"):
        plan.add("morning", slug)
    moved = plan.move(PlanItem("morning", "c", 2), -1)
    assert moved == PlanItem("morning", "c", 1)
    assert [i.routine for i in plan.items("morning")] == ["a", "c", "b"]
    plan.move(PlanItem("morning", "a", 0), -1)  # already first
    assert [i.routine for i in plan.items("morning")] == ["a", "c", "b"]
    plan.move(PlanItem("morning", "a", 0), 5)
    assert [i.routine for i in plan.items("morning")] == ["c", "b", "a"]


def test_remove_renumbers_and_refuses_stale_items() -> None:
    plan = DailyPlan()
    for slug in ("a", "b", "c"):
        plan.add("midday", slug)
    plan.remove(PlanItem("midday", "a", 0))
    assert plan.items("midday") == [PlanItem("midday", "b", 0), PlanItem("midday", "c", 1)]
    with pytest.raises(KeyError):
        plan.remove(PlanItem("midday", "c", 2))


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    plan = DailyPlan()
    plan.add("morning", "morning-calm")
    plan.add("evening", "warm-compress")
    plan.add("evening", "4-7-8")
    save_plan(plan, path)
    loaded, message = load_plan(path)
    assert message is None
    assert loaded == plan
    assert json.loads(path.read_text())["evening"] == ["warm-compress", "4-7-8"]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["plan.json"]  # no temp files left


def test_missing_file_is_an_empty_plan(tmp_path: Path) -> None:
    plan, message = load_plan(tmp_path / "plan.json")
    assert len(plan) == 0
    assert message is None


@pytest.mark.parametrize(
    "content",
    ["{not json", '["a list"]', '{"morning": "morning-calm"}', '{"evening": [3]}', "\xff\xfe"],
)
def test_broken_file_is_kept_aside(tmp_path: Path, content: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content.encode("latin-1"))
    plan, message = load_plan(path, now=datetime(2026, 5, 4, 8, 30, 0))
    assert len(plan) == 0
    assert message is not None and "plan.json.broken-20260504-083000" in message
    assert not path.exists()
    aside = tmp_path / "plan.json.broken-20260504-083000"
    assert aside.read_bytes() == content.encode("latin-1")
    # A second broken file the same second does not overwrite the first one.
    path.write_text("{")
    load_plan(path, now=datetime(2026, 5, 4, 8, 30, 0))
    assert aside.read_bytes() == content.encode("latin-1")
    assert (tmp_path / "plan.json.broken-20260504-083000-2").read_text() == "{"


def _plan() -> DailyPlan:
    plan = DailyPlan()
    plan.add("morning", "morning-calm")
    plan.add("evening", "warm-compress")
    plan.add("evening", "4-7-8")
    return plan


def test_nothing_done_without_sessions() -> None:
    assert not any(done_today(_plan(), [], TODAY).values())


def test_a_session_today_checks_its_item_off() -> None:
    plan = _plan()
    done = done_today(plan, [Session("Morning calm", "morning-calm", at(TODAY, 7))], TODAY)
    assert done == {
        PlanItem("morning", "morning-calm", 0): True,
        PlanItem("evening", "warm-compress", 0): False,
        PlanItem("evening", "4-7-8", 1): False,
    }


def test_a_session_yesterday_does_not_count() -> None:
    yesterday = TODAY - timedelta(days=1)
    sessions = [Session("Morning calm", "morning-calm", at(yesterday, 23, 59))]
    assert not any(done_today(_plan(), sessions, TODAY).values())


def test_two_items_of_one_routine_need_two_sessions() -> None:
    plan = DailyPlan()
    plan.add("morning", "warm-compress")
    plan.add("evening", "warm-compress")
    one = [Session("Warm compress", "warm-compress", at(TODAY, 8))]
    assert list(done_today(plan, one, TODAY).values()) == [True, False]
    two = [*one, Session("Warm compress", "warm-compress", at(TODAY, 20))]
    assert list(done_today(plan, two, TODAY).values()) == [True, True]


@pytest.mark.parametrize(
    ("status", "elapsed", "counts"),
    [
        ("completed", 20.0, True),
        ("stopped", 60.0, True),
        ("stopped", 59.0, False),
        ("interrupted", 120.0, True),
        ("interrupted", 30.0, False),
        ("running", 600.0, False),
    ],
)
def test_what_counts_as_done(status: str, elapsed: float, counts: bool) -> None:
    session = Session("Morning calm", "morning-calm", at(TODAY, 7), elapsed, status)
    done = done_today(_plan(), [session], TODAY)
    assert done[PlanItem("morning", "morning-calm", 0)] is counts


def test_a_session_without_slug_is_matched_by_name() -> None:
    session = Session("Morning Calm", "", at(TODAY, 7))
    done = done_today(_plan(), [session], TODAY, names={"morning-calm": "Morning calm"})
    assert done[PlanItem("morning", "morning-calm", 0)]
    # Even without the names, the name's slug matches.
    assert done_today(_plan(), [session], TODAY)[PlanItem("morning", "morning-calm", 0)]


def test_today_is_the_day_on_the_clock_the_session_was_recorded_with() -> None:
    late = datetime(2026, 5, 4, 23, 30, tzinfo=TZ)  # 21:30 UTC, still the 4th locally
    done = done_today(_plan(), [Session("Morning calm", "morning-calm", late)], TODAY)
    assert done[PlanItem("morning", "morning-calm", 0)]
