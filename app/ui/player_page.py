"""The player: one routine, shown large and calm, spoken and chimed.

Keys: Space pause/resume, Right next step, Left back, Esc stop, M mute. The page only
renders snapshots of the session (app.core.snapshot); timing belongs to the driver.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import Clock, monotonic
from app.core.durations import format_clock
from app.core.pacing import next_frame_ms
from app.core.routine import Routine, Side
from app.core.session import STALL_SECONDS, State
from app.core.snapshot import Snapshot, snapshot
from app.services.driver import SessionDriver
from app.services.player import SoundPlayer
from app.services.runner import SessionRunner, sound_player
from app.services.trace import TraceWriter
from app.ui.breathing_circle import BreathingCircle
from app.ui.columns import ColumnsBox
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.widgets import scrolling, show_text, wrapped

# The driver reads the clock at least this often, so a stall is told from a long phase.
DRIVER_WAKE_SECONDS = 1.0
LEAD_IN_SECONDS = 3


PICTURE_SIDE = 240
"""An exercise picture's side at most; less when the words need the room."""
VISUAL_LEAST = 72
"""The circle's or picture's height when the words take the rest of a small screen."""


class _SquareBox(QWidget):
    """Holds a picture as the largest centred square that fits, up to ``side``."""

    def __init__(self, picture: QWidget, side: int) -> None:
        super().__init__()
        self._picture = picture
        self._side = side
        picture.setParent(self)

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = max(0, min(self._side, self.width(), self.height()))
        self._picture.setGeometry(
            (self.width() - side) // 2, (self.height() - side) // 2, side, side
        )
        super().resizeEvent(event)


