"""Tariff lines from a CSV file, with the line and column of every cell.

The file has a header row of tariff-line fields; each further row is one line. Cells are turned
into numbers here so that validation errors can say "line 42, column imports_usd" rather than
"expected a number"; everything else is checked by the same model as inline lines.

The CSV dialect (commas; LF, CRLF or CR line ends; quoted cells with commas and line breaks;
true positions; cells too long or with unsafe characters refused) is that of
:mod:`evaluator.csv_cells`. On top of it:

* A first line with no comma that names known columns between semicolons or tabs (a
  spreadsheet in a European locale) is refused with that diagnosis, at line 1.
* Header names are unique, known and non-empty; each mistake is reported at its cell.
* Cells are stripped of blanks; blank rows are skipped, but a file with no row under its header
  is refused. Numbers are plain: ``1,234,567`` or ``1 234`` is refused with the number to write,
  and a row split into extra cells by unquoted thousands separators says so.
* Rows repeating an earlier row's ``hs`` and ``partner`` are counted, with a note.
* Limits, each refused at its place rather than read: :data:`MAX_CSV_BYTES` (checked by the
  loader), :data:`MAX_SCHEDULE_ROWS` (reading stops at the first row past it, before the rest
  of the file is parsed), :data:`MAX_COLUMNS` header columns,
  :data:`~evaluator.csv_cells.MAX_CELL_CHARS` characters per cell.

Confidentiality: ``lines_csv`` may name only a regular file inside the proposal's folder (or a
folder given with ``--allow-path``; :mod:`evaluator.confine`), but that may still be a file that
is not a schedule (a secrets file beside the proposal). Until the first line names
a known column, no message quotes the file: a file that is not a schedule gets one error that
lists only the expected columns. Cells that are too long or hold a control character, an escape
sequence or a bidi override are refused without being quoted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evaluator.csv_cells import Record, Records
from evaluator.errors import Problem
from evaluator.models import TARIFF_LINE_COLUMNS
from evaluator.models.line_table import LineTable
from evaluator.schedule_numbers import NUMERIC_COLUMNS, convert, number_problem

Place = tuple[int, int]

MAX_CSV_BYTES = 16 * 1024 * 1024
"""Largest schedule file read, bytes: room for :data:`MAX_SCHEDULE_ROWS` rows of over 300
characters (a row of the synthetic 20,000-line schedule has under 100); larger files are
refused by the loader before anything is parsed."""

MAX_CSV_BYTES_PER_ROW = MAX_CSV_BYTES // 50_000
"""With more rows allowed (``--max-lines``), the byte cap grows by this much per row."""

MAX_SCHEDULE_ROWS = 50_000
"""Most rows after the header in one schedule, blank rows included (so that a file of empty
lines is bounded too). Well above any national tariff schedule at 8 or 10 digits; the tool's
per-line cost keeps a brief of this many lines within its 30 s / 2 GB bound."""

MAX_COLUMNS = 64
"""Most header columns read (the rest are only counted, and refused). A schedule has 15 known
columns; the margin lets a header's mistakes (unknown, repeated or unnamed columns) be reported
one by one, while bounding the work. A data row is read to one cell past the header's width."""

MAX_DUPLICATE_NOTES = 10
"""Repeated lines (same ``hs`` and ``partner``) noted one by one; further repeats are counted in
one more note, so that a schedule built by concatenating files does not bury other messages."""

REQUIRED_COLUMNS = ("imports_usd", "base_rate", "final_rate")
_KNOWN = frozenset(TARIFF_LINE_COLUMNS)
_COLUMNS = ", ".join(TARIFF_LINE_COLUMNS)
_EXPECTED = ", ".join(dict.fromkeys((*REQUIRED_COLUMNS, *TARIFF_LINE_COLUMNS)))
_NOT_A_SCHEDULE = f"not a tariff schedule: the first line names none of the columns {_EXPECTED}"
_BLANK_HEADER = f"the first line is blank: it must be the header, naming columns among {_EXPECTED}"

