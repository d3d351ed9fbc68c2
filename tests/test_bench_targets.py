"""The bench's targets are data, and a missed one (or a missing number) is a failure."""

from __future__ import annotations

from bench.targets import TARGETS, check


def _report(**overrides: object) -> dict[str, object]:
    report: dict[str, object] = {
        "cue_lateness": {"p99_ms": 4.8, "never_early": True},
        "drift_60min_simulated": {"drift_position_s": 0.0},
        "gui_stall": {
            "render": {"max_stall_ms": 19.0},
            "play": {"max_stall_ms": 12.0},
            "render_natural": {"max_stall_ms": 22.0},
        },
        "startup": {"ratio": 1.36},
        "compress_cpu_minimized": {"cpu_percent": 0.03},
        "history_100k": {"stats_ms": 17.0, "page_ms": 117.0},
        "cycles_100k": {"view_ms": 60.0, "stats_ms": 70.0, "page_ms": 120.0},
        "soak_gentle_face": {"survived": True},
        "heard_gentle_face": {
            "heard_as_promised": True,
            "loudness_within_1_lu": True,
            "rang_out": True,
        },
    }
    report.update(overrides)
    return report


def test_a_good_report_meets_every_target() -> None:
    results = check(_report(), quick=False)
    assert len(results) == len(TARGETS)
    assert all(result["met"] for result in results), results


def test_a_missed_bar_and_a_missing_number_both_fail() -> None:
    report = _report(startup={"ratio": 1.9}, history_100k={"error": "boom"})
    missed = {r["name"] for r in check(report, quick=False) if not r["met"]}
    assert missed == {"start-up", "history stats", "history page"}


def test_quick_runs_leave_the_soak_out() -> None:
    names = {r["name"] for r in check(_report(soak_gentle_face={}), quick=True)}
    assert not names & {"soak", "heard as promised", "one loudness", "rings out"}
