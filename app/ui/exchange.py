"""Export, import and the doctor's report, as the History page offers them.

The same things ``facewell history --json/--csv``, ``facewell import`` and ``facewell
report --pdf`` do, behind file dialogs. Every dialog is a classmethod of
:class:`ExchangeDialogs` so tests can replace it.

Files are health data: they are written readable by the user only (0600), atomically
(a private temporary file in the same folder, then ``os.replace``), so a failed write
never leaves half a file behind. The user's chosen folder itself is never changed.

Threads: the history's SQLite connection belongs to the GUI thread, so the rows are
read there (a few hundred milliseconds for 100,000 sessions, under a busy cursor); the
encoding and writing of a JSON or CSV export then run on a worker thread, which reports
back with :attr:`BackgroundWrite.finished`. The PDF is drawn with QTextDocument and
QPdfWriter, which must stay on the GUI thread; it takes well under a second for a
typical history, also under a busy cursor.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.core.export_format import ImportFileError
from app.core.files import replacing
from app.messages import problem
from app.storage.errors import StorageError
from app.storage.history import History
from app.storage.history import exchange as history_exchange
from app.storage.history.exchange import ImportResult

__all__ = [
    "DEFAULT_REPORT_DAYS",
    "FILE_MODE",
    "REPORT_PERIODS",
    "BackgroundWrite",
    "ExchangeDialogs",
    "ReportPeriodDialog",
    "export_csv",
    "export_json",
    "import_json",
    "import_summary",
    "save_report",
    "write_private_atomic",
]

FILE_MODE = 0o600
REPORT_PERIODS = (30, 90, 180, 365)
DEFAULT_REPORT_DAYS = 90
JSON_FILTER = "Facewell history (*.json);;All files (*)"
PDF_FILTER = "PDF document (*.pdf)"


# -- writing files -------------------------------------------------------------------------


def write_private_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as 0600, atomically. Raises OSError."""
    with replacing(path) as temp, temp.open("w", encoding="utf-8", newline="") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _os_error_sentence(path: Path, exc: OSError) -> str:
    return f"Facewell couldn't save to {exc.filename or path}: {exc.strerror or exc}."


