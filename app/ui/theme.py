"""Colours, fonts and a small style sheet for the whole application.

Many people who use Facewell are sensitive to light, so the default theme is a soft dark
one, no theme uses pure white as a background, and nothing animates or blinks: menus and
combo boxes open without effects and the text cursor stays still. Every theme shows a
clear keyboard focus ring, because some people steer the app with the keyboard alone.

Pages style their big labels through object names rather than their own fonts, so a
change of theme or text size reaches them too:

- ``QLabel#bigCountdown``: the large countdown of a running routine,
- ``QLabel#stepTitle``: the name of the current step,
- ``QLabel#instruction``: what to do now, in large readable text,
- ``QLabel#pageTitle``, ``QLabel#sectionTitle``, ``QLabel#muted``: page headings and quiet lines,
- ``QPushButton#primary``: the one main action of a page, in the accent colour,
- ``QFrame#card``: a calm bordered panel; ``QFrame#accentCard`` draws its border in the
  accent colour (set the dynamic property ``highlighted`` to make it stronger).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.paths import ensure_private_dir

__all__ = [
    "ACCENT",
    "BASE_POINT_SIZE",
    "THEMES",
    "accent_color",
    "apply_theme",
    "disable_effects",
    "new_application",
    "quiet_colour",
]

THEMES = ("dark", "light", "high-contrast", "system")

#: The base font size at a text scale of 100 %.
BASE_POINT_SIZE = 11.0

#: The accent colour of each theme ("system" follows the platform's highlight colour).
ACCENT: dict[str, str] = {
    "dark": "#7fb8a4",
    "light": "#3b7a66",
    "high-contrast": "#ffff00",
}

# A dynamic property of the QApplication: true while we draw with Fusion instead of the
# platform's own style.
_FUSION_PROPERTY = "facewellFusion"
_QUIET_PROPERTY = "facewellQuiet"


class _Colours(NamedTuple):
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    button: str
    border: str
    accent: str
    on_accent: str
    accent_soft: str
    disabled: str
    focus_width: int
    error: str = "#f2a48f"
    """Problems in a form: a warm coral, distinct from the accent, never an alarm red."""


_COLOURS: dict[str, _Colours] = {
    "dark": _Colours(
        window="#1b2129",
        base="#232b35",
        alternate="#28313c",
        text="#dfe6ee",
        muted="#a3afbb",
        button="#2a333f",
        border="#3a4552",
        accent=ACCENT["dark"],
        on_accent="#13181e",
        accent_soft="#24332f",
        disabled="#6b7682",
        focus_width=2,
    ),
    "light": _Colours(
        window="#f4f1ea",
        base="#faf8f3",
        alternate="#ece7dc",
        text="#2b2f33",
        muted="#5b6168",
        button="#e8e3d8",
        border="#c9c2b4",
        accent=ACCENT["light"],
        on_accent="#faf8f3",
        accent_soft="#e3ebe4",
        disabled="#9a958b",
        focus_width=2,
        error="#a4372a",
    ),
    "high-contrast": _Colours(
        window="#000000",
        base="#000000",
        alternate="#1a1a1a",
        text="#ffffff",
        muted="#ffff00",
        button="#000000",
        border="#ffffff",
        accent=ACCENT["high-contrast"],
        on_accent="#000000",
        accent_soft="#000000",
        disabled="#b0b0b0",
        focus_width=3,
        error="#ff8c8c",
    ),
}


# Style sheets can only draw combo box arrows and check boxes from image files. The few
# tiny pictures, one per colour, are kept in the cache folder the app names
# (apply_theme's ``pictures``), so a start writes none that an earlier one wrote and a
# killed process leaves nothing behind in /tmp. Without that folder, or when it cannot
# be written (read-only, full disk), they go into a private temporary folder removed
# when the process ends, as before.
_pictures: Path | None = None
_icon_dir: tempfile.TemporaryDirectory[str] | None = None

_ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8" viewBox="0 0 12 8">'
    '<path d="{path}" fill="none" stroke="{ink}" stroke-width="1.8" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)
_DOWN, _UP = "M1 1.5 L6 6.5 L11 1.5", "M1 6.5 L6 1.5 L11 6.5"
_BOX_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">'
    '<rect x="1.5" y="1.5" width="17" height="17" rx="{radius}" fill="{fill}" '
    'stroke="{edge}" stroke-width="2"/>{mark}</svg>'
)
# A radio button's ring, filled with a dot when chosen: without it Fusion under a style
# sheet draws a 12-pixel disc that does not grow with the text and is all but invisible
# on the dark theme (the first-run condition question at 200 % text).
_RING_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">'
    '<circle cx="10" cy="10" r="8.5" fill="{fill}" stroke="{edge}" stroke-width="2"/>'
    "{dot}</svg>"
)
_RING_DOT = '<circle cx="10" cy="10" r="4" fill="{ink}"/>'
_CHECK_MARK = (
    '<path d="M5 10.5 L8.5 14 L15 6.5" fill="none" stroke="{ink}" stroke-width="2.4" '
    'stroke-linecap="round" stroke-linejoin="round"/>'
)


def _picture(name: str, svg: str) -> str:
    """The path of ``svg`` saved under ``name``, written once, in URL-friendly form."""
    if _pictures is not None:
        path = _pictures / f"{name}.svg"
        try:
            _save_once(path, svg)
        except OSError:
            pass  # the temporary folder below will do
        else:
            return path.as_posix()
    global _icon_dir
    if _icon_dir is None:
        _icon_dir = tempfile.TemporaryDirectory(prefix="facewell-theme-")
    path = Path(_icon_dir.name) / f"{name}.svg"
    _save_once(path, svg)
    return path.as_posix()


def _save_once(path: Path, text: str) -> None:
    """Write ``path`` unless it already holds ``text``, so a start after the first
    writes nothing; atomically, so a second Facewell starting at the same moment never
    reads half a picture."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    from app.core.files import write_text_atomic  # only to write: not on every start

    ensure_private_dir(path.parent)
    write_text_atomic(path, text)  # 0600, as every file in the data folder


