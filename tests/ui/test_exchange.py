"""Export, import and the doctor's report from the History page, on a real History."""

from __future__ import annotations

import csv
import json
import os
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage.history import History, JournalEntry, open_history
from app.storage.history import exchange as history_exchange
from app.storage.history.exchange import ImportResult
from app.ui import exchange
from app.ui.exchange import BackgroundWrite, ExchangeDialogs
from app.ui.history_page import HistoryPage

NOW = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)


def _open(folder: Path) -> History:
    opened = open_history(folder)
    assert opened.history is not None
    return opened.history


@pytest.fixture
def history(data_dir: Path) -> Iterator[History]:
    history = _open(data_dir)
    for days, routine, category in (
        (20, "Gentle face", "facial"),
        (3, "Morning calm", "breathing"),
        (1, "Gentle face", "facial"),
    ):
        started = NOW - timedelta(days=days)
        session = history.sessions.start(
            routine,
            routine.lower().replace(" ", "-"),
            category,
            600,
            started_at=started,
            severity_before=6,
        )
        history.sessions.finish(
            session, "completed", 300, ended_at=started + timedelta(seconds=300)
        )
        history.sessions.set_feedback(session, severity_after=3, feeling="better", note="=lighter")
    history.journal.add(
        JournalEntry.new_episode(at=NOW - timedelta(days=2), area="eyelid", severity=5)
    )
    yield history
    history.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[History]:
    history = _open(tmp_path / "other")
    yield history
    history.close()


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        ExchangeDialogs,
        "show_problem",
        classmethod(lambda cls, parent, sentence: shown.append(sentence)),
    )
    return shown


@pytest.fixture
def page(qtbot: QtBot, history: History) -> HistoryPage:
    widget = HistoryPage(lambda: history)
    qtbot.addWidget(widget)
    return widget


def _answer(monkeypatch: pytest.MonkeyPatch, name: str, value: object) -> None:
    monkeypatch.setattr(ExchangeDialogs, name, classmethod(lambda cls, *args: value))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _finish(qtbot: QtBot, write: BackgroundWrite | None) -> BackgroundWrite:
    assert write is not None
    with qtbot.waitSignal(write.finished, timeout=10000):
        pass
    return write


def _export(qtbot: QtBot, history: History, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, "ask_json_save_path", path)
    write = _finish(qtbot, exchange.export_json(None, history))
    assert write.ok, write.sentence


