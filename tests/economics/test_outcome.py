"""The schedule under the draws: the affine shortcut equals brute force, draw by draw."""

from __future__ import annotations

import numpy as np
import pytest

from evaluator.drawing import Draws
from evaluator.economics.parameters import default_parameters
from evaluator.economics.sampling import draws_for
from evaluator.economics.tariffs.inputs import ELASTICITY_KEY
from evaluator.economics.tariffs.outcome import tariff_outcome
from evaluator.economics.tariffs.phase_in import discount_factors, phase_in_rates
from evaluator.economics.tariffs.preferential import (
    composite_price_fall,
    preferential_effects,
    revenue_reshuffled,
)
from evaluator.models import TariffLine, Tariffs
from evaluator.models.common import PositiveRange as Range
from evaluator.models.line_table import LineTable

SEED, N = 7, 400


def _pool() -> Draws:
    return Draws(
        seed=SEED,
        n=N,
        registry=default_parameters(),
        overrides={},
        sources={},
        locate=lambda path: ("<test>", 1, 1),
    )


@pytest.fixture
def schedule() -> Tariffs:
    rng = np.random.default_rng(3)
    lines = []
    for i in range(25):
        base = float(rng.uniform(0.0, 0.3))
        low = float(rng.uniform(0.5, 2.0))
        lines.append(
            TariffLine(
                hs=f"{i + 10:02d}",
                imports_usd=float(rng.lognormal(15, 1)),
                base_rate=base,
                final_rate=float(base * rng.uniform(0, 1)) if i != 3 else base + 0.05,
                elasticity=Range(low=low, high=low + float(rng.uniform(0, 2))),
                rest_of_world_imports_usd=float(rng.lognormal(16, 1)) if i % 3 else 0.0,
                substitution_elasticity=float(rng.uniform(0.5, 10)),
                domestic_output_usd=float(rng.lognormal(18, 1)) if i % 2 else None,
                phase_in_years=int(rng.integers(0, 11)),
            )
        )
    return Tariffs(lines=tuple(lines))


def test_affine_totals_equal_brute_force(schedule: Tariffs) -> None:
    out = tariff_outcome(schedule, _pool(), 0.03, 20)
    lines = schedule.lines
    z = draws_for(ELASTICITY_KEY, SEED, N)
    low = np.array([line.elasticity.low for line in lines])  # type: ignore[union-attr]
    high = np.array([line.elasticity.high for line in lines])  # type: ignore[union-attr]
    e = low[:, None] + (high - low)[:, None] * z[None, :]
    col = {
        "mj": np.array([line.imports_usd for line in lines])[:, None],
        "t0": np.array([line.base_rate for line in lines])[:, None],
        "t1": np.array([line.final_rate for line in lines])[:, None],
        "mr": np.array([line.rest_of_world_imports_usd for line in lines])[:, None],
        "s": np.array([line.substitution_elasticity for line in lines])[:, None],
        "s0": np.array([line.domestic_output_usd or 0.0 for line in lines])[:, None],
    }
    m, t0, t1, mr = col["mj"], col["t0"], col["t1"], col["mr"]
    fx = preferential_effects(m, t0, t1, mr, t0, t0, e, col["s"])
    assert np.allclose(out.efficiency_gain_usd, fx.welfare_usd.sum(axis=0), rtol=1e-9)
    assert np.allclose(out.trade_diversion_usd, fx.diversion_usd.sum(axis=0), rtol=1e-9)
    assert np.allclose(out.revenue_change_usd, fx.revenue_change_usd.sum(axis=0), rtol=1e-9)
    producers = col["s0"] * composite_price_fall(m, mr, t0, t1, t0, t0)
    reshuffled = revenue_reshuffled(m, t0, t1, mr, t0, t0, fx.diversion_usd) + producers
    assert np.allclose(out.redistribution_usd, reshuffled.sum(axis=0), rtol=1e-9)
    assert np.allclose(out.line_gain_usd, fx.welfare_usd.mean(axis=1), rtol=1e-9)
    # Present value: the year-by-year stream at each draw's elasticity, discounted.
    years = np.array([line.phase_in_years for line in lines])
    rates = phase_in_rates(t0[:, 0], t1[:, 0], years, 20)
    stream = preferential_effects(
        m[:, :, None],
        t0[:, :, None],
        rates[:, None, :],
        mr[:, :, None],
        t0[:, :, None],
        t0[:, :, None],
        e[:, :, None],
        col["s"][:, :, None],
    ).welfare_usd.sum(axis=0)
    assert out.present_value_usd is not None
    assert np.allclose(out.present_value_usd, stream @ discount_factors(0.03, 20), rtol=1e-9)


def test_dense_path_equals_brute_force_with_uncertain_substitution(schedule: Tariffs) -> None:
    ranged = schedule.model_copy(update={"substitution_elasticity": Range(low=1.0, high=4.0)})
    lines = tuple(
        line.model_copy(update={"substitution_elasticity": None}) for line in ranged.lines
    )
    tariffs = ranged.model_copy(update={"lines": LineTable.from_lines(lines)})
    out = tariff_outcome(tariffs, _pool(), 0.03, 20)
    z_e = draws_for(ELASTICITY_KEY, SEED, N)
    z_s = draws_for("substitution_elasticity", SEED, N)
    low = np.array([line.elasticity.low for line in lines])  # type: ignore[union-attr]
    high = np.array([line.elasticity.high for line in lines])  # type: ignore[union-attr]
    e = low[:, None] + (high - low)[:, None] * z_e[None, :]
    sigma = 1.0 + 3.0 * z_s[None, :]
    m = np.array([line.imports_usd for line in lines])[:, None]
    t0 = np.array([line.base_rate for line in lines])[:, None]
    t1 = np.array([line.final_rate for line in lines])[:, None]
    mr = np.array([line.rest_of_world_imports_usd for line in lines])[:, None]
    fx = preferential_effects(m, t0, t1, mr, t0, t0, e, sigma)
    assert np.allclose(out.efficiency_gain_usd, fx.welfare_usd.sum(axis=0), rtol=1e-9)
    assert np.allclose(out.trade_diversion_usd, fx.diversion_usd.sum(axis=0), rtol=1e-9)
    assert out.present_value_usd is None
