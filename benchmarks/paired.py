"""Whole-process timings as medians of paired runs, for ``make bench``.

Each round runs every command once, in turn, so a busy spell of the machine slows the command
and its floor alike; the figures are the median wall time over the rounds and the largest
resident set size any run reached. Budgets are ratios of medians measured in the same run.

Commands run with Python's bytecode cache on, as on a user's machine (a wheel's modules are
compiled at install): ``PYTHONDONTWRITEBYTECODE``, set on some machines (this project's
reference machine among them), would make every run compile the tool's ~120 modules again,
about 0.25 s that no user pays.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    median_s: float
    runs_s: tuple[float, ...]
    max_rss_mb: float


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one run (output discarded; must succeed)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {error}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def paired(
    commands: dict[str, list[str]], rounds: int, cwd: Path | None = None
) -> dict[str, Timing]:
    """Run each command once per round, in turn; the median of each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(rounds):
        for name, command in commands.items():
            elapsed, rss = run_once(command, cwd)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], rss)
    return {
        name: Timing(statistics.median(values), tuple(values), peaks[name])
        for name, values in times.items()
    }
