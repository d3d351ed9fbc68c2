"""Helpers shared by the benchmarks: subprocesses, percentiles, a private audio sink."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

PROBE_DEVICE = """
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices
app = QCoreApplication([])
print("DEVICE", int(not QMediaDevices.defaultAudioOutput().isNull()))
"""


def base_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONUNBUFFERED"] = "1"
    if extra:
        env.update(extra)
    return env


def run_python(
    args: Sequence[str], *, env: dict[str, str], timeout: float, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def last_json_line(stdout: str) -> dict[str, Any]:
    """The child's result: the last line of its stdout that parses as a JSON object."""
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            with contextlib.suppress(json.JSONDecodeError):
                value = json.loads(line)
                if isinstance(value, dict):
                    return value
    raise RuntimeError(f"no JSON result in child output: {stdout[-500:]!r}")


def child_result(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    if proc.returncode != 0:
        raise RuntimeError(f"child exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    return last_json_line(proc.stdout)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(values_s: Sequence[float]) -> dict[str, float | int]:
    ms = [v * 1000 for v in values_s]
    return {
        "count": len(ms),
        "min_ms": round(min(ms), 3),
        "p50_ms": round(statistics.median(ms), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "max_ms": round(max(ms), 3),
    }


def device_available(env: dict[str, str]) -> bool:
    proc = run_python(["-c", PROBE_DEVICE], env=env, timeout=30)
    return "DEVICE 1" in proc.stdout


@dataclass
class Audio:
    """How sound reaches a device during the benchmarks."""

    device: str  # "real", "null" (private PulseAudio null sink) or "none"
    env: dict[str, str] = field(default_factory=dict)  # extra environment for children
    note: str = ""


@contextlib.contextmanager
def audio_device(timeout: float = 10.0) -> Iterator[Audio]:
    """A real device if Qt sees one; else a private PulseAudio with a null sink."""
    if device_available(base_env()):
        yield Audio("real")
        return
    pulseaudio = shutil.which("pulseaudio")
    if pulseaudio is None:
        yield Audio("none", note="no audio device and pulseaudio is not installed")
        return
    runtime = Path(tempfile.mkdtemp(prefix="facewell-bench-pulse-"))
    runtime.chmod(0o700)
    extra = {"XDG_RUNTIME_DIR": str(runtime), "PULSE_RUNTIME_PATH": str(runtime / "pulse")}
    env = {**os.environ, **extra}
    # WORKAROUND: a PulseAudio run as a non-daemon child (--daemonize=no) made
    # QtMultimedia spin on "QSocketNotifier: Invalid socket" once speech rendering
    # started; the same server daemonized, as on every desktop, works.
    started = subprocess.run(
        [
            pulseaudio,
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-null-sink",
            "--load=module-native-protocol-unix",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    try:
        deadline = time.monotonic() + timeout
        ready = False
        while started.returncode == 0 and time.monotonic() < deadline:
            info = subprocess.run(
                ["pactl", "info"], env=env, capture_output=True, timeout=5, check=False
            )
            if info.returncode == 0:
                ready = True
                break
            time.sleep(0.1)
        if ready and device_available(base_env(extra)):
            yield Audio("null", extra, "private PulseAudio null sink (no sound card)")
        else:
            yield Audio("none", note="no audio device; private PulseAudio did not start")
    finally:
        subprocess.run([pulseaudio, "--kill"], env=env, timeout=10, check=False)
        shutil.rmtree(runtime, ignore_errors=True)


def breathing_toml(name: str, inhale: float, exhale: float, cycles: int) -> str:
    return f"""name = "{name}"
summary = "Benchmark routine."
category = "breathing"

[[steps]]
kind = "breathing"
title = "Breathe"
instruction = "In and out."
inhale = {inhale:g}
exhale = {exhale:g}
cycles = {cycles}
"""
