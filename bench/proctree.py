"""What a process tree costs, read from /proc: CPU time, context switches, memory.

A `Sample` is one reading of every process descending from a root (the root included)
and of every thread in them. Two samples give CPU % and wake-ups a second: voluntary
context switches (a thread went to sleep and was woken: timers, polls, latches) and
forced ones (it was preempted), summed over all threads. A thread or process that
ended between the two readings is not counted (its switches are lost); one that began
counts from zero. Linux only.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Cost", "Sample", "cost", "descendants", "sample"]

PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    at: float
    cpu_s: dict[int, float] = field(default_factory=dict)  # pid -> user + system seconds
    switches: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """(pid, tid) -> (voluntary, forced)."""
    rss_kib: int = 0
    pss_kib: int = 0


@dataclass(frozen=True)
class Cost:
    seconds: float
    cpu_percent: float
    wakeups_per_s: float
    voluntary_per_s: float
    forced_per_s: float
    rss_mib: float
    pss_mib: float
    processes: int
    threads: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "cpu_percent": round(self.cpu_percent, 3),
            "wakeups_per_s": round(self.wakeups_per_s, 1),
            "voluntary_per_s": round(self.voluntary_per_s, 1),
            "forced_per_s": round(self.forced_per_s, 1),
            "rss_mib": round(self.rss_mib, 1),
            "pss_mib": round(self.pss_mib, 1),
            "processes": self.processes,
            "threads": self.threads,
        }


def descendants(root: int) -> list[int]:
    """``root`` and every living process below it."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if (PROC / str(pid)).exists():
            found.append(pid)
            todo.extend(children.get(pid, []))
    return found


def _cpu_seconds(pid: int) -> float:
    stat = (PROC / str(pid) / "stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def _switches(status: str) -> tuple[int, int]:
    voluntary = forced = 0
    for line in status.splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            voluntary = int(line.split()[1])
        elif line.startswith("nonvoluntary_ctxt_switches:"):
            forced = int(line.split()[1])
    return voluntary, forced


def _memory_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


def sample(pids: list[int], at: float, *, memory: bool = True) -> Sample:
    cpu: dict[int, float] = {}
    switches: dict[tuple[int, int], tuple[int, int]] = {}
    rss = pss = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            cpu[pid] = _cpu_seconds(pid)
            for task in (PROC / str(pid) / "task").iterdir():
                with contextlib.suppress(OSError, ValueError):
                    switches[(pid, int(task.name))] = _switches((task / "status").read_text())
            if memory:
                r, p = _memory_kib(pid)
                rss, pss = rss + r, pss + p
    return Sample(at, cpu, switches, rss, pss)


def cost(before: Sample, after: Sample) -> Cost:
    """What the tree spent between two samples; memory as in ``after``."""
    seconds = max(1e-9, after.at - before.at)
    cpu = sum(t - before.cpu_s.get(pid, 0.0) for pid, t in after.cpu_s.items())
    voluntary = forced = 0
    for key, (v, f) in after.switches.items():
        v0, f0 = before.switches.get(key, (0, 0))
        voluntary, forced = voluntary + v - v0, forced + f - f0
    return Cost(
        seconds=seconds,
        cpu_percent=100 * cpu / seconds,
        wakeups_per_s=(voluntary + forced) / seconds,
        voluntary_per_s=voluntary / seconds,
        forced_per_s=forced / seconds,
        rss_mib=after.rss_kib / 1024,
        pss_mib=after.pss_kib / 1024,
        processes=len(after.cpu_s),
        threads=len(after.switches),
    )
