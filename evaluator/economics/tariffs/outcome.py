"""Tariff schedule -> national gain, trade creation and diversion, revenue, reshuffling, by draw.

Line data become arrays once. Uncertain inputs are comonotonic across lines [A]: every line's
import-demand elasticity takes the same standardised draw mapped into its own range (one unknown,
how elastic import demand is in this economy), and likewise the substitution and export-supply
elasticities. Two paths give the totals per draw:

* **affine** (linear demand, fixed substitution elasticities, infinitely elastic partner supply,
  the common case): every line result is affine in the import-demand elasticity, so the model is
  evaluated at ``e = 0`` and ``e = 1`` and the totals per draw are
  ``sum(f(0) + f' low) + z sum(f' (high - low))``: O(lines + draws), no lines x draws matrix;
* **dense** otherwise: blocks of lines x draws, memory bounded by the block.

The export side (:mod:`.exports`) is always dense; export lines are few.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from evaluator.bounds import Budget
from evaluator.drawing import Draws
from evaluator.economics.sampling import summarise
from evaluator.economics.tariffs.exports import export_side
from evaluator.economics.tariffs.inputs import (
    ELASTICITY_KEY,
    SUBSTITUTION_KEY,
    SUPPLY_KEY,
    Lines,
    schedule_arrays,
)
from evaluator.economics.tariffs.phase_in import discount_factors, phase_in_rates
from evaluator.economics.tariffs.preferential import (
    composite_price_fall,
    pass_through_to_exporters,
    preferential_effects,
    revenue_reshuffled,
)
from evaluator.models import Tariffs

FloatArray = npt.NDArray[np.float64]
_BLOCK_CELLS = 250_000
"""Cells (lines x draws) per block of the dense path: each temporary is 2 MB."""


@dataclass(frozen=True)
class ImportTotals:
    """Import-side results, one value per draw (or per line, for the per-line means)."""

    welfare: FloatArray
    creation: FloatArray
    diversion: FloatArray
    revenue: FloatArray
    buyers: FloatArray
    transfer: FloatArray
    diversion_cost: FloatArray
    reshuffled_revenue: FloatArray
    producer_loss: FloatArray
    partner_after: FloatArray
    """Partner's imports after the change from its own price alone (diversion left out)."""
    rest_after: FloatArray
    """Rest of the world's imports after the change from its own price alone."""


@dataclass(frozen=True)
class TariffOutcome:
    """Totals per draw, and per-line point results for tables, charts and levers."""

    efficiency_gain_usd: FloatArray
    import_gain_usd: FloatArray
    exporters_gain_usd: FloatArray | None
    redistribution_usd: FloatArray
    trade_creation_usd: FloatArray
    trade_diversion_usd: FloatArray
    revenue_change_usd: FloatArray
    consumer_gain_usd: FloatArray
    producer_loss_usd: FloatArray
    transfer_to_exporters_usd: FloatArray
    diversion_cost_usd: FloatArray
    revenue_reshuffled_usd: FloatArray
    present_value_usd: FloatArray | None
    line_gain_usd: FloatArray
    line_redistribution_usd: FloatArray
    base_rate: FloatArray
    imports_usd: FloatArray
    lowest_imports_usd: FloatArray
    """Per line, the lowest imports from either source after the change, over the draws, from
    each source's own price change (its demand curve; diversion only moves imports between the
    sources): below zero where linear demand is used past the price at which it reaches zero."""
    negative_at_mean: FloatArray
    """Per line, True where those imports are below zero at the mean of the draws too."""
    increases: int
    preferential: bool
    partner_captures: bool


