"""The wheel scrolls the page; a field under the pointer turns only once it has the focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import SettingsDialog
from app.ui.wheel import wheel_scrolls_page
from app.ui.widgets import scrolling


def _wheel_down(widget: QWidget) -> None:
    """One notch down over the middle of ``widget``, as the mouse sends it (through the
    window system, so Qt hands an unwanted wheel on to the parent, as on a desktop)."""
    window = widget.window().windowHandle()
    assert window is not None
    QTest.wheelEvent(
        window, QPointF(widget.mapTo(widget.window(), widget.rect().center())), QPoint(0, -120)
    )
    QApplication.processEvents()


def _page(qtbot: QtBot) -> tuple[QScrollArea, QSpinBox, QComboBox]:
    """A page taller than its view, a spin box and a drop-down a third of the way down."""
    body = QWidget()
    layout = QVBoxLayout(body)
    spin, combo = QSpinBox(), QComboBox()
    spin.setRange(0, 99)
    spin.setValue(12)
    combo.addItems(["Dark", "Light", "High contrast"])
    for index in range(30):
        if index == 10:
            layout.addWidget(spin)
            layout.addWidget(combo)
        filler = QWidget()
        filler.setMinimumHeight(40)
        layout.addWidget(filler)
    area = scrolling(body)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.ensureWidgetVisible(spin)
    elsewhere = QPushButton("Start", area)  # the focus is on something else, as usual
    elsewhere.show()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    return area, spin, combo


def test_the_wheel_over_an_unfocused_field_scrolls_the_page_and_changes_nothing(
    qtbot: QtBot,
) -> None:
    area, spin, combo = _page(qtbot)
    wheel_scrolls_page(area)
    bar = area.verticalScrollBar()
    before = bar.value()
    _wheel_down(spin)
    _wheel_down(combo)
    assert spin.value() == 12
    assert combo.currentText() == "Dark"
    assert bar.value() > before  # the page moved instead
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel doesn't focus it
    assert not spin.hasFocus()


def test_a_focused_field_still_takes_the_wheel(qtbot: QtBot) -> None:
    area, spin, _combo = _page(qtbot)
    wheel_scrolls_page(area)
    wheel_scrolls_page(area)  # twice is harmless
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel_down(spin)
    assert spin.value() == 11


def test_without_it_qt_turns_the_field_under_the_pointer(qtbot: QtBot) -> None:
    """The behaviour guarded against, so that the tests above mean something."""
    _area, spin, _combo = _page(qtbot)
    _wheel_down(spin)
    assert spin.value() == 11


def test_the_pages_and_settings_are_guarded(qtbot: QtBot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(window.PAGES.index("Compress"))
    minutes = window.compress.findChildren(QSpinBox)
    assert minutes
    assert all(spin.property("facewellWheelToPage") for spin in minutes)
    dialog = SettingsDialog(context.settings, [], window)
    qtbot.addWidget(dialog)
    dialog.show()
    combos = dialog.findChildren(QComboBox)
    assert combos
    assert all(combo.property("facewellWheelToPage") for combo in combos)
