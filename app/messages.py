"""What Facewell tells a person about their history, in plain words. No Qt.

Storage reports facts (a StorageError subclass, an opening Notice, a RecorderEvent);
the window, the terminal runner and the command line say them with these sentences,
so every one of them is written once.
"""

from __future__ import annotations

from app.core.dates import human_date
from app.paths import BACKUPS_DIR
from app.storage.database import CURRENT_VERSION
from app.storage.errors import (
    BusyError,
    CorruptDatabaseError,
    DiskError,
    DiskFullError,
    NewerDatabaseError,
    NotAFolderError,
    ReadOnlyError,
    StorageError,
)
from app.storage.history.files import backup_day
from app.storage.history.opening import Notice, NoticeKind
from app.storage.recorder import News, RecorderEvent

__all__ = ["notice", "notices", "problem", "recorder_news"]

STILL_WORK = "The routines still work."


def problem(error: StorageError) -> str:
    """One sentence (or two) for a known storage problem."""
    match error:
        case DiskFullError():
            return (
                "The disk is full, so Facewell couldn't save to your history. "
                "Nothing already saved was lost; free some space and it will save again."
            )
        case ReadOnlyError():
            return (
                "Facewell isn't allowed to write to your history file or its folder, "
                "so new entries can't be saved."
            )
        case CorruptDatabaseError():
            return "Your history file is damaged and can't be read."
        case BusyError():
            return (
                "Your history is busy: another Facewell program (an import, perhaps) "
                "is writing to it."
            )
        case DiskError():
            return (
                "Facewell couldn't read or write your history file because of a problem "
                "with the disk."
            )
        case NotAFolderError():
            return f"{error.path} is a file, not a folder."
        case NewerDatabaseError():
            return _newer(error.version)
    return "Facewell couldn't use your history file."


def _newer(version: int) -> str:
    return (
        f"Your history was made by a newer Facewell (history format {version}; this "
        f"version reads up to {CURRENT_VERSION}), so it was left exactly as it was. "
        "Update Facewell to see and add to it. The routines still work, but sessions "
        "won't be saved until then."
    )


def _error(item: Notice) -> str:
    return problem(item.error) if item.error is not None else "Something went wrong."


def notice(item: Notice) -> str:
    """The sentence for one thing that happened while opening the history."""
    match item.kind:
        case NoticeKind.CANT_SAVE:
            reason = _error(item)
            if isinstance(item.error, NotAFolderError) and item.error.path.name != BACKUPS_DIR:
                reason = f"the data folder {item.error.path} is a file, not a folder."
            return f"Your sessions can't be saved right now: {reason} {STILL_WORK}"
        case NoticeKind.CANT_READ:
            return f"Your history can't be read right now: {_error(item)}"
        case NoticeKind.NEWER:
            return _newer(item.version)
        case NoticeKind.DAMAGED:
            name = item.path.name if item.path is not None else "a copy"
            text = (
                f"Your history file was damaged. It was kept as {name} and a new "
                "history was started."
            )
            if item.other is not None:
                day = backup_day(item.other)
                when = human_date(day) if day else item.other.name
                text += f" A backup from {when} can be restored."
            return text
        case NoticeKind.DAMAGED_IN_USE:
            return (
                "Your history file looks damaged, and another Facewell is using it, so it "
                "was left as it is. Close the other Facewell and open Facewell again to "
                "repair it."
            )
        case NoticeKind.DAMAGED_UNREADABLE:
            return "Your history file is damaged or is not a Facewell history, so it can't be read."
        case NoticeKind.OLD_FORMAT:
            return (
                "Your history is in an older format and can't be updated here; open the "
                "Facewell window once to bring it up to date."
            )
        case NoticeKind.BACKUP_FAILED:
            return (
                f"Today's backup of your history couldn't be made: {_error(item)} "
                "Your history itself is fine."
            )
        case NoticeKind.RESTORED:
            name = item.path.name if item.path is not None else "the backup"
            text = f"Your history was restored from {name}."
            if item.other is not None:
                text += f" The history it replaced was kept as {item.other.name}."
            return text
        case NoticeKind.BACKUP_UNREADABLE:
            return f"That backup can't be read: {_error(item)}"
        case NoticeKind.BACKUP_DAMAGED:
            return "That backup is damaged, so your history was not changed."


def notices(items: list[Notice]) -> list[str]:
    return [notice(item) for item in items]


def recorder_news(event: RecorderEvent) -> str:
    """What the recorder's news means for the session being recorded."""
    match event.news:
        case News.LOST:
            if event.refused:
                reason = f"a record was refused ({event.refused})."
            else:
                reason = "your history could not be opened."
            return f"This session can't be saved to your history: {reason} The routine still works."
        case News.WAITING:
            reason = problem(event.error) if event.error is not None else "Your history is busy."
            return (
                f"{reason} This session is kept and will be saved as soon as it can; "
                "the routine still works."
            )
        case News.SAVED:
            return "Your session has been saved to your history after all."
        case News.KEPT:
            return (
                "Your history could not be written before Facewell closed, so the session "
                "was kept aside and will be saved the next time Facewell opens."
            )
