"""Tariff cuts: trade creation, efficiency gain, revenue, redistribution and PCBR.

Small open economy, world price normalised to 1, ad-valorem tariff ``t``, domestic price ``1 + t``.
Per tariff line: imports ``M0`` at world (customs) prices in USD, base rate ``t0``, final rate
``t1`` (fractions), the absolute import-demand elasticity ``e`` with respect to the domestic price,
and optionally ``S0``, domestic output of the import-competing good at domestic prices (NaN or 0
means "not given"). Every function broadcasts, so the same code takes a (lines,) vector, a
(lines, draws) matrix or scalars.

Sign conventions: a tariff *cut* gives positive trade creation and efficiency gain. A tariff
*increase* gives negative ones, reported as such and never clipped. Redistribution is a gross
magnitude (income reshuffled, always >= 0), so the PCBR of a tariff increase is negative.

The linear model is valid while imports stay non-negative (``M0 + dM >= 0``); a prohibitive tariff
increase needs the constant-elasticity option.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow

FloatArray = npt.NDArray[np.float64]
Demand = Literal["linear", "constant_elasticity"]

#: Swiss-formula coefficient when rates are fractions (16 when in percent) [V, WITS SMART help];
#: also recorded as ``swiss_formula_coefficient`` in parameters.yaml (a test keeps them equal).
SWISS_FORMULA_COEFFICIENT = 0.16


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _given_output(domestic_output_usd: npt.ArrayLike | None) -> FloatArray:
    """Domestic output with "absent" (None, NaN) read as zero."""
    if domestic_output_usd is None:
        return np.zeros(())
    s0 = _f(domestic_output_usd)
    return np.where(np.isnan(s0), 0.0, s0)


@tolerate_underflow
def trade_creation(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    demand: Demand = "linear",
) -> FloatArray:
    """Change in imports at world prices, ``dM``.

    Linear demand through the base point: ``dM = M0 e (t0 - t1) / (1 + t0)``.
    Constant elasticity ``M(p) = A p**-e``: ``dM = M0 (((1 + t1)/(1 + t0))**-e - 1)``.

    References
    ----------
    MODELS.md §1 [D]; equals WITS SMART's trade creation with infinite export supply.

    Examples
    --------
    >>> float(trade_creation(100.0, 0.2, 0.0, 2.0).round(4))
    33.3333
    """
    m0, t0, t1, e = _f(imports_usd), _f(base_rate), _f(final_rate), _f(elasticity)
    if demand == "linear":
        return np.asarray(m0 * e * (t0 - t1) / (1.0 + t0), dtype=np.float64)
    if demand == "constant_elasticity":
        return np.asarray(m0 * np.expm1(-e * (np.log1p(t1) - np.log1p(t0))), dtype=np.float64)
    raise ValueError(f"unknown demand {demand!r}; use 'linear' or 'constant_elasticity'")


@tolerate_underflow
def efficiency_gain(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    demand: Demand = "linear",
) -> FloatArray:
    """Efficiency gain ``E = DWL(t0) - DWL(t1)`` in USD a year.

    Linear (Harberger): ``E = 0.5 (t0 - t1) dM + t1 dM``; full removal gives
    ``0.5 e M0 t0**2 / (1 + t0)``. Constant elasticity, exact: with ``M(p) = A p**-e`` through the
    base point, ``DWL(t) = integral_1^{1+t} M(p) dp - t M(1 + t)``, so
    ``E = integral_{1+t1}^{1+t0} M(p) dp - t0 M0 + t1 M1``; the integral is evaluated in closed
    form (``log`` at ``e = 1``, ``expm1`` near it).

    References
    ----------
    MODELS.md §1: linear form and full-removal form [D]; the worked check ``M0=100, t0=0.2,
    t1=0, e=2`` gives 3.3333 (linear) and 4.0 (constant elasticity) [D].

    Examples
    --------
    >>> float(efficiency_gain(100.0, 0.2, 0.0, 2.0).round(4))
    3.3333
    >>> float(efficiency_gain(100.0, 0.2, 0.0, 2.0, demand="constant_elasticity").round(10))
    4.0
    """
    m0, t0, t1, e = _f(imports_usd), _f(base_rate), _f(final_rate), _f(elasticity)
    if demand == "linear":
        dm = trade_creation(m0, t0, t1, e)
        return np.asarray((0.5 * (t0 - t1) + t1) * dm, dtype=np.float64)
    if demand == "constant_elasticity":
        x = np.log1p(t1) - np.log1p(t0)  # log of (1 + t1) / (1 + t0)
        k = 1.0 - e
        safe_k = np.where(k == 0.0, 1.0, k)
        integral = m0 * (1.0 + t0) * np.where(k == 0.0, -x, -np.expm1(k * x) / safe_k)
        m1 = m0 * np.exp(-e * x)
        return np.asarray(integral - t0 * m0 + t1 * m1, dtype=np.float64)
    raise ValueError(f"unknown demand {demand!r}; use 'linear' or 'constant_elasticity'")


@tolerate_underflow
def revenue_change(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    demand: Demand = "linear",
) -> FloatArray:
    """Change in tariff revenue, ``dTR = t1 (M0 + dM) - t0 M0``.

    References
    ----------
    MODELS.md §1 [D].

    Examples
    --------
    >>> float(revenue_change(100.0, 0.2, 0.0, 2.0))
    -20.0
    """
    m0, t0, t1 = _f(imports_usd), _f(base_rate), _f(final_rate)
    dm = trade_creation(m0, t0, t1, elasticity, demand)
    return np.asarray(t1 * (m0 + dm) - t0 * m0, dtype=np.float64)


@tolerate_underflow
def producer_surplus_change(
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    domestic_output_usd: npt.ArrayLike | None,
) -> FloatArray:
    """Import-competing producers' surplus change, ``dPS = -(t0 - t1) / (1 + t0) S0``.

    First order in the price change (the domestic price falls by the share
    ``(t0 - t1)/(1 + t0)``, applied to output at domestic prices). ``S0`` absent (None, NaN or 0)
    gives zero. Negative for a cut (a loss), positive for an increase.

    References
    ----------
    MODELS.md §1 [D, first order].

    Examples
    --------
    >>> float(producer_surplus_change(0.2, 0.0, 1200.0).round(9))
    -200.0
    >>> float(producer_surplus_change(0.2, 0.0, float("nan")))
    -0.0
    """
    t0, t1 = _f(base_rate), _f(final_rate)
    return np.asarray(-(t0 - t1) / (1.0 + t0) * _given_output(domestic_output_usd), np.float64)


@tolerate_underflow
def redistribution(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    domestic_output_usd: npt.ArrayLike | None = None,
) -> FloatArray:
    """Income reshuffled: ``R = |t0 - t1| M0 + |dPS|`` (the rectangles, not the triangle).

    For a cut this is MODELS.md's ``(t0 - t1) M0 + |dPS|``: revenue lost on the base volume plus
    producers' loss, the losers' gross loss. For an increase the same rectangles are taken from
    consumers, so the magnitude is used. ``R`` does not depend on the elasticity.

    References
    ----------
    MODELS.md §1 [D]; Rodrik (1992), NBER WP 3947 (the PCBR idea) [V].

    Examples
    --------
    >>> float(redistribution(100.0, 0.2, 0.0))
    20.0
    """
    m0, t0, t1 = _f(imports_usd), _f(base_rate), _f(final_rate)
    dps = producer_surplus_change(t0, t1, domestic_output_usd)
    return np.asarray(np.abs(t0 - t1) * m0 + np.abs(dps), dtype=np.float64)


@tolerate_underflow
def pcbr(
    redistribution_usd: npt.ArrayLike, efficiency_gain_usd: npt.ArrayLike, axis: int | None = None
) -> FloatArray:
    """Political cost-benefit ratio ``R / E``: income reshuffled per dollar of efficiency gain.

    With ``axis=None`` the ratio is elementwise (per line); with an axis, totals are taken first:
    ``sum R / sum E`` (the proposal's PCBR, not a mean of line ratios). Where ``E == 0`` the PCBR is
    undefined and NaN is returned (no warning). A negative ``E`` (tariff increase) gives a negative
    PCBR, reported as such.

    References
    ----------
    Rodrik (1992), NBER WP 3947, abstract: "the amount of redistribution of income generated for
    every dollar of efficiency gain" [V]. Full removal without ``S0``: ``2 (1 + t0)/(e t0)`` [D].

    Examples
    --------
    >>> pcbr([20.0, 1.0], [4.0, 0.0]).tolist()
    [5.0, nan]
    >>> float(pcbr([20.0, 10.0], [4.0, 1.0], axis=0))
    6.0
    """
    r, e = _f(redistribution_usd), _f(efficiency_gain_usd)
    if axis is not None:
        r, e = np.sum(r, axis=axis), np.sum(e, axis=axis)
    shape = np.broadcast_shapes(r.shape, e.shape)
    out = np.full(shape, np.nan)
    with np.errstate(over="ignore"):  # a vanishing gain: the ratio is infinite, not an error
        np.divide(r, e, out=out, where=e != 0.0)
    return out


@dataclass(frozen=True, slots=True)
class TariffCutEffects:
    """All line-level results of a tariff change, in USD a year (arrays share one shape)."""

    trade_creation_usd: FloatArray
    efficiency_gain_usd: FloatArray
    revenue_change_usd: FloatArray
    producer_surplus_change_usd: FloatArray
    redistribution_usd: FloatArray
    pcbr: FloatArray


@tolerate_underflow
def tariff_cut_effects(
    imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    domestic_output_usd: npt.ArrayLike | None = None,
    demand: Demand = "linear",
) -> TariffCutEffects:
    """Compute every line-level effect of moving from ``t0`` to ``t1``.

    Examples
    --------
    >>> fx = tariff_cut_effects(100.0, 0.4, 0.0, 1.0)
    >>> float(fx.pcbr.round(10))
    7.0
    """
    args = (imports_usd, base_rate, final_rate, elasticity)
    gain = efficiency_gain(*args, demand=demand)
    redis = redistribution(imports_usd, base_rate, final_rate, domestic_output_usd)
    shape = np.broadcast_shapes(gain.shape, redis.shape)
    return TariffCutEffects(
        trade_creation_usd=np.broadcast_to(trade_creation(*args, demand=demand), shape),
        efficiency_gain_usd=np.broadcast_to(gain, shape),
        revenue_change_usd=np.broadcast_to(revenue_change(*args, demand=demand), shape),
        producer_surplus_change_usd=np.broadcast_to(
            producer_surplus_change(base_rate, final_rate, domestic_output_usd), shape
        ),
        redistribution_usd=np.broadcast_to(redis, shape),
        pcbr=pcbr(redis, gain),
    )


@tolerate_underflow
def pcbr_closed_form(
    base_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    final_rate: npt.ArrayLike = 0.0,
    small_tariff: bool = False,
) -> FloatArray:
    """PCBR of the linear model without producers (``S0`` absent), in closed form.

    ``R / E = (t0 - t1) M0 / (e M0 (t0 - t1)(t0 + t1) / (2 (1 + t0)))
    = 2 (1 + t0) / (e (t0 + t1))``; full removal gives ``2 (1 + t0)/(e t0)``. The small-tariff
    form drops ``1 + t0``: ``2 / (e (t0 + t1))``. Halving ``t0`` (full removal) about doubles it.

    References
    ----------
    MODELS.md §1 [D]. Anchors [V]: "five dollars of income being reshuffled ... for every dollar of
    net efficiency gain" (Rodrik 1992, NBER WP 3947); about $50 per $1 for the US (Rodrik, The
    Globalization Paradox, cited second-hand).

    Examples
    --------
    >>> float(pcbr_closed_form(0.40, 1.0).round(10)), float(pcbr_closed_form(0.40, 1.0, 0.0, True))
    (7.0, 5.0)
    """
    t0, t1, e = _f(base_rate), _f(final_rate), _f(elasticity)
    level = np.ones_like(t0) if small_tariff else 1.0 + t0
    return np.asarray(2.0 * level / (e * (t0 + t1)), dtype=np.float64)


@tolerate_underflow
def linear_cut(base_rate: npt.ArrayLike, cut_share: npt.ArrayLike) -> FloatArray:
    """Final rate after a linear cut: ``t1 = (1 - c) t0``.

    References
    ----------
    WITS SMART help, tariff formulas [V].

    Examples
    --------
    >>> float(linear_cut(0.2, 0.5))
    0.1
    """
    return np.asarray((1.0 - _f(cut_share)) * _f(base_rate), dtype=np.float64)


@tolerate_underflow
def swiss_formula(
    base_rate: npt.ArrayLike, coefficient: float = SWISS_FORMULA_COEFFICIENT
) -> FloatArray:
    """Final rate under the Swiss formula: ``t1 = a t0 / (a + t0)`` (rates as fractions).

    High rates are cut more than low ones and no final rate exceeds ``a``.

    References
    ----------
    WITS SMART help, tariff formulas; default ``a = 0.16`` for fractions (16 in percent) [V].

    Examples
    --------
    >>> float(swiss_formula(0.16))
    0.08
    """
    t0 = _f(base_rate)
    return np.asarray(coefficient * t0 / (coefficient + t0), dtype=np.float64)


@tolerate_underflow
def rodrik_gain_share(
    tariff_rate: npt.ArrayLike, import_share_of_gdp: npt.ArrayLike, elasticity: npt.ArrayLike
) -> FloatArray:
    """Gain from moving to free trade as a share of GDP: ``0.5 (t/(1+t))**2 m e``.

    ``m`` is imports / GDP at domestic (tariff-inclusive) prices. This is the full-removal linear
    ``E`` above with ``M0 = m GDP / (1 + t)`` at world prices, divided by GDP.

    References
    ----------
    Rodrik, blog post (2007), quoted in Washington Monthly, "Cui bono?", 8 May 2007: with
    ``t = 0.10, m = 0.2, e = 3`` the gain is "0.25% of GDP" [V] (exactly 0.0024793 [D]).

    Examples
    --------
    >>> float(rodrik_gain_share(0.10, 0.2, 3.0).round(7))
    0.0024793
    """
    t = _f(tariff_rate)
    return np.asarray(
        0.5 * (t / (1.0 + t)) ** 2 * _f(import_share_of_gdp) * _f(elasticity), dtype=np.float64
    )
