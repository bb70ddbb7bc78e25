"""Tariff kernel: MODELS.md §1 oracles and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.economics.parameters import default_parameters
from evaluator.economics.tariffs.kernels import (
    SWISS_FORMULA_COEFFICIENT,
    efficiency_gain,
    linear_cut,
    pcbr,
    pcbr_closed_form,
    producer_surplus_change,
    redistribution,
    revenue_change,
    rodrik_gain_share,
    swiss_formula,
    tariff_cut_effects,
    trade_creation,
)

rates = st.floats(min_value=0.005, max_value=2.0, allow_nan=False)
elasticities = st.floats(min_value=0.1, max_value=20.0, allow_nan=False)
imports = st.floats(min_value=1.0, max_value=1e12, allow_nan=False)


# --- Oracles -------------------------------------------------------------------------------


def test_rodrik_formula_gives_025_percent_of_gdp() -> None:
    assert rodrik_gain_share(0.10, 0.2, 3.0) == pytest.approx(0.0024793, abs=5e-8)


def test_rodrik_formula_equals_full_removal_triangle_at_world_prices() -> None:
    t, m, e, gdp = 0.10, 0.2, 3.0, 1e13
    imports_world = m * gdp / (1.0 + t)  # imports at domestic prices m*GDP, deflated by 1+t
    share = efficiency_gain(imports_world, t, 0.0, e) / gdp
    assert share == pytest.approx(rodrik_gain_share(t, m, e), rel=1e-12)
    assert share == pytest.approx(0.0024793, abs=5e-8)


def test_linear_and_constant_elasticity_worked_check() -> None:
    assert efficiency_gain(100.0, 0.2, 0.0, 2.0) == pytest.approx(10.0 / 3.0, rel=1e-12)
    ces = efficiency_gain(100.0, 0.2, 0.0, 2.0, demand="constant_elasticity")
    assert ces == pytest.approx(4.0, rel=1e-12)


def test_full_removal_closed_form() -> None:
    m0, t0, e = 250.0, 0.3, 1.7
    assert efficiency_gain(m0, t0, 0.0, e) == pytest.approx(0.5 * e * m0 * t0**2 / (1 + t0))


@pytest.mark.parametrize(
    ("t", "exact", "small"),
    [(0.40, 7.0, 5.0), (0.04, 52.0, 50.0)],
)
def test_pcbr_anchors_e_equal_one(t: float, exact: float, small: float) -> None:
    fx = tariff_cut_effects(1e9, t, 0.0, 1.0)
    assert fx.pcbr == pytest.approx(exact, rel=1e-12)
    assert pcbr_closed_form(t, 1.0) == pytest.approx(exact, rel=1e-12)
    assert pcbr_closed_form(t, 1.0, small_tariff=True) == pytest.approx(small, rel=1e-12)


@given(rates, elasticities)
def test_pcbr_full_removal_matches_2_1plus_t_over_et(t0: float, e: float) -> None:
    fx = tariff_cut_effects(1e6, t0, 0.0, e)
    assert fx.pcbr == pytest.approx(2 * (1 + t0) / (e * t0), rel=1e-9)


@given(rates, st.floats(0.0, 0.95), elasticities)
def test_pcbr_partial_cut(t0: float, keep: float, e: float) -> None:
    t1 = keep * t0
    fx = tariff_cut_effects(1e6, t0, t1, e)
    exact = pcbr_closed_form(t0, e, t1)
    assert fx.pcbr == pytest.approx(exact, rel=1e-9)
    assert exact == pytest.approx(2 * (1 + t0) / (e * (t0 + t1)), rel=1e-12)
    if t0 <= 0.05:  # small-tariff form 2/(e(t0+t1)) within 5%
        assert pcbr_closed_form(t0, e, t1, small_tariff=True) == pytest.approx(exact, rel=0.05)


@given(st.floats(0.001, 0.1), elasticities)
def test_halving_tariff_about_doubles_pcbr(t0: float, e: float) -> None:
    ratio = pcbr(redistribution(1.0, t0 / 2, 0.0), efficiency_gain(1.0, t0 / 2, 0.0, e)) / pcbr(
        redistribution(1.0, t0, 0.0), efficiency_gain(1.0, t0, 0.0, e)
    )
    assert 2 * (1 + t0 / 2) / (1 + t0) == pytest.approx(float(ratio), rel=1e-9)
    assert 1.9 <= ratio <= 2.0


def test_trade_creation_revenue_and_producers() -> None:
    assert trade_creation(100.0, 0.2, 0.0, 2.0) == pytest.approx(100 / 3)
    assert revenue_change(100.0, 0.2, 0.1, 2.0) == pytest.approx(0.1 * (100 + 50 / 3) - 20)
    assert producer_surplus_change(0.2, 0.0, 1200.0) == pytest.approx(-200.0)
    assert redistribution(100.0, 0.2, 0.0, 1200.0) == pytest.approx(20.0 + 200.0)


def test_absent_domestic_output_is_nan_or_zero() -> None:
    with_nan = redistribution([100.0, 100.0], [0.2, 0.2], [0.0, 0.0], [np.nan, 0.0])
    assert with_nan.tolist() == [20.0, 20.0]


def test_total_pcbr_is_ratio_of_sums() -> None:
    r = redistribution([100.0, 50.0], [0.2, 0.1], [0.0, 0.0])
    e = efficiency_gain([100.0, 50.0], [0.2, 0.1], [0.0, 0.0], [2.0, 1.0])
    assert pcbr(r, e, axis=0) == pytest.approx(r.sum() / e.sum())


def test_tariff_increase_is_a_negative_gain_not_clipped() -> None:
    fx = tariff_cut_effects(100.0, 0.0, 0.1, 1.0)
    assert fx.trade_creation_usd == pytest.approx(-10.0)
    assert fx.efficiency_gain_usd == pytest.approx(-0.5)
    assert fx.redistribution_usd == pytest.approx(10.0)
    assert fx.pcbr == pytest.approx(-20.0)
    ces = efficiency_gain(100.0, 0.0, 0.1, 1.0, demand="constant_elasticity")
    assert ces < 0


def test_zero_gain_gives_nan_pcbr_without_warning() -> None:
    out = pcbr([1.0, 0.0, 2.0], [0.0, 0.0, 1.0])
    assert np.isnan(out[0]) and np.isnan(out[1]) and out[2] == 2.0


@given(imports, rates, elasticities)
def test_zero_cut_gives_zero_everything(m0: float, t0: float, e: float) -> None:
    for demand in ("linear", "constant_elasticity"):
        fx = tariff_cut_effects(m0, t0, t0, e, domestic_output_usd=5 * m0, demand=demand)
        assert fx.trade_creation_usd == 0.0
        assert fx.efficiency_gain_usd == 0.0
        assert fx.revenue_change_usd == 0.0
        assert fx.producer_surplus_change_usd == 0.0
        assert fx.redistribution_usd == 0.0
        assert np.isnan(fx.pcbr)


@given(imports, rates, rates, elasticities)
def test_gain_from_removal_rises_with_base_rate(m0: float, a: float, b: float, e: float) -> None:
    lo, hi = sorted((a, b))
    if hi - lo < 1e-6:
        return
    for demand in ("linear", "constant_elasticity"):
        assert efficiency_gain(m0, hi, 0.0, e, demand) > efficiency_gain(m0, lo, 0.0, e, demand)


@given(imports, rates, rates, elasticities, st.one_of(st.just(0.0), imports))
def test_pcbr_falls_as_base_rate_rises(m0: float, a: float, b: float, e: float, s0: float) -> None:
    lo, hi = sorted((a, b))
    if hi - lo < 1e-6:
        return
    p_lo = tariff_cut_effects(m0, lo, 0.0, e, s0).pcbr
    p_hi = tariff_cut_effects(m0, hi, 0.0, e, s0).pcbr
    assert p_hi < p_lo


@given(st.floats(0.001, 0.02), elasticities)
def test_constant_elasticity_agrees_with_linear_for_small_tariffs(t0: float, e: float) -> None:
    lin = efficiency_gain(1.0, t0, 0.0, e)
    ces = efficiency_gain(1.0, t0, 0.0, e, demand="constant_elasticity")
    assert ces == pytest.approx(lin, rel=5 * t0 * (1 + e))


def test_constant_elasticity_at_unit_elasticity_is_continuous() -> None:
    at_one = efficiency_gain(100.0, 0.3, 0.05, 1.0, demand="constant_elasticity")
    near = efficiency_gain(100.0, 0.3, 0.05, [1 - 1e-9, 1 + 1e-9], demand="constant_elasticity")
    assert near == pytest.approx(np.full(2, float(at_one)), rel=1e-7)


def test_broadcasts_over_lines_and_draws() -> None:
    m0 = np.array([100.0, 200.0])[:, None]
    e = np.array([1.0, 2.0, 3.0])[None, :]
    fx = tariff_cut_effects(m0, 0.2, 0.0, e)
    assert fx.efficiency_gain_usd.shape == (2, 3)
    assert fx.redistribution_usd.shape == (2, 3)


def test_unknown_demand_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown demand"):
        efficiency_gain(1.0, 0.1, 0.0, 1.0, demand="quadratic")  # type: ignore[arg-type]


def test_tariff_formulas() -> None:
    assert linear_cut(0.2, 0.5) == pytest.approx(0.1)
    assert swiss_formula(0.16) == pytest.approx(0.08)
    assert swiss_formula(10.0) < SWISS_FORMULA_COEFFICIENT
    assert swiss_formula(16.0, coefficient=16.0) == pytest.approx(8.0)  # rates in percent


def test_swiss_coefficient_matches_parameter_file() -> None:
    assert default_parameters().value("swiss_formula_coefficient") == SWISS_FORMULA_COEFFICIENT
