"""Every example proposal's result is committed; a change in any number shows up here.

Regenerate after a deliberate change with ``pytest tests/test_golden.py --update-golden`` and
review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from tests.conftest import GOLDEN, PROPOSALS, ROOT

EXAMPLES = sorted(p.stem for p in PROPOSALS.glob("*.yaml"))


def _close(actual: Any, expected: Any, where: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        if actual.keys() != expected.keys():
            return [f"{where}: keys {sorted(actual)} != {sorted(expected)}"]
        return [d for k in expected for d in _close(actual[k], expected[k], f"{where}.{k}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(actual) != len(expected):
            return [f"{where}: {len(actual)} items != {len(expected)}"]
        return [
            d
            for i, (a, e) in enumerate(zip(actual, expected, strict=True))
            for d in _close(a, e, f"{where}[{i}]")
        ]
    if isinstance(expected, float) and isinstance(actual, float):
        return (
            []
            if math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)
            else [f"{where}: {actual!r} != {expected!r}"]
        )
    return [] if actual == expected else [f"{where}: {actual!r} != {expected!r}"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_matches_its_golden_result(
    name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = evaluate(load_proposal(Path("proposals") / f"{name}.yaml"))
    actual = result.model_dump(mode="json")
    actual["provenance"].pop("version")
    golden = GOLDEN / f"{name}.json"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2) + "\n")
    expected = json.loads(golden.read_text())
    assert _close(actual, expected) == []


def test_every_golden_has_an_example() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == EXAMPLES
