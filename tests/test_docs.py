"""The README and the proposals guide keep up with the code."""

from __future__ import annotations

import re

from evaluator.cli import cli
from evaluator.schema import proposal_schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_every_command_appears_in_the_readme() -> None:
    for name in cli.list_commands(None):  # type: ignore[arg-type]
        assert f"evaluator {name}" in README, name


def test_exit_codes_are_documented() -> None:
    section = README.split("## Exit codes")[1].split("##")[0]
    assert re.search(r"\|\s*0\s*\|", section) and re.search(r"\|\s*2\s*\|", section)


def test_proposals_guide_names_every_schema_field() -> None:
    guide = (ROOT / "proposals" / "README.md").read_text()
    schema = proposal_schema()
    models = {"Proposal": schema, **schema["$defs"]}
    fields = {name for body in models.values() for name in body.get("properties", {})}
    missing = sorted(name for name in fields if f"`{name}`" not in guide)
    assert missing == []


def test_readme_basis_table_matches_the_golden_results() -> None:
    """The README's table of PCBRs on both bases is what the tool computes (goldens)."""
    import json

    from evaluator.formatting import money, ratio

    rows = {
        "Rebalanced agreement": "rebalanced_agreement",
        "Rodrik's guest-worker scheme": "guest_worker_rodrik",
        "NAFTA, US side, tariff lines (partial equilibrium)": "nafta_us_1994",
    }
    for label, name in rows.items():
        result = json.loads((ROOT / "tests" / "golden" / f"{name}.json").read_text())
        cells = []
        for basis in ("global", "national"):
            block = result["bases"][basis]
            cells.append(f"{money(block['gain_usd']['mean'])}, {ratio(block['pcbr']['mean'])}")
        assert f"| {label} | {cells[0]} | {cells[1]} |" in README, label


def test_readme_limits_are_the_code_s() -> None:
    """Every limit the README's table states is the constant the code enforces."""
    from evaluator import bounds, confine, csv_cells, document, schedule

    section = README.split("**Limits**")[1].split("**Outputs**")[0]
    stated = {
        f"{document.MAX_BYTES // 1024} KiB": "proposal size",
        f"{confine.STDIN_SILENCE_SECONDS:g} s without data": "stdin silence",
        f"{schedule.MAX_CSV_BYTES // 2**20} MiB": "schedule size",
        f"{schedule.MAX_SCHEDULE_ROWS:,} rows": "schedule rows",
        f"{csv_cells.MAX_CELL_CHARS:,} characters a cell": "cell size",
        f"{schedule.MAX_COLUMNS} columns": "columns",
        f"| {bounds.MAX_TOTAL_LINES:,} (`--max-lines`, up to {bounds.MOST_LINES:,})": "lines",
        f"{bounds.PEAK_BYTES_PER_LINE:,} bytes a line": "peak per line",
        f"100 to {bounds.MAX_DRAWS:,}": "draws",
        f"default {bounds.DEFAULT_MEMORY_BUDGET_MIB:,}": "memory budget",
        f"default {bounds.DEFAULT_CELL_BUDGET:,}": "cell budget",
        f"{bounds.MAX_COMPARED} files": "compare",
        f"{bounds.PEAK_BYTES_PER_DRAW // 1024} KiB a draw": "peak per draw",
        f"{bounds.RETAINED_BYTES_PER_DRAW} B a draw": "kept per draw",
    }
    missing = [what for text, what in stated.items() if text not in section]
    assert missing == []