def _arrow_file(ink: str, *, up: bool = False) -> str:
    name = f"arrow-{'up' if up else 'down'}-{ink.lstrip('#')}"
    return _picture(name, _ARROW_SVG.format(ink=ink, path=_UP if up else _DOWN))


def _box_file(fill: str, edge: str, ink: str | None, radius: int) -> str:
    mark = _CHECK_MARK.format(ink=ink) if ink else ""
    name = "-".join(["box", fill, edge, ink or "none", str(radius)]).replace("#", "")
    return _picture(name, _BOX_SVG.format(fill=fill, edge=edge, mark=mark, radius=radius))


def _ring_file(fill: str, edge: str, ink: str | None) -> str:
    dot = _RING_DOT.format(ink=ink) if ink else ""
    name = "-".join(["ring", fill, edge, ink or "none"]).replace("#", "")
    return _picture(name, _RING_SVG.format(fill=fill, edge=edge, dot=dot))


def quiet_colour() -> str | None:
    """The quiet text colour of the app's own theme (QLabel#muted), or None under
    "system", whose placeholder grey can be too faint for a line worth reading."""
    app = QGuiApplication.instance()
    if app is None or not app.property(_FUSION_PROPERTY):
        return None
    colour = app.property(_QUIET_PROPERTY)
    return colour if isinstance(colour, str) else None


def accent_color(theme: str) -> QColor:
    """The accent colour of ``theme``; for "system", the platform's highlight colour."""
    if theme in ACCENT:
        return QColor(ACCENT[theme])
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return QGuiApplication.palette().color(QPalette.ColorRole.Highlight)
    return QColor(ACCENT["dark"])


