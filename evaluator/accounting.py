"""Net gain, income reshuffled and PCBR on the national and the global basis. Pure.

The models report residents' and non-residents' gains and the income reshuffled by part; this
module sums them on each basis and turns them into the headline metrics and the result's blocks.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.distribution import bounded_summary
from evaluator.drawing import Locate, Path
from evaluator.economics.component import Run
from evaluator.errors import format_path
from evaluator.models import Proposal
from evaluator.models.result import (
    BASES,
    Basis,
    BasisTotals,
    Dimension,
    Evidence,
    Finding,
    Summary,
)

FloatArray = npt.NDArray[np.float64]
USD_YEAR = "USD per year"
PCBR_UNIT = "ratio of means: USD reshuffled per USD of net gain"
_PERCENT = 100.0


def basis_totals(
    proposal: Proposal, runs: list[Run], findings: list[Finding], locate: Locate, chosen: Basis
) -> tuple[dict[str, FloatArray | None], dict[Basis, BasisTotals]]:
    """Net gain, income reshuffled and PCBR on both bases; the chosen one as headline metrics."""
    if not any(run.gain_usd is not None for run in runs):
        findings.append(
            model_note(
                "efficiency",
                "efficiency_gain_usd.not_applicable",
                (),
                "no tariffs or mobility section: the economic models do not apply, so efficiency "
                "gain, redistribution and PCBR are not estimated",
                locate,
            )
        )
        return {}, {}
    economy = proposal.economy
    metrics: dict[str, FloatArray | None] = {}
    blocks: dict[Basis, BasisTotals] = {}
    still = changes_nothing(runs)
    if still:
        text = _no_change(proposal)
        findings.append(model_note("redistribution", NO_CHANGE_RULE, (), text, locate))
    for basis in BASES:
        gain, parts = _on_basis(runs, basis)
        redis = np.sum(list(parts.values()), axis=0) if parts else np.zeros_like(gain)
        share = None if economy is None else _PERCENT * gain / economy.gdp_usd
        note_to = findings if basis == chosen else None
        ratio = None if still else _pcbr(gain, redis, note_to, locate, basis)
        usd = USD_YEAR
        blocks[basis] = BasisTotals(
            basis=basis,
            counts=[c for run in runs for c in _counts(run, basis)],
            not_assessed=[n for run in runs for n in run.not_assessed],
            gain_usd=bounded_summary(gain, usd),
            gain_pct_gdp=None if share is None else bounded_summary(share, "% of GDP"),
            reshuffled_usd=bounded_summary(redis, usd),
            pcbr=None if ratio is None else ratio_of_means(redis, gain, ratio),
            reshuffled_parts={k: bounded_summary(v, usd) for k, v in parts.items()},
            gain_parts={k: bounded_summary(v, usd) for k, v in _gain_parts(runs, basis).items()},
        )
        if basis == chosen:
            metrics = {
                "efficiency_gain_usd": gain,
                "redistribution_usd": redis,
                "efficiency_gain_pct_gdp": share,
                "pcbr": ratio,
            }
    return metrics, blocks


NO_CHANGE = "the proposal changes nothing the models measure"
"""Why redistribution is not assessed when the net gain and the income reshuffled are exactly zero
in every draw: there is no change to score, and a PCBR of 0/0 is not a number."""
NO_CHANGE_RULE = "pcbr.no_change"


def changes_nothing(runs: list[Run]) -> bool:
    """True when every model's gain and income reshuffled, on both bases, is exactly zero in every
    draw (a tariff schedule whose final rates equal its base rates, a zero visa quota). A tiny
    real change is not nothing: it reshuffles a tiny, positive amount and is scored."""
    arrays = [
        values
        for run in runs
        for values in (
            run.gain_usd,
            run.reshuffled_usd,
            run.foreign_gain_usd,
            *run.parts.values(),
            *run.foreign_parts.values(),
        )
        if values is not None
    ]
    return bool(arrays) and not any(np.any(values) for values in arrays)


def _no_change(proposal: Proposal) -> str:
    """The no-change finding: what stays as it is, and what the evaluation does about it."""
    what = []
    if proposal.tariffs is not None:
        tariffs = proposal.tariffs
        lines = tariffs.lines
        rates = [(x.base_rate, x.final_rate) for x in tariffs.exports]
        same = all(base == final for base, final in rates) and bool(
            np.array_equal(lines.number("base_rate"), lines.number("final_rate"))
        )
        what.append(
            "every tariff line's final rate equals its base rate"
            if same
            else "its tariff changes fall on lines with no trade"
        )
    if proposal.mobility is not None:
        zero = all(origin.annual_quota == 0 for origin in proposal.mobility.origins)
        what.append("every visa quota is zero" if zero else "its visas move no earnings")
    return (
        f"no change: {NO_CHANGE} ({' and '.join(what) or 'its sections move no model input'}). "
        "The net gain and the income reshuffled are exactly zero in every draw, so the "
        "political cost-benefit ratio (income reshuffled per dollar of net gain, here 0/0) is "
        "undefined and redistribution is not assessed; the efficiency gain is a true zero"
    )


def _on_basis(runs: list[Run], basis: Basis) -> tuple[FloatArray, dict[str, FloatArray]]:
    """The gain and the parts of the income reshuffled, summed over the models."""
    gain = np.sum([run.gain_usd for run in runs if run.gain_usd is not None], axis=0)
    parts: dict[str, FloatArray] = {}

    def add(name: str, values: FloatArray) -> None:
        parts[name] = parts[name] + values if name in parts else np.asarray(values)

    for run in runs:
        for name, values in run.parts.items():
            add(name, values)
        if run.reshuffled_usd is not None and not run.parts:
            add("Other", run.reshuffled_usd)
        if basis == "global":
            if run.foreign_gain_usd is not None:
                gain = gain + run.foreign_gain_usd
            for name, values in run.foreign_parts.items():
                add(name, values)
    return np.asarray(gain, dtype=np.float64), parts


def _gain_parts(runs: list[Run], basis: Basis) -> dict[str, FloatArray]:
    """The net gain split by whose it is (each model's residents, then non-residents)."""
    parts: dict[str, FloatArray] = {}
    for run in runs:
        pieces = [(run.gain_label, run.gain_usd)]
        if basis == "global":
            pieces.append((run.foreign_gain_label, run.foreign_gain_usd))
        for label, values in pieces:
            if values is not None and label:
                parts[label] = parts[label] + values if label in parts else np.asarray(values)
    return parts


def _counts(run: Run, basis: Basis) -> tuple[str, ...]:
    return run.national_counts + (run.global_adds if basis == "global" else ())


def ratio_of_means(redis: FloatArray, gain: FloatArray, ratio: FloatArray) -> Summary:
    """PCBR as mean income reshuffled over mean net gain, banded by the per-draw ratio."""
    point = float(np.mean(redis) / np.mean(gain))
    band = bounded_summary(ratio, PCBR_UNIT)
    return Summary(mean=point, p05=min(band.p05, point), p95=max(band.p95, point), unit=band.unit)


def _pcbr(
    gain: FloatArray,
    redis: FloatArray,
    findings: list[Finding] | None,
    locate: Locate,
    basis: Basis,
) -> FloatArray | None:
    """Redistribution per dollar of net gain, draw by draw; undefined unless the gain is > 0."""
    with np.errstate(over="ignore"):  # a vanishing gain gives an infinite ratio: undefined
        ratio: FloatArray = np.divide(redis, gain, out=np.full(gain.shape, np.inf), where=gain > 0)
    positive = np.isfinite(ratio)
    if positive.all():
        return ratio
    if findings is None:
        return None
    share = 1.0 - float(positive.mean())
    findings.append(
        model_note(
            "redistribution",
            "pcbr.undefined",
            (),
            f"the net gain on the {basis} basis is not positive in {share:.0%} of draws (a "
            "tariff increase, "
            "imports diverted from non-members, a preference margin the partner's exporters keep, "
            "or a scheme whose losses exceed its gains), so the political cost-benefit ratio, "
            "income reshuffled per dollar of net gain, is undefined",
            locate,
        )
    )
    return None


def model_note(dimension: Dimension, rule: str, path: Path, text: str, locate: Locate) -> Finding:
    file, line, col = locate(path)
    return Finding(
        dimension=dimension,
        rubric="models",
        rule=rule,
        evidence=Evidence(path=format_path(path), file=file, line=line, col=col),
        rationale=text,
    )
