"""The columnar fast path of the CSV schedule reader says exactly what the located reader says.

Every test loads a proposal twice, once as the tool does (fast path first) and once with the
fast path turned off, and wants the same lines, notes and messages. The fast path must also be
taken where it should be (a clean schedule), or the tool is silently slow.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import schedule_columns
from evaluator.errors import ProposalError
from evaluator.loading import load_proposal, notes
from evaluator.models import TARIFF_LINE_COLUMNS, TariffLine
from evaluator.models.line_table import LineTable
from evaluator.schedule import read_schedule

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "proposals" / "schedules" / "synthetic_20000.csv"
CSV_FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.csv"))

PROPOSAL = """\
schema_version: 1
title: Fast path check
kind: trade_agreement
parties: [USA, MEX, CAN, DEU, JPN, KOR, VNM]
evaluated_for: USA
economy: {gdp_usd: 2.6e13}
sources:
  - {id: synthetic, citation: Synthetic data.}
tariffs:
  elasticity: {low: 1.0, high: 3.0}
  lines:
    - {hs: "0101", partner: MEX, imports_usd: 1.0e6, base_rate: 0.1, final_rate: 0}
  lines_csv: schedule.csv
"""


def _outcome(folder: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What loading the proposal gives: its lines and notes, or its messages."""
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(schedule_columns, "read_columns", lambda *args, **kwargs: None)
        try:
            proposal = load_proposal(folder / "proposal.yaml")
        except ProposalError as error:
            return ("error", [str(p) for p in error.problems])
    assert proposal.tariffs is not None
    return ("lines", proposal.tariffs.lines, [str(n) for n in notes(proposal)])


