"""The Evaluation: what ``evaluator score --format json`` prints, and what briefs render.

Plain data, JSON-serialisable, so that a result can be saved, diffed, and compared with others.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, PrivateAttr

from evaluator.models.checks import BASES as BASES
from evaluator.models.checks import Basis as Basis
from evaluator.models.checks import BasisTotals as BasisTotals
from evaluator.models.checks import Combination as Combination
from evaluator.models.checks import Edit as Edit
from evaluator.models.checks import InputBasis as InputBasis
from evaluator.models.checks import KeyProvision as KeyProvision
from evaluator.models.checks import OpenProvision as OpenProvision
from evaluator.models.checks import Recommendation as Recommendation
from evaluator.models.checks import Reconciled as Reconciled
from evaluator.models.checks import Reliance as Reliance
from evaluator.models.checks import Swing as Swing
from evaluator.models.checks import Swings as Swings
from evaluator.models.result_base import Dimension as Dimension
from evaluator.models.result_base import Result as Result
from evaluator.models.result_base import Summary as Summary


class Evidence(Result):
    """Where in the proposal a finding comes from."""

    path: str = Field(description="Dotted field path, e.g. `tariffs.lines[3].base_rate`.")
    file: str
    line: int
    col: int


class Finding(Result):
    """Something the evaluation found, with its evidence and the source behind the rule."""

    dimension: Dimension
    rubric: str = Field(description="`models` or `scales`, else the rubric's name.")
    rule: str
    title: str | None = None
    points: float = 0.0
    evidence: Evidence | None = None
    rationale: str
    source: str | None = None


class ParameterUse(Result):
    """One model input as the evaluation used it, with where it came from."""

    name: str
    value: float = Field(description="Point value (the mean of a range).")
    low: float | None = None
    high: float | None = None
    distribution: Literal["fixed", "uniform", "triangular"]
    unit: str
    source: str
    tag: Literal["V", "D", "A", "input"] = Field(
        description="V printed in the source, D derived, A our assumption, input from the proposal"
    )
    set_by: Literal["default", "proposal"]
    field: str | None = Field(default=None, description="Proposal field that set it, if any.")
    status: Literal["sourced", "illustrative", "assumption", "not stated", "default"] = Field(
        default="default",
        description="Its basis: a published source, an illustration or an assumption the file "
        "states, not stated, or the tool's default (see `tag` and `source`).",
    )
    status_note: str | None = Field(
        default=None, description="The comment or field of the proposal that states the basis."
    )


class ProposalInfo(Result):
    """Which proposal was evaluated, identified by the hash of its bytes."""

    title: str
    short_title: str = Field(default="", description="A short name for comparisons.")
    summary: str | None = Field(default=None, description="The proposal's own summary.")
    sources: dict[str, str] = Field(
        default={}, description="The proposal's own `sources`: id -> citation."
    )
    file: str | None
    sha256: str | None
    schedule_file: str | None = None
    schedule_sha256: str | None = None
    kind: str
    evaluated_for: str
    parties: list[str]


class OriginResult(Result):
    """A visa scheme's effects for one origin country."""

    country: str
    annual_quota: float | None = Field(description="Visas a year; null for an uncapped origin.")
    arrivals: Summary = Field(description="Workers arriving a year, after return-linked quotas.")
    visa_holders: Summary
    tariff_equivalent: Summary
    migrants_gain_usd: Summary
    remittances_usd: Summary


class SkillMatchingResult(Result):
    """Kremer-Maskin teams in autarky and with cross-border matching."""

    autarky_output: float
    open_output: float
    open_pairs: list[tuple[str, str]]
    southern_inequality: Literal["rises", "falls", "unchanged"]
    northern_low_skill_exposed: bool
    south_self_matching: bool = Field(
        description="Southern high/low skill ratio above the golden ratio: own-skill teams pay."
    )


class Opportunity(Result):
    """A rule that did not fire but would raise a score, or that the text leaves open."""

    dimension: Dimension
    rubric: str
    rule: str
    title: str
    points: float
    status: Literal["missed", "unsettled"] = Field(
        description="missed: the text says otherwise; unsettled: the text does not say"
    )
    score_change: float = Field(description="Change in the dimension's score if it fired.")
    rationale: str
    recommendation: str | None = None
    source: str
    evidence: Evidence | None = None


