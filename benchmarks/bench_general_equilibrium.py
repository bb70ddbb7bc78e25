"""Benchmark: the Caliendo-Parro NAFTA counterfactual (31 regions, 40 sectors), solved in changes.

Budget: the two solves (the zero-deficit baseline and the NAFTA counterfactual) under 1 s on this
2-core machine. Also printed: wage updates, the residual, the tracemalloc peak of the solves and
the time to read and validate the dataset. The published reference implementation (the R
package cp2015, a compiled damped fixed point) cannot run here (no R); its algorithm, a damped
update of all unknowns with factor 0.5, is timed instead in numpy as the comparator, to the same
answer.

Needs the dataset: ``EVALUATOR_DATA`` or ``../shared/data``; skipped (exit 0) when absent.
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from evaluator.datasets import read_dataset
from evaluator.economics.general_equilibrium.model import Calibration, Equilibrium, decompose, solve

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 1.0


def _reference_style(cal: Calibration, tau: np.ndarray, deficit: np.ndarray) -> int:
    """The cp2015 package's iteration: every unknown updated by 0.5 x its residual, to 1e-7."""
    log_kappa = np.log1p(tau) - np.log1p(cal.tau)
    c, x, w = np.ones_like(cal.expenditure), cal.expenditure.copy(), np.ones_like(cal.value_added)
    for iteration in range(1, 10_001):
        weights = cal.pi * np.exp(-cal.theta * (log_kappa + np.log(c)[None, :, :]))
        total = weights.sum(axis=1)
        price = total ** (-1 / cal.theta)
        pi = weights / total[:, None, :]
        share = pi / (1 + tau)
        income = w * cal.value_added + ((tau * share).sum(axis=1) * x).sum(axis=1) + deficit
        sales = np.einsum("nij,nj->ij", share, x)
        res_c = c - np.exp(
            cal.gamma * np.log(w)[:, None] + np.einsum("nkj,nk->nj", cal.gamma_io, np.log(price))
        )
        scale = np.maximum(x, 1.0)
        res_x = (
            x - np.einsum("njk,nk->nj", cal.gamma_io, sales) - cal.alpha * income[:, None]
        ) / scale
        res_w = w - (cal.gamma * sales).sum(axis=1) / cal.value_added
        res_w[-1] = (w * cal.value_added).sum() / cal.value_added.sum() - 1
        if np.sqrt((res_c**2).sum() + (res_x**2).sum() + (res_w**2).sum()) < 1e-7:
            return iteration
        c, x, w = c - 0.5 * res_c, x - 0.5 * res_x * scale, w - 0.5 * res_w
    return 10_000


def main() -> int:
    data_dir = Path(os.environ.get("EVALUATOR_DATA") or ROOT.parent / "shared" / "data")
    folder = data_dir / "cp2015_nafta"
    if not (folder / "trade.csv").is_file():
        print(f"general-equilibrium benchmark: skipped, no dataset at {folder}")
        return 0
    start = time.perf_counter()
    data = read_dataset(folder)
    t_read = time.perf_counter() - start
    cal = Calibration.of(data)
    zero = np.zeros(len(data.regions))

    def both() -> tuple[Equilibrium, Equilibrium]:
        return solve(cal, data.tariff, zero), solve(cal, data.tariff_counterfactual, zero)

    both()  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        base, new = both()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    both()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    welfare = decompose(base, new)
    usa = data.regions.index("USA")
    start = time.perf_counter()
    steps = (
        _reference_style(cal, data.tariff, zero),
        _reference_style(cal, data.tariff_counterfactual, zero),
    )
    t_reference = time.perf_counter() - start
    best = min(times)
    print("general-equilibrium benchmark: Caliendo-Parro NAFTA, 31 regions x 40 sectors")
    print(f"  read and validate the dataset: {t_read * 1e3:,.0f} ms")
    print(
        f"  baseline + counterfactual: {best * 1e3:,.0f} ms (best of 5; median "
        f"{sorted(times)[2] * 1e3:,.0f} ms), {base.iterations} + {new.iterations} wage updates, "
        f"residual {max(base.residual, new.residual):.0e}, peak {peak / 2**20:,.1f} MB traced"
    )
    print(
        f"  comparator, the reference package's damped iteration in numpy: "
        f"{t_reference * 1e3:,.0f} ms ({steps[0]} + {steps[1]} iterations; "
        f"{t_reference / best:,.1f}x)"
    )
    print(f"  sanity: USA welfare {welfare.welfare[usa]:+.4f}% (published +0.0848)")
    ok = best < BUDGET_SECONDS
    print(f"  budget (< {BUDGET_SECONDS:g} s): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
