"""What Facewell costs on a battery: CPU, wake-ups and memory, beside a bare window.

Each scenario starts the real app (`python main.py`, eSpeak NG voice, chimes into the
bench's audio device) in its own X server (Xvfb with openbox, as a small desktop), lets
it settle, then measures its process tree for ``windows`` windows of ``seconds`` each
(bench/proctree.py): CPU %, wake-ups a second (voluntary and forced context switches of
all threads), RSS and PSS; and the same for the sound server and the X server. The
median of the windows is reported, with every window kept. Scenarios:

- ``idle``: the window open on its Routines page;
- ``breathing``: a breathing routine playing (4 s in, 6 s out: the circle moves);
- ``no_breathing``: a meditation playing (the circle rests; countdowns and a bell);
- ``compress_minimised``: a cold compress running in a minimised window;
- ``bare_circle``: the floor, bench/bare_circle.py, a bare Qt window redrawing a
  breathing circle 30 times a second.

`python -m bench.power [--quick]` runs it alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import REPO, Audio, audio_device, base_env
from bench.proctree import Cost, cost, descendants, sample

SETTINGS = """[app]
disclaimer_seen=true
[profile]
condition=blepharospasm
asked=true
[routine]
lead_in=false
"""

BREATHING = """name = "Bench breathing"
summary = "The circle moves: in for 4, out for 6."
category = "breathing"

[[steps]]
kind = "breathing"
title = "Breathe"
instruction = "In and out."
inhale = 4
exhale = 6
cycles = 60
"""

MEDITATION = """name = "Bench meditation"
summary = "The circle rests: a countdown and a bell."
category = "meditation"

[[steps]]
kind = "meditation"
title = "Sit quietly"
instruction = "Rest your attention on your breath."
duration = "10m"
bell_every = "30s"
"""


@dataclass(frozen=True)
class Scenario:
    name: str
    args: tuple[str, ...]
    """Arguments after ``python``; DATA stands for the data folder."""
    minimise: bool = False
    settle: float = 10.0
    """Seconds from launch to the first window: the voice prepared, the routine on."""
    alone_within: float | None = None
    """If set, also wait (up to this many seconds from launch) for the tree to be the
    app's process alone: the speech worker exits a minute after its last render."""


SCENARIOS = (
    Scenario("bare_circle", ("-m", "bench.bare_circle"), settle=5.0),
    # Idle 20 s after start-up, the app renders the built-in routines' lines ahead
    # (app/gui.py, WARM_AFTER_MS): some 25 s of one busy core on a cold cache, longer on
    # a slow day. Idle is measured after it, as it sits for hours: once the speech
    # worker has exited too (app/speech/worker.py, IDLE_EXIT_SECONDS after its last
    # render); when that was is reported. The later runs find the cache warm.
    Scenario("idle", ("main.py", "--data-dir", "DATA"), settle=55.0, alone_within=240.0),
    Scenario("breathing", ("main.py", "--data-dir", "DATA", "run", "DATA/breathing.toml")),
    Scenario("no_breathing", ("main.py", "--data-dir", "DATA", "run", "DATA/meditation.toml")),
    Scenario(
        "compress_minimised",
        ("main.py", "--data-dir", "DATA", "--open", "cold-compress"),
        minimise=True,
    ),
)


def _free_display() -> int:
    for number in range(91, 200):
        lock, socket = Path(f"/tmp/.X{number}-lock"), Path(f"/tmp/.X11-unix/X{number}")
        if not lock.exists() and not socket.exists():
            return number
    raise RuntimeError("no free X display number")


@contextlib.contextmanager
def desktop(size: str = "1280x800") -> Iterator[tuple[str, int]]:
    """A private X server with openbox: its DISPLAY and the server's pid."""
    number = _free_display()
    display = f":{number}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wm: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        wm = subprocess.Popen(
            ["openbox"],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        yield display, xvfb.pid
    finally:
        for proc in (wm, xvfb):
            if proc is not None:
                proc.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(5)
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(5)


def _sound_server_pid(audio: Audio) -> int | None:
    runtime = audio.env.get("PULSE_RUNTIME_PATH")
    if not runtime:
        return None
    with contextlib.suppress(OSError, ValueError):
        return int((Path(runtime) / "pid").read_text().split()[0])
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    tree = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)
    for pid in tree:  # only processes this benchmark started
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.wait(5)


def _minimise(display: str, pid: int) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "Facewell"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    windows = found.stdout.split()
    for window in windows:
        subprocess.run(
            ["xdotool", "windowminimize", window],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            timeout=10,
            check=False,
        )
    return bool(windows)


