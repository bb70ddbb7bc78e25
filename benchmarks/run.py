"""`make bench`: what users run, as whole processes beside their floors (issue 16).

1. **score**: ``evaluator score proposals/synthetic_schedule.yaml --draws 10000 --format json``
   (20,000 tariff lines from a CSV) against its floor, ``floor_score.py``: a plain numpy script
   reading the same CSV and doing the model's core arithmetic. Medians of paired runs; budget:
   at most 3 times the floor.
2. **scaling**: the same command at 1,000 to 1,000,000 lines (10,000 draws; past 50,000 rows,
   the default bound of one CSV schedule, with ``--max-lines``) and 1,000 to 100,000 draws
   (20,000 lines), one run each, time and peak memory. The million-line run is timed beside
   its floor; budget: under 10 s and 2 GB. A million draws is past ``--draws``'s bound
   (``evaluator.bounds.MAX_DRAWS``), so it is refused.

Then the kernels (``bench_economics.py``), the general-equilibrium solve, the briefs, the
comparison, the studio and the sweep, each with its own floor or budget. Exit 1 if any budget
is missed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from paired import paired, run_once  # noqa: E402

SCHEDULE = ROOT / "proposals" / "synthetic_schedule.yaml"
CSV = ROOT / "proposals" / "schedules" / "synthetic_20000.csv"
DRAWS = 10_000
ROUNDS = 5
BUDGET_RATIO = 3.0
LOW, HIGH = 1.0, 3.0
"""The schedule's elasticity range (``tariffs.elasticity`` in the proposal), for the floor."""


MILLION = 1_000_000
MILLION_SECONDS, MILLION_MB = 10.0, 2048.0


def score_command(proposal: Path, draws: int = DRAWS, *extra: str) -> list[str]:
    return [sys.executable, "-m", "evaluator", "score", str(proposal), "--draws", str(draws),
            "--format", "json", *extra]  # fmt: skip


def floor_command(draws: int = DRAWS, csv: Path = CSV) -> list[str]:
    here = Path(__file__).resolve().parent
    return [sys.executable, str(here / "floor_score.py"), str(csv), str(draws), str(LOW),
            str(HIGH)]  # fmt: skip


def score_bench() -> bool:
    timings = paired({"score": score_command(SCHEDULE), "floor": floor_command()}, ROUNDS)
    score, floor = timings["score"], timings["floor"]
    ratio = score.median_s / floor.median_s
    ok = ratio <= BUDGET_RATIO
    print(
        f"evaluator score: 20,000 tariff lines x {DRAWS:,} draws (median of {ROUNDS} paired runs)"
    )
    print(
        f"  evaluator score, fresh process: {score.median_s:.2f} s, peak {score.max_rss_mb:,.0f} MB"
    )
    print(f"  floor (plain numpy script, same CSV): {floor.median_s:.2f} s, "
          f"peak {floor.max_rss_mb:,.0f} MB")  # fmt: skip
    print(f"  ratio {ratio:.1f} (budget {BUDGET_RATIO:g}): {'PASS' if ok else 'FAIL'}")
    return ok


def scaling_bench() -> bool:
    import subprocess

    def write_schedule(path: Path, n_lines: int) -> None:
        """In a child process, so that this one stays small: a child forked from it would
        report this process's memory as part of its own peak."""
        script = str(ROOT / "scripts" / "make_schedule.py")
        command = [sys.executable, script, "-o", str(path), "--lines", str(n_lines)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    print("scaling: evaluator score, one fresh process each (time, peak memory)")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        text = SCHEDULE.read_text()
        for lines in (1_000, 10_000, 50_000, MILLION):
            csv = base / f"s{lines}.csv"
            write_schedule(csv, n_lines=lines)
            proposal = base / f"s{lines}.yaml"
            proposal.write_text(text.replace("schedules/synthetic_20000.csv", csv.name))
            extra = ("--max-lines", str(lines), "--memory-budget", "2048") if lines > 50_000 else ()
            elapsed, rss = run_once(score_command(proposal, DRAWS, *extra))
            print(f"  {lines:>9,} lines x {DRAWS:,} draws: {elapsed:6.2f} s, {rss:6,.0f} MB")
            if lines == MILLION:
                floor, floor_rss = run_once(floor_command(DRAWS, csv))
                ok = elapsed < MILLION_SECONDS and rss < MILLION_MB
                print(f"    floor (plain numpy script, same CSV): {floor:.2f} s, "
                      f"{floor_rss:,.0f} MB; ratio {elapsed / floor:.1f}")  # fmt: skip
                print(f"    budget under {MILLION_SECONDS:g} s and {MILLION_MB:,.0f} MB: "
                      f"{'PASS' if ok else 'FAIL'}")  # fmt: skip
    print(f"  {20_000:>9,} lines x {MILLION:,} draws: refused (--draws is at most 100,000)")
    for draws in (1_000, 10_000, 100_000):
        elapsed, rss = run_once(score_command(SCHEDULE, draws))
        print(f"  {20_000:>9,} lines x {draws:,} draws: {elapsed:6.2f} s, {rss:6,.0f} MB")
    return ok


def main() -> int:
    ok = score_bench()
    ok = scaling_bench() and ok
    print()
    from bench_economics import main as kernel_bench

    kernel_status = kernel_bench([])
    print()
    from bench_general_equilibrium import main as ge_bench

    ge_status = ge_bench()
    print()
    from bench_brief import main as brief_bench

    brief_status = brief_bench()
    print()
    from bench_compare import main as compare_bench

    compare_status = compare_bench()
    print()
    from bench_studio import main as studio_bench

    studio_status = studio_bench()
    print()
    from bench_sweep import main as sweep_bench

    sweep_status = sweep_bench()
    statuses = (kernel_status, ge_status, brief_status, compare_status, studio_status, sweep_status)
    return 0 if ok and not any(statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
