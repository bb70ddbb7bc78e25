"""Who gains and who loses, and the data behind the tariff charts. Pure functions of outcomes.

Accounting (MODELS.md §1 and §4): for a tariff cut, net gain = consumers' gain + producers'
change + revenue change, so consumers' gain = gain + producers' loss - revenue change. For a visa
scheme, competing natives' wage loss is a transfer to their employers, who also keep the
immigration surplus; migrants gain the place premium on their home wage, part of which they send
home.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.economics.sampling import summarise
from evaluator.mobility_metrics import MobilityOutcome
from evaluator.models.result import FrontierPoint, GroupEffect, LinePoint, Summary, TariffChart
from evaluator.tariff_metrics import TariffOutcome

FloatArray = npt.NDArray[np.float64]
CHART_LINES = 300
FRONTIER_POINTS = 200


def bounded_summary(values: FloatArray, unit: str) -> Summary:
    """Mean, p05 and p95 over the draws, with p05 <= mean <= p95 (the mean of identical
    draws can differ from them in the last bit)."""
    mean, p05, p95 = (float(x) for x in summarise(np.asarray(values, dtype=np.float64)))
    return Summary(mean=mean, p05=min(p05, mean), p95=max(p95, mean), unit=unit)


def _summary(values: FloatArray) -> Summary:
    return bounded_summary(values, "USD per year")


def winners_and_losers(
    tariffs: TariffOutcome | None, mobility: MobilityOutcome | None, has_output: bool
) -> list[GroupEffect]:
    """Annual gains (positive) and losses (negative) by group, largest first."""
    groups: list[GroupEffect] = []
    if tariffs is not None:
        consumers = (
            tariffs.efficiency_gain_usd + tariffs.producer_loss_usd - tariffs.revenue_change_usd
        )
        groups.append(
            GroupEffect(
                group="Consumers and importing firms",
                effect_usd=_summary(consumers),
                note="lower prices on imports and on the competing domestic goods",
            )
        )
        if has_output:
            groups.append(
                GroupEffect(
                    group="Import-competing producers and their workers",
                    effect_usd=_summary(-tariffs.producer_loss_usd),
                    note="lower prices for what they make (first-order loss)",
                )
            )
        groups.append(
            GroupEffect(
                group="Government (tariff revenue)",
                effect_usd=_summary(tariffs.revenue_change_usd),
                note="revenue lost on the old volume, partly offset by new imports",
            )
        )
    if mobility is not None:
        groups.extend(
            [
                GroupEffect(
                    group="Migrant workers",
                    effect_usd=_summary(mobility.migrants_gain_usd),
                    note="earnings above what they would make at home",
                ),
                GroupEffect(
                    group="Origin households (remittances)",
                    effect_usd=_summary(mobility.remittances_usd),
                    note="part of the migrants' earnings sent home, not an extra gain",
                ),
                GroupEffect(
                    group="Competing native workers",
                    effect_usd=_summary(-mobility.natives_wage_loss_usd),
                    note="lower wages in the occupations the visas cover",
                ),
                GroupEffect(
                    group="Employers and other natives",
                    effect_usd=_summary(
                        mobility.natives_wage_loss_usd + mobility.immigration_surplus_usd
                    ),
                    note="the natives' wage loss passes to employers, plus the immigration surplus",
                ),
            ]
        )
    return sorted(groups, key=lambda g: -abs(g.effect_usd.mean))


def _line_pcbr(gain: FloatArray, redis: FloatArray) -> FloatArray:
    """Per-line PCBR; infinite where a line gains nothing (it sorts last)."""
    out = np.full(gain.shape, np.inf)
    with np.errstate(over="ignore"):
        np.divide(redis, gain, out=out, where=gain > 0)
    return out


def tariff_chart(outcome: TariffOutcome, labels: list[str], final_rate: FloatArray) -> TariffChart:
    """The largest lines by imports, and the frontier from liberalising lines by PCBR."""
    gain, redis = outcome.line_gain_usd, outcome.line_redistribution_usd
    pcbr = _line_pcbr(gain, redis)
    largest = np.argsort(-outcome.imports_usd, kind="stable")[:CHART_LINES]
    lines = [
        LinePoint(
            label=labels[i],
            base_rate=float(outcome.base_rate[i]),
            final_rate=float(final_rate[i]),
            imports_usd=float(outcome.imports_usd[i]),
            gain_usd=float(gain[i]),
            redistribution_usd=float(redis[i]),
            pcbr=float(pcbr[i]) if np.isfinite(pcbr[i]) else None,
        )
        for i in largest
    ]
    order = np.argsort(pcbr, kind="stable")
    cum_gain = np.concatenate(([0.0], np.cumsum(gain[order])))
    cum_redis = np.concatenate(([0.0], np.cumsum(redis[order])))
    keep = np.unique(np.linspace(0, len(order), min(FRONTIER_POINTS, len(order) + 1)).round())
    frontier = [
        FrontierPoint(
            lines=int(k),
            gain_usd=float(cum_gain[int(k)]),
            redistribution_usd=float(cum_redis[int(k)]),
        )
        for k in keep
    ]
    return TariffChart(total_lines=len(gain), lines=lines, frontier=frontier)
