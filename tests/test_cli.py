"""The command-line tool on real files and real output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from evaluator.cli import cli
from tests.conftest import BROKEN, PROPOSALS, ROOT

Run = Callable[..., Result]


def test_validate_prints_a_summary_per_valid_file(run: Run) -> None:
    files = sorted(str(p) for p in PROPOSALS.glob("*.yaml"))
    result = run("validate", *files)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    assert all(": ok (" in line for line in lines)


def test_validate_mixed_files_exits_2_and_counts(run: Run) -> None:
    good = str(PROPOSALS / "nafta_us_1994.yaml")
    bad = str(BROKEN / "unknown_key.yaml")
    result = run("validate", good, bad)
    assert result.exit_code == 2
    assert "nafta_us_1994.yaml: ok" in result.stdout
    assert result.stderr.splitlines()[-1] == "1 of 2 files invalid"


def test_validate_reads_stdin(run: Run) -> None:
    text = (PROPOSALS / "us_h2a.yaml").read_bytes()
    result = run("validate", "-", input=text)
    assert result.exit_code == 0
    assert result.stdout.startswith("-: ok (visa_scheme for USA")


def test_validate_stdin_errors_name_stdin(run: Run) -> None:
    result = run("validate", "-", input=b"schema_version: 1\ntitle: x\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "<stdin>:1:1: evaluated_for: required field 'evaluated_for' is missing",
        "<stdin>:1:1: kind: required field 'kind' is missing",
        "<stdin>:1:1: parties: required field 'parties' is missing",
    ]


def test_validate_missing_file_is_a_clean_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}:1:1: no such file"


def test_tariff_increase_is_a_note_not_an_error(run: Run, tmp_path: Path) -> None:
    proposal = tmp_path / "increase.yaml"
    proposal.write_text(
        "schema_version: 1\ntitle: Raise\nkind: trade_agreement\nparties: [USA, CHN]\n"
        "evaluated_for: USA\neconomy: {gdp_usd: 2.0e13}\ntariffs:\n  elasticity: 2.0\n"
        "  lines:\n"
        '    - {hs: "8541", partner: CHN, imports_usd: 1.0e9, base_rate: 0.0, final_rate: 0.5}\n'
    )
    result = run("validate", str(proposal))
    assert result.exit_code == 0
    assert "increase.yaml:10:82: tariffs.lines[0].final_rate: note: final_rate 0.5 is above" in (
        result.stderr
    )


@pytest.mark.parametrize("kind", ["trade-agreement", "visa-scheme"])
def test_new_writes_a_starter_that_validates(run: Run, tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.yaml"
    assert run("new", kind, "-o", str(target)).exit_code == 0
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "{schema}" not in text
    result = run("validate", str(target))
    assert result.exit_code == 0, result.stderr


def test_new_to_stdout_validates(run: Run) -> None:
    text = run("new", "visa-scheme").stdout
    assert run("validate", "-", input=text).exit_code == 0


def test_new_points_the_modeline_at_the_repository_schema(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "x.yaml"
    run("new", "trade-agreement", "-o", str(target))
    first = target.read_text().splitlines()[0]
    reference = first.split("$schema=")[1]
    assert (target.parent / reference).resolve() == ROOT / "schemas" / "proposal.schema.json"


def test_new_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n")
    result = run("new", "trade-agreement", "-o", str(target))
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert target.read_text() == "precious\n"
    assert run("new", "trade-agreement", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# yaml-language-server")


def test_new_rejects_unknown_kind(run: Run) -> None:
    result = run("new", "treaty")
    assert result.exit_code == 2
    assert "'treaty' is not one of" in result.stderr


def test_schema_prints_json_schema_2020_12(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Proposal"
    assert {"schema_version", "title", "kind", "parties", "evaluated_for"} <= set(
        schema["required"]
    )


def test_every_command_has_help_with_an_example(run: Run) -> None:
    for name in cli.list_commands(None):  # type: ignore[arg-type]
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, name


def test_python_dash_m_works_like_the_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "evaluator", "validate", str(BROKEN / "bad_choice.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "labor.chapter" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_does_not_import_heavy_libraries() -> None:
    command = [sys.executable, "-X", "importtime", "-m", "evaluator", "--help"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0 and "Usage:" in result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "click" in imported  # the probe sees imports at all
    assert not imported & {"weasyprint", "scipy", "matplotlib", "numpy"}
