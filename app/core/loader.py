"""Read and validate routine files.

A bad file must never crash anything: every problem becomes a `Problem` naming the
file, a line and what was expected, and all problems of a file are reported at once so
that a person fixing it by hand sees the whole list. A hostile file (a named pipe, a
megabyte of brackets, a number of 5000 digits, a phase of a microsecond) gets the same
plain answer, quickly: reading, parsing and checking are all bounded, and so is the list
of problems and every value a message shows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from app.core.compress import MAX_TOTAL_ON_SECONDS, MIN_BREAK_SECONDS
from app.core.durations import DurationError, format_duration
from app.core.field_reader import (
    MISSING,
    GentlerFields,
    Missing,
    StepFields,
    names,
    seconds_of,
)
from app.core.files import UnreadableFileError, read_bounded_text
from app.core.routine import (
    MAX_COUNT,
    MAX_GUIDANCE,
    MAX_ON_SECONDS,
    MAX_ROUTINE_SECONDS,
    MAX_STEPS,
    STEP_KINDS,
    BreathingStep,
    Category,
    CompressStep,
    ExerciseStep,
    Guidance,
    MeditationStep,
    RestStep,
    Routine,
    Side,
    Step,
    Temperature,
)
from app.core.suitability import check_variant, misplaced_keys, read_suitability
from app.core.toml_guard import TomlError, load_toml
from app.core.toml_lines import LineIndex
from app.core.values import shown

E = TypeVar("E", bound=StrEnum)

#: A routine file is a few kilobytes; the longest built-in is under 4 KiB.
MAX_FILE_BYTES = 1 << 20
#: Beyond this, a list of problems says how many more there are instead.
MAX_PROBLEMS = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a routine file, where it is and what it is about.

    ``message`` is the whole sentence ("step 2 (exercise): \"hold\" must be …");
    ``step`` (0-based, None for the routine itself), ``key`` (the field, when the
    problem is about one) and ``detail`` (the sentence without its "step N" prefix)
    let an editor put it beside the field it concerns, without reading the English.
    """

    file: str
    line: int
    message: str
    step: int | None = field(default=None, compare=False)
    key: str | None = field(default=None, compare=False)
    detail: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        ordered = sorted(problems)
        if len(ordered) > MAX_PROBLEMS:
            first_left_out = ordered[MAX_PROBLEMS]
            more = f"… and {len(ordered) - MAX_PROBLEMS} more problems"
            ordered[MAX_PROBLEMS:] = [Problem(first_left_out.file, first_left_out.line, more)]
        self.problems = tuple(ordered)
        super().__init__("\n".join(str(p) for p in self.problems))


