"""The Routines page says how long a routine will really take, words included."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from app.core.plan import DailyPlan, save_plan
from app.paths import PLAN_FILE, routines_dir
from app.ui.card_list import WORDS
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.plan_panel import PlanPanel
from app.ui.routines_page import RoutinesPage
from app.ui.theme import apply_theme
from tests.ui.layout_check import small_window

_WRAP = 0x0001 | 0x0020 | 0x1000  # AlignLeft | AlignTop | TextWordWrap


def test_a_card_shows_the_length_that_will_play(qtbot: QtBot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.reload_routines()
    page = window.routines
    row = next(
        r
        for r in range(page.list.count())
        if getattr(page.routine_at(r), "name", "") == "Cold compress"
    )
    meta = page.list.item(row).data(WORDS).meta
    # 3 rounds of 4 minutes and 2 breaks (14 min) plus a minute to get ready and the
    # spoken welcome, plan and skin checks: not the 14 min 20 s of the steps alone.
    assert meta == "Compresses · about 16 min"


def _shown(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window.reload_routines()
    qtbot.waitExposed(window)
    return window


def test_typing_a_name_selects_the_routine(qtbot: QtBot, context: AppContext) -> None:
    page = _shown(qtbot, context).routines
    page.list.setFocus()
    qtbot.keyClicks(page.list, "bo")
    assert getattr(page.routine_at(page.list.currentRow()), "name", "") == "Body scan"
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    qtbot.keyClicks(page.list, "b")  # a new search: the next name with a "b"
    assert getattr(page.routine_at(page.list.currentRow()), "name", "") == "Box breathing"
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    qtbot.keyClicks(page.list, "w")
    assert getattr(page.routine_at(page.list.currentRow()), "name", "") == "Warm compress"


def test_cards_rewrap_at_once_when_the_text_grows(qtbot: QtBot, context: AppContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system", 1.0)  # as the app starts: a theme before the window
    page = _shown(qtbot, context).routines
    before = [page.list.item(r).sizeHint().height() for r in range(page.list.count())]
    try:
        apply_theme(app, "dark", 2.0)
        qtbot.wait(50)
        after = [page.list.item(r).sizeHint().height() for r in range(page.list.count())]
    finally:
        apply_theme(app, "system", 1.0)
    assert all(big > small for big, small in zip(after, before, strict=True))
    font = page.list.font()
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 1.2)
    big.setBold(True)
    for row in range(page.list.count()):  # every card holds its words, measured apart
        item = page.list.item(row)
        words, card = item.data(WORDS), page.list.visualItemRect(item)
        width = card.width() - 28
        needed = sum(
            QFontMetrics(f).boundingRect(QRect(0, 0, width, 10_000), _WRAP, text).height()
            for f, text in ((big, words.title), (font, words.meta), (font, words.detail))
        )
        assert card.height() >= needed + 20, words.title


def test_the_page_scrolls_to_the_chosen_card(qtbot: QtBot, context: AppContext) -> None:
    page = _shown(qtbot, context).routines
    area = page.findChild(QScrollArea)
    assert area is not None and area.isAncestorOf(page.list)
    qtbot.wait(50)  # the area takes the list's height
    last = page.list.count() - 1
    page.list.setCurrentRow(last)
    qtbot.wait(50)
    card = page.list.visualItemRect(page.list.item(last))
    top = page.list.mapTo(area.viewport(), card.topLeft()).y()
    bottom = page.list.mapTo(area.viewport(), card.bottomLeft()).y()
    assert top >= 0 and bottom <= area.viewport().height()
    assert area.verticalScrollBar().value() > 0  # it did scroll: the last card was below


def _name(page: RoutinesPage) -> str:
    return str(getattr(page.routine_at(page.list.currentRow()), "name", ""))


def test_start_acts_only_on_a_routine_the_filter_shows(qtbot: QtBot, context: AppContext) -> None:
    page = _shown(qtbot, context).routines
    assert page.select("Body scan")
    page.filter.setCurrentIndex(page.filter.findData("breathing"))
    assert not page.list.currentItem().isHidden()
    assert _name(page) == "4-7-8 for the evening"  # the first one shown, not Body scan
    with qtbot.waitSignal(page.start_requested) as started:
        page.start_button.click()
    assert started.args is not None and started.args[0].name == "4-7-8 for the evening"


def test_a_saved_routine_is_shown_under_any_filter(
    qtbot: QtBot, context: AppContext, repo: Path
) -> None:
    window = _shown(qtbot, context)
    page = window.routines
    page.filter.setCurrentIndex(page.filter.findData("facial"))
    mine = routines_dir(context.data_dir) / "my-minute.toml"
    mine.parent.mkdir(parents=True, exist_ok=True)
    text = (repo / "exercises" / "mindful-minute.toml").read_text(encoding="utf-8")
    mine.write_text(text.replace('"A mindful minute"', '"My quiet minute"', 1), encoding="utf-8")
    window._routine_saved(mine)
    assert _name(page) == "My quiet minute"
    assert not page.list.currentItem().isHidden()
    assert page.filter.currentData() is None  # "All routines"
    assert page.start_button.isEnabled()


def test_at_large_text_the_current_card_stays_in_view_when_the_plan_arrives(
    qtbot: QtBot, context: AppContext
) -> None:
    """At 200 % on 1024x600 today's plan filled the view above the cards, and Enter
    started a routine that could not be seen."""
    plan = DailyPlan()
    for part, slug in (("morning", "gentle-face"), ("midday", "box-breathing")):
        plan.add(part, slug)
    save_plan(plan, context.data_dir / PLAN_FILE)
    with small_window(qtbot, context, 2.0) as window:
        page = window.routines
        page.list.setFocus()  # as the window opens: the cards have the focus
        qtbot.waitUntil(page.list.hasFocus)
        window.services_ready(lambda: None)  # today's plan, as after the first frame
        qtbot.waitUntil(lambda: page.findChild(PlanPanel) is not None)
        assert page.list.currentRow() == 0
        area = page.findChild(QScrollArea)
        assert area is not None

        def card_in_view() -> bool:
            card = page.list.visualItemRect(page.list.item(0))
            top = page.list.mapTo(area.viewport(), card.topLeft()).y()
            return top >= 0 and top + 20 <= area.viewport().height()

        panel = page.findChild(PlanPanel)
        assert panel is not None
        body = area.widget()

        def plan_placed() -> bool:  # the cards pushed down below it
            below = panel.mapTo(body, QPoint(0, panel.height())).y()
            return panel.isVisible() and page.list.mapTo(body, QPoint(0, 0)).y() >= below

        qtbot.waitUntil(plan_placed, timeout=2000)
        assert panel.height() > area.viewport().height() // 2  # it does fill the view
        qtbot.waitUntil(card_in_view, timeout=2000)
