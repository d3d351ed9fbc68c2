"""`facewell history`, `facewell import` and `facewell report`, run as real processes."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.storage.database import CURRENT_VERSION


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg"
    folder.mkdir()
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run_cli(repo: Path, xdg: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(xdg)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def local(day: date, hour: int = 9) -> datetime:
    """A time on ``day`` on this machine's clock, with its UTC offset."""
    return datetime.combine(day, time(hour, 0)).astimezone()


def session(started: datetime, elapsed: float, *, note: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "routine": "Box breathing",
        "slug": "box-breathing",
        "category": "breathing",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=elapsed)).isoformat(),
        "planned_s": 300,
        "elapsed_s": elapsed,
        "status": "completed",
        "note": note,
        **extra,
    }


TODAY = date.today()
DAYS_AGO = (0, 1, 2, 10)
INJECTION = '=HYPERLINK("http://example.com","click")'


def export_document() -> dict[str, Any]:
    return {
        "format": "facewell-history",
        "version": 1,
        "sessions": [
            session(local(TODAY - timedelta(days=ago)), 120 + 60 * i, note=INJECTION if i else "")
            for i, ago in enumerate(DAYS_AGO)
        ],
        "journal": [
            {
                "kind": "episode",
                "at": local(TODAY - timedelta(days=1), 15).isoformat(),
                "area": "eyelid",
                "side": "left",
                "severity": 6,
                "duration_s": 60,
                "triggers": ["stress", "poor sleep"],
                "symptoms": ["numbness"],
                "note": "@SUM(A1:A2)",
            },
            {
                "kind": "treatment",
                "at": local(TODAY - timedelta(days=5), 11).isoformat(),
                "treatment": "doctor visit",
                "note": "Neurologist",
            },
        ],
    }


@pytest.fixture
def filled(repo: Path, xdg: Path, data: Path, tmp_path: Path) -> Path:
    """A data folder with four sessions and two journal entries, imported."""
    source = tmp_path / "history.json"
    source.write_text(json.dumps(export_document()), encoding="utf-8")
    result = run_cli(repo, xdg, "import", source, "--data-dir", data)
    assert result.returncode == 0, result.stderr
    return data


def test_import_twice_adds_nothing(repo: Path, xdg: Path, data: Path, tmp_path: Path) -> None:
    source = tmp_path / "history.json"
    source.write_text(json.dumps(export_document()), encoding="utf-8")
    first = run_cli(repo, xdg, "import", source, "--data-dir", data)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Imported 4 sessions and 2 journal entries (0 already present).\n"
    second = run_cli(repo, xdg, "--data-dir", data, "import", source)
    assert second.returncode == 0, second.stderr
    assert second.stdout == "Imported 0 sessions and 0 journal entries (6 already present).\n"
    exported = json.loads(run_cli(repo, xdg, "history", "--json", "--data-dir", data).stdout)
    assert len(exported["sessions"]) == 4
    assert len(exported["journal"]) == 2


def test_export_then_import_elsewhere_round_trips(
    repo: Path, xdg: Path, filled: Path, tmp_path: Path
) -> None:
    exported = run_cli(repo, xdg, "history", "--json", "--data-dir", filled)
    assert exported.returncode == 0, exported.stderr
    file = tmp_path / "export.json"
    file.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other"
    result = run_cli(repo, xdg, "import", file, "--data-dir", other)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 4 sessions and 2 journal entries")
    again = run_cli(repo, xdg, "history", "--json", "--data-dir", other)
    assert json.loads(again.stdout) == json.loads(exported.stdout)


def test_history_json_shape(repo: Path, xdg: Path, filled: Path) -> None:
    result = run_cli(repo, xdg, "history", "--json", "--data-dir", filled)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) >= {"sessions", "journal"}
    sessions = document["sessions"]
    assert len(sessions) == 4
    for item in sessions:
        assert {"routine", "started_at", "ended_at", "planned_s", "elapsed_s", "status"} <= set(
            item
        )
        for key in ("started_at", "ended_at"):
            moment = datetime.fromisoformat(item[key])
            assert moment.utcoffset() is not None, item[key]
    assert [datetime.fromisoformat(s["started_at"]) for s in sessions] == sorted(
        datetime.fromisoformat(s["started_at"]) for s in sessions
    )
    kinds = sorted(entry["kind"] for entry in document["journal"])
    assert kinds == ["episode", "treatment"]
    episode = next(e for e in document["journal"] if e["kind"] == "episode")
    assert episode["triggers"] == ["stress", "poor sleep"]
    assert datetime.fromisoformat(episode["at"]).utcoffset() is not None


def test_history_csv_is_safe_against_formulas(repo: Path, xdg: Path, filled: Path) -> None:
    result = run_cli(repo, xdg, "history", "--csv", "--data-dir", filled)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header, body = rows[0], rows[1:]
    assert header[0] == "record"
    assert sorted({row[0] for row in body}) == ["episode", "session", "treatment"]
    assert len(body) == 6
    cells = [cell for row in body for cell in row]
    assert "'" + INJECTION in cells
    assert "'@SUM(A1:A2)" in cells
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)


