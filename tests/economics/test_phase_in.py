"""Phase-in streams and present values."""

from __future__ import annotations

import numpy as np
import pytest

from evaluator.economics.tariffs.kernels import efficiency_gain
from evaluator.economics.tariffs.phase_in import (
    annual_gain_stream,
    discount_factors,
    phase_in_rates,
    present_value,
)


def test_equal_annual_steps_reach_the_final_rate() -> None:
    rates = phase_in_rates(0.2, 0.05, 3, 5)
    assert rates == pytest.approx([0.15, 0.10, 0.05, 0.05, 0.05])


def test_immediate_cut_when_no_phase_in() -> None:
    assert phase_in_rates(0.2, 0.0, 0, 3).tolist() == [0.0, 0.0, 0.0]


def test_per_line_phase_in_broadcasts() -> None:
    rates = phase_in_rates([0.2, 0.1], [0.0, 0.0], [2, 0], 3)
    assert rates.shape == (2, 3)
    assert rates[0] == pytest.approx([0.1, 0.0, 0.0])
    assert rates[1] == pytest.approx([0.0, 0.0, 0.0])


def test_stream_converges_to_steady_state() -> None:
    stream = annual_gain_stream(100.0, 0.2, 0.0, 2.0, 4, 10)
    steady = efficiency_gain(100.0, 0.2, 0.0, 2.0)
    assert stream[-1] == pytest.approx(steady)
    assert np.all(np.diff(stream) >= 0)
    assert stream[0] < steady


def test_present_value_of_constant_stream_is_an_annuity() -> None:
    r, n = 0.03, 20
    pv = present_value(np.full(n, 100.0), r)
    assert pv == pytest.approx(100.0 * (1 - (1 + r) ** -n) / r)


def test_discount_factors_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="discount_rate"):
        discount_factors(-1.0, 5)
    with pytest.raises(ValueError, match="horizon"):
        discount_factors(0.03, 0)
    with pytest.raises(ValueError, match="phase_in_years"):
        phase_in_rates(0.2, 0.0, -1, 3)
