"""The generated sentences of every example's brief read as sentences: checked mechanically."""

from __future__ import annotations

import re

import pytest

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.report.narrative import bottom_line, pcbr_paragraphs, recommendations
from tests.conftest import PROPOSALS

EXAMPLES = sorted(p.stem for p in PROPOSALS.glob("*.yaml"))
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _problems(sentence: str) -> list[str]:
    found = []
    if not re.match(r"[A-Z0-9$\u2212-]", sentence):
        found.append("does not start with a capital")
    if re.search(r" \.(?!\.\.)", sentence):
        found.append("a space before a full stop")
    for bad in ("  ", " ,", "( ", " )", ",,", "[]", "()"):
        if bad in sentence:
            found.append(f"contains {bad!r}")
    if re.search(r"(?<!\.)\.\.(?!\.)", sentence):
        found.append("a doubled full stop")
    if sentence.count("(") != sentence.count(")"):
        found.append("unbalanced parentheses")
    if SNAKE.search(sentence):
        found.append(f"code name {SNAKE.search(sentence).group(0)!r}")  # type: ignore[union-attr]
    if re.search(r"\b(a|an) (a|an|the)\b", sentence):
        found.append("doubled article")
    return found


@pytest.mark.parametrize("name", EXAMPLES)
def test_page_one_and_economics_sentences_read_well(name: str) -> None:
    result = evaluate(load_proposal(PROPOSALS / f"{name}.yaml"), draws=400)
    sentences = [*bottom_line(result), *pcbr_paragraphs(result)]
    sentences += [f"{r['title']}: {r['text']}" for r in recommendations(result)]
    problems = {s: _problems(s) for s in sentences}
    assert {s: p for s, p in problems.items() if p} == {}


def test_key_provisions_of_a_schedule_without_trade() -> None:
    from evaluator.models import Proposal
    from evaluator.provisions import key_provisions

    proposal = Proposal.model_validate(
        {
            "schema_version": 1,
            "title": "t",
            "kind": "trade_agreement",
            "parties": ("USA", "MEX"),
            "evaluated_for": "USA",
            "economy": {"gdp_usd": 1e12},
            "tariffs": {
                "elasticity": 1.5,
                "lines": (
                    {"sector": "Rice", "imports_usd": 0.0, "base_rate": 0.1, "final_rate": 0},
                ),
            },
        }
    )
    (row,) = key_provisions(proposal)
    assert row.what == "1 line covering $0 of imports"
