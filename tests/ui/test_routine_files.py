"""Routine files in and out: import with its checks and a new name on a clash, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.core.loader import load_routine
from app.resources import exercises_dir
from app.ui.context import AppContext
from app.ui.routine_files import export_routine_with_dialog, import_routine_with_dialogs, is_builtin


def test_import_with_dialogs_refuses_broken_and_renames_on_yes(
    qtbot: QtBot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "Plan"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\n')
    assert import_routine_with_dialogs(context, None, broken) is None
    assert "Line 2" in told[0] and '"duration"' in told[0]

    good = tmp_path / "plan.toml"
    good.write_text('name = "Plan"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 5\n')
    first = import_routine_with_dialogs(context, None, good)
    second = import_routine_with_dialogs(context, None, good)
    assert first is not None and second is not None and first != second
    assert load_routine(second).name == "Plan (imported)"
    clash_with_builtin = tmp_path / "gentle.toml"
    clash_with_builtin.write_text(good.read_text().replace('"Plan"', '"Gentle face"'))
    third = import_routine_with_dialogs(context, None, clash_with_builtin)
    assert third is not None and load_routine(third).name == "Gentle face (imported)"


def test_export_saves_a_copy_where_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = exercises_dir() / "gentle-face.toml"
    target = tmp_path / "shared.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert export_routine_with_dialog(source) == target
    assert target.read_bytes() == source.read_bytes()  # verbatim, comments and all
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert export_routine_with_dialog(source) is None


def test_built_ins_are_told_apart(tmp_path: Path) -> None:
    assert is_builtin(exercises_dir() / "gentle-face.toml")
    assert not is_builtin(tmp_path / "gentle-face.toml")
    assert not is_builtin(None)
