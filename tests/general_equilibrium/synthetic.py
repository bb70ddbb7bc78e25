"""A tiny dataset in the Caliendo-Parro format, written for tests (no shared data needed)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def write_dataset(
    folder: Path,
    regions: Sequence[str] = ("USA", "Mexico", "Row"),
    sectors: Sequence[str] = ("Food", "Services"),
    goods: Sequence[bool] = (True, False),
    theta: Sequence[float] = (5.0, 8.0),
    tariff: float = 0.1,
    intermediate_share: float = 0.4,
    seed: int = 1,
) -> Path:
    """Write the eight tables: random positive trade, a uniform tariff on goods between different
    regions (its counterfactual 0 between the first two regions), and intermediate purchases a
    fixed share of each sector's output."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n, j = len(regions), len(sectors)
    trade = rng.uniform(1.0, 10.0, (n, n, j)) * 1e9
    trade[:, :, ~np.array(goods)] *= np.eye(n)[:, :, None]  # services: domestic only
    trade += np.eye(n)[:, :, None] * 50e9
    sales = trade.sum(axis=0)  # (exporter, sector): output
    rows = [
        (
            "sector",
            "exporter",
            "importer",
            "value",
            "tariff",
            "tariff_bln",
            "tariff_cfl",
            "d_bln",
            "d_cfl",
        )
    ]
    for a in range(n):
        for b in range(n):
            for k in range(j):
                t = tariff if goods[k] and a != b else 0.0
                cfl = 0.0 if {a, b} == {0, 1} else t
                rows.append((sectors[k], regions[b], regions[a], trade[a, b, k], t, t, cfl, 1, 1))
    _write(folder / "trade.csv", rows)
    inter = [("input", "sector", "region", "value")]
    value_added = [("sector", "region", "value")]
    for r in range(n):
        for k in range(j):
            out = sales[r, k]
            value_added.append((sectors[k], regions[r], out * (1 - intermediate_share)))
            for m in range(j):
                inter.append((sectors[m], sectors[k], regions[r], out * intermediate_share / j))
    _write(folder / "intermediate_consumption.csv", inter)
    _write(folder / "value_added.csv", value_added)
    final = [("sector", "region", "value")]
    for r in range(n):
        for k in range(j):
            final.append((sectors[k], regions[r], float(rng.uniform(1, 5)) * 1e10))
    _write(folder / "final_consumption.csv", final)
    _write(folder / "deficit.csv", [("region", "D"), *((r, 0.0) for r in regions)])
    _write(folder / "theta.csv", [("sector", "value"), *zip(sectors, theta, strict=True)])
    _write(folder / "regions.csv", [("index", "region"), *enumerate(regions, start=1)])
    _write(
        folder / "sectors.csv",
        [
            ("index", "sector", "goods"),
            *(
                (i + 1, s, "TRUE" if g else "FALSE")
                for i, (s, g) in enumerate(zip(sectors, goods, strict=True))
            ),
        ],
    )
    return folder


def _write(path: Path, rows: Sequence[Sequence[object]]) -> None:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
