"""The doctor report: its numbers (pure), its HTML, and the PDF it prints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.services.report import (
    EPISODES_CHART,
    MINUTES_CHART,
    TITLE,
    build_report_html,
    chart_images,
    write_report_pdf,
)
from app.services.report_data import report_data
from app.storage.history import History, JournalEntry, open_history

CEST = timezone(timedelta(hours=2))
TODAY = date(2026, 5, 1)  # a Friday
"""The period of 14 days runs from Saturday 18 April to Friday 1 May: three weeks,
18-19 April, 20-26 April and 27 April - 1 May."""


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CEST)


@pytest.fixture
def history(data_dir: Path) -> Iterator[History]:
    result = open_history(data_dir, now=lambda: at(TODAY, 12))
    assert result.history is not None, result.notices
    yield result.history
    result.history.close()


def add_session(
    history: History,
    day: date,
    routine: str,
    seconds: float,
    *,
    before: int | None = None,
    after: int | None = None,
    status: str = "completed",
) -> None:
    session_id = history.sessions.start(
        routine, routine.lower(), "breathing", 300, started_at=at(day), severity_before=before
    )
    history.sessions.finish(
        session_id, status, seconds, ended_at=at(day) + timedelta(seconds=seconds)
    )
    if after is not None:
        history.sessions.set_feedback(session_id, severity_after=after, feeling="better", note="")


def add_episode(
    history: History,
    day: date,
    severity: int | None,
    triggers: tuple[str, ...] = (),
    symptoms: tuple[str, ...] = (),
    note: str = "",
) -> None:
    history.journal.add(
        JournalEntry.new_episode(
            at=at(day, 15),
            area="eyelid",
            side="left",
            severity=severity,
            triggers=triggers,
            symptoms=symptoms,
            note=note,
        )
    )


@pytest.fixture
def filled(history: History) -> History:
    add_session(history, TODAY - timedelta(days=30), "Box breathing", 600)  # before the period
    add_session(history, date(2026, 4, 18), "Box breathing", 300, before=6, after=4)
    add_session(history, date(2026, 4, 21), "Body scan", 600, before=7, after=5)
    add_session(history, date(2026, 4, 21), "Box breathing", 120, status="stopped")
    add_session(history, date(2026, 5, 1), "Body scan", 600, after=3)
    add_episode(history, date(2026, 4, 10), 9, ("stress",))  # before the period
    add_episode(history, date(2026, 4, 19), 8, ("stress", "caffeine"))
    add_episode(
        history, date(2026, 4, 22), 6, ("stress",), ("vision changes", "headache"), "blurry"
    )
    add_episode(history, date(2026, 4, 28), 4, ("screen time",))
    add_episode(history, date(2026, 4, 30), 2)
    history.journal.add(
        JournalEntry.new_treatment(
            at=at(date(2026, 4, 24)), treatment="medication change", note="2.5 units"
        )
    )
    return history


def test_report_data_numbers(filled: History) -> None:
    data = report_data(filled, 14, today=TODAY)
    assert (data.first, data.last, data.days) == (date(2026, 4, 18), TODAY, 14)
    assert data.has_data
    assert [(w.first, w.last) for w in data.weeks] == [
        (date(2026, 4, 18), date(2026, 4, 19)),
        (date(2026, 4, 20), date(2026, 4, 26)),
        (date(2026, 4, 27), date(2026, 5, 1)),
    ]
    assert [w.sessions for w in data.weeks] == [1, 2, 1]
    assert [w.minutes for w in data.weeks] == pytest.approx([5, 12, 10])
    assert [w.episodes for w in data.weeks] == [1, 1, 2]
    assert [w.average_severity for w in data.weeks] == pytest.approx([8, 6, 3])
    assert [w.treatments for w in data.weeks] == [0, 1, 0]
    assert data.sessions == 4
    assert data.completed == 3
    assert data.minutes == pytest.approx(27)
    assert data.days_with_routine == 3
    assert [(r.routine, r.sessions, r.minutes) for r in data.routines] == [
        ("Body scan", 2, pytest.approx(20)),
        ("Box breathing", 2, pytest.approx(7)),
    ]
    assert data.episodes == 4
    assert data.average_severity == pytest.approx(5)
    # First half: 18-24 April (8 and 6); second half: 25 April - 1 May (4 and 2).
    assert data.severity_first_half == pytest.approx(7)
    assert data.severity_second_half == pytest.approx(3)
    assert data.severity_pairs == 2
    assert data.severity_before == pytest.approx(6.5)
    assert data.severity_after == pytest.approx(4.5)
    assert data.triggers == (("stress", 2), ("caffeine", 1), ("screen time", 1))
    assert data.episodes_with_triggers == 3
    assert [(t.day, t.treatment, t.note) for t in data.treatments] == [
        (date(2026, 4, 24), "medication change", "2.5 units")
    ]
    # An old sign ("vision changes", no longer offered) still counts, in the calm tier.
    assert [(a.day, a.symptoms, a.urgent, a.note) for a in data.attention] == [
        (date(2026, 4, 22), ("vision changes",), False, "blurry")
    ]
    assert data.rated_episodes == 4


def test_the_report_says_how_many_episodes_were_rated(history: History) -> None:
    add_episode(history, date(2026, 4, 28), 7)
    add_episode(history, date(2026, 4, 29), None)  # logged without a rating
    add_episode(history, date(2026, 4, 30), 0)  # "none" is a rating too
    data = report_data(history, 7, today=TODAY)
    assert (data.episodes, data.rated_episodes) == (3, 2)
    assert data.average_severity == pytest.approx(3.5)  # of the rated ones only
    text = build_report_html(history, days=7, today=TODAY)
    assert "Severity rated in 2 of 3 episodes, average 3.5 of 10." in text
    assert "3.5 (severity rated in 2 of 3 episodes)" in text
    assert "0 (none) to 10 (worst)" in text


def test_sudden_signs_are_marked_in_the_report(history: History) -> None:
    add_episode(history, date(2026, 4, 30), None, symptoms=("sudden face drooping", "numbness"))
    add_episode(history, date(2026, 5, 1), 3, symptoms=("twitching that spreads", "tired"))
    data = report_data(history, 7, today=TODAY)
    assert [(a.symptoms, a.urgent) for a in data.attention] == [
        (("sudden face drooping", "numbness"), True),
        (("twitching that spreads",), False),
    ]
    text = build_report_html(history, days=7, today=TODAY)
    box = text.split("Symptoms to talk about")[1].split("</table>")[0]
    assert "<b>30 April 2026 — sudden sign</b>: sudden face drooping; numbness" in box
    assert "<li><b>1 May 2026</b>: twitching that spreads" in box
    assert "calling the emergency number" in box
    assert "tired" not in box


def test_report_data_of_an_empty_history(history: History) -> None:
    data = report_data(history, 90, today=TODAY)
    assert not data.has_data
    assert len(data.weeks) == 14  # 1 Feb (a Sunday) to 1 May
    assert data.average_severity is None
    assert data.triggers == () and data.treatments == () and data.attention == ()


def test_report_data_rejects_an_empty_period(history: History) -> None:
    with pytest.raises(ValueError, match="days"):
        report_data(history, 0, today=TODAY)


def test_html_has_every_section(filled: History) -> None:
    text = build_report_html(filled, days=14, today=TODAY)
    for expected in (
        TITLE,
        "18 April 2026 to 1 May 2026",
        "not a diagnosis",
        "Symptoms to talk about",
        "vision changes",
        "Summary",
        "Routines and minutes per week",
        "Week by week",
        "20\u201326 Apr",
        "Which routines",
        "Spasm episodes and severity",
        "6.5 before and 4.5 after",
        "Most frequent triggers",
        "Stress",
        "Treatments",
        "Medication change",
        f'src="{MINUTES_CHART}"',
        f'src="{EPISODES_CHART}"',
    ):
        assert expected in text, expected
    assert "headache" not in text.split("Symptoms to talk about")[1].split("</table>")[0]


def test_html_escapes_what_the_user_typed(history: History) -> None:
    add_episode(history, TODAY, 5, symptoms=("numbness",), note="<b>tingling</b> & more")
    text = build_report_html(history, days=7, today=TODAY)
    assert "&lt;b&gt;tingling&lt;/b&gt; &amp; more" in text
    assert "<b>tingling</b>" not in text


def test_html_of_an_empty_history(history: History) -> None:
    text = build_report_html(history, days=90, today=TODAY)
    assert TITLE in text
    assert "no data yet" in text.lower()
    assert "Week by week" not in text
    assert "<img" not in text


def test_charts_are_drawn(qapp: QApplication, filled: History) -> None:
    images = chart_images(report_data(filled, 14, today=TODAY))
    assert set(images) == {MINUTES_CHART, EPISODES_CHART}
    for image in images.values():
        assert not image.isNull()
        assert image.width() > 1000


def test_pdf_is_written(qapp: QApplication, filled: History, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_report_pdf(filled, path, days=14, today=TODAY)
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 10_000
    assert b"%%EOF" in content[-64:]


def test_pdf_of_an_empty_history(qapp: QApplication, history: History, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    write_report_pdf(history, path, today=TODAY)
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 2_000


def test_pdf_to_a_missing_folder(qapp: QApplication, history: History, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_report_pdf(history, tmp_path / "missing" / "report.pdf", today=TODAY)
