"""The lines x draws shortcut equals brute force, and per-line summaries are exact."""

from __future__ import annotations

import numpy as np
import pytest

from evaluator.economics.sampling import draws_for, standard_quantiles, summarise
from evaluator.economics.tariffs.draws import (
    efficiency_totals_dense,
    line_gain_summaries,
    present_value_by_draw,
    tariff_totals_by_draw,
)
from evaluator.economics.tariffs.kernels import efficiency_gain, redistribution
from evaluator.economics.tariffs.phase_in import annual_gain_stream, present_value


@pytest.fixture
def schedule() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(42)
    n = 300
    low = rng.uniform(0.5, 2.0, n)
    return {
        "imports_usd": rng.lognormal(16, 2, n),
        "base_rate": rng.uniform(0.0, 0.4, n),
        "final_rate": rng.uniform(0.0, 0.05, n),
        "elasticity_low": low,
        "elasticity_high": low + rng.uniform(0.0, 2.0, n),
    }


def _dense_matrix(s: dict[str, np.ndarray], z: np.ndarray) -> np.ndarray:
    e = s["elasticity_low"][:, None] + (s["elasticity_high"] - s["elasticity_low"])[:, None] * z
    return efficiency_gain(
        s["imports_usd"][:, None], s["base_rate"][:, None], s["final_rate"][:, None], e
    )


def test_totals_shortcut_equals_brute_force(schedule: dict[str, np.ndarray]) -> None:
    z = standard_quantiles(draws_for("import_demand_elasticity", 3, 500), "triangular", 0.3)
    fast = tariff_totals_by_draw(**schedule, z=z)
    dense = _dense_matrix(schedule, z).sum(axis=0)
    assert fast.efficiency_gain_usd == pytest.approx(dense, rel=1e-10)
    chunked = efficiency_totals_dense(
        schedule["imports_usd"],
        schedule["base_rate"],
        schedule["final_rate"],
        schedule["elasticity_low"],
        schedule["elasticity_high"],
        z,
        chunk_lines=37,
    )
    assert chunked == pytest.approx(dense, rel=1e-10)
    r = redistribution(schedule["imports_usd"], schedule["base_rate"], schedule["final_rate"])
    assert fast.redistribution_usd == pytest.approx(r.sum())
    assert fast.pcbr == pytest.approx(r.sum() / dense, rel=1e-10)


def test_line_summaries_are_exact(schedule: dict[str, np.ndarray]) -> None:
    z = draws_for("import_demand_elasticity", 9, 1001)
    mean, p05, p95 = line_gain_summaries(**schedule, z=z)
    d_mean, d_05, d_95 = summarise(_dense_matrix(schedule, z), axis=1)
    assert mean == pytest.approx(d_mean, rel=1e-10)
    assert p05 == pytest.approx(d_05, rel=1e-10)
    assert p95 == pytest.approx(d_95, rel=1e-10)


def test_line_summaries_order_for_tariff_increases() -> None:
    z = np.linspace(0, 1, 101)
    mean, p05, p95 = line_gain_summaries([100.0], [0.0], [0.1], [1.0], [3.0], z)
    assert p05[0] < mean[0] < p95[0] < 0


def test_present_value_by_draw_matches_dense(schedule: dict[str, np.ndarray]) -> None:
    z = draws_for("import_demand_elasticity", 5, 50)
    phase = np.arange(schedule["imports_usd"].size) % 6
    fast = present_value_by_draw(
        **schedule, phase_in_years=phase, z=z, discount_rate=0.03, horizon_years=15
    )
    e = (
        schedule["elasticity_low"][:, None]
        + (schedule["elasticity_high"] - schedule["elasticity_low"])[:, None] * z
    )
    stream = annual_gain_stream(
        schedule["imports_usd"][:, None],
        schedule["base_rate"][:, None],
        schedule["final_rate"][:, None],
        e,
        phase[:, None],
        15,
    )  # (lines, draws, years)
    dense = present_value(stream, 0.03).sum(axis=0)
    assert fast == pytest.approx(dense, rel=1e-10)


def test_constant_elasticity_dense_totals() -> None:
    z = np.array([0.0, 1.0])
    out = efficiency_totals_dense(
        [100.0, 100.0],
        [0.2, 0.2],
        [0.0, 0.0],
        [2.0, 2.0],
        [2.0, 2.0],
        z,
        demand="constant_elasticity",
    )
    assert out == pytest.approx([8.0, 8.0])
    with pytest.raises(ValueError, match="chunk_lines"):
        efficiency_totals_dense([1.0], [0.1], [0.0], [1.0], [1.0], z, chunk_lines=0)
