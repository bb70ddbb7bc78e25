"""The rubric format, its load-time checks and the three-valued engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluator.errors import ProposalError
from evaluator.models import Proposal
from evaluator.rubric.engine import apply_rubric, truth
from evaluator.rubric.format import Leaf
from evaluator.rubric.library import load_rubric, load_rubric_set
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rubrics"
MINI = FIXTURES / "mini"

BROKEN = {
    "unknown_operator": (16, 34, "rules[0].when.matches", "unknown operator 'matches'"),
    "unknown_field": (16, 19, "rules[0].when.field", "did you mean 'enforceable'?"),
    "bad_value": (16, 19, "rules[0].when.field", "did you mean 'side_agreement'?"),
    "unknown_key": (19, 5, "rules[0].weight", "unknown field 'weight'"),
    "missing_source": (19, 13, "rules[0].source", "'ilo2019' is not in sources"),
    "two_operators": (16, 11, "rules[0].when", "exactly one of present, equals"),
}


def test_every_broken_rubric_is_covered() -> None:
    assert sorted(BROKEN) == sorted(p.stem for p in (FIXTURES / "broken").glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_rubric_is_one_located_error(name: str) -> None:
    with pytest.raises(ProposalError) as caught:
        load_rubric(FIXTURES / "broken" / f"{name}.yaml")
    (problem,) = caught.value.problems
    line, col, path, fragment = BROKEN[name]
    assert problem.file.endswith(f"{name}.yaml")
    assert (problem.line, problem.col, problem.path) == (line, col, path)
    assert fragment in problem.message


def test_rubric_id_must_match_file_name(tmp_path: Path) -> None:
    text = (MINI / "mini_voice.yaml").read_text()
    (tmp_path / "other.yaml").write_text(text)
    with pytest.raises(ProposalError, match="must match the file name 'other'"):
        load_rubric(tmp_path / "other.yaml")


def _proposal(**sections: Any) -> Proposal:
    return Proposal.model_validate(
        {
            "schema_version": 1,
            "title": "t",
            "kind": "trade_agreement",
            "parties": ("USA", "MEX"),
            "evaluated_for": "USA",
            **sections,
        }
    )


def _leaf(**spec: Any) -> Leaf:
    return Leaf.model_validate(spec)


def test_missing_fields_are_unknown_not_false() -> None:
    empty = _proposal()
    assert truth(_leaf(field="labor.enforceable", equals=True), empty) is None
    assert truth(_leaf(field="labor", present=False), empty) is True
    assert truth(_leaf(field="labor", present=True), empty) is False


@pytest.mark.parametrize(
    "left, right, conjunction, disjunction",
    [
        (True, True, True, True),
        (True, False, False, True),
        (True, None, None, True),
        (False, None, False, None),
        (None, None, None, None),
        (False, False, False, False),
    ],
)
def test_kleene_truth_tables(
    left: bool | None, right: bool | None, conjunction: bool | None, disjunction: bool | None
) -> None:
    def leaf_for(value: bool | None, field: str) -> dict[str, Any]:
        return (
            {"field": field, "equals": True}
            if value is not None
            else {"field": "investment.isds", "equals": True}
        )

    labor = {"chapter": "chapter"}
    if left is not None:
        labor["enforceable"] = left  # type: ignore[assignment]
    if right is not None:
        labor["ilo_core_conventions"] = right  # type: ignore[assignment]
    proposal = _proposal(labor=labor)
    a = leaf_for(left, "labor.enforceable")
    b = leaf_for(right, "labor.ilo_core_conventions")
    from evaluator.rubric.format import AllOf, AnyOf, NotOf

    assert truth(AllOf.model_validate({"all": (a, b)}), proposal) is conjunction
    assert truth(AnyOf.model_validate({"any": (a, b)}), proposal) is disjunction
    negated = truth(NotOf.model_validate({"not": a}), proposal)
    assert negated is (None if left is None else not left)


def test_in_is_membership_for_scalars_and_overlap_for_lists() -> None:
    proposal = _proposal(
        labor={"chapter": "side_agreement", "complaint_standing": ("governments", "unions")}
    )
    assert truth(_leaf(field="labor.chapter", **{"in": ("side_agreement", "chapter")}), proposal)
    assert truth(_leaf(field="labor.complaint_standing", **{"in": ("unions",)}), proposal)
    assert not truth(_leaf(field="labor.complaint_standing", **{"in": ("ngos",)}), proposal)


def test_numeric_operators() -> None:
    proposal = _proposal(intellectual_property={"trips_plus": True, "data_exclusivity_years": 8})
    field = "intellectual_property.data_exclusivity_years"
    assert truth(_leaf(field=field, gte=8.0), proposal) is True
    assert truth(_leaf(field=field, lte=5.0), proposal) is False
    assert truth(_leaf(field=field, between=(5.0, 10.0)), proposal) is True


def test_rules_fire_miss_or_stay_unsettled() -> None:
    (loaded,) = load_rubric_set(MINI).rubrics
    proposal = _proposal(
        labor={"chapter": "side_agreement", "complaint_standing": ("governments",)},
        investment={"isds": True},
    )
    status = {o.rule.id: o.status for o in apply_rubric(loaded, proposal)}
    assert status["chapter_in_text"] == "missed"
    assert status["investors_only"] == "fired"
    assert status["enforceable_core"] == "unsettled"
    assert status["mobility_section"] == "missed"
