"""The report for the doctor: HTML from the history, printed to an A4 PDF.

:func:`build_report_html` is pure (a string, no Qt needed); the numbers come from
:func:`app.services.report_data.report_data`. :func:`write_report_pdf` lays the HTML out
with QTextDocument, draws the two weekly charts with QPainter into QImages (added to
the document as resources under the names the HTML refers to), and prints it with
QPdfWriter. It needs a QGuiApplication.

Styling is meant for paper: black text on white, one quiet accent colour that still
reads in grey, tables with thin rules, nothing that relies on colour alone.
"""

from __future__ import annotations

import html
import itertools
import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from app import __version__
from app.core.vocabulary import SEVERITY_HIGHEST, SEVERITY_LOWEST, severity_words
from app.core.words import counted
from app.paths import private_file
from app.services.report_cycles import (
    TREND_CHART,
    cycles_html,
    red_flag_items,
    trend_chart,
    trend_html,
)
from app.services.report_data import DEFAULT_DAYS, ReportData, WeekRow, report_data
from app.storage.history import History

__all__ = ["build_report_html", "chart_images", "report_html", "write_report_pdf"]

TITLE = "Facewell report for your doctor"
MINUTES_CHART = "facewell-chart:minutes"
EPISODES_CHART = "facewell-chart:episodes"

DASH = "\u2013"  # an en dash, for ranges
MAX_ATTENTION_ON_FIRST_PAGE = 3

CHART_WIDTH = 624
"""Chart size in the document's CSS pixels (1/96 inch): the text width of an A4 page
with 2 cm margins is about 642."""
CHART_HEIGHT = 190
CHART_SCALE = 3
"""Charts are drawn at this many device pixels per CSS pixel, sharp on paper."""

INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#b8b8b8"
ACCENT = "#3b7a66"
BAR = "#8fbcae"
SEVERITY = "#1a1a1a"
NOTE_BG = "#f3f3f0"
ATTENTION_BG = "#fbf3e4"
ATTENTION_RULE = "#c8953a"

_STYLE = f"""
body {{ color: {INK}; font-size: 10pt; }}
h1 {{ font-size: 19pt; font-weight: 600; margin-top: 0; margin-bottom: 4px; }}
h2 {{ font-size: 13pt; font-weight: 600; color: {ACCENT};
      margin-top: 18px; margin-bottom: 6px; }}
h3 {{ font-size: 10.5pt; font-weight: 600; margin-top: 16px; margin-bottom: 4px; }}
p {{ margin-top: 0; margin-bottom: 7px; }}
.period {{ font-size: 11pt; margin-bottom: 12px; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 8.5pt; color: {MUTED}; }}
"""


def build_report_html(
    history: History, *, days: int = DEFAULT_DAYS, today: date | None = None
) -> str:
    """The report for the ``days`` days ending ``today`` (default: today), as HTML.

    Charts are ``<img>`` elements named MINUTES_CHART and EPISODES_CHART; see
    :func:`chart_images`.
    """
    return report_html(report_data(history, days, today=today or date.today()))


def _day(day: date, *, year: bool = True) -> str:
    return f"{day.day} {day:%B %Y}" if year else f"{day.day} {day:%b}"


def _week_label(week: WeekRow) -> str:
    if week.first == week.last:
        return _day(week.first, year=False)
    if week.first.month == week.last.month:
        return f"{week.first.day}{DASH}{week.last.day} {week.last:%b}"
    return f"{_day(week.first, year=False)} {DASH} {_day(week.last, year=False)}"


