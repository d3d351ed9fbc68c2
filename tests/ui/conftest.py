"""Fixtures for widget tests: a muted app context on a private data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.settings import Settings
from app.ui.condition_question import ConditionQuestion
from app.ui.context import AppContext
from app.ui.disclaimer import DisclaimerDialog


@pytest.fixture
def context(data_dir: Path) -> AppContext:
    settings = Settings(data_dir)
    settings.lead_in = False
    return AppContext(data_dir=data_dir, settings=settings, speech=None, mute=True)


@pytest.fixture(autouse=True)
def no_disclaimer(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The one-time note is modal; tests record that it was asked instead."""
    asked: list[object] = []
    monkeypatch.setattr(
        DisclaimerDialog, "ask", classmethod(lambda cls, parent: asked.append(parent))
    )
    return asked


@pytest.fixture(autouse=True)
def no_condition_question(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The one-time profile question is modal too; tests record it, as skipped."""
    asked: list[object] = []

    def ask(cls: type[ConditionQuestion], parent: object) -> None:
        asked.append(parent)

    monkeypatch.setattr(ConditionQuestion, "ask", classmethod(ask))
    return asked


@pytest.fixture(autouse=True)
def closing_stops_timers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Closing a window while a timer runs asks (modal) when there is no tray, as in
    these tests; the tests' own teardown closes windows, so the answer is "stop and
    quit" unless a test says otherwise."""
    from app.ui import questions

    asked: list[str] = []

    def ask(cls: object, parent: object, what: str) -> bool:
        asked.append(what)
        return True

    monkeypatch.setattr(questions.StopAndQuitQuestion, "ask", classmethod(ask))
    return asked


@pytest.fixture(autouse=True)
def closing_discards_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The routine editor asks before losing changes (modal); the tests' teardown closes
    editors left with changes, so the answer is "close without saving"."""
    from app.ui import questions

    monkeypatch.setattr(
        questions.DiscardChangesQuestion, "ask", classmethod(lambda cls, parent, name: True)
    )


@pytest.fixture(autouse=True)
def closing_quits_with_reminders(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Closing with reminders set asks (modal) whether to keep them; in these tests the
    answer is "quit" unless a test says otherwise. Records has_tray for each ask."""
    from app.ui import questions

    asked: list[bool] = []

    def ask(cls: object, parent: object, has_tray: bool) -> bool:
        asked.append(has_tray)
        return False

    monkeypatch.setattr(questions.KeepRemindersQuestion, "ask", classmethod(ask))
    return asked
