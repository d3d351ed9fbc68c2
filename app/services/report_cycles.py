"""Page 1 of the doctor report: injection cycles, the self-rated daily trend against
the injections, hard days (HTML, and the trend chart drawn with QPainter).

The numbers come from app.services.report_cycle_data (no Qt); app/services/report.py
puts these sections first and the routines on page 2. Every self-rating is labelled as
such. Needs a QGuiApplication only for :func:`trend_chart`.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from app.core.cycle_vocabulary import URGENT_SIDE_EFFECTS, SideEffect
from app.core.cycle_words import benefit_text, how_text, window_text
from app.core.daily import NOT_PROOF, association_sentence
from app.services.report_cycle_data import HARD_DAY, CycleReport

__all__ = ["TREND_CHART", "cycles_html", "red_flag_items", "trend_chart", "trend_html"]

TREND_CHART = "facewell-chart:trend"
WIDTH, HEIGHT, SCALE = 624, 170, 3
INK, MUTED, RULE, LINE, DOT = "#1a1a1a", "#555555", "#b8b8b8", "#3b7a66", "#8fbcae"
PATIENTS = "the patient's"
DASH = "\u2013"  # an en dash: nothing to show
_FLAGGED = frozenset({*URGENT_SIDE_EFFECTS, SideEffect.EYE_WONT_CLOSE, SideEffect.DOUBLE_VISION})


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _day(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def red_flag_items(data: CycleReport) -> list[str]:
    """Side effects after an injection that a neurologist should see first."""
    items = []
    for cycle in data.cycles:
        flagged = [e for e in cycle.injection.side_effects if e in _FLAGGED]
        if flagged:
            items.append(
                f"<li><b>After the injection of {_e(_day(cycle.injection.day))}</b>: "
                f"{_e('; '.join(flagged))}</li>"
            )
    return items


def cycles_html(data: CycleReport, today: date) -> str:
    """The injection cycles table, ruled like the report's other tables."""
    cell = f"padding: 3px 8px 3px 0; border-bottom: 1px solid {RULE}; vertical-align: top;"
    head = f"padding: 3px 8px 3px 0; border-bottom: 1px solid {INK}; text-align: left;"
    if not data.cycles:
        return ""
    headers = [
        "Injection",
        "Product",
        "Dose / sites",
        "Started working",
        "Weeks of benefit",
        "Side effects",
    ]
    rows = []
    for cycle in data.cycles:
        injection = cycle.injection
        onset = (
            f"day {(cycle.started_working - injection.day).days}" if cycle.started_working else DASH
        )
        dose = " / ".join(x for x in (injection.dose, injection.sites) if x) or DASH
        how = how_text(cycle, PATIENTS)
        benefit = f"<b>{_e(benefit_text(cycle, today))}</b>" + (
            f'<br><span class="small">{_e(how)}</span>' if how else ""
        )
        cells = [
            _e(_day(injection.day)),
            _e(injection.product or DASH),
            _e(dose),
            _e(onset),
            benefit,
            _e(", ".join(injection.side_effects) or "none noted"),
        ]
        rows.append("<tr>" + "".join(f'<td style="{cell}">{c}</td>' for c in cells) + "</tr>")
    earlier = (
        f" {data.earlier_cycles} earlier cycles are in the full export."
        if data.earlier_cycles
        else ""
    )
    return (
        "<h2>Botulinum toxin injection cycles</h2>"
        '<p class="small">Weeks of benefit are counted from the injection day to the day it '
        "wore off: as the patient marked it, or else when their own daily ratings came back "
        "near the level before the injection, or at least until the next injection. Derived "
        f"by Facewell from self-reported data, not measured.{_e(earlier)}</p>"
        '<table cellspacing="0" cellpadding="0" width="100%" style="border-collapse: collapse;">'
        "<thead><tr>"
        + "".join(f'<th style="{head}">{_e(h)}</th>' for h in headers)
        + f"</tr></thead>{''.join(rows)}</table>"
        f'<p class="small">{_e(window_text(data.window, PATIENTS))}</p>'
    )