class DimensionScore(Result):
    """One of the four dimensions, 0-100, higher is better for the proposal."""

    score: float = Field(ge=0, le=100)
    p05: float = Field(ge=0, le=100)
    p95: float = Field(ge=0, le=100)
    basis: Literal["scale", "rubric"]
    raw: str = Field(description="The raw metric beside the score, in words.")
    earned: float | None = Field(default=None, description="Rubric points earned.")
    possible: float | None = Field(default=None, description="Rubric points possible.")
    band: str = Field(description="What p05 and p95 mean for this dimension.")


class Overall(Result):
    """The weighted mean of the dimension scores under a weight profile."""

    score: float
    p05: float
    p95: float
    profile: str
    weights: dict[str, float] = Field(description="Normalised weights of the dimensions used.")
    left_out: list[str] = Field(default=[], description="Dimensions with no score.")


class GroupEffect(Result):
    """What one group gains (positive) or loses (negative) each year."""

    group: str
    effect_usd: Summary
    note: str


class LinePoint(Result):
    """One tariff line's point estimate, for the PCBR chart."""

    label: str
    base_rate: float
    final_rate: float
    imports_usd: float
    gain_usd: float
    redistribution_usd: float
    pcbr: float | None


class FrontierPoint(Result):
    """Cumulative gain and redistribution from liberalising lines in order of PCBR."""

    lines: int
    gain_usd: float
    redistribution_usd: float


class TariffChart(Result):
    """Data for the tariff charts: the largest lines and the efficiency-redistribution frontier."""

    total_lines: int
    lines: list[LinePoint] = Field(description="The largest lines by imports (at most 300).")
    frontier: list[FrontierPoint] = Field(description="From (0, 0) to the whole schedule.")


class RegionWelfare(Result):
    """One region's welfare change in the general-equilibrium check, % of its base income."""

    region: str = Field(description="ISO 3166-1 alpha-3 code (ROW: the rest of the world).")
    name: str = Field(description="The region's name in the dataset.")
    welfare_usd: float = Field(description="Welfare change in USD a year (base-year income).")
    reshuffled_usd: float = Field(
        description="Revenue lost and value added lost by shrinking sectors, USD a year."
    )
    welfare_pct: float = Field(description="Terms of trade plus volume of trade (CP 2015).")
    terms_of_trade_pct: float
    volume_of_trade_pct: float
    real_wage_pct: float
    real_income_pct: float = Field(description="Exact change in income over the price index.")


class BilateralTrade(Result):
    """Goods trade between two parties, net of tariffs, before and after."""

    importer: str
    exporter: str
    base_usd: float
    new_usd: float
    change_pct: float


class SectorChange(Result):
    """A sector's value added in the evaluated region, before and after (the change deflated by
    the region's wage change: a reallocation across sectors that sums to zero)."""

    sector: str
    base_usd: float
    change_usd: float
    change_pct: float


class GeneralEquilibriumResult(Result):
    """The Caliendo-Parro check: welfare by region, trade among parties, sectors at home."""

    dataset: str
    aggregate_deficits: str
    evaluated: str
    regions: list[RegionWelfare] = Field(description="Parties first, then every other region.")
    bilateral_trade: list[BilateralTrade]
    sectors: list[SectorChange] = Field(description="The evaluated region's sectors.")
    welfare_usd: float = Field(description="The evaluated region's welfare change, USD a year.")
    reshuffled_usd: float = Field(
        description="Tariff revenue lost plus value added lost by the evaluated region's "
        "shrinking sectors (a specific-factors reading, ours)."
    )
    revenue_change_usd: float = Field(description="The evaluated region's tariff revenue change.")
    world_welfare_usd: float = Field(description="Sum of every region's welfare change, USD.")
    world_reshuffled_usd: float = Field(description="Sum of every region's reshuffled income.")
    iterations: list[int] = Field(description="Wage updates: baseline, counterfactual.")
    residual: float = Field(description="Largest relative wage change at the last update.")
    notes: list[str] = Field(description="Documented quirks of the dataset, as found.")