_SPLIT_NUMBER = re.compile(
    r"(?<![^,])[ \t]*+(?P<n>[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?)[ \t]*+(?![^,])"
)
"""A number that unquoted thousands separators split over cells, in a row's text."""


@dataclass(frozen=True)
class Schedule:
    """Rows of a CSV schedule as field mappings, with cell positions."""

    name: str
    rows: tuple[dict[str, Any], ...]
    row_lines: tuple[int, ...]
    """1-based line of each row in the file (where its first cell starts)."""
    columns: dict[str, int]
    """1-based character column of each header field."""
    cell_positions: tuple[CellPlaces, ...]
    """1-based (line, column) of each cell of each row, by header field."""
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()
    """Valid but worth saying (severity "note"): lines repeated with the same hs and partner."""
    table: LineTable | None = None
    """The lines as checked columns, when the file was read column by column
    (:mod:`evaluator.schedule_columns`); ``rows``, ``row_lines`` and ``cell_positions`` are then
    empty until a cell is located, which reads the file cell by cell once."""
    text: str = field(default="", repr=False, compare=False)
    _located: list[Schedule] = field(default_factory=list, repr=False, compare=False)

    def locate(self, index: int, field: str | None) -> tuple[str, int, int]:
        """File, line and column of a row's cell (or of the row when ``field`` is None)."""
        if self.table is not None:
            if not self._located:
                located = read_schedule(self.text, self.name, fast=False, max_rows=len(self.table))
                self._located.append(located)
            return self._located[0].locate(index, field)
        line, col = self.row_lines[index], 1
        if field:
            line, col = self.cell_positions[index].get(field, (line, col))
        return (self.name, line, col)


class CellPlaces:
    """Where each cell of a row is, by column name: 1-based (line, column), worked out when
    asked for (a row is located only when it has a problem or a note)."""

    __slots__ = ("_columns", "_record")

    def __init__(self, columns: list[str], record: Record) -> None:
        self._columns, self._record = columns, record

    def __getitem__(self, column: str) -> tuple[int, int]:
        return self._record.places[self._columns.index(column)]

    def get(self, column: str, default: tuple[int, int]) -> tuple[int, int]:
        return self[column] if column in self._columns else default


def read_schedule(text: str, name: str, fast: bool = True, max_rows: int | None = None) -> Schedule:
    """Parse a CSV tariff schedule of at most ``max_rows`` rows (default
    :data:`MAX_SCHEDULE_ROWS`); problems are collected, not raised. A clean file is read column
    by column when ``fast``, any other cell by cell."""
    max_rows = MAX_SCHEDULE_ROWS if max_rows is None else max_rows
    records = Records(text)
    if not records.text.strip():
        return _refused(name, "the CSV file is empty: it needs a header row")
    separator = _separator(records.text)
    if separator is not None:
        return _refused(name, f"the file is separated by {separator}: save it as CSV with commas")
    header = records.next(MAX_COLUMNS)
    names = [value.strip() for value in header.values]
    if not any(column.lower() in _KNOWN for column in names):
        blank = header.cell_count == len(names) and not header.problems and not any(names)
        return _refused(name, _BLANK_HEADER if blank else _NOT_A_SCHEDULE)
    columns = {column: col for column, (_, col) in zip(names, header.places, strict=True)}
    problems = _header_problems(header, names, name)
    if problems:
        return Schedule(name, (), (), columns, (), tuple(problems))
    if fast:
        from evaluator.schedule_columns import read_columns

        read = read_columns(records.text[records.pos :], names, max_rows, records.line)
        if read is not None:
            table, repeats, count = read
            notes = Repeats(name)
            for key, line, first, place in repeats:
                notes.see(key, first, lambda at=place: at)  # type: ignore[misc]
                notes.see(key, line, lambda at=place: at)  # type: ignore[misc]
            notes.count = count
            return Schedule(name, (), (), columns, (), (), tuple(notes.notes()), table, text)
    rows = _Rows(name, names, records)
    while records.pos < len(records.text):
        if rows.read == max_rows:
            if records.more():
                rows.refuse((records.line, 1), "", _too_many_rows(max_rows))
            break
        line = records.line
        rows.add(records.next(len(names) + 1), line)
    if not rows.seen_data and not rows.problems:
        rows.refuse((1, 1), "", _NO_LINES)
    return rows.schedule(columns)


