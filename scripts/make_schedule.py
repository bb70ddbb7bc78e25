"""Write the synthetic 20,000-line tariff schedule used by the benchmarks.

The schedule is synthetic: every number is drawn from fixed distributions with a fixed seed, so
the file is the same on every machine and run. It is not trade data and must not be read as such.

Run from the repository root::

    .venv/bin/python scripts/make_schedule.py

It writes ``proposals/schedules/synthetic_20000.csv``, which
``proposals/synthetic_schedule.yaml`` references through ``tariffs.lines_csv``.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 20261122
N_LINES = 20_000
HEADER = (
    "hs",
    "description",
    "partner",
    "imports_usd",
    "base_rate",
    "final_rate",
    "phase_in_years",
    "elasticity",
    "domestic_output_usd",
)
# Partners must all be listed in `parties` of proposals/synthetic_schedule.yaml.
PARTNERS = ("MEX", "CAN", "JPN", "DEU", "KOR", "VNM")
PHASE_IN_YEARS = (0, 5, 10, 15)
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "proposals/schedules/synthetic_20000.csv"


def synthetic_rows(rng: np.random.Generator, n_lines: int) -> list[tuple[str, ...]]:
    """Draw ``n_lines`` synthetic tariff lines as rows of strings, in HEADER order."""
    chapters = rng.integers(1, 98, size=n_lines)
    subheadings = rng.integers(0, 10_000, size=n_lines)
    partners = rng.choice(len(PARTNERS), size=n_lines)
    # Imports per line: log-normal around $2 million, as in a detailed (HS6) schedule.
    imports = rng.lognormal(mean=np.log(2.0e6), sigma=1.5, size=n_lines)
    # About a third of lines are already duty-free; the rest centre on 4%, capped at 50%.
    dutiable = rng.random(n_lines) >= 0.33
    base = np.where(dutiable, np.minimum(rng.lognormal(np.log(0.04), 0.8, n_lines), 0.5), 0.0)
    # Most lines go to zero; a fifth are only halved (partial cuts).
    halved = rng.random(n_lines) < 0.2
    final = np.where(halved, base / 2.0, 0.0)
    phase = rng.choice(PHASE_IN_YEARS, size=n_lines, p=(0.4, 0.3, 0.2, 0.1))
    elasticity = rng.uniform(0.5, 4.0, size=n_lines)
    output = imports * rng.lognormal(mean=np.log(3.0), sigma=1.0, size=n_lines)

    rows: list[tuple[str, ...]] = []
    for i in range(n_lines):
        hs = f"{int(chapters[i]):02d}{int(subheadings[i]):04d}"
        rows.append(
            (
                hs,
                f"Synthetic line {i + 1} (HS chapter {int(chapters[i]):02d})",
                PARTNERS[int(partners[i])],
                f"{imports[i]:.0f}",
                f"{base[i]:.4f}",
                f"{final[i]:.4f}",
                str(int(phase[i])),
                f"{elasticity[i]:.3f}",
                f"{output[i]:.0f}",
            )
        )
    return rows


def write_schedule(path: Path, seed: int = SEED, n_lines: int = N_LINES) -> int:
    """Write the synthetic schedule to ``path``; return the number of lines written."""
    rows = synthetic_rows(np.random.default_rng(seed), n_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--lines", type=int, default=None, help="lines (default: 20,000)")
    args = parser.parse_args()
    count = write_schedule(args.output, **({} if args.lines is None else {"n_lines": args.lines}))
    print(f"wrote {count} lines to {args.output}")


if __name__ == "__main__":
    main()
