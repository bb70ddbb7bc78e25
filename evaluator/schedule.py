"""Tariff lines from a CSV file, with the row and column of every cell.

The file has a header row of tariff-line fields; each further row is one line. Cells are turned
into numbers here so that validation errors can say "row 42, column imports_usd" rather than
"expected a number"; everything else is checked by the same model as inline lines.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from typing import Any

from evaluator.errors import Problem
from evaluator.models import TARIFF_LINE_COLUMNS

MAX_CSV_BYTES = 200 * 1024 * 1024
"""Largest schedule read, bytes (about 2.5 million lines)."""

_FLOAT_COLUMNS = frozenset(
    {
        "imports_usd",
        "base_rate",
        "final_rate",
        "elasticity",
        "domestic_output_usd",
        "rest_of_world_imports_usd",
        "rest_of_world_base_rate",
        "rest_of_world_rate",
        "substitution_elasticity",
    }
)
_INT_COLUMNS = frozenset({"phase_in_years"})
REQUIRED_COLUMNS = ("imports_usd", "base_rate", "final_rate")


@dataclass(frozen=True)
class Schedule:
    """Rows of a CSV schedule as field mappings, with cell positions."""

    name: str
    rows: tuple[dict[str, Any], ...]
    row_lines: tuple[int, ...]
    """1-based line of each row in the file."""
    columns: dict[str, int]
    """1-based character column of each header field (rows are located by field start)."""
    cell_columns: tuple[dict[str, int], ...]
    problems: tuple[Problem, ...]

    def locate(self, index: int, field: str | None) -> tuple[str, int, int]:
        """File, line and column of a row's cell (or of the row when ``field`` is None)."""
        line = self.row_lines[index]
        col = self.cell_columns[index].get(field, 1) if field else 1
        return (self.name, line, col)


def _cell_starts(line: str) -> list[int]:
    """1-based start column of each comma-separated cell, honouring double quotes."""
    starts = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return starts


def read_schedule(text: str, name: str) -> Schedule:
    """Parse a CSV tariff schedule; problems are collected, not raised."""
    problems: list[Problem] = []
    physical = text.splitlines()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        problem = Problem(name, 1, 1, "", "the CSV file is empty: it needs a header row")
        return Schedule(name, (), (), {}, (), (problem,))
    header = [h.strip() for h in header]
    header_starts = _cell_starts(physical[0]) if physical else [1]
    columns = {h: header_starts[i] if i < len(header_starts) else 1 for i, h in enumerate(header)}
    suggested: set[str] = set()
    for h in header:
        if h not in TARIFF_LINE_COLUMNS:
            close = difflib.get_close_matches(h, TARIFF_LINE_COLUMNS, n=1)
            suggested.update(close)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    name,
                    1,
                    columns[h],
                    h,
                    f"unknown column {h!r}{hint} (columns: {', '.join(TARIFF_LINE_COLUMNS)})",
                )
            )
    for required in REQUIRED_COLUMNS:
        if required not in columns and required not in suggested:
            problems.append(Problem(name, 1, 1, required, f"the header has no {required!r} column"))
    if problems:
        return Schedule(name, (), (), columns, (), tuple(problems))

    rows: list[dict[str, Any]] = []
    row_lines: list[int] = []
    cell_columns: list[dict[str, int]] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        starts = _cell_starts(physical[line - 1]) if line - 1 < len(physical) else []
        where = {h: starts[i] if i < len(starts) else 1 for i, h in enumerate(header)}
        if len(cells) != len(header):
            problems.append(
                Problem(
                    name, line, 1, "", f"row has {len(cells)} cells; the header has {len(header)}"
                )
            )
            continue
        row: dict[str, Any] = {}
        for column, cell in zip(header, cells, strict=True):
            value = cell.strip()
            if value == "":
                continue
            row[column] = _convert(column, value)
        rows.append(row)
        row_lines.append(line)
        cell_columns.append(where)
    return Schedule(
        name, tuple(rows), tuple(row_lines), columns, tuple(cell_columns), tuple(problems)
    )


def _convert(column: str, value: str) -> Any:
    """Numbers for numeric columns; text that is not a number stays text, for the model to
    report at this cell with the same message as an inline line."""
    try:
        if column in _INT_COLUMNS:
            return int(value)
        if column in _FLOAT_COLUMNS:
            return float(value)
    except ValueError:
        return value
    return value
