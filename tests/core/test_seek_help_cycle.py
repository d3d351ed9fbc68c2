"""The rising-trend prompt knows the injection cycle (fake clock: ``today`` is given)."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.cycles import WearOffWindow, cycle_view
from app.core.dates import monday
from app.core.records import Injection
from app.core.seek_help import CycleContext, cycle_context, help_prompts

RISING = [0, 0, 1, 2, 3, 4]


def _weekly(today: date) -> list[tuple[date, int]]:
    this = monday(today)
    return [(this - timedelta(weeks=len(RISING) - 1 - i), n) for i, n in enumerate(RISING)]


def _rising(today: date, cycle: CycleContext | None) -> str:
    (prompt,) = help_prompts(today, [], _weekly(today), set(), cycle=cycle)
    assert prompt.key.startswith("rising:")
    return prompt.message


def test_a_rise_in_the_expected_wear_off_window_says_so() -> None:
    injected = date(2026, 1, 5)
    window = WearOffWindow(70, 105, typical=84)
    today = injected + timedelta(days=80)
    message = _rising(today, CycleContext(injected, window))
    assert "This often happens as an injection wears off" in message
    assert "if it comes earlier than usual, tell your doctor" in message
    assert "11 weeks since your injection on 5 January 2026" in message
    assert "worth seeing a doctor soon" not in message


def test_an_early_rise_says_earlier_than_usual() -> None:
    injected = date(2026, 1, 5)
    today = injected + timedelta(days=35)
    message = _rising(today, CycleContext(injected, WearOffWindow(70, 105, typical=84)))
    assert "earlier than your injections have usually worn off (after about 12 weeks)" in message
    assert "worth telling your doctor" in message
    assert "often happens" not in message


def test_without_own_cycles_the_clinic_window_is_used() -> None:
    injected = date(2026, 1, 5)
    today = injected + timedelta(days=30)
    context = cycle_context(cycle_view([Injection(id=1, day=injected)], [], today))
    assert context is not None and context.window.typical is None
    assert "injections usually wear off (about 10 to 14 weeks)" in _rising(today, context)


def test_no_injection_or_a_long_gap_keeps_the_plain_message() -> None:
    today = date(2026, 6, 1)
    plain = _rising(today, None)
    assert "good time to talk to a doctor" in plain
    old = CycleContext(date(2025, 1, 1), WearOffWindow(70, 105, typical=84))
    assert _rising(today, old) == plain


def test_side_effects_after_an_injection_raise_their_own_prompts() -> None:
    today = date(2026, 2, 1)
    injection = Injection(
        id=1,
        day=date(2026, 1, 20),
        side_effects=("trouble swallowing", "an eye that won't close"),
        uid="u",
    )
    urgent, soon = help_prompts(today, [], [], set(), injections=[injection])
    assert (urgent.key, urgent.tier) == ("urgent:injection:u", "urgent")
    assert urgent.message.startswith("Call your emergency number now")
    assert soon.key == "side-effect:u" and "won't close" in soon.message
    assert (
        help_prompts(today, [], [], {"urgent:injection:u", "side-effect:u"}, injections=[injection])
        == []
    )
