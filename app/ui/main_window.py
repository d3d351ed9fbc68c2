"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog import card_shelf
from app.paths import PLAN_FILE
from app.services.history_events import HistoryEvents
from app.ui.context import AppContext
from app.ui.routines_page import RoutinesPage
from app.ui.sidebar import Sidebar
from app.ui.theme import apply_theme

# Pages other than Routines are imported and built on first use: the window must
# appear about as fast as a bare one (make bench), and QtMultimedia, QtCharts and the
# speech machinery are not needed for the first screen.
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShortcut

    from app.core.library import Entry, Library
    from app.core.routine import Routine
    from app.core.seek_help import HelpNotice
    from app.services.reminder_service import ReminderService
    from app.speech.voices import VoiceInfo
    from app.storage.history import History, SessionRecord
    from app.ui.banner import Banner
    from app.ui.compress_page import CompressPage
    from app.ui.cycles_page import CyclesPage
    from app.ui.history_page import HistoryPage
    from app.ui.journal_page import JournalPage
    from app.ui.keyboard import WindowTabs
    from app.ui.notify import Notifier
    from app.ui.now_playing import NowPlayingBar
    from app.ui.plan_panel import PlanPanel
    from app.ui.player_page import PlayerPage
    from app.ui.reminder_desk import ReminderDesk
    from app.ui.routine_editor import RoutineEditor
    from app.ui.tips_page import TipsPage
    from app.ui.tray import Tray

_FIRST_FRAME_FALLBACK_MS = 1000


