"""Monte Carlo over import-demand elasticities without a lines x draws matrix.

A schedule of 20,000 tariff lines and 10,000 draws would need 1.6 GB for *each* (lines, draws)
float64 intermediate. Two facts avoid that:

1. **Comonotonic elasticities.** Each line's elasticity is uncertain over its own range
   ``[low_i, high_i]``, but the uncertainty is one shared unknown (how elastic import demand is in
   this economy), so every line takes the *same* standardised draw ``z_j`` mapped into its range:
   ``e_ij = low_i + (high_i - low_i) z_j``. This is a modelling choice of ours [A]; it gives the
   widest (most honest) interval for totals, where independent draws per line would average the
   uncertainty away across thousands of lines.
2. **Linearity.** In the linear model ``E_i = g_i e_i`` with ``g_i = E_i(e=1)``, and redistribution
   ``R_i`` does not depend on ``e``. So the total over lines in draw ``j`` is
   ``sum_i g_i low_i + z_j sum_i g_i (high_i - low_i)``: two dot products over lines, then an
   O(draws) affine map, i.e. ``(lines-vector) @ (lines x 2) @ (2 x draws)`` never materialised.

Per-line results are reported as exact summaries: a line's gain is an increasing or decreasing
affine function of ``z``, so its mean and percentiles are the line's affine map of ``z``'s mean and
percentiles (numpy's linear-interpolation percentiles commute with affine maps).

The constant-elasticity model is not linear in ``e``; :func:`efficiency_totals_dense` evaluates it
block by block (vectorised within each block of lines), bounding memory at
``chunk_lines x draws`` per intermediate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow
from evaluator.economics.sampling import summarise
from evaluator.economics.tariffs.kernels import Demand, efficiency_gain, pcbr, redistribution
from evaluator.economics.tariffs.phase_in import annual_gain_stream, discount_factors

FloatArray = npt.NDArray[np.float64]


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


@tolerate_underflow
def gain_per_unit_elasticity(
    imports_usd: npt.ArrayLike, base_rate: npt.ArrayLike, final_rate: npt.ArrayLike
) -> FloatArray:
    """Linear-model gain of each line per unit of elasticity: ``g = E(e=1)``.

    References
    ----------
    MODELS.md §1, linear ``E`` (proportional to ``e``) [D].

    Examples
    --------
    >>> float(gain_per_unit_elasticity(100.0, 0.2, 0.0).round(4))
    1.6667
    """
    return efficiency_gain(imports_usd, base_rate, final_rate, 1.0)


@dataclass(frozen=True, slots=True)
class TariffDrawTotals:
    """Totals over all lines, one value per draw (``redistribution_usd`` is draw-invariant)."""

    efficiency_gain_usd: FloatArray
    redistribution_usd: float
    pcbr: FloatArray


@tolerate_underflow
def tariff_totals_by_draw(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity_low: npt.ArrayLike,
    elasticity_high: npt.ArrayLike,
    z: npt.ArrayLike,
    domestic_output_usd: npt.ArrayLike | None = None,
) -> TariffDrawTotals:
    """Total efficiency gain, redistribution and PCBR per draw, linear model.

    Parameters
    ----------
    imports_usd, base_rate, final_rate, elasticity_low, elasticity_high : array_like, (lines,)
        Line data; ``low == high`` for a line with a fixed elasticity.
    z : array_like, (draws,)
        Standardised draws in [0, 1] (:func:`evaluator.economics.sampling.standard_quantiles`).
    domestic_output_usd : array_like, optional
        ``S0`` per line; NaN or 0 where absent.

    References
    ----------
    MODELS.md §1 [D]; comonotonic elasticity draws [A].

    Examples
    --------
    >>> tot = tariff_totals_by_draw([100.0], [0.2], [0.0], [2.0], [4.0], [0.0, 1.0])
    >>> tot.efficiency_gain_usd.round(4).tolist(), tot.redistribution_usd
    ([3.3333, 6.6667], 20.0)
    """
    g = gain_per_unit_elasticity(imports_usd, base_rate, final_rate)
    low = _f(elasticity_low)
    width = _f(elasticity_high) - low
    intercept = float(np.sum(g * low))
    slope = float(np.sum(g * width))
    gain = intercept + slope * _f(z)
    redis = float(np.sum(redistribution(imports_usd, base_rate, final_rate, domestic_output_usd)))
    return TariffDrawTotals(
        efficiency_gain_usd=gain, redistribution_usd=redis, pcbr=pcbr(redis, gain)
    )


@tolerate_underflow
def line_gain_summaries(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity_low: npt.ArrayLike,
    elasticity_high: npt.ArrayLike,
    z: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Exact ``(mean, p05, p95)`` of each line's gain over the draws, linear model, O(lines).

    Examples
    --------
    >>> m, lo, hi = line_gain_summaries([100.0], [0.2], [0.0], [2.0], [4.0], np.linspace(0, 1, 101))
    >>> m.round(4).tolist(), lo.round(4).tolist(), hi.round(4).tolist()
    ([5.0], [3.5], [6.5])
    """
    g = gain_per_unit_elasticity(imports_usd, base_rate, final_rate)
    low = _f(elasticity_low)
    base = g * low
    slope = g * (_f(elasticity_high) - low)
    z_mean, z_05, z_95 = summarise(_f(z))
    at_05, at_95 = base + slope * z_05, base + slope * z_95
    return base + slope * z_mean, np.minimum(at_05, at_95), np.maximum(at_05, at_95)


