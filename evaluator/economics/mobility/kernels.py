"""Temporary-worker visa schemes: migrants' gain, natives' wage effect, redistribution, PCBR.

Per origin: the place premium ``R`` (host wage / home wage for the same worker, PPP), the home wage
``w_home``, the annual quota ``Q``. In the host: the competing native workforce ``N`` and its wage
``w``; the native wage elasticity ``eps_w`` (uncertain over [-0.4, 0.0]). Arrays broadcast: pass
origins along one axis and Monte Carlo draws along another.

Functional forms that are ours, not a source's, say so with [A].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow
from evaluator.economics.tariffs.kernels import pcbr

FloatArray = npt.NDArray[np.float64]


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


@tolerate_underflow
def tariff_equivalent(place_premium: npt.ArrayLike) -> FloatArray:
    """Tariff equivalent of the migration barrier, ``R - 1`` (a fraction: 5.0 = 500%).

    References
    ----------
    Clemens, Montenegro & Pritchett (2019), "The Place Premium", REStat 101(2) [V for ``R``];
    MODELS.md §4: ``R = 6`` gives 500% [D].

    Examples
    --------
    >>> float(tariff_equivalent(6.0))
    5.0
    """
    return np.asarray(_f(place_premium) - 1.0, dtype=np.float64)


@tolerate_underflow
def migrant_gain_per_worker_year(
    place_premium: npt.ArrayLike, home_wage_usd: npt.ArrayLike
) -> FloatArray:
    """A migrant's annual gain, ``(R - 1) w_home`` (USD, PPP).

    References
    ----------
    MODELS.md §4 [D].

    Examples
    --------
    >>> float(migrant_gain_per_worker_year(6.0, 3000.0))
    15000.0
    """
    return np.asarray((_f(place_premium) - 1.0) * _f(home_wage_usd), dtype=np.float64)


@tolerate_underflow
def host_earnings_per_worker_year(
    place_premium: npt.ArrayLike, home_wage_usd: npt.ArrayLike
) -> FloatArray:
    """A migrant's annual earnings in the host, ``R w_home`` (USD, PPP).

    Examples
    --------
    >>> float(host_earnings_per_worker_year(6.0, 3000.0))
    18000.0
    """
    return np.asarray(_f(place_premium) * _f(home_wage_usd), dtype=np.float64)


@tolerate_underflow
def worker_stock_path(
    annual_quota: npt.ArrayLike,
    visa_years: npt.ArrayLike,
    return_rate: npt.ArrayLike,
    horizon_years: int,
) -> tuple[FloatArray, FloatArray]:
    """Visa holders and accumulated overstayers in years ``1..horizon_years``, ``(..., years)``.

    ``Q`` workers arrive each year and hold the visa ``v`` years; when it ends a share ``r``
    returns and ``1 - r`` overstays and stays. Visa holders in year ``t``: ``Q min(t, v)``, so the
    steady state is ``Q v`` (quota slots refilled by new arrivals as workers leave); overstayers:
    ``(1 - r) Q max(0, t - v)``, growing without bound when ``r < 1``. A fractional ``v`` (a drawn
    visa length) is read as a fluid approximation.

    References
    ----------
    Cohort accounting of ours [A]; MODELS.md §4 (Rodrik's rotating visas, "replaced by new
    inflows on return") [V for the design].

    Examples
    --------
    >>> holders, over = worker_stock_path(100.0, 3, 0.9, 5)
    >>> holders.tolist(), over.round(6).tolist()
    ([100.0, 200.0, 300.0, 300.0, 300.0], [0.0, 0.0, 0.0, 10.0, 20.0])
    """
    if horizon_years < 1:
        raise ValueError(f"horizon_years must be at least 1, got {horizon_years}")
    q = _f(annual_quota)[..., None]
    v = _f(visa_years)[..., None]
    r = _f(return_rate)[..., None]
    year = np.arange(1, horizon_years + 1, dtype=np.float64)
    holders = q * np.minimum(year, v)
    overstayers = (1.0 - r) * q * np.maximum(year - v, 0.0)
    return np.asarray(holders, np.float64), np.asarray(overstayers, np.float64)


@tolerate_underflow
def steady_state_visa_holders(annual_quota: npt.ArrayLike, visa_years: npt.ArrayLike) -> FloatArray:
    """Visa holders once the rotation is full, ``Q v`` [A, cohort accounting].

    Examples
    --------
    >>> float(steady_state_visa_holders(50000, 4))
    200000.0
    """
    return np.asarray(_f(annual_quota) * _f(visa_years), dtype=np.float64)


@tolerate_underflow
def supply_shock(migrant_stock: npt.ArrayLike, competing_workforce: npt.ArrayLike) -> FloatArray:
    """Labor-supply shock ``s`` = migrant stock / competing native workforce.

    Examples
    --------
    >>> float(supply_shock(2e5, 2e7))
    0.01
    """
    n = _f(competing_workforce)
    if np.any(n <= 0.0):
        raise ValueError("the competing native workforce must be positive")
    return np.asarray(_f(migrant_stock) / n, dtype=np.float64)


@tolerate_underflow
def native_wage_change(wage_elasticity: npt.ArrayLike, shock: npt.ArrayLike) -> FloatArray:
    """Log change in competing natives' wage, ``dln w = eps_w s``.

    References
    ----------
    Borjas (2003), QJE 118(4): "a 10 percent increase in supply reduces wages by 3 to 4 percent"
    (capital fixed) [V]; Card (1990), ILRR 43(2), Mariel: "virtually no effect" [V]; Ottaviano &
    Peri (2012), JEEA 10(1): long run, natives +0.6% on average [V].

    Examples
    --------
    >>> float(native_wage_change(-0.3, 0.1))
    -0.03
    """
    return np.asarray(_f(wage_elasticity) * _f(shock), dtype=np.float64)


@tolerate_underflow
def natives_wage_loss_usd(
    wage_change: npt.ArrayLike, native_wage_usd: npt.ArrayLike, competing_workforce: npt.ArrayLike
) -> FloatArray:
    """Competing natives' annual wage loss, ``-dln w * w * N`` (positive = a loss).

    First order in ``dln w``; this is the income redistributed from competing workers (to
    employers and consumers), not a net loss to the economy.

    References
    ----------
    MODELS.md §4, redistribution for a visa scheme [D].

    Examples
    --------
    >>> float(natives_wage_loss_usd(-0.01, 30000.0, 1e6))
    300000000.0
    """
    return np.asarray(
        -_f(wage_change) * _f(native_wage_usd) * _f(competing_workforce), dtype=np.float64
    )


@tolerate_underflow
def immigration_surplus_usd(
    wage_elasticity: npt.ArrayLike, shock: npt.ArrayLike, native_wage_bill_usd: npt.ArrayLike
) -> FloatArray:
    """Natives' net gain from immigration, the triangle ``0.5 |eps_w| s**2 W`` (USD a year).

    ``W`` is the competing natives' wage bill. Borjas writes the surplus as a share of national
    income, ``-0.5 s_L e m**2`` with ``s_L`` labor's share, ``e`` the factor-price elasticity and
    ``m`` immigrants' share of the workforce; here the triangle is taken on the competing group's
    own wage bill and ``s`` is measured against natives (``M / N`` rather than ``M / (N + M)``).
    The adaptation to one group is ours [D]. Zero when ``eps_w = 0`` (capital fully adjusts).

    References
    ----------
    Borjas (1995), "The Economic Benefits from Immigration", Journal of Economic Perspectives
    9(2): 3-22 [V; the formula checked second-hand: the NBER WP 4955 abstract puts the US gain
    "on the order of $6 billion and almost certainly less than $20 billion annually", and course
    notes reproduce the triangle as 0.5 x 0.03 x 0.1 x 0.7, about 0.1% of GDP].

    Examples
    --------
    >>> float(immigration_surplus_usd(-0.3, 0.1, 1e9).round(6))
    1500000.0
    """
    return np.asarray(
        0.5 * np.abs(_f(wage_elasticity)) * _f(shock) ** 2 * _f(native_wage_bill_usd),
        dtype=np.float64,
    )


@tolerate_underflow
def remittances_usd(earnings_usd: npt.ArrayLike, remittance_share: npt.ArrayLike) -> FloatArray:
    """Remittances sent home, ``share * earnings``.

    References
    ----------
    IFAD (2017), "Sending Money Home": migrants send home about 15% of earnings [V].

    Examples
    --------
    >>> float(remittances_usd(20000.0, 0.15))
    3000.0
    """
    return np.asarray(_f(earnings_usd) * _f(remittance_share), dtype=np.float64)


@tolerate_underflow
def return_rate_with_forced_savings(
    base_return_rate: npt.ArrayLike,
    withheld_share: npt.ArrayLike,
    responsiveness: npt.ArrayLike,
    credibility: npt.ArrayLike = 1.0,
) -> FloatArray:
    """Return rate when a share of wages is withheld and paid only on return [A].

    Overstaying forfeits the savings, so the overstay share falls exponentially with the
    credible stake: ``1 - r' = (1 - r) exp(-k c f)`` with ``f`` the withheld share, ``c`` the
    probability workers believe they will be paid, and ``k`` the responsiveness. The form and
    ``k`` are ours [A]; ``k`` has no cited value and must be supplied. The Bracero program withheld
    10% of pay and most workers never received it (MODELS.md §4 [V]): low ``c``.

    Examples
    --------
    >>> float(return_rate_with_forced_savings(0.8, 0.0, 5.0))
    0.8
    >>> bool(return_rate_with_forced_savings(0.8, 0.2, 5.0) > 0.8)
    True
    """
    r = _f(base_return_rate)
    stake = _f(responsiveness) * _f(credibility) * _f(withheld_share)
    return np.asarray(1.0 - (1.0 - r) * np.exp(-stake), dtype=np.float64)


@tolerate_underflow
def next_quota(
    quota: npt.ArrayLike,
    return_rate: npt.ArrayLike,
    target_return_rate: npt.ArrayLike,
    exponent: npt.ArrayLike,
) -> FloatArray:
    """Next period's quota, ``Q_next = Q (return_rate / target) ** k`` [A].

    References
    ----------
    MODELS.md §4, quota adjusted by return rate (form of ours) [A].

    Examples
    --------
    >>> float(next_quota(1000.0, 0.45, 0.9, 1.0))
    500.0
    """
    target = _f(target_return_rate)
    if np.any(target <= 0.0):
        raise ValueError("the target return rate must be positive")
    return np.asarray(_f(quota) * (_f(return_rate) / target) ** _f(exponent), dtype=np.float64)


@tolerate_underflow
def gain_per_worker_year(
    total_gain_usd: npt.ArrayLike, share_of_labor_force: npt.ArrayLike, labor_force: npt.ArrayLike
) -> FloatArray:
    """Average gain per worker-year of a scheme sized as a share of a labor force.

    References
    ----------
    Rodrik (2002), "Feasible Globalizations": visas for 3% of rich countries' labor force would
    "easily yield $200 billion annually" [V]; per worker-year ~$13-15k [D].

    Examples
    --------
    >>> float(gain_per_worker_year(2e11, 0.03, 5e8).round(0))
    13333.0
    """
    return np.asarray(
        _f(total_gain_usd) / (_f(share_of_labor_force) * _f(labor_force)), dtype=np.float64
    )


@dataclass(frozen=True, slots=True)
class VisaSchemeEffects:
    """Annual effects of a visa scheme in USD (arrays broadcast over draws)."""

    migrants_gain_usd: FloatArray
    natives_wage_change: FloatArray
    natives_wage_loss_usd: FloatArray
    immigration_surplus_usd: FloatArray
    net_gain_usd: FloatArray
    redistribution_usd: FloatArray
    pcbr: FloatArray


@tolerate_underflow
def visa_scheme_effects(
    migrant_stock: npt.ArrayLike,
    place_premium: npt.ArrayLike,
    home_wage_usd: npt.ArrayLike,
    wage_elasticity: npt.ArrayLike,
    competing_workforce: npt.ArrayLike,
    native_wage_usd: npt.ArrayLike,
    earlier_migrants_loss_usd: npt.ArrayLike = 0.0,
    origin_axis: int = 0,
) -> VisaSchemeEffects:
    """Migrants' gain, natives' wage loss and surplus, redistribution and PCBR of a scheme.

    ``migrant_stock``, ``place_premium`` and ``home_wage_usd`` are per origin along
    ``origin_axis`` and are summed over it; all origins compete in one native labor pool. Net
    gain = migrants' gain + natives' immigration surplus; redistribution = competing natives'
    wage loss (+ earlier migrants' loss, if given), the losers' gross loss; PCBR = redistribution
    / net gain, NaN where the net gain is zero.

    References
    ----------
    MODELS.md §4 [D]; Borjas (1995) JEP 9(2) for the surplus [V].

    Examples
    --------
    >>> fx = visa_scheme_effects([2e5], [6.0], [3000.0], -0.3, 2e7, 30000.0)
    >>> float(fx.migrants_gain_usd), float(fx.natives_wage_loss_usd.round(0))
    (3000000000.0, 1800000000.0)
    """
    stock = _f(migrant_stock)
    gain = np.sum(
        stock * migrant_gain_per_worker_year(place_premium, home_wage_usd), axis=origin_axis
    )
    shock = supply_shock(np.sum(stock, axis=origin_axis), competing_workforce)
    dlnw = native_wage_change(wage_elasticity, shock)
    bill = _f(native_wage_usd) * _f(competing_workforce)
    loss = natives_wage_loss_usd(dlnw, native_wage_usd, competing_workforce)
    surplus = immigration_surplus_usd(wage_elasticity, shock, bill)
    net = np.asarray(gain + surplus, dtype=np.float64)
    redis = np.asarray(loss + _f(earlier_migrants_loss_usd), dtype=np.float64)
    shape = np.broadcast_shapes(gain.shape, net.shape, redis.shape)

    def full(x: FloatArray) -> FloatArray:
        return np.broadcast_to(np.asarray(x, dtype=np.float64), shape)

    return VisaSchemeEffects(
        migrants_gain_usd=full(gain),
        natives_wage_change=full(dlnw),
        natives_wage_loss_usd=full(loss),
        immigration_surplus_usd=full(surplus),
        net_gain_usd=full(net),
        redistribution_usd=full(redis),
        pcbr=full(pcbr(redis, net)),
    )
