"""Benchmark: the tariff model on 20,000 preferential lines x 10,000 Monte Carlo draws.

Budget: the model computation under 1 s and under 400 MB.

What is timed ("model"): :func:`evaluator.economics.tariffs.outcome.tariff_outcome`, the function
``evaluate()`` runs for a tariff chapter, on a synthetic schedule of 20,000 lines (half of them
with rest-of-world imports, so trade diversion is computed) with per-line elasticity ranges and
10,000 draws: totals per draw (national gain, creation, diversion, revenue, consumers, producers,
income reshuffled), exact per-line means, and the present value of the phased-in gain.

Why it fits: a (20,000, 10,000) float64 array is 1.6 GB, and a naive evaluation needs dozens.
Every result of the linear model with fixed substitution elasticities and infinitely elastic
partner supply is affine in the import-demand elasticity, and the elasticities are comonotonic
(one standardised draw per Monte Carlo draw, mapped into each line's range), so the model is
evaluated once at ``e = 0`` and once at ``e = 1`` per line, and the totals per draw are two sums
and an O(draws) affine map.

Comparator ("same shape"): the same schedule through the model's dense path, which evaluates
every (line, draw) cell in blocks (forced by giving the substitution elasticity as a
zero-width-in-effect range). It is also the brute-force check that the shortcut gives the same
totals.

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

from evaluator.drawing import Draws
from evaluator.economics.parameters import default_parameters
from evaluator.economics.tariffs.kernels import swiss_formula
from evaluator.economics.tariffs.outcome import TariffOutcome, tariff_outcome
from evaluator.models import Range, TariffLine, Tariffs
from evaluator.models.line_table import LineTable

BUDGET_SECONDS = 1.0
BUDGET_MB = 400.0
MB = 1024.0 * 1024.0


def synthetic_tariffs(lines: int, seed: int, sigma: float | Range = 1.5) -> Tariffs:
    """A made-up preferential schedule with realistic magnitudes (not data: for timing only)."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.0, 0.3, lines)
    final = swiss_formula(base)
    low = rng.uniform(0.5, 2.0, lines)
    high = low + rng.uniform(0.0, 2.0, lines)
    imports = rng.lognormal(15.0, 2.0, lines)
    rest = np.where(rng.random(lines) < 0.5, rng.lognormal(16.0, 2.0, lines), 0.0)
    output = rng.lognormal(18.0, 1.5, lines)
    years = rng.integers(0, 11, lines)
    rows = tuple(
        TariffLine.model_construct(
            hs=f"{i:06d}",
            imports_usd=float(imports[i]),
            base_rate=float(base[i]),
            final_rate=float(final[i]),
            elasticity=Range.model_construct(low=float(low[i]), high=float(high[i])),
            rest_of_world_imports_usd=float(rest[i]),
            domestic_output_usd=float(output[i]) if i % 2 else None,
            phase_in_years=int(years[i]),
        )
        for i in range(lines)
    )
    return Tariffs.model_construct(lines=LineTable.from_lines(rows), substitution_elasticity=sigma)


def pool(seed: int, draws: int, cell_budget: int | None = None) -> Draws:
    return Draws(
        seed=seed,
        n=draws,
        **({} if cell_budget is None else {"cell_budget": cell_budget}),
        registry=default_parameters(),
        overrides={},
        sources={},
        locate=lambda path: ("<bench>", 1, 1),
    )


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
    tariffs = synthetic_tariffs(args.lines, args.seed)

    def run_model() -> TariffOutcome:
        return tariff_outcome(tariffs, pool(args.seed, args.draws), rate, horizon)

    run_model()  # warm-up (imports, BLAS threads)
    t_model = best_time(run_model, args.repeat)
    mem_model = peak_mb(run_model)
    result = run_model()

    # The dense path: sigma as a range forces it; a width of 1e-12 changes nothing measurable.
    wide = synthetic_tariffs(
        args.lines, args.seed, Range.model_construct(low=1.5, high=1.5 + 1e-12)
    )
    start = time.perf_counter()
    every_cell = args.lines * args.draws  # the comparator is over the default cell budget
    dense: Any = tariff_outcome(wide, pool(args.seed, args.draws, every_cell), rate, horizon)
    t_dense = time.perf_counter() - start
    agree = all(
        np.allclose(getattr(dense, name), getattr(result, name), rtol=1e-6)
        for name in ("efficiency_gain_usd", "trade_diversion_usd", "redistribution_usd")
    )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux

    cells = args.lines * args.draws
    gain = result.efficiency_gain_usd
    print(
        f"tariff model benchmark: {args.lines:,} preferential lines x {args.draws:,} draws "
        f"({cells:,} cells; one float64 lines x draws array = {cells * 8 / MB:,.0f} MB)"
    )
    print(
        f"  model (totals, diversion, per-line means, PV {horizon}y @ {rate:.0%}): "
        f"{t_model * 1e3:8.1f} ms (best of {args.repeat}), peak {mem_model:6.1f} MB traced"
    )
    print(
        f"  comparator: the dense path, every cell in blocks: {t_dense * 1e3:8.1f} ms "
        f"({t_dense / t_model:,.0f}x the model); totals agree with the shortcut: {agree}"
    )
    print(f"  process max RSS (all of the above): {rss_mb:,.0f} MB")
    print(
        f"  sanity: national gain mean {float(gain.mean()):,.0f} USD; diversion "
        f"{float(result.trade_diversion_usd.mean()):,.0f} USD"
    )
    ok = t_model < BUDGET_SECONDS and mem_model < BUDGET_MB and agree
    print(f"  budget (< {BUDGET_SECONDS:g} s, < {BUDGET_MB:g} MB): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
