"""The CSV reader of ``lines_csv``: every dialect problem is one located message (issue 14).

These tests read cell by cell (``fast=False``): the column-by-column path for clean files is
checked against this reader in ``test_schedule_columns.py``.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import csv_cells, schedule
from evaluator.errors import Problem
from evaluator.schedule import Schedule

read_schedule = functools.partial(schedule.read_schedule, fast=False)

HEADER = "hs,partner,imports_usd,base_rate,final_rate"


def _only(found: Schedule) -> Problem:
    assert len(found.problems) == 1, [str(p) for p in found.problems]
    return found.problems[0]


def _check(problem: Problem, line: int, col: int, path: str, fragment: str) -> None:
    assert (problem.file, problem.line, problem.col, problem.path) == ("s.csv", line, col, path)
    assert fragment in problem.message, problem.message


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_every_line_end_is_read_and_cells_keep_their_place(end: str) -> None:
    text = end.join([HEADER, "6109,MEX,1.0e9,0.15,0", "6110,MEX,lots,0.12,0", ""])
    found = read_schedule(text, "s.csv")
    assert found.problems == ()
    assert [row["hs"] for row in found.rows] == ["6109", "6110"]
    assert found.locate(1, "imports_usd") == ("s.csv", 3, 10)
    assert found.rows[1]["imports_usd"] == "lots"  # left to the model, reported at this cell


def test_a_bare_carriage_return_in_a_cell_is_refused_at_that_cell() -> None:
    found = read_schedule(f"{HEADER}\n6109,MEX,1.0e9\r,0.15,0\n", "s.csv")
    _check(_only(found), 2, 10, "imports_usd", "contains U+000D (carriage return): remove it")
    assert found.rows == ()


def test_a_cell_over_the_cap_is_refused_without_being_quoted() -> None:
    cell = "secret" * (csv_cells.MAX_CELL_CHARS // 6 + 1)
    for written in (cell, f'"{cell}"', f'"x\n{cell}"'):
        found = read_schedule(f"{HEADER}\n6109,{written},1,0.1,0\n", "s.csv")
        problem = _only(found)
        _check(problem, 2, 6, "partner", f"over the limit of {csv_cells.MAX_CELL_CHARS:,}")
        assert "secret" not in problem.message


@pytest.mark.parametrize(
    ("row", "col", "path", "fragment"),
    [
        ('6109,"MEX,1,0.1,0', 6, "partner", "the quote opening this cell is never closed"),
        ('6109,"MEX"X,1,0.1,0', 6, "partner", "text follows the closing quote"),
    ],
)
def test_malformed_quotes_are_located(row: str, col: int, path: str, fragment: str) -> None:
    found = read_schedule(f"{HEADER}\n{row}\n6110,MEX,1,0.1,0\n", "s.csv")
    _check(_only(found), 2, col, path, fragment)
    assert found.row_lines == (3,)  # the next row is still read


def test_a_repeated_column_is_refused_at_its_second_occurrence() -> None:
    found = read_schedule(f"{HEADER},final_rate\n6109,MEX,1,0.1,0,0\n", "s.csv")
    _check(
        _only(found), 1, 45, "final_rate", "column 'final_rate' appears twice (first at column 34)"
    )


def test_an_unnamed_column_is_refused() -> None:
    found = read_schedule(f"{HEADER},\n6109,MEX,1,0.1,0,\n", "s.csv")
    _check(_only(found), 1, 45, "", "column 6 has no name")


def test_repeated_lines_are_counted_with_a_note_at_the_later_one() -> None:
    rows = ["010121,MEX,1,0.1,0", "010121,CAN,1,0.1,0", "010121,MEX,2,0.1,0"]
    found = read_schedule("\n".join([HEADER, *rows]), "s.csv")
    assert found.problems == ()
    assert len(found.rows) == 3
    (note,) = found.notes
    assert note.severity == "note"
    _check(note, 4, 1, "hs", "hs '010121' for partner 'MEX' also at line 2: both lines are counted")
    assert "merge them if that is one line" in note.message


def test_repeated_lines_without_a_partner_column_and_the_note_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(schedule, "MAX_DUPLICATE_NOTES", 2)
    rows = [f"010121,{n},0.1,0" for n in range(6)]
    found = read_schedule("\n".join(["hs,imports_usd,base_rate,final_rate", *rows]), "s.csv")
    assert [(n.line, n.message.split(";")[0]) for n in found.notes] == [
        (3, "hs '010121' also at line 2: both lines are counted"),
        (4, "hs '010121' also at line 2: both lines are counted"),
        (5, "3 more lines repeat the hs (and partner) of an earlier line"),
    ]
    assert found.notes[-1].message.endswith("only the first 2 are noted")


@pytest.mark.parametrize("text", [HEADER, f"{HEADER}\n", f"{HEADER}\n\n  \n,,,,\n"])
def test_a_header_without_lines_is_an_error(text: str) -> None:
    _check(_only(read_schedule(text, "s.csv")), 1, 1, "", "the schedule has no lines: add one row")


@pytest.mark.parametrize(("separator", "said"), [(";", "';'"), ("\t", "tabs")])
def test_a_file_separated_by_semicolons_or_tabs_says_so(separator: str, said: str) -> None:
    text = HEADER.replace(",", separator) + "\n" + separator.join(["6109", "MEX", "1", "0,1", "0"])
    problem = _only(read_schedule(text, "s.csv"))
    _check(problem, 1, 1, "", f"the file is separated by {said}: save it as CSV with commas")


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ('"1,234,567"', "remove the thousands separators: 1234567"),
        ("1 234", "remove the thousands separators: 1234"),
        ('"1\'234.5"', "remove the thousands separators: 1234.5"),
        ('"0,15"', "write the decimal separator as a point: 0.15"),
    ],
)
def test_numbers_with_separators_are_refused_with_the_number_to_write(
    cell: str, fragment: str
) -> None:
    found = read_schedule(f"{HEADER}\n6109,MEX,{cell},0.1,0\n", "s.csv")
    _check(_only(found), 2, 10, "imports_usd", fragment)
    assert found.rows == ()


def test_a_row_split_by_unquoted_thousands_separators_gets_a_hint() -> None:
    found = read_schedule(f"{HEADER}\n6109,MEX, 1,234,567,0.1,0\n", "s.csv")
    problem = _only(found)
    _check(problem, 2, 11, "imports_usd", "row has 7 cells; the header has 5")
    assert "if 1,234,567 is one number, remove the thousands separators: 1234567" in problem.message


def test_rows_with_a_wrong_number_of_cells_are_located() -> None:
    found = read_schedule(f"{HEADER}\n6109,MEX\n6110,MEX,1,0.1,0,x\n", "s.csv")
    assert [(p.line, p.col, p.message) for p in found.problems] == [
        (2, 1, "row has 2 cells; the header has 5"),
        (3, 18, "row has 6 cells; the header has 5: quote a cell that holds a comma"),
    ]


def test_a_quoted_field_over_several_lines_leaves_every_position_right() -> None:
    text = (
        "hs,description,partner,imports_usd,base_rate,final_rate\r\n"
        '6109,"T-shirts,\r\n knitted ""cotton""",MEX,lots,0.15,0\r\n'
        "6110,Jerseys,MEX,many,0.12,0\r\n"
    )
    found = read_schedule(text, "s.csv")
    assert found.problems == ()
    assert found.rows[0]["description"] == 'T-shirts,\n knitted "cotton"'
    assert found.locate(0, "description") == ("s.csv", 2, 6)
    assert found.locate(0, "imports_usd") == ("s.csv", 3, 26)
    assert found.locate(1, "imports_usd") == ("s.csv", 4, 18)
    assert found.locate(1, None) == ("s.csv", 4, 1)


