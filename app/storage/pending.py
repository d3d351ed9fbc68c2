"""Sessions that could not reach the history before the process left, kept on disk.

When the recorder closes while the history is busy (a long import in another process)
or failing, the latest state of each unsaved session is written to
DATA_DIR/pending/<uid>.json, and the next owner of the history (app.storage.owner)
saves it. So the end of a session is never lost and a finished session is never left
"running" to be mislabelled "interrupted". No Qt here.

Threads: the recorder's thread writes these files; the opening thread reads them.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.jsonfile import keep_aside, write_json_atomic
from app.paths import PENDING_DIR
from app.storage import database

__all__ = ["PENDING_DIR", "PendingSession", "pending_files", "read_pending", "write_pending"]

_FORMAT = "facewell-pending-session"
_VERSION = 1


@dataclass
class PendingSession:
    """The latest known state of one session, as the recorder holds it in memory."""

    uid: str
    routine: str
    slug: str
    category: str
    planned_s: float
    started_at: datetime
    severity_before: int | None = None
    elapsed_s: float = 0.0
    step_index: int = 0
    checkpoint_at: datetime | None = None
    status: str = "running"
    ended_at: datetime | None = None
    feedback: tuple[int | None, str, str] | None = None
    """(severity_after, feeling, note), once given."""
    skipped: tuple[str, ...] = ()
    """The titles of the steps skipped with Next, once the session is over."""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "checkpoint_at", "ended_at"):
            value = getattr(self, key)
            data[key] = None if value is None else value.isoformat()
        data["feedback"] = None if self.feedback is None else list(self.feedback)
        data["skipped"] = list(self.skipped)
        return {"format": _FORMAT, "version": _VERSION, **data}

    @classmethod
    def from_json(cls, data: object) -> PendingSession:
        """Raises ValueError for anything that is not a pending session of ours."""
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ValueError("not a pending session")
        if data.get("version") != _VERSION:
            raise ValueError(f"pending session version {data.get('version')!r}")

        def when(key: str) -> datetime | None:
            value = data.get(key)
            return None if value is None else database.parse_stored_time(str(value))

        feedback = data.get("feedback")
        skipped = data.get("skipped", [])  # absent in files kept before schema 5
        try:
            started = when("started_at")
            if started is None:
                raise ValueError("no started_at")
            return cls(
                uid=str(data["uid"]),
                routine=str(data["routine"]),
                slug=str(data["slug"]),
                category=str(data["category"]),
                planned_s=float(data["planned_s"]),
                started_at=started,
                severity_before=data.get("severity_before"),
                elapsed_s=float(data.get("elapsed_s", 0.0)),
                step_index=int(data.get("step_index", 0)),
                checkpoint_at=when("checkpoint_at"),
                status=str(data.get("status", "running")),
                ended_at=when("ended_at"),
                feedback=None
                if feedback is None
                else (feedback[0], str(feedback[1]), str(feedback[2])),
                skipped=tuple(str(title) for title in skipped),
            )
        except (KeyError, TypeError, IndexError) as exc:
            raise ValueError(f"incomplete pending session: {exc}") from None


def write_pending(data_dir: Path, session: PendingSession) -> Path:
    """Keep ``session`` on disk (0600, atomically) for the next owner. Raises OSError."""
    path = data_dir / PENDING_DIR / f"{session.uid}.json"
    write_json_atomic(path, session.as_json())
    return path


def pending_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PENDING_DIR
    try:
        return sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        return []


def read_pending(path: Path) -> PendingSession | None:
    """The session in ``path``; a file that can't be read as one is kept aside (never
    deleted) and None returned."""
    try:
        return PendingSession.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            keep_aside(path)
        return None
