"""Follow a running session and record it in the history.

A row is written when the routine starts, checkpointed at every step change and every
two seconds while it runs (so a crash loses at most that much), and closed as
completed or stopped. The writes happen on the recorder's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from app.core.completion import end_status
from app.core.session import State
from app.core.timeline import Segment
from app.services.driver import SessionDriver
from app.storage.recorder import SessionRecorder

CHECKPOINT_MS = 2000


def _now() -> datetime:
    return datetime.now().astimezone()


class SessionLog(QObject):
    def __init__(
        self,
        recorder: SessionRecorder,
        driver: SessionDriver,
        wall: Callable[[], datetime] = _now,
        parent: QObject | None = None,
        *,
        severity_before: int | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else driver)
        self._recorder = recorder
        self._driver = driver
        self._wall = wall
        self._step = -1
        self._severity_before = severity_before
        self.token: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECKPOINT_MS)
        self._timer.timeout.connect(self.checkpoint)
        driver.state_changed.connect(self._on_state)
        driver.phase_changed.connect(self._on_phase)

    def _on_state(self, state: str) -> None:
        session = self._driver.session
        if state == State.RUNNING:
            if self.token is None:
                routine = session.timeline.routine
                self.token = self._recorder.begin(
                    routine.name,
                    routine.slug,
                    str(routine.category),
                    session.total,
                    started_at=self._wall(),
                    severity_before=self._severity_before,
                )
            self._timer.start()
        elif state == State.PAUSED:
            self.checkpoint()
            self._timer.stop()
        elif state in (State.FINISHED, State.STOPPED) and self.token is not None:
            self._timer.stop()
            status = end_status(
                finished=state == State.FINISHED,
                skipped_s=session.skipped_seconds,
                planned_s=session.total,
            )
            self._recorder.finish(
                self.token,
                status,
                session.played_seconds(),
                self._wall(),
                session.skipped_titles(),
            )

    def _on_phase(self, segment: Segment) -> None:
        if segment.step != self._step:
            self._step = segment.step
            self.checkpoint()

    def feedback(self, severity_after: int | None, feeling: str, note: str) -> None:
        """How it went, from the person, after the routine."""
        if self.token is not None:
            self._recorder.feedback(self.token, severity_after, feeling, note)

    def checkpoint(self) -> None:
        if self.token is not None and not self._driver.session.is_over:
            session = self._driver.session
            self._recorder.checkpoint(
                self.token, session.played_seconds(), session.step_index(), self._wall()
            )
