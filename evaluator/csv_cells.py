"""The CSV dialect of ``lines_csv``: records of cells, each cell with its line and column.

The dialect is RFC 4180 as spreadsheets save "CSV", parsed here rather than by :mod:`csv` so
that every malformed input is a located problem (never a ``csv.Error``), every cell has its true
position, and reading can stop early:

* Cells are separated by commas.
* Lines end with LF, CRLF or CR alone (old Excel for Mac), all read as LF: a file with any LF
  ends its lines there (a CR just before one is dropped); a file with none ends them at CR. Any
  other CR is a character in a cell, refused like every control character.
* A cell may be quoted; it may then hold commas and line breaks, a quote inside is written
  ``""``, and blanks (spaces, tabs) around the quotes are ignored. A quote inside an unquoted
  cell is text. An unclosed quote, or text after a closing quote, is refused at its cell.
* Positions are those an editor shows: a cell starts on a later line than its record when an
  earlier cell is quoted over several lines; a cell is located at its first non-blank
  character (its opening quote when quoted).
* A cell longer than :data:`MAX_CELL_CHARS`, or holding a character :mod:`evaluator.textsafe`
  refuses (control characters, escape sequences, bidi overrides), is refused without its text
  ever leaving this module: its value reads as "" and its problem does not quote it.

Only the first cells of a record (up to a limit the caller gives) are read; the rest are only
counted (in C when they hold no quote), so that a line of millions of cells is cheap to refuse.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

from evaluator.textsafe import describe, first_unsafe

MAX_CELL_CHARS = 4096
"""Longest cell, in characters: a generous bound on a product description (the model allows
500). A longer cell is not part of a tariff line, and is refused without being quoted."""

_CELL = r'[ \t]*+(?:"[^"]*+(?:""[^"]*+)*+"[^,\n]*+|[^,\n]*+)'
"""One cell: quoted (with any text after the closing quote, to refuse it) or not. Matches the
empty string; an unquoted cell that starts with a quote has no closing quote in the file."""
_CELL_AND_COMMA = re.compile(_CELL + ",")
_CELLS_AND_COMMAS = re.compile(f"(?:{_CELL},)*+")
_CELL_PARTS = re.compile(r'([ \t]*+)(?:(")([^"]*+(?:""[^"]*+)*+)"([^,\n]*+)|([^,\n]*+))(,?)')
"""A cell as leading blanks, quote mark, quoted text, text after it, unquoted text, comma."""
_BLANK_REST = re.compile(r"\s*\Z")
_UNCLOSED = 'the quote opening this cell is never closed: close it (a quote inside is written "")'
_AFTER_QUOTE = 'text follows the closing quote: quote the whole cell (a quote inside is written "")'


class Record:
    """One record of the file as read: its first cells (up to a limit), located.

    The places of a record on one line without quotes are worked out when first asked for
    (from the cells' lengths): most rows of a schedule are never located."""

    __slots__ = ("_line", "_places", "cell_count", "problems", "values")

    def __init__(
        self,
        values: list[str],
        places: list[tuple[int, int]] | None,
        problems: dict[int, str],
        cell_count: int,
        line: int = 0,
    ) -> None:
        self.values = values
        """The cells read, unquoted, not stripped; "" for a cell that cannot be read."""
        self._places = places
        self.problems = problems
        """Why a cell (by index) cannot be read, in words that do not quote it."""
        self.cell_count = cell_count
        """Cells in the record, those not read included."""
        self._line = line

    @property
    def places(self) -> list[tuple[int, int]]:
        """Line and column of each cell read."""
        if self._places is None:
            starts = accumulate(map((1).__add__, map(len, self.values)), initial=1)
            self._places = [
                (self._line, at + len(v) - len(v.lstrip(" \t")))
                for at, v in zip(starts, self.values, strict=False)
            ]
        return self._places


class Records:
    """The records of a CSV text, one at a time (line ends are normalised first)."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("\r\n", "\n") if "\n" in text else text.replace("\r", "\n")
        """The text with LF line ends (see the module docstring)."""
        self.pos = 0
        """Offset of the next record in :attr:`text`."""
        self.line = 1
        """Line of the next record."""
        self._line_start = 0
        self._last = (0, 0)

    def more(self) -> bool:
        """Whether anything but blanks is left."""
        return _BLANK_REST.match(self.text, self.pos) is None

    def last_text(self) -> str:
        """The text of the record read last, quotes and line breaks included."""
        return self.text[self._last[0] : self._last[1]]

    def next(self, limit: int) -> Record:
        """The next record, its first ``limit`` cells read, the rest only counted."""
        text, pos, line = self.text, self.pos, self.line
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text.find('"', pos, end) >= 0:
            record, end = self._quoted(limit)
        else:  # no quote: the record is this line, split in C
            values = text[pos:end].split(",", limit)
            count = len(values)
            if count > limit:
                count = limit + values.pop().count(",") + 1
            record = Record(values, None, {}, count, line)
            if end - pos > MAX_CELL_CHARS or first_unsafe(text[pos:end]) is not None:
                record.places  # noqa: B018  (located before a refused cell is blanked)
                for index, value in enumerate(values):
                    problem = _too_long(value) or _unsafe(value)
                    if problem is not None:
                        record.problems[index], values[index] = problem, ""
        self._last = (pos, end)
        self.pos = end + 1
        self.line += 1
        self._line_start = self.pos
        return record

    def _quoted(self, limit: int) -> tuple[Record, int]:
        """A record with quotes, and where it ends: its first ``limit`` cells split in C."""
        text, start = self.text, self.pos
        head = _first_cells(limit).match(text, start)
        assert head is not None  # the pattern matches the empty string
        end = head.end()
        parts = _CELL_PARTS.findall(text, start, end)
        if len(parts) > 1 and not parts[-2][-1]:
            parts.pop()  # the empty match findall adds after a last cell without a comma
        check = end - start > MAX_CELL_CHARS or first_unsafe(text[start:end]) is not None
        record = Record([], [], {}, len(parts))
        at, line, line_start = start, self.line, self._line_start
        for index, (blanks, quote, quoted, after, plain, comma) in enumerate(parts):
            at += len(blanks)
            record.places.append((line, at - line_start + 1))
            if quote:
                problem = _AFTER_QUOTE if after.strip(" \t") else None
                if "\n" in quoted:
                    line += quoted.count("\n")
                    line_start = at + 2 + quoted.rfind("\n")
                value = quoted.replace('""', '"')
                at += len(quoted) + len(after) + 2 + len(comma)
            else:
                problem = _UNCLOSED if plain.startswith('"') else None
                value = plain
                at += len(plain) + len(comma)
            if check:
                problem = _too_long(value) or problem or _unsafe(value)
            if problem is not None:
                record.problems[index], value = problem, ""
            record.values.append(value)
        self.line, self._line_start = line, line_start
        if end == len(text) or text[end] != ",":
            return record, end
        rest = _CELLS_AND_COMMAS.match(text, end + 1)  # more cells than the limit: count them
        assert rest is not None
        if text.find('"', end + 1, rest.end()) < 0:
            count = text.count(",", end + 1, rest.end())
        else:
            count = sum(1 for _ in _CELL_AND_COMMA.finditer(text, end + 1, rest.end()))
        last = _CELL_PARTS.match(text, rest.end())
        assert last is not None
        breaks = text.count("\n", end + 1, last.end())
        if breaks:
            self.line += breaks
            self._line_start = text.rfind("\n", end + 1, last.end()) + 1
        record.cell_count = limit + count + 1
        return record, last.end()


@cache
def _first_cells(limit: int) -> re.Pattern[str]:
    """At most ``limit`` cells of a record, with the commas between them."""
    return re.compile(f"(?:{_CELL},){{0,{limit - 1}}}+{_CELL}")


def _too_long(value: str) -> str | None:
    """Why a cell over :data:`MAX_CELL_CHARS` is refused (without quoting it), or None."""
    if len(value) <= MAX_CELL_CHARS:
        return None
    limit = f"over the limit of {MAX_CELL_CHARS:,}"
    return f"the cell has {len(value):,} characters, {limit}: shorten it"


def _unsafe(text: str) -> str | None:
    """What to do about the first character of ``text`` that :mod:`evaluator.textsafe`
    refuses, without quoting it; None when there is none."""
    at = first_unsafe(text)
    if at is None:
        return None
    hint = " (lines end at LF, CRLF or CR, one kind per file)" if text[at] == "\r" else ""
    return f"contains {describe(text[at])}: remove it{hint}"
