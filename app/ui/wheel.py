"""The mouse wheel scrolls the page, not the field that happens to be under the pointer.

Qt turns a spin box, a date field, a drop-down or a slider with the wheel as soon as the
pointer passes over it, without a click: scrolling down the Compress page changed its
minutes from 12 to 5, the journal's date moved into next week, Settings' theme went
from Dark to High contrast. A person whose hand is not steady, or who scrolls with
their eyes half closed, cannot see that happen. Here such a field takes the wheel only
once it has the focus (clicked or tabbed to, and then it shows its focus ring);
otherwise the wheel goes on to what holds it, so the page scrolls. The keyboard works
as before.

No ``Qt`` here (see app/ui/scrolling.py): the focus policy is set by number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QScrollBar, QWidget

__all__ = ["wheel_scrolls_page"]

_STRONG_FOCUS = 0x0B  # Qt.FocusPolicy.StrongFocus: Tab and click, not the wheel
_MARK = "facewellWheelToPage"


class _WheelToPage(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not taken: Qt hands it on to the parent, the page
            return True
        return False


_guard: _WheelToPage | None = None


def wheel_scrolls_page(root: QWidget) -> None:
    """Every spin box, date or time field, drop-down and slider under ``root`` (and
    ``root`` itself, if it is one) takes the wheel only when it has the focus. Safe to
    call again on the same widgets, and on widgets added later."""
    global _guard
    if _guard is None:
        _guard = _WheelToPage()
    fields: list[QWidget] = []
    for kind in (QAbstractSpinBox, QComboBox, QAbstractSlider):
        if isinstance(root, kind):
            fields.append(root)
        fields.extend(root.findChildren(kind))
    for field in fields:
        if isinstance(field, QScrollBar) or field.property(_MARK):
            continue  # a scroll bar is the page's own
        field.setProperty(_MARK, True)
        field.setProperty("focusPolicy", _STRONG_FOCUS)
        field.installEventFilter(_guard)
