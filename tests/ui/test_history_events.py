"""One change signal: a routine finished in the window ticks today's plan off at once.

Before, the plan asked the history only when something else refreshed it, so a routine
just finished stayed unticked. Now the recorder posts sessions_changed once the finish
has landed, and the plan, History and Journal follow it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.clock import FakeClock
from app.core.plan import PlanItem
from app.gui import _Services
from app.services.settings import Settings
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog
from app.ui.main_window import MainWindow
from app.ui.plan_panel import DONE_MARK, TODO_MARK

ROUTINE = 'name = "Two breaths"\n[[steps]]\nkind = "rest"\ntitle = "Rest"\nduration = 2\n'


def test_a_finished_routine_ticks_the_plan_with_nothing_else_to_refresh_it(
    qtbot: QtBot, data_dir: Path, monkeypatch: object
) -> None:
    FeedbackDialog.ask = classmethod(lambda cls, parent, title: None)  # type: ignore[method-assign,assignment]
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "two-breaths.toml").write_text(ROUTINE, encoding="utf-8")
    settings = Settings(data_dir)
    settings.lead_in = False
    clock = FakeClock()
    context = AppContext(data_dir, settings, None, mute=True, clock=clock)
    window = MainWindow(context)
    qtbot.addWidget(window)
    services = _Services(context, window, None)
    window.first_frame_shown.connect(services.start)
    window.show()
    qtbot.waitUntil(
        lambda: window.plan_panel is not None and context.recorder is not None, timeout=5000
    )
    panel = window.plan_panel
    assert panel is not None
    item = panel.add("morning", "two-breaths")
    assert panel.rows[item].findChildren(QLabel)[0].text() == TODO_MARK

    window.start_routine_by_slug("two-breaths")
    player = window.player
    qtbot.waitUntil(
        lambda: player.driver is not None and player.driver.session.state == "running",
        timeout=5000,
    )
    for _ in range(100):  # the routine (its words and its two seconds), a frame at a time
        clock.advance(0.25)
        assert player.driver is not None
        player.driver.poll()
        if not player.is_running:
            break
    assert not player.is_running

    def ticked() -> bool:
        row = panel.rows.get(PlanItem("morning", "two-breaths", 0))
        return row is not None and row.findChildren(QLabel)[0].text() == DONE_MARK

    qtbot.waitUntil(ticked, timeout=5000)  # the recorder's write landed, then the plan knew
    services.close()
