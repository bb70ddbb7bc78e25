"""The Comparison: alternatives side by side, who wins in how many draws, and why.

Plain data, JSON-serialisable. Alternatives are referred to by their position in
``Comparison.alternatives`` (two alternatives may share a title); every per-alternative list is in
that order, and every matrix is indexed ``[row][column]`` by it.
"""

from __future__ import annotations

from pydantic import Field

from evaluator.models.result import (
    Basis,
    BasisTotals,
    Dimension,
    DimensionScore,
    Overall,
    Result,
    Summary,
)


class Alternative(Result):
    """One proposal in the comparison, its four scores, key metrics and overall."""

    index: int = Field(description="Position in the comparison; lists and matrices use it.")
    label: str = Field(description="The proposal's title.")
    short: str = Field(default="", description="Its short name, used in sentences and charts.")
    file: str | None
    sha256: str | None
    kind: str
    dimensions: dict[str, DimensionScore | None] = Field(
        description="The four dimensions with p05 and p95; null where one does not apply."
    )
    metrics: dict[str, Summary | None] = Field(
        description="efficiency_gain_usd, efficiency_gain_pct_gdp, redistribution_usd, pcbr."
    )
    overall: Overall | None = Field(description="Under the comparison's profile and weights.")
    bases: dict[Basis, BasisTotals] = Field(
        default={}, description="Net gain, income reshuffled and PCBR on both bases."
    )


class Ranking(Result):
    """Who wins in how many Monte Carlo draws (common random numbers: the draws are paired)."""

    seed: int
    draws: int
    criteria: list[str] = Field(description="The four dimensions, then `overall`.")
    beats: dict[str, list[list[float | None]]] = Field(
        description="Per criterion, [a][b] = P(a scores above b), ties counted as half; null "
        "where either lacks the criterion. [a][b] + [b][a] = 1 and the diagonal is 0.5."
    )
    first: dict[str, list[float | None]] = Field(
        description="Per criterion, each alternative's probability of ranking first (ties split);"
        " null for an alternative without the criterion."
    )


class ProfileRanking(Result):
    """The alternatives' overall scores and ranks under one named weight profile."""

    profile: str
    weights: dict[str, float] = Field(description="The profile's weights, normalised to sum 1.")
    scores: list[float | None]
    ranks: list[int | None] = Field(description="1 is best; ties share the better rank.")


class RankReversal(Result):
    """A pair whose order differs between profiles."""

    a: int
    b: int
    a_ahead_under: list[str]
    b_ahead_under: list[str]


class WeightRobustness(Result):
    """Whether the ranking survives other weights."""

    samples: int = Field(description="Weight vectors drawn uniformly over the simplex.")
    seed: int
    first_share: list[float | None] = Field(
        description="Share of weight vectors under which each alternative ranks first (ties "
        "split), from its dimension scores; null for an alternative with no score."
    )
    profiles: list[ProfileRanking]
    reversals: list[RankReversal]


class Dominance(Result):
    """``dominant`` scores at least as well on every dimension both have, better on one."""

    dominant: int
    dominated: int
    dimensions: list[Dimension] = Field(description="The dimensions both have.")


class Pareto(Result):
    """Pareto dominance across the four dimension scores."""

    dominance: list[Dominance]
    non_dominated: list[int]


class RuleDifference(Result):
    """A rubric rule that fired in some alternatives and not in others."""

    dimension: Dimension
    rubric: str
    rule: str
    title: str | None
    points: float
    fired_in: list[int]
    not_fired_in: list[int]
    source: str | None


class ParameterDifference(Result):
    """A model input whose value differs between alternatives, or that only some use."""

    name: str
    unit: str
    values: list[float | None] = Field(description="Point value; null where it is not used.")
    relative_spread: float | None = Field(
        description="(max - min) / max |value| over the alternatives that use it; null if only "
        "one does."
    )


class MetricDifference(Result):
    """A key metric's mean in each alternative."""

    metric: str
    unit: str | None
    means: list[float | None]


class Differences(Result):
    """What drives the differences: provisions, model inputs and the metrics they move."""

    rules: list[RuleDifference] = Field(description="Largest |points| first.")
    parameters: list[ParameterDifference] = Field(description="Largest spread first.")
    metrics: list[MetricDifference]


class Comparison(Result):
    """The result of comparing two or more evaluations."""

    basis: Basis = Field(description="The accounting basis every alternative is scored on.")
    profile: str
    weights: dict[str, float] = Field(description="The chosen profile's weights (as given).")
    alternatives: list[Alternative]
    ranking: Ranking
    robustness: WeightRobustness
    pareto: Pareto
    differences: Differences
    caveats: list[str] = Field(
        default=[], description="Why some scores are not on one basis, in words."
    )
