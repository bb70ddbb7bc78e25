"""The four scores and the overall: scales, bands, weights and their invariants."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.errors import ProposalError
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models import Proposal
from evaluator.models.result import DimensionScore
from evaluator.rubric.library import default_rubric_set
from evaluator.schema import proposal_schema
from evaluator.scoring import (
    DIMENSIONS,
    WeightsError,
    interpolate,
    overall_score,
    resolve_weights,
)
from tests.conftest import PROPOSALS, ROOT
from tests.schema_strategy import from_schema, satisfy_cross_field_rules, tupled

MINI = ROOT / "tests" / "fixtures" / "rubrics" / "mini"
EXAMPLES = sorted(PROPOSALS.glob("*.yaml"))
Run = Callable[..., Result]


def _score(value: float) -> DimensionScore:
    return DimensionScore(score=value, p05=value, p95=value, basis="rubric", raw="", band="")


def test_scales_pass_through_their_reference_points() -> None:
    for scale in default_rubric_set().scales.scales.values():
        for point in scale.points:
            assert interpolate(scale, point.value) == pytest.approx(point.score)


def test_redistribution_scale_reads_rodriks_anchors() -> None:
    scale = default_rubric_set().scales.scales["redistribution"]
    assert interpolate(scale, 5.0) > interpolate(scale, 50.0) > interpolate(scale, 446.0)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0, 100), min_size=4, max_size=4),
    st.lists(st.floats(0.01, 100), min_size=4, max_size=4),
    st.floats(0.001, 1000),
)
def test_scaling_all_weights_changes_nothing(
    scores: list[float], weights: list[float], factor: float
) -> None:
    dims = {d: _score(s) for d, s in zip(DIMENSIONS, scores, strict=True)}
    plain = overall_score(dims, "p", dict(zip(DIMENSIONS, weights, strict=True)))
    scaled = overall_score(
        dims, "p", {d: w * factor for d, w in zip(DIMENSIONS, weights, strict=True)}
    )
    assert plain is not None and scaled is not None
    assert scaled.score == pytest.approx(plain.score, abs=1e-9)
    assert 0 <= plain.score <= 100


def test_missing_dimension_is_left_out_and_weights_renormalise() -> None:
    dims: dict[str, DimensionScore | None] = {
        "efficiency": None,
        "redistribution": None,
        "labor_voice": _score(80),
        "policy_space": _score(40),
    }
    overall = overall_score(dims, "balanced", dict.fromkeys(DIMENSIONS, 1.0))
    assert overall is not None
    assert overall.score == pytest.approx(60)
    assert overall.left_out == ["efficiency", "redistribution"]
    assert overall.weights == {"labor_voice": 0.5, "policy_space": 0.5}


def test_unknown_profile_and_bad_weights_are_errors() -> None:
    rubrics = default_rubric_set()
    with pytest.raises(WeightsError, match="unknown profile 'labour_first'"):
        resolve_weights(rubrics, "labour_first", None)
    with pytest.raises(WeightsError, match="unknown dimension 'voice'"):
        resolve_weights(rubrics, None, {"voice": 1.0})
    with pytest.raises(WeightsError, match="all zero"):
        resolve_weights(rubrics, None, dict.fromkeys(DIMENSIONS, 0.0))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_score_of_every_example_lies_in_0_100(path: Path) -> None:
    result = evaluate(load_proposal(path), draws=500)
    for score in result.dimensions.values():
        if score is not None:
            assert 0 <= score.p05 <= score.score <= score.p95 <= 100
    assert result.overall is not None
    assert 0 <= result.overall.p05 <= result.overall.score <= result.overall.p95 <= 100


def test_every_rubric_finding_cites_a_line_and_a_source() -> None:
    result = evaluate(load_proposal(PROPOSALS / "nafta_us_1994.yaml"), draws=500)
    rubric_findings = [f for f in result.findings if f.rubric not in ("models", "scales")]
    assert rubric_findings
    for finding in rubric_findings:
        assert finding.source
        assert finding.evidence is not None and finding.evidence.line > 1


def test_cli_profile_weights_and_rubrics_dir(run: Run) -> None:
    nafta = str(PROPOSALS / "rebalanced_agreement.yaml")
    balanced = json.loads(run("score", nafta, "-f", "json", "--draws", "500").stdout)
    labor = json.loads(
        run("score", nafta, "-f", "json", "--draws", "500", "--profile", "labor_first").stdout
    )
    assert balanced["overall"]["profile"] == "balanced"
    assert labor["overall"]["profile"] == "labor_first"
    custom = json.loads(
        run(
            "score",
            nafta,
            "-f",
            "json",
            "--draws",
            "500",
            "--weights",
            "efficiency=1,redistribution=0,labor_voice=0,policy_space=0",
        ).stdout
    )
    assert custom["overall"]["score"] == pytest.approx(custom["dimensions"]["efficiency"]["score"])
    mini = json.loads(
        run("score", nafta, "-f", "json", "--draws", "500", "--rubrics-dir", str(MINI)).stdout
    )
    assert {f["rubric"] for f in mini["findings"]} <= {"models", "scales", "mini_voice"}
    assert mini["dimensions"]["policy_space"] is None


def test_cli_bad_profile_is_exit_2(run: Run) -> None:
    result = run("score", str(PROPOSALS / "us_h2a.yaml"), "--profile", "nope")
    assert result.exit_code == 2
    assert "unknown profile 'nope'" in result.stderr
    result = run("score", str(PROPOSALS / "us_h2a.yaml"), "--weights", "efficiency")
    assert result.exit_code == 2


def test_rubrics_command_lists_rules_scales_and_profiles(run: Run) -> None:
    out = run("rubrics").stdout
    assert "labor_voice" in out and "policy_space" in out
    assert "Scales" in out and "Weight profiles (default: balanced)" in out
    verbose = run("rubrics", "--rubrics-dir", str(MINI), "-v").stdout
    assert "when labor.chapter = chapter" in verbose


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_scores_of_any_valid_proposal_lie_in_0_100(data: st.DataObject) -> None:
    doc = satisfy_cross_field_rules(data.draw(from_schema(proposal_schema())))
    proposal = Proposal.model_validate(tupled(doc))
    try:
        result = evaluate(proposal, draws=100)
    except ProposalError:
        return  # a model input the proposal lacks: a located error, not a score
    for score in result.dimensions.values():
        if score is not None:
            assert 0 <= score.p05 <= score.score <= score.p95 <= 100


def test_score_draws_agree_with_the_summaries() -> None:
    import numpy as np

    result = evaluate(load_proposal(PROPOSALS / "guest_worker_rodrik.yaml"), draws=4000)
    draws = result.score_draws
    assert set(draws) == {"efficiency", "redistribution", "labor_voice", "policy_space", "overall"}
    efficiency = result.dimensions["efficiency"]
    assert efficiency is not None
    assert np.percentile(draws["efficiency"], 5) == pytest.approx(efficiency.p05, abs=0.5)
    assert result.overall is not None
    assert float(draws["overall"].mean()) == pytest.approx(result.overall.score, abs=1.0)
    again = evaluate(load_proposal(PROPOSALS / "guest_worker_rodrik.yaml"), draws=4000)
    assert np.array_equal(again.score_draws["overall"], draws["overall"])
