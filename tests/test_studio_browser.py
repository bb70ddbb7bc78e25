"""The studio in a real browser: Debian's Chromium driven by Playwright.

A server runs in a thread on a free port; the browser types into the editor, sees a diagnostic
at the right line, fixes it, sees the scores, applies a recommendation, compares, downloads the
brief and checks that it opens. Every page is screenshotted and checked for content.
"""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (make test installs it)", allow_module_level=True
    )

from evaluator.studio.app import create_app  # noqa: E402
from tests.conftest import PROPOSALS  # noqa: E402

TOKEN = "b" * 43
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium tries to reach Google's hosts at start."""
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    import uvicorn

    workspace = tmp_path_factory.mktemp("workspace")
    for name in ("guest_worker_rodrik.yaml", "rebalanced_agreement.yaml", "us_h2a.yaml"):
        shutil.copy(PROPOSALS / name, workspace / name)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
    app = create_app(workspace, TOKEN, hosts)
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", workspace
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: tuple[str, Path]) -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 900}
        )
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        yield tab
        browser.close()


def _not_blank(png: bytes) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20, "the screenshot is blank"


def _score(page: Any, dimension: str) -> str:
    return str(page.locator(f'#scores tr[data-dimension="{dimension}"] td.score').inner_text())


def test_draft_see_diagnostics_fix_apply_and_download(
    page: Any, server: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = server
    page.goto(f"{base}/edit?path=us_h2a.yaml&token={TOKEN}")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#scores")
    _not_blank(page.screenshot(path=str(tmp_path / "editor.png")))
    before = _score(page, "overall")

    lines = page.evaluate("Studio.text()").count("\n")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("bogus_field: 1")
    marker = page.wait_for_selector(".cm-lint-marker-error")
    assert marker is not None
    page.wait_for_selector("#problems")
    problem = page.locator("#problems a.goto").first
    assert problem.get_attribute("data-line") == str(lines + 1)
    assert "bogus_field" in page.locator("#problems").inner_text()

    for _ in range(len("bogus_field: 1")):
        page.keyboard.press("Backspace")
    page.wait_for_selector("#problems", state="detached")
    page.wait_for_selector(".cm-lint-marker-error", state="detached")
    page.wait_for_selector("#scores")

    page.wait_for_load_state("networkidle")
    page.locator("button.apply").first.click()
    page.wait_for_selector("#scores td.delta")
    assert page.locator("#status").inner_text().startswith("applied")
    after = _score(page, "overall")
    assert after != before, (before, after)

    with page.expect_download() as download:
        page.locator("#pdf").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_index_and_compare(page: Any, server: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = server
    page.goto(f"{base}/?token={TOKEN}")
    page.wait_for_selector("a.open")
    _not_blank(page.screenshot(path=str(tmp_path / "index.png")))
    page.locator('input[value="guest_worker_rodrik.yaml"]').check()
    page.locator('input[value="rebalanced_agreement.yaml"]').check()
    page.locator("#compare").click()
    page.wait_for_selector("#beats")
    assert "%" in page.locator("#beats").inner_text()
    _not_blank(page.screenshot(path=str(tmp_path / "compare.png"), full_page=True))
