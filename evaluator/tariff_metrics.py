"""Tariff schedule -> annual efficiency gain, redistribution, revenue and trade, by draw.

Line data become arrays once; the Monte Carlo never builds a lines x draws matrix for the linear
model (see :mod:`evaluator.economics.tariff_draws`): the elasticity of every line takes the same
standardised draw, mapped into the line's own range (a shared unknown, [A]).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.tariff_draws import (
    line_gain_summaries,
    present_value_by_draw,
    tariff_totals_by_draw,
)
from evaluator.economics.tariffs import (
    efficiency_gain,
    producer_surplus_change,
    redistribution,
    trade_creation,
)
from evaluator.models import Range, Tariffs

FloatArray = npt.NDArray[np.float64]
ELASTICITY_KEY = "import_demand_elasticity"
_DENSE_BLOCK_LINES = 500


@dataclass(frozen=True)
class TariffOutcome:
    """Totals per draw, and per-line point results for tables and charts."""

    efficiency_gain_usd: FloatArray
    redistribution_usd: FloatArray
    trade_creation_usd: FloatArray
    revenue_change_usd: FloatArray
    producer_loss_usd: FloatArray
    present_value_usd: FloatArray | None
    line_gain_usd: FloatArray
    line_redistribution_usd: FloatArray
    base_rate: FloatArray
    imports_usd: FloatArray
    increases: int


def _elasticity_bounds(tariffs: Tariffs, draws: Draws) -> tuple[FloatArray, FloatArray]:
    lows = np.empty(len(tariffs.lines))
    highs = np.empty(len(tariffs.lines))
    default = tariffs.elasticity
    for i, line in enumerate(tariffs.lines):
        value = line.elasticity if line.elasticity is not None else default
        if value is None:
            raise draws.error(
                ("tariffs", "elasticity"),
                "no import-demand elasticity: give `tariffs.elasticity` (a number, or a "
                "{low, high} range) or one per line; the tool ships no cited default",
            )
        if isinstance(value, Range):
            lows[i], highs[i] = value.low, value.high
        else:
            lows[i] = highs[i] = value
    return lows, highs


def _record_elasticity(tariffs: Tariffs, draws: Draws, low: FloatArray, high: FloatArray) -> None:
    unit = "absolute value, dimensionless"
    if tariffs.elasticity is not None:
        draws.given(
            ELASTICITY_KEY, tariffs.elasticity, unit=unit, field_path=("tariffs", "elasticity")
        )
    else:
        spread = Range(low=float(low.min()), high=float(high.max()))
        draws.given(ELASTICITY_KEY, spread, unit=unit, field_path=("tariffs", "lines"))


def tariff_outcome(
    tariffs: Tariffs, draws: Draws, discount_rate: float, horizon_years: int
) -> TariffOutcome:
    """Evaluate a schedule under the draws; see MODELS.md §1 for every formula."""
    lines = tariffs.lines
    t0 = np.array([line.base_rate for line in lines], dtype=np.float64)
    t1 = np.array([line.final_rate for line in lines], dtype=np.float64)
    m0 = np.array([line.imports_usd for line in lines], dtype=np.float64)
    if tariffs.imports_valued_at == "domestic":
        m0 = m0 / (1.0 + t0)  # MODELS.md §1: world-price imports M0 = m GDP / (1 + t)
    s0 = np.array(
        [np.nan if line.domestic_output_usd is None else line.domestic_output_usd for line in lines]
    )
    years = np.array([line.phase_in_years for line in lines], dtype=np.float64)
    low, high = _elasticity_bounds(tariffs, draws)
    z = draws.uniform(ELASTICITY_KEY)
    _record_elasticity(tariffs, draws, low, high)
    width = high - low
    producer = producer_surplus_change(t0, t1, s0)
    line_redis = redistribution(m0, t0, t1, s0)
    redis = np.full(draws.n, float(line_redis.sum()))
    if tariffs.demand == "linear":
        totals = tariff_totals_by_draw(m0, t0, t1, low, high, z, s0)
        gain = totals.efficiency_gain_usd
        per_unit = trade_creation(m0, t0, t1, 1.0)
        created = float(per_unit @ low) + float(per_unit @ width) * z
        revenue = float(np.sum((t1 - t0) * m0)) + (
            float((t1 * per_unit) @ low) + float((t1 * per_unit) @ width) * z
        )
        present = present_value_by_draw(
            m0, t0, t1, low, high, years, z, discount_rate, horizon_years
        )
        line_gain = line_gain_summaries(m0, t0, t1, low, high, z)[0]
    else:
        gain, created, revenue = _dense_totals(m0, t0, t1, low, width, z)
        present = None
        line_gain = efficiency_gain(m0, t0, t1, low + width * float(np.mean(z)), tariffs.demand)
    return TariffOutcome(
        efficiency_gain_usd=np.asarray(gain, dtype=np.float64),
        redistribution_usd=redis,
        trade_creation_usd=np.asarray(created, dtype=np.float64),
        revenue_change_usd=np.asarray(revenue, dtype=np.float64),
        producer_loss_usd=np.full(draws.n, float(-producer.sum())),
        present_value_usd=present,
        line_gain_usd=line_gain,
        line_redistribution_usd=line_redis,
        base_rate=t0,
        imports_usd=m0,
        increases=int(np.sum(t1 > t0)),
    )


def _dense_totals(
    m0: FloatArray,
    t0: FloatArray,
    t1: FloatArray,
    low: FloatArray,
    width: FloatArray,
    z: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Constant-elasticity totals per draw, evaluated in blocks of lines (not linear in e)."""
    gain = np.zeros(z.shape[0])
    created = np.zeros(z.shape[0])
    revenue = np.zeros(z.shape[0])
    for start in range(0, m0.shape[0], _DENSE_BLOCK_LINES):
        block = slice(start, start + _DENSE_BLOCK_LINES)
        e = low[block, None] + width[block, None] * z[None, :]
        a, b, c = m0[block, None], t0[block, None], t1[block, None]
        gain += efficiency_gain(a, b, c, e, "constant_elasticity").sum(axis=0)
        dm = trade_creation(a, b, c, e, "constant_elasticity")
        created += dm.sum(axis=0)
        revenue += (c * (a + dm) - b * a).sum(axis=0)
    return gain, created, revenue
