"""What drives the bands: one-at-a-time swings of the overall score and the PCBR. Pure.

Each uncertain input is put at its 5th and 95th percentile with the others at their medians,
all in one evaluation of 2k + 1 points (the brief's tornado chart).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from evaluator.models import Proposal
from evaluator.models.result import Basis, Evaluation, Swing, Swings
from evaluator.rubric.library import RubricSet

SWING_OUTPUTS = ("overall", "pcbr")
MAX_SWING_INPUTS = 40


def drivers(
    proposal: Proposal,
    result: Evaluation,
    rubrics: RubricSet,
    profile: str | None,
    weights: Mapping[str, float] | None,
    basis: Basis,
) -> list[Swings]:
    """One-at-a-time swings of the overall score and the PCBR: one evaluation of 2k + 1 points
    (every uncertain input at its median, then each at its 5th and 95th percentile)."""
    from evaluator.evaluation import evaluate
    from evaluator.sensitivity_design import swing_points

    keys = [u.name for u in result.provenance.parameters if u.distribution != "fixed"]
    if not keys or len(keys) > MAX_SWING_INPUTS:
        return []
    points = swing_points(len(keys))
    run = evaluate(
        proposal,
        seed=result.provenance.seed,
        draws=points.shape[0],
        rubrics=rubrics,
        profile=profile,
        weights=weights,
        basis=basis,
        levers=False,
        uniforms={k: np.ascontiguousarray(points[:, i]) for i, k in enumerate(keys)},
    )
    out = []
    for name in SWING_OUTPUTS:
        values = run.score_draws.get(name) if name == "overall" else run.metric_draws.get(name)
        if values is None:
            continue
        y = np.asarray(values, dtype=np.float64)
        swings = [
            Swing(input=k, low=float(y[2 * i + 1]), high=float(y[2 * i + 2]))
            for i, k in enumerate(keys)
        ]
        swings.sort(key=lambda s: -abs(s.high - s.low))
        out.append(Swings(output=name, base=float(y[0]), swings=swings))
    return out
