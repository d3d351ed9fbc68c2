"""Start the Qt application. Imported only when a window is wanted."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    QApplication.setApplicationName("Facewell")
    QApplication.setOrganizationName("Facewell")
    QApplication.setApplicationDisplayName("Facewell")
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(data_dir)
    window.show()
    return app.exec()
