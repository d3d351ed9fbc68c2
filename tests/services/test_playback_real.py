"""One real cue: rendered by espeak-ng through the worker, played by QtMultimedia.

CI machines have no sound card, so a private PulseAudio server with a null sink gives
QtMultimedia a real output device to play into (bash .ci/run installs pulseaudio).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def pulse_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.fail("pulseaudio is needed for the real playback test (bash .ci/run installs it)")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
    }
    # Daemonized, as on a desktop: a non-daemon child server made QtMultimedia spin on
    # "QSocketNotifier: Invalid socket" (see docs/benchmarks.md).
    subprocess.run(
        [
            binary,
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-null-sink",
            "--load=module-native-protocol-unix",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=30,
        check=True,
    )
    try:
        assert (runtime / "pulse" / "native").exists(), "pulseaudio did not open its socket"
        yield env
    finally:
        subprocess.run([binary, "--kill"], env=env, timeout=30, check=False)


@pytest.mark.slow
def test_a_real_cue_is_rendered_and_played(pulse_env: dict[str, str], repo: Path) -> None:
    env = {**pulse_env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(repo)}
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("play_real_cue.py"))],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["rendered"] is True
    assert result["device"] is True
    assert result["played"] == "speech"
    assert result["playing_states"] == [True, False]  # it started and ran to its end
