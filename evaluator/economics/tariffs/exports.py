"""The agreement's other half: our exporters' gain from the partners' tariff cuts, by draw."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.tariffs.inputs import EXPORTERS_KEY, UNIT, per_line
from evaluator.economics.tariffs.phase_in import discount_factors, phase_in_rates
from evaluator.economics.tariffs.preferential import export_effects
from evaluator.models import Tariffs

FloatArray = npt.NDArray[np.float64]


def export_side(
    tariffs: Tariffs, draws: Draws, z: FloatArray, discount_rate: float, horizon_years: int
) -> tuple[FloatArray, FloatArray] | None:
    """Our exporters' gain per draw, and its present value."""
    rows = tariffs.exports
    if not rows:
        return None
    section = tariffs.exporters_supply_elasticity
    if section is None:  # the loader's cross-field check says so first
        raise draws.error(("tariffs", "exporters_supply_elasticity"), "required with exports")
    ex = draws.given(
        EXPORTERS_KEY, section, unit=UNIT, field_path=("tariffs", "exporters_supply_elasticity")
    )
    values = [row.elasticity for row in rows]
    if tariffs.elasticity is None and any(v is None for v in values):
        raise draws.error(
            ("tariffs", "exports"),
            "no import-demand elasticity for the partner: give `tariffs.elasticity` or one "
            "per export line",
        )
    low, high = per_line(values, tariffs.elasticity, np.nan)
    x0 = np.array([row.exports_usd for row in rows], dtype=np.float64)
    b0 = np.array([row.base_rate for row in rows], dtype=np.float64)
    b1 = np.array([row.final_rate for row in rows], dtype=np.float64)
    years = np.array([row.phase_in_years for row in rows], dtype=np.float64)
    ep = low[:, None] + (high - low)[:, None] * z[None, :]
    gain = export_effects(x0[:, None], b0[:, None], b1[:, None], ep, ex[None, :])
    df = discount_factors(discount_rate, horizon_years)
    rates = phase_in_rates(b0, b1, years, horizon_years)
    present = np.zeros(z.shape[0])
    for i in range(x0.shape[0]):  # one line at a time keeps (years x draws) small
        stream = export_effects(x0[i], b0[i], rates[i][:, None], ep[i][None, :], ex[None, :])
        present += df @ stream.exporters_gain_usd
    return np.asarray(gain.exporters_gain_usd.sum(axis=0)), present
