"""Benchmark: ``evaluator compare`` of 10 proposals with the comparison PDF, as users run it.

A fresh process loads, evaluates (10,000 paired draws each), compares and renders the PDF:
median of 3 runs; budget under 3 s (issue 16).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paired import paired

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 3.0


def main() -> int:
    files = sorted(str(p) for p in (ROOT / "proposals").glob("*.yaml"))
    files = [f for f in files if "synthetic" not in f][:8]
    files += files[:2]  # ten: the eight examples and two of them again
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "comparison.pdf"
        command = [sys.executable, "-m", "evaluator", "compare", *files, "-o", str(target)]
        timing = paired({"compare": [*command, "--force"]}, 3)["compare"]
    ok = timing.median_s < BUDGET_S
    print("Comparison")
    print(
        f"  evaluator compare of 10 proposals with the PDF, fresh process: {timing.median_s:.2f} s,"
        f" peak {timing.max_rss_mb:,.0f} MB; budget {BUDGET_S:g} s: {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
