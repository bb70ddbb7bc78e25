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
        "studio: pause in typing -> scores, then recommendations, on screen "
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
    in_browser = browser_latency()
    return 0 if ok and in_browser else 1


CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WATCH = """() => {
  window.benchSettled = [];
  document.addEventListener("keydown", () => { window.benchKey = performance.now(); }, true);
  document.body.addEventListener("htmx:afterSettle", (event) =>
    window.benchSettled.push([event.detail.elt.id, performance.now()]));
}"""
"""Record, on the page's own clock, when a key goes down and when each htmx swap settles (by the
element it filled)."""


def browser_latency() -> bool:
    """The same in Debian's Chromium, end to end: a key typed into the editor of each NAFTA
    example (the largest) and the time, on the page's clock, until the results and then the
    recommendations re-scored for that text are on screen. True when within budget or when
    Chromium or Playwright is missing (said so)."""
    import shutil
    import socket
    import threading

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import uvicorn
        from playwright.sync_api import sync_playwright

        from evaluator.studio.app import create_app
    except ImportError:
        chromium = None
    if chromium is None:
        print("studio in Chromium: skipped (needs chromium, playwright and the studio extra)")
        return True
    token = "t" * 43
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(PROPOSALS, token, frozenset({f"127.0.0.1:{port}"}))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    print("studio in Chromium: key typed -> scores, then recommendations, on screen (median)")
    worst = 0.0
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=chromium, args=CHROMIUM_FLAGS, headless=True
            )
            page = browser.new_page()
            for name in ("nafta_us_1994.yaml", "nafta_canada_1994.yaml"):
                page.goto(f"http://127.0.0.1:{port}/edit?path={name}&token={token}")
                page.wait_for_selector("#recommendations")
                page.evaluate(WATCH)
                page.locator(".cm-content").click()
                page.keyboard.press("Control+End")
                scores, advice = [], []
                for k in range(EDITS):
                    page.wait_for_load_state("networkidle")
                    page.evaluate("window.benchSettled = []")
                    page.keyboard.type("#" if k == 0 else str(k))
                    page.wait_for_function(
                        "window.benchSettled.some(([id]) => id === 'recommendations-slot')"
                    )
                    settled = dict(page.evaluate("window.benchSettled"))
                    typed = float(page.evaluate("window.benchKey"))
                    scores.append((settled["results"] - typed) / 1000)
                    advice.append((settled["recommendations-slot"] - typed) / 1000)
                worst = max(worst, statistics.median(advice))
                print(
                    f"  {name:28s} scores {statistics.median(scores) * 1000:4.0f} ms, "
                    f"recommendations {statistics.median(advice) * 1000:4.0f} ms"
                )
            browser.close()
    finally:
        server.should_exit = True
    ok = worst <= BUDGET_S
    print(f"  budget (300 ms): {'PASS' if ok else 'FAIL'} (worst {worst * 1000:.0f} ms)")
    return ok


if __name__ == "__main__":
    sys.exit(main())
