"""The brief's methods section: the models run, our assumptions, the scales and the parameters.

Only the models an evaluation ran are described (a visa brief does not explain tariff lines),
and parameters are grouped by family with their unit and basis once.
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.drawing import UNCITED
from evaluator.formatting import plain_number
from evaluator.models.result import Evaluation, ParameterUse
from evaluator.rendering import DIMENSION_LABELS
from evaluator.report.narrative import (
    model_assumptions,
    model_paragraphs,
    model_references,
    models_used,
)
from evaluator.report.typeset import MINUS
from evaluator.rubric.library import RubricSet

TAGS = {"V": "printed in source", "D": "derived", "A": "assumption", "input": "proposal input"}


def _number(value: float) -> str:
    """A parameter value as typeset: 34,900 (not 3.49e+04), 0.15, −0.4 (a minus sign).

    >>> _number(34900.0), _number(0.15), _number(-0.4)
    ('34,900', '0.15', '−0.4')
    """
    return plain_number(value).replace("-", MINUS)


def _parameter_value(low: float | None, high: float | None, value: float) -> str:
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}"
    return _number(value)


def _basis(use: ParameterUse) -> dict[str, str]:
    """Where a parameter's value comes from: its tag, what set it, and its source (cited later)."""
    where = f"set by {use.field}" if use.field else "default"
    source = use.source
    if use.set_by == "proposal" and source.endswith(UNCITED):
        where, source = f"{where}, {UNCITED}", ""
    elif use.set_by == "proposal" and use.status in ("illustrative", "assumption"):
        where, source = f"{where}, {use.status} (the file says so)", ""
    return {"tag": TAGS[use.tag].capitalize(), "where": where, "source": source}


_INDEX = re.compile(r"\[\d+\]")


def _parameter_families(parameters: list[ParameterUse]) -> list[dict[str, Any]]:
    """Parameters grouped by family (``place_premium.BOL``, ``place_premium.IND`` ...).

    A family is one line: its unit and basis once, then each member's value and source;
    a member whose basis differs from the first member's says so.
    """
    families: dict[str, list[ParameterUse]] = {}
    for use in parameters:
        families.setdefault(use.name.split(".", 1)[0], []).append(use)
    out = []
    for family, members in families.items():
        bases = [_basis(use) for use in members]
        shared = {**bases[0], "where": _INDEX.sub("[…]", bases[0]["where"])}
        items = []
        for use, basis in zip(members, bases, strict=True):
            own = (basis["tag"], _INDEX.sub("[…]", basis["where"])) != (
                shared["tag"],
                shared["where"],
            )
            items.append(
                {
                    "label": use.name.split(".", 1)[1] if "." in use.name else "",
                    "value": _parameter_value(use.low, use.high, use.value),
                    "basis": f"{basis['tag']}, {basis['where']}" if own else "",
                    "source": basis["source"],
                }
            )
        out.append(
            {
                "name": family if len(members) > 1 or "." in members[0].name else members[0].name,
                "unit": members[0].unit,
                "tag": shared["tag"],
                "where": shared["where"],
                "items": items,
            }
        )
    return out


def methods_context(evaluation: Evaluation, rubrics: RubricSet) -> dict[str, Any]:
    """Only the models this evaluation ran: a visa brief does not explain tariff lines."""
    used = models_used(evaluation)
    parameters = evaluation.provenance.parameters
    # Parameters that are our assumptions are marked so in the parameter list, not repeated.
    assumptions = [
        {"name": row["name"], "value": row["value"], "why": row["why"]}
        for row in model_assumptions(used)
    ]
    return {
        "models": model_paragraphs(used),
        "works": model_references(used),
        "assumptions": assumptions,
        "parameters": _parameter_families(parameters),
        "scales": [
            {
                "dimension": DIMENSION_LABELS[name],
                "metric": f"{scale.metric} ({scale.unit})",
                "points": [
                    {
                        "value": f"{point.value:g}".replace("-", MINUS),
                        "score": f"{point.score:g}",
                        "label": " ".join(point.label.split()),
                        "assumption": point.assumption,
                        "source": str(point.source) if point.source else "",
                    }
                    for point in scale.points
                ],
            }
            for name, scale in rubrics.scales.scales.items()
        ],
    }
