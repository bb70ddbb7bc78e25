"""Benchmark: ``evaluator compare`` of 10 proposals with the comparison PDF, as users run it.

A fresh process loads, evaluates (10,000 paired draws each), compares and renders the PDF,
beside its floor measured in the same rounds: bare WeasyPrint rendering the comparison's own
HTML (charts included) in a fresh process (import, render, write). Medians of paired runs.
Budgets (issue 16): under 3 s; and, so that the figure is read against what it cannot go
below, the ratio to the floor.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_brief import WEASYPRINT_ALONE
from paired import paired

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 3.0
ROUNDS = 3


def main() -> int:
    from evaluator.comparison import compare
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal
    from evaluator.report.comparison_context import comparison_charts
    from evaluator.report.comparison_pdf import render_comparison_html

    files = sorted(str(p) for p in (ROOT / "proposals").glob("*.yaml"))
    files = [f for f in files if "synthetic" not in f][:8]
    files += files[:2]  # ten: the eight examples and two of them again
    comparison = compare([evaluate(load_proposal(f), levers=False) for f in files])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        html = out / "comparison.html"
        page = render_comparison_html(comparison, charts=comparison_charts(comparison))
        html.write_text(page, encoding="utf-8")
        command = [sys.executable, "-m", "evaluator", "compare", *files, "-o", str(out / "c.pdf")]
        bare = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(out / "w.pdf")]
        timings = paired({"compare": [*command, "--force"], "bare": bare}, ROUNDS)
    timing, floor = timings["compare"], timings["bare"]
    ok = timing.median_s < BUDGET_S
    print("Comparison")
    print(
        f"  evaluator compare of 10 proposals with the PDF, fresh process: {timing.median_s:.2f} s,"
        f" peak {timing.max_rss_mb:,.0f} MB; budget {BUDGET_S:g} s: {'PASS' if ok else 'FAIL'}"
    )
    print(
        f"  floor (bare WeasyPrint on the comparison's HTML, charts drawn): "
        f"{floor.median_s:.2f} s; ratio {timing.median_s / floor.median_s:.2f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
