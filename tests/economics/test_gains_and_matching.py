"""ACR gains from trade (MODELS.md §2) and Kremer-Maskin matching (§5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.economics.gains_from_trade import acr_gain, acr_welfare_change
from evaluator.economics.matching import (
    GOLDEN_RATIO,
    best_pairing,
    open_borders,
    self_matching_beats_cross,
    team_output,
)
from evaluator.economics.parameters import default_parameters


def test_acr_us_oracles() -> None:
    lam = default_parameters().value("domestic_expenditure_share_usa")
    assert 100 * acr_gain(lam, 5.0) == pytest.approx(1.4409, abs=5e-5)
    assert 100 * acr_gain(lam, 10.0) == pytest.approx(0.72308, abs=5e-6)
    assert acr_gain(lam, -5.0) == acr_gain(lam, 5.0)


def test_acr_welfare_change_inverts_autarky_gain() -> None:
    lam = 0.93
    to_autarky = acr_welfare_change(1.0 / lam, -5.0)
    assert 1.0 - to_autarky == pytest.approx(acr_gain(lam, 5.0))


def test_acr_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="lambda"):
        acr_gain(1.2, 5.0)
    with pytest.raises(ValueError, match="non-zero"):
        acr_gain(0.9, 0.0)
    with pytest.raises(ValueError, match="negative"):
        acr_welfare_change(1.1, 5.0)


def test_golden_ratio_threshold() -> None:
    assert pytest.approx(1.6180339887) == GOLDEN_RATIO
    assert not self_matching_beats_cross(GOLDEN_RATIO - 1e-6, 1.0)
    assert self_matching_beats_cross(GOLDEN_RATIO + 1e-6, 1.0)


@given(st.floats(1.001, 10.0), st.floats(0.1, 10.0))
def test_self_matching_iff_ratio_above_golden(ratio: float, low: float) -> None:
    if abs(ratio - GOLDEN_RATIO) < 1e-6:
        return
    high = ratio * low
    self_total = team_output(high, high) + team_output(low, low)
    cross_total = 2 * team_output(high, low)
    assert bool(self_matching_beats_cross(high, low)) == (ratio > GOLDEN_RATIO)
    assert bool(self_total > cross_total) == (ratio > GOLDEN_RATIO)


def test_toy_north_south_reproduces_656_and_740() -> None:
    out = open_borders({"H": 2.0, "L": 1.0}, {"M": 1.6, "L": 1.0})
    assert out.autarky_output == pytest.approx(6.56, abs=1e-12)
    assert out.open_output == pytest.approx(7.40, abs=1e-12)
    # Northern manager takes the Southern medium-skill worker; the low-skill workers pair up.
    assert set(out.open_pairs) == {("North H", "South M"), ("North L", "South L")}
    assert out.southern_inequality == "rises"
    assert out.southern_gap_autarky == 0.0
    assert out.southern_gap_open == pytest.approx(6.4 - 1.0)
    assert out.northern_low_skill_exposed
    assert out.northern_low_skill_team_change == pytest.approx(1.0 - 4.0)


def test_best_pairing_validates_size() -> None:
    with pytest.raises(ValueError, match="even number"):
        best_pairing([1.0, 2.0, 3.0])
