"""Daily ratings in one gesture, and what they can honestly show.

- :func:`parse_quick_log` reads what the person types in the quick log (tray, window)
  and what ``facewell log`` gets: "6 light, screens, +humming". One parser, so the two
  agree.
- :func:`associations` compares the days with an exposure to the days without it
  ("on days with bright light your rating was 1.8 higher, 14 of 40 days"), always with
  :data:`NOT_PROOF`.
- :func:`trick_summary` counts the sensory tricks tried and how often they helped.

No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.cycle_vocabulary import EXPOSURE_ALIASES, Exposure
from app.core.records import DailyRating
from app.core.vocabulary import SEVERITY_HIGHEST, SEVERITY_LOWEST, severity_anchor

__all__ = [
    "MIN_DAYS",
    "NOT_PROOF",
    "QUICK_LOG_HELP",
    "Association",
    "QuickLog",
    "TrickRow",
    "association_sentence",
    "associations",
    "normalise_exposure",
    "parse_quick_log",
    "trick_summary",
]

MIN_DAYS = 5
"""An exposure needs this many days with it and without it before it is compared."""
NOT_PROOF = (
    "These are associations in the ratings, not proof that one thing causes another: "
    "other things change on the same days."
)
QUICK_LOG_HELP = (
    f"Type how today was, {severity_anchor(SEVERITY_LOWEST)} to "
    f"{severity_anchor(SEVERITY_HIGHEST)}, then anything of the day, separated by "
    "commas: 6 bright light, screens. A trick that helped: +humming; one that did "
    "not: -looking down."
)


@dataclass(frozen=True)
class QuickLog:
    rating: int
    exposures: tuple[str, ...]
    tricks: tuple[tuple[str, bool | None], ...]


_KNOWN: dict[str, str] = {e.value: e.value for e in Exposure} | dict(EXPOSURE_ALIASES)


def normalise_exposure(text: str) -> list[str]:
    """What a typed item means: a known exposure (or its short word), several known
    ones written with spaces ("light screens"), or else the person's own words."""
    words = " ".join(text.lower().split())
    if not words:
        return []
    if words in _KNOWN:
        return [_KNOWN[words]]
    tokens, found, i = words.split(), [], 0
    while i < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i : i + size])
            if len(tokens[i : i + size]) == size and phrase in _KNOWN:
                found.append(_KNOWN[phrase])
                i += size
                break
        else:
            return [" ".join(text.split())]
    return found


def parse_quick_log(text: str) -> QuickLog:
    """ "6 bright light, screens, +humming" -> rating 6, two exposures, a trick that
    helped. ValueError with a plain sentence when no rating from 0 to 10 leads."""
    stripped = text.strip()
    head, _, rest = stripped.partition(" ")
    head = head.rstrip(",")
    if not head.isdigit() or not SEVERITY_LOWEST <= int(head) <= SEVERITY_HIGHEST:
        raise ValueError(
            f"Start with how today was, a number from {SEVERITY_LOWEST} to "
            f"{SEVERITY_HIGHEST} (for example: 6 bright light, screens)."
        )
    exposures: list[str] = []
    tricks: list[tuple[str, bool | None]] = []
    for item in rest.split(","):
        item = item.strip()
        if not item:
            continue
        if item[0] in "+-":
            name = " ".join(item[1:].split())
            if name:
                tricks.append((name, item[0] == "+"))
            continue
        for exposure in normalise_exposure(item):
            if exposure not in exposures:
                exposures.append(exposure)
    return QuickLog(int(head), tuple(exposures), tuple(tricks))


@dataclass(frozen=True)
class Association:
    exposure: str
    days_with: int
    days_total: int
    mean_with: float
    mean_without: float

    @property
    def difference(self) -> float:
        return self.mean_with - self.mean_without


def associations(ratings: Iterable[DailyRating], min_days: int = MIN_DAYS) -> list[Association]:
    """Each exposure recorded on at least ``min_days`` days and absent on as many: the
    mean rating with it and without it, largest difference first. Every rated day
    counts, the good ones too: the exposures were asked every day."""
    totals: dict[str, list[int]] = {}
    all_sum = count = 0
    for rating in ratings:
        all_sum += rating.rating
        count += 1
        for exposure in set(rating.exposures):
            bucket = totals.setdefault(exposure, [0, 0])
            bucket[0] += rating.rating
            bucket[1] += 1
    rows = []
    for exposure, (with_sum, with_days) in totals.items():
        without_days = count - with_days
        if with_days < min_days or without_days < min_days:
            continue
        rows.append(
            Association(
                exposure,
                with_days,
                count,
                with_sum / with_days,
                (all_sum - with_sum) / without_days,
            )
        )
    return sorted(rows, key=lambda a: (-abs(a.difference), a.exposure))


def association_sentence(row: Association, whose: str = "your") -> str:
    """'On days with bright light your rating was 1.8 higher (14 of 40 days).'
    (``whose`` "the patient's" for the doctor report.)"""
    size = abs(row.difference)
    if size < 0.05:
        how = "about the same"
    else:
        how = f"{size:.1f} {'higher' if row.difference > 0 else 'lower'}"
    return (
        f"On days with {row.exposure} {whose} rating was {how} "
        f"({row.days_with} of {row.days_total} days)."
    )


@dataclass(frozen=True)
class TrickRow:
    trick: str
    tried: int
    helped: int
    did_not_help: int


def trick_summary(ratings: Sequence[DailyRating]) -> list[TrickRow]:
    """Sensory tricks tried, most tried first, with how often they helped."""
    counts: dict[str, list[int]] = {}
    for rating in ratings:
        for trick, helped in rating.tricks:
            row = counts.setdefault(trick, [0, 0, 0])
            row[0] += 1
            row[1] += helped is True
            row[2] += helped is False
    rows = [TrickRow(name, *numbers) for name, numbers in counts.items()]
    return sorted(rows, key=lambda r: (-r.tried, r.trick))