class Lever(Result):
    """A change to the proposal's model inputs, re-evaluated with the same draws."""

    title: str
    description: str
    dimension_changes: dict[str, float]
    overall_change: float | None
    edits: list[Edit] = Field(
        default=[],
        exclude=True,
        description="The change, as edits to the proposal (serialised once, in the "
        "recommendation built from this lever).",
    )


class Provenance(Result):
    """How to reproduce the numbers."""

    version: str
    seed: int
    draws: int
    parameters: list[ParameterUse]


class Evaluation(Result):
    """The result of evaluating one proposal."""

    proposal: ProposalInfo
    metrics: dict[str, Summary | None] = Field(
        description="Each metric's mean, p05, p95; null where it does not apply (see findings)."
    )
    origins: list[OriginResult] = []
    skill_matching: SkillMatchingResult | None = None
    dimensions: dict[str, DimensionScore | None] = {}
    not_assessed: dict[str, str] = Field(
        default={}, description="Why each dimension without a score (null) is not assessed."
    )
    overall: Overall | None = None
    basis: Basis = Field(
        default="global",
        description="The basis the scores and the headline metrics use (`bases` has both).",
    )
    bases: dict[Basis, BasisTotals] = Field(
        default={}, description="Net gain, income reshuffled and PCBR on both bases."
    )
    other_basis_scores: dict[str, float] = Field(
        default={},
        description="The scores (each dimension, and `overall`) re-scored on the other basis.",
    )
    open_provisions: list[OpenProvision] = Field(
        default=[],
        description="Rules the text leaves open, which make the rubric scores' ranges: positive "
        "points would raise a score, negative ones lower it.",
    )
    provisions: list[KeyProvision] = Field(
        default=[], description="What the proposal does, in plain words (page 1 of a brief)."
    )
    inputs: list[InputBasis] = Field(
        default=[], description="The proposal's own numbers and their basis."
    )
    reliance: list[Reliance] = Field(
        default=[],
        description="For the net gain and the income reshuffled on the scored basis, the "
        "inputs they rest on that are not sourced.",
    )
    reconciliation: list[Reconciled] = Field(
        default=[], description="The proposal's benchmarks beside the tool's figures."
    )
    drivers: list[Swings] = Field(
        default=[],
        description="For the overall score and the PCBR: each uncertain input's one-at-a-time "
        "swing (`evaluator sensitivity` adds Sobol indices).",
    )
    winners_losers: list[GroupEffect] = []
    tariff_chart: TariffChart | None = None
    general_equilibrium: GeneralEquilibriumResult | None = None
    findings: list[Finding] = []
    opportunities: list[Opportunity] = []
    levers: list[Lever] = []
    recommendations: list[Recommendation] = Field(
        default=[],
        description="Edits that raise the overall score, each re-scored alone, largest first.",
    )
    best_combination: Combination | None = Field(
        default=None, description="The best pair or triple of the top recommendations."
    )
    provenance: Provenance

    _score_draws: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def score_draws(self) -> dict[str, Any]:
        """Per-draw scores (numpy arrays) of each scored dimension and the overall, keyed by
        name; empty for a result read back from JSON. Draws are common random numbers: the same
        seed gives every proposal the same draws, so differences are paired."""
        return self._score_draws

    _metric_draws: dict[str, Any] = PrivateAttr(default_factory=dict)
    _model_runs: Any = PrivateAttr(default=None)

    @property
    def model_runs(self) -> Any:
        """The economic models' runs (an ``evaluator.model_runs.ModelRuns``), for evaluating
        the same proposal again without running them (``evaluate(models=...)``), when the
        evaluation was asked to keep them (``keep_runs``); else None."""
        return self._model_runs

    @property
    def metric_draws(self) -> dict[str, Any]:
        """Per-draw values (numpy arrays, or None where a metric does not apply) of each metric,
        keyed by name; empty for a result read back from JSON."""
        return self._metric_draws
