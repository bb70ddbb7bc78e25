"""The studio's live latency: from a pause in typing to everything on screen, per example.

What the page does after a pause: the results panel posts the text (after its debounce), the
server loads it (or takes it from the linter's load of the same text) and scores it without
the recommendations, which follow in a second request as soon as the scores are on screen.
The budget (issue 15) covers both: scores and recommendations on screen within 300 ms of the
pause. Measured in-process with the framework's test client, each time on a new text (no
cache of the result), as the median of several edits, the debounce included.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "proposals"
TEMPLATE = ROOT / "evaluator" / "studio" / "templates" / "edit.html.j2"
DEBOUNCE_S = (
    int(re.search(r"studio-changed from:body delay:(\d+)ms", TEMPLATE.read_text())[1]) / 1000
)
"""The results panel's debounce, as the page has it."""
BUDGET_S = 0.300
EDITS = 7


def main() -> int:
    try:
        from fastapi.testclient import TestClient
    except ImportError:
        print("studio latency: skipped (pip install 'evaluator[studio]' httpx2)")
        return 0
    from evaluator.studio.app import create_app

    token = "t" * 43
    client = TestClient(
        create_app(PROPOSALS, token, frozenset({"127.0.0.1:1"})), base_url="http://127.0.0.1:1"
    )
    auth = {"Authorization": f"Bearer {token}"}
    print(
        "studio: pause in typing -> scores on screen "
        f"(median of edits; debounce {DEBOUNCE_S * 1000:.0f} ms)"
    )
    worst = 0.0
    for file in sorted(PROPOSALS.glob("*.yaml")):
        if file.stem == "synthetic_schedule":
            continue
        text = file.read_text()
        times, recs = [], []
        for k in range(EDITS + 1):
            edited = f"{text}\n# edit {k}\n"
            form = {"text": edited, "path": file.name}
            start = time.perf_counter()
            client.post("/ui/results", data=form, headers=auth)
            middle = time.perf_counter()
            client.post("/ui/recommendations", data=form, headers=auth)
            end = time.perf_counter()
            if k:
                times.append(middle - start)
                recs.append(end - middle)
        shown = DEBOUNCE_S + statistics.median(times)
        advised = shown + statistics.median(recs)
        worst = max(worst, advised)
        print(
            f"  {file.name:28s} scores {shown * 1000:4.0f} ms, recommendations "
            f"{advised * 1000:4.0f} ms (server {statistics.median(times) * 1000:3.0f} + "
            f"{statistics.median(recs) * 1000:3.0f} ms)"
        )
    ok = worst <= BUDGET_S
    print(
        "  budget (everything on screen 300 ms after the pause, for every example): "
        f"{'PASS' if ok else 'FAIL'} (worst {worst * 1000:.0f} ms)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
