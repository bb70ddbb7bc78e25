"""The fast path of the CSV schedule reader: a clean file straight into columns.

A schedule is read cell by cell (:mod:`evaluator.schedule`) so that every problem is located.
Most schedules have no problem, and for them this module does the same work column by column,
in C where it can: the text is split once, each numeric column is parsed by numpy, and each
rule of a tariff line is checked over the whole column. The result is a
:class:`~evaluator.models.line_table.LineTable`.

Quotes that wrap whole cells on one line (``"Horses, live"``, as spreadsheets save a cell with
a comma) are read by the standard library's CSV reader, which reads them as the located reader
does. It gives up (returns None) at the first thing it does not handle exactly as the located
reader and the line model would: other quotes (around blanks, over line breaks, unclosed), a
character the reader refuses, a row of the wrong width, a number written other than as a plain
decimal, a value out of range, a repeated line (which gets a note) or a row past the limit.
The caller then reads the file cell by cell, which gives the same lines or the located
messages. So this path changes how fast a schedule is read, never
what is read or what is said about it.
"""

from __future__ import annotations

import csv
import operator
import re
from collections.abc import Callable, Sequence
from itertools import compress

import numpy as np

from evaluator.csv_cells import MAX_CELL_CHARS
from evaluator.models.common import (
    ID_PATTERN,
    MAX_RATE,
    MAX_RATIO,
    MAX_USD,
    MIN_RATIO,
    alpha3_codes,
)
from evaluator.models.line_table import (
    DEFAULTS,
    NUMBERS,
    TEXT,
    UNCERTAIN,
    FloatArray,
    LineTable,
)
from evaluator.textsafe import first_unsafe


def _stated_limit(field: str, kind: str) -> float:
    """A bound the line model states on a field (``le=50`` on ``phase_in_years``)."""
    from evaluator.models import TariffLine

    for rule in TariffLine.model_fields[field].metadata:
        if hasattr(rule, kind):
            return float(getattr(rule, kind))
    raise LookupError(f"TariffLine.{field} states no {kind} bound")


_BOUNDS = {
    "imports_usd": (0.0, MAX_USD),
    "domestic_output_usd": (0.0, MAX_USD),
    "rest_of_world_imports_usd": (0.0, MAX_USD),
    "base_rate": (0.0, MAX_RATE),
    "final_rate": (0.0, MAX_RATE),
    "rest_of_world_base_rate": (0.0, MAX_RATE),
    "rest_of_world_rate": (0.0, MAX_RATE),
    "elasticity": (MIN_RATIO, MAX_RATIO),
    "substitution_elasticity": (MIN_RATIO, MAX_RATIO),
    "phase_in_years": (0.0, float(_stated_limit("phase_in_years", "le"))),
}
"""Each CSV numeric column's valid range, as the line model states it (checked in the tests)."""
_ID = re.compile(ID_PATTERN)
_REQUIRED = ("imports_usd", "base_rate", "final_rate")
_TEXT_LENGTHS = {"hs": (2, 10), "sector": (1, 200), "description": (0, 500), "source": (1, 64)}
_count_commas = operator.methodcaller("count", ",")
_drop_commas = operator.methodcaller("replace", ",", "")


Key = tuple[str, str | None]
Repeat = tuple[Key, int, int, tuple[int, int]]
"""A line whose hs (and partner) an earlier line has too: the key, its file line, the earlier
line's, and the place of its hs cell."""
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_EDGE_BLANK = re.compile(r"^[^\S\n]|[^\S\n]$", re.MULTILINE)
_RAW_CELL = re.compile(r'"(?:[^"]|"")*+"|[^",]*+')
_REGULAR_ROW = re.compile(r'(?:"(?:[^"]|"")*+"|[^",]*+)(?:,(?:"(?:[^"]|"")*+"|[^",]*+))*+')
"""A row whose quotes, if any, wrap whole cells (no blanks around them, nothing after)."""
_NOT_A_NUMBER = re.compile(r"[^0-9+\-.eE\n]")


