"""The four scores, 0-100, and the overall score under a weight profile.

Efficiency and redistribution come from the economic metrics through the scales in
``rubrics/scales.yaml`` (plus, for redistribution, the compensation rubric's points); labor voice
and policy space from their rubrics: ``clip(baseline + points of the rules that fire, 0, 100)``.
A scale is monotone, so the score's 5th and 95th percentiles are the scale applied to the
metric's; a rubric score's band runs from every unsettled rule going against the proposal to
every one going for it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from evaluator.assessment import MEASURED
from evaluator.errors import EvaluatorError, format_path
from evaluator.formatting import by_unit
from evaluator.models.result import (
    Dimension,
    DimensionScore,
    Evidence,
    Finding,
    Opportunity,
    Overall,
    Summary,
)
from evaluator.rubric.engine import RuleOutcome
from evaluator.rubric.format import Scale, ScalePoint
from evaluator.rubric.library import RubricSet

DIMENSIONS: tuple[Dimension, ...] = ("efficiency", "redistribution", "labor_voice", "policy_space")
Locate = Callable[[tuple[str | int, ...]], tuple[str, int, int]]


class WeightsError(EvaluatorError, ValueError):
    """An unknown profile or a malformed ``--weights``."""


def _clip(value: float) -> float:
    return min(100.0, max(0.0, value))


def interpolate(scale: Scale, value: float) -> float:
    """Score of ``value`` on ``scale``, flat beyond the end points.

    Examples
    --------
    >>> from evaluator.rubric.format import Scale
    >>> s = Scale.model_validate({"metric": "m", "unit": "u", "interpolation": "log",
    ...     "description": "d", "points": ({"value": 1.0, "score": 100, "label": "a",
    ...     "assumption": True}, {"value": 100.0, "score": 0, "label": "b", "assumption": True})})
    >>> interpolate(s, 10.0), interpolate(s, 1000.0)
    (50.0, 0.0)
    """
    xs = np.array([p.value for p in scale.points])
    ys = np.array([p.score for p in scale.points])
    if scale.interpolation == "log":
        return float(np.interp(math.log10(max(value, 1e-12)), np.log10(xs), ys))
    return float(np.interp(value, xs, ys))


def interpolate_draws(scale: Scale, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """:func:`interpolate` over an array of draws."""
    xs = np.array([p.value for p in scale.points])
    ys = np.array([p.score for p in scale.points])
    if scale.interpolation == "log":
        values = np.log10(np.maximum(values, 1e-12))
        xs = np.log10(xs)
    return np.asarray(np.interp(values, xs, ys), dtype=np.float64)


def score_draws(
    metric_draws: Mapping[str, npt.NDArray[np.float64] | None],
    scores: Mapping[str, DimensionScore | None],
    outcomes: Sequence[RuleOutcome],
    rubrics: RubricSet,
    weights: Mapping[str, float],
    draws: int,
) -> dict[str, npt.NDArray[np.float64]]:
    """Each scored dimension and the overall, draw by draw (rubric scores are constant)."""
    out: dict[str, npt.NDArray[np.float64]] = {}
    share = metric_draws.get("efficiency_gain_pct_gdp")
    if scores.get("efficiency") is not None and share is not None:
        out["efficiency"] = interpolate_draws(rubrics.scales.scales["efficiency"], share)
    if scores.get("redistribution") is not None:
        group = [o for o in outcomes if o.rubric.rubric.dimension == "redistribution"]
        shift = sum(o.rubric.baseline for o in {id(x.rubric): x.rubric for x in group}.values())
        shift += sum(o.rule.points for o in group if o.status == "fired")
        pcbr = metric_draws.get("pcbr")
        base = (
            interpolate_draws(rubrics.scales.scales["redistribution"], pcbr)
            if pcbr is not None
            else np.zeros(draws)
        )
        out["redistribution"] = np.clip(base + shift, 0.0, 100.0)
    for name in ("labor_voice", "policy_space"):
        score = scores.get(name)
        if score is not None:
            out[name] = np.full(draws, score.score)
    used = {d: w for d, w in weights.items() if w > 0 and d in out}
    total = sum(used.values())
    if total > 0:
        out["overall"] = np.sum([w / total * out[d] for d, w in used.items()], axis=0)
    return out


def _anchors(scale: Scale, value: float) -> tuple[ScalePoint, ScalePoint]:
    points = scale.points
    for lower, upper in itertools.pairwise(points):
        if value <= upper.value:
            return lower, upper
    return points[-2], points[-1]


def _scale_finding(dimension: Dimension, scale: Scale, summary: Summary, score: float) -> Finding:
    lower, upper = _anchors(scale, summary.mean)

    def describe(point: ScalePoint) -> str:
        tag = " [our assumption]" if point.assumption else ""
        return f"{by_unit(point.value, summary.unit)} scores {point.score:g} ({point.label}{tag})"

    cited = [str(p.source) for p in (lower, upper) if p.source is not None]
    return Finding(
        dimension=dimension,
        rubric="scales",
        rule=f"{dimension}.scale",
        title=f"{scale.metric} on the {dimension} scale",
        points=round(score, 1),
        rationale=(
            f"{by_unit(summary.mean, summary.unit)} lies between reference points: "
            f"{describe(lower)}; {describe(upper)}."
        ),
        source="; ".join(cited) or None,
    )


def _from_scale(
    dimension: Dimension, scale: Scale, summary: Summary | None, findings: list[Finding]
) -> tuple[float, float, float] | None:
    if summary is None:
        return None
    score = interpolate(scale, summary.mean)
    ends = (interpolate(scale, summary.p05), interpolate(scale, summary.p95))
    findings.append(_scale_finding(dimension, scale, summary, score))
    return score, min(*ends, score), max(*ends, score)


def _evidence(outcome: RuleOutcome, locate: Locate) -> Evidence | None:
    if outcome.evidence is None:
        return None
    path = tuple(outcome.evidence.split("."))
    file, line, col = locate(path)
    return Evidence(path=format_path(path), file=file, line=line, col=col)


def _rubric_points(
    outcomes: Sequence[RuleOutcome],
) -> tuple[float, float, float, float]:
    """(fired points, unsettled negatives, unsettled positives, all positives)."""
    fired = sum(o.rule.points for o in outcomes if o.status == "fired")
    down = sum(min(0.0, o.rule.points) for o in outcomes if o.status == "unsettled")
    up = sum(max(0.0, o.rule.points) for o in outcomes if o.status == "unsettled")
    positive = sum(max(0.0, o.rule.points) for o in outcomes if o.status != "not_applicable")
    return fired, down, up, positive


def score_dimensions(
    metrics: Mapping[str, Summary | None],
    outcomes: Sequence[RuleOutcome],
    rubrics: RubricSet,
    locate: Locate,
    unchanged: bool = False,
) -> tuple[dict[str, DimensionScore | None], list[Finding], list[Opportunity]]:
    """Scores of the four dimensions, the findings behind them and the missed opportunities.

    ``unchanged``: the proposal changes nothing the models measure; efficiency is then scored on
    its true zero and redistribution is not assessed (a PCBR of 0/0 is not a result).
    """
    findings: list[Finding] = []
    scores: dict[str, DimensionScore | None] = {}
    efficiency = _from_scale(
        "efficiency",
        rubrics.scales.scales["efficiency"],
        metrics.get("efficiency_gain_pct_gdp"),
        findings,
    )
    if efficiency is not None:
        summary = metrics["efficiency_gain_pct_gdp"]
        assert summary is not None
        scores["efficiency"] = DimensionScore(
            score=efficiency[0],
            p05=efficiency[1],
            p95=efficiency[2],
            basis="scale",
            raw=("no change: exactly " if unchanged else "")
            + f"{by_unit(summary.mean, summary.unit)} of GDP a year",
            band="the scale applied to the 5th and 95th percentiles of the gain",
        )
    else:
        scores["efficiency"] = None
    baseline = {
        d: sum(r.rubric.baseline for r in rubrics.rubrics if r.rubric.dimension == d)
        for d in DIMENSIONS
    }
    by_dimension = {d: [o for o in outcomes if o.rubric.rubric.dimension == d] for d in DIMENSIONS}
    scores["redistribution"] = (
        None
        if unchanged
        else _redistribution(
            metrics, by_dimension["redistribution"], rubrics, baseline["redistribution"], findings
        )
    )
    for dimension in ("labor_voice", "policy_space"):
        group = by_dimension[dimension]
        if not any(o.status in MEASURED for o in group):
            scores[dimension] = None
            continue
        fired, down, up, positive = _rubric_points(group)
        raw = baseline[dimension] + fired
        scores[dimension] = DimensionScore(
            score=_clip(raw),
            p05=_clip(raw + down),
            p95=_clip(raw + up),
            basis="rubric",
            raw=f"{fired:+g} points on a baseline of {baseline[dimension]:g}"
            + (" (capped)" if not 0 <= raw <= 100 else ""),
            earned=fired,
            possible=positive,
            band="every provision the text leaves open going against, or for, the proposal",
        )
    for outcome in outcomes:
        if outcome.status == "fired":
            findings.append(_finding(outcome, locate))
    return scores, findings, _opportunities(outcomes, scores, locate)


def _redistribution(
    metrics: Mapping[str, Summary | None],
    outcomes: Sequence[RuleOutcome],
    rubrics: RubricSet,
    baseline: float,
    findings: list[Finding],
) -> DimensionScore | None:
    pcbr = metrics.get("pcbr")
    gain = metrics.get("efficiency_gain_usd")
    if gain is None:
        return None
    fired, down, up, positive = _rubric_points(outcomes)
    scale = rubrics.scales.scales["redistribution"]
    if pcbr is not None:
        base = _from_scale("redistribution", scale, pcbr, findings)
        assert base is not None
        score, low, high = base
        raw = f"{by_unit(pcbr.mean, pcbr.unit)} reshuffled per $1 of net gain"
    else:
        score = low = high = 0.0
        raw = "income reshuffled with no net gain in some draws: PCBR undefined, scored 0"
    shift = baseline + fired
    return DimensionScore(
        score=_clip(score + shift),
        p05=_clip(low + shift + down),
        p95=_clip(high + shift + up),
        basis="scale",
        raw=raw + (f"; compensation {fired:+g} points" if outcomes else ""),
        earned=fired if outcomes else None,
        possible=positive if outcomes else None,
        band="the scale at the PCBR's percentiles, plus compensation provisions left open",
    )


def _finding(outcome: RuleOutcome, locate: Locate) -> Finding:
    rubric = outcome.rubric.rubric
    return Finding(
        dimension=rubric.dimension,
        rubric=rubric.rubric,
        rule=outcome.rule.id,
        title=outcome.rule.title,
        points=outcome.rule.points,
        evidence=_evidence(outcome, locate),
        rationale=outcome.rule.rationale.strip(),
        source=str(rubric.sources[outcome.rule.source]),
    )


def _opportunities(
    outcomes: Sequence[RuleOutcome],
    scores: Mapping[str, DimensionScore | None],
    locate: Locate,
) -> list[Opportunity]:
    found = []
    for outcome in outcomes:
        rule, rubric = outcome.rule, outcome.rubric.rubric
        if outcome.status in ("fired", "not_applicable") or rule.points <= 0:
            continue
        current = scores.get(rubric.dimension)
        base = current.score if current is not None else 0.0
        found.append(
            Opportunity(
                dimension=rubric.dimension,
                rubric=rubric.rubric,
                rule=rule.id,
                title=rule.title,
                points=rule.points,
                status="missed" if outcome.status == "missed" else "unsettled",
                score_change=round(_clip(base + rule.points) - base, 6),
                rationale=rule.rationale.strip(),
                recommendation=rule.recommendation.strip() if rule.recommendation else None,
                source=str(rubric.sources[rule.source]),
                evidence=_evidence(outcome, locate),
            )
        )
    return sorted(found, key=lambda o: (-o.score_change, o.dimension, o.rule))


def resolve_weights(
    rubrics: RubricSet, profile: str | None, overrides: Mapping[str, float] | None
) -> tuple[str, dict[str, float]]:
    """The profile's name and weights, with ``overrides`` applied on top."""
    name = profile or rubrics.profiles.default
    if name not in rubrics.profiles.profiles:
        known = ", ".join(sorted(rubrics.profiles.profiles))
        raise WeightsError(f"unknown profile {name!r}: choose one of {known}")
    weights: dict[str, float] = {
        d: float(rubrics.profiles.profiles[name].weights.get(d, 0.0)) for d in DIMENSIONS
    }
    for key, value in (overrides or {}).items():
        if key not in DIMENSIONS:
            raise WeightsError(
                f"unknown dimension {key!r} in --weights: use {', '.join(DIMENSIONS)}"
            )
        if not (value >= 0 and math.isfinite(value)):
            raise WeightsError(f"weight of {key} must be a non-negative number, got {value!r}")
        weights[key] = value
    if overrides:
        name = f"{name} with custom weights"
    if sum(weights.values()) <= 0:
        raise WeightsError("the weights are all zero")
    return name, weights


def overall_score(
    scores: Mapping[str, DimensionScore | None], profile: str, weights: Mapping[str, float]
) -> Overall | None:
    """Weighted mean of the dimensions that have a score; weights renormalised over them."""
    used = {d: w for d, w in weights.items() if w > 0 and scores.get(d) is not None}
    left_out = [d for d in DIMENSIONS if scores.get(d) is None]
    total = sum(used.values())
    if total <= 0:
        return None
    share = {d: w / total for d, w in used.items()}

    def mean(attribute: str) -> float:
        return float(sum(share[d] * getattr(scores[d], attribute) for d in share))

    score = mean("score")
    return Overall(  # the clamps only absorb rounding: a weighted mean keeps the order
        score=score,
        p05=min(mean("p05"), score),
        p95=max(mean("p95"), score),
        profile=profile,
        weights=share,
        left_out=left_out,
    )
