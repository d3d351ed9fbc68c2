"""The main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow

from app.cli import library_for
from app.core.durations import format_duration


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.setWindowTitle("Facewell")
        self.resize(960, 680)
        self.routines = QListWidget()
        self.routines.setAccessibleName("Routines")
        for entry in library_for(data_dir).entries:
            if entry.routine is not None:
                r = entry.routine
                text = f"{r.name} — {r.category} — {format_duration(r.total_seconds)}"
            else:
                text = f"{entry.path.name}: cannot be used ({entry.problems[0].message})"
            QListWidgetItem(text, self.routines)
        self.setCentralWidget(self.routines)
