"""`facewell log`, `facewell injection` and the cycles of `history --stats`, run as
real processes on an imported year (four injections, a rating a day)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_cli_history import run_cli

from app.core.sample_cycles import cycle_year

TODAY = date.today()


@pytest.fixture
def year(tmp_path: Path) -> Path:
    path = tmp_path / "year.json"
    path.write_text(json.dumps(cycle_year(TODAY - timedelta(days=364))))
    return path


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg"
    folder.mkdir()
    return folder


def test_an_imported_year_shows_four_cycles_with_weeks_of_benefit(
    repo: Path, xdg: Path, tmp_path: Path, year: Path
) -> None:
    data = tmp_path / "data"
    imported = run_cli(repo, xdg, "import", year, "--data-dir", data)
    assert imported.returncode == 0, imported.stderr
    assert "4 injections and 365 daily ratings" in imported.stdout
    text = run_cli(repo, xdg, "history", "--stats", "--data-dir", data)
    assert text.returncode == 0, text.stderr
    lines = [line for line in text.stdout.splitlines() if "Botox" in line]
    assert len(lines) == 4
    assert all("weeks — from your daily ratings" in line for line in lines[:3])
    assert "still working, day 70" in lines[3]
    stats = json.loads(
        run_cli(repo, xdg, "history", "--stats", "--json", "--data-dir", data).stdout
    )
    weeks = [cycle["weeks_of_benefit"] for cycle in stats["cycles"]]
    assert len(weeks) == 4 and weeks[3] is None
    assert all(10 <= w <= 13.5 for w in weeks[:3]), weeks


def test_a_daily_rating_with_exposures_is_one_command(
    repo: Path, xdg: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    result = run_cli(repo, xdg, "log", "6", "light,", "screens,", "+humming", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Saved. Today: 6 (moderate); with bright light, screens; humming helped."
    )
    exported = json.loads(run_cli(repo, xdg, "history", "--json", "--data-dir", data).stdout)
    (day,) = exported["daily"]
    assert (day["day"], day["rating"], day["exposures"]) == (
        TODAY.isoformat(),
        6,
        ["bright light", "screens"],
    )
    assert day["tricks"] == [{"trick": "humming", "helped": True}]
    bad = run_cli(repo, xdg, "log", "eleven", "--data-dir", data)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "a number from 0 to 10" in bad.stderr


def test_injection_add_mark_and_side_effect(repo: Path, xdg: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    day = (TODAY - timedelta(days=10)).isoformat()
    assert run_cli(repo, xdg, "injection", "mark", "best", "--data-dir", data).returncode == 1
    added = run_cli(repo, xdg, "injection", "add", day, "--product", "Xeomin", "--data-dir", data)
    assert added.returncode == 0, added.stderr
    marked = run_cli(repo, xdg, "injection", "mark", "started", "--data-dir", data)
    assert marked.returncode == 0 and "started working" in marked.stdout
    urgent = run_cli(
        repo, xdg, "injection", "side-effect", "trouble swallowing", "--data-dir", data
    )
    assert "call your emergency number now" in urgent.stdout
    (injection,) = json.loads(run_cli(repo, xdg, "history", "--json", "--data-dir", data).stdout)[
        "injections"
    ]
    assert injection["started_working"] == TODAY.isoformat()
    assert injection["side_effects"] == ["trouble swallowing"]
    listed = run_cli(repo, xdg, "injection", "list", "--data-dir", data)
    assert "(Xeomin): still working, day 10" in listed.stdout