class MainWindow(QMainWindow):
    PAGES = ("Routines", "Compress", "History", "Journal", "Tips", "Cycles")

    #: Once the first frame is on screen; the app's services start then, not sooner.
    first_frame_shown = Signal()
    #: Once the routines are on screen: the window's first full draw (make bench).
    routines_listed = Signal()

    def __init__(
        self,
        context: AppContext,
        history_provider: Callable[[], History | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.context = context
        self.history_provider = history_provider
        self.setWindowTitle("Facewell")
        screen = self.screen().availableGeometry()  # a 1024x600 netbook: fit it
        self.resize(min(1080, screen.width()), min(760, screen.height()))
        self.setMinimumSize(min(760, screen.width()), min(560, screen.height()))
        self._quitting = False
        self._voices: list[VoiceInfo] = []
        self.player_trace: Path | None = None
        self.plan_panel: PlanPanel | None = None
        self._tabs: WindowTabs | None = None  # the Tab order, once the first frame is drawn
        self.reminders: ReminderService | None = None
        self.reminder_desk: ReminderDesk | None = None  # with the services (reminders)
        if context.speech is not None:
            context.speech.voices_ready.connect(self._set_voices)

        # Writes that landed (the recorder's, the pages'): every view of the history
        # follows them (app/services/history_events.py).
        self.events = HistoryEvents(self)
        self.events.sessions_changed.connect(self._history_changed)
        self.events.journal_changed.connect(self._history_changed)
        self.tray: Tray | None = None  # made right after the first frame (see _start_tray)
        self._notifier: Notifier | None = None  # made when first needed (see notifier)

        # Built from the window down, each widget in its place from the start: with the
        # app's style sheet, moving a built page into another widget restyles all of it
        # (some 3 ms a move for the Routines page, four moves when built bottom-up).
        root = QWidget()
        self.setCentralWidget(root)
        layout = QHBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        sidebar = Sidebar(self.PAGES, root)
        layout.addWidget(sidebar)
        self.nav, self.sidebar_buttons = sidebar.nav, sidebar.buttons
        self.nav.currentRowChanged.connect(self._nav_changed)
        sidebar.help_requested.connect(self.show_seek_help)
        sidebar.reminders_requested.connect(self.open_reminders)
        sidebar.settings_requested.connect(self.open_settings)
        self._right = QWidget(root)
        layout.addWidget(self._right, 1)
        self._content = QVBoxLayout(self._right)
        self._content.setContentsMargins(0, 0, 0, 0)
        # The notice and the now-playing bar are hidden at first: they are made when
        # first needed, so the first frame neither builds nor styles them.
        self._notice: Banner | None = None
        self._now_playing: NowPlayingBar | None = None
        self.stack = QStackedWidget(self._right)
        self._content.addWidget(self.stack, 1)
        self.routines = RoutinesPage(self.stack)
        self.stack.addWidget(self.routines)  # the other pages join it when first opened
        self._compress: CompressPage | None = None
        self._history_page: HistoryPage | None = None
        self._journal_page: JournalPage | None = None
        self._tips: TipsPage | None = None
        self._player: PlayerPage | None = None
        self._cycles: CyclesPage | None = None
        # The shortcuts come with the first frame (app/ui/keyboard.py); Esc stops a
        # routine playing on while another page shows.
        self._stop_key: QShortcut | None = None

        self.routines.start_requested.connect(self.start_routine)
        self.routines.new_requested.connect(self.new_routine)
        self.routines.edit_requested.connect(self.edit_routine)
        self.routines.import_requested.connect(self.import_routine)
        self.routines.export_requested.connect(self.export_routine)
        self.routines.library_needed.connect(lambda: self.library)  # loads it if need be
        self._library: Library | None = None  # loaded right after the first frame
        self._first_frame_seen = False
        # The cards' words as the last run left them, for the first frame (issue 18).
        self._shelf = card_shelf(context.data_dir)
        cached = self._shelf.cached()
        self._cards_cached = cached is not None
        if cached is not None:
            self.routines.show_cards(cached)
        self.nav.setCurrentRow(0)

    # -- pages, built on first use ---------------------------------------------------

    def _install(self, page: QWidget) -> None:
        """A page built on first use joins the stack (shown by widget, never by index:
        an empty placeholder per page cost the first frame some 5 ms)."""
        self.stack.addWidget(page)
        from app.ui.wheel import wheel_scrolls_page

        wheel_scrolls_page(page)  # the wheel scrolls the page, never turns a field

    @property
    def notice(self) -> Banner:
        """The notice that floats over the page and pushes nothing down."""
        if self._notice is None:
            from app.ui.banner import Banner

            self._notice = Banner(self._right)
            self._notice.float_over(self.stack)
        return self._notice

    @property
    def now_playing(self) -> NowPlayingBar:
        """A routine playing on while another page shows: this bar above the page."""
        if self._now_playing is None:
            from app.ui.now_playing import NowPlayingBar

            bar = NowPlayingBar(lambda: self.player.now_playing_text(), self._right)
            bar.return_requested.connect(self.return_to_player)
            bar.stop_requested.connect(lambda: self.player.stop(leave=False))
            self._content.insertWidget(0, bar)
            self._now_playing = bar
        return self._now_playing

    @property
    def notifier(self) -> Notifier:
        """Desktop notifications, else the tray's balloon, else a banner."""
        if self._notifier is None:
            from app.ui.notify import Notifier

            self._notifier = Notifier(None, self)
            self._notifier.in_app.connect(lambda _title, text: self.show_banner(text))
        return self._notifier

    @property
    def compress(self) -> CompressPage:
        if self._compress is None:
            from app.ui.compress_page import CompressPage

            self._compress = CompressPage(
                self.context, self.notifier, clock=self.context.boot_clock
            )
            self._compress.title_changed.connect(self._compress_title)
            self._compress.running_changed.connect(self._compress_running)
            self._install(self._compress)
        return self._compress

    @property
    def history_page(self) -> HistoryPage:
        if self._history_page is None:
            from app.ui.history_page import HistoryPage

            self._history_page = page = HistoryPage(self._history)
            page.changed.connect(lambda: self.events.post_sessions_changed(page))
            self._install(page)
        return self._history_page

    @property
    def journal_page(self) -> JournalPage:
        if self._journal_page is None:
            from app.ui.journal_page import JournalPage

            self._journal_page = page = JournalPage(self._history)
            page.seek_help.connect(self.offer_seek_help)
            page.changed.connect(lambda: self.events.post_journal_changed(page))
            self._install(page)
        return self._journal_page

    @property
    def cycles_page(self) -> CyclesPage:
        if self._cycles is None:
            from app.ui.cycles_page import CyclesPage

            self._cycles = page = CyclesPage(self._history)
            page.seek_help.connect(self.offer_seek_help)
            page.changed.connect(lambda: self.events.post_journal_changed(page))
            self._install(page)
        return self._cycles

    def rate_today(self) -> None:
        """The quick log (Ctrl+L, the tray): the Cycles page, then its one-line rating."""
        self.bring_to_front()
        self.nav.setCurrentRow(self.PAGES.index("Cycles"))
        self.cycles_page.rate_today()

    @property
    def tips(self) -> TipsPage:
        if self._tips is None:
            from app.ui.tips_page import TipsPage

            self._tips = TipsPage()
            self._install(self._tips)
        return self._tips

    @property
    def player(self) -> PlayerPage:
        if self._player is None:
            from app.ui.player_page import PlayerPage

            self._player = PlayerPage(self.context, clock=self.context.clock)
            self._player.trace_path = self.player_trace
            self._player.closed.connect(self.show_routines)
            self._player.running_changed.connect(self._update_now_playing)
            self._install(self._player)
        return self._player

    def _page_at(self, row: int) -> QWidget:
        names = ("routines", "compress", "history_page", "journal_page", "tips", "cycles_page")
        page: QWidget = getattr(self, names[row])  # a property builds it on first use
        return page

    def _history(self) -> History | None:
        return self.history_provider()

    def services_ready(self, history_provider: Callable[[], History | None]) -> None:
        """Speech and the history started after the window was shown: use them now."""
        self.history_provider = history_provider
        if self.context.speech is not None:
            self.context.speech.voices_ready.connect(self._set_voices)
        if self.plan_panel is None:
            self._start_plan_and_reminders()
        self._history_changed(None)  # everything shown so far reloads from the history

    # -- today's plan and reminders ---------------------------------------------------

    def _start_plan_and_reminders(self) -> None:
        from app.ui.plan_panel import PlanPanel
        from app.ui.reminder_desk import ReminderDesk

        data_dir = self.context.data_dir
        self.plan_panel = PlanPanel.from_sessions(
            data_dir / PLAN_FILE, self.routine_names(), self._recent_sessions
        )
        self.plan_panel.start_requested.connect(self.start_routine_by_slug)
        self.routines.set_plan_panel(self.plan_panel)
        from app.ui.wheel import wheel_scrolls_page

        wheel_scrolls_page(self.routines)  # the filter and the plan's two drop-downs
        if self._tabs is not None:  # the plan's fields come before Start
            self._tabs.order()
        self.reminder_desk = ReminderDesk(self)
        self.reminders = self.reminder_desk.service
        for message in (self.plan_panel.message, self.reminder_desk.schedule.take_message()):
            if message:
                self.show_banner(message)

    @property
    def library(self) -> Library:
        if self._library is None:
            self.reload_routines()
        assert self._library is not None
        return self._library

    def routine_names(self) -> list[tuple[str, str]]:
        return [(r.slug, r.name) for r in self.library.routines]

    def _recent_sessions(self) -> list[SessionRecord]:
        history = self.history_provider()
        return history.sessions.page(limit=200) if history is not None else []

    def _running_name(self) -> str:
        """What a close would stop, as the question names it."""
        if self._compress is not None and self._compress.is_running:
            return "The compress timer"
        routine = self._player.routine if self._player is not None else None
        return f"“{routine.name}”" if routine is not None else "A routine"

    @property
    def busy(self) -> bool:
        """A routine or a compress timer is on: background work waits."""
        return self.timer_running()

    def timer_running(self) -> bool:
        return any(p is not None and p.is_running for p in (self._compress, self._player))

    def start_routine_by_slug(self, slug: str) -> None:
        routine = self.library.find(slug)
        if routine is not None:
            self.start_routine(routine)

    def open_reminders(self) -> None:
        from app.ui.reminder_desk import open_reminders_dialog

        open_reminders_dialog(self, self.reminders)

    def reload_routines(self) -> None:
        from app.catalog import read_library

        self._library, cards = read_library(self.context.data_dir, self._shelf)
        self.routines.set_library(self._library, cards)
        if self.plan_panel is not None:
            self.plan_panel.set_routines(self.routine_names())

    def _history_changed(self, origin: object) -> None:
        """The history changed: a page on screen reloads now (one out of sight reloads
        when it is shown, see _nav_changed); the page that made the change has shown it
        already."""
        for page in (self._history_page, self._journal_page, self._cycles):
            if page is not None and page is not origin and page.isVisible():
                page.refresh()
        if self.plan_panel is not None:
            self.plan_panel.refresh()

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        # Leaving the player does not stop it; the routine keeps running aloud.
        # A page built just now has loaded its data already; an older one reloads, which
        # also shows what another process (a command-line import) added meanwhile.
        built = (self._history_page, self._journal_page, self._cycles)
        page = self._page_at(row)
        if any(page is old for old in built if old is not None):
            page.refresh()  # type: ignore[attr-defined]
        if page is not self.stack.currentWidget():
            from app.ui.keyboard import switch_page

            switch_page(self, page)
        self._update_now_playing()

    def _update_now_playing(self) -> None:
        """The bar shows on every page but the player while a routine plays."""
        player = self._player
        away = player is not None and player.is_running and self.stack.currentWidget() is not player
        if away or self._now_playing is not None:
            self.now_playing.setVisible(away)
        if self._stop_key is not None:
            self._stop_key.setEnabled(away)

    def return_to_player(self) -> None:
        self.nav.setCurrentRow(-1)  # no section: clicking any one leaves the player
        self.stack.setCurrentWidget(self.player)
        self._update_now_playing()
        self.player.setFocus()

    def show_routines(self) -> None:
        self.nav.setEnabled(True)
        self.nav.setCurrentRow(0)
        self.stack.setCurrentWidget(self.routines)
        self.routines.list.setFocus()

    def start_routine(
        self, routine: Routine, *, muted: bool = False, trace: Path | None = None
    ) -> None:
        """Play ``routine``; one already playing is stopped only if the person says so.
        ``muted`` starts it with the sound off and ``trace`` writes its events to a file
        (a later `facewell run NAME --mute --trace FILE`, app/desktop/wishes.py)."""
        if self.player.is_running:
            from app.ui.questions import ReplaceRoutineQuestion

            playing = self.player.routine.name if self.player.routine else "the routine"
            if not ReplaceRoutineQuestion.ask(self, playing, routine.name):
                self.return_to_player()
                return
        self.stack.setCurrentWidget(self.player)
        self.nav.setCurrentRow(-1)  # no section: clicking any one leaves the player
        self.player.play(routine, muted=muted, trace=trace)
        self._update_now_playing()

    # -- your own routines ---------------------------------------------------------------

    def new_routine(self) -> None:
        from app.ui.routine_editor import RoutineEditor

        self._open_editor(RoutineEditor.for_new(self.context, self))

    def edit_routine(self, entry: Entry) -> None:
        """Your own routine opens for editing; a built-in opens as an editable copy."""
        from app.core.loader import RoutineError
        from app.ui.routine_editor import RoutineEditor

        try:
            if entry.builtin:
                editor = RoutineEditor.for_duplicate(self.context, entry.path, self)
            else:
                editor = RoutineEditor.for_path(self.context, entry.path, self)
        except RoutineError as error:
            problem = error.problems[0]
            self.show_banner(
                f"{entry.path.name} can't be opened in the editor: line {problem.line}, "
                f"{problem.message}. Fix it in a text editor, then try again."
            )
            return
        self._open_editor(editor)

    def _open_editor(self, editor: RoutineEditor) -> None:
        editor.saved.connect(self._routine_saved)
        editor.open()

    def _routine_saved(self, path: Path) -> None:
        self.reload_routines()
        saved = path.resolve()
        routine = next(
            (r for r in self.library.routines if r.source and r.source.resolve() == saved), None
        )
        if routine is not None:
            self.routines.select(routine.name)
            self.show_banner(f"Saved “{routine.name}”. It is in your routines.")

    def import_routine(self) -> None:
        from app.ui.routine_files import import_routine_with_dialogs

        path = import_routine_with_dialogs(self.context, self)
        if path is not None:
            self._routine_saved(path)

    def export_routine(self, entry: Entry) -> None:
        from app.ui.routine_files import export_routine_with_dialog

        path = export_routine_with_dialog(entry.path, self)
        if path is not None:
            self.show_banner(f"Saved a copy to {path}.")

    def start_compress(self, temperature: str) -> None:
        self.bring_to_front()
        self.nav.setCurrentRow(self.PAGES.index("Compress"))
        self.compress.start_preset(temperature)

    def show_seek_help(self) -> None:
        self.nav.setCurrentRow(self.PAGES.index("Tips"))
        self.tips.show_seek_help()

    def offer_seek_help(self, notice: HelpNotice) -> None:
        """The journal found a reason to seek help: tell it (urgent first), then show how."""
        from app.ui.questions import SeekHelpNotice

        SeekHelpNotice.ask(self, notice)
        self.show_seek_help()

    def show_banner(
        self, text: str, action: str = "", callback: Callable[[], None] | None = None
    ) -> None:
        """A calm notice over the page; with `action`, a button that runs `callback`."""
        self.notice.show_notice(text, action, callback)

    def open_settings(self) -> None:
        from app.desktop.entries import AutostartSwitch
        from app.paths import default_data_dir
        from app.ui.settings_dialog import SettingsDialog

        switch = AutostartSwitch.for_data_dir(self.context.data_dir, default_data_dir())
        dialog = SettingsDialog(self.context.settings, self._voices, self, switch)
        dialog.applied.connect(self.apply_look)
        dialog.exec_with(self.context.speech)
        if dialog.autostart_problem:
            self.show_banner(dialog.autostart_problem)

    def _set_voices(self, voices: list[VoiceInfo]) -> None:
        self._voices = voices

    def apply_look(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            settings = self.context.settings
            apply_theme(app, settings.theme, settings.text_scale)

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- compress in the title and the tray ------------------------------------------

    def _compress_title(self, title: str) -> None:
        self.setWindowTitle(title or "Facewell")
        if self.tray is not None:
            self.tray.set_tooltip(title or "Facewell")

    def _compress_running(self, running: bool) -> None:
        if self.tray is not None:
            self.tray.set_running(running, self.compress.is_paused)

    # -- closing ---------------------------------------------------------------------

    def _start_keyboard(self) -> None:
        from app.ui.keyboard import start_window_keys, window_shortcuts

        self._stop_key = window_shortcuts(self)
        self._update_now_playing()
        self._tabs = start_window_keys(self)

    def _start_tray(self) -> None:
        """The icon and the tray, once the window shows (a tray may take a D-Bus trip)."""
        if self.tray is None:
            from app.ui.tray import attach_tray

            self.tray = attach_tray(self)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._first_frame_seen:
            # Where nothing is ever painted (a window shown minimized), start anyway.
            QTimer.singleShot(_FIRST_FRAME_FALLBACK_MS, self._first_frame)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_frame_seen:
            # A zero timer runs once this paint has reached the screen, not before it:
            # work queued at show time would run first and hold the first frame back.
            QTimer.singleShot(0, self._first_frame)

    def start_without_frame(self) -> None:
        """Start what the first frame would, with the window kept hidden (the tray)."""
        self._first_frame()

    def _first_frame(self) -> None:
        if self._first_frame_seen:
            return
        self._first_frame_seen = True
        if self._library is None and not self._cards_cached:
            self.reload_routines()
            # On screen now, not at the next scheduled update: the tray and the
            # services below take some 50 ms that the list should not wait for.
            self.repaint()
        self.routines_listed.emit()  # the cached cards were in the first frame itself
        QTimer.singleShot(0, self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._library is None:
            self.reload_routines()  # behind the cached cards: rebuilt only if they differ
        self._start_tray()
        self._start_keyboard()
        self.first_frame_shown.emit()
        from app.ui.condition_question import maybe_ask_condition
        from app.ui.disclaimer import maybe_show_disclaimer

        maybe_show_disclaimer(self, self.context.settings)  # modal: it comes last
        maybe_ask_condition(self, self.context.settings)  # then, once, the profile

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def start_hidden(self) -> None:
        """--hidden (autostart): into the tray where one exists, else minimised; the
        services and reminders start as after a first frame (docs/desktop.md)."""
        from app.ui.background import start_hidden

        start_hidden(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting:
            from app.ui.background import stays_on_close

            if stays_on_close(self, self._running_name()):
                event.ignore()  # hidden, minimised or kept open: what runs goes on
                return
        for page in (self._player, self._compress):
            if page is not None:
                page.stop()
        if self.tray is not None:
            self.tray.hide()
        if self._notifier is not None:
            self._notifier.close()  # the notifications' D-Bus thread ends with the window
        event.accept()
        app = QApplication.instance()
        if app is not None:
            app.quit()
