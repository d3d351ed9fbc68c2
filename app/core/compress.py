"""Warm and cold compress timers, as the source article describes them (docs/sources.md).

Cold: ice or a frozen gel pack wrapped in a cloth, about 10 to 15 minutes, with breaks
so the skin does not get damaged. Warm: a cloth soaked in warm water or a heating pad,
15 to 20 minutes. The app enforces the limits below, for every routine (the loader
refuses a file over them) and every timer, and asks for a skin check at every break and
at the end (docs/content-rules.md, Compresses). Pure Python: no Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core.routine import MAX_ON_SECONDS, Category, CompressStep, Routine, Temperature

MAX_TOTAL_ON_SECONDS: dict[Temperature, float] = {
    Temperature.COLD: 15 * 60,
    Temperature.WARM: 20 * 60,
}
"""The most time with a compress on in one routine, all its rounds and steps together:
the article's 10 to 15 minutes (cold) and 15 to 20 minutes (warm) are one application,
and a one-minute break does not make a second one (the skin needs an hour or more to
recover, NHS ice-pack leaflets in docs/sources.md)."""
MIN_BREAK_SECONDS = 60.0
"""The shortest skin break between rounds: long enough to take the compress off, look at
the skin and feel it."""

# Custom lengths (total minutes with the compress on) allowed for each temperature.
ALLOWED_MINUTES: dict[Temperature, tuple[int, int]] = {
    Temperature.COLD: (5, round(MAX_TOTAL_ON_SECONDS[Temperature.COLD] / 60)),
    Temperature.WARM: (5, round(MAX_TOTAL_ON_SECONDS[Temperature.WARM] / 60)),
}
# The longest single stretch with the compress on before a skin break.
MAX_ROUND_MINUTES: dict[Temperature, float] = {
    Temperature.COLD: 5,
    Temperature.WARM: 10,
}
BREAK_SECONDS = MIN_BREAK_SECONDS

MIN_READY_SECONDS = 60.0
"""A compress step gives at least this long to get the compress ready before the first
round (wrapping ice or wetting a cloth takes time, and more with closed eyes)."""

# Short lines for the screen.
HOW_TO: dict[Temperature, str] = {
    Temperature.COLD: "Wrap ice or a frozen gel pack in a thin cloth, never bare on the skin.",
    Temperature.WARM: "Warm, not hot: a cloth soaked in warm water, or a heating pad on low.",
}
# Who should leave it out, on screen and spoken before the first round.
NOT_FOR: dict[Temperature, str] = {
    Temperature.COLD: (
        "Skip the cold if your circulation is poor or the skin there is numb. After "
        "injections, ask your injector before using cold on the injection sites."
    ),
    Temperature.WARM: (
        "Never fall asleep with a heating pad on, and don't put one over your eyes. "
        "After injections, ask your injector before using heat on the injection sites."
    ),
}
# What the voice says as the compress starts.
SPOKEN_HOW_TO: dict[Temperature, str] = {
    Temperature.COLD: (
        "Wrap ice or a frozen gel pack in a thin cloth, so it never touches your skin "
        "directly. Take your time: I'll tell you when to place it. " + NOT_FOR[Temperature.COLD]
    ),
    Temperature.WARM: (
        "Soak a cloth in warm, not hot, water and wring it out, or use a heating pad on "
        "low. Check the warmth on your wrist first. Take your time: I'll tell you when to "
        "place it. " + NOT_FOR[Temperature.WARM]
    ),
}
# The skin check, at every break and at the end: what is normal, and what is not.
SKIN_CHECK: dict[Temperature, str] = {
    Temperature.COLD: (
        "A little pink and cool is normal. If your skin is white, grey or blotchy, "
        "blistered, stinging or still numb, leave the compress off for today and stop here."
    ),
    Temperature.WARM: (
        "A little pink and warm is normal. If your skin is red and sore, blistered, "
        "stinging or numb, leave the compress off for today and stop here."
    ),
}


@dataclass(frozen=True)
class CompressPreset:
    """A ready-made compress: `minutes` with the compress on, split into `rounds` of
    `on` seconds with `off` seconds of skin break between them."""

    temperature: Temperature
    minutes: float
    on: float
    off: float
    rounds: int

    @property
    def total_seconds(self) -> float:
        return self.on * self.rounds + self.off * (self.rounds - 1)

    def routine(self) -> Routine:
        return compress_routine(self.temperature, self.minutes)


COLD = CompressPreset(Temperature.COLD, minutes=12, on=4 * 60, off=60, rounds=3)
WARM = CompressPreset(Temperature.WARM, minutes=18, on=9 * 60, off=60, rounds=2)
PRESETS: dict[Temperature, CompressPreset] = {Temperature.COLD: COLD, Temperature.WARM: WARM}


def as_temperature(value: Temperature | str) -> Temperature:
    """`"cold"` or `"warm"` as a Temperature; a ValueError in plain words otherwise."""
    try:
        return Temperature(value)
    except ValueError:
        raise ValueError(f'A compress is "cold" or "warm", not "{value}".') from None


def allowed_minutes(temperature: Temperature | str) -> tuple[int, int]:
    """The shortest and longest time with the compress on, in minutes."""
    return ALLOWED_MINUTES[as_temperature(temperature)]


def clamp_minutes(temperature: Temperature | str, minutes: float) -> float:
    """`minutes` brought within the allowed range (for inputs that should not fail)."""
    low, high = allowed_minutes(temperature)
    if not math.isfinite(minutes):
        return float(low)
    return float(min(high, max(low, minutes)))


def check_minutes(temperature: Temperature | str, minutes: float) -> float:
    """`minutes` unchanged if allowed, else a ValueError that says what is allowed."""
    temp = as_temperature(temperature)
    low, high = ALLOWED_MINUTES[temp]
    if not math.isfinite(minutes) or not low <= minutes <= high:
        raise ValueError(
            f"A {temp} compress can be set from {low} to {high} minutes, not {minutes:g}."
        )
    return float(minutes)


def compress_routine(temperature: Temperature | str, minutes: float) -> Routine:
    """A one-step routine keeping the compress on for `minutes` in all, in rounds short
    enough for the skin (cold at most 5 minutes, warm at most 10), with one-minute skin
    breaks between rounds."""
    temp = as_temperature(temperature)
    minutes = check_minutes(temp, minutes)
    on_total = minutes * 60
    rounds = max(1, math.ceil(on_total / (MAX_ROUND_MINUTES[temp] * 60) - 1e-9))
    on = on_total / rounds
    assert on_total <= MAX_ON_SECONDS[temp]
    name = f"{temp.title()} compress"
    step = CompressStep(
        title=name,
        instruction=HOW_TO[temp],
        cue=SPOKEN_HOW_TO[temp],
        temperature=temp,
        on=on,
        off=BREAK_SECONDS if rounds > 1 else 0.0,
        rounds=rounds,
    )
    return Routine(
        name=name,
        steps=(step,),
        summary=f"{minutes:g} minutes in {rounds} round{'s' if rounds > 1 else ''}.",
        category=Category.COMPRESS,
        tags=("compress", str(temp)),
        builtin=True,
        slug=f"compress-{temp}",
    )


def compress_plan(temperature: Temperature | str, minutes: float) -> str:
    """What `minutes` of compress means on the clock, in one line: its rounds, its skin
    breaks, and how long it all takes as the Routines page says it ("Cold compress,
    12 min" runs for some 15 minutes with its breaks and getting ready, and a person
    who planned 12 should know before starting)."""
    from app.core.durations import format_about, format_duration
    from app.core.timeline import compile_timeline

    routine = compress_routine(temperature, minutes)
    (step,) = routine.steps
    assert isinstance(step, CompressStep)
    total = format_about(compile_timeline(routine).total)
    on = format_duration(step.on)
    if step.rounds == 1:
        return f"One round of {on}: {total} in all, getting ready included."
    return (
        f"{step.rounds} rounds of {on} with skin breaks of {format_duration(step.off)}: "
        f"{total} in all, getting ready included."
    )