def _palette(c: _Colours) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    colours = {
        role.Window: c.window,
        role.WindowText: c.text,
        role.Base: c.base,
        role.AlternateBase: c.alternate,
        role.Text: c.text,
        role.Button: c.button,
        role.ButtonText: c.text,
        role.BrightText: c.accent,
        role.Highlight: c.accent,
        role.HighlightedText: c.on_accent,
        role.ToolTipBase: c.button,
        role.ToolTipText: c.text,
        role.PlaceholderText: c.muted,
        role.Link: c.accent,
        role.LinkVisited: c.accent,
        role.Light: c.border,
        role.Midlight: c.border,
        role.Mid: c.border,
        role.Dark: c.window,
        role.Shadow: c.window,
        role.Accent: c.accent,
    }
    for r, value in colours.items():
        pal.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText):
        pal.setColor(group.Disabled, r, QColor(c.disabled))
    pal.setColor(group.Disabled, role.Highlight, QColor(c.border))
    return pal


def _points(scale: float, factor: float) -> str:
    return f"{BASE_POINT_SIZE * scale * factor:.1f}pt"


_SYSTEM_FOCUS = """
QAbstractItemView, QGraphicsView { border: 1px solid palette(mid); padding: 1px; }
QAbstractItemView:focus, QGraphicsView:focus {
    border: 2px solid palette(highlight); padding: 0px;
}
QFrame#accentCard { border: 2px solid palette(mid); border-radius: 6px; }
QFrame#accentCard:focus { border-color: palette(highlight); }
QLabel#fieldError { color: #b3261e; font-weight: 600; }
QFrame#toast {
    background: palette(window); border: 1px solid palette(highlight);
    border-left: 4px solid palette(highlight); border-radius: 4px;
}
"""
"""The platform's style draws no focus ring on lists, tables, charts and the tips'
cards: these rings, in the platform's own colours, are all "system" adds, with a
field error's colour and a notice's edge so it stands out from the page it floats on."""


def _label_sheet(scale: float) -> str:
    """Font sizes for the named labels, and no icons on dialog buttons (some platform
    styles put a tick on OK and a cross on Cancel, others nothing: one look); used by
    every theme, "system" included."""
    return f"""
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QLabel#bigCountdown {{ font-size: {_points(min(scale, 1.4), 4.4)}; font-weight: 300; }}
QLabel#stepTitle {{ font-size: {_points(scale, 1.8)}; font-weight: 600; }}
QLabel#instruction {{ font-size: {_points(scale, 1.45)}; }}
QLabel#pageTitle {{ font-size: {_points(scale, 1.6)}; font-weight: 600; }}
QLabel#sectionTitle {{ font-size: {_points(scale, 1.2)}; font-weight: 600; }}
"""