@tolerate_underflow
def present_value_by_draw(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity_low: npt.ArrayLike,
    elasticity_high: npt.ArrayLike,
    phase_in_years: npt.ArrayLike,
    z: npt.ArrayLike,
    discount_rate: float,
    horizon_years: int,
) -> FloatArray:
    """Present value of the phased-in gain stream, one value per draw, linear model.

    The (lines, years) coefficient matrix ``G`` (gain per unit elasticity in each year) is small;
    per draw the PV is ``df @ (G.T @ low + z_j G.T @ (high - low))``.

    References
    ----------
    MODELS.md §1, phase-in and present value [A]; linear ``E`` [D].

    Examples
    --------
    >>> present_value_by_draw([100.0], [0.2], [0.0], [2.0], [2.0], [0], [0.5], 0.0, 3).round(4)
    array([10.])
    """
    coeffs = annual_gain_stream(
        imports_usd, base_rate, final_rate, 1.0, phase_in_years, horizon_years
    )
    low = _f(elasticity_low)
    width = _f(elasticity_high) - low
    df = discount_factors(discount_rate, horizon_years)
    intercept = float(low @ coeffs @ df)
    slope = float(width @ coeffs @ df)
    return np.asarray(intercept + slope * _f(z), dtype=np.float64)


@tolerate_underflow
def efficiency_totals_dense(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity_low: npt.ArrayLike,
    elasticity_high: npt.ArrayLike,
    z: npt.ArrayLike,
    *,
    demand: Demand = "linear",
    chunk_lines: int = 500,
) -> FloatArray:
    """Total gain per draw by evaluating every (line, draw) cell, in blocks of lines.

    Needed for the constant-elasticity model (not linear in ``e``); for the linear model it is the
    brute-force check of :func:`tariff_totals_by_draw`. Peak memory is a few
    ``chunk_lines x draws`` float64 arrays.

    Examples
    --------
    >>> efficiency_totals_dense(
    ...     [100.0], [0.2], [0.0], [2.0], [2.0], [0.5], demand="constant_elasticity"
    ... )
    array([4.])
    """
    if chunk_lines < 1:
        raise ValueError(f"chunk_lines must be positive, got {chunk_lines}")
    m0, t0, t1 = _f(imports_usd), _f(base_rate), _f(final_rate)
    low = _f(elasticity_low)
    width = _f(elasticity_high) - low
    zz = _f(z)[None, :]
    total = np.zeros(zz.shape[1])
    for start in range(0, m0.shape[0], chunk_lines):  # blocks of lines, not single lines
        block = slice(start, start + chunk_lines)
        e = low[block, None] + width[block, None] * zz
        cell = efficiency_gain(m0[block, None], t0[block, None], t1[block, None], e, demand)
        total += cell.sum(axis=0)
    return total
