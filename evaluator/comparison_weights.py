"""Whether a ranking survives other weights: Dirichlet weights, named profiles, Pareto dominance.

The kernels take arrays: ``scores`` is (alternatives, dimensions) with NaN where a dimension does
not apply to an alternative; an alternative's overall is the weighted mean over the dimensions it
has, weights renormalised over them, as :func:`evaluator.scoring.overall_score` does.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from evaluator.models.comparison import (
    Dominance,
    Pareto,
    ProfileRanking,
    RankReversal,
    WeightRobustness,
)
from evaluator.models.result import DimensionScore
from evaluator.rubric.library import RubricSet
from evaluator.scoring import DIMENSIONS, overall_score, resolve_weights

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
DimensionScores = Mapping[str, DimensionScore | None]


def score_matrix(dimensions: Sequence[DimensionScores]) -> FloatArray:
    """(alternatives, 4) dimension scores in :data:`DIMENSIONS` order, NaN where missing."""
    return np.array(
        [
            [np.nan if (s := scores.get(d)) is None else s.score for d in DIMENSIONS]
            for scores in dimensions
        ],
        dtype=np.float64,
    ).reshape(len(dimensions), len(DIMENSIONS))


@np.errstate(under="ignore")  # a product underflowing to zero is exact enough
def weighted_overall(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """Overall score of each alternative under each weight vector.

    Parameters
    ----------
    scores : (n, d) array
        Dimension scores, NaN where a dimension does not apply.
    weights : (k, d) array
        Non-negative weight vectors.

    Returns
    -------
    (k, n) array
        Weighted means over the dimensions each alternative has; NaN where none of them carries
        weight.

    Examples
    --------
    >>> weighted_overall(np.array([[10.0, np.nan], [0.0, 30.0]]), np.array([[1.0, 3.0]]))
    array([[10. , 22.5]])
    """
    present = ~np.isnan(scores)
    filled = np.where(present, scores, 0.0)
    # Broadcast rather than matmul: each entry is then summed in the same order whatever the
    # alternatives' order, so ties stay exact and permuting the inputs permutes the outputs.
    numerator = (weights[:, None, :] * filled[None, :, :]).sum(axis=2)
    denominator = (weights[:, None, :] * present[None, :, :]).sum(axis=2)
    out = np.full(numerator.shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def first_shares(values: FloatArray) -> FloatArray:
    """Share of rows in which each column is highest, ties split; NaN entries never rank.

    Examples
    --------
    >>> first_shares(np.array([[1.0, 2.0, 2.0], [3.0, np.nan, 0.0]]))
    array([0.5 , 0.25, 0.25])
    """
    ranked = ~np.isnan(values)
    filled = np.where(ranked, values, -np.inf)
    best = filled.max(axis=1, keepdims=True)
    top = ranked & (filled == best)
    counts = top.sum(axis=1, keepdims=True)
    share = np.zeros(values.shape)
    np.divide(top, counts, out=share, where=counts > 0)
    return np.asarray(share.mean(axis=0), dtype=np.float64)


def competition_ranks(values: Sequence[float | None]) -> list[int | None]:
    """1 for the best; ties share the better rank ("1224"); None stays unranked.

    >>> competition_ranks([50.0, None, 70.0, 50.0])
    [2, None, 1, 2]
    """
    present = [v for v in values if v is not None]
    return [None if v is None else 1 + sum(o > v for o in present) for v in values]


def weight_robustness(
    dimensions: Sequence[DimensionScores], rubrics: RubricSet, samples: int, seed: int
) -> WeightRobustness:
    """Rank-first shares under Dirichlet(1, ..., 1) weights, and rankings under every profile."""
    scores = score_matrix(dimensions)
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(len(DIMENSIONS)), size=samples)
    shares = first_shares(weighted_overall(scores, weights))
    has_score = [not np.isnan(row).all() for row in scores]
    profiles = [
        profile_ranking(dimensions, *resolve_weights(rubrics, name, None))
        for name in rubrics.profiles.profiles
    ]
    return WeightRobustness(
        samples=samples,
        seed=seed,
        first_share=[float(s) if h else None for s, h in zip(shares, has_score, strict=True)],
        profiles=profiles,
        reversals=rank_reversals(profiles),
    )


def profile_ranking(
    dimensions: Sequence[DimensionScores], profile: str, weights: Mapping[str, float]
) -> ProfileRanking:
    """Overall scores and ranks under one profile, as each evaluation would report them."""
    overalls = [overall_score(scores, profile, weights) for scores in dimensions]
    values = [None if o is None else o.score for o in overalls]
    total = sum(w for w in weights.values() if w > 0)
    return ProfileRanking(
        profile=profile,
        weights={d: weights.get(d, 0.0) / total for d in DIMENSIONS},
        scores=values,
        ranks=competition_ranks(values),
    )


def rank_reversals(profiles: Sequence[ProfileRanking]) -> list[RankReversal]:
    """Pairs one profile puts in one order and another in the opposite order (ties don't count)."""
    count = len(profiles[0].scores) if profiles else 0
    found = []
    for a, b in itertools.combinations(range(count), 2):
        a_ahead: list[str] = []
        b_ahead: list[str] = []
        for ranking in profiles:
            x, y = ranking.scores[a], ranking.scores[b]
            if x is None or y is None or x == y:
                continue
            (a_ahead if x > y else b_ahead).append(ranking.profile)
        if a_ahead and b_ahead:
            found.append(RankReversal(a=a, b=b, a_ahead_under=a_ahead, b_ahead_under=b_ahead))
    return found


def dominates(scores: FloatArray) -> BoolArray:
    """[a, b]: a >= b on every dimension both have and > on one (no shared dimension: False).

    >>> dominates(np.array([[2.0, 1.0], [1.0, 1.0], [np.nan, 0.5]])).astype(int).tolist()
    [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
    >>> bool(dominates(np.array([[1.0, np.nan], [np.nan, 0.0]])).any())
    False
    """
    present = ~np.isnan(scores)
    filled = np.where(present, scores, 0.0)
    both = present[:, None, :] & present[None, :, :]
    at_least = np.where(both, filled[:, None, :] >= filled[None, :, :], True).all(axis=2)
    better = (both & (filled[:, None, :] > filled[None, :, :])).any(axis=2)
    return np.asarray(at_least & better, dtype=np.bool_)


def pareto(dimensions: Sequence[DimensionScores]) -> Pareto:
    """Dominance pairs across the four dimensions, and the alternatives nobody dominates."""
    scores = score_matrix(dimensions)
    matrix = dominates(scores)
    present = ~np.isnan(scores)
    pairs = [
        Dominance(
            dominant=int(a),
            dominated=int(b),
            dimensions=[d for i, d in enumerate(DIMENSIONS) if present[a, i] and present[b, i]],
        )
        for a, b in zip(*np.nonzero(matrix), strict=True)
    ]
    return Pareto(
        dominance=pairs,
        non_dominated=[int(i) for i in np.flatnonzero(~matrix.any(axis=0))],
    )
