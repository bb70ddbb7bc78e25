"""Benchmark: ``evaluator sweep`` throughput, and its scaling from 1 to 2 worker processes.

A 200-line agreement (the synthetic schedule's generator, 200 lines) at 1,000 draws: 400 variants
(the final rates of its first two lines), as fresh processes with ``--workers 1`` and
``--workers 2``. Reported: variants per second per core, the speed-up from the second worker,
and the peak resident memory of the largest process (the command or a worker: workers are
forked from the command, so each holds the base proposal and one evaluation at a time). The
tables of both runs must be the same bytes. No budget is set by the issue; the figures go in the
README.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paired import run_once

ROOT = Path(__file__).resolve().parent.parent
LINES, DRAWS = 200, 1000
SWEEP = f"""\
base: agreement.yaml
draws: {DRAWS}
vary:
  - {{path: "tariffs.lines[0].final_rate", range: {{low: 0.0, high: 0.07, steps: 20}}}}
  - {{path: "tariffs.lines[1].final_rate", range: {{low: 0.0, high: 0.05, steps: 20}}}}
keep: [pcbr, efficiency_gain_usd]
"""
VARIANTS = 400


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        script = str(ROOT / "scripts" / "make_schedule.py")
        subprocess.run(
            [sys.executable, script, "-o", str(base / "s.csv"), "--lines", str(LINES)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        text = (ROOT / "proposals" / "synthetic_schedule.yaml").read_text()
        (base / "agreement.yaml").write_text(text.replace("schedules/synthetic_20000.csv", "s.csv"))
        (base / "sweep.yaml").write_text(SWEEP)
        timings = {}
        for workers in (1, 2):
            out = base / f"w{workers}.csv"
            command = [sys.executable, "-m", "evaluator", "sweep", str(base / "sweep.yaml"),
                       "-o", str(out), "--workers", str(workers)]  # fmt: skip
            timings[workers] = run_once(command)
        same = (base / "w1.csv").read_bytes() == (base / "w2.csv").read_bytes()
    (t1, rss1), (t2, rss2) = timings[1], timings[2]
    print(f"Sweep: a {LINES}-line agreement at {DRAWS:,} draws, {VARIANTS} variants")
    print(f"  1 worker:  {t1:.2f} s, {VARIANTS / t1:.1f} variants/s; peak {rss1:,.0f} MB")
    print(
        f"  2 workers: {t2:.2f} s, {VARIANTS / t2:.1f} variants/s ({VARIANTS / t2 / 2:.1f} per "
        f"core); speed-up {t1 / t2:.2f}; largest process {rss2:,.0f} MB"
    )
    print(f"  the same table with 1 and 2 workers: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
