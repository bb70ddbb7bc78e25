"""``compare(evaluations)``: alternatives side by side, who wins in how many draws, and why.

Pure: no printing, no files. The ranking reads each evaluation's per-draw scores, which are common
random numbers when every proposal was evaluated with the same seed and number of draws: draw i
is the same state of the world for every alternative, so P(A beats B) is a paired comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from evaluator.comparison_weights import first_shares, pareto, weight_robustness
from evaluator.errors import EvaluatorError
from evaluator.evaluation import DEFAULT_SEED
from evaluator.models.comparison import (
    Alternative,
    Comparison,
    Differences,
    MetricDifference,
    ParameterDifference,
    Ranking,
    RuleDifference,
)
from evaluator.models.result import Evaluation, Finding, ParameterUse
from evaluator.rubric.library import RubricSet, default_rubric_set
from evaluator.scoring import DIMENSIONS, overall_score, resolve_weights

FloatArray = npt.NDArray[np.float64]
KEY_METRICS = ("efficiency_gain_usd", "efficiency_gain_pct_gdp", "redistribution_usd", "pcbr")
"""The metrics shown beside the scores (DESIGN.md, the result contract)."""
OVERALL = "overall"
_NOT_RULES = ("models", "scales")  # findings that report a model or a scale, not a provision


class ComparisonError(EvaluatorError, ValueError):
    """The evaluations cannot be compared (too few, unpaired draws, or no draws at all)."""


def compare(
    evaluations: Sequence[Evaluation],
    *,
    rubrics: RubricSet | None = None,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    weight_samples: int = 2000,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """Compare two or more evaluations made in the same run.

    Parameters
    ----------
    evaluations : sequence of Evaluation
        From :func:`evaluator.evaluation.evaluate`, all with the same seed and number of draws
        (results read back from JSON carry no draws and cannot be ranked).
    rubrics : RubricSet, optional
        Its weight profiles are ranked; the packaged set if None.
    profile, weights : optional
        Profile (and per-dimension overrides) for the overall score, as in ``evaluate``.
    weight_samples : int
        Weight vectors drawn uniformly over the simplex for the robustness check.
    seed : int
        Seed of the weight draws.

    Returns
    -------
    Comparison

    Raises
    ------
    ComparisonError
        Fewer than two evaluations, differing seeds or draws, or missing per-draw scores.
    evaluator.scoring.WeightsError
        An unknown profile or malformed weights.

    References
    ----------
    Glasserman, P. (2003), *Monte Carlo Methods in Financial Engineering*, Springer, sec. 4.2
    (common random numbers). Butler, J., Jia, J. and Dyer, J. (1997), "Simulation techniques for
    the sensitivity analysis of multi-criteria decision models", *European Journal of Operational
    Research* 103(3): 531-546 (uniform weights over the simplex).
    """
    seed_used, draws = _check(evaluations, weight_samples)
    rubric_set = rubrics or default_rubric_set()
    profile_name, profile_weights = resolve_weights(rubric_set, profile, weights)
    dimensions = [e.dimensions for e in evaluations]
    return Comparison(
        basis=evaluations[0].basis,
        profile=profile_name,
        weights=profile_weights,
        alternatives=[
            _alternative(i, e, profile_name, profile_weights) for i, e in enumerate(evaluations)
        ],
        ranking=_ranking(evaluations, profile_weights, seed_used, draws),
        robustness=weight_robustness(dimensions, rubric_set, weight_samples, seed),
        pareto=pareto(dimensions),
        differences=Differences(
            rules=rule_differences([e.findings for e in evaluations]),
            parameters=parameter_differences([e.provenance.parameters for e in evaluations]),
            metrics=[_metric(name, evaluations) for name in KEY_METRICS],
        ),
        caveats=_caveats(evaluations),
    )


def _caveats(evaluations: Sequence[Evaluation]) -> list[str]:
    """Scores that rest on different models are named: they are not on one basis."""
    general = [i for i, e in enumerate(evaluations) if e.general_equilibrium is not None]
    if not general or len(general) == len(evaluations):
        return []
    names = ", ".join(evaluations[i].proposal.short_title or f"[{i + 1}]" for i in general)
    return [
        f"{names} scored on Caliendo and Parro's general-equilibrium model, the others on "
        "partial-equilibrium models: their efficiency and redistribution scores are not on one "
        "basis, so compare those two dimensions with care"
    ]


def _check(evaluations: Sequence[Evaluation], weight_samples: int) -> tuple[int, int]:
    if len(evaluations) < 2:
        raise ComparisonError(f"compare needs at least 2 evaluations, got {len(evaluations)}")
    if weight_samples < 1:
        raise ComparisonError(f"weight_samples must be at least 1, got {weight_samples}")
    runs = {(e.provenance.seed, e.provenance.draws) for e in evaluations}
    if len(runs) > 1:
        found = "; ".join(
            f"{e.proposal.title!r}: seed {e.provenance.seed}, {e.provenance.draws} draws"
            for e in evaluations
        )
        raise ComparisonError(
            "the evaluations must share one seed and number of draws so that their draws are "
            f"paired (common random numbers); got {found}"
        )
    (seed, draws), *_ = runs
    bases = {e.basis for e in evaluations}
    if len(bases) > 1:
        found = "; ".join(f"{e.proposal.title!r}: {e.basis}" for e in evaluations)
        raise ComparisonError(
            "the evaluations must count gains on one accounting basis (national or global), "
            f"or their efficiency and redistribution scores rank different things; got {found}"
        )
    for e in evaluations:
        if not e.score_draws:
            raise ComparisonError(
                f"{e.proposal.title!r} has no per-draw scores (a result read back from JSON "
                "keeps only summaries): evaluate the proposals in the same run, with the same "
                "seed and draws, and compare those evaluations"
            )
        wrong = [k for k, v in e.score_draws.items() if np.shape(v) != (draws,)]
        if wrong:
            raise ComparisonError(
                f"{e.proposal.title!r}: per-draw scores of {', '.join(wrong)} do not have the "
                f"{draws} draws its provenance records"
            )
    return seed, draws


def _alternative(
    index: int, evaluation: Evaluation, profile: str, weights: Mapping[str, float]
) -> Alternative:
    info = evaluation.proposal
    return Alternative(
        index=index,
        label=info.title,
        short=info.short_title or info.title,
        file=info.file,
        sha256=info.sha256,
        kind=info.kind,
        dimensions={d: evaluation.dimensions.get(d) for d in DIMENSIONS},
        metrics={m: evaluation.metrics.get(m) for m in KEY_METRICS},
        overall=overall_score(evaluation.dimensions, profile, weights),
        bases=evaluation.bases,
    )


@np.errstate(under="ignore")  # a product underflowing to zero is exact enough
def overall_draws(
    score_draws: Mapping[str, FloatArray], weights: Mapping[str, float]
) -> FloatArray | None:
    """The overall score draw by draw under ``weights``, renormalised over the scored dimensions.

    The evaluation's own ``overall`` draws used its profile; the comparison's may differ.
    """
    used = {d: w for d, w in weights.items() if w > 0 and d in score_draws and d in DIMENSIONS}
    total = sum(used.values())
    if total <= 0:
        return None
    return np.asarray(
        np.sum([w / total * np.asarray(score_draws[d]) for d, w in used.items()], axis=0),
        dtype=np.float64,
    )


def beat_probabilities(values: FloatArray) -> FloatArray:
    """[a, b] = share of draws (columns) in which row a exceeds row b, ties counted as half.

    >>> beat_probabilities(np.array([[1.0, 2.0], [1.0, 0.0]])).tolist()
    [[0.5, 0.75], [0.25, 0.5]]
    """
    n, draws = values.shape
    out = np.full((n, n), 0.5)
    for a in range(n):  # one pair at a time: memory stays one row of draws, not n x n x draws
        for b in range(a + 1, n):
            greater = int(np.count_nonzero(values[a] > values[b]))
            ties = int(np.count_nonzero(values[a] == values[b]))
            out[a, b] = (2 * greater + ties) / (2 * draws)
            out[b, a] = (2 * (draws - greater - ties) + ties) / (2 * draws)
    return out


def _ranking(
    evaluations: Sequence[Evaluation], weights: Mapping[str, float], seed: int, draws: int
) -> Ranking:
    per_draw: dict[str, list[FloatArray | None]] = {
        d: [e.score_draws.get(d) for e in evaluations] for d in DIMENSIONS
    }
    per_draw[OVERALL] = [overall_draws(e.score_draws, weights) for e in evaluations]
    beats: dict[str, list[list[float | None]]] = {}
    first: dict[str, list[float | None]] = {}
    for criterion, rows in per_draw.items():
        present = [i for i, row in enumerate(rows) if row is not None]
        values = np.array([rows[i] for i in present], dtype=np.float64).reshape(-1, draws)
        matrix = beat_probabilities(values)
        shares = first_shares(values.T) if present else np.zeros(0)
        where = {i: k for k, i in enumerate(present)}
        beats[criterion] = [
            [
                float(matrix[where[a], where[b]]) if a in where and b in where else None
                for b in range(len(rows))
            ]
            for a in range(len(rows))
        ]
        first[criterion] = [
            float(shares[where[a]]) if a in where else None for a in range(len(rows))
        ]
    return Ranking(
        seed=seed, draws=draws, criteria=[*DIMENSIONS, OVERALL], beats=beats, first=first
    )


def rule_differences(findings: Sequence[Sequence[Finding]]) -> list[RuleDifference]:
    """Rubric rules that fired in some alternatives and not in others, largest |points| first."""
    fired: dict[tuple[str, str], dict[int, Finding]] = {}
    for index, found in enumerate(findings):
        for finding in found:
            if finding.rubric not in _NOT_RULES:
                fired.setdefault((finding.rubric, finding.rule), {})[index] = finding
    differences = []
    for (rubric, rule), where in fired.items():
        if len(where) == len(findings):
            continue
        example = next(iter(where.values()))
        differences.append(
            RuleDifference(
                dimension=example.dimension,
                rubric=rubric,
                rule=rule,
                title=example.title,
                points=example.points,
                fired_in=sorted(where),
                not_fired_in=[i for i in range(len(findings)) if i not in where],
                source=example.source,
            )
        )
    return sorted(differences, key=lambda d: (-abs(d.points), d.dimension, d.rubric, d.rule))


def parameter_differences(uses: Sequence[Sequence[ParameterUse]]) -> list[ParameterDifference]:
    """Model inputs that differ in value, or that only some alternatives use; widest first."""
    by_name: dict[str, dict[int, ParameterUse]] = {}
    for index, used in enumerate(uses):
        for use in used:
            by_name.setdefault(use.name, {})[index] = use
    found = []
    for name, where in by_name.items():
        values = [where[i].value if i in where else None for i in range(len(uses))]
        present = [v for v in values if v is not None]
        if len(where) == len(uses) and max(present) == min(present):
            continue
        scale = max(abs(v) for v in present)
        spread = (max(present) - min(present)) / scale if len(present) > 1 and scale > 0 else None
        if len(present) > 1 and scale == 0:
            spread = 0.0
        found.append(
            ParameterDifference(
                name=name,
                unit=next(iter(where.values())).unit,
                values=values,
                relative_spread=spread,
            )
        )
    return sorted(
        found,
        key=lambda d: (d.relative_spread is None, -(d.relative_spread or 0.0), d.name),
    )


def _metric(name: str, evaluations: Sequence[Evaluation]) -> MetricDifference:
    summaries = [e.metrics.get(name) for e in evaluations]
    units = [s.unit for s in summaries if s is not None]
    return MetricDifference(
        metric=name,
        unit=units[0] if units else None,
        means=[None if s is None else s.mean for s in summaries],
    )
