"""Phase-in of tariff cuts: the stream of annual gains and its present value.

A cut from ``t0`` to ``t1`` staged over ``n`` years in equal annual steps applies rate
``t_k = t0 - (t0 - t1) min(k / n, 1)`` in year ``k = 1, 2, ...``; ``n = 0`` means the cut is
immediate. Year ``k`` yields ``DWL(t0) - DWL(t_k)``; from year ``n`` on, the steady-state annual
gain ``E(t0, t1)``. Equal steps, gains booked at the end of each year and a constant discount
rate are conventions of ours [A]; the discount rate and horizon are stated parameters [A].
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow
from evaluator.economics.tariffs.kernels import Demand, efficiency_gain

FloatArray = npt.NDArray[np.float64]


@tolerate_underflow
def phase_in_rates(
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    phase_in_years: npt.ArrayLike,
    horizon_years: int,
) -> FloatArray:
    """Applied rate in each year ``1..horizon_years``, shape ``(..., horizon_years)``.

    References
    ----------
    MODELS.md §1, phase-in (equal annual steps) [A].

    Examples
    --------
    >>> phase_in_rates(0.2, 0.0, 4, 5).round(3).tolist()
    [0.15, 0.1, 0.05, 0.0, 0.0]
    >>> phase_in_rates(0.2, 0.0, 0, 2).tolist()
    [0.0, 0.0]
    """
    if horizon_years < 1:
        raise ValueError(f"horizon_years must be at least 1, got {horizon_years}")
    t0 = np.asarray(base_rate, dtype=np.float64)[..., None]
    t1 = np.asarray(final_rate, dtype=np.float64)[..., None]
    n = np.asarray(phase_in_years, dtype=np.float64)[..., None]
    if np.any(n < 0):
        raise ValueError("phase_in_years must not be negative")
    year = np.arange(1, horizon_years + 1, dtype=np.float64)
    shape = np.broadcast_shapes(year.shape, n.shape)
    share = np.ones(shape)
    np.divide(year, n, out=share, where=n > 0)
    return np.asarray(t0 - (t0 - t1) * np.minimum(share, 1.0), dtype=np.float64)


@tolerate_underflow
def annual_gain_stream(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    phase_in_years: npt.ArrayLike,
    horizon_years: int,
    demand: Demand = "linear",
) -> FloatArray:
    """Efficiency gain in each year of the horizon, shape ``(..., horizon_years)``.

    References
    ----------
    MODELS.md §1: ``E`` per year from the rate then applied [D]; staging [A].

    Examples
    --------
    >>> annual_gain_stream(100.0, 0.2, 0.0, 2.0, 2, 3).round(4).tolist()
    [2.5, 3.3333, 3.3333]
    """
    rates = phase_in_rates(base_rate, final_rate, phase_in_years, horizon_years)
    return efficiency_gain(
        np.asarray(imports_usd, dtype=np.float64)[..., None],
        np.asarray(base_rate, dtype=np.float64)[..., None],
        rates,
        np.asarray(elasticity, dtype=np.float64)[..., None],
        demand=demand,
    )


@tolerate_underflow
def discount_factors(discount_rate: float, horizon_years: int) -> FloatArray:
    """Factors ``1 / (1 + r)**k`` for ``k = 1..horizon_years`` (end-of-year convention [A]).

    Examples
    --------
    >>> discount_factors(0.0, 3).tolist()
    [1.0, 1.0, 1.0]
    """
    if discount_rate <= -1.0:
        raise ValueError(f"discount_rate must exceed -1, got {discount_rate}")
    if horizon_years < 1:
        raise ValueError(f"horizon_years must be at least 1, got {horizon_years}")
    year = np.arange(1, horizon_years + 1, dtype=np.float64)
    return np.asarray(np.exp(-year * np.log1p(discount_rate)), dtype=np.float64)


@tolerate_underflow
def present_value(stream: npt.ArrayLike, discount_rate: float) -> FloatArray:
    """Present value of an annual stream along its last axis (year 1 first).

    References
    ----------
    Standard discounting; the rate is an assumption of ours [A].

    Examples
    --------
    >>> float(present_value([110.0, 121.0], 0.10).round(10))
    200.0
    """
    s = np.asarray(stream, dtype=np.float64)
    return np.asarray(s @ discount_factors(discount_rate, s.shape[-1]), dtype=np.float64)
