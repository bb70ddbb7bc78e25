"""Visa-scheme kernels: MODELS.md §4 oracles and accounting identities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.economics.mobility.kernels import (
    gain_per_worker_year,
    host_earnings_per_worker_year,
    immigration_surplus_usd,
    migrant_gain_per_worker_year,
    native_wage_change,
    natives_wage_loss_usd,
    next_quota,
    remittances_usd,
    return_rate_with_forced_savings,
    steady_state_visa_holders,
    supply_shock,
    tariff_equivalent,
    visa_scheme_effects,
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
    assert migrant_gain_per_worker_year(6.0, 3000.0) == 15000.0
    assert host_earnings_per_worker_year(6.0, 3000.0) == 18000.0
    reg = default_parameters()
    assert remittances_usd(18000.0, reg.value("remittance_share")) == pytest.approx(2700.0)


def test_stock_reaches_quota_times_visa_years() -> None:
    holders, over = worker_stock_path(50_000, 4, 1.0, 10)
    assert holders[-1] == steady_state_visa_holders(50_000, 4) == 200_000
    assert np.all(over == 0)


def test_overstays_accumulate_when_return_below_one() -> None:
    _, over = worker_stock_path([1000.0, 1000.0], 3, [0.9, 0.5], 6)
    assert over[:, -1] == pytest.approx([300.0, 1500.0])
    assert np.all(np.diff(over, axis=-1) >= 0)


def test_native_wage_effect_and_loss() -> None:
    s = supply_shock(2e6, 2e7)
    dlnw = native_wage_change(-0.4, s)
    assert dlnw == pytest.approx(-0.04)
    assert natives_wage_loss_usd(dlnw, 30_000.0, 2e7) == pytest.approx(0.04 * 30_000 * 2e7)
    assert natives_wage_loss_usd(native_wage_change(0.0, s), 30_000.0, 2e7) == 0.0


def test_borjas_triangle_reproduces_textbook_example() -> None:
    # 10% supply shock, wage elasticity -0.3, labor share 0.7 of GDP: 0.5*0.03*0.1*0.7 = 0.105%
    gdp = 1.0
    assert immigration_surplus_usd(-0.3, 0.1, 0.7 * gdp) == pytest.approx(0.00105)


@given(st.floats(-0.4, 0.0), st.floats(0.0, 0.3))
def test_surplus_is_half_the_wage_loss_times_shock(eps: float, s: float) -> None:
    bill = 1e9
    loss = natives_wage_loss_usd(native_wage_change(eps, s), 1.0, bill)
    assert immigration_surplus_usd(eps, s, bill) == pytest.approx(0.5 * s * float(loss), abs=1e-6)


def test_visa_scheme_pcbr_and_draws_broadcast() -> None:
    eps = default_parameters().draws("native_wage_elasticity", seed=1, n=1000)
    fx = visa_scheme_effects(
        migrant_stock=np.array([[2e5], [1e5]]),
        place_premium=np.array([[6.0], [2.7]]),
        home_wage_usd=np.array([[3000.0], [4000.0]]),
        wage_elasticity=eps,
        competing_workforce=2e7,
        native_wage_usd=30_000.0,
    )
    assert fx.pcbr.shape == (1000,)
    gain = 2e5 * 5 * 3000 + 1e5 * 1.7 * 4000
    assert fx.migrants_gain_usd == pytest.approx(np.full(1000, gain))
    assert np.all(fx.net_gain_usd >= fx.migrants_gain_usd)
    assert fx.pcbr == pytest.approx(fx.natives_wage_loss_usd / fx.net_gain_usd)
    assert np.all(fx.pcbr >= 0)


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


def test_supply_shock_needs_a_workforce() -> None:
    with pytest.raises(ValueError, match="workforce"):
        supply_shock(1.0, 0.0)
