"""A real launch that is killed leaves nothing in the temporary folder (issue 18: a
theme folder per start piled up in /tmp after every crash or kill)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.launch_probe import launch_with_probe

_PROBE = """
import json, os
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
class FirstFrame(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            def killed():
                print(json.dumps({"drawn": True}), flush=True)
                os._exit(0)  # no clean-up of any kind, as a kill
            obj.first_frame_shown.connect(killed)
            obj.removeEventFilter(self)
        return False
probe = FirstFrame()
"""


def test_a_killed_window_leaves_no_temporary_folder(repo: Path, tmp_path: Path) -> None:
    temp, runtime = tmp_path / "tmp", tmp_path / "run"
    temp.mkdir()
    runtime.mkdir(mode=0o700)
    env = {"TMPDIR": str(temp), "XDG_RUNTIME_DIR": str(runtime)}
    assert launch_with_probe(repo, tmp_path, _PROBE, env) == {"drawn": True}
    # The single-instance socket may be here (the runtime folder's path is too long
    # for a socket's name): a launch after a crash finds it stale and takes its place.
    assert [path for path in temp.iterdir() if path.suffix != ".sock"] == []
    pictures = sorted((tmp_path / "cache" / "facewell" / "theme").glob("*.svg"))
    assert pictures, "the theme's pictures are kept in the cache folder"
