"""Which of the four dimensions are not assessed, and why, in words: a score that cannot be
estimated says so with its reason, never a default that looks like a result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import get_args

from evaluator.accounting import NO_CHANGE
from evaluator.models.result import Dimension, DimensionScore
from evaluator.rubric.engine import RuleOutcome, fields_of

MEASURED = ("fired", "missed")
"""Rule outcomes that measure something: the text says yes or no. A rubric dimension whose rules
are all about sections the proposal lacks, or about fields it leaves open, is not assessed: its
baseline would otherwise read as a result (a visa scheme is not '100 on policy space' because it
has no investment chapter)."""


def not_assessed_reasons(
    scores: Mapping[str, DimensionScore | None],
    outcomes: Sequence[RuleOutcome],
    unchanged: bool = False,
) -> dict[str, str]:
    """Why each dimension without a score is not assessed, in words (``unchanged``: the proposal
    changes nothing the models measure, :func:`evaluator.accounting.changes_nothing`)."""
    reasons: dict[str, str] = {}
    for dimension in get_args(Dimension):
        if scores.get(dimension) is not None:
            continue
        if dimension == "redistribution" and unchanged:
            reasons[dimension] = (
                f"{NO_CHANGE}: the net gain and the income reshuffled are both exactly zero, so "
                "the PCBR (0/0) is undefined and there is no redistribution to score"
            )
            continue
        if dimension in ("efficiency", "redistribution"):
            reasons[dimension] = (
                "no economic model applies: the proposal has no tariff schedule or visa scheme "
                "with the economy it is measured against"
            )
            continue
        group = [o for o in outcomes if o.rubric.rubric.dimension == dimension]
        open_fields = list(
            dict.fromkeys(
                field for o in group if o.status == "unsettled" for field in fields_of(o.rule.when)
            )
        )
        reasons[dimension] = (
            "the proposal says nothing the rubric measures"
            + (f" (left open: {', '.join(open_fields[:4])})" if open_fields else "")
            + "; a default baseline is not a result"
        )
    return reasons