def _minutes(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == 0 else f"{value:.1f}"


def _severity(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _table(headers: list[tuple[str, bool]], rows: list[list[str]], *, width: str = "") -> str:
    """A data table; ``headers`` are (text, numeric); cells are already escaped."""
    numeric = [num for _, num in headers]
    last = len(headers) - 1

    def cell(tag: str, i: int, text: str, rule: str) -> str:
        align = "right" if numeric[i] else "left"
        # Qt's rich text takes cell padding and rules only as inline styles.
        pad_left = "0" if i == 0 else "14px"
        pad_right = "0" if i == last else "4px"
        style = (
            f"padding-left: {pad_left}; padding-right: {pad_right}; padding-top: 2px;"
            f" padding-bottom: 2px; border-bottom: {rule}; border-top: none;"
            " border-left: none; border-right: none;"
        )
        return f'<{tag} align="{align}" style="{style}">{text}</{tag}>'

    head = "".join(cell("th", i, text, f"1px solid {INK}") for i, (text, _) in enumerate(headers))
    body = [
        "<tr>"
        + "".join(cell("td", i, text, f"0.5px solid {RULE}") for i, text in enumerate(row))
        + "</tr>"
        for row in rows
    ]
    size = f' width="{width}"' if width else ""
    return (
        f'<table cellspacing="0" cellpadding="0" style="border-collapse: collapse;'
        f' border: none; margin-bottom: 5px;"{size}>'
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>"
    )


def report_html(data: ReportData) -> str:
    """The report for ``data`` as an HTML document (Qt rich-text subset)."""
    parts = [
        f"<html><head><title>{_e(TITLE)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(TITLE)}</h1>",
        f'<p class="period">{_e(_day(data.first))} to {_e(_day(data.last))}'
        f' <span class="muted">({counted(data.days, "day")})</span></p>',
        _note(),
    ]
    if not data.has_data:
        parts.append(
            "<h2>No data yet</h2>"
            "<p>There is no data yet for this period: no routines, spasm episodes or "
            "treatments were recorded in Facewell between these dates.</p>"
        )
    else:
        # Page 1 is what a neurologist reads first: red flags, the injection cycles,
        # the self-rated trend against them and function. Routines follow on page 2.
        page_two = ' style="page-break-before: always;"' if data.cycle.has_data else ""
        parts += [
            _attention(data),
            cycles_html(data.cycle, data.last),
            trend_html(data.cycle),
            f"<h2{page_two}>Routines, episodes and treatments</h2>",
            _summary(data),
            _minutes_chart(data),
            _episodes(data),
            # The tables start on a page of their own, unless a long list of symptoms
            # has already pushed the charts onto a second page.
            _weekly(data, new_page=len(data.attention) <= MAX_ATTENTION_ON_FIRST_PAGE),
            _routine_table(data),
            _triggers(data),
            _treatments(data),
        ]
    parts.append(
        f'<p class="small" style="margin-top: 20px;">Made with Facewell {_e(__version__)}'
        f" on {_e(_day(data.last))}.</p></body></html>"
    )
    return "".join(parts)


def _note() -> str:
    return (
        f'<table width="100%" cellspacing="0" cellpadding="7" bgcolor="{NOTE_BG}"'
        f' style="margin-bottom: 5px;"><tr><td>'
        "Everything here was recorded by the patient in Facewell, a self-care app for "
        "facial spasms: routines done, spasm episodes, triggers and treatments as the "
        "patient noted them. It is self-reported data, <b>not a diagnosis</b> and not a "
        "clinical measurement. Severity is the patient's own rating, optional, on one "
        f"scale everywhere: {SEVERITY_LOWEST} ({severity_words(SEVERITY_LOWEST)}) to "
        f"{SEVERITY_HIGHEST} ({severity_words(SEVERITY_HIGHEST)})."
        "</td></tr></table>"
    )


def _attention(data: ReportData) -> str:
    flags = red_flag_items(data.cycle)
    if not data.attention and not flags:
        return ""
    items = list(flags)
    for row in data.attention:
        where = ", ".join(x for x in (row.area, row.side) if x)
        detail = f" ({_e(where)}" + (
            f", severity {row.severity})" if row.severity is not None else ")"
        )
        note = f" — “{_e(row.note)}”" if row.note else ""
        sudden = " — sudden sign" if row.urgent else ""
        items.append(
            f"<li><b>{_e(_day(row.day))}{sudden}</b>: {_e('; '.join(row.symptoms))}"
            f"{detail if where else ''}{note}</li>"
        )
    urgent = (
        " Those marked <b>sudden sign</b> were logged as coming on suddenly (possible signs "
        "of a stroke, or trouble swallowing, speaking or breathing after an injection); "
        "for them Facewell advised calling the emergency number at once."
        if any(row.urgent for row in data.attention)
        else ""
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="8" bgcolor="{ATTENTION_BG}"'
        f' style="margin-top: 13px; border-left: 3px solid {ATTENTION_RULE};">'
        "<tr><td><b>Red flags. Symptoms to talk about.</b> With some spasm episodes or "
        "after an injection the patient noted signs that are worth a closer look."
        f'{urgent}<ul style="margin-top: 4px; margin-bottom: 0;">{"".join(items)}</ul>'
        "</td></tr></table>"
    )


def _summary(data: ReportData) -> str:
    rows = [
        ["Routine sessions", f"{data.sessions} ({data.completed} completed)"],
        ["Time spent on routines", counted(round(data.minutes), "minute")],
        ["Days with a routine", f"{data.days_with_routine} of {data.days}"],
        ["Spasm episodes logged", str(data.episodes)],
        ["Average episode severity", _rated(data)],
        ["Treatment events", str(len(data.treatments))],
    ]
    body = "".join(
        f'<tr><td style="padding-right: 32px; padding-bottom: 3px;" class="muted">{label}</td>'
        f'<td style="padding-bottom: 3px;"><b>{_e(value)}</b></td></tr>'
        for label, value in rows
    )
    return f'<h2>Summary</h2><table cellspacing="0" cellpadding="0">{body}</table>'


def _rated(data: ReportData) -> str:
    """The average severity and how many episodes it is the average of."""
    if not data.episodes:
        return DASH
    return (
        f"{_severity(data.average_severity)} (severity rated in {data.rated_episodes} of "
        f"{counted(data.episodes, 'episode')})"
    )


def _minutes_chart(data: ReportData) -> str:
    parts = ["<h2>Routines and minutes per week</h2>"]
    if data.sessions:
        parts.append(
            f'<p><img src="{MINUTES_CHART}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"'
            ' alt="Minutes of routines per week"></p>'
        )
    else:
        parts.append("<p>No routines were done in this period.</p>")
    return "".join(parts)


def _weekly(data: ReportData, *, new_page: bool) -> str:
    style = ' style="page-break-before: always;"' if new_page else ""
    parts = [
        f"<h2{style}>Week by week</h2>",
        '<p class="small">Weeks run Monday to Sunday; the first and last may be cut short'
        " by the period, as their dates show.</p>",
    ]
    rows = [
        [
            _e(_week_label(week)),
            str(week.sessions),
            _minutes(week.minutes),
            str(week.episodes),
            _severity(week.average_severity),
            str(week.treatments) if week.treatments else "",
        ]
        for week in data.weeks
    ]
    rows.append(
        [
            '<span class="total">Total</span>',
            f"<b>{data.sessions}</b>",
            f"<b>{_minutes(data.minutes)}</b>",
            f"<b>{data.episodes}</b>",
            f"<b>{_severity(data.average_severity)}</b>",
            f"<b>{len(data.treatments) or ''}</b>",
        ]
    )
    parts.append(
        _table(
            [
                ("Week", False),
                ("Sessions", True),
                ("Minutes", True),
                ("Episodes", True),
                ("Avg. severity", True),
                ("Treatments", True),
            ],
            rows,
            width="100%",
        )
    )
    return "".join(parts)


def _routine_table(data: ReportData) -> str:
    parts = []
    if data.routines:
        parts.append("<h3>Which routines</h3>")
        parts.append(
            _table(
                [("Routine", False), ("Sessions", True), ("Minutes", True)],
                [[_e(r.routine), str(r.sessions), _minutes(r.minutes)] for r in data.routines],
                width="70%",
            )
        )
    return "".join(parts)


def _episodes(data: ReportData) -> str:
    parts = ["<h2>Spasm episodes and severity</h2>"]
    if data.episodes:
        parts.append(
            f'<p><img src="{EPISODES_CHART}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"'
            ' alt="Episodes per week and their average severity"></p>'
        )
        text = (
            f"{counted(data.episodes, 'episode')} logged. Severity rated in "
            f"{data.rated_episodes} of {counted(data.episodes, 'episode')}"
        )
        if data.average_severity is not None:
            text += f", average {_severity(data.average_severity)} of {SEVERITY_HIGHEST}"
        text += "."
        first, second = data.severity_first_half, data.severity_second_half
        if first is not None and second is not None:
            text += (
                f" Average severity was {_severity(first)} in the first half of the period"
                f" and {_severity(second)} in the second half."
            )
        parts.append(f"<p>{text}</p>")
    else:
        parts.append("<p>No spasm episodes were logged in this period.</p>")
    if data.severity_pairs:
        parts.append(
            "<p>Before and after a routine: on "
            f"{counted(data.severity_pairs, 'session')} with both ratings, severity was "
            f"{_severity(data.severity_before)} before and {_severity(data.severity_after)} "
            "after on average.</p>"
        )
    return "".join(parts)


def _triggers(data: ReportData) -> str:
    parts = ["<h2>Most frequent triggers</h2>"]
    if not data.triggers:
        parts.append("<p>No possible triggers were noted with the episodes.</p>")
        return "".join(parts)
    rows = [
        [_e(name[:1].upper() + name[1:]), str(count), f"{100 * count / data.episodes:.0f} %"]
        for name, count in data.triggers
    ]
    parts.append(
        f'<p class="muted">As noted by the patient, for {data.episodes_with_triggers} of '
        f"{counted(data.episodes, 'episode')}; one episode can have several.</p>"
    )
    parts.append(
        _table(
            [("Possible trigger", False), ("Episodes", True), ("Share of episodes", True)],
            rows,
            width="70%",
        )
    )
    return "".join(parts)


def _treatments(data: ReportData) -> str:
    parts = ["<h2>Treatments</h2>"]
    if not data.treatments:
        parts.append("<p>No treatments were noted in this period.</p>")
        return "".join(parts)
    rows = [
        [_e(_day(t.day)), _e(t.treatment[:1].upper() + t.treatment[1:]), _e(t.note)]
        for t in data.treatments
    ]
    parts.append(_table([("Date", False), ("Treatment", False), ("Note", False)], rows))
    return "".join(parts)


# -- charts --------------------------------------------------------------------------


def chart_images(data: ReportData) -> dict[str, QImage]:
    """The report's charts by resource name. Needs a QGuiApplication."""
    labels = [_axis_label(week) for week in data.weeks]
    treated = [week.treatments > 0 for week in data.weeks]
    trend = (
        {TREND_CHART: trend_chart(data.cycle, data.first, data.last)} if data.cycle.ratings else {}
    )
    return {
        **trend,
        MINUTES_CHART: _bar_chart(
            "Minutes of routines per week",
            labels,
            [week.minutes for week in data.weeks],
            treated=treated,
        ),
        EPISODES_CHART: _bar_chart(
            f"Episodes per week (bars) and their average severity, 0{DASH}10 (dots)",
            labels,
            [float(week.episodes) for week in data.weeks],
            severity=[week.average_severity for week in data.weeks],
            treated=treated,
        ),
    }


def _axis_label(week: WeekRow) -> str:
    return f"{week.first.day} {week.first:%b}"


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            return float(step)
    return float(10 ** len(str(int(top))))


def _bar_chart(
    title: str,
    labels: list[str],
    values: list[float],
    *,
    severity: list[float | None] | None = None,
    treated: list[bool] | None = None,
) -> QImage:
    width, height = CHART_WIDTH, CHART_HEIGHT
    image = QImage(width * CHART_SCALE, height * CHART_SCALE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(CHART_SCALE, CHART_SCALE)
        font = QFont("DejaVu Sans")
        font.setPixelSize(9)
        painter.setFont(font)
        metrics = painter.fontMetrics()

        # The same margins for both charts, so their weeks line up on the page.
        left, right, top, bottom = 34.0, 30.0, 22.0, 30.0
        plot = QRectF(left, top, width - left - right, height - top - bottom)
        painter.setPen(QColor(INK))
        title_font = QFont(font)
        title_font.setPixelSize(11)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(QRectF(0, 0, width, 16), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(font)

        highest = max(values, default=0.0)
        step = _nice_step(highest if highest > 0 else 1.0)
        ceiling = step * max(1, -(-highest // step))
        # Grid lines and the value axis.
        tick = 0.0
        while tick <= ceiling + 1e-9:
            y = plot.bottom() - plot.height() * tick / ceiling
            painter.setPen(QPen(QColor(RULE if tick else INK), 0.6))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(0, y - 7, left - 5, 14),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{tick:g}",
            )
            tick += step
        if severity is not None:
            for level in (0, 5, 10):
                y = plot.bottom() - plot.height() * level / 10
                painter.drawText(
                    QRectF(plot.right() + 5, y - 7, right - 5, 14),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    str(level),
                )

        count = max(len(values), 1)
        slot = plot.width() / count
        bar = min(slot * 0.62, 34.0)
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0) + 4
        every = max(1, math.ceil(widest / max(slot, 1.0)))
        painter.setPen(Qt.PenStyle.NoPen)
        for i, value in enumerate(values):
            x = plot.left() + slot * i + (slot - bar) / 2
            h = plot.height() * value / ceiling if ceiling else 0.0
            painter.setBrush(QColor(BAR))
            painter.drawRect(QRectF(x, plot.bottom() - h, bar, h))
        for i, label in enumerate(labels):
            center = plot.left() + slot * (i + 0.5)
            if i % every == 0:
                painter.setPen(QColor(MUTED))
                painter.drawText(
                    QRectF(center - slot * every / 2, plot.bottom() + 3, slot * every, 13),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
            if treated and treated[i]:
                # A small black triangle under the week of a treatment.
                y = plot.bottom() + 18
                marker = QPainterPath()
                marker.moveTo(center, y)
                marker.lineTo(center - 4, y + 7)
                marker.lineTo(center + 4, y + 7)
                marker.closeSubpath()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(INK))
                painter.drawPath(marker)
        if severity is not None:
            points = [
                QPointF(plot.left() + slot * (i + 0.5), plot.bottom() - plot.height() * level / 10)
                for i, level in enumerate(severity)
                if level is not None
            ]
            painter.setPen(QPen(QColor(SEVERITY), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(QColor(SEVERITY))
            for point in points:
                painter.drawEllipse(point, 2.6, 2.6)
        if treated and any(treated):
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(0, height - 12, width, 12),
                Qt.AlignmentFlag.AlignRight,
                "▲ week with a treatment",
            )
    finally:
        painter.end()
    return image


# -- PDF -----------------------------------------------------------------------------


def build_document(data: ReportData) -> QTextDocument:
    """The report as a QTextDocument with its charts. Needs a QGuiApplication."""
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, TITLE)
    for name, image in chart_images(data).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(report_html(data))
    return document


def write_report_pdf(
    history: History, path: Path, *, days: int = DEFAULT_DAYS, today: date | None = None
) -> None:
    """Write the report for the ``days`` days ending ``today`` as an A4 PDF at ``path``.

    Needs a QGuiApplication. Raises OSError if the file can't be written.
    """
    data = report_data(history, days, today=today or date.today())
    document = build_document(data)
    private_file(path)  # health data: 0600, before QPdfWriter makes it with the umask's
    with path.open("wb"):  # a plain OSError now if the place can't be written
        pass
    writer = QPdfWriter(str(path))
    writer.setTitle(TITLE)
    writer.setCreator(f"Facewell {__version__}")
    writer.setResolution(300)
    # QTextDocument.print_ adds 2 cm margins and page numbers itself.
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