def _same_both_ways(folder: Path, csv: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    (folder / "proposal.yaml").write_text(PROPOSAL)
    (folder / "schedule.csv").write_text(csv, newline="")
    fast = _outcome(folder, True, monkeypatch)
    slow = _outcome(folder, False, monkeypatch)
    assert fast == slow, csv
    return fast


@pytest.mark.parametrize("path", CSV_FIXTURES, ids=lambda p: p.name)
def test_every_fixture_schedule_reads_the_same(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_both_ways(tmp_path, path.read_text(encoding="utf-8-sig"), monkeypatch)


def test_the_synthetic_schedule_takes_the_fast_path_and_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SYNTHETIC.read_text()
    schedule = read_schedule(text, "s.csv")
    assert schedule.table is not None and len(schedule.table) == 20_000
    row = text.splitlines()[42]  # the 42nd row, on the file's line 43
    column = len(",".join(row.split(",")[:3])) + 2  # imports_usd is the 4th cell
    assert schedule.locate(41, "imports_usd") == ("s.csv", 43, column)
    kind, lines, _ = _same_both_ways(tmp_path, text, monkeypatch)
    assert kind == "lines" and len(lines) == 20_001


_HEADER = ",".join(TARIFF_LINE_COLUMNS)
_ROW = [
    "0201",
    "",
    "Beef",
    "MEX",
    "2.5e8",
    "0.12",
    "0",
    "5",
    "1.2",
    "9e8",
    "1e7",
    "",
    "",
    "",
    "synthetic",
]
_CELLS = [
    "",
    " ",
    "-1",
    "0",
    "-0",
    "1e400",
    "abc",
    "1_000",
    "1,000",
    " 5 ",
    "5.0",
    "007",
    "+.5",
    "1e5",
    "12.5",
    "11",
    "50",
    "51",
    "0.0001",
    "100",
    "101",
    "NOR",
    "XXX",
    "usa",
    "USA",
    "nan",
    "inf",
    '"q,x"',
    '"',
    "\t",
    ' "q" ',
    '"q""x"',
    '"a"b',
    '"12"',
    '""',
    '"MEX"',
    '"1,0"',
    '"line\nbreak"',
    "x" * 201,
    "9" * 11,
    "1",
    "Ω",
    "\u202e",
    "a b",
    "1 000",
    "1.2.3",
    "e5",
    "unknown_src",
    "synthetic",
    "2.0e9",
    "3e-4",
]


def _mutations(seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(60):
        rows = []
        for k in range(rng.randint(1, 6)):
            row = list(_ROW)
            row[0] = f"{201 + k:04d}"
            for _ in range(rng.choice((0, 0, 1, 2))):
                row[rng.randrange(len(row))] = rng.choice(_CELLS)
            text = ",".join(row)
            if rng.random() < 0.05:
                text = text.replace(",", "", 1)
            if rng.random() < 0.05:
                text += ","
            rows.append(text)
            if rng.random() < 0.1:
                rows.append(
                    rng.choice(("", " ", ",,,", " , ,", ",,,,,,,,,,,,,,", ",,,,,,,,,,,,,,,,"))
                )
        if rng.random() < 0.1:
            rows.append(rows[0])
        end = rng.choice(("\n", "\r\n", ""))
        yield end.join([_HEADER, *rows]) + rng.choice((end, ""))


@pytest.mark.parametrize("seed", range(4))
def test_mutated_schedules_read_the_same(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = set()
    for csv in _mutations(seed):
        kinds.add(_same_both_ways(tmp_path, csv, monkeypatch)[0])
    assert kinds == {"error", "lines"}  # both kinds of outcome were exercised


def test_a_clean_schedule_with_every_column_takes_the_fast_path() -> None:
    text = _HEADER + "\n" + ",".join(_ROW) + "\n,,,\n" + ",".join(["0202", *_ROW[1:]]) + "\n"
    schedule = read_schedule(text, "s.csv")
    assert schedule.table is not None and len(schedule.table) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e15, allow_nan=False), min_size=1, max_size=20))
def test_numpy_parses_plain_numbers_as_float_does(values: list[float]) -> None:
    cells = [f"{v!r}" for v in values] + [f"{v:.4e}" for v in values] + [f"{v:f}" for v in values]
    parsed = np.fromstring("\n".join(cells), sep="\n")
    assert parsed.tolist() == [float(c) for c in cells]


def test_the_fast_path_checks_the_ranges_the_line_model_states() -> None:
    schema = TariffLine.model_json_schema()
    for name, (low, high) in schedule_columns._BOUNDS.items():
        lows, highs = _limits(schema["properties"][name], schema.get("$defs", {}))
        assert lows == {low} and highs == {high}, name


def _limits(node: Any, defs: dict[str, Any]) -> tuple[set[float], set[float]]:
    """Every minimum and maximum a JSON Schema node states for a number, $refs followed."""
    lows: set[float] = set()
    highs: set[float] = set()
    if isinstance(node, dict):
        if "$ref" in node:
            return _limits(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        if node.get("type") in ("number", "integer"):
            lows.update([node["minimum"]] if "minimum" in node else [])
            highs.update([node["maximum"]] if "maximum" in node else [])
        for key, value in node.items():
            if key != "properties" or node.get("type") != "object":
                found = _limits(value, defs)
            else:  # a range's low and high; a number's basis has no limits of its own
                found = _limits(
                    {k: v for k, v in value.items() if k in ("low", "high", "value")}, defs
                )
            lows |= found[0]
            highs |= found[1]
    elif isinstance(node, list):
        for item in node:
            found = _limits(item, defs)
            lows |= found[0]
            highs |= found[1]
    return lows, highs


def test_a_table_round_trips_its_lines() -> None:
    lines = [
        TariffLine(hs="0101", imports_usd=1.0, base_rate=0.1, final_rate=0.0),
        TariffLine.model_validate(
            {
                "sector": "Cars",
                "imports_usd": 2.0,
                "base_rate": 0.2,
                "final_rate": 0.1,
                "elasticity": {"low": 1.0, "high": 2.0},
                "phase_in_years": 3,
            }
        ),
    ]
    table = LineTable.from_lines(lines)
    assert list(table) == lines and table[-1] == lines[1] and len(table[0:5]) == 2
    assert table.with_lines({0: lines[1]})[0] == lines[1]
    assert table.concat(table)[3] == lines[1]
    assert table.bounds("elasticity", 5.0, 6.0)[0].tolist() == [5.0, 1.0]


def test_a_schedule_past_the_cap_is_left_to_the_located_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evaluator import schedule

    monkeypatch.setattr(schedule, "MAX_SCHEDULE_ROWS", 2)
    rows = "".join(f"61{n:02d},MEX,1,0.1,0\n" for n in range(3))
    found = read_schedule("hs,partner,imports_usd,base_rate,final_rate\n" + rows, "s.csv")
    assert found.table is None
    assert "more than 2 rows" in found.problems[0].message
    blank_after = read_schedule(
        "hs,partner,imports_usd,base_rate,final_rate\n6101,MEX,1,0.1,0\n\n\n\n", "s.csv"
    )
    assert blank_after.problems == () and blank_after.table is None  # 4 rows, 3 blank
    monkeypatch.setattr(schedule, "MAX_SCHEDULE_ROWS", 4)
    assert (
        read_schedule(
            "hs,partner,imports_usd,base_rate,final_rate\n6101,MEX,1,0.1,0\n\n\n\n", "s.csv"
        ).table
        is not None
    )


def test_the_country_codes_read_from_pycountrys_file_are_pycountrys() -> None:
    import pycountry

    from evaluator.models.common import alpha3_codes

    assert alpha3_codes() == tuple(sorted(c.alpha_3 for c in pycountry.countries))


def test_the_packaged_data_cache_gives_what_it_was_built_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluator.packaged_cache import cached

    monkeypatch.setenv("EVALUATOR_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n")
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"a": len(built)}

    assert cached("t", [source], build) == {"a": 1}
    assert cached("t", [source], build) == {"a": 1} and len(built) == 1  # kept
    source.write_text("a: 2\n")
    assert cached("t", [source], build) == {"a": 2}  # the file changed: built again
    for kept in (tmp_path / "cache").iterdir():
        kept.write_bytes(b"not a pickle")
    assert cached("t", [source], build) == {"a": 3}  # unreadable: built again
    monkeypatch.setenv("EVALUATOR_CACHE", "off")
    assert cached("t", [source], build) == {"a": 4}


def test_a_spreadsheet_export_with_quoted_cells_takes_the_fast_path_and_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        '0201,"Meat, of bovine",MEX,2.5e8,0.12,0',
        '0202,"A ""frozen"" cut",CAN,1e8,0.1,0',
        "",
        ' 0201 ,"Meat, again",MEX,1e6,0.12,0',
    ]
    text = "hs,description,partner,imports_usd,base_rate,final_rate\n" + "\n".join(rows) + "\n"
    found = read_schedule(text, "s.csv")
    assert found.table is not None and found.table[1].description == 'A "frozen" cut'
    assert [(n.line, n.col) for n in found.notes] == [(5, 2)]  # the repeat, at its hs cell
    kind, _, notes_found = _same_both_ways(tmp_path, text, monkeypatch)
    assert kind == "lines" and len(notes_found) == 1