def _style_sheet(c: _Colours, scale: float) -> str:
    f = c.focus_width
    radius = 0 if c.window == "#000000" else 6
    r = 4 if radius else 0
    box = round(16 * scale)  # a check box, a radio button, a slider's handle
    groove = max(4, round(6 * scale))  # a slider's track
    arrow_w, arrow_h = round(12 * scale), round(8 * scale)
    step = round(24 * scale)  # the width of a spin box's up and down buttons
    return (
        _label_sheet(scale)
        + f"""
QToolTip {{ color: {c.text}; background: {c.button}; border: 1px solid {c.border}; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#accentTitle {{ color: {c.accent}; font-size: {_points(scale, 1.2)}; font-weight: 600; }}

QFrame#card {{
    background: {c.base}; border: 1px solid {c.border}; border-radius: {radius + 4}px;
}}
QFrame#accentCard {{
    background: {c.accent_soft}; border: 2px solid {c.accent}; border-radius: {radius + 4}px;
}}
QFrame#accentCard[highlighted="true"] {{ border-width: {f + 2}px; }}
QFrame#accentCard:focus {{ border-color: {c.text}; }}
QLabel#fieldError {{ color: {c.error}; font-weight: 600; }}
QFrame#card QLabel, QFrame#accentCard QLabel {{ background: transparent; border: none; }}

QPushButton {{
    color: {c.text}; background: {c.button}; border: {f}px solid {c.border};
    border-radius: {radius}px; padding: 6px 16px; min-height: 1.4em;
    outline: none; /* the border shows the focus: the style's own box doubled it */
}}
QPushButton:hover {{ border-color: {c.muted}; }}
QPushButton:pressed {{ background: {c.alternate}; }}
QPushButton:disabled {{ color: {c.disabled}; }}
QPushButton#primary {{
    color: {c.on_accent}; background: {c.accent}; border-color: {c.accent}; font-weight: 600;
}}
QPushButton::menu-indicator {{
    image: url("{_arrow_file(c.text)}"); width: {arrow_w}px; height: {arrow_h}px;
    subcontrol-origin: padding; subcontrol-position: center right; right: 4px;
}}
QPushButton:focus {{ border: {f}px solid {c.accent}; }}
QPushButton#primary:focus {{ border: {f}px solid {c.text}; }}
QPushButton#primary:disabled {{
    color: {c.disabled}; background: {c.button}; border-color: {c.border}; font-weight: 600;
}}

QListWidget#nav {{ border: none; background: transparent; outline: none; }}
QListWidget#routineList {{ border: {f}px solid transparent; background: transparent; }}
QListWidget#routineList:focus {{ border-color: {c.accent}; }}
QGraphicsView {{ border: {f}px solid transparent; border-radius: {radius}px; }}
QGraphicsView:focus {{ border-color: {c.accent}; }}
QListWidget#nav::item {{
    padding: 8px 10px; border-radius: {radius}px; color: {c.text};
    border-left: 4px solid transparent;
}}
QListWidget#nav::item:selected, QListWidget#routineList::item:selected {{
    background: {c.accent_soft}; color: {c.text}; border-left: 4px solid {c.accent};
}}
QListWidget#nav::item:selected:focus {{
    border: {f}px solid {c.accent}; border-left: 4px solid {c.accent};
}}
QListWidget#routineList::item {{
    background: {c.alternate}; border-radius: {radius}px; border-left: 4px solid transparent;
}}
QLabel#brand {{ font-weight: 600; font-size: {_points(scale, 1.5)}; color: {c.accent}; }}
QFrame#toast {{
    background: {c.accent_soft}; border: 1px solid {c.accent};
    border-left: 4px solid {c.accent}; border-radius: {r}px;
}}
QLabel#banner {{ background: transparent; color: {c.text}; padding: 6px 8px; }}
QFrame#nowPlaying {{ background: {c.alternate}; border-bottom: 2px solid {c.accent}; }}
QLabel#nowPlayingText {{ font-weight: 600; }}
QLabel#phase {{ font-size: {_points(scale, 1.6)}; color: {c.accent}; }}
QLabel#routineName {{ font-weight: 600; }}
QWidget#sidebar {{ background: {c.alternate}; }}

QComboBox {{
    color: {c.text}; background: {c.button}; border: {f}px solid {c.border};
    border-radius: {radius}px; padding: 4px 10px; min-height: 1.4em;
}}
QComboBox:focus, QComboBox:on {{ border-color: {c.accent}; }}
QComboBox:disabled {{ color: {c.disabled}; }}
QComboBox::drop-down {{ border: none; width: {arrow_w + 16}px; }}
QComboBox::down-arrow {{
    image: url("{_arrow_file(c.text)}"); width: {arrow_w}px; height: {arrow_h}px;
}}
QComboBox::down-arrow:disabled {{ image: url("{_arrow_file(c.disabled)}"); }}
QComboBox QAbstractItemView {{
    color: {c.text}; background: {c.base}; border: 1px solid {c.border};
    selection-background-color: {c.accent}; selection-color: {c.on_accent}; outline: none;
}}

QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QListView, QTreeView,
QTableView {{
    color: {c.text}; background: {c.base}; border: {f}px solid {c.border};
    border-radius: {radius}px; selection-background-color: {c.accent};
    selection-color: {c.on_accent};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus,
QListView:focus, QTreeView:focus, QTableView:focus {{
    border-color: {c.accent};
}}

QAbstractSpinBox {{ padding: 4px {step + 6}px 4px 8px; min-height: 1.4em; }}
QLineEdit {{ padding: 4px 6px; min-height: 1.4em; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: padding; width: {step}px; background: {c.button};
    border: none; border-left: 1px solid {c.border};
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: {r}px; }}
QAbstractSpinBox::down-button {{
    subcontrol-position: bottom right; border-bottom-right-radius: {r}px;
    border-top: 1px solid {c.border};
}}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{
    background: {c.accent_soft};
}}
QAbstractSpinBox::up-arrow {{
    image: url("{_arrow_file(c.text, up=True)}"); width: {arrow_w}px; height: {arrow_h}px;
}}
QAbstractSpinBox::down-arrow {{
    image: url("{_arrow_file(c.text)}"); width: {arrow_w}px; height: {arrow_h}px;
}}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off {{
    image: url("{_arrow_file(c.disabled, up=True)}");
}}
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{
    image: url("{_arrow_file(c.disabled)}");
}}
QDateTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: top right; width: {step}px; border: none;
}}

QCheckBox, QRadioButton {{
    spacing: 8px; padding: 3px 6px; border: {f}px solid transparent; border-radius: {radius}px;
}}
QCheckBox:focus, QRadioButton:focus {{ border-color: {c.accent}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {c.disabled}; }}
QCheckBox::indicator {{ width: {box}px; height: {box}px; }}
QCheckBox::indicator:unchecked {{ image: url("{_box_file(c.base, c.muted, None, r)}"); }}
QCheckBox::indicator:checked {{ image: url("{_box_file(c.accent, c.accent, c.on_accent, r)}"); }}
QCheckBox::indicator:unchecked:disabled {{
    image: url("{_box_file(c.window, c.disabled, None, r)}");
}}
QCheckBox::indicator:checked:disabled {{
    image: url("{_box_file(c.disabled, c.disabled, c.window, r)}");
}}
QRadioButton::indicator {{ width: {box}px; height: {box}px; }}
QRadioButton::indicator:unchecked {{ image: url("{_ring_file(c.base, c.muted, None)}"); }}
QRadioButton::indicator:checked {{ image: url("{_ring_file(c.base, c.accent, c.accent)}"); }}
QRadioButton::indicator:unchecked:disabled {{
    image: url("{_ring_file(c.window, c.disabled, None)}");
}}
QRadioButton::indicator:checked:disabled {{
    image: url("{_ring_file(c.window, c.disabled, c.disabled)}");
}}

QSlider {{ border: {f}px solid transparent; border-radius: {radius}px; padding: 2px 4px; }}
QSlider:horizontal {{ min-height: {box + 8}px; }} /* the handle's height: 200 % cut it */
QSlider:focus {{ border-color: {c.accent}; }}
QSlider::groove:horizontal {{
    height: {groove}px; background: {c.border}; border-radius: {groove // 2}px;
}}
QSlider::sub-page:horizontal {{ background: {c.accent}; border-radius: {groove // 2}px; }}
QSlider::handle:horizontal {{
    width: {box}px; margin: -{(box - groove) // 2 + 2}px 0;
    border-radius: {box // 2 + 2 if radius else 0}px;
    background: {c.base}; border: 2px solid {c.accent};
}}
QSlider::handle:horizontal:disabled {{ background: {c.disabled}; border-color: {c.border}; }}
QSlider::sub-page:horizontal:disabled {{ background: {c.disabled}; }}

QGroupBox {{
    border: 1px solid {c.border}; border-radius: {radius + 2}px;
    margin-top: 1.3em; padding: 10px 10px 8px 10px; font-weight: 600;
}}
QGroupBox::title {{
    subcontrol-origin: margin; subcontrol-position: top left; left: 10px; padding: 0 4px;
    color: {c.text};
}}
QGroupBox > QWidget {{ font-weight: normal; }}

QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollArea:focus {{ border: {f}px solid {c.accent}; }}
QScrollBar:vertical {{ background: {c.window}; width: 12px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 5px; min-height: 32px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollBar:horizontal {{ background: {c.window}; height: 12px; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {c.border}; border-radius: 5px; min-width: 32px; }}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; }}
QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}

QMenu {{ color: {c.text}; background: {c.base}; border: 1px solid {c.border}; }}
QMenu::item:selected {{ color: {c.on_accent}; background: {c.accent}; }}
"""
    )


