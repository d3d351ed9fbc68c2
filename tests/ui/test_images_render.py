"""Qt's own SVG renderer can draw every exercise illustration, cleanly and transparently."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QRectF, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

IMAGES = Path(__file__).resolve().parents[2] / "assets" / "images"
NAMES = (
    "brow-lift.svg",
    "soft-eye-close.svg",
    "cheek-puff.svg",
    "smile-release.svg",
    "lip-pucker.svg",
    "nose-wrinkle.svg",
    "jaw-release.svg",
    "relax-face.svg",
)
SIZE = 240


@pytest.fixture(scope="module")
def app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([])


@pytest.fixture
def qt_messages() -> Iterator[list[str]]:
    """Warnings Qt prints while the test runs (QSvgRenderer reports what it can't draw)."""
    messages: list[str] = []

    def handler(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
        del context
        if kind != QtMsgType.QtDebugMsg:
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def render(path: Path) -> QImage:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), f"{path.name} is not valid for QSvgRenderer"
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, SIZE, SIZE))
    finally:
        painter.end()
    return image


@pytest.mark.parametrize("name", NAMES)
def test_qt_renders_the_picture(app: QApplication, qt_messages: list[str], name: str) -> None:
    del app
    path = IMAGES / name
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, SIZE, SIZE)

    image = render(path)
    assert not qt_messages, qt_messages

    # Transparent background: the corners are left empty.
    for x, y in ((0, 0), (SIZE - 1, 0), (0, SIZE - 1), (SIZE - 1, SIZE - 1)):
        assert image.pixelColor(x, y).alpha() == 0, f"corner {x},{y} is painted"

    # A real drawing: the face covers a good part of the picture, its outline is drawn.
    painted = sum(
        1 for y in range(0, SIZE, 2) for x in range(0, SIZE, 2) if image.pixelColor(x, y).alpha()
    )
    assert painted > (SIZE // 2) ** 2 * 0.25
    outline = image.pixelColor(SIZE // 2, 38)  # top of the head's outline
    assert outline.alpha() > 200 and outline.lightness() > 150

    # The accent colour (sage teal arrows, lines or glow) shows the movement or the calm.
    assert any(
        image.pixelColor(x, y).green() > image.pixelColor(x, y).red() + 20
        for y in range(SIZE)
        for x in range(SIZE)
        if image.pixelColor(x, y).alpha() > 30
    )
