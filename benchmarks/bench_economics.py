"""Benchmark: the tariff kernel on 20,000 lines x 10,000 Monte Carlo draws.

Budget: the model computation under 1 s and under 400 MB.

What is timed ("model"): for a synthetic schedule of 20,000 lines with per-line elasticity ranges
and 10,000 draws, everything a score needs from the tariff chapter:

* total efficiency gain, redistribution and PCBR in every draw (:func:`tariff_totals_by_draw`),
* exact per-line mean / p05 / p95 of the gain (:func:`line_gain_summaries`),
* the present value of the phased-in gain stream in every draw (:func:`present_value_by_draw`),
* mean / p05 / p95 of the totals (:func:`summarise`).

Why it fits: a (20,000, 10,000) float64 array is 1.6 GB, and a naive evaluation needs several.
The kernel never builds one: elasticities are comonotonic (one standardised draw per Monte Carlo
draw, mapped into each line's range) and the linear model's gain is linear in the elasticity, so
totals are two dot products over lines followed by an O(draws) affine map. See
``evaluator/economics/tariff_draws.py``.

Comparators ("same shape"): the work a naive implementation would do on the full lines x draws
grid, run in blocks of 1,000 lines so it fits in memory, with the block times summed:

* ``elementwise``: ``np.multiply`` of a (lines, 1) by a (1, draws) array, i.e. forming
  ``g_i * e_ij`` for all 2e8 cells (the cheapest possible naive evaluation: one multiply a cell);
* ``matvec``: a BLAS matrix-vector product ``(lines x draws) @ (draws,)`` over the same cells,
  i.e. the same 2e8 multiply-adds at BLAS speed, once the matrix exists;
* ``dense kernel``: the real kernel evaluated cell by cell (:func:`efficiency_totals_dense`),
  which is also the brute-force check that the shortcut gives the same totals.

Run: ``.venv/bin/python benchmarks/bench_economics.py [--lines N] [--draws N]``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from evaluator.economics.parameters import default_parameters
from evaluator.economics.sampling import draws_for, standard_quantiles, summarise
from evaluator.economics.tariffs.draws import (
    efficiency_totals_dense,
    gain_per_unit_elasticity,
    line_gain_summaries,
    present_value_by_draw,
    tariff_totals_by_draw,
)
from evaluator.economics.tariffs.kernels import swiss_formula

BUDGET_SECONDS = 1.0
BUDGET_MB = 400.0
BLOCK_LINES = 1000
MB = 1024.0 * 1024.0


def synthetic_schedule(lines: int, seed: int) -> dict[str, np.ndarray]:
    """A made-up schedule with realistic magnitudes (not data: for timing only)."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.0, 0.3, lines)
    low = rng.uniform(0.5, 2.0, lines)
    output = rng.lognormal(18.0, 1.5, lines)
    output[rng.random(lines) < 0.5] = np.nan  # S0 absent on half the lines
    return {
        "imports_usd": rng.lognormal(15.0, 2.0, lines),
        "base_rate": base,
        "final_rate": swiss_formula(base),
        "elasticity_low": low,
        "elasticity_high": low + rng.uniform(0.0, 2.0, lines),
        "domestic_output_usd": output,
        "phase_in_years": rng.integers(0, 11, lines).astype(np.float64),
    }


def model(s: dict[str, np.ndarray], z: np.ndarray, rate: float, horizon: int) -> dict[str, Any]:
    """Everything the tariff chapter of a score needs, for all lines and draws."""
    core = {k: s[k] for k in ("imports_usd", "base_rate", "final_rate")}
    ranges = {k: s[k] for k in ("elasticity_low", "elasticity_high")}
    totals = tariff_totals_by_draw(
        **core, **ranges, z=z, domestic_output_usd=s["domestic_output_usd"]
    )
    per_line = line_gain_summaries(**core, **ranges, z=z)
    pv = present_value_by_draw(
        **core,
        **ranges,
        phase_in_years=s["phase_in_years"],
        z=z,
        discount_rate=rate,
        horizon_years=horizon,
    )
    return {
        "gain": summarise(totals.efficiency_gain_usd),
        "pcbr": summarise(totals.pcbr),
        "pv": summarise(pv),
        "per_line": per_line,
        "totals": totals,
    }


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / MB


