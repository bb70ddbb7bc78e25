"""Preferential cuts: SMART's invariants, Meade welfare, the MFN regression and the export side."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.economics.tariffs.kernels import efficiency_gain, revenue_change, trade_creation
from evaluator.economics.tariffs.preferential import (
    composite_price_fall,
    export_effects,
    preferential_effects,
    relative_price_change,
    trade_diversion,
    trade_diversion_ces,
)

usd = st.floats(1.0, 1e10)
rate = st.floats(0.0, 0.5)
elasticity = st.floats(0.1, 10.0)
sigma = st.floats(0.1, 50.0)


def test_textbook_case_full_removal() -> None:
    """Demand p = 22 - x, supply p = 2 + y, world price 5, tariff 5 (100%): imports 4 -> 14,
    tariff revenue 20, deadweight loss 25 (Harvard Ec10 blog, "Tariff numerical example", 2006).
    At the base, import demand M = 24 - 2P has elasticity 2 x 10 / 4 = 5; imports at world
    prices are 4 x 5 = $20."""
    fx = preferential_effects(20.0, 1.0, 0.0, 0.0, 1.0, 1.0, 5.0, 1.5)
    assert float(fx.trade_creation_usd) == pytest.approx(50.0)  # 10 more units at $5
    assert float(fx.welfare_usd) == pytest.approx(25.0)
    assert float(fx.revenue_change_usd) == pytest.approx(-20.0)


@given(usd, rate, rate, elasticity)
def test_partner_only_reproduces_the_single_market_model(
    m: float, t0: float, t1: float, e: float
) -> None:
    fx = preferential_effects(m, t0, t1, 0.0, t0, t0, e, 1.5)
    assert float(fx.welfare_usd) == float(efficiency_gain(m, t0, t1, e))
    assert float(fx.trade_creation_usd) == float(trade_creation(m, t0, t1, e))
    assert float(fx.revenue_change_usd) == pytest.approx(float(revenue_change(m, t0, t1, e)))
    assert float(fx.diversion_usd) == 0.0


@given(usd, usd, rate, rate, elasticity, sigma)
def test_a_cut_for_everyone_is_the_single_market_model_on_the_total(
    mj: float, mr: float, t0: float, t1: float, e: float, s: float
) -> None:
    fx = preferential_effects(mj, t0, t1, mr, t0, t1, e, s)
    assert float(fx.diversion_usd) == 0.0
    whole = float(efficiency_gain(mj + mr, t0, t1, e))
    assert float(fx.welfare_usd) == pytest.approx(whole, rel=1e-9, abs=1e-6)


@given(usd, usd, rate, elasticity, sigma)
def test_diversion_nets_to_zero_and_is_bounded_by_the_rest_of_the_world(
    mj: float, mr: float, t0: float, e: float, s: float
) -> None:
    fx = preferential_effects(mj, t0, 0.0, mr, t0, t0, e, s)
    assert 0.0 <= float(fx.diversion_usd) <= mr
    # The market total changes only by creation: what the partner gains, the rest loses.
    created = float(fx.trade_creation_usd)
    assert float(fx.creation_rest_usd) == 0.0
    assert created == pytest.approx(float(trade_creation(mj, t0, 0.0, e)))


@given(usd, usd, st.floats(0.01, 0.5), sigma, sigma)
def test_diversion_rises_with_the_substitution_elasticity(
    mj: float, mr: float, t0: float, s1: float, s2: float
) -> None:
    x = relative_price_change(t0, 0.0, t0, t0)
    low, high = sorted((s1, s2))
    assert float(trade_diversion(mj, mr, low, x)) <= float(trade_diversion(mj, mr, high, x))


@given(usd, usd, st.floats(0.01, 0.5), st.floats(0.0, 1.0), st.floats(0.0, 1.0), sigma)
def test_a_larger_margin_never_reduces_diversion(
    mj: float, mr: float, t0: float, c1: float, c2: float, s: float
) -> None:
    small, large = sorted((c1, c2))
    d_small = trade_diversion(mj, mr, s, relative_price_change(t0, t0 * (1 - small), t0, t0))
    d_large = trade_diversion(mj, mr, s, relative_price_change(t0, t0 * (1 - large), t0, t0))
    assert float(d_small) <= float(d_large) + 1e-9 * mr


def test_perfect_substitutes_divert_all_rest_of_world_imports() -> None:
    assert float(trade_diversion(100.0, 300.0, 1e9, 0.05)) == pytest.approx(300.0, rel=1e-6)


def test_trade_creation_is_proportional_to_the_import_demand_elasticity() -> None:
    """SMART: "doubling this elasticity will double the change in imports"."""
    one = preferential_effects(100.0, 0.1, 0.0, 300.0, 0.1, 0.1, 1.5, 1.5)
    two = preferential_effects(100.0, 0.1, 0.0, 300.0, 0.1, 0.1, 3.0, 1.5)
    assert float(two.trade_creation_usd) == pytest.approx(2 * float(one.trade_creation_usd))
    assert float(two.diversion_usd) == float(one.diversion_usd)  # at a given total


@pytest.mark.parametrize("margin", [0.001, 0.01])
def test_smart_diversion_agrees_with_exact_ces_for_small_margins(margin: float) -> None:
    smart = float(trade_diversion(100.0, 300.0, 1.5, margin))
    exact = float(trade_diversion_ces(100.0, 300.0, 1.5, margin))
    assert smart == pytest.approx(exact, rel=margin * 3)


def test_smart_and_exact_ces_part_ways_for_large_substitution() -> None:
    smart = float(trade_diversion(100.0, 300.0, 20.0, 0.1))
    exact = float(trade_diversion_ces(100.0, 300.0, 20.0, 0.1))
    assert abs(smart - exact) / exact > 0.2


def test_welfare_falls_with_substitution_when_the_rest_of_the_world_is_large() -> None:
    sigmas = np.array([0.5, 1.5, 5.0, 20.0])
    fx = preferential_effects(100.0, 0.1, 0.0, 900.0, 0.1, 0.1, 1.5, sigmas)
    assert np.all(np.diff(fx.welfare_usd) < 0)
    assert fx.welfare_usd[-1] < 0 < fx.welfare_usd[0]  # Viner: diversion can make it a loss


def test_welfare_is_buyers_gain_plus_revenue_and_the_meade_sum() -> None:
    mj, t0, t1, mr, r, e, s, es = 100.0, 0.2, 0.0, 400.0, 0.2, 2.0, 3.0, 4.0
    fx = preferential_effects(mj, t0, t1, mr, r, r, e, s, es)
    assert float(fx.welfare_usd) == pytest.approx(
        float(fx.buyers_surplus_usd + fx.revenue_change_usd)
    )
    # Meade: tariff-weighted volume changes less the terms-of-trade cost (trapezoids).
    d_partner = float(fx.creation_partner_usd + fx.diversion_usd)
    phi = e / (e + es)
    meade = (
        0.5 * (t0 + t1) * d_partner
        - r * float(fx.diversion_usd)
        - phi * (t0 - t1) * (mj + 0.5 * d_partner)
    )
    assert float(fx.welfare_usd) == pytest.approx(meade)


def test_inelastic_partner_supply_turns_the_gain_into_a_loss() -> None:
    """Panagariya: the partner's exporters keep the margin, the importer loses the revenue."""
    elastic = preferential_effects(100.0, 0.1, 0.0, 0.0, 0.1, 0.1, 1.5, 1.5)
    captured = preferential_effects(100.0, 0.1, 0.0, 0.0, 0.1, 0.1, 1.5, 1.5, 0.1)
    assert float(elastic.welfare_usd) > 0 > float(captured.welfare_usd)
    assert float(captured.transfer_to_exporters_usd) > 0


