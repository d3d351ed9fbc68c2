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
        "power": {
            "bare_circle": {"cpu_percent": 5.0, "wakeups_per_s": 1500.0},
            "breathing": {"cpu_percent": 1.5, "wakeups_per_s": 120.0},
            "idle": {"rss_mib": 80.0},
            "compress_minimised": {"cpu_percent": 0.1},
        },
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


def _power(breathing: dict[str, float], bare: dict[str, float]) -> dict[str, object]:
    return {
        "bare_circle": bare,
        "breathing": breathing,
        "idle": {"rss_mib": 80.0},
        "compress_minimised": {"cpu_percent": 0.1},
    }


def test_breathing_is_met_by_the_bar_or_within_1_5x_the_bare_window() -> None:
    bare = {"cpu_percent": 6.0, "wakeups_per_s": 2000.0}
    near = _report(power=_power({"cpu_percent": 8.9, "wakeups_per_s": 2900.0}, bare))
    far = _report(power=_power({"cpu_percent": 9.1, "wakeups_per_s": 3100.0}, bare))
    named = {"breathing CPU", "breathing wake-ups"}
    assert all(r["met"] for r in check(near, quick=True) if r["name"] in named)
    missed = {r["name"] for r in check(far, quick=True) if not r["met"]}
    assert missed == named


def test_a_missing_floor_leaves_only_the_bar() -> None:
    report = _report(power=_power({"cpu_percent": 5.0, "wakeups_per_s": 140.0}, {}))
    met = {r["name"]: r["met"] for r in check(report, quick=True)}
    assert met["breathing CPU"] is False
    assert met["breathing wake-ups"] is True
