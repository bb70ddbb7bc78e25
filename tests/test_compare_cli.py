"""`evaluator compare` on the essay's three alternatives, through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import BROKEN, PROPOSALS

Run = Callable[..., Result]
THREE = [
    str(PROPOSALS / f"{n}.yaml")
    for n in ("nafta_us_1994", "rebalanced_agreement", "guest_worker_rodrik")
]


def test_table_says_who_is_ahead_with_probabilities(run: Run) -> None:
    result = run("compare", *THREE, "--draws", "1000")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "P(first overall)" in out and "First under random weights" in out
    # alternatives are named by their short titles in sentences
    assert "Labor voice: Rebalanced agreement is ahead of NAFTA (US side) with P=1.00" in out
    assert "dominates NAFTA (US side)" in out
    assert "[3/3]" in result.stderr


def test_json_is_the_comparison_model(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    result = run("compare", *THREE, "--draws", "1000", "-f", "json", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text())
    assert {"alternatives", "ranking", "robustness", "pareto", "differences"} <= set(data)
    first = data["ranking"]["first"]["overall"]
    assert abs(sum(first) - 1.0) < 1e-9


def test_markdown(run: Run) -> None:
    out = run("compare", *THREE[:2], "--draws", "500", "-f", "markdown").stdout
    assert out.startswith("## Comparison under the balanced profile")


def test_needs_two_valid_files(run: Run) -> None:
    assert run("compare", THREE[0]).exit_code == 2
    bad = run("compare", THREE[0], str(BROKEN / "bad_choice.yaml"))
    assert bad.exit_code == 2 and "labor.chapter" in bad.stderr
    assert run("compare", *THREE[:2], "--profile", "nope").exit_code == 2


def test_pdf_output_and_no_overwrite(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "comparison.pdf"
    args = ("compare", *THREE, "--draws", "500", "-o", str(target), "--date", "2026-11-22")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    again = run(*args)
    assert again.exit_code == 2 and "--force" in again.stderr
