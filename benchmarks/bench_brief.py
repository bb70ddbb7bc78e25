"""Benchmark: PDF briefs against their budgets.

1. A typical brief (Rodrik's guest-worker scheme) as a fresh process, ``evaluator brief``:
   budget under 2 s, and within 1.6x of WeasyPrint alone rendering the same HTML in a fresh
   process (import + render + write).
2. 100 typical briefs in one process (evaluate + charts + HTML + PDF, seeds 0-99): budget
   under 60 s. For information, also 100 briefs alternating the typical one with the heavier
   NAFTA brief (three charts, 15 policy-space findings, ten recommendations): no budget.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluator.models.proposal import Proposal

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "proposals" / "guest_worker_rodrik.yaml"
BUDGET_FRESH_S, BUDGET_RATIO, BUDGET_HUNDRED_S = 2.0, 1.6, 60.0
WEASYPRINT_ALONE = """
import sys, weasyprint
from evaluator.assets import asset_dir
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=str(asset_dir("templates")) + "/").write_pdf(sys.argv[2])
"""


def _best(command: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def _hundred(proposals: list[Proposal]) -> float:
    """Seconds for 100 briefs in this process, cycling through ``proposals`` (seeds 0-99)."""
    from evaluator.evaluation import evaluate
    from evaluator.report.pdf import pdf_bytes, render_html

    start = time.perf_counter()
    for index in range(100):
        result = evaluate(proposals[index % len(proposals)], seed=index)
        pdf_bytes(render_html(result))
    return time.perf_counter() - start


def main() -> int:
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal
    from evaluator.report.pdf import render_html

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        brief_s = _best(
            [
                sys.executable,
                "-m",
                "evaluator",
                "brief",
                str(TYPICAL),
                "-o",
                str(out / "b.pdf"),
                "--force",
            ]
        )
        html_path = out / "brief.html"
        html_path.write_text(render_html(evaluate(load_proposal(TYPICAL))), encoding="utf-8")
        alone_s = _best(
            [sys.executable, "-c", WEASYPRINT_ALONE, str(html_path), str(out / "w.pdf")]
        )

    typical = load_proposal(TYPICAL)
    nafta = load_proposal(ROOT / "proposals" / "nafta_us_1994.yaml")
    hundred_s = _hundred([typical])
    mixed_s = _hundred([typical, nafta])
    ratio = brief_s / alone_s
    ok = brief_s < BUDGET_FRESH_S and ratio < BUDGET_RATIO and hundred_s < BUDGET_HUNDRED_S
    print("PDF briefs")
    print(f"  typical brief, fresh process: {brief_s:.2f} s (budget {BUDGET_FRESH_S:g} s)")
    print(
        f"  WeasyPrint alone, same HTML, fresh process: {alone_s:.2f} s; ratio {ratio:.2f} "
        f"(budget {BUDGET_RATIO:g})"
    )
    print(f"  100 typical briefs in one process: {hundred_s:.1f} s (budget {BUDGET_HUNDRED_S:g} s)")
    print(f"  100 briefs alternating with the NAFTA brief: {mixed_s:.1f} s (no budget)")
    print(f"  budget: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
