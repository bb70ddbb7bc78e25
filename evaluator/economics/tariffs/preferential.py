"""Preferential tariff cuts per line: WITS-SMART's decomposition, a small importer's welfare.

Per line, the importing country buys the same product from the *partner* (imports ``mj`` at
world prices, tariff ``t0 -> t1``) and from the *rest of the world* (imports ``mr``, tariff
``r0 -> r1``; ``r1 == r0`` in a preferential cut). Demand: import-demand elasticity ``e``
(absolute value, for the composite of both sources, w.r.t. the domestic price), substitution
elasticity ``sigma`` between the two sources, and the partner's export-supply elasticity ``es``
(``inf`` = infinitely elastic, SMART's 99). World prices are 1 at the base; the rest of the
world's is fixed (a small importer); the partner's rises when its supply is not infinitely
elastic. Every function broadcasts over ``(lines,)``, ``(lines, draws)`` or scalars.

The decomposition follows WITS-SMART (Laird & Yeats 1986; Jammes & Olarreaga 2005):

* pass-through: the partner's exporters keep the share ``phi = e / (e + es)`` of the preference
  margin as a higher world price; buyers see ``1 - phi`` of it;
* trade creation on each source, from that source's own price change at the import-demand
  elasticity: ``TC_j = mj e (1 - phi) (t0 - t1) / (1 + t0)`` (SMART's
  ``M eps dt / ((1 + t)(1 - eps/beta))``), ``TC_r = mr e (r0 - r1) / (1 + r0)``;
* trade diversion at a given total, from the change ``x`` in the partner's price relative to
  the rest of the world's: ``TD = mj mr sigma x / (mj + mr + mj sigma x)`` (SMART), positive for
  a preference, rising with ``sigma``, never above ``mr`` (and, for a preference that turns
  against the partner, never below ``-mj``).

Welfare is computed consistently for a small importer from Meade's formula, the tariff-weighted
change in import volumes less the terms-of-trade cost, integrated along the cut (trapezoids,
exact for linear demand and supply):

``W = E_j + E_r + TD (avg tau_j - avg tau_r) - phi (t0 - t1) (mj + mj1) / 2``

where ``E_s`` is the triangle of source ``s``'s own creation (the single-market formula of
:mod:`evaluator.economics.tariffs.kernels`, linear or constant elasticity) and ``mj1`` the
partner's new volume. Equivalently ``W = buyers' gain + tariff-revenue change``. SMART's own
welfare figure is the consumer surplus on the partner's line only and ignores the revenue lost
on diverted imports; the tool reports ``W``. A cut that applies to everyone (``r0 == t0``,
``r1 == t1``, ``es = inf``) gives no diversion and reduces exactly to the single-market model on
the total of both sources.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow
from evaluator.economics.tariffs.kernels import Demand, efficiency_gain, trade_creation

FloatArray = npt.NDArray[np.float64]


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


@tolerate_underflow
def pass_through_to_exporters(elasticity: npt.ArrayLike, supply: npt.ArrayLike) -> FloatArray:
    """Share of a tariff cut that the exporters keep as a higher price: ``e / (e + es)``.

    With import demand of elasticity ``e`` and export supply of elasticity ``es``, a cut in
    ``1 + t`` lowers the buyers' price by the share ``es / (e + es)`` and raises the exporters'
    by ``e / (e + es)``. Infinite supply elasticity (SMART's 99) gives 0; ``es = 0`` gives 1.

    References
    ----------
    MODELS.md §1b [D]; SMART's trade creation ``M eps dt / ((1 + t)(1 - eps/beta))`` implies the
    same incidence (Jammes & Olarreaga 2005) [V].

    Examples
    --------
    >>> float(pass_through_to_exporters(2.0, np.inf)), float(pass_through_to_exporters(2.0, 2.0))
    (0.0, 0.5)
    """
    e, es = _f(elasticity), _f(supply)
    finite = np.isfinite(es)
    safe = np.where(finite, es, 1.0)
    return np.asarray(np.where(finite, e / (e + safe), 0.0), dtype=np.float64)


@tolerate_underflow
def relative_price_change(
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    rest_base_rate: npt.ArrayLike,
    rest_final_rate: npt.ArrayLike,
    captured: npt.ArrayLike = 0.0,
) -> FloatArray:
    """Fall ``x`` in the partner's domestic price relative to the rest of the world's.

    ``x = 1 - (P_j1 / P_r1) / (P_j0 / P_r0)``, with the partner's buyers' price falling by the
    share ``1 - captured`` of its cut. Positive for a preference, zero for a cut applied equally
    to both sources (in ``1 + t`` terms), negative when the partner loses ground.

    Examples
    --------
    >>> round(float(relative_price_change(0.10, 0.0, 0.10, 0.10)), 6)
    0.090909
    >>> float(relative_price_change(0.10, 0.05, 0.10, 0.05))
    0.0
    """
    t0, t1, r0, r1 = _f(base_rate), _f(final_rate), _f(rest_base_rate), _f(rest_final_rate)
    c = _f(captured)
    buyers_t1 = np.where(c > 0.0, t0 - (1.0 - c) * (t0 - t1), t1)
    before = (1.0 + t0) * (1.0 + r1)  # products in matching order: an equal cut gives exactly 0
    return np.asarray((before - (1.0 + buyers_t1) * (1.0 + r0)) / before, dtype=np.float64)


@tolerate_underflow
def trade_diversion(
    partner_imports_usd: npt.ArrayLike,
    rest_imports_usd: npt.ArrayLike,
    substitution: npt.ArrayLike,
    relative_fall: npt.ArrayLike,
) -> FloatArray:
    """SMART's trade diversion: imports shifted from the rest of the world to the partner.

    At a given total ``mj + mr``, the ratio ``mj / mr`` rises by ``sigma x`` (``x`` from
    :func:`relative_price_change`), so ``TD = mj mr sigma x / (mj + mr + mj sigma x)``. ``TD``
    rises with ``sigma``, tends to ``mr`` for perfect substitutes and never exceeds it. When the
    partner loses ground (``x < 0``) the roles swap and the shift away from the partner never
    exceeds ``mj``. Volumes net to zero on the market: the partner gains what the rest loses.

    References
    ----------
    WITS-SMART help, "Trade diversion"; Jammes & Olarreaga (2005), "Explaining SMART and GSIM",
    World Bank [V].

    Examples
    --------
    >>> round(float(trade_diversion(100.0, 300.0, 1.5, 0.1)), 4)
    10.8434
    >>> float(trade_diversion(100.0, 300.0, 1e12, 0.1).round(6))
    300.0
    """
    mj, mr, s, x = (
        _f(partner_imports_usd),
        _f(rest_imports_usd),
        _f(substitution),
        _f(relative_fall),
    )
    shift = s * np.abs(x)
    winner = np.where(x >= 0.0, mj, mr)  # the source whose relative price falls
    denominator = mj + mr + winner * shift
    out = np.zeros(np.broadcast_shapes(mj.shape, mr.shape, s.shape, x.shape))
    np.divide(mj * mr * shift, denominator, out=out, where=denominator > 0.0)
    return np.asarray(np.sign(x) * out, dtype=np.float64)


@tolerate_underflow
def trade_diversion_ces(
    partner_imports_usd: npt.ArrayLike,
    rest_imports_usd: npt.ArrayLike,
    substitution: npt.ArrayLike,
    relative_fall: npt.ArrayLike,
) -> FloatArray:
    """Exact CES diversion at a given total: ``mj/mr`` scales by ``(1 - x) ** -sigma``.

    SMART's formula is its first-order version (``1 + sigma x`` for ``(1 - x) ** -sigma``); the
    two agree for small margins and part ways at large ``sigma x``. Kept as the test oracle.

    Examples
    --------
    >>> round(float(trade_diversion_ces(100.0, 300.0, 1.5, 0.1)), 4)
    12.314
    """
    mj, mr, s, x = (
        _f(partner_imports_usd),
        _f(rest_imports_usd),
        _f(substitution),
        _f(relative_fall),
    )
    total = mj + mr
    ratio_scale = np.exp(-s * np.log1p(-x))
    new_partner = np.zeros(np.broadcast_shapes(total.shape, ratio_scale.shape))
    denominator = mr + mj * ratio_scale
    np.divide(total * mj * ratio_scale, denominator, out=new_partner, where=denominator > 0.0)
    return np.asarray(new_partner - mj, dtype=np.float64)


@tolerate_underflow
def composite_price_fall(
    partner_imports_usd: npt.ArrayLike,
    rest_imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    rest_base_rate: npt.ArrayLike,
    rest_final_rate: npt.ArrayLike,
    captured: npt.ArrayLike = 0.0,
) -> FloatArray:
    """Proportional fall in the price of the import composite, to first order.

    Each source's buyers' price falls by its own share (the partner's by ``(1 - phi)(t0 - t1) /
    (1 + t0)``, the rest of the world's by ``(r0 - r1)/(1 + r0)``), weighted by its share of
    spending at domestic prices (Shephard's lemma on the CES price index). A line with no imports
    at all falls back to the partner's own price change.

    Examples
    --------
    >>> round(float(composite_price_fall(100.0, 300.0, 0.1, 0.0, 0.1, 0.1)), 6)
    0.022727
    >>> round(float(composite_price_fall(100.0, 0.0, 0.2, 0.0, 0.2, 0.2)), 6)
    0.166667
    """
    mj, mr = _f(partner_imports_usd), _f(rest_imports_usd)
    t0, t1, r0, r1 = _f(base_rate), _f(final_rate), _f(rest_base_rate), _f(rest_final_rate)
    partner_fall = (1.0 - _f(captured)) * (t0 - t1) / (1.0 + t0)
    rest_fall = (r0 - r1) / (1.0 + r0)
    spend_j, spend_r = mj * (1.0 + t0), mr * (1.0 + r0)
    total = spend_j + spend_r
    weight = np.ones(np.broadcast_shapes(total.shape, spend_j.shape))
    np.divide(spend_j, total, out=weight, where=total > 0.0)
    return np.asarray(weight * partner_fall + (1.0 - weight) * rest_fall, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class PreferentialEffects:
    """Line-level results of a preferential cut, USD a year (arrays share one shape).

    ``welfare_usd`` is the national welfare change of the importer, signed; the other fields
    decompose it: ``welfare = buyers_surplus + revenue_change`` (buyers' gain net of the
    import-competing producers', as the import-demand curve measures it) and
    ``welfare = creation triangles - diversion_cost - transfer_to_exporters``.
    """

    creation_partner_usd: FloatArray
    creation_rest_usd: FloatArray
    diversion_usd: FloatArray
    revenue_change_usd: FloatArray
    transfer_to_exporters_usd: FloatArray
    diversion_cost_usd: FloatArray
    welfare_usd: FloatArray
    buyers_surplus_usd: FloatArray

    @property
    def trade_creation_usd(self) -> FloatArray:
        """Creation on both sources (diversion excluded: it nets to zero on the market)."""
        return np.asarray(self.creation_partner_usd + self.creation_rest_usd)


@tolerate_underflow
def preferential_effects(
    partner_imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    rest_imports_usd: npt.ArrayLike,
    rest_base_rate: npt.ArrayLike,
    rest_final_rate: npt.ArrayLike,
    elasticity: npt.ArrayLike,
    substitution: npt.ArrayLike,
    supply: npt.ArrayLike = np.inf,
    demand: Demand = "linear",
) -> PreferentialEffects:
    """Every line-level effect of a preferential (or general) tariff change; see the module.

    References
    ----------
    WITS-SMART (Laird & Yeats 1986; Jammes & Olarreaga 2005) for creation and diversion [V];
    Meade (1955) for welfare as the tariff-weighted change in volumes [V]; Panagariya (2000, JEL
    38(2)) for the revenue transferred to the partner's exporters [V]; the trapezoid integration
    and its decomposition are ours [D].

    Examples
    --------
    Viner's case: the rest of the world keeps its 10% tariff and the partner's goods are close
    substitutes, so diverted imports cost more revenue than the new trade gains.

    >>> fx = preferential_effects(100.0, 0.10, 0.0, 900.0, 0.10, 0.10, 1.0, 5.0)
    >>> round(float(fx.diversion_usd), 2), round(float(fx.welfare_usd), 3)
    (39.13, -1.502)
    """
    mj, t0, t1 = _f(partner_imports_usd), _f(base_rate), _f(final_rate)
    mr, r0, r1 = _f(rest_imports_usd), _f(rest_base_rate), _f(rest_final_rate)
    e, s = _f(elasticity), _f(substitution)
    phi = pass_through_to_exporters(e, supply)
    # The partner's rate as its buyers feel it (exactly t1 when its exporters capture nothing).
    buyers_t1 = np.where(phi > 0.0, t0 - (1.0 - phi) * (t0 - t1), t1)
    creation_j = trade_creation(mj, t0, buyers_t1, e, demand)
    creation_r = trade_creation(mr, r0, r1, e, demand)
    x = relative_price_change(t0, t1, r0, r1, phi)
    diversion = trade_diversion(mj, mr, s, x)
    new_j = mj + creation_j + diversion
    new_r = mr + creation_r - diversion
    revenue = t1 * new_j - t0 * mj + r1 * new_r - r0 * mr
    transfer = phi * (t0 - t1) * 0.5 * (mj + new_j)
    cost = diversion * (0.5 * (r0 + r1) - 0.5 * (t0 + t1))
    # Triangles of each source's own creation; the partner's at the buyers' price, with the
    # tariff that is collected (t1, not buyers_t1) weighting the new volume.
    own_j = efficiency_gain(mj, t0, buyers_t1, e, demand) + 0.5 * (t1 - buyers_t1) * creation_j
    own_r = efficiency_gain(mr, r0, r1, e, demand)
    welfare = own_j + own_r - cost - transfer
    return PreferentialEffects(
        creation_partner_usd=np.asarray(creation_j, dtype=np.float64),
        creation_rest_usd=np.asarray(creation_r, dtype=np.float64),
        diversion_usd=diversion,
        revenue_change_usd=np.asarray(revenue, dtype=np.float64),
        transfer_to_exporters_usd=np.asarray(transfer, dtype=np.float64),
        diversion_cost_usd=np.asarray(cost, dtype=np.float64),
        welfare_usd=np.asarray(welfare, dtype=np.float64),
        buyers_surplus_usd=np.asarray(welfare - revenue, dtype=np.float64),
    )


@tolerate_underflow
def revenue_reshuffled(
    partner_imports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    rest_imports_usd: npt.ArrayLike,
    rest_base_rate: npt.ArrayLike,
    rest_final_rate: npt.ArrayLike,
    diversion_usd: npt.ArrayLike,
) -> FloatArray:
    """Taxpayers' gross loss: revenue lost on the old volumes and on the imports that switched.

    ``|t0 - t1| mj + |r0 - r1| mr + |r1 - t1| |TD|``: the rectangles of the single-market model
    on both sources, plus the duty no longer collected on diverted imports (they now pay the
    partner's rate). Does not depend on the import-demand elasticity.

    Examples
    --------
    >>> float(revenue_reshuffled(100.0, 0.2, 0.0, 0.0, 0.2, 0.2, 0.0))
    20.0
    >>> round(float(revenue_reshuffled(100.0, 0.1, 0.0, 900.0, 0.1, 0.1, 50.0)), 6)
    15.0
    """
    mj, t0, t1 = _f(partner_imports_usd), _f(base_rate), _f(final_rate)
    mr, r0, r1 = _f(rest_imports_usd), _f(rest_base_rate), _f(rest_final_rate)
    moved = np.abs(_f(diversion_usd)) * np.abs(r1 - t1)
    return np.asarray(np.abs(t0 - t1) * mj + np.abs(r0 - r1) * mr + moved, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class ExportEffects:
    """Effects of a partner's tariff cut on our exports, USD a year."""

    exports_change_usd: FloatArray
    exporters_gain_usd: FloatArray
    price_rise: FloatArray


@tolerate_underflow
def export_effects(
    exports_usd: npt.ArrayLike,
    base_rate: npt.ArrayLike,
    final_rate: npt.ArrayLike,
    partner_elasticity: npt.ArrayLike,
    supply: npt.ArrayLike,
) -> ExportEffects:
    """Our exporters' gain from the partner's cut on our goods (the terms-of-trade effect).

    The incidence mirrors the import side: with the partner's import-demand elasticity ``ep`` and
    our exporters' supply elasticity ``ex``, the price our exporters receive rises by the share
    ``psi = ep / (ep + ex)`` of the cut, ``dp = psi (b0 - b1)/(1 + b0)``, and the partner's buyers
    keep the rest. Exports grow by ``X ex dp`` (linear supply), and the exporters' gain (their
    surplus, a national gain from abroad) is ``dp (X + X1) / 2``. Infinitely elastic supply
    (SMART's convention) gives volume without a price gain: no national gain.

    References
    ----------
    MODELS.md §1b, export side [D]; incidence as in SMART's trade creation [V].

    Examples
    --------
    >>> fx = export_effects(1000.0, 0.10, 0.0, 2.0, 2.0)
    >>> round(float(fx.price_rise), 6), round(float(fx.exporters_gain_usd), 4)
    (0.045455, 47.5207)
    """
    x0, b0, b1 = _f(exports_usd), _f(base_rate), _f(final_rate)
    ep = _f(partner_elasticity)
    psi = pass_through_to_exporters(ep, supply)  # ep / (ep + ex): our exporters' share
    price = psi * (b0 - b1) / (1.0 + b0)
    # Volume moves along the partner's demand at the buyers' price (the SMART creation).
    volume = x0 * ep * (1.0 - psi) * (b0 - b1) / (1.0 + b0)
    gain = price * (x0 + 0.5 * volume)
    return ExportEffects(
        exports_change_usd=np.asarray(volume, dtype=np.float64),
        exporters_gain_usd=np.asarray(gain, dtype=np.float64),
        price_rise=np.asarray(price, dtype=np.float64),
    )