def _effects(
    d: Lines,
    sl: slice | tuple[slice, None],
    e: npt.ArrayLike,
    s: npt.ArrayLike,
    es: npt.ArrayLike,
    demand: str,
    t1: FloatArray | None = None,
    r1: FloatArray | None = None,
) -> ImportTotals:
    """The import-side results of lines ``sl`` at the given elasticities (broadcasting)."""

    def pick(a: FloatArray) -> FloatArray:
        return np.asarray(a[sl], dtype=np.float64)

    final, rest_final = pick(d.t1) if t1 is None else t1, pick(d.r1) if r1 is None else r1
    fx = preferential_effects(
        pick(d.mj),
        pick(d.t0),
        final,
        pick(d.mr),
        pick(d.r0),
        rest_final,
        e,
        s,
        es,
        "linear" if demand == "linear" else "constant_elasticity",
    )
    phi = pass_through_to_exporters(e, es)
    fall = composite_price_fall(
        pick(d.mj), pick(d.mr), pick(d.t0), final, pick(d.r0), rest_final, phi
    )
    producer = pick(d.s0) * fall
    moved = revenue_reshuffled(
        pick(d.mj), pick(d.t0), final, pick(d.mr), pick(d.r0), rest_final, fx.diversion_usd
    )
    return ImportTotals(
        welfare=fx.welfare_usd,
        creation=fx.trade_creation_usd,
        diversion=fx.diversion_usd,
        revenue=fx.revenue_change_usd,
        buyers=fx.buyers_surplus_usd + producer,
        transfer=fx.transfer_to_exporters_usd,
        diversion_cost=fx.diversion_cost_usd,
        reshuffled_revenue=moved,
        producer_loss=producer,
        partner_after=np.asarray(pick(d.mj) + fx.creation_partner_usd, dtype=np.float64),
        rest_after=np.asarray(pick(d.mr) + fx.creation_rest_usd, dtype=np.float64),
    )


def _map(totals: ImportTotals, fn: Callable[[FloatArray], FloatArray]) -> ImportTotals:
    return ImportTotals(**{f.name: fn(getattr(totals, f.name)) for f in fields(totals)})


def _combine(
    a: ImportTotals, b: ImportTotals, fn: Callable[[FloatArray, FloatArray], FloatArray]
) -> ImportTotals:
    return ImportTotals(**{f.name: fn(getattr(a, f.name), getattr(b, f.name)) for f in fields(a)})


def _is_affine(d: Lines, demand: str) -> bool:
    return (
        demand == "linear"
        and bool(np.all(d.sigma[0] == d.sigma[1]))
        and not bool(np.isfinite(d.supply[0]).any())
    )


def _affine(
    d: Lines, z: FloatArray
) -> tuple[ImportTotals, ImportTotals, FloatArray, tuple[FloatArray, FloatArray]]:
    """Totals per draw, per-line means and per-line lowest imports after the change, exact, from
    the model at ``e = 0`` and ``e = 1``; and each line's welfare at ``e = 0`` and its change
    per unit of ``e`` (the steady state of :func:`_present_value`).

    Every result is ``f(0) + e f'`` with ``f' = f(1) - f(0)``; with ``e = low + width z`` the
    totals are ``sum(f(0) + f' low) + z sum(f' width)``, and a line's lowest value over the
    draws is at the smallest or the largest ``z``.
    """
    everything = slice(None)
    at_0 = _effects(d, everything, 0.0, d.sigma[0], np.inf, "linear")
    unit = _combine(
        _effects(d, everything, 1.0, d.sigma[0], np.inf, "linear"), at_0, lambda a, b: a - b
    )
    low, width = d.e[0], d.e[1] - d.e[0]
    z_mean = float(summarise(z)[0])
    base = _combine(at_0, unit, lambda a, u: np.asarray(a + u * low))
    slope = _map(unit, lambda u: np.asarray(u * width))
    totals = _combine(base, slope, lambda b, sl: float(b.sum()) + float(sl.sum()) * z)
    means = _combine(base, slope, lambda b, sl: np.asarray(b + sl * z_mean))
    sources = ((base.partner_after, slope.partner_after), (base.rest_after, slope.rest_after))
    ends = (float(z.min()), float(z.max())) if z.size else (0.0, 0.0)
    lowest = np.min([b + sl * x for b, sl in sources for x in ends], axis=0)
    return totals, means, np.asarray(lowest, dtype=np.float64), (at_0.welfare, unit.welfare)


