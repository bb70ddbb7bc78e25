"""Temporary-worker visa schemes: migrants' gain, natives' wage effect, redistribution, PCBR.

Per origin: the place premium ``R`` (host wage / home wage for the same worker, PPP), the host
earnings ``W`` and the home counterfactual (at least ``W / R``), the annual arrivals. In the host:
the competing workforce ``N`` (plus earlier migrants) and its wage ``w``; the wage elasticity
``e`` (uncertain over [-0.4, 0.0]). Natives' wage loss and the immigration surplus follow Borjas
(1995) exactly, with ``m`` immigrants' share of the workforce. Arrays broadcast: pass origins
along one axis and Monte Carlo draws along another.

Functional forms that are ours, not a source's, say so with [A].
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow

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
    host_earnings_usd: npt.ArrayLike, home_counterfactual: npt.ArrayLike
) -> FloatArray:
    """A migrant's annual gain, host earnings less the home counterfactual (USD, PPP).

    With host earnings ``R w_home`` (no floor) this is ``(R - 1) w_home``.

    References
    ----------
    MODELS.md §4 [D].

    Examples
    --------
    >>> float(migrant_gain_per_worker_year(18000.0, 3000.0))
    15000.0
    """
    return np.asarray(_f(host_earnings_usd) - _f(home_counterfactual), dtype=np.float64)


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
def immigrant_share(migrants: npt.ArrayLike, residents: npt.ArrayLike) -> FloatArray:
    """Immigrants' share of the workforce after they arrive, ``m = M / (N + M)``.

    ``residents`` is everyone already in the labor pool (natives and earlier migrants).

    References
    ----------
    Borjas (1995), JEP 9(2): "m is the fraction of the workforce that is foreign-born" [V].

    Examples
    --------
    >>> float(immigrant_share(1e6, 9e6))
    0.1
    """
    n = _f(residents)
    if np.any(n <= 0.0):
        raise ValueError("the competing workforce must be positive")
    m = _f(migrants)
    return np.asarray(m / (n + m), dtype=np.float64)


@tolerate_underflow
def native_wage_change(wage_elasticity: npt.ArrayLike, share: npt.ArrayLike) -> FloatArray:
    """Log change in the competing workers' wage, ``dln w = e m`` (Borjas's definitions).

    References
    ----------
    Borjas (1995), JEP 9(2), with ``e`` the factor-price elasticity and ``m`` immigrants' share
    of the workforce [V]; Borjas (2003), QJE 118(4): "a 10 percent increase in supply reduces
    wages by 3 to 4 percent" (capital fixed) [V]; Card (1990), ILRR 43(2): "virtually no
    effect" [V]; Ottaviano & Peri (2012), JEEA 10(1): long run, natives +0.6% on average [V].

    Examples
    --------
    >>> float(native_wage_change(-0.3, 0.1))
    -0.03
    """
    return np.asarray(_f(wage_elasticity) * _f(share), dtype=np.float64)


@tolerate_underflow
def wage_loss_usd(
    wage_change: npt.ArrayLike, wage_usd: npt.ArrayLike, workers: npt.ArrayLike
) -> FloatArray:
    """Workers' annual wage loss, ``-dln w * w * N`` (positive = a loss).

    Borjas's rectangle: income redistributed from the competing workers to employers, not a net
    loss to the economy.

    References
    ----------
    Borjas (1995), JEP 9(2) [V].

    Examples
    --------
    >>> float(wage_loss_usd(-0.01, 30000.0, 1e6))
    300000000.0
    """
    return np.asarray(-_f(wage_change) * _f(wage_usd) * _f(workers), dtype=np.float64)


@tolerate_underflow
def immigration_surplus_share(
    labor_share: npt.ArrayLike, wage_elasticity: npt.ArrayLike, share: npt.ArrayLike
) -> FloatArray:
    """Borjas's immigration surplus as a fraction of national income, ``-1/2 s e m**2``.

    ``s`` is labor's share of national income, ``e`` the factor-price elasticity (dln w / dln L,
    negative) and ``m`` immigrants' share of the workforce.

    References
    ----------
    Borjas (1995), "The Economic Benefits from Immigration", Journal of Economic Perspectives
    9(2): 3-22 [V]. Oracle (MODELS.md §4 [D]): ``m = 0.1``, ``e = -0.3``, ``s = 0.7`` gives
    0.105% of national income.

    Examples
    --------
    >>> round(float(immigration_surplus_share(0.7, -0.3, 0.1)), 12)
    0.00105
    """
    return np.asarray(
        -0.5 * _f(labor_share) * _f(wage_elasticity) * _f(share) ** 2, dtype=np.float64
    )


@tolerate_underflow
def immigration_surplus_usd(
    wage_elasticity: npt.ArrayLike, share: npt.ArrayLike, wage_bill_usd: npt.ArrayLike
) -> FloatArray:
    """The surplus in USD for a labor pool whose wage bill (after immigration) is ``w L``.

    Borjas's surplus is ``-1/2 s e m**2 Y`` with ``s Y = w L``, labor's share of national income
    being the wage bill: so ``-1/2 e m**2 w L``. For a pool of covered occupations, ``w L`` is
    that pool's wage bill, natives, earlier migrants and new migrants together; labor's share
    cancels. Zero when ``e = 0`` (capital fully adjusts).

    References
    ----------
    Borjas (1995), JEP 9(2) [V]; applied to one pool of occupations [D].

    Examples
    --------
    >>> float(immigration_surplus_usd(-0.3, 0.1, 1e9).round(6))
    1500000.0
    """
    return np.asarray(
        -0.5 * _f(wage_elasticity) * _f(share) ** 2 * _f(wage_bill_usd), dtype=np.float64
    )


@tolerate_underflow
def home_counterfactual_usd(
    host_earnings_usd: npt.ArrayLike,
    place_premium: npt.ArrayLike,
    home_wage_usd: npt.ArrayLike | None = None,
) -> FloatArray:
    """What a migrant would earn at home: at least the host earnings over the place premium.

    The place premium is the ratio of the host wage to the home wage for the same worker, so a
    worker paid ``W`` in the host would earn ``W / R`` at home; a home wage the user gives is used
    when it is higher (it can only lower the gain). When the floor pays more than the market
    would, ``W / R`` overstates the counterfactual and the gain is understated.

    References
    ----------
    Clemens, Montenegro & Pritchett (2019), REStat 101(2), for ``R`` [V]; the bound is ours [D].

    Examples
    --------
    >>> float(home_counterfactual_usd(36000.0, 6.0))
    6000.0
    >>> float(home_counterfactual_usd(36000.0, 6.0, 8000.0))
    8000.0
    """
    bound = _f(host_earnings_usd) / _f(place_premium)
    if home_wage_usd is None:
        return np.asarray(bound, dtype=np.float64)
    return np.asarray(np.maximum(bound, _f(home_wage_usd)), dtype=np.float64)


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
