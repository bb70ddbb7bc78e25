"""General-equilibrium datasets: folders of CSV tables, read from a data directory and validated.

A dataset is a folder in the format of Caliendo & Parro's NAFTA tables (``regions.csv``,
``sectors.csv``, ``trade.csv``, ``intermediate_consumption.csv``, ``final_consumption.csv``,
``value_added.csv``, ``deficit.csv``, ``theta.csv``). It is found by name under the data directory
(``--data-dir``, else the ``EVALUATOR_DATA`` environment variable), or by a path relative to the
proposal's folder. Datasets are never shipped with the tool. Every problem is reported at
``file:line:col``; documented quirks (a negative intermediate cell, zero output) are kept and
reported as notes.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from evaluator.confine import UNCONFINED_HINT, ReadRefusedError, read_inside
from evaluator.errors import Problem, ProposalError

FloatArray = npt.NDArray[np.float64]
DATA_ENV = "EVALUATOR_DATA"
MAX_TABLE_BYTES = 64 * 1024 * 1024
"""Largest table read, bytes (the NAFTA trade table is 3 MB)."""
KNOWN_SOURCES = {
    "cp2015_nafta": (
        "Caliendo & Parro (2015), Review of Economic Studies 82(1): the dataset `cp2015_nafta` of "
        "the R package cp2015 (https://github.com/paulofelipe/cp2015), exported as CSV tables"
    )
}
TABLES: dict[str, tuple[str, ...]] = {
    "regions.csv": ("region",),
    "sectors.csv": ("sector", "goods"),
    "trade.csv": ("sector", "exporter", "importer", "value", "tariff", "tariff_cfl"),
    "intermediate_consumption.csv": ("input", "sector", "region", "value"),
    "final_consumption.csv": ("sector", "region", "value"),
    "value_added.csv": ("sector", "region", "value"),
    "deficit.csv": ("region", "D"),
    "theta.csv": ("sector", "value"),
}


class DatasetError(ProposalError):
    """A dataset is invalid; one located problem per fault."""


class DatasetNotFoundError(DatasetError):
    """A dataset is not where the proposal and the data directory say."""


@dataclass(frozen=True)
class Dataset:
    """A dataset's tables as arrays. Trade arrays are ``[importer, exporter, sector]``."""

    name: str
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    goods: npt.NDArray[np.bool_]
    trade: FloatArray
    tariff: FloatArray
    tariff_counterfactual: FloatArray
    intermediate: FloatArray
    """``[region, input, sector]``, tariff-inclusive purchases."""
    final: FloatArray
    value_added: FloatArray
    deficit: FloatArray
    theta: FloatArray
    notes: tuple[str, ...]
    """Documented quirks found in the data, in words."""


def data_directory(given: str | os.PathLike[str] | None = None) -> Path | None:
    """The data directory: ``given`` (``--data-dir``), else ``$EVALUATOR_DATA``, else None."""
    if given:
        return Path(given)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else None


def locate_dataset(
    name: str,
    base_dir: Path,
    data_dir: Path | None,
    where: tuple[str, int, int],
    path: str,
    roots: tuple[Path, ...] = (),
) -> Path:
    """The folder of dataset ``name``: a path relative to the proposal, or a name under the data
    directory. A path may not leave the proposal's folder (or the other ``roots`` allowed)."""
    candidates: list[Path] = []
    if "/" in name or name.startswith("."):
        folder = (base_dir / name).resolve()
        inside = roots or (base_dir.resolve(),)
        if not any(folder.is_relative_to(root) for root in inside):
            raise _error(
                where,
                path,
                f"dataset path {name!r} leaves the proposal's folder; {UNCONFINED_HINT}",
            )
        candidates.append(folder)
    else:
        if data_dir is not None:
            candidates.append(data_dir / name)
        candidates.append(base_dir / name)
    for folder in candidates:
        if (folder / "trade.csv").is_file():
            return folder
    looked = ", ".join(str(c) for c in candidates)
    hint = f"; it is published as {KNOWN_SOURCES[name]}" if name in KNOWN_SOURCES else ""
    how = (
        ""
        if data_dir is not None
        else f"; set {DATA_ENV} or --data-dir to the folder that holds the dataset"
    )
    message = (
        f"dataset {name!r} not found (looked in {looked}){how}{hint}; the general-equilibrium "
        "check is not run"
    )
    raise DatasetNotFoundError([Problem(where[0], where[1], where[2], path, message)])


def _error(where: tuple[str, int, int], path: str, message: str) -> DatasetError:
    return DatasetError([Problem(where[0], where[1], where[2], path, message)])


