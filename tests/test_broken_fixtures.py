"""One broken fixture per error mode: each gets exactly the expected located lines, exit 2."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from evaluator.errors import ProposalError
from evaluator.loading import load_proposal
from tests.conftest import BROKEN

# fixture -> [(file, line, col, field path, fragment of the message)], one entry per problem.
EXPECTED: dict[str, list[tuple[str, int, int, str, str]]] = {
    "duplicate_key": [("duplicate_key.yaml", 10, 1, "", "duplicate key 'title' (first at line 2)")],
    "alias": [("alias.yaml", 10, 7, "", "alias *line is not allowed")],
    "deep_nesting": [("deep_nesting.yaml", 7, 41, "", "nesting is deeper than 32 levels")],
    "top_level_list": [("top_level_list.yaml", 1, 1, "", "the top level is a list")],
    "empty": [("empty.yaml", 1, 1, "", "the file is empty")],
    "not_utf8": [("not_utf8.yaml", 7, 13, "", "byte 0xe9 is not UTF-8")],
    "nan": [("nan.yaml", 9, 33, "tariffs.lines[0].imports_usd", "not a finite number")],
    "yaml11_directive": [("yaml11_directive.yaml", 2, 1, "", "reads YAML 1.2")],
    "multiple_documents": [("multiple_documents.yaml", 7, 1, "", "one proposal per file")],
    "custom_tag": [("custom_tag.yaml", 7, 10, "", "tag !!python/object/apply:os.system")],
    "merge_key": [("merge_key.yaml", 8, 3, "", "merge key << is not allowed")],
    "invalid_syntax": [("invalid_syntax.yaml", 9, 1, "", "not valid YAML")],
    "unknown_key": [
        ("unknown_key.yaml", 10, 27, "labor.enforcable", "did you mean 'enforceable'?")
    ],
    "alpha2_country": [("alpha2_country.yaml", 4, 16, "parties[1]", "did you mean NOR (Norway)?")],
    "bare_hs_code": [("bare_hs_code.yaml", 9, 12, "tariffs.lines[0].hs", 'quote it, hs: "010121"')],
    "rate_in_percent": [
        ("rate_in_percent.yaml", 9, 51, "tariffs.lines[0].base_rate", "rates are fractions")
    ],
    "wrong_type": [("wrong_type.yaml", 9, 33, "tariffs.lines[0].imports_usd", "expected a number")],
    "bad_choice": [("bad_choice.yaml", 7, 18, "labor.chapter", "did you mean 'side_agreement'?")],
    "missing_field": [("missing_field.yaml", 1, 1, "parties", "required field 'parties'")],
    "evaluated_for_not_party": [
        ("evaluated_for_not_party.yaml", 5, 16, "evaluated_for", "CAN is not among parties")
    ],
    "visa_min_above_max": [
        ("visa_min_above_max.yaml", 10, 21, "mobility.visa_years.min", "min (5) is above max (3)")
    ],
    "range_low_above_high": [
        ("range_low_above_high.yaml", 8, 21, "tariffs.elasticity.low", "swap them")
    ],
    "unknown_source": [
        ("unknown_source.yaml", 11, 81, "tariffs.lines[0].source", "'cp2051' is not an id")
    ],
    "isds_scope_without_isds": [
        ("isds_scope_without_isds.yaml", 7, 39, "investment.isds_scope", "isds is false")
    ],
    "missing_economy": [("missing_economy.yaml", 1, 1, "economy", "required with tariffs")],
    "yaml11_boolean": [
        ("yaml11_boolean.yaml", 7, 40, "labor.enforceable", "YAML 1.2 reads 'yes' as text")
    ],
    "schema_version": [("schema_version.yaml", 1, 17, "schema_version", "reads version 1")],
    "csv_bad_cell": [("csv_bad_cell.csv", 3, 10, "imports_usd", "got the text 'lots'")],
    "csv_unknown_column": [
        ("csv_unknown_column.csv", 1, 34, "final_rat", "did you mean 'final_rate'?")
    ],
    "csv_missing_file": [
        ("csv_missing_file.yaml", 8, 14, "tariffs.lines_csv", "no_such_schedule.csv")
    ],
    "csv_partner_not_party": [
        ("csv_partner_not_party.csv", 3, 6, "partner", "CHN is not among parties")
    ],
    "exports_without_supply_elasticity": [
        (
            "exports_without_supply_elasticity.yaml",
            8,
            3,
            "tariffs.exporters_supply_elasticity",
            "the tool ships no cited default",
        )
    ],
    "mfn_with_rest_of_world_rate": [
        (
            "mfn_with_rest_of_world_rate.yaml",
            12,
            62,
            "tariffs.lines[0].rest_of_world_rate",
            "drop rest_of_world_rate or make the cut preferential",
        )
    ],
    "partner_is_evaluated_country": [
        (
            "partner_is_evaluated_country.yaml",
            10,
            29,
            "tariffs.lines[0].partner",
            "the evaluated country itself",
        )
    ],
    "export_line_unnamed": [
        (
            "export_line_unnamed.yaml",
            11,
            7,
            "tariffs.exports[0]",
            "needs an `hs` code or a `sector`",
        )
    ],
}


def test_every_fixture_is_covered() -> None:
    assert sorted(EXPECTED) == sorted(p.stem for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_reports_each_problem_once_at_its_place(name: str) -> None:
    with pytest.raises(ProposalError) as caught:
        load_proposal(BROKEN / f"{name}.yaml")
    problems = caught.value.problems
    assert len(problems) == len(EXPECTED[name]), [str(p) for p in problems]
    for problem, (file, line, col, path, fragment) in zip(problems, EXPECTED[name], strict=True):
        assert problem.file.endswith(file)
        assert (problem.line, problem.col, problem.path) == (line, col, path), str(problem)
        assert fragment in problem.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_prints_one_line_per_problem_and_exits_2(name: str, run: Callable[..., Result]) -> None:
    result = run("validate", str(BROKEN / f"{name}.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(EXPECTED[name])
    for text, (file, line, col, path, fragment) in zip(lines, EXPECTED[name], strict=True):
        assert f"{file}:{line}:{col}:" in text
        assert path in text and fragment in text
        assert "Traceback" not in text