@pytest.mark.parametrize(
    "text",
    [
        "root:x:0:0:root:/root:/bin/bash\nalice:hunter2secret:1000:1000::/home/alice:/bin/sh\n",
        "PATH=/usr/bin\0API_TOKEN=hunter2secret\0LS_COLORS=di=01;34\0",
        "password,hunter2secret\nroot,hunter2secret\n",
        '"unterminated hunter2secret\n',
        "\x1b]0;hunter2secret\x07\n",
        "hunter2secret" * 10_000,
    ],
)
def test_a_file_that_is_not_a_schedule_gets_one_error_quoting_nothing(text: str) -> None:
    problem = _only(read_schedule(text, "s.csv"))
    _check(problem, 1, 1, "", "not a tariff schedule: the first line names none of the columns")
    assert "imports_usd, base_rate, final_rate, hs" in problem.message
    assert "hunter2" not in problem.message and "root" not in problem.message


def test_a_blank_first_line_is_not_taken_for_a_foreign_file() -> None:
    problem = _only(read_schedule(f"\n{HEADER}\n6109,MEX,1,0.1,0\n", "s.csv"))
    _check(problem, 1, 1, "", "the first line is blank: it must be the header")


def test_a_recognised_header_may_quote_its_unknown_columns() -> None:
    problem = _only(read_schedule("hs,partner,Imports_USD,base_rate,final_rate\n", "s.csv"))
    _check(
        problem, 1, 12, "Imports_USD", "unknown column 'Imports_USD'; did you mean 'imports_usd'?"
    )


