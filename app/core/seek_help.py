"""When the journal gives a reason to see a doctor, how urgent it is, and what to say.

Two tiers (docs/seek-help.md has every sign, its tier, the wording and the sources):

- **Urgent**: signs that came on suddenly and can be a stroke, and trouble swallowing,
  speaking or breathing (after a botulinum toxin injection, the toxin's effect may have
  spread). The advice is to call the emergency number now, and it is said first.
- **Soon**: recurring or worsening spasms (the rising-trend rule) and the signs a doctor
  should see in the coming days.

The rules and their sentences live in one place, tested without a database
(tests/core/test_seek_help.py): the history hands over the recent episodes and
treatments, the episodes per week and the prompts already shown; this says which prompts
are due and how the notice reads. No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.core.cycle_vocabulary import URGENT_SIDE_EFFECTS, SideEffect
from app.core.cycles import CycleView, WearOffWindow
from app.core.dates import human_date
from app.core.records import Injection, JournalEntry
from app.core.vocabulary import LEGACY_SYMPTOMS, Symptom, Treatment

__all__ = [
    "CALL_NOW",
    "CYCLE_RELEVANT_DAYS",
    "INJECTION_ADVICE",
    "INJECTION_LOOKBACK_DAYS",
    "INJECTION_SIGNS",
    "RISING_LOOKBACK_WEEKS",
    "SOON_SIGNS",
    "SOON_TITLE",
    "STROKE_ADVICE",
    "STROKE_SIGNS",
    "SYMPTOM_WINDOW_DAYS",
    "URGENT_ADVICE",
    "URGENT_SIGNS",
    "URGENT_TITLE",
    "CycleContext",
    "HelpNotice",
    "HelpPrompt",
    "Tier",
    "cycle_context",
    "help_notice",
    "help_prompts",
    "offered_signs",
    "rising_message",
    "rising_run",
    "sign_note",
    "symptom_window",
    "tier_of",
    "treatment_window",
]

SYMPTOM_WINDOW_DAYS = 30
"""Symptoms logged this many days back (today included) raise a prompt; an imported
old journal does not raise old alarms."""
RISING_LOOKBACK_WEEKS = 12
"""Weeks of episode counts the rising-trend rule looks at."""
INJECTION_LOOKBACK_DAYS = 90
"""A botulinum toxin injection this many days before an episode is named in its advice:
about one treatment cycle (injections are usually repeated every three months)."""


CYCLE_RELEVANT_DAYS = 183
"""Beyond about six months since the last injection, a rise is no longer read against
an injection cycle."""


@dataclass(frozen=True)
class CycleContext:
    """Where today falls in the person's injection cycle, for the rising-trend rule."""

    last_injection: date
    window: WearOffWindow
    """When the injection is expected to wear off (app.core.cycles.wear_off_window)."""


class Tier(StrEnum):
    """How soon a reason to seek help needs acting on."""

    URGENT = "urgent"
    """Call the emergency number now."""
    SOON = "soon"
    """See a doctor in the coming days."""


STROKE_SIGNS: tuple[Symptom, ...] = (
    Symptom.SUDDEN_FACE_DROOPING,
    Symptom.SUDDEN_NUMBNESS_OR_WEAKNESS,
    Symptom.SLURRED_SPEECH,
    Symptom.SUDDEN_VISION_LOSS,
    Symptom.SUDDEN_UNSTEADINESS,
)
"""Signs that can be a stroke (the NHS's FAST and its other sudden signs)."""
INJECTION_SIGNS: tuple[Symptom, ...] = (Symptom.SWALLOWING_SPEAKING_BREATHING,)
"""Signs that need care at once, above all after a botulinum toxin injection."""
URGENT_SIGNS: tuple[Symptom, ...] = STROKE_SIGNS + INJECTION_SIGNS
SOON_SIGNS: tuple[Symptom, ...] = tuple(s for s in Symptom if s not in URGENT_SIGNS)
"""Every other sign, the old ones (LEGACY_SYMPTOMS) included."""

_COULD_BE_SUDDEN = frozenset(
    {
        Symptom.FACE_OR_EYELID_WEAKNESS,
        Symptom.VISION_WITH_EYES_OPEN,
        Symptom.VISION_CHANGES,
        Symptom.BALANCE_PROBLEMS,
        Symptom.NUMBNESS,
    }
)
"""Calm signs that would be urgent had they come on suddenly: their advice says so."""

