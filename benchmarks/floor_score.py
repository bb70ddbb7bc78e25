"""The floor ``evaluator score`` of the synthetic schedule is measured against (``make bench``).

A plain numpy script doing the arithmetic at the heart of the tariff model on the same CSV: read
the lines, the Harberger triangle per unit of elasticity and the tariff revenue per line (two
dot products over the lines), the gain under each Monte Carlo draw of the import-demand
elasticity (uniform on the proposal's range for lines without their own), and its mean and 5th
and 95th percentiles as JSON. No validation, no positions, no rubrics, no report: what a
hand-written script would do, so the ratio to it is what the tool costs over the arithmetic.

Usage: python floor_score.py SCHEDULE.csv DRAWS LOW HIGH
"""

from __future__ import annotations

import csv
import json
import sys

import numpy as np


def main(path: str, draws: int, low: float, high: float) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    imports = np.array([float(r["imports_usd"]) for r in rows])
    base = np.array([float(r["base_rate"]) for r in rows])
    final = np.array([float(r["final_rate"]) for r in rows])
    own = np.array([float(r["elasticity"]) if r["elasticity"] else np.nan for r in rows])
    price = (base - final) / (1.0 + base)
    triangle = 0.5 * imports * price**2
    has_own = ~np.isnan(own)
    fixed = triangle[has_own] @ own[has_own]
    free = triangle[~has_own] @ np.ones(int((~has_own).sum()))
    elasticity = low + (high - low) * np.random.default_rng(1).random(draws)
    gain = fixed + free * elasticity
    revenue = imports @ (base - final)
    low_p, high_p = np.percentile(gain, [5, 95])
    summary = {"gain_usd": [gain.mean(), low_p, high_p], "revenue_usd": revenue}
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]))
