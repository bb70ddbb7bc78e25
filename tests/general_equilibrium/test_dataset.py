"""Datasets are data: found by name or path, validated with located messages, never shipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from evaluator.datasets import DatasetError, read_dataset
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from tests.general_equilibrium.synthetic import write_dataset

PROPOSAL = """\
schema_version: 1
title: A small agreement checked in general equilibrium
kind: trade_agreement
parties: [USA, MEX]
evaluated_for: USA
economy: {gdp_usd: 1.0e12}
general_equilibrium:
  dataset: tiny
  tariff_changes:
    - {importers: [USA, MEX], exporters: [USA, MEX], sectors: goods, to: dataset_counterfactual}
"""


def _proposal(folder: Path, text: str = PROPOSAL) -> Path:
    path = folder / "p.yaml"
    path.write_text(text)
    return path


def test_a_missing_column_is_located(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "tiny")
    text = (folder / "theta.csv").read_text().replace("value", "valeur")
    (folder / "theta.csv").write_text(text)
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder)
    assert "tiny/theta.csv:1:1" in str(caught.value) and "missing column(s) value" in str(
        caught.value
    )


def test_an_unknown_region_and_a_bad_number_are_located(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "tiny")
    lines = (folder / "trade.csv").read_text().splitlines()
    lines[3] = lines[3].replace("Mexico", "Mexcio", 1)
    cells = lines[5].split(",")
    cells[3] = "lots"
    lines[5] = ",".join(cells)
    (folder / "trade.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder)
    message = str(caught.value)
    assert "tiny/trade.csv:4:1: " in message and "'Mexcio' is not in regions.csv" in message
    assert "tiny/trade.csv:6:1: value: 'lots' is not a number" in message


def test_a_dataset_next_to_the_proposal_is_found_and_run(tmp_path: Path) -> None:
    write_dataset(tmp_path / "tiny")
    result = evaluate(load_proposal(_proposal(tmp_path)), draws=200, levers=False)
    ge = result.general_equilibrium
    assert ge is not None and ge.evaluated == "USA"
    assert {r.region for r in ge.regions[:2]} == {"USA", "MEX"}
    assert result.metrics["efficiency_gain_usd"] is not None
    national, world = result.bases["national"], result.bases["global"]
    assert national.gain_usd.mean == pytest.approx(ge.welfare_usd)
    assert world.gain_usd.mean == pytest.approx(sum(r.welfare_usd for r in ge.regions))
    assert world.gain_usd.mean == pytest.approx(ge.world_welfare_usd)
    assert result.metrics["efficiency_gain_usd"].mean == pytest.approx(world.gain_usd.mean)


def test_a_missing_dataset_is_a_note_and_the_check_is_not_assessed(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    path = _proposal(tmp_path)
    checked = run("validate", str(path))
    assert checked.exit_code == 0
    assert "note: dataset 'tiny' not found (looked in" in checked.stderr
    result = evaluate(load_proposal(path), draws=200, levers=False)
    assert result.general_equilibrium is None
    rules = {f.rule for f in result.findings}
    assert "general_equilibrium.not_assessed" in rules


def test_a_region_the_dataset_lacks_gets_did_you_mean(tmp_path: Path) -> None:
    write_dataset(tmp_path / "tiny")
    path = _proposal(tmp_path, PROPOSAL.replace("exporters: [USA, MEX]", "exporters: [USA, MXE]"))
    with pytest.raises(DatasetError.__mro__[1]) as caught:  # ProposalError
        load_proposal(path)
    assert "general_equilibrium.tariff_changes[0].exporters[1]: MXE is not a region" in str(
        caught.value
    )
    assert "did you mean MEX?" in str(caught.value)


def test_a_dataset_path_may_not_leave_the_proposal_folder(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    write_dataset(tmp_path / "tiny")
    path = _proposal(inner, PROPOSAL.replace("dataset: tiny", "dataset: ../tiny"))
    with pytest.raises(DatasetError) as caught:
        load_proposal(path)
    assert "leaves the proposal's folder" in str(caught.value)


def test_a_region_missing_from_a_table_is_named(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "tiny")
    lines = (folder / "value_added.csv").read_text().splitlines()
    dropped = [line for line in lines if not line.startswith("Services,Mexico,")]
    (folder / "value_added.csv").write_text("\n".join(dropped) + "\n")
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder)
    assert "tiny/value_added.csv:1:1: Mexico, Services: missing" in str(caught.value)