@dataclass
class _Reader:
    folder: Path
    problems: list[Problem]

    def shown(self, table: str) -> str:
        return f"{self.folder.name}/{table}"

    def columns(self, table: str) -> dict[str, list[str]]:
        """The table's columns as lists of cells (data rows start on line 2); {} on a problem."""
        file = self.folder / table
        if not file.exists():
            self.problems.append(Problem(self.shown(table), 1, 1, "", "the table is missing"))
            return {}
        try:
            raw = read_inside(file, (Path(os.path.realpath(self.folder)),), MAX_TABLE_BYTES)
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        except ReadRefusedError as refused:
            self.problems.append(Problem(self.shown(table), 1, 1, "", refused.reason))
            return {}
        except (UnicodeDecodeError, csv.Error) as exc:
            reason = f"not UTF-8 (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else exc
            self.problems.append(Problem(self.shown(table), 1, 1, "", f"cannot be read: {reason}"))
            return {}
        header = rows[0] if rows else []
        missing = [c for c in TABLES[table] if c not in header]
        if missing:
            message = f"missing column(s) {', '.join(missing)}"
            self.problems.append(Problem(self.shown(table), 1, 1, "", message))
            return {}
        short = [k + 2 for k, row in enumerate(rows[1:]) if len(row) != len(header)]
        for line in short[:5]:
            message = f"the row has not {len(header)} cells"
            self.problems.append(Problem(self.shown(table), line, 1, "", message))
        if short:
            return {}
        body = rows[1:]
        return {name: [row[k] for row in body] for k, name in enumerate(header)}

    def numbers(self, table: str, cells: dict[str, list[str]], column: str) -> FloatArray:
        try:
            values = np.array(cells[column], dtype=np.float64)
        except ValueError:
            values = np.array([_float(x) for x in cells[column]])
        for k in np.flatnonzero(~np.isfinite(values))[:5]:
            text = cells[column][k]
            message = f"{text!r} is not a number"
            self.problems.append(Problem(self.shown(table), int(k) + 2, 1, column, message))
        return np.where(np.isfinite(values), values, 0.0)

    def indices(
        self, table: str, cells: dict[str, list[str]], column: str, known: dict[str, int]
    ) -> npt.NDArray[np.int64]:
        found = np.array([known.get(name, -1) for name in cells[column]], dtype=np.int64)
        listing = "sectors.csv" if column in ("sector", "input") else "regions.csv"
        for k in np.flatnonzero(found < 0)[:5]:
            message = f"{cells[column][k]!r} is not in {listing}"
            self.problems.append(Problem(self.shown(table), int(k) + 2, 1, column, message))
        return found


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def read_dataset(folder: Path) -> Dataset:
    """Read and validate a dataset folder (cached per folder and modification times)."""
    stamp = tuple((folder / t).stat().st_mtime_ns if (folder / t).is_file() else 0 for t in TABLES)
    return _read(str(folder.resolve()), stamp)


@lru_cache(maxsize=4)
def _read(folder_name: str, stamp: tuple[int, ...]) -> Dataset:
    folder = Path(folder_name)
    r = _Reader(folder, [])
    regions = tuple(r.columns("regions.csv").get("region", []))
    sector_cells = r.columns("sectors.csv")
    sectors = tuple(sector_cells.get("sector", []))
    if r.problems or not regions or not sectors:
        raise DatasetError(r.problems or [Problem(folder.name, 1, 1, "", "no regions or sectors")])
    goods = np.array([g.strip().upper() == "TRUE" for g in sector_cells["goods"]])
    ri = {name: i for i, name in enumerate(regions)}
    si = {name: j for j, name in enumerate(sectors)}
    n, j = len(regions), len(sectors)
    trade, tariff, cfl = np.zeros((n, n, j)), np.zeros((n, n, j)), np.zeros((n, n, j))
    seen = np.zeros((n, n, j), dtype=np.int64)
    cells = r.columns("trade.csv")
    if cells:
        a = r.indices("trade.csv", cells, "importer", ri)
        b = r.indices("trade.csv", cells, "exporter", ri)
        c = r.indices("trade.csv", cells, "sector", si)
        ok = (a >= 0) & (b >= 0) & (c >= 0)
        where = (a[ok], b[ok], c[ok])
        np.add.at(seen, where, 1)
        trade[where] = r.numbers("trade.csv", cells, "value")[ok]
        tariff[where] = r.numbers("trade.csv", cells, "tariff")[ok]
        cfl[where] = r.numbers("trade.csv", cells, "tariff_cfl")[ok]
    intermediate = np.zeros((n, j, j))
    cells = r.columns("intermediate_consumption.csv")
    if cells:
        name = "intermediate_consumption.csv"
        a = r.indices(name, cells, "region", ri)
        b = r.indices(name, cells, "input", si)
        c = r.indices(name, cells, "sector", si)
        ok = (a >= 0) & (b >= 0) & (c >= 0)
        intermediate[a[ok], b[ok], c[ok]] = r.numbers(name, cells, "value")[ok]
        counts = np.zeros((n, j, j), dtype=np.int64)
        np.add.at(counts, (a[ok], b[ok], c[ok]), 1)
        _coverage(
            r, name, counts, lambda k: f"{regions[k[0]]}, {sectors[k[1]]} into {sectors[k[2]]}"
        )
    final = _by_region_sector(r, "final_consumption.csv", ri, si)
    value_added = _by_region_sector(r, "value_added.csv", ri, si)
    deficit = np.zeros(n)
    cells = r.columns("deficit.csv")
    if cells:
        a = r.indices("deficit.csv", cells, "region", ri)
        deficit[a[a >= 0]] = r.numbers("deficit.csv", cells, "D")[a >= 0]
        counts = np.bincount(a[a >= 0], minlength=n)
        _coverage(r, "deficit.csv", counts, lambda k: regions[k[0]])
    theta = np.zeros(j)
    cells = r.columns("theta.csv")
    if cells:
        c = r.indices("theta.csv", cells, "sector", si)
        theta[c[c >= 0]] = r.numbers("theta.csv", cells, "value")[c >= 0]
        counts = np.bincount(c[c >= 0], minlength=j)
        _coverage(r, "theta.csv", counts, lambda k: sectors[k[0]])
        for k in np.flatnonzero(theta <= 0)[:5]:
            message = f"theta of {sectors[k]} must be above 0"
            r.problems.append(Problem(r.shown("theta.csv"), 1, 1, "value", message))
    _check(r, folder, seen, trade, tariff, cfl, final, value_added, regions, sectors)
    if r.problems:
        raise DatasetError(r.problems)
    return Dataset(
        name=folder.name,
        regions=regions,
        sectors=sectors,
        goods=goods,
        trade=trade,
        tariff=tariff,
        tariff_counterfactual=cfl,
        intermediate=intermediate,
        final=final,
        value_added=value_added,
        deficit=deficit,
        theta=theta,
        notes=tuple(_quirks(intermediate, value_added, regions, sectors)),
    )


