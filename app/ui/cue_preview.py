"""Hear a step's cue while editing: said in the chosen voice, or written out.

The routine editor's "Preview cue" asks the speech service to render the words and
plays them once they are ready. Muted, or without a speech engine, it shows what would
be said instead, so the button always answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.context import AppContext
from app.ui.step_fields import field_text

__all__ = ["CuePreview", "spoken_text"]


def spoken_text(step: dict[str, Any]) -> str:
    """What is said when ``step`` starts: its cue, else its title and instruction."""
    cue = field_text(step.get("cue")).strip()
    if cue:
        return cue
    title, instruction = (field_text(step.get(key)).strip() for key in ("title", "instruction"))
    return f"{title}. {instruction}".strip()


class CuePreview(QWidget):
    """A "Preview cue" button over a line that says what the preview says."""

    def __init__(
        self, context: AppContext, text: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._text = text
        self._waiting = ""
        self._sound: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.button = QPushButton("Preview cue")
        self.button.setAccessibleName("Preview the step's spoken cue")
        self.button.clicked.connect(self.preview)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.label = QLabel()
        self.label.setObjectName("muted")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("What the preview says")
        layout.addWidget(self.label)

    def preview(self) -> None:
        text = self._text()
        if not text:
            return
        speech = self.context.speech
        if speech is None or self.context.mute:
            self.label.setText(f"It would say: “{text}”")
            return
        self.label.setText(f"Saying: “{text}”")
        if not self._waiting:
            speech.ready.connect(self._on_ready)
        self._waiting = text
        speech.prepare([text], self.context.settings.voice_settings())

    def _on_ready(self, files: dict[str, Path]) -> None:
        text, self._waiting = self._waiting, ""
        if self.context.speech is not None:
            self.context.speech.ready.disconnect(self._on_ready)
        if text not in files:
            self.label.setText(f"Speech is not available; it would say: “{text}”")
            return
        from app.core.timeline import Cue, CueKind
        from app.resources import audio_dir
        from app.services.player import SoundPlayer

        if self._sound is None:
            self._sound = SoundPlayer(audio_dir(), self)
        player = self._sound
        player.load_speech({text: files[text]})
        player.when_loaded(lambda: player.play(Cue(0.0, CueKind.SPEECH, text)))
