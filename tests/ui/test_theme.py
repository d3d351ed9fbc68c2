"""Every theme applies cleanly; dark stays dark; the text size follows the setting."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui import theme as theme_module
from app.ui.theme import (
    ACCENT,
    BASE_POINT_SIZE,
    THEMES,
    accent_color,
    apply_theme,
    disable_effects,
)

PURE_WHITE = QColor("#ffffff")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared QApplication, put back to the system look after each test."""
    yield qapp
    apply_theme(qapp, "system", 1.0)


@pytest.fixture
def qt_messages() -> Iterator[list[str]]:
    """Qt's own warnings (a style sheet that does not parse, for one), collected."""
    messages: list[str] = []

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's own remark
            messages.append(message)

    previous = qInstallMessageHandler(handler)
    yield messages
    qInstallMessageHandler(previous)


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_applies_without_qt_warnings(
    app: QApplication, qtbot: QtBot, qt_messages: list[str], theme: str
) -> None:
    apply_theme(app, theme, 1.0)
    button = QPushButton("Start")
    button.setObjectName("primary")
    label = QLabel("12")
    label.setObjectName("bigCountdown")
    combo = QComboBox()
    combo.addItems(["Dark", "Light"])
    for widget in (button, label, combo, QCheckBox("Chimes"), QRadioButton("Not sure"), QSlider()):
        qtbot.addWidget(widget)
        widget.show()
        widget.grab()  # paints, so every style rule is parsed and used
    assert qt_messages == []


def test_dark_palette_is_dark_and_never_pure_white(app: QApplication) -> None:
    apply_theme(app, "dark", 1.0)
    palette = app.palette()
    window = palette.color(QPalette.ColorRole.Window)
    assert window.lightness() < 60
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Text):
        assert palette.color(role) != PURE_WHITE
    assert palette.color(QPalette.ColorRole.Text).lightness() > 180
    assert "#ffffff" not in app.styleSheet().lower()


def test_light_theme_is_warm_off_white_not_pure_white(app: QApplication) -> None:
    apply_theme(app, "light", 1.0)
    palette = app.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert palette.color(role) != PURE_WHITE
        assert palette.color(role).lightness() > 200
    assert palette.color(QPalette.ColorRole.Text).lightness() < 80


def test_high_contrast_is_black_with_light_text(app: QApplication) -> None:
    apply_theme(app, "high-contrast", 1.0)
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window) == QColor("#000000")
    assert palette.color(QPalette.ColorRole.WindowText).lightness() > 230


def test_text_scale_changes_the_base_font(app: QApplication) -> None:
    apply_theme(app, "dark", 1.0)
    assert app.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE)
    apply_theme(app, "dark", 1.5)
    assert app.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.5)
    # The countdown grows with the text up to 140 %: at 200 % it filled a small screen.
    assert f"{BASE_POINT_SIZE * 1.4 * 4.4:.1f}pt" in app.styleSheet()


def test_text_scale_reaches_big_labels(app: QApplication, qtbot: QtBot) -> None:
    sizes = []
    for scale in (1.0, 2.0):
        apply_theme(app, "light", scale)
        label = QLabel("Breathe in")
        label.setObjectName("instruction")
        qtbot.addWidget(label)
        label.ensurePolished()
        sizes.append(label.font().pointSizeF())
    assert sizes[1] == pytest.approx(sizes[0] * 2, rel=0.02)
    assert sizes[0] > BASE_POINT_SIZE


def test_system_theme_keeps_the_platform_palette(app: QApplication) -> None:
    apply_theme(app, "dark", 1.0)
    apply_theme(app, "system", 1.0)
    assert app.palette() == app.style().standardPalette()


def test_accent_colours() -> None:
    for theme in ("dark", "light", "high-contrast"):
        assert accent_color(theme) == QColor(ACCENT[theme])
    assert accent_color("dark") == QColor("#7fb8a4")
    assert accent_color("system").isValid()


def test_nothing_moves_or_blinks(app: QApplication) -> None:
    apply_theme(app, "dark", 1.0)
    disable_effects()
    assert app.styleHints().cursorFlashTime() == 0
    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        assert not QApplication.isEffectEnabled(effect)


_NEW_APPLICATION = """
import sys
from app.ui.theme import new_application
app = new_application(["facewell", "--flag"], sys.argv[1])
print(app.arguments()[1:], app.style().name())
"""