def test_producers_lose_only_as_far_as_the_composite_price_falls() -> None:
    alone = composite_price_fall(100.0, 0.0, 0.2, 0.0, 0.2, 0.2)
    assert float(alone) == pytest.approx(0.2 / 1.2)  # the single-market formula
    shared = composite_price_fall(100.0, 300.0, 0.2, 0.0, 0.2, 0.2)
    assert float(shared) == pytest.approx(0.25 * 0.2 / 1.2)
    assert float(composite_price_fall(100.0, 300.0, 0.2, 0.0, 0.2, 0.2, 1.0)) == 0.0


def test_exporters_gain_with_the_incidence_set_by_the_elasticities() -> None:
    inelastic_supply = export_effects(1000.0, 0.1, 0.0, 2.0, 0.01)
    infinite_supply = export_effects(1000.0, 0.1, 0.0, 2.0, np.inf)
    assert float(inelastic_supply.price_rise) == pytest.approx(0.1 / 1.1, rel=0.01)
    assert float(infinite_supply.exporters_gain_usd) == 0.0
    assert float(infinite_supply.exports_change_usd) == pytest.approx(1000 * 2 * 0.1 / 1.1)


@settings(max_examples=50)
@given(usd, usd, rate, rate, elasticity, sigma)
def test_diversion_is_symmetric_when_the_partner_loses_ground(
    mj: float, mr: float, t0: float, t1: float, e: float, s: float
) -> None:
    """An MFN cut after a preference: diversion away from the partner is bounded by its imports."""
    x = relative_price_change(0.0, 0.0, t0, t1) if t1 < t0 else 0.0
    d = float(trade_diversion(mj, mr, s, x))
    assert -mj <= d <= 0.0