CALL_NOW = "Call your emergency number now (such as 999, 112 or 911)."
"""The first words of every urgent message: locale-neutral, an action, not a reason."""
URGENT_TITLE = "Get medical help now"
SOON_TITLE = "A gentle note"

STROKE_ADVICE = (
    "Call your emergency number now (such as 999, 112 or 911) if any of these come on "
    "suddenly: numbness or weakness of the face, an arm or a leg; a face that droops on "
    "one side; slurred or muddled speech; loss of sight or double vision; dizziness or "
    "unsteadiness. They can be signs of a stroke. Call even if they pass or you are not "
    "sure: every minute counts."
)
INJECTION_ADVICE = (
    "After a botulinum toxin injection, trouble swallowing, speaking or breathing needs "
    "medical care at once: call your emergency number now. The medicine can spread beyond "
    "where it was injected, hours to weeks afterwards."
)
URGENT_ADVICE: tuple[str, ...] = (STROKE_ADVICE, INJECTION_ADVICE)
"""The urgent tier as the tips page's seek-help card says it, before the calm tier."""

_POINTER = "The advice on when to seek help opens next; it is always one click away (F1)."


@dataclass(frozen=True)
class HelpPrompt:
    """A reason to show the "when to seek professional help" advice, once."""

    key: str
    """Remember it once shown: "urgent:<uid>", "symptom:<uid>" or
    "rising:<Monday of the third rise>"."""
    message: str
    tier: Tier = Tier.SOON


@dataclass(frozen=True)
class HelpNotice:
    """What the window says about a batch of prompts: urgent text first, always."""

    tier: Tier
    """URGENT when any prompt is."""
    title: str
    text: str
    """The urgent messages when there are any (each opens with CALL_NOW), else the calm ones."""
    details: str
    """The calm messages after urgent ones, then where the advice is."""


def tier_of(symptom: str) -> Tier | None:
    """The tier of a stored sign; None for a free text that is not one of them."""
    if symptom in URGENT_SIGNS:
        return Tier.URGENT
    if symptom in SOON_SIGNS:
        return Tier.SOON
    return None


def offered_signs(tier: Tier) -> tuple[Symptom, ...]:
    """The signs the journal offers for a tier, in the order it shows them."""
    if tier is Tier.URGENT:
        return URGENT_SIGNS
    return tuple(s for s in SOON_SIGNS if s not in LEGACY_SYMPTOMS)


def sign_note(symptom: Symptom) -> str:
    """A short line about a sign, for the journal's tick box (its tooltip)."""
    if symptom in INJECTION_SIGNS:
        return (
            "Needs care at once: call your emergency number now. After a botulinum toxin "
            "injection it can start hours to weeks later."
        )
    if symptom in STROKE_SIGNS:
        return "Came on suddenly: call your emergency number now, even if it has passed."
    if symptom is Symptom.VISION_WITH_EYES_OPEN:
        return (
            "What you see with your eyes open; not the lids clamping shut, which is "
            "what blepharospasm does."
        )
    return "Worth showing a doctor soon."


def symptom_window(today: date) -> tuple[date, date]:
    """The first and last day whose episodes the symptom rule looks at."""
    return today - timedelta(days=SYMPTOM_WINDOW_DAYS - 1), today


def treatment_window(today: date) -> tuple[date, date]:
    """The first and last day whose treatments an episode's advice may name."""
    first, last = symptom_window(today)
    return first - timedelta(days=INJECTION_LOOKBACK_DAYS), last


