"""The compress timer page: cold or warm, with skin breaks, that survives a suspend.

The session runs on the boottime clock, which keeps counting while the laptop sleeps,
and the driver checks at least once a second, so a phase that ended during a suspend is
announced (once, the current one only) right after waking. The countdown is redrawn a
few times a second only while the page is on screen; minimized, only the driver wakes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import Clock, boottime
from app.core.compress import (
    HOW_TO,
    NOT_FOR,
    PRESETS,
    SKIN_CHECK,
    allowed_minutes,
    as_temperature,
    compress_plan,
    compress_routine,
)
from app.core.durations import format_clock
from app.core.routine import Temperature
from app.core.session import State
from app.core.snapshot import snapshot
from app.core.timeline import Phase, Segment
from app.services.driver import SessionDriver
from app.services.runner import SessionRunner
from app.ui.columns import ColumnsBox
from app.ui.context import AppContext
from app.ui.notify import Notifier
from app.ui.page_edges import PAGE_MARGINS
from app.ui.ranged_spin import RangedSpinBox, range_words
from app.ui.widgets import scrolling, show_text, wrapped

# Longest the driver sleeps between checks: how late a phase change can be after a wake.
MAX_SLEEP_SECONDS = 1.0
REFRESH_MS = 250
TITLE_MS = 1000
"""Out of sight, the title still counts down, once a second."""
APP_TITLE = "Facewell"

MSG_APPLY = "Apply the {temperature} compress"
MSG_BREAK = "Remove it and check your skin"
MSG_REAPPLY = "Reapply the compress"
MSG_FINISHED = "Compress finished — check your skin"


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class CompressPage(QWidget):
    title_changed = Signal(str)  # "Cold compress 3:59 — Facewell"; "" when idle
    running_changed = Signal(bool)

    def __init__(
        self,
        context: AppContext,
        notifier: Notifier,
        parent: QWidget | None = None,
        *,
        clock: Clock = boottime,
        max_sleep: float = MAX_SLEEP_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compressPage")
        # Space and Esc reach the page from its buttons; Tab never rests on the page
        # itself, which draws no focus ring.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._context = context
        self._notifier = notifier
        self._clock = clock
        self._max_sleep = max_sleep
        self._runner: SessionRunner | None = None
        self._temperature = Temperature.COLD
        self._title = ""
        self._watched: QWidget | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._title_timer = QTimer(self)
        self._title_timer.setInterval(TITLE_MS)
        self._title_timer.timeout.connect(self.refresh)
        self._spins: dict[Temperature, QSpinBox] = {}
        self._range_notes: dict[Temperature, QLabel] = {}
        self._preset_buttons: dict[Temperature, QPushButton] = {}
        self._build()

    # -- public ----------------------------------------------------------------------

    @property
    def runner(self) -> SessionRunner | None:
        """The compress timer while one runs (from start until stopped or finished)."""
        return self._runner

    @property
    def _driver(self) -> SessionDriver | None:
        return self._runner.driver if self._runner is not None else None

    @property
    def is_running(self) -> bool:
        """True from start until stopped or finished, paused or getting ready included."""
        return self._runner is not None

    @property
    def is_paused(self) -> bool:
        return self._driver is not None and self._driver.session.state is State.PAUSED

    def start_preset(self, temperature: str, minutes: float | None = None) -> None:
        """Start a compress: the preset length, or `minutes` with the compress on.

        Raises ValueError, in plain words, for an unknown temperature or a length
        outside allowed_minutes(); nothing changes then.
        """
        temp = as_temperature(temperature)
        routine = compress_routine(temp, PRESETS[temp].minutes if minutes is None else minutes)
        if self.is_running:
            self._teardown()
        self._temperature = temp
        context = self._context
        runner = SessionRunner(
            routine,
            settings=context.settings,
            clock=self._clock,
            speech=context.speech,
            recorder=context.recorder,
            mute=context.mute,
            max_sleep=self._max_sleep,  # the boot clock counts through a suspend: no stall
            parent=self,
        )
        runner.phase_changed.connect(self._on_phase)
        runner.state_changed.connect(self._on_state)
        runner.finished.connect(self._on_finished)
        runner.ready.connect(self._begin)
        runner.notice.connect(self._set_notice)
        runner.progress.connect(self._on_progress)
        self._runner = runner
        self._how_to.setText(HOW_TO[temp])
        self._heading.setText(routine.name)
        self._set_notice("")
        self._pause_button.setText("Pause")
        self._stack.setCurrentWidget(self._running_panel)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.running_changed.emit(True)
        if runner.sound is not None:
            self._set_status("Getting the voice ready…")
        self._pause_button.setEnabled(False)
        self.refresh()
        runner.prepare()

    def poll(self) -> None:
        """Deliver what fell due on a clock that moved without the timers (tests)."""
        if self._driver is not None:
            self._driver.poll()

    def toggle_pause(self) -> None:
        if self._driver is not None and self._driver.session.state in (
            State.RUNNING,
            State.PAUSED,
        ):
            self._driver.toggle_pause()

    def stop(self) -> None:
        if not self.is_running:
            return
        self._teardown()
        self._set_notice("Stopped. Take the compress off and check your skin.")
        self._go_idle()

    # -- running ---------------------------------------------------------------------

    def _begin(self) -> None:
        runner = self._runner
        if runner is None or runner.session is None or runner.session.state is not State.READY:
            return
        self._pause_button.setEnabled(True)
        self._set_status("")
        runner.start()

    def _on_progress(self, done: int, total: int) -> None:
        self._set_status(f"Getting the voice ready… {done} of {total}")

    def _on_phase(self, segment: Segment) -> None:
        self.refresh()
        if segment.phase not in (Phase.APPLY, Phase.SKIN_BREAK):
            return  # getting ready, taking it off: the voice says it, no notification
        if segment.phase is Phase.SKIN_BREAK:
            message = MSG_BREAK
        elif segment.rep <= 1:
            message = MSG_APPLY.format(temperature=self._temperature)
        else:
            message = MSG_REAPPLY
        self._notifier.notify(APP_TITLE, message)

    def _on_state(self, state: str) -> None:
        paused = state == State.PAUSED
        self._pause_button.setText("Resume" if paused else "Pause")
        self._pause_button.setAccessibleName("Resume" if paused else "Pause")
        self._update_refresh()
        self.refresh()

    def _on_finished(self) -> None:
        self._teardown()
        self._set_notice(
            f"Finished. Take the compress off and check your skin. {SKIN_CHECK[self._temperature]}"
        )
        self._go_idle()
        self._notifier.notify(APP_TITLE, MSG_FINISHED)

    def _teardown(self) -> None:
        """Stop the timer (the history records it as stopped) and let it go."""
        runner, self._runner = self._runner, None
        self._refresh_timer.stop()
        self._title_timer.stop()
        if runner is not None:
            runner.close()  # its log sees the stop; this page no longer listens

    def _go_idle(self) -> None:
        self._stack.setCurrentWidget(self._chooser)
        self._heading.setText("Warm and cold compresses")
        self._emit_title("")
        self.running_changed.emit(False)

    # -- display ---------------------------------------------------------------------

    def refresh(self) -> None:
        """The title always (the taskbar and the tray show it); the page's words only
        while someone can see them: a minimised window's labels would lay the page out
        again every second for nobody (issue 18). Shown again, it refreshes at once."""
        driver = self._driver
        if driver is None:
            return
        session = driver.session
        snap = snapshot(session)
        segment = session.segment()
        phase_left = format_clock(snap.phase_left)
        name = f"{self._temperature.title()} compress"
        if segment.phase is Phase.SKIN_BREAK:
            phase = "Skin break"
            round_text = f"Break before round {segment.rep + 1} of {segment.reps}"
            how_to = f"Take the compress off and look at your skin. {SKIN_CHECK[self._temperature]}"
            title = f"Skin break {phase_left}"
        elif segment.phase is not Phase.APPLY:  # getting ready, or taking it off
            phase = segment.text
            round_text = ""
            ready = segment.phase is Phase.LEAD_IN
            how_to = (
                f"{HOW_TO[self._temperature]} {NOT_FOR[self._temperature]}"
                if ready
                else SKIN_CHECK[self._temperature]
            )
            title = f"{name}: {segment.text.lower()} {phase_left}"
        else:
            phase = "Compress on"
            round_text = f"Round {max(1, segment.rep)} of {max(1, segment.reps)}"
            how_to = HOW_TO[self._temperature]
            title = f"{name} {phase_left}"
        if session.state is State.PAUSED:
            title = f"Paused: {title}"
        if session.state is State.READY:
            title = name
        self._emit_title(f"{title} — {APP_TITLE}")
        if not self._seen():
            return
        self._phase.setText(phase)
        self._countdown.setText(phase_left)
        self._round.setText(round_text)
        self._how_to.setText(how_to)
        self._total.setText(f"{format_clock(snap.total_left)} left in total")
        if session.state is State.PAUSED:
            self._set_status("Paused. Press Space or Resume to go on.")
        elif session.state is State.RUNNING:
            self._set_status("")

    def _seen(self) -> bool:
        return self.isVisible() and not self.window().isMinimized()

    def _emit_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)

    def _set_status(self, text: str) -> None:
        show_text(self._status, text)

    def _set_notice(self, text: str) -> None:
        show_text(self._notice, text)

    def _update_refresh(self) -> None:
        """Redraw four times a second while someone can see it; while the window is
        minimised or on another page, once a second, for the title (the taskbar and the
        tray show it: the README promises it counts down); not at all when paused."""
        running = self._driver is not None and self._driver.session.state is State.RUNNING
        seen = self._seen()
        if not running:
            self._refresh_timer.stop()
            self._title_timer.stop()
            if seen:
                self.refresh()  # paused or ended while out of sight: the words waited
            return
        fast, slow = (
            (self._refresh_timer, self._title_timer)
            if seen
            else (
                self._title_timer,
                self._refresh_timer,
            )
        )
        slow.stop()
        if not fast.isActive():
            self.refresh()
            fast.start()

    @property
    def refresh_active(self) -> bool:
        """The display's four-a-second redraw (not the title's once a second)."""
        return self._refresh_timer.isActive()

    @property
    def title_active(self) -> bool:
        return self._title_timer.isActive()

    # -- events ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = window if window is not self else None
            if self._watched is not None:
                self._watched.installEventFilter(self)
        self._update_refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._update_refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.WindowStateChange:
            self._update_refresh()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_running and event.key() == Qt.Key.Key_Space:
            self.toggle_pause()
        elif self.is_running and event.key() == Qt.Key.Key_Escape:
            self.stop()
        else:
            super().keyPressEvent(event)

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scrolling(body))  # large text on a small screen: scroll, never clip
        root = QVBoxLayout(body)
        root.setContentsMargins(*PAGE_MARGINS)
        root.setSpacing(14)
        self._heading = QLabel("Warm and cold compresses")
        self._heading.setObjectName("pageTitle")
        self._heading.setFont(_scaled_font(self, 1.6, bold=True))
        self._heading.setAccessibleName("Compress timer")
        self._heading.setWordWrap(True)
        root.addWidget(self._heading)
        self._notice = wrapped("", "notice")
        self._notice.setFont(_scaled_font(self, 1.1, bold=True))
        self._notice.setVisible(False)
        root.addWidget(self._notice)

        self._stack = QStackedWidget()
        self._chooser = self._build_chooser()
        self._running_panel = self._build_running()
        self._stack.addWidget(self._chooser)
        self._stack.addWidget(self._running_panel)
        root.addWidget(self._stack)
        root.addStretch(1)

    def _build_chooser(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        intro = wrapped(
            "A cold compress numbs the area and eases swelling; a warm one relaxes tense "
            "muscles. The timer tells you when to take a break and check your skin.",
            "intro",
        )
        intro.setFont(_scaled_font(self, 1.1))
        layout.addWidget(intro)
        for temp in (Temperature.COLD, Temperature.WARM):
            layout.addWidget(self._build_card(temp))
        return panel

    def _build_card(self, temp: Temperature) -> QWidget:
        preset = PRESETS[temp]
        card = QFrame()
        card.setObjectName("card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)

        button = QPushButton(f"{temp.title()} compress, {preset.minutes:g} min")
        button.setObjectName("primary")
        button.setFont(_scaled_font(self, 1.3, bold=True))
        button.setMinimumHeight(60)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAccessibleName(f"Start {temp} compress, {preset.minutes:g} minutes")
        plan = compress_plan(temp, preset.minutes)  # the 12 minutes are not all it takes
        button.setToolTip(plan)
        button.clicked.connect(lambda: self.start_preset(temp))
        self._preset_buttons[temp] = button
        layout.addWidget(button)
        layout.addWidget(wrapped(plan, "muted"))
        how_to = wrapped(HOW_TO[temp], "howTo")
        how_to.setFont(_scaled_font(self, 1.1))
        layout.addWidget(how_to)
        layout.addWidget(wrapped(NOT_FOR[temp], "muted"))

        row = QHBoxLayout()
        row.setSpacing(10)
        low, high = allowed_minutes(temp)
        label = QLabel("Or choose your own time:")
        label.setFont(_scaled_font(self, 1.1))
        spin = RangedSpinBox()
        spin.setRange(low, high)
        spin.setValue(int(preset.minutes))
        spin.setSuffix(" min")
        spin.setMinimumHeight(36)
        spin.setAccessibleName(f"{temp.title()} compress minutes, {low} to {high}")
        spin.setToolTip(f"From {low} to {high} minutes with the compress on")
        label.setBuddy(spin)
        start = QPushButton("Start")
        start.setMinimumHeight(36)
        start.setAccessibleName(f"Start {temp} compress for the chosen minutes")
        start.clicked.connect(lambda: self.start_preset(temp, spin.value()))
        self._spins[temp] = spin
        span = QLabel(range_words(low, high, "min"))  # the range, beside the field
        span.setObjectName("muted")
        # One row when it fits; two, or one under another, at large text on a small
        # screen (in one row the card was wider than the window at 200 %).
        row.addWidget(ColumnsBox((label, spin, span, start), most=4))
        row.addStretch(1)
        layout.addLayout(row)
        said = wrapped("", "fieldError")  # a number typed outside the range, told
        said.hide()
        spin.out_of_range.connect(lambda text: show_text(said, text))
        spin.lineEdit().textEdited.connect(lambda _text: said.hide())  # typing again
        self._range_notes[temp] = said
        layout.addWidget(said)
        return card

    def _build_running(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(10)
        self._phase = QLabel("")
        self._phase.setObjectName("phase")
        self._phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._phase.setAccessibleName("Phase")
        self._countdown = QLabel("")
        self._countdown.setObjectName("bigCountdown")
        self._countdown.setFont(_scaled_font(self, 2.8, bold=True))
        self._countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._countdown.setAccessibleName("Time left in this phase")
        self._round = QLabel("")
        self._round.setObjectName("round")
        self._round.setFont(_scaled_font(self, 1.3))
        self._round.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._total = QLabel("")
        self._total.setObjectName("totalLeft")
        self._total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._total.setFont(_scaled_font(self, 1.1))
        self._how_to = wrapped("", "howTo")
        self._how_to.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._how_to.setFont(_scaled_font(self, 1.1))
        self._status = wrapped("", "status")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status.setFont(_scaled_font(self, 1.1, bold=True))
        self._status.setVisible(False)
        for widget in (self._phase, self._countdown, self._round, self._total):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self._how_to)
        layout.addWidget(self._status)
        layout.addSpacing(16)

        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        self._pause_button = QPushButton("Pause")
        self._pause_button.setObjectName("primary")
        self._pause_button.setAccessibleName("Pause")
        self._pause_button.setToolTip("Pause or resume the timer (Space)")
        self._pause_button.clicked.connect(self.toggle_pause)
        self._stop_button = QPushButton("Stop")
        self._stop_button.setAccessibleName("Stop")
        self._stop_button.setToolTip("Stop the compress timer (Esc)")
        self._stop_button.clicked.connect(self.stop)
        for button in (self._pause_button, self._stop_button):
            button.setMinimumSize(140, 48)
            button.setFont(_scaled_font(self, 1.15))
        buttons.addStretch(1)
        buttons.addWidget(self._pause_button)
        buttons.addWidget(self._stop_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return panel