def _header_problems(header: Record, names: list[str], name: str) -> list[Problem]:
    """Unreadable, unnamed, repeated, unknown and missing columns, each at its place."""
    problems: list[Problem] = []
    first: dict[str, tuple[int, int]] = {}
    suggested: set[str] = set()
    for index, (column, place) in enumerate(zip(names, header.places, strict=True)):
        where = (name, *place)
        if index in header.problems:
            problems.append(Problem(*where, "", f"column {index + 1}: {header.problems[index]}"))
        elif not column:
            message = f"column {index + 1} has no name: name it or delete it"
            problems.append(Problem(*where, "", message))
        elif column in first:
            line, col = first[column]
            at = f"column {col}" if line == place[0] else f"line {line}, column {col}"
            message = f"column {column!r} appears twice (first at {at})"
            problems.append(Problem(*where, column, message))
        else:
            first[column] = place
            if column not in _KNOWN:
                close = [column.lower()] if column.lower() in _KNOWN else []
                close = close or difflib.get_close_matches(column, TARIFF_LINE_COLUMNS, n=1)
                suggested.update(close)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                message = f"unknown column {column!r}{hint} (columns: {_COLUMNS})"
                problems.append(Problem(*where, column, message))
    if header.cell_count > MAX_COLUMNS:
        message = (
            f"the header has {header.cell_count:,} columns; the tool reads at most {MAX_COLUMNS}"
        )
        problems.append(Problem(name, 1, 1, "", message))
    for required in REQUIRED_COLUMNS:
        if required not in first and required not in suggested:
            problems.append(Problem(name, 1, 1, required, f"the header has no {required!r} column"))
    return problems


class _Rows:
    """The data rows read so far, with their positions, problems and notes."""

    def __init__(self, name: str, columns: list[str], records: Records) -> None:
        self.name, self.columns, self._records = name, columns, records
        self.read = 0
        """Rows read after the header, blank ones included."""
        self.seen_data = False
        self.rows: list[dict[str, Any]] = []
        self.lines: list[int] = []
        self.positions: list[CellPlaces] = []
        self.problems: list[Problem] = []
        self.repeats = Repeats(name)

    def refuse(self, place: tuple[int, int], path: str, message: str) -> None:
        """Record an error."""
        self.problems.append(Problem(self.name, *place, path, message))

    def add(self, record: Record, line: int) -> None:
        """Check and keep one row; a row with a problem is reported, not kept."""
        self.read += 1
        values, problems = record.values, record.problems
        if record.cell_count == len(values) and not problems and not any(map(str.strip, values)):
            return
        self.seen_data = True
        if record.cell_count != len(self.columns):
            self._mismatch(record)
            return
        positions = CellPlaces(self.columns, record)
        for index, message in problems.items():
            self.refuse(record.places[index], self.columns[index], message)
        refused = bool(problems)
        row: dict[str, Any] = {}
        for column, cell in zip(self.columns, values, strict=True):
            value = cell.strip()
            if value:
                row[column] = converted = convert(column, value)
                wrong = None
                if isinstance(converted, str) and column in NUMERIC_COLUMNS:
                    wrong = number_problem(value)
                if wrong is not None:
                    self.refuse(positions[column], column, wrong)
                    refused = True
        if not refused:
            self.rows.append(row)
            self.lines.append(line)
            self.positions.append(positions)
            hs, partner = row.get("hs"), row.get("partner")
            if isinstance(hs, str):
                key = (hs, partner if isinstance(partner, str) else None)
                self.repeats.see(key, line, lambda: positions["hs"])

    def _mismatch(self, record: Record) -> None:
        width = len(self.columns)
        message = f"row has {record.cell_count} cells; the header has {width}"
        if record.cell_count < width:
            self.refuse(record.places[0], "", message)
            return
        text = self._records.last_text()
        split = _SPLIT_NUMBER.search(text)
        if split is None:
            self.refuse(record.places[width], "", f"{message}: quote a cell that holds a comma")
            return
        start, number = split.start("n"), split.group("n")
        line = record.places[0][0] + text.count("\n", 0, start)
        place = (line, start - text.rfind("\n", 0, start))
        path = next(
            (c for c, at in zip(self.columns, record.places, strict=False) if at == place), ""
        )
        hint = f"; if {number} is one number, remove the thousands separators: "
        self.refuse(place, path, message + hint + number.replace(",", ""))

    def schedule(self, columns: dict[str, int]) -> Schedule:
        """The rows read, as a schedule."""
        notes = self.repeats.notes()
        return Schedule(
            self.name,
            tuple(self.rows),
            tuple(self.lines),
            columns,
            tuple(self.positions),
            tuple(self.problems),
            tuple(notes),
        )


