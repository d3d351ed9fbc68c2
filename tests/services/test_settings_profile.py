"""The condition profile in settings.ini: unset until asked, a skip remembered, and a
hand-edited value read kindly (or ignored) rather than trusted blindly."""

from __future__ import annotations

from pathlib import Path

from app.core.condition import Condition
from app.services.settings import Settings


def test_unset_until_asked_then_saved_as_its_name(data_dir: Path) -> None:
    settings = Settings(data_dir)
    assert settings.condition is None and not settings.condition_asked
    settings.condition = Condition.HEMIFACIAL_SPASM
    again = Settings(data_dir)
    assert again.condition is Condition.HEMIFACIAL_SPASM and again.condition_asked
    assert "condition=hemifacial spasm" in (data_dir / "settings.ini").read_text()


def test_a_skip_is_an_answer(data_dir: Path) -> None:
    Settings(data_dir).condition = None
    again = Settings(data_dir)
    assert again.condition is None and again.condition_asked


def test_a_hand_edited_value_is_read_in_any_case_or_ignored(data_dir: Path) -> None:
    ini = data_dir / "settings.ini"
    ini.write_text("[profile]\ncondition=Blepharospasm\nasked=true\n")
    assert Settings(data_dir).condition is Condition.BLEPHAROSPASM
    ini.write_text("[profile]\ncondition=something else\nasked=true\n")
    assert Settings(data_dir).condition is None  # routines as written
