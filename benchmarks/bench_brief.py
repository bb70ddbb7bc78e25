"""Benchmark: PDF briefs, each beside its floor (issue 16).

1. ``evaluator brief`` of a typical proposal (Rodrik's guest-worker scheme) as a fresh process,
   against bare WeasyPrint rendering the brief's own HTML in a fresh process (import, render,
   write): medians of paired runs; budget at most 1.2 times the floor.
2. 20 briefs in one command, ``--jobs 2`` against ``--jobs 1`` (copies of four examples, 2,000
   draws each): medians of paired runs; budget at most 0.6 times.
3. For information: 20 briefs in one process through ``render_brief()``, the API the README
   documents (evaluate, charts, HTML, PDF, atomic write).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paired import paired

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "proposals" / "guest_worker_rodrik.yaml"
BATCH = ("guest_worker_rodrik", "us_h2a", "nz_rse", "cptpp_style")
BUDGET_RATIO, BUDGET_JOBS = 1.2, 0.6
ROUNDS = 5
DATE = "2026-11-22"
WEASYPRINT_ALONE = """
import sys, weasyprint
from evaluator.assets import asset_dir
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=str(asset_dir("templates")) + "/").write_pdf(sys.argv[2])
"""
EVALUATOR = [sys.executable, "-m", "evaluator"]


def main() -> int:
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal
    from evaluator.report.pdf import render_brief, render_html

    print("PDF briefs")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        html = out / "brief.html"
        html.write_text(render_html(evaluate(load_proposal(TYPICAL))), encoding="utf-8")
        one = paired(
            {
                "brief": [*EVALUATOR, "brief", str(TYPICAL), "-o", str(out / "b.pdf"), "--force"],
                "bare": [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(out / "w.pdf")],
            },
            ROUNDS,
        )
        ratio = one["brief"].median_s / one["bare"].median_s
        print(
            f"  typical brief, fresh process: {one['brief'].median_s:.2f} s; bare WeasyPrint on "
            f"its HTML: {one['bare'].median_s:.2f} s; ratio {ratio:.2f} (budget {BUDGET_RATIO:g})"
        )
        for k in range(20):
            name = BATCH[k % len(BATCH)]
            shutil.copy(ROOT / "proposals" / f"{name}.yaml", out / f"{k:02d}_{name}.yaml")
        files = sorted(str(p.name) for p in out.glob("??_*.yaml"))
        batch = [*EVALUATOR, "brief", *files, "--draws", "2000", "--date", DATE, "--force"]
        twenty = paired(
            {
                "serial": [*batch, "-o", "serial", "--jobs", "1"],
                "two": [*batch, "-o", "two", "--jobs", "2"],
            },
            3,
            cwd=out,
        )
        same = all(
            (out / "serial" / name).read_bytes() == (out / "two" / name).read_bytes()
            for name in (Path(f).stem + ".pdf" for f in files)
        )
        jobs_ratio = twenty["two"].median_s / twenty["serial"].median_s
        print(
            f"  20 briefs in one command: --jobs 1 {twenty['serial'].median_s:.1f} s, --jobs 2 "
            f"{twenty['two'].median_s:.1f} s; ratio {jobs_ratio:.2f} (budget {BUDGET_JOBS:g}); "
            f"same bytes: {'yes' if same else 'NO'}"
        )
        proposal = load_proposal(TYPICAL)
        start = time.perf_counter()
        for seed in range(20):
            render_brief(evaluate(proposal, seed=seed), out / f"api{seed}.pdf")
        api_s = time.perf_counter() - start
        print(f"  20 briefs in one process through render_brief(): {api_s:.1f} s (no budget)")
    ok = ratio <= BUDGET_RATIO and jobs_ratio <= BUDGET_JOBS and same
    print(f"  budget: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
