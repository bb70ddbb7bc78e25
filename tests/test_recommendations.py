"""Recommendations are re-scored edits: applying each edit and re-scoring gives its change."""

from __future__ import annotations

import pytest

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models import Proposal
from evaluator.recommend import EditError, apply_edits, condition_edits
from evaluator.rubric.format import Leaf
from tests.conftest import PROPOSALS

DRAWS = 1000
EXAMPLES = sorted(p.stem for p in PROPOSALS.glob("*.yaml"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_recommendation_is_what_re_scoring_its_edit_gives(name: str) -> None:
    proposal = load_proposal(PROPOSALS / f"{name}.yaml")
    base = evaluate(proposal, draws=DRAWS)
    assert base.overall is not None
    items = [*base.recommendations]
    if base.best_combination is not None:
        items.append(base.best_combination)  # type: ignore[arg-type]
    for item in items:
        assert item.edits, item.title
        variant, _ = apply_edits(proposal, {e.path: e.value for e in item.edits})
        again = evaluate(variant, draws=DRAWS, levers=False)
        assert again.overall is not None
        change = again.overall.score - base.overall.score
        assert item.overall_change == pytest.approx(change, abs=0.5), item.title
        for dimension, moved in item.dimension_changes.items():
            before, after = base.dimensions[dimension], again.dimensions[dimension]
            assert before is not None and after is not None
            assert moved == pytest.approx(after.score - before.score, abs=0.5)
    changes = [r.overall_change or 0.0 for r in base.recommendations]
    assert changes == sorted(changes, reverse=True)
    assert all(c > 0 for c in changes)


def test_rules_already_satisfied_are_never_recommended() -> None:
    proposal = load_proposal(PROPOSALS / "rebalanced_agreement.yaml")
    result = evaluate(proposal, draws=DRAWS)
    fired = {f.rule for f in result.findings if f.points is not None and f.points > 0}
    assert not fired & {r.rule for r in result.recommendations if r.kind == "provision"}


def test_nafta_recommendations_name_their_edits() -> None:
    result = evaluate(load_proposal(PROPOSALS / "nafta_us_1994.yaml"), draws=DRAWS)
    by_rule = {r.rule: r for r in result.recommendations if r.rule}
    enforce = by_rule["labor_enforceable"]
    assert [(e.path, e.value) for e in enforce.edits] == [("labor.enforceable", True)]
    # Taking ISDS out also drops the scope the validator would otherwise refuse.
    isds = by_rule["isds"]
    assert {(e.path, e.value) for e in isds.edits} == {
        ("investment.isds", False),
        ("investment.isds_scope", None),
    }
    assert isds.kind == "remove_provision" and isds.dimension_changes["policy_space"] > 0
    combo = result.best_combination
    assert combo is not None and combo.overall_change is not None
    assert combo.overall_change >= result.recommendations[0].overall_change  # type: ignore[operator]


def test_edits_that_do_not_validate_are_refused() -> None:
    proposal = load_proposal(PROPOSALS / "cptpp_style.yaml")
    with pytest.raises(EditError):
        apply_edits(proposal, {"labor.chapter": "sometimes"})
    with pytest.raises(EditError):
        apply_edits(proposal, {"nonsense.field": 1})


def test_condition_edits_for_each_operator() -> None:
    proposal = Proposal.model_validate(
        {
            "schema_version": 1,
            "title": "t",
            "kind": "mixed",
            "parties": ("USA",),
            "evaluated_for": "USA",
            "labor": {"chapter": "side_agreement"},
        }
    )

    def leaf(**kw: object) -> Leaf:
        return Leaf.model_validate({"field": "labor.chapter", **kw})

    assert condition_edits(leaf(equals="chapter"), True, proposal) == {"labor.chapter": "chapter"}
    assert condition_edits(leaf(equals="side_agreement"), True, proposal) == {}
    assert condition_edits(leaf(present=True), False, proposal) == {"labor.chapter": None}
    assert condition_edits(leaf(equals="chapter"), False, proposal) == {}


def _stub(**sections: object) -> Proposal:
    return Proposal.model_validate(
        {
            "schema_version": 1,
            "title": "stub",
            "kind": "mixed",
            "parties": ("USA", "MEX"),
            "evaluated_for": "USA",
            **sections,
        }
    )


def test_a_labour_chapter_alone_is_not_assessed_on_what_it_does_not_touch() -> None:
    result = evaluate(_stub(labor={"chapter": "chapter", "enforceable": True}), draws=200)
    assert result.dimensions["labor_voice"] is not None
    for dimension in ("efficiency", "redistribution", "policy_space"):
        assert result.dimensions[dimension] is None
        assert result.not_assessed[dimension]
    assert result.overall is not None
    assert result.overall.score == result.dimensions["labor_voice"].score  # type: ignore[union-attr]
    assert set(result.overall.left_out) == {"efficiency", "redistribution", "policy_space"}


def test_a_visa_scheme_that_leaves_quota_control_open_has_no_policy_space_score() -> None:
    mobility = {
        "host": "USA",
        "origins": ({"country": "MEX", "annual_quota": 1000, "place_premium": 3.0},),
        "visa_years": 1,
        "competing_workforce": 1e6,
        "competing_wage_usd": 35000,
        "wage_floor": "prevailing",
    }
    open_scheme = evaluate(_stub(mobility=mobility, economy={"gdp_usd": 2e13}), draws=200)
    assert open_scheme.dimensions["policy_space"] is None
    assert "mobility.quota_set_by" in open_scheme.not_assessed["policy_space"]
    host = evaluate(
        _stub(mobility={**mobility, "quota_set_by": "host"}, economy={"gdp_usd": 2e13}),
        draws=200,
    )
    assert host.dimensions["policy_space"] is not None