class Repeats:
    """Notes on lines that repeat the hs (and partner) of an earlier line, at the repeat's hs
    cell: one by one up to :data:`MAX_DUPLICATE_NOTES`, then one note counting the rest."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._first: dict[tuple[str, str | None], int] = {}
        self._noted: list[Problem] = []
        self.count = 0
        self._unnoted: tuple[int, int] | None = None

    def see(self, key: tuple[str, str | None], line: int, place: Callable[[], Place]) -> None:
        """A line with ``key`` (hs, partner) at file line ``line``; ``place`` locates its hs."""
        first = self._first.setdefault(key, line)
        if first == line:
            return
        self.count += 1
        if self.count > MAX_DUPLICATE_NOTES:
            self._unnoted = self._unnoted or place()
            return
        hs, partner = key
        of = f" for partner {partner!r}" if partner else ""
        message = f"hs {hs!r}{of} also at line {first}: both lines are counted; {_MERGE}"
        self._noted.append(Problem(self.name, *place(), "hs", message, severity="note"))

    def notes(self) -> list[Problem]:
        """The notes, the count of the unnoted repeats last."""
        if self._unnoted is None:
            return self._noted
        more = self.count - MAX_DUPLICATE_NOTES
        message = (
            f"{more:,} more lines repeat the hs (and partner) of an earlier line; "
            f"only the first {MAX_DUPLICATE_NOTES} are noted"
        )
        return [*self._noted, Problem(self.name, *self._unnoted, "hs", message, severity="note")]


_NO_LINES = "the schedule has no lines: add one row per tariff line under the header"
_MERGE = "merge them if that is one line"


def _too_many_rows(max_rows: int) -> str:
    return (
        f"the schedule has more than {max_rows:,} rows, the most one schedule may have "
        "(reading stopped here): split it over several proposals, or aggregate its lines"
    )


def _separator(text: str) -> str | None:
    """The separator of a first line that has no comma but names known columns between
    semicolons or tabs, in words; None for every other first line."""
    end = text.find("\n")
    first = text[: len(text) if end < 0 else end]
    if "," in first:
        return None
    for separator, label in ((";", "';'"), ("\t", "tabs")):
        names = first.split(separator, MAX_COLUMNS)
        if len(names) > 1 and any(n.strip(' \t"').lower() in _KNOWN for n in names):
            return label
    return None


def _refused(name: str, message: str) -> Schedule:
    """A schedule that could not be read, with the one problem that says why."""
    return Schedule(name, (), (), {}, (), (Problem(name, 1, 1, "", message),))
