"""Visa-scheme kernels: MODELS.md §4 oracles and accounting identities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.economics.mobility.kernels import (
    gain_per_worker_year,
    home_counterfactual_usd,
    immigrant_share,
    immigration_surplus_share,
    immigration_surplus_usd,
    migrant_gain_per_worker_year,
    native_wage_change,
    next_quota,
    remittances_usd,
    return_rate_with_forced_savings,
    tariff_equivalent,
    wage_loss_usd,
    worker_stock_path,
)
from evaluator.economics.parameters import default_parameters


def test_tariff_equivalent_of_sixfold_premium_is_500_percent() -> None:
    assert tariff_equivalent(6.0) == 5.0


def test_place_premia_are_the_cited_ratios() -> None:
    reg = default_parameters()
    assert reg.place_premium_for("BOL").value == 2.7
    assert reg.place_premium_for("NGA").support() == (8.0, 8.4)
    assert reg.place_premium_for("JAM").support()[0] == 2.0
    assert reg.place_premium_for("IND").support()[0] == 3.0
    assert reg.place_premium_for("PAK").support()[0] == 6.0


def test_rodrik_200bn_is_13_to_15k_per_worker_year() -> None:
    reg = default_parameters()
    total = reg.value("rodrik_visa_annual_gain_usd")
    share = reg.value("rodrik_visa_share_of_labor_force")
    per_worker = gain_per_worker_year(total, share, np.array([450e6, 500e6]))
    assert per_worker[0] == pytest.approx(14_815, abs=1)
    assert per_worker[1] == pytest.approx(13_333, abs=1)
    anchor = reg.value("place_premium_price_equivalent_usd")
    assert np.all(np.abs(per_worker / anchor - 1) < 0.1)  # "close to the $13,700"


def test_migrant_gain_and_earnings() -> None:
    # Market pay R x w_home recovers the textbook (R - 1) w_home.
    home = home_counterfactual_usd(6.0 * 3000.0, 6.0)
    assert home == pytest.approx(3000.0)
    assert migrant_gain_per_worker_year(18000.0, home) == pytest.approx(15000.0)
    reg = default_parameters()
    assert remittances_usd(18000.0, reg.value("remittance_share")) == pytest.approx(2700.0)


def test_place_premium_bounds_the_home_counterfactual() -> None:
    # A prevailing wage of $36,000 and a six-fold premium: at least $6,000 at home.
    assert home_counterfactual_usd(36000.0, 6.0, 2000.0) == pytest.approx(6000.0)
    assert home_counterfactual_usd(36000.0, 6.0, 9000.0) == pytest.approx(9000.0)


def test_overstays_accumulate_when_return_below_one() -> None:
    holders, over = worker_stock_path([1000.0, 1000.0], 3, [0.9, 0.5], 6)
    assert holders[:, -1] == pytest.approx([3000.0, 3000.0])
    assert over[:, -1] == pytest.approx([300.0, 1500.0])
    assert np.all(np.diff(over, axis=-1) >= 0)


def test_borjas_oracle() -> None:
    """Borjas (1995): m = 0.1, e = -0.3, labour share 0.7 gives 0.105% of national income."""
    assert immigration_surplus_share(0.7, -0.3, 0.1) == pytest.approx(0.00105, rel=1e-12)
    # The same surplus from the pool's wage bill, w L = 0.7 Y.
    assert immigration_surplus_usd(-0.3, 0.1, 0.7) == pytest.approx(0.00105, rel=1e-12)
    assert immigrant_share(1e6, 9e6) == pytest.approx(0.1)


def test_wage_change_and_loss_on_borjas_definitions() -> None:
    m = immigrant_share(2e6, 18e6)
    dlnw = native_wage_change(-0.4, m)
    assert dlnw == pytest.approx(-0.04)
    assert wage_loss_usd(dlnw, 30_000.0, 18e6) == pytest.approx(0.04 * 30_000 * 18e6)
    assert wage_loss_usd(native_wage_change(0.0, m), 30_000.0, 18e6) == 0.0


@given(st.floats(-0.4, -1e-6), st.floats(1e3, 1e7), st.floats(1e5, 1e8))
def test_national_pcbr_is_two_natives_over_migrants(eps: float, migrants: float, n: float) -> None:
    """Residents' loss over residents' surplus is 2 N / M whatever the elasticity."""
    m = immigrant_share(migrants, n)
    loss = wage_loss_usd(native_wage_change(eps, m), 1.0, n)
    surplus = immigration_surplus_usd(eps, m, n + migrants)
    assert loss / surplus == pytest.approx(2.0 * n / migrants, rel=1e-9)


def test_supply_shock_needs_a_workforce() -> None:
    with pytest.raises(ValueError, match="workforce"):
        immigrant_share(1.0, 0.0)


def test_forced_savings_raise_return_rate_only_if_credible() -> None:
    base = 0.7
    assert return_rate_with_forced_savings(base, 0.2, 5.0, credibility=0.0) == pytest.approx(base)
    higher = return_rate_with_forced_savings(base, [0.1, 0.2], 5.0)
    assert base < higher[0] < higher[1] < 1.0


def test_quota_adjustment() -> None:
    assert next_quota(1000.0, 0.9, 0.9, 1.0) == 1000.0
    assert next_quota(1000.0, 0.45, 0.9, 2.0) == 250.0
    with pytest.raises(ValueError, match="target"):
        next_quota(1000.0, 0.5, 0.0, 1.0)