def slugify(text: str) -> str:
    """File-name form of a routine name: "4-7-8 for the evening" -> "4-7-8-for-the-evening"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "routine"


def load_routine(
    path: Path, *, builtin: bool = False, image_dirs: tuple[Path, ...] = ()
) -> Routine:
    """Load one file; raise RoutineError with every problem found."""
    text = read_routine_text(path)
    search = (path.parent, *image_dirs)
    return parse_routine(
        text, str(path), builtin=builtin, source=path, slug=path.stem, image_dirs=search
    )


def read_routine_text(path: Path) -> str:
    """The text of a routine file, or RoutineError saying why it can't be read.

    Only a regular file of at most MAX_FILE_BYTES is read: a named pipe in the routines
    folder must not hang the app, nor a link to /dev/zero fill its memory.
    """
    try:
        text = read_bounded_text(path, MAX_FILE_BYTES)
    except UnreadableFileError as exc:
        raise RoutineError([Problem(str(path), 1, exc.reason)]) from None
    # As path.read_text() did: "\r\n" and a lone "\r" end lines too.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_routine(
    text: str,
    file: str = "<routine>",
    *,
    builtin: bool = False,
    source: Path | None = None,
    slug: str = "",
    image_dirs: tuple[Path, ...] = (),
) -> Routine:
    try:
        data = load_toml(text)
    except TomlError as exc:
        raise RoutineError([Problem(file, exc.line, exc.message)]) from None
    reader = _Reader(file, LineIndex(text), image_dirs)
    routine = reader.routine(data, builtin=builtin, source=source, slug=slug)
    if reader.problems or routine is None:
        raise RoutineError(reader.problems)
    return routine


class _Reader:
    def __init__(self, file: str, lines: LineIndex, image_dirs: tuple[Path, ...]) -> None:
        self.file = file
        self.lines = lines
        self.image_dirs = image_dirs
        self.problems: list[Problem] = []

    def fail(
        self,
        line: int,
        message: str,
        *,
        key: str | None = None,
        step: int | None = None,
        detail: str | None = None,
    ) -> None:
        self.problems.append(
            Problem(self.file, line, message, step, key, message if detail is None else detail)
        )

    # -- top level -------------------------------------------------------------------

    def routine(
        self, data: dict[str, Any], *, builtin: bool, source: Path | None, slug: str
    ) -> Routine | None:
        line = self.lines.top_line
        name = data.get("name", MISSING)
        if isinstance(name, Missing):
            self.fail(1, 'missing "name": every routine needs a name', key="name")
            name = ""
        elif not isinstance(name, str) or not name.strip():
            message = f'"name" must be a non-empty string, got {shown(name)}'
            self.fail(line("name"), message, key="name")
            name = ""
        summary = data.get("summary", "")
        if not isinstance(summary, str):
            message = f'"summary" must be a string, got {shown(summary)}'
            self.fail(line("summary"), message, key="summary")
            summary = ""
        category = self.choice(
            data.get("category", "mixed"), Category, line("category"), "category"
        )
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.fail(
                line("tags"),
                f'"tags" must be a list of strings, such as ["morning"], got {shown(tags)}',
                key="tags",
            )
            tags = []
        raw_steps = data.get("steps", MISSING)
        steps: list[Step] = []
        if isinstance(raw_steps, Missing) or raw_steps == []:
            self.fail(1, 'no steps: add at least one [[steps]] table with a "kind"', key="steps")
        elif not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
            message = '"steps" must be an array of tables: write [[steps]]'
            self.fail(line("steps"), message, key="steps")
        elif len(raw_steps) > MAX_STEPS:
            self.fail(
                self.lines.step_line(MAX_STEPS),
                f"{len(raw_steps)} steps: a routine may have at most {MAX_STEPS}",
                key="steps",
            )
        else:
            for index, raw in enumerate(raw_steps):
                step = self.step(index, raw)
                if step is not None:
                    steps.append(step)
            if not self.problems:
                self.compress_totals(steps)
        if self.problems or category is None:
            return None
        routine = Routine(
            name=name.strip(),
            steps=tuple(steps),
            summary=summary.strip(),
            category=category,
            tags=tuple(tags),
            source=source,
            builtin=builtin,
            slug=slug or slugify(name),
        )
        if routine.total_seconds > MAX_ROUTINE_SECONDS:
            self.fail(
                line("name"),
                f"the routine lasts {format_duration(routine.total_seconds)}; "
                f"the longest allowed is {format_duration(MAX_ROUTINE_SECONDS)}",
            )
            return None
        return routine

    def compress_totals(self, steps: list[Step]) -> None:
        """All compress steps of one temperature together stay within its limit; the
        problem is at the step that goes over."""
        total: dict[Temperature, float] = {}
        for index, step in enumerate(steps):
            if not isinstance(step, CompressStep):
                continue
            temp = step.temperature
            total[temp] = total.get(temp, 0.0) + step.on * step.rounds
            limit = MAX_TOTAL_ON_SECONDS[temp]
            if total[temp] > limit + 1e-9:
                message = (
                    f"a {temp} compress may be on for at most {format_duration(limit)} in "
                    f"one routine, all rounds together (this makes "
                    f"{format_duration(total[temp])}): use fewer or shorter rounds"
                )
                line = self.lines.step_line(index, "rounds" if step.rounds > 1 else "on")
                what = f"step {index + 1} (compress)"
                self.fail(line, f"{what}: {message}", key="on", step=index, detail=message)
                return

    # -- steps -----------------------------------------------------------------------

    def step(self, index: int, raw: dict[str, Any]) -> Step | None:
        field = StepFields(self, index, raw)
        kind = raw.get("kind", MISSING)
        if isinstance(kind, Missing):
            field.fail(None, f'missing "kind": expected one of {names(STEP_KINDS)}', about="kind")
            return None
        if not isinstance(kind, str):
            field.fail("kind", f'"kind" must be one of {names(STEP_KINDS)}, got {shown(kind)}')
            return None
        if kind not in STEP_KINDS:
            field.fail("kind", f"unknown kind {shown(kind)}: expected one of {names(STEP_KINDS)}")
            return None
        field.kind = str(kind)
        before = len(self.problems)
        if kind != "exercise":
            for key in misplaced_keys(raw):
                field.fail(key, f'"{key}" belongs to exercise steps only')
        title = field.text("title", required=True)
        common = {
            "title": title,
            "instruction": field.text("instruction"),
            "cue": field.text("cue"),
        }
        step: Step | None = None
        match kind:
            case "breathing":
                step = self.breathing(field, common)
            case "meditation":
                step = self.meditation(field, common)
            case "exercise":
                step = self.exercise(field, common)
            case "compress":
                step = self.compress(field, common)
            case "rest":
                step = RestStep(**common, duration=field.duration("duration", positive=True))
        return step if len(self.problems) == before else None

    def breathing(self, field: StepFields, common: dict[str, str]) -> Step | None:
        inhale = field.duration("inhale", positive=True)
        hold = field.duration("hold", default=0.0, timed=True)
        exhale = field.duration("exhale", positive=True)
        hold_after = field.duration("hold_after", default=0.0, timed=True)
        cycle = inhale + hold + exhale + hold_after
        has_cycles, has_duration = "cycles" in field.raw, "duration" in field.raw
        cycles = 1
        if has_cycles and has_duration:
            field.fail("duration", 'give "cycles" or "duration", not both')
        elif has_cycles:
            cycles = field.integer("cycles", minimum=1, maximum=MAX_COUNT)
        elif has_duration:
            duration = field.duration("duration", positive=True)
            if cycle > 0 and duration > 0:
                cycles = max(1, math.ceil(duration / cycle - 1e-9))
        else:
            field.fail(
                None, 'a breathing step needs "cycles" (a count) or "duration"', about="cycles"
            )
        voice = field.boolean("voice_phases", default=True)
        count = field.boolean("count", default=False)
        return BreathingStep(
            **common,
            inhale=inhale,
            hold=hold,
            exhale=exhale,
            hold_after=hold_after,
            cycles=cycles,
            voice_phases=voice,
            count=count,
        )

    def meditation(self, field: StepFields, common: dict[str, str]) -> Step | None:
        duration = field.duration("duration", positive=True)
        bell_every = field.duration("bell_every", default=0.0, timed=True)
        guidance: list[Guidance] = []
        raw = field.raw.get("guidance", [])
        if not isinstance(raw, list) or not all(isinstance(g, dict) for g in raw):
            field.fail(
                "guidance", 'write spoken guidance as [[steps.guidance]] with "at" and "text"'
            )
            raw = []
        elif len(raw) > MAX_GUIDANCE:
            field.fail_at(
                self.lines.guidance_line(field.index, MAX_GUIDANCE),
                f"{len(raw)} lines of guidance: a step may have at most {MAX_GUIDANCE}",
                key="guidance",
            )
            raw = []
        for number, entry in enumerate(raw):
            at_line = self.lines.guidance_line(field.index, number, "at")
            text_line = self.lines.guidance_line(field.index, number, "text")
            text = entry.get("text")
            if not isinstance(text, str) or not text.strip():
                field.fail_at(
                    text_line,
                    f'guidance {number + 1}: "text" must be a non-empty string, got {shown(text)}',
                    key="guidance",
                )
                continue
            try:
                at = seconds_of(entry.get("at", 0))
            except DurationError as exc:
                field.fail_at(at_line, f'guidance {number + 1}: "at": {exc}', key="guidance")
                continue
            if duration and at >= duration:
                field.fail_at(
                    at_line,
                    f'guidance {number + 1}: "at" ({format_duration(at)}) must fall within '
                    f"the step's {format_duration(duration)}",
                    key="guidance",
                )
                continue
            guidance.append(Guidance(at=at, text=text.strip()))
        return MeditationStep(
            **common,
            duration=duration,
            bell_every=bell_every,
            guidance=tuple(sorted(guidance, key=lambda g: g.at)),
        )

    def exercise(
        self, field: StepFields, common: dict[str, str], parent: ExerciseStep | None = None
    ) -> ExerciseStep:
        """An exercise step; with ``parent``, its gentler variant, which keeps the
        parent's timing unless it gives its own (its words and picture are its own)."""
        side_default = str(parent.side) if parent else "both"
        side = self.choice(
            field.raw.get("side", side_default), Side, field.line("side"), "side", field
        )
        step = ExerciseStep(
            title=common["title"],
            instruction=common["instruction"],
            cue=common["cue"],
            hold=field.duration("hold", positive=True, default=parent.hold if parent else None),
            rest=field.duration("rest", default=parent.rest if parent else 5.0, timed=True),
            reps=field.integer(
                "reps", minimum=1, maximum=MAX_COUNT, default=parent.reps if parent else 1
            ),
            side=side or Side.BOTH,
            image=self.image(field),
        )
        if parent is not None:
            return step
        return read_suitability(field, step, lambda raw: self.gentler(field.index, raw, step))

    def gentler(self, index: int, raw: dict[str, Any], parent: ExerciseStep) -> ExerciseStep:
        """The [steps.gentler] table of step ``index``, checked at its own lines."""
        field = GentlerFields(self, index, raw)
        check_variant(field)
        common = {
            "title": field.text("title", required=True),
            "instruction": field.text("instruction"),
            "cue": field.text("cue"),
        }
        return self.exercise(field, common, parent)

    def image(self, field: StepFields) -> Path | None:
        raw = field.raw.get("image")
        if raw is None:
            return None
        # No file name is a thousand characters long, and none holds a NUL.
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 1000 or "\0" in raw:
            field.fail(
                "image", f'"image" must be a file name such as "brow-lift.svg", got {shown(raw)}'
            )
            return None
        for folder in self.image_dirs:
            candidate = (folder / raw).resolve()
            try:
                if candidate.is_file():
                    return candidate
            except OSError:  # a name too long for this system, say
                continue
        if not self.image_dirs:
            return Path(raw)
        field.fail(
            "image",
            f"image {shown(raw)} not found next to the routine or in the built-in pictures",
        )
        return None

    def compress(self, field: StepFields, common: dict[str, str]) -> Step | None:
        temperature = self.choice(
            field.raw.get("temperature", MISSING),
            Temperature,
            field.line("temperature"),
            "temperature",
            field,
        )
        on = field.duration("on", positive=True)
        off = field.duration("off", default=0.0, timed=True)
        rounds = field.integer("rounds", minimum=1, maximum=MAX_COUNT, default=1)
        if temperature is not None and on > MAX_ON_SECONDS[temperature]:
            field.fail(
                "on",
                f"a {temperature} compress may stay on at most "
                f"{format_duration(MAX_ON_SECONDS[temperature])} at a time "
                f"(got {format_duration(on)}): take it off and give the skin a break",
            )
        if rounds > 1 and off < MIN_BREAK_SECONDS and "off" not in field.problem_keys:
            field.fail(
                "off" if "off" in field.raw else "rounds",
                f'with more than one round, "off" must give the skin a break of at least '
                f"{format_duration(MIN_BREAK_SECONDS)} to take the compress off and check it"
                + (f" (got {format_duration(off)})" if off > 0 else ""),
            )
        return CompressStep(
            **common,
            temperature=temperature or Temperature.COLD,
            on=on,
            off=off,
            rounds=rounds,
        )

    # -- helpers -----------------------------------------------------------------------

    def choice(
        self,
        value: object,
        enum: type[E],
        line: int,
        key: str,
        step: StepFields | None = None,
    ) -> E | None:
        """One of ``enum``'s values; ``step``: the step it belongs to, if any."""
        if isinstance(value, Missing):
            detail = f'missing "{key}": expected one of {names(enum)}'
        elif not isinstance(value, str):
            detail = f'"{key}" must be one of {names(enum)}, got {shown(value)}'
        else:
            try:
                return enum(value)
            except ValueError:
                detail = f"unknown {key} {shown(value)}: expected one of {names(enum)}"
        if step is None:
            self.fail(line, detail, key=key)
        else:
            step.fail_at(line, detail, key=key)
        return None