def trend_html(data: CycleReport) -> str:
    """The self-rated daily trend with injection markers, hard days, associations."""
    if not data.ratings:
        return ""
    rated = len(data.ratings)
    average = f"{data.average:.1f}" if data.average is not None else DASH
    parts = [
        "<h2>Daily rating against injections (self-rated)</h2>",
        f'<p><img src="{TREND_CHART}" width="{WIDTH}" height="{HEIGHT}"'
        ' alt="Self-rated daily severity with injection days"></p>',
        "<p><b>Function, self-rated:</b> "
        f"{data.hard_days} hard days (rated {HARD_DAY} or more out of 10) of {rated} rated "
        f"days; average self-rating {average}.</p>",
    ]
    if data.associations:
        items = "".join(
            f"<li>{_e(association_sentence(a, PATIENTS))}</li>" for a in data.associations
        )
        parts.append(
            f'<p style="margin-bottom: 2px;"><b>Exposures of the day (self-reported):</b></p>'
            f'<ul style="margin-top: 0;">{items}</ul><p class="small">{_e(NOT_PROOF)}</p>'
        )
    if data.tricks:
        tricks = "; ".join(f"{t.trick}: helped {t.helped} of {t.tried} times" for t in data.tricks)
        parts.append(f"<p><b>Sensory tricks (self-reported):</b> {_e(tricks)}.</p>")
    return "".join(parts)


def trend_chart(data: CycleReport, first: date, last: date) -> QImage:
    """Daily self-ratings (dots), their 7-day mean (line), injection days (rules)."""
    image = QImage(WIDTH * SCALE, HEIGHT * SCALE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(SCALE, SCALE)
        font = QFont("DejaVu Sans")
        font.setPixelSize(9)
        painter.setFont(font)
        plot = QRectF(34, 20, WIDTH - 64, HEIGHT - 48)
        span = max((last - first).days, 1)

        def x(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(level: float) -> float:
            return plot.bottom() - plot.height() * level / 10

        title = QFont(font)
        title.setPixelSize(11)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor(INK))
        painter.drawText(
            QRectF(0, 0, WIDTH, 16),
            Qt.AlignmentFlag.AlignLeft,
            "Self-rated daily severity, 0 none to 10 worst (dots: days; line: 7-day mean)",
        )
        painter.setFont(font)
        for level in (0, 5, 10):
            painter.setPen(QPen(QColor(RULE if level else INK), 0.6))
            painter.drawLine(QPointF(plot.left(), y(level)), QPointF(plot.right(), y(level)))
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(0, y(level) - 7, plot.left() - 5, 14),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(level),
            )
        for day in data.injection_days:
            painter.setPen(QPen(QColor(INK), 1.0, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x(day), plot.top()), QPointF(x(day), plot.bottom()))
            painter.drawText(QPointF(x(day) + 2, plot.top() + 9), "injection")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(DOT))
        for day, rating in data.ratings:
            painter.drawEllipse(QPointF(x(day), y(rating)), 1.3, 1.3)
        painter.setPen(QPen(QColor(LINE), 1.4))
        window: list[tuple[date, int]] = []
        previous: QPointF | None = None
        for day, rating in data.ratings:
            window.append((day, rating))
            window = [(d, r) for d, r in window if d > day - timedelta(days=7)]
            point = QPointF(x(day), y(sum(r for _, r in window) / len(window)))
            if previous is not None:
                painter.drawLine(previous, point)
            previous = point
        painter.setPen(QColor(MUTED))
        for label_day in (first, last):
            painter.drawText(
                QRectF(x(label_day) - 40, plot.bottom() + 4, 80, 12),
                Qt.AlignmentFlag.AlignHCenter,
                _day(label_day),
            )
    finally:
        painter.end()
    return image
