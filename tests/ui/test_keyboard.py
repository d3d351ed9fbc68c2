"""By keyboard alone (issue 15): Tab walks the page before the sidebar, in reading order;
every widget Tab reaches is drawn with a focus ring in every theme; Enter presses the
focused button; Space never clears a chosen rating."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.storage.history import open_history
from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.severity_scale import SeverityScale
from app.ui.theme import THEMES, apply_theme


def _label(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    return widget.accessibleName() or words or type(widget).__name__


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    opened = open_history(context.data_dir)
    assert opened.history is not None
    history = opened.history
    widget = MainWindow(context, lambda: history)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    with qtbot.waitSignal(widget.first_frame_shown, timeout=5000):
        widget.show()
    widget.services_ready(lambda: history)
    widget.activateWindow()
    qtbot.waitActive(widget)
    yield widget
    history.close()


def _tab_from_sections(
    qtbot: QtBot, window: MainWindow, page: int, drawn: list[QImage] | None = None
) -> list[QWidget]:
    """The widgets Tab reaches from the sections list (and, in ``drawn``, each as it
    looked with the focus), up to the sections again."""
    window.nav.setCurrentRow(page)
    window.nav.setFocus()
    qtbot.wait(10)
    seen: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is window.nav or now in seen[:-1]:
            break
        assert now is not None
        if not seen or now is not seen[-1]:  # a date field's Tab moves between its parts
            seen.append(now)
            if drawn is not None:
                drawn.append(now.grab().toImage())
    return seen


def test_the_routine_list_has_the_focus_at_start(window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.routines.list


def test_tab_reads_the_routines_page_in_order(qtbot: QtBot, window: MainWindow) -> None:
    names = [_label(w) for w in _tab_from_sections(qtbot, window, 0)]
    assert names == [
        "Routines",
        "Part of the day",
        "Routine to add",
        "Add to today's plan",
        "Start the selected routine",
        "New routine",
        "Duplicate to edit",
        "Import",
        "Export",
        "Show category",
        "When to seek professional help",
        "Reminders",
        "Settings",
    ]


@pytest.mark.parametrize("page", ["Compress", "History", "Journal", "Tips"])
def test_tab_walks_the_page_before_the_sidebar(qtbot: QtBot, window: MainWindow, page: str) -> None:
    index = window.PAGES.index(page)
    chain = _tab_from_sections(qtbot, window, index)
    shown = window.stack.currentWidget()
    assert shown is not None
    assert shown.isAncestorOf(chain[0])  # the first Tab lands in the page
    sidebar = [_label(w) for w in window.sidebar_buttons]
    if len(chain) < 50:  # the Journal's fields are many: its end is past the walk
        assert [_label(w) for w in chain[-3:]] == sidebar
        assert all(shown.isAncestorOf(w) for w in chain[:-3])


@pytest.mark.parametrize("theme", THEMES)
def test_every_widget_tab_reaches_shows_a_focus_ring(
    qtbot: QtBot, window: MainWindow, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme, 1.0)
    unmarked: list[str] = []
    try:
        for index, page in enumerate(window.PAGES):
            focused: list[QImage] = []
            chain = _tab_from_sections(qtbot, window, index, focused)
            window.nav.setFocus()
            for widget, image in zip(chain, focused, strict=True):
                if image == widget.grab().toImage():  # the same without the focus
                    unmarked.append(f"{page}: {_label(widget)}")
    finally:
        apply_theme(app, "system", 1.0)
    assert unmarked == [], "\n".join(unmarked)


def test_enter_presses_start_and_a_compress_preset(qtbot: QtBot, window: MainWindow) -> None:
    assert window.routines.select("A mindful minute")
    window.routines.start_button.setFocus()
    qtbot.keyClick(window.routines.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=2000)
    window.player.stop(leave=True)
    window.nav.setCurrentRow(window.PAGES.index("Compress"))
    preset = window.compress._preset_buttons[next(iter(window.compress._preset_buttons))]
    preset.setFocus()
    qtbot.keyClick(preset, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: window.compress.is_running, timeout=2000)
    window.compress.stop()


def test_enter_on_a_focused_skip_skips(qtbot: QtBot, context: AppContext) -> None:
    from app.ui.feedback_dialog import FeedbackDialog
    from app.ui.keyboard import enter_presses

    dialog = FeedbackDialog("Gentle face", before=False)
    qtbot.addWidget(dialog)
    enter_presses(dialog)  # as the focus reaching it does in the app
    dialog.show()
    dialog.scale.set_value(3)
    dialog.skip_button.setFocus()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.skip_button, Qt.Key.Key_Return)


def test_space_and_enter_never_clear_a_chosen_rating(qtbot: QtBot, window: MainWindow) -> None:
    window.nav.setCurrentRow(window.PAGES.index("Journal"))
    scale = window.journal_page.findChild(SeverityScale)
    assert scale is not None
    scale.set_value(4)
    chosen = scale.buttons[4]
    chosen.setFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Space)
    assert scale.value() == 4
    qtbot.keyClick(chosen, Qt.Key.Key_Return)
    assert scale.value() == 4
    qtbot.keyClick(chosen, Qt.Key.Key_Delete)  # the way to clear it, said in its tooltip
    assert scale.value() is None
    qtbot.keyClick(scale.buttons[6], Qt.Key.Key_Space)
    assert scale.value() == 6


@pytest.mark.parametrize("theme", THEMES)
def test_dialog_buttons_carry_no_icons_and_disabled_buttons_look_it(
    qtbot: QtBot, theme: str
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme, 1.0)
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        box.show()
        assert all(button.icon().isNull() for button in box.buttons())
        for name in ("", "primary"):
            on, off = QPushButton("Start"), QPushButton("Start")
            for button in (on, off):
                button.setObjectName(name)
                qtbot.addWidget(button)
                button.show()
            off.setEnabled(False)
            assert on.grab().toImage() != off.grab().toImage(), (theme, name)
    finally:
        apply_theme(app, "system", 1.0)


@pytest.mark.parametrize("page", ["Compress", "History", "Journal", "Tips", "Cycles"])
def test_a_page_opened_from_the_keyboard_opens_at_its_top(
    qtbot: QtBot, context: AppContext, page: str
) -> None:
    """Ctrl+6 with the focus in the routine list: Qt gave the focus to the Cycles page's
    first button and scrolled to it, past the page's title and words, at 200 %."""
    from PySide6.QtWidgets import QScrollArea

    from tests.ui.layout_check import small_window

    with small_window(qtbot, context, 2.0) as window:
        window.routines.list.setFocus()
        qtbot.waitUntil(window.routines.list.hasFocus)
        window.nav.setCurrentRow(window.PAGES.index(page))
        for _ in range(3):
            QApplication.processEvents()
        shown = window.stack.currentWidget()
        area = shown.findChild(QScrollArea)
        assert area is not None and area.verticalScrollBar().value() == 0
        assert window.focusWidget() is window.nav  # Tab goes on into the page
        window.nav.setCurrentRow(0)  # from the sections list: the focus stays in it
        assert window.focusWidget() is window.nav
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # its arrows walk the sections
        assert window.focusWidget() is window.nav
        assert window.stack.currentWidget() is not window.routines
        field = next(
            w
            for w in window.stack.currentWidget().findChildren(QWidget)
            if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        )
        field.setFocus()
        window.nav.setCurrentRow(0)  # from a field in the page: the card list takes it
        assert window.focusWidget() is window.routines.list


@pytest.mark.parametrize("page", ["Compress", "Journal", "Cycles"])
def test_each_field_tab_reaches_is_wholly_in_view_at_200_percent(
    qtbot: QtBot, window: MainWindow, page: str
) -> None:
    """Qt scrolls a spin box only as far as its text cursor: at 200 % Tab left the
    compress's own-time box half below the window. Every field Tab reaches, that fits
    the view at all, is now scrolled wholly into it."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark", 2.0)
    try:
        window.nav.setCurrentRow(window.PAGES.index(page))
        for _ in range(3):
            QApplication.processEvents()
        area = window.stack.currentWidget().findChild(QScrollArea)
        assert area is not None
        view = area.viewport()
        half_seen: list[str] = []
        window.nav.setFocus()
        for _ in range(40):
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            now = QApplication.focusWidget()
            if now is None or now is window.nav or not view.isAncestorOf(now):
                continue
            where = QRect(now.mapTo(view, QPoint(0, 0)), now.size())
            if where.height() < view.height() and not view.rect().contains(where):
                half_seen.append(f"{_label(now)} at {where}")
        assert half_seen == []
    finally:
        apply_theme(app, "system", 1.0)