def _after(totals: ImportTotals) -> FloatArray:
    """The lower of the two sources' imports after the change, per line (or per cell)."""
    return np.minimum(totals.partner_after, totals.rest_after)


def _draw(bounds: tuple[FloatArray, FloatArray], sl: slice, z: FloatArray) -> FloatArray:
    low, high = bounds[0][sl, None], bounds[1][sl, None]
    width = np.where(np.isfinite(low), high - np.where(np.isfinite(low), low, 0.0), 0.0)
    return np.asarray(low + width * z[None, :], dtype=np.float64)


def _dense(
    d: Lines, z: dict[str, FloatArray], demand: str
) -> tuple[ImportTotals, ImportTotals, FloatArray]:
    """Totals per draw, per-line means and per-line lowest imports after the change, block by
    block of lines (memory bounded)."""
    n, lines = z[ELASTICITY_KEY].shape[0], d.mj.shape[0]
    totals = _map(_effects(d, slice(0, 0), 1.0, 1.0, np.inf, demand), lambda _: np.zeros(n))
    means: list[ImportTotals] = []
    lowest: list[FloatArray] = []
    step = max(1, _BLOCK_CELLS // max(n, 1))
    for start in range(0, lines, step):
        sl = slice(start, start + step)
        cell = _effects(
            d,
            (sl, None),
            _draw(d.e, sl, z[ELASTICITY_KEY]),
            _draw(d.sigma, sl, z[SUBSTITUTION_KEY]),
            _draw(d.supply, sl, z[SUPPLY_KEY]),
            demand,
        )
        totals = _combine(totals, cell, lambda acc, c: np.asarray(acc + c.sum(axis=0)))
        means.append(_map(cell, lambda c: np.asarray(c.mean(axis=1))))
        lowest.append(_after(cell).min(axis=1, initial=np.inf))
    line_means = ImportTotals(
        **{
            f.name: np.concatenate([getattr(m, f.name) for m in means]) if means else np.zeros(0)
            for f in fields(ImportTotals)
        }
    )
    return totals, line_means, np.concatenate(lowest) if lowest else np.zeros(0)


def _present_value(
    d: Lines,
    z: FloatArray,
    mfn: bool,
    discount_rate: float,
    horizon_years: int,
    steady_state: tuple[FloatArray, FloatArray],
) -> FloatArray:
    """Present value of the phased-in import-side gain per draw (affine path only).

    Every line yields its steady-state gain (``steady_state``: its welfare at ``e = 0`` and per
    unit of ``e``, from :func:`_affine`) from the year its cut is complete (year 1 for a cut at
    once); only the years before, while a staged cut is under way, need the model at the year's
    rate. Lines staged over the same number of years are evaluated together, each model at
    ``e = 0`` and ``e = 1`` as in :func:`_affine`.
    """
    df = discount_factors(discount_rate, horizon_years)

    def welfare(
        e: float, rows: npt.NDArray[np.bool_], t1: FloatArray, r1: FloatArray
    ) -> FloatArray:
        fx = preferential_effects(
            d.mj[rows][:, None],
            d.t0[rows][:, None],
            t1,
            d.mr[rows][:, None],
            d.r0[rows][:, None],
            r1,
            e,
            d.sigma[0][rows][:, None],
        )
        return np.asarray(fx.welfare_usd, dtype=np.float64)

    low, width = d.e[0], d.e[1] - d.e[0]
    steady, steady_unit = steady_state
    # the discount factors of the years from the one each cut is complete (year n, or 1)
    after = np.concatenate((np.cumsum(df[::-1])[::-1], [0.0]))
    complete = np.minimum(np.maximum(d.years, 1.0), horizon_years + 1).astype(np.intp) - 1
    weight = after[complete]
    intercept = float(np.sum(weight * (steady + steady_unit * low)))
    slope = float(np.sum(weight * steady_unit * width))
    for years in np.unique(d.years[d.years >= 2]).tolist():
        rows = d.years == years
        under_way = min(int(years) - 1, horizon_years)  # the years before the cut is complete
        rates = phase_in_rates(d.t0[rows], d.t1[rows], years, horizon_years)[:, :under_way]
        rest = (
            phase_in_rates(d.r0[rows], d.r1[rows], years, horizon_years)[:, :under_way]
            if mfn
            else d.r1[rows][:, None]
        )
        base = welfare(0.0, rows, rates, rest)
        unit = welfare(1.0, rows, rates, rest) - base
        intercept += float((base + unit * low[rows][:, None]).sum(axis=0) @ df[:under_way])
        slope += float((unit * width[rows][:, None]).sum(axis=0) @ df[:under_way])
    return np.asarray(intercept + slope * z, dtype=np.float64)


def _check_cells(tariffs: Tariffs, d: Lines, draws: Draws) -> None:
    """Refuse, before the work, a schedule off the closed form that is over the cell budget."""
    at: tuple[str, ...]
    if tariffs.demand != "linear":
        why, at = "constant-elasticity demand", ("tariffs", "demand")
    elif not bool(np.all(d.sigma[0] == d.sigma[1])):
        why, at = "a range of substitution elasticities", ("tariffs",)
    else:
        why, at = "a finite export-supply elasticity", ("tariffs",)
    message = Budget(cells=draws.cell_budget).cells_message(int(d.mj.shape[0]), draws.n, why)
    if message is not None:
        raise draws.error(at, message)


def tariff_outcome(
    tariffs: Tariffs, draws: Draws, discount_rate: float, horizon_years: int
) -> TariffOutcome:
    """Evaluate a schedule under the draws; see ``docs/methodology.md`` for every formula."""
    d = schedule_arrays(tariffs, draws)
    z = {key: draws.uniform(key) for key in (ELASTICITY_KEY, SUBSTITUTION_KEY, SUPPLY_KEY)}
    present: FloatArray | None = None
    if _is_affine(d, tariffs.demand):
        totals, means, lowest, steady = _affine(d, z[ELASTICITY_KEY])
        present = _present_value(
            d, z[ELASTICITY_KEY], tariffs.cut == "mfn", discount_rate, horizon_years, steady
        )
    else:
        _check_cells(tariffs, d, draws)
        totals, means, lowest = _dense(d, z, tariffs.demand)
    exported = export_side(tariffs, draws, z[ELASTICITY_KEY], discount_rate, horizon_years)
    gain = totals.welfare
    if exported is not None:
        gain = gain + exported[0]
        present = None if present is None else present + exported[1]
    return TariffOutcome(
        efficiency_gain_usd=np.asarray(gain, dtype=np.float64),
        import_gain_usd=totals.welfare,
        exporters_gain_usd=None if exported is None else exported[0],
        redistribution_usd=np.asarray(totals.reshuffled_revenue + totals.producer_loss),
        trade_creation_usd=totals.creation,
        trade_diversion_usd=totals.diversion,
        revenue_change_usd=totals.revenue,
        consumer_gain_usd=totals.buyers,
        producer_loss_usd=totals.producer_loss,
        transfer_to_exporters_usd=totals.transfer,
        diversion_cost_usd=totals.diversion_cost,
        revenue_reshuffled_usd=totals.reshuffled_revenue,
        present_value_usd=present,
        line_gain_usd=means.welfare,
        line_redistribution_usd=np.asarray(means.reshuffled_revenue + means.producer_loss),
        base_rate=d.t0,
        imports_usd=d.mj,
        lowest_imports_usd=np.asarray(lowest, dtype=np.float64),
        negative_at_mean=np.asarray(_after(means) < 0.0),
        increases=int(np.sum(d.t1 > d.t0)),
        preferential=bool(np.any((d.mr > 0) & (d.r1 != d.t1))),
        partner_captures=bool(np.isfinite(d.supply[0]).any()),
    )