class _Instruction(QLabel):
    """The step's words, in lines of about 60 characters: indented up to 60 px a side
    in a wide window, not at all when that would only make more lines (large text)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        line = self.fontMetrics().averageCharWidth() * 60
        side = min(60, max(0, (event.size().width() - line) // 2))
        if side != self.contentsMargins().left():
            self.setContentsMargins(side, 0, side, 0)
        super().resizeEvent(event)


_MUTE_TIP = "Turn sound off or on (M)"
_NO_SOUND_TIP = "No sound plays this time: the routine guides you on screen only"


class _Yielding(QStackedWidget):
    """The circle or picture: it takes the room the words leave, and asks for little.

    In the scroll area the page is as tall as its parts ask to be; a circle asking for
    its full size pushed the step's words below the screen at 200 % text.
    """

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), VISUAL_LEAST)


class PlayerPage(QWidget):
    closed = Signal()  # back to the routines
    session_started = Signal(object)  # Session
    session_ended = Signal(object)  # Session (finished or stopped)
    running_changed = Signal(bool)  # a routine began (voice included) or ended

    def __init__(
        self,
        context: AppContext,
        clock: Clock = monotonic,
        parent: QWidget | None = None,
        *,
        stall_limit: float | None = STALL_SECONDS,
    ) -> None:
        """``stall_limit``: see Session; tests that jump a fake clock pass None."""
        super().__init__(parent)
        self.setObjectName("playerPage")
        self.context = context
        self._clock = clock
        self._stall_limit = stall_limit
        self._sound: SoundPlayer | None = None
        self.runner: SessionRunner | None = None
        self.routine: Routine | None = None
        self.trace_path: Path | None = None
        self._lead_in_left = 0
        self._build()
        # One shot, re-armed by each refresh for when the page next changes
        # (app.core.pacing): only while running and on screen.
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame.timeout.connect(self.refresh)
        self._lead_in = QTimer(self)
        self._lead_in.setInterval(1000)
        self._lead_in.timeout.connect(self._lead_in_tick)
        self._shortcuts()

    # -- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.routine_label = QLabel()
        self.routine_label.setObjectName("routineName")
        self.step_count = QLabel()
        self.step_count.setObjectName("muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Routine progress")
        header = QHBoxLayout()
        header.addWidget(self.routine_label, 1)
        header.addWidget(self.step_count)
        # What was left out or made gentler for the person's condition, shown from
        # before the start to the end (the routine also says it once, after its welcome).
        self.adapted = QLabel()
        self.adapted.setObjectName("muted")
        self.adapted.setWordWrap(True)
        self.adapted.setAccessibleName("Changed for your condition")
        self.adapted.hide()

        self.step_title = QLabel()
        self.step_title.setObjectName("stepTitle")
        self.step_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_title.setWordWrap(True)

        self.circle = BreathingCircle()
        self.picture = QSvgWidget()
        self.picture.setAccessibleName("Exercise picture")
        picture_box = _SquareBox(self.picture, PICTURE_SIDE)
        self.visual = _Yielding()
        self.visual.addWidget(self.circle)
        self.visual.addWidget(picture_box)
        self.visual.setMinimumHeight(0)  # gives way to the words (see _build's end)
        self.circle.setMinimumSize(0, 0)

        self.phase = QLabel()
        self.phase.setObjectName("phase")
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel("0:00")
        self.countdown.setObjectName("bigCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName("Time left in this phase")
        self.rep = QLabel()
        self.rep.setObjectName("muted")
        self.rep.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction = _Instruction()
        self.instruction.setObjectName("instruction")
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        # The text always gets its full height; the circle gives way instead.
        self.instruction.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.next_label = QLabel()
        self.next_label.setObjectName("muted")
        self.total_left = QLabel()
        self.total_left.setObjectName("muted")
        # What the sound can't do this time (no output device, no voice, another voice),
        # said in the page above its buttons for the whole routine, as the compress page
        # does: a floating notice at 200 % text had no room but over the words, and with
        # no sound the words are all the guide there is.
        self.sound_note = wrapped("", "muted")
        self.sound_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sound_note.setAccessibleName("About the sound")
        self.sound_note.hide()
        footer = QHBoxLayout()
        footer.addWidget(self.next_label, 1)
        footer.addWidget(self.total_left)

        self.back_button = self._button(
            "Back", "Restart this step, or go to the previous one (Left)"
        )
        self.pause_button = self._button("Pause", "Pause or resume (Space)", primary=True)
        self.next_button = self._button("Next", "Skip to the next step (Right)")
        self.mute_button = self._button("Mute", _MUTE_TIP)
        self.mute_button.setCheckable(True)
        self.stop_button = self._button("Stop", "Stop this routine (Esc)")
        self.back_button.clicked.connect(self.back)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button.clicked.connect(self.next_step)
        self.mute_button.toggled.connect(self.set_muted)
        self.stop_button.clicked.connect(self.stop)
        controls = QHBoxLayout()
        controls.addStretch(1)
        buttons = (
            self.back_button,
            self.pause_button,
            self.next_button,
            self.mute_button,
            self.stop_button,
        )
        controls.addWidget(ColumnsBox(buttons, most=len(buttons)))  # two rows at large text
        controls.addStretch(1)

        self.done_button = QPushButton("Back to routines")
        self.done_button.setObjectName("primary")
        self.done_button.setAccessibleName("Back to routines")
        self.done_button.clicked.connect(self.closed)
        self.done_button.hide()

        # Words before pictures: at large text on a small screen the circle or picture
        # shrinks away first, and then the page scrolls rather than clip a word.
        body = QWidget()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        area = scrolling(body)
        page.addWidget(area)
        # When the page must scroll, its foot shows: the step's words, the time and the
        # buttons; the routine's name and the circle go above the fold, not the words.
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(lambda _least, most: bar.setValue(most))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addWidget(self.adapted)
        layout.addSpacing(8)
        layout.addWidget(self.step_title)
        layout.addWidget(self.visual, 1)
        layout.addWidget(self.phase)
        layout.addWidget(self.countdown)
        layout.addWidget(self.rep)
        layout.addWidget(self.instruction)
        layout.addStretch(0)
        layout.addWidget(self.sound_note)
        layout.addLayout(footer)
        layout.addLayout(controls)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def _button(self, text: str, tip: str, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.setMinimumWidth(96)
        if primary:
            button.setObjectName("primary")
        return button

    def _shortcuts(self) -> None:
        keys = {
            Qt.Key.Key_Space: self.toggle_pause,
            Qt.Key.Key_Right: self.next_step,
            Qt.Key.Key_Left: self.back,
            Qt.Key.Key_Escape: self.stop,
            Qt.Key.Key_M: self._toggle_mute,
        }
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- running ---------------------------------------------------------------------

    def play(self, routine: Routine, *, muted: bool = False, trace: Path | None = None) -> None:
        """Prepare the routine's sound, count in, then start: with the sound off if
        ``muted`` (the Mute button shows it, and turns it back on), its events written to
        ``trace`` if given, else to :attr:`trace_path`."""
        self._teardown()
        if muted:
            self.mute_button.setChecked(True)
        trace = trace or self.trace_path
        self.routine = routine
        before = None
        if self.context.recorder is not None and self.context.settings.ask_severity_before:
            before = FeedbackDialog.ask_before(self, routine.name)
        if not self.context.mute and self._sound is None:
            self._sound = sound_player(self.context.settings, self)  # kept between routines
        if self._sound is not None:
            self._sound.muted = self.mute_button.isChecked()
        # With no sound at all (--mute, or no output device) there is nothing to turn
        # off: the button says so instead of toggling a sound no one hears.
        audible = self._sound is not None and self._sound.has_device
        self.mute_button.setEnabled(audible)
        self.mute_button.setToolTip(_MUTE_TIP if audible else _NO_SOUND_TIP)
        self.mute_button.setAccessibleDescription(self.mute_button.toolTip())
        runner = SessionRunner(
            routine,
            settings=self.context.settings,
            clock=self._clock,
            speech=self.context.speech,
            recorder=self.context.recorder,
            mute=self.context.mute,
            sound=self._sound,
            stall_limit=self._stall_limit,
            max_sleep=DRIVER_WAKE_SECONDS,
            trace=TraceWriter(trace) if trace else None,
            severity_before=before,
            parent=self,
        )
        runner.phase_changed.connect(lambda _segment: self.refresh())
        runner.state_changed.connect(self._on_state)
        runner.finished.connect(self._on_finished)
        runner.progress.connect(self._on_progress)
        runner.notice.connect(self._tell_about_sound)
        runner.ready.connect(self._begin)
        self.runner = runner
        self.routine_label.setText(routine.name)
        changes = runner.adaptation.shown()  # the reasons: in the tooltip, and spoken
        self.adapted.setText(runner.adaptation.summary())
        self.adapted.setToolTip("\n".join(changes))
        self.adapted.setAccessibleDescription(" ".join(changes))
        self.adapted.setVisible(bool(changes))
        self.done_button.hide()
        show_text(self.sound_note, "")  # this routine's sound is its own
        self._set_controls_enabled(False)
        self._show_first_step(runner)
        self._stop_reads("Cancel")  # until it starts: Cancel stops the preparation
        self.running_changed.emit(True)
        runner.prepare()
        self.setFocus()

    def _tell_about_sound(self, text: str) -> None:
        """Each thing the sound can't do, once, one under the other."""
        told = self.sound_note.text().split("\n") if self.sound_note.text() else []
        if text not in told:
            show_text(self.sound_note, "\n".join([*told, text]))
            self.sound_note.setAccessibleDescription(self.sound_note.text())

    def _show_first_step(self, runner: SessionRunner) -> None:
        """What the player shows while the voice gets ready: the new routine's first
        step, nothing left over from the routine before (its step, picture, time)."""
        first = runner.routine.steps[0]
        self.step_count.setText(f"Step 1 of {len(runner.routine.steps)}")
        self.progress.setValue(0)
        self.step_title.setText(first.title)
        self.instruction.setText("Get comfortable. Your routine is about to begin.")
        self.phase.setText("Getting ready…")
        self.countdown.setText(format_clock(runner.timeline.total))  # an estimate until ready
        show_text(self.rep, "")  # no room held for it: at large text the time needs it
        second = runner.routine.steps[1].title if len(runner.routine.steps) > 1 else ""
        self.next_label.setText(f"Next: {second}" if second else "Last step")
        self.total_left.setText(f"{format_clock(runner.timeline.total)} in all")
        self.pause_button.setText("Pause")
        self.pause_button.setAccessibleName("Pause")
        self.visual.setCurrentIndex(0)
        self.picture.setProperty("source", None)
        self.circle.set_level(0.0)

    @property
    def driver(self) -> SessionDriver | None:
        """The running routine's driver (its phase, cue, state and end signals)."""
        return self.runner.driver if self.runner is not None else None

    def _on_progress(self, done: int, total: int) -> None:
        """First use of a voice renders every line: the bar shows how far it is, and
        Stop reads Cancel until the routine starts."""
        self.phase.setText(f"Preparing the voice… {done} of {total}")
        self.progress.setAccessibleName("Voice preparation progress")
        self.progress.setValue(round(1000 * done / total) if total else 0)
        self._stop_reads("Cancel")

    def _stop_reads(self, text: str) -> None:
        self.stop_button.setText(text)
        self.stop_button.setAccessibleName(text)

    def _begin(self) -> None:
        if self.driver is None or self.driver.session.state is not State.READY:
            return
        # Compiled now with how long the words really take: the length it will play.
        self.countdown.setText(format_clock(self.driver.session.total))
        self._stop_reads("Stop")
        self.progress.setAccessibleName("Routine progress")
        self.progress.setValue(0)
        if self.context.settings.lead_in:
            self._lead_in_left = LEAD_IN_SECONDS
            self._lead_in_tick()
            self._lead_in.start()
        else:
            self._start_now()

    def _lead_in_tick(self) -> None:
        if self._lead_in_left <= 0:
            self._lead_in.stop()
            self._start_now()
            return
        self.phase.setText("Starting in")
        self.countdown.setText(str(self._lead_in_left))
        self._lead_in_left -= 1

    def _start_now(self) -> None:
        if self.driver is None:
            return
        self._set_controls_enabled(True)
        self.driver.start()
        self.session_started.emit(self.driver.session)
        self.refresh()

    # -- controls --------------------------------------------------------------------

    def toggle_pause(self) -> None:
        if self.driver is not None and not self.driver.session.is_over:
            self.driver.toggle_pause()

    def next_step(self) -> None:
        if self.driver is not None:
            self.driver.next_step()
            self.refresh()

    def back(self) -> None:
        if self.driver is not None:
            self.driver.back()
            self.refresh()

    def stop(self, *, leave: bool = True) -> None:
        """Stop simply stops: no question asked; back to the list, unless ``leave`` is
        False (stopped from the "Now playing" bar on another page: stay there)."""
        self._lead_in.stop()
        if self.driver is not None and not self.driver.session.is_over:
            if self.driver.session.state is State.READY:
                self._teardown()
            else:
                self.driver.stop()
        elif self.runner is not None and not self.runner.is_over:
            self._teardown()  # still getting the voice ready
        self.running_changed.emit(False)
        if leave:
            self.closed.emit()

    def now_playing_text(self) -> str:
        """What the "Now playing" bar says: the routine, its step, the time left."""
        if self.routine is None:
            return ""
        if self.driver is None or self.driver.session.state is State.READY:
            return f"{self.routine.name} · getting ready"
        snap = snapshot(self.driver.session)
        paused = " · paused" if snap.state is State.PAUSED else ""
        return (
            f"{self.routine.name} · {snap.step_title} · "
            f"{format_clock(snap.total_left)} left{paused}"
        )

    def _toggle_mute(self) -> None:
        if self.mute_button.isEnabled():
            self.mute_button.toggle()

    def set_muted(self, muted: bool) -> None:
        self.mute_button.setText("Unmute" if muted else "Mute")
        if self._sound is not None:
            self._sound.muted = muted
            if muted:
                self._sound.stop_all()

    def notice_area(self) -> QRect:
        """A notice covers the circle or picture, never the words or the buttons
        (app/ui/banner.py); the whole page when neither shows."""
        visual = QRect(self.visual.mapTo(self, QPoint(0, 0)), self.visual.size())
        shown = visual.intersected(self.rect())  # scrolled to its foot at large text
        if not self.visual.isHidden() and shown.height() >= self.visual.height() // 2:
            return shown
        words = self.instruction.mapTo(self, QPoint(0, 0)).y()
        return QRect(0, 0, self.width(), max(1, words))  # above the words, at worst

    @property
    def is_running(self) -> bool:
        """From play() until stopped or finished: getting the voice ready included."""
        return self.runner is not None and not self.runner.is_over

    # -- display ---------------------------------------------------------------------

    def _on_state(self, state: str) -> None:
        paused = state == State.PAUSED
        self.pause_button.setText("Resume" if paused else "Pause")
        self.pause_button.setAccessibleName("Resume" if paused else "Pause")
        self._frame.stop()  # refresh arms it again while running
        self.refresh()
        if state == State.STOPPED and self.driver is not None:
            self.session_ended.emit(self.driver.session)

    def ask_feedback(self) -> None:
        """After a completed routine: severity now, how it felt, a note (Esc skips)."""
        if self.runner is None or self.runner.log is None or self.routine is None:
            return
        answer = FeedbackDialog.ask(self, f"How do you feel after {self.routine.name}?")
        if answer is not None:
            self.runner.feedback(*answer)

    def _on_finished(self) -> None:
        self._frame.stop()
        self._set_controls_enabled(False)
        self.step_title.setText("Well done")
        self.phase.setText("")
        self.countdown.setText("✓")
        show_text(self.rep, "")  # no room held for it: at large text the time needs it
        self.instruction.setText("You finished this routine. Take a moment before you go on.")
        self.next_label.setText("")
        self.total_left.setText("")
        self.progress.setValue(1000)
        self.done_button.show()
        self.done_button.setFocus()
        if self.driver is not None:
            self.session_ended.emit(self.driver.session)
        self.running_changed.emit(False)
        QTimer.singleShot(0, self.ask_feedback)

    def refresh(self) -> None:
        if self.driver is None or self.driver.session.state is State.READY:
            return
        if self.driver.session.state is State.FINISHED:
            return
        snap = snapshot(self.driver.session)
        self.show_snapshot(snap)
        if snap.state is State.RUNNING and self._on_screen():
            self._frame.start(next_frame_ms(snap, self.circle.full_radius()))
        else:
            self._frame.stop()

    def _on_screen(self) -> bool:
        """Shown, and its window not minimised (its pages stay "visible" then)."""
        return self.isVisible() and not self.window().isMinimized()

    def show_snapshot(self, snap: Snapshot) -> None:
        self.step_count.setText(f"Step {snap.step_index + 1} of {snap.step_count}")
        self.progress.setValue(round(snap.progress * 1000))
        side = {Side.LEFT: " (left side)", Side.RIGHT: " (right side)"}.get(snap.side, "")
        self.step_title.setText(snap.step_title + side)
        paused = snap.state is State.PAUSED
        self.phase.setText("Paused" if paused else snap.phase_text)
        self.countdown.setText(format_clock(snap.phase_left))
        show_text(self.rep, f"{snap.rep} of {snap.reps}" if snap.reps > 1 else "")
        self.instruction.setText(snap.instruction)
        self.next_label.setText(f"Next: {snap.next_title}" if snap.next_title else "Last step")
        self.total_left.setText(f"{format_clock(snap.total_left)} left")
        if snap.image is not None:
            if self.picture.property("source") != str(snap.image):
                self.picture.load(str(snap.image))
                self.picture.setProperty("source", str(snap.image))
            self.visual.setCurrentIndex(1)
        else:
            self.visual.setCurrentIndex(0)
            self.circle.set_level(snap.breath)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for button in (self.back_button, self.pause_button, self.next_button):
            button.setEnabled(enabled)

    def _teardown(self) -> None:
        self._frame.stop()
        self._lead_in.stop()
        if self.runner is not None:
            self.runner.close()
            self.runner = None

    def hideEvent(self, event: object) -> None:
        self._frame.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()  # up to date at once, and the frame timer armed while running