def test_history_csv_into_a_folder(repo: Path, xdg: Path, filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli(repo, xdg, "history", "--csv", folder, "--data-dir", filled)
    assert result.returncode == 0, result.stderr
    with (folder / "sessions.csv").open(newline="", encoding="utf-8") as file:
        sessions = list(csv.DictReader(file))
    with (folder / "journal.csv").open(newline="", encoding="utf-8") as file:
        journal = list(csv.DictReader(file))
    assert len(sessions) == 4 and len(journal) == 2
    assert ("'" + INJECTION) in {row["note"] for row in sessions}
    assert (folder / "sessions.csv").stat().st_mode & 0o077 == 0


def test_history_stats_json(repo: Path, xdg: Path, filled: Path) -> None:
    result = run_cli(repo, xdg, "history", "--stats", "--json", "--data-dir", filled)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert set(stats) == {
        "sessions",
        "total_minutes",
        "minutes_this_week",
        "sessions_this_month",
        "current_streak",
        "longest_streak",
        "cycles",
        "earlier_cycles",
    }
    assert stats["cycles"] == [] and stats["earlier_cycles"] == 0
    minutes = [(120 + 60 * i) / 60 for i in range(len(DAYS_AGO))]
    days = [TODAY - timedelta(days=ago) for ago in DAYS_AGO]
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert stats["sessions"] == 4
    assert stats["total_minutes"] == pytest.approx(sum(minutes))
    assert stats["minutes_this_week"] == pytest.approx(
        sum(m for m, day in zip(minutes, days, strict=True) if day >= monday)
    )
    assert stats["sessions_this_month"] == sum(day >= TODAY.replace(day=1) for day in days)
    assert stats["current_streak"] == 3
    assert stats["longest_streak"] == 3


def test_history_commands_do_not_import_qt(repo: Path, xdg: Path, filled: Path) -> None:
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"for args in (['history', '--stats', '--json'], ['history', '--json'], ['history']):\n"
        f"    assert main(['--data-dir', {str(filled)!r}, *args]) == 0\n"
        "print('PySide6' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=repo,
        env={**os.environ, "XDG_DATA_HOME": str(xdg)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("False")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"sessions": 3}',
        '{"sessions": [{"routine": "X", "started_at": "yesterday", "planned_s": 1,'
        ' "elapsed_s": 1, "status": "completed"}]}',
        "[1, 2, 3]",
    ],
    ids=["syntax", "sessions-not-a-list", "bad-time", "not-an-object"],
)
def test_malformed_import_is_one_plain_line(
    repo: Path, xdg: Path, data: Path, tmp_path: Path, content: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    result = run_cli(repo, xdg, "import", source, "--data-dir", data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert str(source) in result.stderr
    assert result.stdout == ""


def test_import_of_a_missing_file(repo: Path, xdg: Path, data: Path, tmp_path: Path) -> None:
    result = run_cli(repo, xdg, "import", tmp_path / "nowhere.json", "--data-dir", data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nowhere.json" in result.stderr


def newer_database(data: Path) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    path = data / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, future TEXT)")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("command", ["history-json", "stats", "import", "report"])
def test_newer_database_is_refused_and_untouched(
    repo: Path, xdg: Path, data: Path, tmp_path: Path, command: str
) -> None:
    path = newer_database(data)
    before = path.read_bytes()
    source = tmp_path / "history.json"
    source.write_text(json.dumps(export_document()), encoding="utf-8")
    args: list[str | Path] = {
        "history-json": ["history", "--json"],
        "stats": ["history", "--stats", "--json"],
        "import": ["import", source],
        "report": ["report", "--pdf", tmp_path / "report.pdf"],
    }[command]
    result = run_cli(repo, xdg, *args, "--data-dir", data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "newer Facewell" in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in data.iterdir() if p.name != "history.lock") == ["history.sqlite3"]
    assert not (tmp_path / "report.pdf").exists()


def test_damaged_history_is_reported_on_stderr(repo: Path, xdg: Path, data: Path) -> None:
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run_cli(repo, xdg, "history", "--json", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert "damaged" in result.stderr
    assert json.loads(result.stdout)["sessions"] == []
    assert any(p.name.startswith("history.sqlite3.corrupt-") for p in data.iterdir())


def test_report_pdf(repo: Path, xdg: Path, filled: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    result = run_cli(repo, xdg, "report", "--pdf", pdf, "--days", "30", "--data-dir", filled)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 5_000


def test_report_to_an_unwritable_place(repo: Path, xdg: Path, filled: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "no" / "such" / "folder" / "report.pdf"
    result = run_cli(repo, xdg, "report", "--pdf", pdf, "--data-dir", filled)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(pdf) in result.stderr


def test_report_rejects_a_bad_period(repo: Path, xdg: Path, data: Path, tmp_path: Path) -> None:
    result = run_cli(
        repo, xdg, "report", "--pdf", tmp_path / "r.pdf", "--days", "0", "--data-dir", data
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