@pytest.mark.parametrize(("theme", "style"), [("dark", "fusion"), ("system", "windows")])
def test_a_new_application_starts_in_its_themes_style(repo: Path, theme: str, style: str) -> None:
    # A QApplication of its own: the test process already has one. The platform's
    # choice is set to Windows, so that it differs from our Fusion.
    out = subprocess.run(
        [sys.executable, "-c", _NEW_APPLICATION, theme],
        cwd=repo,
        env={**os.environ, "QT_STYLE_OVERRIDE": "Windows"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.strip() == f"['--flag'] {style}"  # Qt took "-style" and left ours alone


def test_the_platform_style_comes_back_after_fusion(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    styles: list[str] = []
    real_set_style = QApplication.setStyle

    def set_style(*args: object) -> object:  # called on the instance: (app, name)
        styles.append(str(args[-1]))
        return real_set_style(str(args[-1]))

    monkeypatch.setattr(QApplication, "setStyle", set_style)
    monkeypatch.setenv("QT_STYLE_OVERRIDE", "Windows")
    apply_theme(app, "dark", 1.0)
    apply_theme(app, "light", 1.0)  # already Fusion: not set again
    apply_theme(app, "system", 1.0)
    assert styles == ["Fusion", "Windows"]


def test_without_an_override_the_platform_style_is_qts_first_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QT_STYLE_OVERRIDE", raising=False)
    keys = ["Breeze", "Windows", "Fusion"]
    monkeypatch.setattr(theme_module.QStyleFactory, "keys", staticmethod(lambda: keys))
    assert theme_module._platform_style() == "Breeze"
    keys = ["Windows", "Fusion"]
    assert theme_module._platform_style() == "Fusion"


@pytest.mark.parametrize("theme", ["dark", "light", "high-contrast"])
def test_spin_box_buttons_show_their_arrows(app: QApplication, qtbot: QtBot, theme: str) -> None:
    apply_theme(app, theme, 1.0)
    spin = QSpinBox()
    spin.setRange(0, 10)
    spin.setValue(5)  # both arrows enabled
    qtbot.addWidget(spin)
    spin.resize(140, 40)
    spin.show()
    image = spin.grab().toImage()
    text = app.palette().color(QPalette.ColorRole.Text)
    background = app.palette().color(QPalette.ColorRole.Button)

    def arrow_pixels(top: int, bottom: int) -> int:
        near_text = 0
        for y in range(top, bottom):
            for x in range(image.width() - 24, image.width()):
                pixel = image.pixelColor(x, y)
                if abs(pixel.lightness() - text.lightness()) < abs(
                    pixel.lightness() - background.lightness()
                ):
                    near_text += 1
        return near_text

    half = image.height() // 2
    assert arrow_pixels(3, half - 1) >= 6  # the up arrow is drawn, in the text colour
    assert arrow_pixels(half + 1, image.height() - 3) >= 6  # and the down arrow


@pytest.mark.parametrize("theme", ["dark", "light", "high-contrast"])
def test_radio_buttons_show_a_ring_that_grows_with_the_text(
    app: QApplication, qtbot: QtBot, theme: str
) -> None:
    """A choice must be seen to be made: Fusion's own disc under a style sheet stays
    12 pixels at any text size and is all but invisible on the dark theme."""
    apply_theme(app, theme, 2.0)
    buttons = QWidget()
    row = QHBoxLayout(buttons)
    chosen, other = QRadioButton("Blepharospasm"), QRadioButton("Not sure")
    row.addWidget(chosen)
    row.addWidget(other)
    chosen.setChecked(True)
    qtbot.addWidget(buttons)
    buttons.show()
    qtbot.waitExposed(buttons)
    background = app.palette().color(QPalette.ColorRole.Window)
    accent = QColor(ACCENT[theme])

    def indicator(button: QRadioButton) -> tuple[int, int, int]:
        """(side, pixels far from the background, pixels in the accent colour)."""
        option = QStyleOptionButton()
        button.initStyleOption(option)
        rect = button.style().subElementRect(
            QStyle.SubElement.SE_RadioButtonIndicator, option, button
        )
        image = button.grab().toImage()
        seen = accented = 0
        for y in range(rect.top(), rect.bottom() + 1):
            for x in range(rect.left(), rect.right() + 1):
                pixel = image.pixelColor(x, y)
                if abs(pixel.lightness() - background.lightness()) > 60:
                    seen += 1
                if (
                    max(
                        abs(pixel.red() - accent.red()),
                        abs(pixel.green() - accent.green()),
                        abs(pixel.blue() - accent.blue()),
                    )
                    < 40
                ):
                    accented += 1
        return min(rect.width(), rect.height()), seen, accented

    side, ring, _ = indicator(other)
    assert side >= 30  # 16 px at 100 %, as the check boxes
    assert ring >= 2 * side  # a ring around, at least its circumference's worth
    side, _, dot = indicator(chosen)
    assert dot >= side * side // 5  # the chosen one: ring and dot in the accent colour


def test_slider_handles_and_menu_arrows_grow_with_the_text(app: QApplication, qtbot: QtBot) -> None:
    """At 200 % the rate and volume handles were 16 px targets and "Add step"'s menu
    arrow a dot."""
    apply_theme(app, "dark", 2.0)
    slider = QSlider(Qt.Orientation.Horizontal)
    button = QPushButton("Add step")
    button.setMenu(QMenu(button))
    for widget in (slider, button):
        qtbot.addWidget(widget)
        widget.show()
    slider.resize(300, 60)
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    assert handle.width() >= 30
    image = button.grab().toImage()
    text = app.palette().color(QPalette.ColorRole.ButtonText)
    right = [
        image.pixelColor(x, y)
        for x in range(image.width() - 40, image.width() - 4)
        for y in range(4, image.height() - 4)
    ]
    near_text = [p for p in right if abs(p.lightness() - text.lightness()) < 40]
    assert len(near_text) >= 40  # an arrow, in the text colour, at the right
