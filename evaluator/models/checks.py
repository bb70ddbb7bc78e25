"""What lets a reader check a result: both accounting bases, each input's basis, the headline
figures' reliance on unsourced inputs, benchmarks, what drives the bands, the proposal's key and
open provisions, and recommendations as edits re-scored."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from evaluator.models.result_base import Dimension, Result, Summary

Basis = Literal["national", "global"]
BASES: tuple[Basis, ...] = ("national", "global")


class BasisTotals(Result):
    """Net gain, income reshuffled and PCBR counted on one accounting basis."""

    basis: Basis
    counts: list[str] = Field(description="What the gain counts, in plain words.")
    not_assessed: list[str] = Field(
        default=[], description="Effects on this basis the models do not estimate."
    )
    gain_usd: Summary
    gain_pct_gdp: Summary | None = Field(
        default=None, description="The gain over the evaluated country's GDP (both bases)."
    )
    reshuffled_usd: Summary
    pcbr: Summary | None = Field(
        default=None,
        description=(
            "Mean income reshuffled over mean net gain (a ratio of means), with the 5th and "
            "95th percentiles of the per-draw ratio; null where the gain is not positive in "
            "every draw."
        ),
    )
    reshuffled_parts: dict[str, Summary] = Field(
        default={}, description="The income reshuffled by part; the parts sum to the total."
    )
    gain_parts: dict[str, Summary] = Field(
        default={}, description="The net gain by whose it is; the parts sum to the total."
    )


class InputBasis(Result):
    """One number the proposal states, with its basis."""

    label: str
    field: str = Field(description="Dotted path in the proposal (`[*]`: every item).")
    value: str = Field(description="As the brief prints it.")
    status: Literal["sourced", "illustrative", "assumption", "not stated"]
    source: str | None = Field(default=None, description="The `sources` id, when sourced.")
    note: str | None = Field(default=None, description="The comment or field that says so.")


class Reliance(Result):
    """A headline figure and the inputs it rests on that are not sourced."""

    figure: Literal["net gain", "income reshuffled"]
    weak_inputs: list[str] = Field(
        description="Illustrative, assumed or unstated inputs it scales with; empty: none."
    )


class Reconciled(Result):
    """A published estimate beside the tool's figure for the same effect."""

    name: str
    metric: str
    published: float = Field(description="The published figure, in the metric's unit.")
    source: str = Field(description="The publication.")
    tool: Summary | None = Field(description="The tool's figure; null: not assessed.")
    reasons: list[str] = Field(description="Why they differ (or that they agree), in words.")


class Swing(Result):
    """One uncertain input at its 5th and 95th percentiles, the others at their medians."""

    input: str = Field(description="The input's draw key (`provenance.parameters[].name`).")
    low: float = Field(description="The output with the input at its 5th percentile.")
    high: float = Field(description="The output with the input at its 95th percentile.")


class Swings(Result):
    """What drives an output's band: one-at-a-time swings, widest first."""

    output: str = Field(description="`overall` or a metric name (`pcbr`).")
    base: float = Field(description="The output with every uncertain input at its median.")
    swings: list[Swing]


class OpenProvision(Result):
    """A rule the text leaves open: settled one way it would raise the score, the other lower."""

    dimension: Dimension
    rule: str
    title: str
    points: float = Field(description="Points if the text settled it so that the rule fires.")


class KeyProvision(Result):
    """What the proposal does on one point, in plain words."""

    provision: str
    what: str


class Edit(Result):
    """One change to a proposal: a value at a dotted path (null removes the field)."""

    path: str = Field(
        description="Dotted path, e.g. `labor.enforceable`, `tariffs.lines[3].final_rate`."
    )
    value: Any = Field(description="The new value (null: remove the field).")

    @classmethod
    def trusted(cls, path: str, value: Any) -> Edit:
        """An edit the tool itself writes (a path it built, a value it read from a checked
        proposal), made without validation: a lever over many tariff lines has one per line."""
        edit = cls.__new__(cls)
        object.__setattr__(edit, "__dict__", {"path": path, "value": value})
        object.__setattr__(edit, "__pydantic_fields_set__", _EDIT_FIELDS)
        object.__setattr__(edit, "__pydantic_extra__", None)
        object.__setattr__(edit, "__pydantic_private__", None)
        return edit


_EDIT_FIELDS = {"path", "value"}


class Recommendation(Result):
    """An edit to the proposal, applied alone and re-scored with the same draws."""

    title: str
    kind: Literal["provision", "remove_provision", "model_lever"]
    dimension: Dimension | None = Field(description="The rubric's dimension (null for a lever).")
    rule: str | None = Field(description="The rubric rule the edit satisfies or avoids.")
    text: str = Field(description="What to do and why, in words.")
    source: str = Field(description="The publication behind the rule (empty for a lever).")
    edits: list[Edit]
    dimension_changes: dict[str, float] = Field(
        description="Each dimension's score change when the proposal is re-scored with the edit."
    )
    overall_change: float | None = Field(description="The overall score's change, re-scored.")


class Combination(Result):
    """The best two or three recommended edits together, re-scored."""

    titles: list[str]
    edits: list[Edit]
    dimension_changes: dict[str, float]
    overall_change: float | None
