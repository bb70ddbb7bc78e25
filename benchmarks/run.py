"""`make bench`: scoring the 20,000-line schedule with 10,000 draws, against its budgets.

Measured in one run:

1. **model**: ``evaluate()`` in-process on ``proposals/synthetic_schedule.yaml`` (already loaded),
   best of 5 wall-clock times and the tracemalloc peak. Budget: < 1 s and < 400 MB.
2. **process**: ``evaluator score ... --format json`` as a fresh process, wall time and its
   maximum resident set size. Budget: < 2 s.
3. **comparator**: a numpy matrix product of the same shape, ``(lines x 2) @ (2 x draws)``, i.e.
   forming the lines x draws matrix a naive evaluation needs (in blocks of 1,000 lines, so it
   fits in memory), and the model's time as a ratio of it.

Then the kernel-level benchmark (``bench_economics.py``) runs with its own comparators, then the
general-equilibrium solve (``bench_general_equilibrium.py``), the briefs and the comparison.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SCHEDULE = ROOT / "proposals" / "synthetic_schedule.yaml"
DRAWS = 10_000
BLOCK = 1_000
BUDGET_MODEL_S, BUDGET_MODEL_MB, BUDGET_PROCESS_S = 1.0, 400.0, 2.0


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal

    proposal = load_proposal(SCHEDULE)
    lines = len(proposal.tariffs.lines) if proposal.tariffs else 0
    model_s = best_of(lambda: evaluate(proposal, draws=DRAWS))
    tracemalloc.start()
    evaluate(proposal, draws=DRAWS)
    model_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    command = [sys.executable, "-m", "evaluator", "score", str(SCHEDULE), "--format", "json"]
    command += ["--draws", str(DRAWS)]
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    process_s = min(runs)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    rng = np.random.default_rng(0)
    left, right = rng.random((BLOCK, 2)), rng.random((2, DRAWS))

    def matmul() -> None:
        for _ in range(lines // BLOCK):
            left @ right

    matmul_s = best_of(matmul, 3)
    ok = model_s < BUDGET_MODEL_S and model_mb < BUDGET_MODEL_MB and process_s < BUDGET_PROCESS_S
    print(f"evaluator score: {lines:,} tariff lines x {DRAWS:,} draws")
    print(f"  model (evaluate, in-process): {model_s * 1000:,.1f} ms, peak {model_mb:,.1f} MB")
    print(f"  whole process (fresh python): {process_s * 1000:,.0f} ms, max RSS {rss_mb:,.0f} MB")
    print(f"  numpy matmul ({lines:,}x2)@(2x{DRAWS:,}): {matmul_s * 1000:,.1f} ms")
    print(f"  model / matmul: {model_s / matmul_s:.2f}")
    print(
        f"  budget (model < {BUDGET_MODEL_S:g} s and < {BUDGET_MODEL_MB:g} MB, "
        f"process < {BUDGET_PROCESS_S:g} s): {'PASS' if ok else 'FAIL'}"
    )
    print()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
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
    statuses = (kernel_status, ge_status, brief_status, compare_status, studio_status)
    return 0 if ok and not any(statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