@pytest.mark.parametrize(
    ("cell", "described"),
    [
        ("M\u202eEX", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ('"\x1b[2J MEX"', "U+001B (escape)"),
        ("ME\x00X", "U+0000 (null)"),
    ],
)
def test_a_cell_with_an_unsafe_character_is_refused_without_quoting_it(
    cell: str, described: str
) -> None:
    problem = _only(read_schedule(f"{HEADER}\n6109,{cell},1,0.1,0\n", "s.csv"))
    _check(problem, 2, 6, "partner", f"contains {described}: remove it")
    assert "MEX" not in problem.message


def test_an_unsafe_character_in_the_header_is_not_quoted() -> None:
    problem = _only(read_schedule(f"{HEADER},evil\u202etxt\n", "s.csv"))
    _check(problem, 1, 45, "", "column 6: contains U+202E (RIGHT-TO-LEFT OVERRIDE)")
    assert "evil" not in problem.message


def test_reading_stops_at_the_first_row_past_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule, "MAX_SCHEDULE_ROWS", 3)
    read = 0
    next_record = csv_cells.Records.next

    def counting(self: csv_cells.Records, limit: int) -> csv_cells.Record:
        nonlocal read
        read += 1
        return next_record(self, limit)

    monkeypatch.setattr(csv_cells.Records, "next", counting)
    rows = [f"61{n:02d},MEX,1,0.1,0" for n in range(1000)]
    found = read_schedule("\n".join([HEADER, "", *rows]), "s.csv")
    problem = _only(found)  # no error for the rows past the cap: they are never read
    _check(problem, 5, 1, "", "the schedule has more than 3 rows, the most one schedule may have")
    assert read == 1 + 3  # the header and the rows up to the cap
    assert len(found.rows) == 2  # a blank row counts


def test_blank_lines_after_a_full_schedule_are_not_rows_past_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(schedule, "MAX_SCHEDULE_ROWS", 2)
    found = read_schedule(f"{HEADER}\n6101,MEX,1,0.1,0\n6102,MEX,1,0.1,0\n\n\n", "s.csv")
    assert (found.problems, len(found.rows)) == ((), 2)


def test_a_header_over_the_column_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule, "MAX_COLUMNS", 5)
    found = read_schedule(f"{HEADER},source,sector\n", "s.csv")
    _check(_only(found), 1, 1, "", "the header has 7 columns; the tool reads at most 5")


def test_the_empty_file_keeps_its_message() -> None:
    _check(_only(read_schedule(" \r\n", "s.csv")), 1, 1, "", "the CSV file is empty")


# Property: whatever the quoting, embedded line breaks and line-end style, every cell's reported
# (line, col) is where that cell is written in the file.
_COLUMNS = ("hs", "description", "imports_usd", "base_rate", "final_rate")
_FREE_TEXT = st.text(alphabet=st.sampled_from(list('ab Z9 ,"\n.-\t')), max_size=10)
_NUMBER = st.floats(0, 1e12, allow_nan=False, allow_infinity=False).map(repr)
_BLANKS = st.sampled_from(["", "", " ", "\t "])


@st.composite
def _cells(draw: st.DrawFn, value: st.SearchStrategy[str]) -> tuple[str, str]:
    """A value and how it is written: quoted when it must be or at random, blanks around."""
    text = draw(value)
    must = any(c in text for c in ',\n"')
    before, after = draw(_BLANKS), draw(_BLANKS)
    if must or draw(st.integers(0, 3)) == 0:
        return text, before + '"' + text.replace('"', '""') + '"' + after
    return text, before + text + after


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, str, list[list[tuple[str, str]]]]:
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = [
        [
            draw(_cells(st.from_regex(r"[0-9]{2,10}", fullmatch=True))),
            draw(_cells(_FREE_TEXT)),
            *(draw(_cells(_NUMBER)) for _ in range(3)),
        ]
        for _ in range(draw(st.integers(1, 5)))
    ]
    lines = [",".join(_COLUMNS)]
    for row in rows:
        lines.extend([""] * draw(st.integers(0, 1)))
        lines.append(",".join(written.replace("\n", end) for _, written in row))
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    return text, end, rows


@settings(max_examples=200, deadline=None)
@given(_tables())
def test_every_cell_is_located_where_it_is_written(
    table: tuple[str, str, list[list[tuple[str, str]]]],
) -> None:
    text, end, rows = table
    found = read_schedule(text, "s.csv")
    assert found.problems == ()
    physical = text.split(end)
    assert len(found.rows) == len(rows)
    for index, row in enumerate(rows):
        assert found.locate(index, None)[1] == found.locate(index, "hs")[1]
        for column, (value, written) in zip(_COLUMNS, row, strict=True):
            _, line, col = found.locate(index, column)
            start = written.lstrip(" \t").replace("\n", end).split(end)[0]
            assert physical[line - 1][col - 1 :].startswith(start), (column, line, col)
            if column == "description" and value.strip():
                assert found.rows[index][column] == value.strip()
