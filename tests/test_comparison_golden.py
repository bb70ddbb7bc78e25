"""The essay's comparison (NAFTA, the rebalanced agreement, the guest-worker scheme) is golden.

Regenerate after a deliberate change with
``pytest tests/test_comparison_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.comparison import compare
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from tests.conftest import GOLDEN, ROOT
from tests.test_golden import _close

ESSAY = ("nafta_us_1994", "rebalanced_agreement", "guest_worker_rodrik")


def test_essay_comparison_matches_its_golden_result(
    update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    results = [
        evaluate(load_proposal(Path("proposals") / f"{name}.yaml"), draws=2000, levers=False)
        for name in ESSAY
    ]
    actual = compare(results).model_dump(mode="json")
    golden = GOLDEN / "comparison" / "essay.json"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2) + "\n")
    expected = json.loads(golden.read_text())
    assert _close(actual, expected) == []
    first = actual["ranking"]["first"]["overall"]
    assert first[0] == 0.0  # NAFTA never ranks first
