"""Importing and exporting routine files: validated, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.loader import RoutineError, load_routine
from app.core.sharing import export_routine, import_routine

PLAN = """\
# from my therapist
name = "Evening plan"
[[steps]]
kind = "rest"
title = "Rest"
duration = 30
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    return folder


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_import_copies_a_valid_file_verbatim(tmp_path: Path, mine: Path) -> None:
    src = _write(tmp_path / "plan.toml", PLAN.replace("\n", "\r\n"))
    dest = import_routine(src, mine)
    assert dest == mine / "evening-plan.toml"
    assert dest.read_bytes() == src.read_bytes()
    assert load_routine(dest).name == "Evening plan"


def test_a_broken_file_is_refused_with_its_problems(tmp_path: Path, mine: Path) -> None:
    src = _write(tmp_path / "broken.toml", PLAN.replace("duration = 30", "duration = -3"))
    with pytest.raises(RoutineError) as caught:
        import_routine(src, mine)
    assert caught.value.problems[0].line == 6
    assert '"duration"' in caught.value.problems[0].message
    assert list(mine.iterdir()) == []


def test_same_name_is_refused_unless_renamed(tmp_path: Path, mine: Path) -> None:
    existing = _write(mine / "evening-plan.toml", PLAN)
    before = existing.read_bytes()
    src = _write(tmp_path / "plan.toml", PLAN)
    with pytest.raises(ValueError, match='already have a routine called "Evening plan"'):
        import_routine(src, mine)
    assert sorted(p.name for p in mine.iterdir()) == ["evening-plan.toml"]

    dest = import_routine(src, mine, rename=True)
    assert dest != existing
    assert load_routine(dest).name == "Evening plan (imported)"
    assert "# from my therapist" in dest.read_text(encoding="utf-8")
    assert existing.read_bytes() == before

    again = import_routine(src, mine, rename=True)
    assert load_routine(again).name == "Evening plan (imported 2)"
    assert existing.read_bytes() == before


def test_same_file_name_gets_a_new_file(tmp_path: Path, mine: Path) -> None:
    other = _write(mine / "evening-plan.toml", PLAN.replace("Evening plan", "Something else"))
    before = other.read_bytes()
    dest = import_routine(_write(tmp_path / "p.toml", PLAN), mine)
    assert dest.name == "evening-plan-2.toml"
    assert other.read_bytes() == before


def test_taken_names_include_builtins(tmp_path: Path, mine: Path) -> None:
    src = _write(tmp_path / "p.toml", PLAN)
    with pytest.raises(ValueError):
        import_routine(src, mine, taken_names=["evening PLAN"])


def test_export_copies_text_verbatim(tmp_path: Path, mine: Path) -> None:
    src = _write(mine / "evening-plan.toml", PLAN)
    out = tmp_path / "out"
    out.mkdir()
    assert export_routine(src, out) == out / "evening-plan.toml"
    assert (out / "evening-plan.toml").read_bytes() == src.read_bytes()
    target = export_routine(src, tmp_path / "shared.toml")
    assert target.read_bytes() == src.read_bytes()