def test_export_json(
    qtbot: QtBot, history: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "history.json"
    target.parent.mkdir()
    _answer(monkeypatch, "ask_json_save_path", target)
    write = _finish(qtbot, exchange.export_json(None, history))
    assert write.ok
    assert write.sentence == f"Saved to {target}."
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == history_exchange.export_json(history)
    assert data["format"] == "facewell-history"
    assert len(data["sessions"]) == 3
    assert len(data["journal"]) == 1
    if os.name == "posix":
        assert _mode(target) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["history.json"]  # no temp left


def test_export_cancelled(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, "ask_json_save_path", None)
    _answer(monkeypatch, "ask_csv_folder", None)
    assert exchange.export_json(None, history) is None
    assert exchange.export_csv(None, history) is None


def test_export_to_unwritable_place_says_so(
    qtbot: QtBot, history: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, "ask_json_save_path", tmp_path / "missing" / "history.json")
    write = _finish(qtbot, exchange.export_json(None, history))
    assert write.ok is False
    assert write.sentence.startswith("Facewell couldn't save to ")


def test_export_csv_two_private_files(
    qtbot: QtBot, history: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    _answer(monkeypatch, "ask_csv_folder", folder)
    write = _finish(qtbot, exchange.export_csv(None, history))
    assert write.ok, write.sentence
    assert sorted(p.name for p in folder.iterdir()) == ["journal.csv", "sessions.csv"]
    with (folder / "sessions.csv").open(encoding="utf-8", newline="") as file:
        sessions = list(csv.DictReader(file))
    with (folder / "journal.csv").open(encoding="utf-8", newline="") as file:
        journal = list(csv.DictReader(file))
    assert [row["routine"] for row in sessions] == ["Gentle face", "Morning calm", "Gentle face"]
    assert sessions[0]["note"] == "'=lighter"  # never a spreadsheet formula
    assert len(journal) == 1
    if os.name == "posix":
        assert _mode(folder / "sessions.csv") == 0o600
        assert _mode(folder / "journal.csv") == 0o600


def test_import_into_fresh_history_then_again(
    qtbot: QtBot,
    history: History,
    fresh: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[str],
) -> None:
    exported = tmp_path / "history.json"
    _export(qtbot, history, exported, monkeypatch)
    _answer(monkeypatch, "ask_json_open_path", exported)
    assert exchange.import_json(None, fresh) == ImportResult(3, 1, 0)
    assert history_exchange.export_json(fresh) == history_exchange.export_json(history)
    assert exchange.import_json(None, fresh) == ImportResult(0, 0, 4)
    assert fresh.sessions.count() == 3
    assert problems == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "is not valid JSON"),
        (b"[1, 2]", "is not a Facewell history export"),
        (b'{"format": "something else", "sessions": []}', "can't be imported"),
        (b"\xff\xfe\x00binary", "UTF-8"),
    ],
)
def test_malformed_file_shows_one_sentence_and_adds_nothing(
    fresh: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[str],
    content: bytes,
    words: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    _answer(monkeypatch, "ask_json_open_path", bad)
    assert exchange.import_json(None, fresh) is None
    assert len(problems) == 1
    assert words in problems[0]
    assert "\n" not in problems[0]
    assert fresh.sessions.count() == 0


def test_half_valid_file_adds_nothing(
    qtbot: QtBot,
    history: History,
    fresh: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[str],
) -> None:
    exported = tmp_path / "history.json"
    _export(qtbot, history, exported, monkeypatch)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["sessions"][-1]["started_at"] = "yesterday-ish"
    exported.write_text(json.dumps(data), encoding="utf-8")
    _answer(monkeypatch, "ask_json_open_path", exported)
    assert exchange.import_json(None, fresh) is None
    assert len(problems) == 1
    assert "nothing was added" in problems[0]
    assert fresh.sessions.count() == 0


def test_report_pdf(
    history: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problems: list[str]
) -> None:
    target = tmp_path / "report.pdf"
    asked: list[int] = []
    monkeypatch.setattr(ExchangeDialogs, "ask_report_days", classmethod(lambda cls, parent: 30))
    monkeypatch.setattr(
        ExchangeDialogs,
        "ask_report_path",
        classmethod(lambda cls, parent, days: asked.append(days) or target),
    )
    assert exchange.save_report(None, history) == f"Saved to {target}."
    assert asked == [30]
    assert target.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert problems == []


def test_report_period_dialog_defaults_to_90(qtbot: QtBot) -> None:
    dialog = exchange.ReportPeriodDialog()
    qtbot.addWidget(dialog)
    assert dialog.days() == 90
    assert [dialog.period.itemData(i) for i in range(dialog.period.count())] == [30, 90, 180, 365]


def test_report_cancelled(history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, "ask_report_days", None)
    assert exchange.save_report(None, history) is None


# -- on the History page ---------------------------------------------------------------------


def test_page_buttons_named_and_disabled_without_history(qtbot: QtBot) -> None:
    widget = HistoryPage(lambda: None)
    qtbot.addWidget(widget)
    for button in (widget.export_button, widget.import_button, widget.report_button):
        assert not button.isEnabled()
        assert button.accessibleName()
        assert button.toolTip()
    assert widget.export_json() is None
    assert widget.import_json() is None
    assert widget.save_report() is None


def test_page_buttons_enabled_with_history(page: HistoryPage) -> None:
    assert page.export_button.isEnabled()
    assert page.import_button.isEnabled()
    assert page.report_button.isEnabled()
    assert page.export_button.menu() is not None


def test_page_export_shows_saved_to(
    qtbot: QtBot, page: HistoryPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "history.json"
    _answer(monkeypatch, "ask_json_save_path", target)
    page.show()
    page.export_json_action.trigger()
    qtbot.waitUntil(lambda: page.message.text() == f"Saved to {target}.", timeout=10000)
    assert page.message.isVisible()
    assert target.exists()


def test_page_import_refreshes(
    qtbot: QtBot,
    history: History,
    fresh: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problems: list[str],
) -> None:
    exported = tmp_path / "history.json"
    _export(qtbot, history, exported, monkeypatch)
    widget = HistoryPage(lambda: fresh)
    qtbot.addWidget(widget)
    assert widget.model.total == 0
    _answer(monkeypatch, "ask_json_open_path", exported)
    with qtbot.waitSignal(widget.changed):
        widget.import_button.click()
    assert widget.model.total == 3
    assert widget.message.text() == "Added 4 items to your history."
    assert widget.import_json() == ImportResult(0, 0, 4)
    assert widget.message.text() == (
        "Everything in that file is already in your history; nothing was added."
    )
    assert problems == []
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    _answer(monkeypatch, "ask_json_open_path", broken)
    assert widget.import_json() is None
    # The failure replaces the line: "nothing was added" from before must not linger.
    assert widget.message.text() == problems[0]
    assert widget.message.text().startswith("broken.json can't be imported (")


def test_page_report_button(
    page: HistoryPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problems: list[str]
) -> None:
    target = tmp_path / "doctor.pdf"
    _answer(monkeypatch, "ask_report_days", 90)
    _answer(monkeypatch, "ask_report_path", target)
    page.report_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert page.message.text() == f"Saved to {target}."
    assert problems == []
