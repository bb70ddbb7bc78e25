"""Charts drawn in a forked child while WeasyPrint loads: same bytes, and a safe fallback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models.result import Evaluation
from evaluator.report.chart_worker import ChartJob
from evaluator.report.context import Charts, draw_charts
from evaluator.report.pdf import brief_pdf
from tests.conftest import PROPOSALS, ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
GUEST = PROPOSALS / "guest_worker_rodrik.yaml"


@pytest.fixture(scope="module")
def guest() -> Evaluation:
    return evaluate(load_proposal(GUEST), draws=2000)


def test_a_forked_child_draws_the_same_charts(guest: Evaluation) -> None:
    job = ChartJob(guest, draw_charts)
    job.fork()
    assert job._child is not None
    assert job.result() == draw_charts(guest)


def test_a_failing_child_leaves_the_drawing_to_the_parent(guest: Evaluation) -> None:
    parent = os.getpid()

    def draw(evaluation: Evaluation) -> Charts:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return {"scores": "drawn by the parent"}

    job = ChartJob(guest, draw)
    job.fork()
    assert job.result() == {"scores": "drawn by the parent"}


def test_the_command_forks_and_writes_the_same_bytes_as_the_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh process has not imported matplotlib, so on Linux with two cores it forks.
    target = tmp_path / "guest.pdf"
    command = [sys.executable, "-m", "evaluator", "brief", "proposals/guest_worker_rodrik.yaml"]
    command += ["-o", str(target), "--date", "2026-11-22", "--draws", "2000"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    monkeypatch.chdir(ROOT)  # the brief names the input file as given
    evaluation = evaluate(load_proposal(Path("proposals/guest_worker_rodrik.yaml")), draws=2000)
    assert target.read_bytes() == brief_pdf(evaluation, date=dt.date(2026, 11, 22))


def test_the_comparison_command_forks_and_writes_the_same_bytes_as_the_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluator.comparison import compare
    from evaluator.report.comparison_pdf import comparison_pdf_bytes

    names = ["proposals/guest_worker_rodrik.yaml", "proposals/us_h2a.yaml"]
    target = tmp_path / "comparison.pdf"
    command = [sys.executable, "-m", "evaluator", "compare", *names, "-o", str(target)]
    command += ["--date", "2026-11-22", "--draws", "2000"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    monkeypatch.chdir(ROOT)
    results = [evaluate(load_proposal(Path(n)), draws=2000, levers=False) for n in names]
    api = comparison_pdf_bytes(compare(results), date=dt.date(2026, 11, 22))
    assert target.read_bytes() == api
