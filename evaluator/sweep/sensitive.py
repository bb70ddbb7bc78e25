"""The sensitive-list question, answered exactly: which lines to keep out of liberalisation.

A negotiator may exclude at most ``k`` tariff lines (they keep today's tariff). Which ones give
the largest national gain while the income reshuffled stays under a cap? In the partial
equilibrium of the tariff model, lines are independent: each line's mean gain ``g_i`` and mean
income reshuffled ``r_i`` add up, and a line kept at today's rate contributes neither. So the
question is a 0-1 integer program, solved exactly by scipy's ``milp`` (HiGHS), not by trying
the ``C(n, k)`` subsets:

    choose x_i in {0, 1} (1 = excluded) to maximise  sum_i g_i (1 - x_i)
    subject to  sum_i r_i (1 - x_i) <= cap,   sum_i x_i <= k.

Solving it for a range of caps traces the efficiency-redistribution frontier: the most gain
the agreement can keep for each amount of income it reshuffles. The figures are means over
the Monte Carlo draws; a chosen exclusion list is a proposal variant like any other, to be
re-evaluated in full (bands included) with ``evaluator score`` or a sweep.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Exclusion:
    """An optimal sensitive list: the lines excluded, and the gain and reshuffling left."""

    lines: tuple[int, ...]
    """Indices of the excluded lines, ascending."""
    gain_usd: float
    reshuffled_usd: float


def best_exclusion(
    gain: FloatArray, reshuffled: FloatArray, max_lines: int, cap: float | None = None
) -> Exclusion | None:
    """The exclusion of at most ``max_lines`` lines that keeps the most gain with the income
    reshuffled at most ``cap`` (no cap: the most gain); None when no such exclusion exists.
    Ties are broken towards fewer, then lower-numbered, lines (a small penalty that cannot
    outweigh a real difference in gain)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    g = np.asarray(gain, dtype=np.float64)
    r = np.asarray(reshuffled, dtype=np.float64)
    n = g.size
    if n == 0:
        return Exclusion((), 0.0, 0.0)
    with np.errstate(all="ignore"):  # tiny amounts underflow harmlessly when scaled
        # the cap's row is scaled to numbers near 1 (tens of billions of dollars defeat the
        # solver's feasibility tolerance); the objective stays in dollars, so that a dollar
        # still counts, with a tie-break far below one that prefers fewer, lower lines
        r_unit = float(np.abs(r).max()) or 1.0
        cost = g + 1e-12 * (float(np.abs(g).max()) or 1.0) * (1.0 + np.arange(n) / n)
        share = r / r_unit
    margin = 0.0
    for _ in range(20):  # the solver's tolerance may admit a cap broken by a hair: tighten
        rows, lower, upper = [np.ones(n)], [-np.inf], [float(max_lines)]
        if cap is not None:
            rows.append(share)  # sum r_i x_i >= sum r_i - cap
            lower.append((float(r.sum()) - cap) / r_unit + margin)
            upper.append(np.inf)
        solved = milp(
            c=cost,
            constraints=LinearConstraint(np.vstack(rows), lower, upper),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0.0},
        )
        if solved.status != 0 or solved.x is None:
            return None
        chosen = np.flatnonzero(np.round(solved.x) > 0.5)
        kept = np.ones(n, dtype=bool)
        kept[chosen] = False
        found = Exclusion(tuple(chosen.tolist()), float(g[kept].sum()), float(r[kept].sum()))
        if cap is None or found.reshuffled_usd <= cap:
            return found
        margin += 2.0 * (found.reshuffled_usd - cap) / r_unit + 1e-9
    return None


@np.errstate(under="ignore")  # a ratio of tiny amounts underflows harmlessly
def least_pcbr(
    gain: FloatArray, reshuffled: FloatArray, max_lines: int, floor: float
) -> Exclusion | None:
    """The exclusion of at most ``max_lines`` lines with the least PCBR (income reshuffled per
    dollar of gain) among those that keep a gain of at least ``floor`` (> 0); None when none
    does. Dinkelbach's method: each step minimises the kept lines' ``reshuffled - ratio x
    gain`` (the integer program of :func:`best_exclusion`) and updates the ratio, until it no
    longer falls (a finite number of steps, each an exact ``milp``)."""
    if floor <= 0:
        raise ValueError("the floor on the gain must be positive for the PCBR to be defined")
    g = np.asarray(gain, dtype=np.float64)
    r = np.asarray(reshuffled, dtype=np.float64)
    # keep the gain at or above the floor: sum over kept g >= floor <=> sum over kept (-g) <= -floor
    start = best_exclusion(g, -g, max_lines, -floor)  # the most gain kept: feasible if any is
    if start is None:
        return None
    chosen = _kept_totals(g, r, start.lines)
    if chosen.gain_usd <= 0:
        return None
    ratio = chosen.reshuffled_usd / chosen.gain_usd
    for _ in range(100):
        # the kept lines' sum of (r - ratio g), minimised: its excluded lines' sum, maximised
        step = best_exclusion(ratio * g - r, -g, max_lines, -floor)
        if step is None:
            break
        found = _kept_totals(g, r, step.lines)
        if found.gain_usd <= 0:
            break
        new = found.reshuffled_usd / found.gain_usd
        if new >= ratio - 1e-12 * max(1.0, abs(ratio)):
            break
        chosen, ratio = found, new
    return chosen


def _kept_totals(g: FloatArray, r: FloatArray, excluded: tuple[int, ...]) -> Exclusion:
    kept = np.ones(g.size, dtype=bool)
    kept[list(excluded)] = False
    return Exclusion(excluded, float(g[kept].sum()), float(r[kept].sum()))


def frontier(
    gain: FloatArray, reshuffled: FloatArray, max_lines: int, points: int = 21
) -> list[Exclusion]:
    """The optimal exclusions for ``points`` caps, from what full liberalisation reshuffles
    down to the least any exclusion of ``max_lines`` lines can reach: gain kept against income
    reshuffled, one optimum per cap."""
    r = np.asarray(reshuffled, dtype=np.float64)
    least = best_exclusion(-r, np.zeros_like(r), max_lines)  # exclude the most reshuffling
    low = float(r.sum()) if least is None else -least.gain_usd
    high = float(r.sum())
    found: list[Exclusion] = []
    for cap in np.linspace(high, low, points).tolist():
        best = best_exclusion(gain, r, max_lines, cap * (1 + 1e-12) + 1e-6)
        if best is not None and (not found or best != found[-1]):
            found.append(best)
    return found
