"""The cue preview: the words a step starts with, said or written out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.ui.context import AppContext
from app.ui.cue_preview import CuePreview, spoken_text


class _NoVoice(QObject):
    """A speech service whose engine renders nothing."""

    ready = Signal(dict)

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[list[str]] = []

    def prepare(self, texts: list[str], _voice: Any) -> None:
        self.asked.append(texts)
        self.ready.emit({})


def test_spoken_text_is_the_cue_else_title_and_instruction() -> None:
    assert (
        spoken_text({"cue": " Brow lift, gently. ", "title": "Brow lift"}) == "Brow lift, gently."
    )
    assert spoken_text({"title": "Rest", "instruction": "Let go."}) == "Rest. Let go."


def test_muted_it_says_what_it_would_say(qtbot: QtBot, context: AppContext) -> None:
    preview = CuePreview(context, lambda: "Breathe in.")
    qtbot.addWidget(preview)
    preview.button.click()
    assert preview.label.text() == "It would say: “Breathe in.”"


def test_without_a_rendered_voice_it_says_so(qtbot: QtBot, context: AppContext) -> None:
    speech = _NoVoice()
    context.speech = speech  # type: ignore[assignment]
    context.mute = False
    preview = CuePreview(context, lambda: "Breathe in.")
    qtbot.addWidget(preview)
    preview.preview()
    assert speech.asked == [["Breathe in."]]
    assert preview.label.text() == "Speech is not available; it would say: “Breathe in.”"
    preview.label.clear()
    speech.ready.emit({})  # answered already: it no longer listens
    assert preview.label.text() == ""
