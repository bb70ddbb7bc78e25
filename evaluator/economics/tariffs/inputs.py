"""A tariff schedule as arrays: one entry per line, with each uncertain input's range.

Every uncertain input (import-demand, substitution and export-supply elasticities) is recorded in
the evaluation's provenance once, as the proposal gave it, and only when the model uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.models import Range, Tariffs

FloatArray = npt.NDArray[np.float64]
ELASTICITY_KEY = "import_demand_elasticity"
SUBSTITUTION_KEY = "substitution_elasticity"
SUPPLY_KEY = "export_supply_elasticity"
EXPORTERS_KEY = "exporters_supply_elasticity"
UNIT = "absolute value, dimensionless"
Uncertain = float | Range | None


@dataclass(frozen=True)
class Lines:
    """Per-line arrays: partner and rest-of-world imports and rates, output, staging, and the
    ``(low, high)`` bounds of each line's elasticities (``inf`` for infinite supply)."""

    mj: FloatArray
    t0: FloatArray
    t1: FloatArray
    mr: FloatArray
    r0: FloatArray
    r1: FloatArray
    s0: FloatArray
    years: FloatArray
    e: tuple[FloatArray, FloatArray]
    sigma: tuple[FloatArray, FloatArray]
    supply: tuple[FloatArray, FloatArray]


def _bounds(value: Uncertain, default: float) -> tuple[float, float]:
    if value is None:
        return default, default
    if isinstance(value, Range):
        return value.low, value.high
    return value, value


def per_line(
    values: Sequence[Uncertain], section: Uncertain, default: float
) -> tuple[FloatArray, FloatArray]:
    """Each line's ``(low, high)``: its own value, else the section's, else ``default``."""
    low, high = _bounds(section, default)
    lows, highs = np.full(len(values), low), np.full(len(values), high)
    for i, value in enumerate(values):  # only lines with a value of their own
        if value is not None:
            lows[i], highs[i] = _bounds(value, default)
    return lows, highs


def _record(
    draws: Draws,
    key: str,
    tariffs: Tariffs,
    field: str,
    low: FloatArray,
    high: FloatArray,
    used: npt.NDArray[np.bool_] | None = None,
) -> None:
    """Record an input once: the section's value, or the spread of the lines' own values.

    Where lines give their own values, the spread over the lines used is recorded, cited to the
    lines' source when they all name the same one.
    """
    section = getattr(tariffs, field)
    own = tariffs.lines.given(field)
    if not own.any() and isinstance(section, float | int | Range):
        draws.given(key, section, unit=UNIT, field_path=("tariffs", field))
        return
    if used is not None:
        low, high = low[used], high[used]
    if not low.size:
        return
    spread = Range(low=float(low.min()), high=float(high.max()))
    value: float | Range = spread.low if spread.low == spread.high else spread
    sources = set(tariffs.lines.text("source")[own].tolist())
    cited = sources.pop() if len(sources) == 1 else None
    draws.given(key, value, unit=UNIT, field_path=("tariffs", "lines"), source_id=cited)


def _elasticities(tariffs: Tariffs, draws: Draws) -> tuple[FloatArray, FloatArray]:
    own = tariffs.lines.given("elasticity")
    if tariffs.elasticity is None and not own.all():
        raise draws.error(
            ("tariffs", "elasticity"),
            "no import-demand elasticity: give `tariffs.elasticity` (a number, or a "
            "{low, high} range) or one per line; the tool ships no cited default",
        )
    low, high = tariffs.lines.bounds("elasticity", *_bounds(tariffs.elasticity, np.nan))
    _record(draws, ELASTICITY_KEY, tariffs, "elasticity", low, high)
    return low, high


def _substitution(tariffs: Tariffs, draws: Draws, diverts: bool) -> tuple[FloatArray, FloatArray]:
    field = "substitution_elasticity"
    section = tariffs.substitution_elasticity
    if section is None and not tariffs.lines.given(field).all():
        if not diverts:  # no rest-of-world imports: sigma plays no part, nothing to record
            return tariffs.lines.bounds(field, 1.0, 1.0)
        default = float(draws.parameter(SUBSTITUTION_KEY, needed_at=("tariffs",)).mean())
        return tariffs.lines.bounds(field, default, default)
    low, high = tariffs.lines.bounds(field, *_bounds(section, np.nan))
    if diverts:
        _record(draws, SUBSTITUTION_KEY, tariffs, field, low, high)
    return low, high


def _supply(tariffs: Tariffs, draws: Draws) -> tuple[FloatArray, FloatArray]:
    field = "export_supply_elasticity"
    low, high = tariffs.lines.bounds(field, *_bounds(tariffs.export_supply_elasticity, np.inf))
    finite = np.isfinite(low)
    if finite.any():
        _record(draws, SUPPLY_KEY, tariffs, field, low, high, finite)
    return low, high


def schedule_arrays(tariffs: Tariffs, draws: Draws) -> Lines:
    table = tariffs.lines
    mj, t0, t1, mr = (
        table.number(n).copy()
        for n in ("imports_usd", "base_rate", "final_rate", "rest_of_world_imports_usd")
    )
    r0, r1 = table.number("rest_of_world_base_rate"), table.number("rest_of_world_rate")
    s0 = np.nan_to_num(table.number("domestic_output_usd"), nan=0.0)
    years = table.number("phase_in_years").copy()
    r0 = np.where(np.isnan(r0), t0, r0)  # the rest of the world paid the base rate too
    r1 = t1.copy() if tariffs.cut == "mfn" else np.where(np.isnan(r1), r0, r1)
    if tariffs.imports_valued_at == "domestic":
        mj = mj / (1.0 + t0)  # MODELS.md §1: world-price imports M0 = m GDP / (1 + t)
        mr = mr / (1.0 + r0)
    diverts = bool(np.any((mr > 0) & (mj > 0)))
    return Lines(
        mj=mj,
        t0=t0,
        t1=t1,
        mr=mr,
        r0=r0,
        r1=r1,
        s0=s0,
        years=years,
        e=_elasticities(tariffs, draws),
        sigma=_substitution(tariffs, draws, diverts),
        supply=_supply(tariffs, draws),
    )
