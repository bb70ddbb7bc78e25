"""Reading a sweep file and writing its results table (the only parts of a sweep that touch
files).

The table is written atomically when every variant is done. Until then, finished rows go to a
journal beside it (``OUTPUT.partial``, marked with the sweep's digest): a sweep stopped part way
and started again with the same file keeps them and evaluates only the rest; the final table is
the same bytes as an uninterrupted run's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evaluator.confine import CONFINED, Confinement, ReadRefusedError, read_regular
from evaluator.diagnostics import problems_from
from evaluator.document import MAX_BYTES, read_yaml
from evaluator.errors import Problem, ProposalError, format_path
from evaluator.sweep.run import STATS, Plan, Row, make_plan
from evaluator.sweep.spec import SCORES, SweepFile
from evaluator.sweep.variants import DimensionError, Variants

JOURNAL_SUFFIX = ".partial"


def load_sweep(path: str | Path, confinement: Confinement = CONFINED) -> Plan:
    """Read and check a sweep file and its base proposal; every problem located, raised as
    one ``ProposalError``."""
    from evaluator.loading import load_proposal

    file = Path(path)
    try:
        raw = read_regular(file, MAX_BYTES)
    except ReadRefusedError as refused:
        raise ProposalError([Problem(str(path), 1, 1, "", refused.reason)]) from None
    document = read_yaml(raw, str(path))

    locate = document.locate

    def refuse(where: tuple[str | int, ...], message: str) -> ProposalError:
        return ProposalError([Problem(*locate(where), format_path(where), message)])

    try:
        sweep = SweepFile.model_validate(document.data)
    except ValidationError as exc:
        raise ProposalError(
            problems_from(exc, document.data, locate, document.raw_token, SweepFile)
        ) from None
    folder = file.parent.resolve()
    base_path = (file.parent / sweep.base).resolve()
    if not base_path.is_relative_to(folder) and not any(
        base_path.is_relative_to(root.resolve()) for root in confinement.allowed
    ):
        raise refuse(("base",), f"{sweep.base} is outside the sweep file's folder")
    base = load_proposal(base_path, confinement=confinement)
    try:
        variants = Variants(base, sweep)
    except DimensionError as exc:
        raise refuse(("vary", exc.index, "path"), str(exc)) from None
    problems = [
        Problem(*locate(("vary", i)), format_path(("vary", i)), message)
        for i, message in variants.check()
    ]
    if problems:
        raise ProposalError(problems)
    origin = base.origin
    plan = make_plan(sweep, base, raw, origin.sha256 if origin is not None else "")
    for index, name in enumerate(sweep.keep):
        if name not in plan.available:
            names = ", ".join(plan.available)
            where = ("keep", index)
            message = f"{name!r} is not a metric of this proposal ({names})"
            problems.append(Problem(*locate(where), format_path(where), message))
    known = set(plan.metrics) | set(SCORES)
    for index, constraint in enumerate(sweep.constraints):
        if constraint.metric not in known:
            problems.append(_unknown(locate, ("constraints", index, "metric"), known))
    if sweep.objective is not None and sweep.objective.target not in known:
        name = "maximize" if sweep.objective.maximize else "minimize"
        problems.append(_unknown(locate, ("objective", name), known))
    if problems:
        raise ProposalError(problems)
    return plan


def _unknown(locate: Any, where: tuple[str | int, ...], known: set[str]) -> Problem:
    names = ", ".join(sorted(known))
    file, line, col = locate(where)
    return Problem(file, line, col, format_path(where), f"not a kept metric or a score ({names})")


def format_rows(rows: Iterable[Row]) -> list[str]:
    """Rows as CSV lines (floats exactly, as ``repr`` writes them; None as an empty cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().splitlines(keepends=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def parse_rows(plan: Plan, lines: Sequence[str]) -> list[Row]:
    """CSV lines of the table back into rows (stats as floats, None where empty)."""
    header = plan.header()
    first_stat = header.index("error") + 1
    rows: list[Row] = []
    for fields in csv.reader(lines):
        if not fields:
            continue
        stats = [float(v) if v else None for v in fields[first_stat:]]
        rows.append((int(fields[0]), *fields[1:first_stat], *stats))
    return rows


def read_journal(plan: Plan, journal: Path) -> dict[int, str]:
    """The rows a stopped run of the same sweep finished (by variant), as CSV lines."""
    try:
        text = journal.read_text(encoding="utf-8")
    except OSError:
        return {}
    lines = text.splitlines(keepends=True)
    if len(lines) < 2 or lines[0].strip() != _mark(plan) or lines[1] != _header_line(plan):
        return {}
    done: dict[int, str] = {}
    for line in lines[2:]:
        if not line.endswith("\n"):
            break  # a row cut short when the run stopped
        head = line.split(",", 1)[0]
        if head.isdigit() and int(head) < len(plan.design):
            done[int(head)] = line
    return done


def start_journal(plan: Plan, journal: Path, kept: dict[int, str]) -> Any:
    """A journal holding the kept rows, open for more."""
    handle = journal.open("w", encoding="utf-8", newline="")
    handle.write(_mark(plan) + "\n")
    handle.write(_header_line(plan))
    handle.writelines(kept[i] for i in sorted(kept))
    handle.flush()
    return handle


def _header_line(plan: Plan) -> str:
    return format_rows([tuple(plan.header())])[0]


def _mark(plan: Plan) -> str:
    return f"# evaluator sweep {plan.digest}"


def table_bytes(plan: Plan, lines: dict[int, str]) -> bytes:
    """The whole results table: header, then one row per variant in order."""
    text = _header_line(plan) + "".join(lines[i] for i in sorted(lines))
    return text.encode("utf-8")


def parquet_bytes(plan: Plan, rows: Sequence[Row]) -> bytes:
    """The results table as Parquet (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from evaluator.sweep.run import SweepError

        raise SweepError(
            "writing Parquet needs pyarrow (pip install pyarrow); or use .csv"
        ) from None
    header = plan.header()
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    for dimension in plan.sweep.vary:  # values of mixed types are written as text
        values = columns[dimension.column]
        if len({type(v) for v in values}) > 1:
            columns[dimension.column] = [_cell(v) for v in values]
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink)
    return bytes(sink.getvalue())


__all__ = ["STATS", "load_sweep"]