def help_prompts(
    today: date,
    episodes: Iterable[JournalEntry],
    weekly: Sequence[tuple[date, int]],
    shown: set[str],
    treatments: Iterable[JournalEntry] = (),
    injections: Iterable[Injection] = (),
    cycle: CycleContext | None = None,
) -> list[HelpPrompt]:
    """The prompts due and not shown yet, urgent ones first.

    - An episode within :func:`symptom_window` that noted an urgent sign: key
      "urgent:<uid>"; one that noted a calm sign: key "symptom:<uid>" (the key earlier
      versions used, so an old entry already shown is not shown again).
    - Episodes per week (``weekly``: (Monday, count), oldest first, ending with this
      week) that went up three weeks in a row, while the rise is still going on: key
      "rising:<Monday of the week of the third rise>", calm.

    ``treatments`` (any kind; within :func:`treatment_window`) and ``injections`` let
    the advice name the last botulinum toxin injection before an episode. An injection
    within the window whose side effects include trouble swallowing: key
    "urgent:injection:<uid>"; one with an eye that won't close or double vision: key
    "side-effect:<uid>", calm. ``cycle`` lets the rising rule say whether the rise comes
    as the injection is expected to wear off, or earlier.
    """
    first, last = symptom_window(today)
    injection_list = list(injections)
    given = sorted(
        [t.at.date() for t in treatments if t.treatment == Treatment.BOTULINUM_TOXIN]
        + [i.day for i in injection_list]
    )
    urgent: list[HelpPrompt] = []
    soon: list[HelpPrompt] = []
    for entry in episodes:
        day = entry.at.date()
        if not first <= day <= last:
            continue
        signs = [s for s in entry.symptoms if tier_of(s) is not None]
        pressing = [s for s in signs if tier_of(s) is Tier.URGENT]
        calm = [s for s in signs if tier_of(s) is Tier.SOON]
        if pressing and f"urgent:{entry.uid}" not in shown:
            injected = _last_injection(given, day)
            message = _urgent_message(day, pressing, injected)
            urgent.append(HelpPrompt(f"urgent:{entry.uid}", message, Tier.URGENT))
        if calm and f"symptom:{entry.uid}" not in shown:
            soon.append(HelpPrompt(f"symptom:{entry.uid}", _soon_message(day, calm)))
    for injection in injection_list:
        effects = set(injection.side_effects)
        if not first <= injection.day <= last and not _marked_recently(injection, first):
            continue
        if effects & URGENT_SIDE_EFFECTS and f"urgent:injection:{injection.uid}" not in shown:
            urgent.append(
                HelpPrompt(
                    f"urgent:injection:{injection.uid}",
                    _side_effect_urgent(injection.day),
                    Tier.URGENT,
                )
            )
        worrying = [
            e for e in (SideEffect.EYE_WONT_CLOSE, SideEffect.DOUBLE_VISION) if e in effects
        ]
        if worrying and f"side-effect:{injection.uid}" not in shown:
            soon.append(
                HelpPrompt(
                    f"side-effect:{injection.uid}", _side_effect_soon(injection.day, worrying)
                )
            )
    rising = rising_run(list(weekly))
    if rising is not None:
        key = f"rising:{rising[0].isoformat()}"
        if key not in shown:
            soon.append(HelpPrompt(key, rising_message(rising[1], today, cycle)))
    return urgent + soon


def _marked_recently(injection: Injection, first: date) -> bool:
    """Side effects are usually noted days after the injection: an injection up to a
    cycle before the window still counts while it is the one in effect."""
    return injection.day >= first - timedelta(days=INJECTION_LOOKBACK_DAYS)


def _side_effect_urgent(day: date) -> str:
    return (
        f"{CALL_NOW} You noted trouble swallowing after your injection on {human_date(day)}. "
        "That needs medical care at once: the medicine can spread beyond where it was "
        "injected, hours to weeks afterwards. Tell them about the injection."
    )


def _side_effect_soon(day: date, effects: list[SideEffect]) -> str:
    return (
        f"After your injection on {human_date(day)} you noted {_noted(list(effects))}. "
        "Tell the clinic that gave it, in the next day or two; an eye that won't close "
        "needs protecting from drying out, and they can advise how."
    )


def cycle_context(view: CycleView) -> CycleContext | None:
    """Where today is in the injection cycle: the last injection and the wear-off
    window its earlier cycles predict; None without an injection."""
    if not view.cycles:
        return None
    return CycleContext(view.cycles[-1].injection.day, view.window)


def help_notice(prompts: Sequence[HelpPrompt]) -> HelpNotice:
    """How the window tells ``prompts``: urgent ones first, under their own title."""
    urgent = [p.message for p in prompts if p.tier is Tier.URGENT]
    calm = [p.message for p in prompts if p.tier is not Tier.URGENT]
    if urgent:
        details = "\n\n".join([*calm, _POINTER])
        return HelpNotice(Tier.URGENT, URGENT_TITLE, "\n\n".join(urgent), details)
    return HelpNotice(Tier.SOON, SOON_TITLE, "\n\n".join(calm), _POINTER)