def _by_region_sector(r: _Reader, table: str, ri: dict[str, int], si: dict[str, int]) -> FloatArray:
    out = np.zeros((len(ri), len(si)))
    cells = r.columns(table)
    if cells:
        a = r.indices(table, cells, "region", ri)
        c = r.indices(table, cells, "sector", si)
        ok = (a >= 0) & (c >= 0)
        out[a[ok], c[ok]] = r.numbers(table, cells, "value")[ok]
        seen = np.zeros(out.shape, dtype=np.int64)
        np.add.at(seen, (a[ok], c[ok]), 1)
        regions, sectors = list(ri), list(si)
        _coverage(r, table, seen, lambda k: f"{regions[k[0]]}, {sectors[k[1]]}")
    return out


def _coverage(
    r: _Reader,
    table: str,
    seen: npt.NDArray[np.int64],
    name: Callable[[tuple[int, ...]], str],
) -> None:
    """Every combination of the table's keys must appear exactly once."""
    gaps = np.argwhere(seen != 1)
    for index in gaps[:5]:
        key = tuple(int(k) for k in index)
        what = "missing" if seen[key] == 0 else "listed more than once"
        r.problems.append(Problem(r.shown(table), 1, 1, "", f"{name(key)}: {what}"))
    if len(gaps) > 5:
        r.problems.append(Problem(r.shown(table), 1, 1, "", f"... and {len(gaps) - 5:,} more"))


def _check(
    r: _Reader,
    folder: Path,
    seen: npt.NDArray[np.int64],
    trade: FloatArray,
    tariff: FloatArray,
    cfl: FloatArray,
    final: FloatArray,
    value_added: FloatArray,
    regions: Sequence[str],
    sectors: Sequence[str],
) -> None:
    table = f"{folder.name}/trade.csv"
    _coverage(
        r, "trade.csv", seen, lambda k: f"{regions[k[0]]} from {regions[k[1]]}, {sectors[k[2]]}"
    )
    for name, values in (("value", trade), ("tariff", tariff), ("tariff_cfl", cfl)):
        if (values < 0).any():
            r.problems.append(Problem(table, 1, 1, name, f"{int((values < 0).sum())} negative"))
    for name, values in (("final_consumption.csv", final), ("value_added.csv", value_added)):
        if (values < 0).any():
            r.problems.append(Problem(f"{folder.name}/{name}", 1, 1, "value", "negative values"))


def _quirks(
    intermediate: FloatArray,
    value_added: FloatArray,
    regions: Sequence[str],
    sectors: Sequence[str],
) -> Iterator[str]:
    for a, b, c in np.argwhere(intermediate < 0):
        yield (
            f"a negative intermediate purchase ({regions[a]}, {sectors[b]} into {sectors[c]}: "
            f"{intermediate[a, b, c]:,.0f} USD) is kept as published"
        )
    empty = int(((intermediate.sum(axis=1) + value_added) <= 0).sum())
    if empty:
        yield f"{empty} region-sector cells have no output; they are treated as pure value added"