def _median(costs: list[Cost]) -> dict[str, Any]:
    rows = [c.as_dict() for c in costs]
    return {key: round(statistics.median(float(r[key]) for r in rows), 3) for key in rows[0]}


def _measure(
    scenario: Scenario,
    data: Path,
    env: dict[str, str],
    display: str,
    servers: dict[str, int | None],
    *,
    settle: float,
    seconds: float,
    windows: int,
) -> dict[str, Any]:
    args = [a.replace("DATA", str(data)) for a in scenario.args]
    proc = subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    result: dict[str, Any] = {"settle_s": settle}
    launched = time.monotonic()
    try:
        time.sleep(settle / 2)
        if scenario.minimise:
            result["minimised"] = _minimise(display, proc.pid)
        time.sleep(settle / 2)
        if scenario.alone_within is not None:
            result["alone_after_s"] = _alone(proc.pid, launched, scenario.alone_within)
        tree: list[Cost] = []
        others: dict[str, list[Cost]] = {name: [] for name, pid in servers.items() if pid}
        for _ in range(windows):
            if proc.poll() is not None:
                raise RuntimeError(f"{scenario.name}: exited {proc.returncode}")
            pids = descendants(proc.pid)
            start = time.monotonic()
            before = sample(pids, start, memory=False)
            before_servers = {n: sample([p], start, memory=False) for n, p in servers.items() if p}
            time.sleep(seconds)
            end = time.monotonic()
            tree.append(cost(before, sample(descendants(proc.pid), end)))
            for name, pid in servers.items():
                if pid:
                    others[name].append(cost(before_servers[name], sample([pid], end)))
        result.update(_median(tree))
        result["windows"] = [c.as_dict() for c in tree]
        for name, costs in others.items():
            result[name] = _median(costs)
    finally:
        _stop(proc)
    return result


def _alone(root: int, launched: float, within: float) -> float | None:
    """Seconds from launch until ``root`` has no child process left; None if it still
    had one ``within`` seconds after launch (then the windows measure it as it is)."""
    while descendants(root) != [root]:
        if time.monotonic() - launched >= within:
            return None
        time.sleep(1.0)
    return round(time.monotonic() - launched, 1)


def power(audio: Audio, *, quick: bool = False) -> dict[str, Any]:
    missing = [tool for tool in ("Xvfb", "openbox", "xdotool") if shutil.which(tool) is None]
    if missing:
        return {"error": f"not installed: {', '.join(missing)}"}
    seconds, windows = (10.0, 2) if quick else (20.0, 3)
    report: dict[str, Any] = {
        "device": audio.device,
        "window_seconds": seconds,
        "windows": windows,
        "voice": "eSpeak NG (FACEWELL_NATURAL_VOICE=0)",
    }
    with tempfile.TemporaryDirectory(prefix="facewell-power-") as tmp, desktop() as (display, x):
        data = Path(tmp)
        data.chmod(0o700)
        (data / "settings.ini").write_text(SETTINGS, encoding="utf-8")
        (data / "breathing.toml").write_text(BREATHING, encoding="utf-8")
        (data / "meditation.toml").write_text(MEDITATION, encoding="utf-8")
        env = base_env(
            {
                **audio.env,
                "QT_QPA_PLATFORM": "xcb",
                "DISPLAY": display,
                "FACEWELL_NATURAL_VOICE": "0",
            }
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an install: bytecode kept
        servers = {"sound_server": _sound_server_pid(audio), "x_server": x}
        for scenario in SCENARIOS:
            print(f"bench: power {scenario.name}…", file=sys.stderr, flush=True)
            try:
                report[scenario.name] = _measure(
                    scenario,
                    data,
                    env,
                    display,
                    servers,
                    settle=scenario.settle,
                    seconds=seconds,
                    windows=windows,
                )
            except Exception as exc:  # one scenario failing leaves the others
                report[scenario.name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
    _compare(report)
    return report


def _compare(report: dict[str, Any]) -> None:
    """The breathing routine beside the bare window: how many times its cost."""
    playing, floor = report.get("breathing", {}), report.get("bare_circle", {})
    for key in ("cpu_percent", "wakeups_per_s"):
        if key in playing and floor.get(key):
            playing[f"{key}_vs_bare"] = round(playing[key] / floor[key], 3)


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    with audio_device() as device:
        print(json.dumps(power(device, quick=quick), indent=2))
