"""The agreement's other half: our exporters' gain from the partners' tariff cuts, by draw."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.tariffs.inputs import EXPORTERS_KEY, UNIT, per_line
from evaluator.economics.tariffs.phase_in import discount_factors, phase_in_rates
from evaluator.economics.tariffs.preferential import export_effects, pass_through_to_exporters
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
    cut = (b0[:, None] - phase_in_rates(b0, b1, years, horizon_years)) / (1.0 + b0[:, None])
    present = present_gain(x0, cut @ df, (cut * cut) @ df, ep, ex)
    return np.asarray(gain.exporters_gain_usd.sum(axis=0)), present


def present_gain(
    x0: FloatArray, s1: FloatArray, s2: FloatArray, ep: FloatArray, ex: FloatArray
) -> FloatArray:
    """Present value of the exporters' gain per draw, in closed form over the years.

    With ``c_t = (b0 - b_t)/(1 + b0)`` the cut reached in year t, :func:`export_effects` gives a
    year's gain ``x0 psi (c_t + ep (1 - psi) c_t^2 / 2)``; discounting with ``d_t`` and summing
    needs only ``s1 = sum d_t c_t`` and ``s2 = sum d_t c_t^2`` per line, so the cost is lines x
    (years + draws), not lines x years x draws.

    >>> from evaluator.economics.tariffs.phase_in import discount_factors, phase_in_rates
    >>> x0, b0, b1, ep, ex = 1000.0, 0.1, 0.0, 2.0, 3.0
    >>> df = discount_factors(0.03, 5)
    >>> rates = phase_in_rates(b0, b1, 3, 5)
    >>> by_year = export_effects(x0, b0, rates, ep, ex).exporters_gain_usd @ df
    >>> cut = (b0 - rates) / (1 + b0)
    >>> closed = present_gain(np.array([x0]), np.array([cut @ df]), np.array([cut**2 @ df]),
    ...                       np.array([[ep]]), np.array([ex]))
    >>> bool(np.isclose(closed[0], by_year, rtol=1e-12))
    True
    """
    psi = pass_through_to_exporters(ep, ex[None, :])
    per_line = x0[:, None] * psi * (s1[:, None] + 0.5 * ep * (1.0 - psi) * s2[:, None])
    return np.asarray(per_line.sum(axis=0), dtype=np.float64)