def disable_effects() -> None:
    """No animated menus, combo boxes or tooltips.

    Called once the first frame is on screen: touching ``Qt`` builds all of its enums,
    tens of milliseconds that the window should not wait for.
    """
    from PySide6.QtCore import Qt

    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        QApplication.setEffectEnabled(effect, False)


def new_application(argv: Sequence[str], theme: str) -> QApplication:
    """The QApplication, already in the style that ``theme`` draws with.

    Choosing Fusion on the command line costs nothing, whereas asking the application
    for its style object builds QStyle's Python enums, some 15 ms before the first frame.
    """
    if theme == "system":
        return QApplication(list(argv))
    program, *rest = list(argv) or ["facewell"]
    app = QApplication([program, "-style", "Fusion", *rest])
    app.setProperty(_FUSION_PROPERTY, True)
    return app


def _platform_style() -> str:
    """The style Qt would choose by itself: the user's QT_STYLE_OVERRIDE, else the first
    style from a plugin (Breeze, the Windows and macOS styles), else Fusion.

    Asked of Qt instead, the answer would be wrong: once a style sheet is set, the
    application's style is a wrapper without a name.
    """
    available = QStyleFactory.keys()  # a list of names, not a dict
    override = os.environ.get("QT_STYLE_OVERRIDE", "")
    if override.lower() in (name.lower() for name in available):
        return override
    plugins = [name for name in available if name.lower() not in ("windows", "fusion")]
    return plugins[0] if plugins else "Fusion"


