"""The result of ``evaluator sensitivity``: which uncertain inputs drive each score and metric.

Plain data, JSON-serialisable. Indices are Sobol's first- and total-order (variance shares over
the inputs' joint distribution); swings are one-at-a-time (each input at its 5th and 95th
percentile, every other at its median). See ``docs/methodology.md``, "Sensitivity".
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from evaluator.models.result import Basis, ProposalInfo, Result, Summary


class SensitivityInput(Result):
    """One uncertain input, as the evaluation draws it (``provenance.parameters``)."""

    name: str = Field(description="The input's draw key, e.g. `place_premium.PAK`.")
    unit: str
    distribution: Literal["uniform", "triangular"]
    low: float
    high: float
    p05: float | None = Field(
        description="Its 5th percentile; null for an input spread over tariff lines (each line "
        "then sits at the 5th percentile of its own range)."
    )
    p95: float | None = Field(description="Its 95th percentile; null as for p05.")
    set_by: Literal["default", "proposal"]
    field: str | None = Field(default=None, description="Proposal field that set it, if any.")
    source: str


class InputEffect(Result):
    """How much of one output's variance one input explains, and its one-at-a-time swing."""

    input: str = Field(description="The input's name (`inputs[].name`).")
    s1: float = Field(description="First-order Sobol index: variance share of the input alone.")
    s1_conf: float = Field(description="Half-width of S1's 95% bootstrap confidence interval.")
    st: float = Field(
        description="Total-order Sobol index: variance share of the input with all its "
        "interactions (the share left if every other input were known)."
    )
    st_conf: float = Field(description="Half-width of ST's 95% bootstrap confidence interval.")
    low: float = Field(
        description="The output with this input at its 5th percentile, others at their medians."
    )
    high: float = Field(
        description="The output with this input at its 95th percentile, others at their medians."
    )


class OutputSensitivity(Result):
    """One score or headline metric: its band, its value at the medians, and its drivers."""

    name: str = Field(
        description="`overall`, a dimension, `efficiency_gain_usd`, `redistribution_usd` or `pcbr`."
    )
    kind: Literal["score", "metric"]
    unit: str
    reported: Summary | None = Field(
        description="Mean, 5th and 95th percentile as `evaluator score` reports them (a score's "
        "band also spans provisions the text leaves open); null where it is not estimated."
    )
    base: float | None = Field(
        description="The output with every uncertain input at its median; null if not estimated."
    )
    varies: bool = Field(description="Whether the output varies with the uncertain inputs.")
    note: str | None = Field(
        default=None, description="Why there are no indices: not estimated, or does not vary."
    )
    effects: list[InputEffect] = Field(
        default=[], description="One per uncertain input, largest total-order index first."
    )


class SensitivityResult(Result):
    """Sobol indices and one-at-a-time swings of a proposal's scores and headline metrics."""

    proposal: ProposalInfo
    basis: Basis = Field(description="The accounting basis of the scores and headline metrics.")
    profile: str | None = Field(description="The weight profile of the overall score.")
    seed: int = Field(description="Seeds the reference draws, the design and the bootstrap.")
    draws: int = Field(description="Monte Carlo draws of the reference evaluation (`reported`).")
    samples: int = Field(description="Base samples N of the Saltelli design (a power of 2).")
    evaluations: int = Field(
        description="Model evaluations: N x (inputs + 2) for the indices, 2 x inputs + 1 for "
        "the swings."
    )
    inputs: list[SensitivityInput]
    outputs: list[OutputSensitivity]
    notes: list[str] = Field(
        default=[], description="What the analysis cannot say for this proposal, in words."
    )