def comparators(s: dict[str, np.ndarray], z: np.ndarray) -> tuple[float, float]:
    """Block-summed times of the elementwise and matvec same-shape comparators."""
    g = gain_per_unit_elasticity(s["imports_usd"], s["base_rate"], s["final_rate"])
    e_common = 1.0 + z  # any (draws,) vector: the comparator's cost does not depend on values
    ones = np.ones(z.size)
    buf = np.empty((BLOCK_LINES, z.size))
    t_mul = t_mv = 0.0
    for start in range(0, g.size, BLOCK_LINES):
        blk = g[start : start + BLOCK_LINES, None]
        out = buf[: blk.shape[0]]
        t0 = time.perf_counter()
        np.multiply(blk, e_common[None, :], out=out)
        t1 = time.perf_counter()
        out @ ones
        t2 = time.perf_counter()
        t_mul += t1 - t0
        t_mv += t2 - t1
    return t_mul, t_mv


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=20_000)
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    params = default_parameters()
    rate = params.value("discount_rate")
    horizon = int(params.value("present_value_horizon_years"))
    s = synthetic_schedule(args.lines, args.seed)
    u = draws_for("import_demand_elasticity", args.seed, args.draws)
    z = standard_quantiles(u, "uniform", 0.5)

    def run_model() -> dict[str, Any]:
        return model(s, z, rate, horizon)

    run_model()  # warm-up (imports, BLAS threads)
    t_model = best_time(run_model, args.repeat)
    mem_model = peak_mb(run_model)
    result = run_model()

    t_mul, t_mv = comparators(s, z)
    start = time.perf_counter()
    dense = efficiency_totals_dense(
        s["imports_usd"],
        s["base_rate"],
        s["final_rate"],
        s["elasticity_low"],
        s["elasticity_high"],
        z,
        chunk_lines=BLOCK_LINES // 2,
    )
    t_dense = time.perf_counter() - start
    agree = np.allclose(dense, result["totals"].efficiency_gain_usd, rtol=1e-9)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux

    cells = args.lines * args.draws
    gain_mean, gain_lo, gain_hi = (float(x) for x in result["gain"])
    pcbr_mean, pcbr_lo, pcbr_hi = (float(x) for x in result["pcbr"])
    print(
        f"tariff kernel benchmark: {args.lines:,} lines x {args.draws:,} draws "
        f"({cells:,} cells; one float64 lines x draws array = {cells * 8 / MB:,.0f} MB)"
    )
    print(
        f"  model (totals, per-line p05/p95, PV {horizon}y @ {rate:.0%}): "
        f"{t_model * 1e3:8.1f} ms (best of {args.repeat}), peak {mem_model:6.1f} MB traced"
    )
    print(
        f"  comparator elementwise g[:,None]*e[None,:] : {t_mul * 1e3:8.1f} ms "
        f"({t_mul / t_model:,.0f}x the model)"
    )
    print(
        f"  comparator matvec (lines x draws) @ (draws,): {t_mv * 1e3:8.1f} ms "
        f"({t_mv / t_model:,.0f}x the model)"
    )
    print(
        f"  dense kernel, blocks of {BLOCK_LINES // 2} lines : {t_dense * 1e3:8.1f} ms; "
        f"totals agree with the shortcut: {agree}"
    )
    print(f"  process max RSS (all of the above): {rss_mb:,.0f} MB")
    print(
        f"  sanity: total gain mean {gain_mean:,.0f} USD [p05 {gain_lo:,.0f}, p95 {gain_hi:,.0f}];"
        f" PCBR mean {pcbr_mean:.2f} [{pcbr_lo:.2f}, {pcbr_hi:.2f}]"
    )
    ok = t_model < BUDGET_SECONDS and mem_model < BUDGET_MB and agree
    print(f"  budget (< {BUDGET_SECONDS:g} s, < {BUDGET_MB:g} MB): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