class BackgroundWrite(QObject):
    """Writes prepared files on a worker thread; ``finished(ok, sentence)`` comes back
    on the GUI thread with "Saved to …" or a plain sentence saying what went wrong."""

    finished = Signal(bool, str)
    """Emitted on the GUI thread, from the event loop, so connecting right after
    :meth:`start` never misses it."""
    _worker_done = Signal(bool, str)

    def __init__(
        self, files: list[tuple[Path, str]], success: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._files = files
        self._success = success
        self.ok: bool | None = None
        self.sentence = ""
        self._worker_done.connect(self._done)  # queued: back on the GUI thread
        self._thread = threading.Thread(target=self._run, name="facewell-export", daemon=True)

    def start(self) -> BackgroundWrite:
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker has written everything (for tests and shutdown)."""
        self._thread.join(timeout)

    def _run(self) -> None:
        for path, text in self._files:
            try:
                write_private_atomic(path, text)
            except OSError as exc:
                self._worker_done.emit(False, _os_error_sentence(path, exc))
                return
        self._worker_done.emit(True, self._success)

    def _done(self, ok: bool, sentence: str) -> None:
        self.ok = ok
        self.sentence = sentence
        self.finished.emit(ok, sentence)


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


# -- dialogs (classmethods so tests can replace them) --------------------------------------


class ReportPeriodDialog(QDialog):
    """ "Which period should the report cover?" — 30, 90, 180 or 365 days."""

    def __init__(self, parent: QWidget | None = None, days: int = DEFAULT_REPORT_DAYS) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report for your doctor")
        self.setAccessibleName("Report for your doctor")
        box = QVBoxLayout(self)
        intro = QLabel(
            "A PDF with your sessions, spasm severity, episodes and treatments, "
            "to print or send to your doctor."
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        form = QFormLayout()
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.period.setToolTip("How many days, up to today, the report covers")
        for count in REPORT_PERIODS:
            self.period.addItem(_period_label(count), count)
        self.period.setCurrentIndex(max(0, self.period.findData(days)))
        form.addRow("Period", self.period)
        box.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Choose file…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def days(self) -> int:
        return int(self.period.currentData())


def _period_label(days: int) -> str:
    return {30: "Last 30 days", 90: "Last 90 days (3 months)", 180: "Last 180 days (6 months)"}.get(
        days, f"Last {days} days (a year)" if days == 365 else f"Last {days} days"
    )


def _start_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def _stamp() -> str:
    return date.today().isoformat()


class ExchangeDialogs:
    """Every question asked of the user, one classmethod each (tests monkeypatch them)."""

    @classmethod
    def ask_json_save_path(cls, parent: QWidget | None) -> Path | None:
        suggested = _start_folder() / f"facewell-history-{_stamp()}.json"
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Export your history", str(suggested), JSON_FILTER
        )
        return _with_suffix(name, ".json")

    @classmethod
    def ask_csv_folder(cls, parent: QWidget | None) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent, "Choose a folder for sessions.csv and journal.csv", str(_start_folder())
        )
        return Path(name) if name else None

    @classmethod
    def ask_json_open_path(cls, parent: QWidget | None) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            parent, "Import a Facewell history", str(_start_folder()), JSON_FILTER
        )
        return Path(name) if name else None

    @classmethod
    def ask_report_days(cls, parent: QWidget | None) -> int | None:
        dialog = ReportPeriodDialog(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.days()
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_report_path(cls, parent: QWidget | None, days: int) -> Path | None:
        suggested = _start_folder() / f"facewell-report-{_stamp()}-{days}-days.pdf"
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Save the report for your doctor", str(suggested), PDF_FILTER
        )
        return _with_suffix(name, ".pdf")

    @classmethod
    def show_problem(cls, parent: QWidget | None, sentence: str) -> None:
        """A calm note (no warning icon, one OK button) with one plain sentence."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.NoIcon)
        box.setWindowTitle("Facewell")
        box.setText(sentence)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        box.deleteLater()


def _with_suffix(name: str, suffix: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(suffix)


# -- the four actions ------------------------------------------------------------------------


def export_json(parent: QWidget | None, history: History) -> BackgroundWrite | None:
    """Ask where, then save the whole history as a ``facewell history --json`` file.

    Returns the running write (its ``finished`` says how it went), or None when the
    user cancelled or the history couldn't be read (the problem was already shown).
    """
    path = ExchangeDialogs.ask_json_save_path(parent)
    if path is None:
        return None
    try:
        with _busy():
            data = history_exchange.export_json(history)
    except StorageError as error:
        ExchangeDialogs.show_problem(parent, f"Your history couldn't be read: {problem(error)}")
        return None
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return BackgroundWrite([(path, text)], f"Saved to {path}.", parent).start()


def export_csv(parent: QWidget | None, history: History) -> BackgroundWrite | None:
    """Ask for a folder, then save sessions.csv and journal.csv into it."""
    folder = ExchangeDialogs.ask_csv_folder(parent)
    if folder is None:
        return None
    sessions, journal = io.StringIO(newline=""), io.StringIO(newline="")
    try:
        with _busy():
            history_exchange.export_csv(history, sessions, journal)
    except StorageError as error:
        ExchangeDialogs.show_problem(parent, f"Your history couldn't be read: {problem(error)}")
        return None
    files = [
        (folder / "sessions.csv", sessions.getvalue()),
        (folder / "journal.csv", journal.getvalue()),
    ]
    success = f"Saved to {folder} (sessions.csv and journal.csv)."
    return BackgroundWrite(files, success, parent).start()


def import_json(
    parent: QWidget | None, history: History, told: Callable[[str], None] | None = None
) -> ImportResult | None:
    """Ask for a file made by Export (or ``facewell history --json``) and add what is new.

    Returns what was added and skipped, or None when cancelled or when nothing could be
    imported (the reason shown as one plain sentence; nothing was added then). Importing
    the same file twice adds nothing the second time. The file is read and checked as
    ``facewell import`` does (app.core.export_format).
    """
    path = ExchangeDialogs.ask_json_open_path(parent)
    if path is None:
        return None
    try:
        with _busy():
            return history_exchange.import_file(history, path)
    except ImportFileError as error:
        reason = str(error).rstrip(".")
        sentence = f"{path.name} can't be imported ({reason}), so nothing was added."
    except StorageError as error:
        sentence = f"Nothing was imported: {problem(error)}"
    if told is not None:  # the page's status line: never the last import's "Added 3 items"
        told(sentence)
    ExchangeDialogs.show_problem(parent, sentence)
    return None


def import_summary(result: ImportResult) -> str:
    """ "Added 3 items to your history (2 were already there)." """
    added, skipped = result.sessions + result.entries, result.skipped
    if added == 0 and skipped == 0:
        return "That file holds no sessions or journal entries, so nothing was added."
    if added == 0:
        return "Everything in that file is already in your history; nothing was added."
    noun = "item" if added == 1 else "items"
    text = f"Added {added} {noun} to your history"
    if skipped:
        text += f" ({skipped} {'was' if skipped == 1 else 'were'} already there)"
    return text + "."


def save_report(parent: QWidget | None, history: History, days: int | None = None) -> str | None:
    """Ask for the period (unless ``days`` is given) and the file, then write the PDF.

    Returns "Saved to …" or None when cancelled or when it failed (the reason shown).
    Runs on the GUI thread (QTextDocument and QPdfWriter need it), under a busy cursor.
    """
    from app.services.report import write_report_pdf

    if days is None:
        days = ExchangeDialogs.ask_report_days(parent)
        if days is None:
            return None
    path = ExchangeDialogs.ask_report_path(parent, days)
    if path is None:
        return None
    try:
        with _busy(), replacing(path) as temp:
            write_report_pdf(history, temp, days=days)
    except StorageError as error:
        ExchangeDialogs.show_problem(parent, f"The report couldn't be made: {problem(error)}")
        return None
    except OSError as exc:
        ExchangeDialogs.show_problem(parent, _os_error_sentence(path, exc))
        return None
    return f"Saved to {path}."
