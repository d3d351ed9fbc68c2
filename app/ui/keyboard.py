"""The window by keyboard alone: Enter presses the focused button, Tab walks the page.

Qt presses a focused button on Enter only in dialogs, and only an "auto default" one
there; in the main window Enter did nothing on Start, the compress presets or "Back to
routines", and in the after-routine question Enter on a focused Skip saved instead.
Tab walked the sidebar's buttons before the page, and the Routines page from its
filter to its plan, the reverse of how it reads. See docs/keyboard.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QStackedWidget, QWidget

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

__all__ = [
    "EnterPresses",
    "WindowTabs",
    "chain_within",
    "enter_presses",
    "enter_presses_everywhere",
    "order_tabs",
    "start_window_keys",
    "window_shortcuts",
]

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPresses(QObject):
    """Enter or Return on a focused button presses it, as Space does.

    Installed on a window, it sees the key only when the focused widget did not take it
    (a list starts its routine on Enter, a line edit ends its edit). A chosen-or-not
    button of a scale (property ``choice``) is left to the dialog, where Enter saves
    the choice, and is never unchosen by Enter in a page.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in _ENTER or event.isAutoRepeat():
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not isinstance(watched, QWidget):
            return False
        button = watched.focusWidget()  # the window's own: a key reaches only that one
        if not isinstance(button, QAbstractButton) or not button.isEnabled():
            return False
        if button.window() is not watched:
            return False
        if button.property("choice"):
            if isinstance(watched, QDialog):
                return False  # the dialog's default button: "Enter saves"
            if not button.isChecked():
                button.click()
            return True
        button.animateClick()
        return True


_WATCHED = "facewellEnterPresses"


def enter_presses(window: QWidget) -> None:
    """Make Enter press the focused button anywhere in ``window`` (once per window)."""
    if window.property(_WATCHED):
        return
    window.setProperty(_WATCHED, True)
    window.installEventFilter(EnterPresses(window))


def enter_presses_everywhere(app: QApplication) -> None:
    """Every window and dialog the focus reaches, the file dialogs and questions too.

    One filter per window, added as the focus first enters it: a filter on the whole
    application would run for every event, paints included.
    """

    def follow(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            enter_presses(new.window())

    app.focusChanged.connect(follow)
    focused = app.focusWidget()
    if focused is not None:
        enter_presses(focused.window())


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def chain_within(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` that Tab reaches, in their present order."""
    found: list[QWidget] = []
    widget = container.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and widget is not container and id(widget) not in seen:
        seen.add(id(widget))
        if container.isAncestorOf(widget) and _takes_tab(widget):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


class WindowTabs:
    """The window's Tab order: ``first`` (the sections), the widgets in ``bars`` (the
    notice and Now playing bars, when shown), the current page of ``stack`` (its own
    ``tab_chain()`` if it has one, else its widgets in their order), then ``last`` (the
    sidebar's buttons). Kept in order each time another page shows."""

    def __init__(
        self,
        stack: QStackedWidget,
        first: Sequence[QWidget],
        bars: Sequence[QWidget],
        last: Sequence[QWidget],
    ) -> None:
        self._stack, self._first, self._bars, self._last = stack, first, bars, last
        stack.currentChanged.connect(lambda _index: self.order())
        self.order()

    def order(self) -> None:
        page = self._stack.currentWidget()
        own = getattr(page, "tab_chain", None)
        inside = own() if callable(own) else chain_within(page) if page is not None else []
        bars = [widget for bar in self._bars for widget in chain_within(bar)]
        order_tabs([self._first, bars, inside, self._last])


def order_tabs(parts: Iterable[Sequence[QWidget]]) -> None:
    """Tab through ``parts`` in the order given, each part in its own order (hidden
    widgets are skipped by Qt, so every page can stay in the chain)."""
    chain = [widget for part in parts for widget in part]
    for before, after in pairwise(chain):
        QWidget.setTabOrder(before, after)


def switch_page(window: MainWindow, page: QWidget) -> None:
    """Show ``page``. Where the focus was in the page that goes, Qt would hand it to the
    new page's first field and scroll there (at 200 % Cycles opened past its title): the
    sections list takes it instead, and Tab goes on into the page, which opens at its
    top; on Routines the card list takes it, for type-ahead, as when the window opens.
    A focus already in the sections list stays there, so its arrow keys keep walking it."""
    leaving = window.stack.currentWidget()
    held = leaving is not None and leaving.isAncestorOf(window.focusWidget())
    if held:
        window.nav.setFocus()
    window.stack.setCurrentWidget(page)
    if held and page is window.routines:
        window.routines.list.setFocus()


def window_shortcuts(window: MainWindow) -> QShortcut:
    """The window's shortcuts (docs/keyboard.md), made once its first frame is drawn:
    the first frame does not build QKeySequence's Python type and its seventy-odd
    standard keys. Returns Esc, which stops a routine playing on behind another page
    and is enabled only while one does."""
    for index in range(len(window.PAGES)):
        shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), window)
        shortcut.activated.connect(lambda i=index: window.nav.setCurrentRow(i))
    QShortcut(QKeySequence("Ctrl+,"), window).activated.connect(window.open_settings)
    QShortcut(QKeySequence.StandardKey.New, window).activated.connect(window.new_routine)
    QShortcut(QKeySequence("F1"), window).activated.connect(window.show_seek_help)
    QShortcut(QKeySequence("Ctrl+L"), window).activated.connect(window.rate_today)
    QShortcut(QKeySequence.StandardKey.Quit, window).activated.connect(window.quit)
    stop = QShortcut(QKeySequence("Esc"), window)
    stop.setEnabled(False)
    stop.activated.connect(lambda: window.player.stop(leave=False))
    return stop


def start_window_keys(window: MainWindow) -> WindowTabs:
    """Enter presses buttons, Tab walks the page first, and the routine list has the
    focus to begin with (docs/keyboard.md); once the window's first frame is drawn."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        enter_presses_everywhere(app)
    bars = [window.notice, window.now_playing]
    tabs = WindowTabs(window.stack, [window.nav], bars, window.sidebar_buttons)
    if window.stack.currentWidget() is window.routines and window.focusWidget() in (
        None,
        window.nav,
    ):
        window.routines.list.setFocus()  # Tab starts in the page, type-ahead works
    return tabs
