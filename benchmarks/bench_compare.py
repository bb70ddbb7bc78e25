"""Benchmark: compare 10 proposals and render the comparison PDF in one process.

Budget: under 5 s for loading, evaluating (10,000 paired draws each), comparing and rendering,
in a process that has already imported the tool (as ``evaluator compare`` would be).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 5.0


def main() -> int:
    from evaluator.comparison import compare
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal
    from evaluator.report.comparison_pdf import render_comparison_html
    from evaluator.report.pdf import pdf_bytes

    files = sorted((ROOT / "proposals").glob("*.yaml"))
    files = (files * 2)[:10]
    start = time.perf_counter()
    results = [evaluate(load_proposal(f), levers=False) for f in files]
    comparison = compare(results)
    evaluated = time.perf_counter() - start
    pdf = pdf_bytes(render_comparison_html(comparison))
    total = time.perf_counter() - start
    ok = total < BUDGET_S
    print("Comparison")
    print(
        f"  10 proposals: evaluate and compare {evaluated:.2f} s; with the PDF {total:.2f} s "
        f"({len(pdf):,} bytes); budget {BUDGET_S:g} s: {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