def read_columns(
    data: str, columns: Sequence[str], max_rows: int, first_line: int
) -> tuple[LineTable, list[Repeat], int] | None:
    """The lines of ``data`` (the file after its header, LF line ends, starting at file line
    ``first_line``) under ``columns``; the first lines that repeat an earlier line's hs and
    partner (up to one past :data:`~evaluator.schedule.MAX_DUPLICATE_NOTES`), and how many do.
    None when the located reader must read the file (see the module docstring)."""
    if not _safe(data):
        return None
    body = data[:-1] if data.endswith("\n") else data  # the line end of the last row
    rows = body.split("\n")
    if len(rows) > max_rows or not body or max(map(len, rows)) > MAX_CELL_CHARS:
        return None
    width = len(columns)
    if '"' in body:
        quoted = _quoted(rows, columns)
        if quoted is None:
            return None
        given, read = quoted
        table = _table(given, len(read))
        if table is None:
            return None
        lines = [rows[i] for i in read]
        found, count = _repeats(table, columns, lines, first_line, read, _quoted_place)
        return table, found, count
    counts = list(map(_count_commas, rows))
    kept: list[int] | None = None
    if counts.count(width - 1) != len(rows):
        filled = list(map(bool, map(str.strip, map(_drop_commas, rows))))
        pairs = list(zip(counts, filled, strict=True))
        if any(c != width - 1 if f else c > width for c, f in pairs):
            return None  # a row of the wrong width: the located reader says where
        kept = list(compress(range(len(rows)), filled))  # blank rows are skipped
        rows = [rows[i] for i in kept]
        body = "\n".join(rows)
    if not rows:
        return None
    cells = body.replace("\n", ",").split(",")
    given = {name: _stripped(cells[j::width]) for j, name in enumerate(columns)}
    del cells
    if any("" in given[name] for name in _REQUIRED if name in given):
        # blank rows (every cell empty) are skipped; any other row without a required number
        # is an error the located reader reports
        filled = [any(cells) for cells in zip(*given.values(), strict=True)]
        kept = list(compress(kept or range(len(rows)), filled))
        rows = list(compress(rows, filled))
        given = {name: list(compress(values, filled)) for name, values in given.items()}
    if not rows:
        return None
    table = _table(given, len(rows))
    if table is None:
        return None
    found, count = _repeats(table, columns, rows, first_line, kept)
    return table, found, count


def _quoted(
    rows: list[str], columns: Sequence[str]
) -> tuple[dict[str, list[str]], list[int]] | None:
    """The cells of rows where quotes only wrap whole cells on one line (``"a, b"``, with
    ``""`` for a quote inside), by column, and the rows that are not blank; None for any other
    use of quotes, or a row of the wrong width."""
    if not all(_REGULAR_ROW.fullmatch(row) for row in rows if '"' in row):
        return None
    width = len(columns)
    kept: list[int] = []
    cells: list[list[str]] = []
    for index, row in enumerate(csv.reader(rows)):
        if any(cell.strip() for cell in row):
            if len(row) != width:
                return None
            kept.append(index)
            cells.append(row)
        elif len(row) > width + 1:
            return None
    if not cells:
        return None
    by_column = zip(columns, zip(*cells, strict=True), strict=True)
    given = {name: list(map(str.strip, values)) for name, values in by_column}
    return given, kept


def _safe(data: str) -> bool:
    """Whether ``data`` has no character :mod:`evaluator.textsafe` refuses (a quick test for
    ASCII text, which can hold only the control characters)."""
    if data.isascii():
        raw = data.encode("ascii")
        return len(raw.translate(None, _ASCII_CONTROLS)) == len(raw)
    return first_unsafe(data) is None


def _stripped(cells: list[str]) -> list[str]:
    """The cells without surrounding blanks (only worked on where some cell has them)."""
    joined = "\n".join(cells)
    if joined.isascii():  # then the only blanks are spaces and tabs (controls are refused)
        edges = (joined[:1], joined[-1:])
        blank = any(edge in (" ", "\t") for edge in edges) or any(
            pair in joined for pair in (" \n", "\n ", "\t\n", "\n\t")
        )
    else:
        blank = _EDGE_BLANK.search(joined) is not None
    return list(map(str.strip, cells)) if blank else cells


def _repeats(
    table: LineTable,
    columns: Sequence[str],
    rows: list[str],
    first_line: int,
    kept: list[int] | None,
    place: Callable[[str, int, int], tuple[int, int]] | None = None,
) -> tuple[list[Repeat], int]:
    """The lines that repeat an earlier line's hs and partner: the first few, and how many."""
    keys, count = _keys(table)
    if not count:
        return [], 0
    from evaluator.schedule import MAX_DUPLICATE_NOTES

    hs = list(columns).index("hs")
    first: dict[Key, int] = {}
    found: list[Repeat] = []
    for i, key in enumerate(keys):
        if key[0] is None or first.setdefault(key, i) == i:
            continue
        line, first_at = (first_line + (j if kept is None else kept[j]) for j in (i, first[key]))
        found.append((key, line, first_at, (place or _place)(rows[i], hs, line)))
        if len(found) > MAX_DUPLICATE_NOTES:
            break
    return found, count


