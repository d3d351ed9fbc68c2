"""Page 1 of the doctor report: red flags, the injection cycles with their weeks of
benefit, the self-rated trend against injections, function; routines on page 2.
Checked in the HTML and in the PDF's text (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.sample_cycles import cycle_year
from app.services.report import chart_images, report_html, write_report_pdf
from app.services.report_cycles import TREND_CHART
from app.services.report_data import report_data
from app.storage.history import History, open_history
from app.storage.history import exchange as history_exchange

START = date(2025, 5, 1)
TODAY = START + timedelta(days=364)


@pytest.fixture
def year(data_dir: Path) -> Iterator[History]:
    result = open_history(data_dir)
    assert result.history is not None
    history_exchange.import_data(result.history, cycle_year(START))
    last = result.history.injections.latest()
    assert last is not None
    result.history.injections.update(replace(last, side_effects=("trouble swallowing",)))
    yield result.history
    result.history.close()


def test_page_one_is_what_a_neurologist_reads_first(year: History) -> None:
    text = report_html(report_data(year, 90, today=TODAY))
    order = [
        "Red flags",
        "trouble swallowing",
        "Botulinum toxin injection cycles",
        "Daily rating against injections (self-rated)",
        "Function, self-rated",
        'page-break-before: always;">Routines, episodes and treatments',
        "Routines and minutes per week",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    cycles = text.split("Botulinum toxin injection cycles")[1].split("</table>")[0]
    assert cycles.count("<tr>") == 1 + 4  # the header and four cycles
    assert cycles.count(" weeks</b>") == 3 and "still working, day 70" in cycles
    assert "from the patient&#x27;s daily ratings" in cycles
    assert "not proof" in text


def test_the_trend_chart_is_drawn(qapp: QApplication, year: History) -> None:
    images = chart_images(report_data(year, 90, today=TODAY))
    assert not images[TREND_CHART].isNull()


def test_the_pdf_shows_four_cycles(qapp: QApplication, year: History, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils (pdftotext) is needed for this check"
    path = tmp_path / "report.pdf"
    write_report_pdf(year, path, days=90, today=TODAY)
    first_page = subprocess.run(
        [pdftotext, "-layout", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Botulinum toxin injection cycles" in first_page
    for day in ("15 May 2025", "14 Aug 2025", "13 Nov 2025", "19 Feb 2026"):
        assert day in first_page, day
    assert first_page.count(" weeks ") + first_page.count(" weeks\n") >= 3
    assert "(self-rated)" in first_page
    assert "Routines and minutes per week" not in first_page
