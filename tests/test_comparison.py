"""compare(): paired win probabilities, weight robustness, Pareto dominance and what differs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from evaluator.comparison import (
    ComparisonError,
    beat_probabilities,
    compare,
    overall_draws,
)
from evaluator.comparison_weights import (
    competition_ranks,
    dominates,
    first_shares,
    weighted_overall,
)
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models.comparison import Comparison
from evaluator.models.result import Basis, Evaluation
from evaluator.rubric.library import default_rubric_set
from evaluator.scoring import DIMENSIONS, WeightsError
from tests.conftest import PROPOSALS

SEED = 20_261_122
DRAWS = 2000
NAFTA, REBALANCED, GUEST = 0, 1, 2
EXAMPLES = ("nafta_us_1994", "rebalanced_agreement", "guest_worker_rodrik")
CRITERIA = (*DIMENSIONS, "overall")
EFFICIENCY_ONLY = {
    "efficiency": 1.0,
    "redistribution": 0.0,
    "labor_voice": 0.0,
    "policy_space": 0.0,
}


def _evaluate(
    name: str, seed: int = SEED, draws: int = DRAWS, basis: Basis | None = None
) -> Evaluation:
    return evaluate(
        load_proposal(PROPOSALS / f"{name}.yaml"),
        seed=seed,
        draws=draws,
        basis=basis,
        levers=False,
    )


@pytest.fixture(scope="module")
def evaluations() -> list[Evaluation]:
    with np.errstate(all="raise"):
        return [_evaluate(name) for name in EXAMPLES]


@pytest.fixture(scope="module")
def comparison(evaluations: list[Evaluation]) -> Comparison:
    with np.errstate(all="raise"):
        return compare(evaluations)


def test_side_by_side_reports_each_evaluation(
    evaluations: list[Evaluation], comparison: Comparison
) -> None:
    for evaluation, row in zip(evaluations, comparison.alternatives, strict=True):
        assert row.label == evaluation.proposal.title
        assert row.sha256 == evaluation.proposal.sha256
        assert row.dimensions == evaluation.dimensions
        assert set(row.metrics) == {
            "efficiency_gain_usd",
            "efficiency_gain_pct_gdp",
            "redistribution_usd",
            "pcbr",
        }
        assert row.overall == evaluation.overall  # both under the default profile
    assert [m.means for m in comparison.differences.metrics] == [
        [e.metrics[m.metric].mean for e in evaluations]  # type: ignore[union-attr]
        for m in comparison.differences.metrics
    ]


def test_pair_probabilities_sum_to_one(comparison: Comparison) -> None:
    ranking = comparison.ranking
    assert ranking.criteria == list(CRITERIA)
    for criterion in CRITERIA:
        matrix = ranking.beats[criterion]
        for a in range(3):
            assert matrix[a][a] == 0.5
            for b in range(3):
                p, q = matrix[a][b], matrix[b][a]
                assert p is not None and q is not None
                assert 0.0 <= p <= 1.0
                assert p + q == pytest.approx(1.0)


def test_probabilities_of_ranking_first_sum_to_one(comparison: Comparison) -> None:
    for criterion in CRITERIA:
        shares = comparison.ranking.first[criterion]
        assert sum(s for s in shares if s is not None) == pytest.approx(1.0)
    assert sum(s for s in comparison.robustness.first_share if s is not None) == pytest.approx(1.0)


def test_an_alternative_against_itself_is_a_coin_toss(evaluations: list[Evaluation]) -> None:
    twins = compare([evaluations[GUEST], evaluations[GUEST]])
    for criterion in CRITERIA:
        assert twins.ranking.beats[criterion] == [[0.5, 0.5], [0.5, 0.5]]
        assert twins.ranking.first[criterion] == [0.5, 0.5]
    assert twins.robustness.first_share == [0.5, 0.5]
    assert twins.robustness.reversals == []
    assert twins.pareto.dominance == []
    assert twins.pareto.non_dominated == [0, 1]
    assert twins.differences.rules == []
    assert twins.differences.parameters == []


def test_rodriks_alternatives_beat_nafta_on_labor_voice_and_policy_space(
    comparison: Comparison,
) -> None:
    beats = comparison.ranking.beats
    for dimension in ("labor_voice", "policy_space"):
        for challenger in (GUEST, REBALANCED):
            assert beats[dimension][challenger][NAFTA] == 1.0
            assert beats[dimension][NAFTA][challenger] == 0.0
    # rubric scores do not vary across draws: probabilities are 0, 0.5 or 1
    for dimension in ("labor_voice", "policy_space"):
        for row in beats[dimension]:
            assert set(row) <= {0.0, 0.5, 1.0}


def test_nafta_is_pareto_dominated_on_the_global_basis(comparison: Comparison) -> None:
    assert comparison.basis == "global"
    pairs = {(d.dominant, d.dominated) for d in comparison.pareto.dominance}
    # Counting the migrants' gain, both alternatives with visas out-gain NAFTA.
    assert (GUEST, NAFTA) in pairs
    assert (REBALANCED, NAFTA) in pairs
    assert comparison.pareto.non_dominated == [REBALANCED, GUEST]


def test_on_the_national_basis_nafta_has_the_largest_gain_and_is_not_dominated() -> None:
    national = [_evaluate(name, basis="national") for name in EXAMPLES]
    result = compare(national)
    assert result.basis == "national"
    gains = [a.bases["national"].gain_usd.mean for a in result.alternatives]
    assert gains[NAFTA] > max(gains[REBALANCED], gains[GUEST])
    assert NAFTA in result.pareto.non_dominated
    # The national block of a global-basis evaluation holds the same totals.
    again = _evaluate("guest_worker_rodrik")
    assert again.bases["national"] == national[GUEST].bases["national"]


def test_alternatives_on_different_bases_are_refused(evaluations: list[Evaluation]) -> None:
    national = _evaluate("guest_worker_rodrik", basis="national")
    with pytest.raises(ComparisonError, match="one accounting basis"):
        compare([evaluations[NAFTA], national])


def test_every_named_profile_is_ranked(comparison: Comparison) -> None:
    profiles = default_rubric_set().profiles.profiles
    assert [p.profile for p in comparison.robustness.profiles] == list(profiles)
    for ranking in comparison.robustness.profiles:
        assert sum(ranking.weights.values()) == pytest.approx(1.0)
        assert ranking.ranks[NAFTA] == 3
    for reversal in comparison.robustness.reversals:
        assert set(reversal.a_ahead_under).isdisjoint(reversal.b_ahead_under)
        assert reversal.a_ahead_under and reversal.b_ahead_under


def test_rule_differences_are_provisions_largest_first(comparison: Comparison) -> None:
    rules = comparison.differences.rules
    assert rules
    assert all(r.rubric not in ("models", "scales") for r in rules)
    sizes = [abs(r.points) for r in rules]
    assert sizes == sorted(sizes, reverse=True)
    isds = next(r for r in rules if r.rule == "isds")
    assert isds.fired_in == [NAFTA] and isds.points < 0
    for rule in rules:
        assert sorted(rule.fired_in + rule.not_fired_in) == [0, 1, 2]
        assert rule.fired_in and rule.not_fired_in


def test_parameter_differences_name_the_models_that_apply(comparison: Comparison) -> None:
    parameters = {p.name: p for p in comparison.differences.parameters}
    # NAFTA has no mobility chapter, so the labor-market parameters are not used there
    assert parameters["native_wage_elasticity"].values[NAFTA] is None
    assert "present_value_horizon_years" not in parameters  # same everywhere
    spreads = [p.relative_spread for p in comparison.differences.parameters]
    known = [s for s in spreads if s is not None]
    assert known == sorted(known, reverse=True)


def test_comparison_is_json_serialisable(comparison: Comparison) -> None:
    assert Comparison.model_validate_json(comparison.model_dump_json()) == comparison


def test_efficiency_only_weights_rank_overall_as_efficiency(
    evaluations: list[Evaluation],
) -> None:
    result = compare(evaluations, weights=EFFICIENCY_ONLY)
    assert result.ranking.beats["overall"] == result.ranking.beats["efficiency"]
    assert result.ranking.first["overall"] == result.ranking.first["efficiency"]
    first = result.ranking.first["overall"]
    # On the global basis the visa scheme's migrants' gain puts it first in every draw.
    assert first[GUEST] == 1.0 and first[NAFTA] == first[REBALANCED] == 0.0


@pytest.mark.parametrize("order", [(2, 0, 1), (1, 2, 0), (0, 2, 1)])
def test_permuting_the_inputs_permutes_the_outputs(
    evaluations: list[Evaluation], order: tuple[int, ...]
) -> None:
    base = compare(evaluations, weights=EFFICIENCY_ONLY, weight_samples=500)
    moved = compare([evaluations[i] for i in order], weights=EFFICIENCY_ONLY, weight_samples=500)
    assert _canonical(moved, order) == _canonical(base, (0, 1, 2))


def _canonical(result: Comparison, order: tuple[int, ...]) -> dict[str, Any]:
    """The comparison with every index mapped back to the original input position."""
    back = dict(enumerate(order))  # position in this comparison -> original position

    def per_alternative(values: list[Any]) -> dict[int, Any]:
        return {back[i]: v for i, v in enumerate(values)}

    def matrix(rows: list[list[Any]]) -> dict[tuple[int, int], Any]:
        return {(back[a], back[b]): v for a, row in enumerate(rows) for b, v in enumerate(row)}

    robustness = result.robustness
    return {
        "alternatives": per_alternative(
            [a.model_dump(exclude={"index"}) for a in result.alternatives]
        ),
        "beats": {c: matrix(m) for c, m in result.ranking.beats.items()},
        "first": {c: per_alternative(s) for c, s in result.ranking.first.items()},
        "first_share": per_alternative(robustness.first_share),
        "profiles": [
            (p.profile, per_alternative(p.scores), per_alternative(p.ranks))
            for p in robustness.profiles
        ],
        "reversals": {
            frozenset({(back[r.a], tuple(r.a_ahead_under)), (back[r.b], tuple(r.b_ahead_under))})
            for r in robustness.reversals
        },
        "dominance": {(back[d.dominant], back[d.dominated]) for d in result.pareto.dominance},
        "non_dominated": {back[i] for i in result.pareto.non_dominated},
        "rules": [
            (r.rubric, r.rule, {back[i] for i in r.fired_in}) for r in result.differences.rules
        ],
        "parameters": {p.name: per_alternative(p.values) for p in result.differences.parameters},
        "metrics": {m.metric: per_alternative(m.means) for m in result.differences.metrics},
    }


def test_scaling_all_profile_weights_changes_nothing(evaluations: list[Evaluation]) -> None:
    weights = default_rubric_set().profiles.profiles["labor_first"].weights
    results = [
        compare(evaluations, weights={d: factor * w for d, w in weights.items()})
        for factor in (1.0, 2.5, 1000.0)
    ]
    named = compare(evaluations, profile="labor_first")
    names = {
        "profile": True,
        "weights": True,
        "alternatives": {"__all__": {"overall": {"profile"}}},
    }
    dumps = [r.model_dump(exclude=names) for r in [*results, named]]
    assert all(dump == dumps[0] for dump in dumps)


def test_different_seeds_cannot_be_paired(evaluations: list[Evaluation]) -> None:
    other = _evaluate("guest_worker_rodrik", seed=SEED + 1)
    with pytest.raises(ComparisonError, match="share one seed and number of draws"):
        compare([evaluations[NAFTA], other])


def test_different_numbers_of_draws_cannot_be_paired(evaluations: list[Evaluation]) -> None:
    other = _evaluate("guest_worker_rodrik", draws=500)
    with pytest.raises(ComparisonError, match="number of draws"):
        compare([evaluations[NAFTA], other])


def test_a_result_read_from_json_has_no_draws(evaluations: list[Evaluation]) -> None:
    loaded = Evaluation.model_validate_json(evaluations[GUEST].model_dump_json())
    assert loaded.score_draws == {}
    with pytest.raises(ComparisonError, match="evaluate the proposals in the same run"):
        compare([evaluations[NAFTA], loaded])


def test_one_evaluation_is_not_a_comparison(evaluations: list[Evaluation]) -> None:
    with pytest.raises(ComparisonError, match="at least 2"):
        compare(evaluations[:1])
    with pytest.raises(ComparisonError, match="at least 2"):
        compare([])


def test_unknown_profile_is_reported(evaluations: list[Evaluation]) -> None:
    with pytest.raises(WeightsError, match="unknown profile"):
        compare(evaluations, profile="nope")


def test_a_dimension_one_alternative_lacks_gives_none(evaluations: list[Evaluation]) -> None:
    full = evaluations[GUEST]
    partial = full.model_copy(update={"dimensions": {**full.dimensions, "efficiency": None}})
    partial._score_draws = {k: v for k, v in full.score_draws.items() if k != "efficiency"}
    result = compare([evaluations[NAFTA], partial])
    assert result.ranking.beats["efficiency"] == [[0.5, None], [None, None]]
    assert result.ranking.first["efficiency"] == [1.0, None]
    assert result.alternatives[1].overall is not None
    assert result.alternatives[1].overall.left_out == ["efficiency"]
    assert result.ranking.beats["overall"][1][0] == 1.0
    dominance = result.pareto.dominance
    assert [(d.dominant, d.dominated) for d in dominance] == [(1, 0)]
    assert dominance[0].dimensions == ["redistribution", "labor_voice", "policy_space"]


# Kernels ------------------------------------------------------------------------------------

_score = st.one_of(st.floats(0, 100), st.just(np.nan))
_scores = st.integers(1, 6).flatmap(
    lambda n: hnp.arrays(np.float64, (n, len(DIMENSIONS)), elements=_score)
)


@settings(max_examples=200, deadline=None)
@given(_scores, st.integers(0, 2**32 - 1))
def test_rank_first_shares_are_probabilities(scores: np.ndarray, seed: int) -> None:
    weights = np.random.default_rng(seed).dirichlet(np.ones(len(DIMENSIONS)), size=50)
    shares = first_shares(weighted_overall(scores, weights))
    assert ((shares >= 0) & (shares <= 1)).all()
    scored = ~np.isnan(scores).all(axis=1)
    assert (shares[~scored] == 0).all()
    if scored.any():
        assert shares.sum() == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(_scores, hnp.arrays(np.float64, len(DIMENSIONS), elements=st.floats(0.01, 100)))
def test_overall_lies_between_the_dimension_scores(scores: np.ndarray, weights: np.ndarray) -> None:
    overall = weighted_overall(scores, weights[None, :])[0]
    for row, value in zip(scores, overall, strict=True):
        present = row[~np.isnan(row)]
        if present.size == 0:
            assert np.isnan(value)
        else:
            assert present.min() - 1e-9 <= value <= present.max() + 1e-9


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: hnp.arrays(np.float64, (n, 20), elements=st.integers(0, 3).map(float))
    )
)
def test_beat_probabilities_are_complementary(values: np.ndarray) -> None:
    matrix = beat_probabilities(values)
    assert np.allclose(matrix + matrix.T, 1.0)
    assert (np.diag(matrix) == 0.5).all()


@settings(max_examples=200, deadline=None)
@given(_scores)
def test_dominance_is_irreflexive_and_asymmetric(scores: np.ndarray) -> None:
    matrix = dominates(scores)
    assert not np.diag(matrix).any()
    assert not (matrix & matrix.T).any()


def test_competition_ranks_share_ties() -> None:
    assert competition_ranks([3.0, 1.0, 3.0, None]) == [1, 3, 1, None]


def test_overall_draws_renormalise_over_scored_dimensions() -> None:
    draws = {"efficiency": np.array([0.0, 40.0]), "labor_voice": np.array([100.0, 100.0])}
    weights = {"efficiency": 1.0, "redistribution": 5.0, "labor_voice": 3.0}
    assert overall_draws(draws, weights) == pytest.approx([75.0, 85.0])
    assert overall_draws(draws, {"redistribution": 1.0}) is None