def apply_theme(
    app: QApplication, theme: str, text_scale: float, *, pictures: Path | None = None
) -> None:
    """Give the whole application ``theme`` and a base font of 11 pt times ``text_scale``.

    ``pictures`` is the folder for the style sheet's arrow and check-box pictures
    (app/folders.py, ``theme_pictures_dir``); once given, later calls keep using it.

    An unknown theme falls back to "dark". "system" keeps the platform style and palette
    untouched and only sets the text size. Safe to call again at any time (after the
    settings dialog is applied, for example); widgets restyle at once.
    """
    global _pictures
    if pictures is not None:
        _pictures = pictures
    scale = min(2.0, max(0.8, float(text_scale)))
    if theme not in THEMES:
        theme = "dark"

    app.styleHints().setCursorFlashTime(0)  # a steady text cursor

    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)

    if theme == "system":
        if app.property(_FUSION_PROPERTY):  # put the platform's own look back
            app.setStyle(_platform_style())
            app.setProperty(_FUSION_PROPERTY, False)
            app.setPalette(app.style().standardPalette())
        app.setStyleSheet(_label_sheet(scale) + _SYSTEM_FOCUS)
        return

    # Fusion draws every widget from the palette, so our colours reach all of them.
    if not app.property(_FUSION_PROPERTY):
        app.setStyle("Fusion")
        app.setProperty(_FUSION_PROPERTY, True)
    colours = _COLOURS[theme]
    app.setProperty(_QUIET_PROPERTY, colours.muted)
    app.setPalette(_palette(colours))
    app.setStyleSheet(_style_sheet(colours, scale))