def rising_run(weekly: list[tuple[date, int]]) -> tuple[date, list[int]] | None:
    """The still-going rise of three or more weeks: (Monday of its third rise, counts).

    "Still going" means it reaches the current week, or last week (the current week may
    not have caught up yet).
    """
    counts = [count for _, count in weekly]
    run = [0] * len(counts)
    for i in range(1, len(counts)):
        run[i] = run[i - 1] + 1 if counts[i] > counts[i - 1] else 0
    for end in (len(counts) - 1, len(counts) - 2):
        if end >= 0 and run[end] >= 3:
            start = end - run[end]  # the week before the first rise
            return weekly[start + 3][0], counts[start : end + 1]
    return None


def _last_injection(injections: list[date], day: date) -> date | None:
    earliest = day - timedelta(days=INJECTION_LOOKBACK_DAYS)
    before = [d for d in injections if earliest <= d <= day]
    return before[-1] if before else None


def _noted(flags: Sequence[str]) -> str:
    """Signs as a list: "a and b", "a, b and c"; "a; and b" when a sign has a comma of
    its own ("trouble swallowing, speaking or breathing"), so it reads as one sign."""
    items = list(flags)
    if len(items) == 1:
        return items[0]
    if any("," in item for item in items):
        return "; ".join(items[:-1]) + f"; and {items[-1]}"
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _urgent_message(day: date, flags: list[str], injected: date | None) -> str:
    parts = [CALL_NOW, f"On {human_date(day)} you noted {_noted(flags)}."]
    if any(flag in STROKE_SIGNS for flag in flags):
        parts.append(
            "Coming on suddenly, that can be a sign of a stroke. Call even if it has passed "
            "or you are not sure: every minute counts."
        )
    if any(flag in INJECTION_SIGNS for flag in flags):
        what = "That" if len(flags) == 1 else "Trouble swallowing, speaking or breathing"
        parts.append(
            f"{what} needs medical care at once, above all after a botulinum toxin "
            "injection: the medicine can spread beyond where it was injected, hours to "
            "weeks afterwards."
        )
        if injected is None:
            parts.append("If you had one, tell them.")
        else:
            noted = human_date(injected)
            parts.append(f"Your journal notes a botulinum toxin injection on {noted}: tell them.")
    return " ".join(parts)


def _soon_message(day: date, flags: list[str]) -> str:
    parts = [
        f"On {human_date(day)} you noted {_noted(flags)}.",
        "That is worth showing to a doctor soon, in the next few days.",
    ]
    if Symptom.RED_OR_PAINFUL_EYE in flags:
        parts.append(
            "A red or painful eye, or one that won't close, should be checked today if it "
            "hurts or your sight changes."
        )
    if Symptom.MEDICINE_MAY_BE_THE_CAUSE in flags:
        parts.append(
            "Don't stop a prescribed medicine without advice; your doctor or pharmacist "
            "can check it."
        )
    if any(flag in _COULD_BE_SUDDEN for flag in flags):
        parts.append(
            "If any of it came on suddenly, call your emergency number now (such as 999, "
            "112 or 911)."
        )
    return " ".join(parts)


def rising_message(counts: Sequence[int], today: date, cycle: CycleContext | None) -> str:
    """The rising-trend prompt. Read against the injection cycle when there is one: a
    rise in the expected wear-off window is what injections do, and the person is told
    so; a rise earlier than usual is worth telling the doctor."""
    shown = ", ".join(str(count) for count in counts)
    opening = f"Your spasm episodes have gone up three weeks in a row ({shown} a week)."
    if cycle is not None:
        days = (today - cycle.last_injection).days
        if 0 <= days <= CYCLE_RELEVANT_DAYS:
            since = (
                f"It is {_weeks(days)} since your injection on {human_date(cycle.last_injection)}"
            )
            usual = _usual(cycle.window)
            if days >= cycle.window.first:
                return (
                    f"{opening} {since}, when {usual}. This often happens as an injection "
                    "wears off — if it comes earlier than usual, tell your doctor."
                )
            return (
                f"{opening} {since}: earlier than {usual}. A return this early is worth "
                "telling your doctor about, at your next contact or sooner if it is hard "
                "to manage."
            )
    return (
        f"{opening} When spasms keep coming back or get worse, it is a good time to talk "
        "to a doctor."
    )


def _weeks(days: int) -> str:
    weeks = days // 7
    if weeks < 2:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{weeks} weeks"


def _usual(window: WearOffWindow) -> str:
    if window.typical is not None:
        return f"your injections have usually worn off (after about {_weeks(window.typical)})"
    return f"injections usually wear off (about {window.first // 7} to {window.last // 7} weeks)"