def _keys(table: LineTable) -> tuple[list[Key], int]:
    """Each line's hs and partner, and how many lines repeat an earlier line's."""
    hs_codes = table.text("hs").tolist()
    keys = list(zip(hs_codes, table.text("partner").tolist(), strict=True))
    named = [k for k in keys if k[0] is not None] if None in hs_codes else keys
    return keys, len(named) - len(set(named))


def _quoted_place(row: str, index: int, line: int) -> tuple[int, int]:
    """Line and column of cell ``index`` of a one-line row whose quotes wrap whole cells: its
    opening quote, or its first non-blank character."""
    start = 0
    for _ in range(index):
        cell = _RAW_CELL.match(row, start)
        assert cell is not None  # the row matched _REGULAR_ROW
        start = cell.end() + 1
    value = _RAW_CELL.match(row, start)
    assert value is not None
    text = value.group()
    return (line, start + 1 + len(text) - len(text.lstrip(" \t")))


def _place(row: str, index: int, line: int) -> tuple[int, int]:
    """Line and column of cell ``index`` of a one-line row, as the located reader gives it."""
    cells = row.split(",")
    value = cells[index]
    at = 1 + sum(len(cell) + 1 for cell in cells[:index])
    return (line, at + len(value) - len(value.lstrip(" \t")))


def _table(given: dict[str, list[str]], size: int) -> LineTable | None:
    text = {}
    for name in TEXT:
        values = given.get(name)
        column = np.full(size, None, dtype=object)
        if values is not None:
            if not _text_ok(name, values):
                return None
            column[:] = [v or None for v in values] if "" in values else values
        text[name] = column
    hs, sector = text["hs"].tolist(), text["sector"].tolist()
    if None in hs and any(h is None and s is None for h, s in zip(hs, sector, strict=True)):
        return None  # a line needs an hs code or a sector name
    numbers: dict[str, FloatArray] = {}
    for name in (*NUMBERS, *UNCERTAIN):
        values = given.get(name)
        parsed = _numbers(name, values, size) if values is not None else _absent(name, size)
        if parsed is None:
            return None
        numbers[name] = parsed
    return LineTable(size, text, numbers)


def _text_ok(name: str, values: list[str]) -> bool:
    """Whether every cell of a text column passes the line model's rule for it."""
    filled = [v for v in values if v] if "" in values else values
    if not filled:
        return True
    if name == "partner":
        return set(filled) <= set(alpha3_codes())
    low, high = _TEXT_LENGTHS[name]
    lengths = list(map(len, filled))
    if min(lengths) < low or max(lengths) > high:
        return False
    joined = "".join(filled)
    if name == "hs":
        return joined.isascii() and joined.isdigit()
    if name == "source":
        return all(_ID.match(v) for v in set(filled))
    return True


def _absent(name: str, size: int) -> FloatArray:
    """A column the file does not have: the line model's default, else NaN (left out)."""
    return np.full(size, DEFAULTS.get(name, np.nan))


def _numbers(name: str, values: list[str], size: int) -> FloatArray | None:
    """A numeric column parsed and checked, NaN where a cell is empty; None when the located
    reader must read it."""
    filled = [v for v in values if v] if "" in values else values
    if name in _REQUIRED and len(filled) != size:
        return None
    joined = "\n".join(filled)
    if _NOT_A_NUMBER.search(joined):
        return None
    if name == "phase_in_years" and not joined.replace("\n", "").isdigit():
        return None  # a whole number of years: no sign, point or exponent
    try:
        parsed = np.fromstring(joined, sep="\n") if filled else np.empty(0)
    except ValueError:
        return None
    if parsed.size != len(filled) or not np.isfinite(parsed).all():
        return None
    low, high = _BOUNDS[name]
    if parsed.size and (parsed.min() < low or parsed.max() > high):
        return None
    if len(filled) == size:
        return parsed
    out = _absent(name, size)
    out[np.array([bool(v) for v in values])] = parsed
    return out
