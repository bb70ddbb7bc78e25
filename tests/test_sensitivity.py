"""`evaluator sensitivity`: Sobol indices and swings on analytic cases, and on every example."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models import Proposal
from evaluator.models.sensitivity import OutputSensitivity, SensitivityResult
from evaluator.sensitivity import (
    SensitivityError,
    saltelli_design,
    sensitivity,
    sobol_indices,
)
from tests.conftest import PROPOSALS

Run = Callable[..., Result]

HEADER = """schema_version: 1
title: Oracle
kind: trade_agreement
parties: [USA, MEX]
evaluated_for: USA
economy: {gdp_usd: 1.0e12}
"""
LINE = (
    '    - {hs: "01", partner: MEX, imports_usd: 181818181818.18182, base_rate: 0.1, '
    "final_rate: 0}\n"
)
"""Imports of 0.2e12 at domestic prices, valued at world prices (0.2e12 / 1.1), a 10% tariff."""
OUTPUTS = [
    "overall",
    "efficiency",
    "redistribution",
    "labor_voice",
    "policy_space",
    "efficiency_gain_usd",
    "redistribution_usd",
    "pcbr",
]
EXAMPLES = sorted(PROPOSALS.glob("*.yaml"))
FAST = ("--samples", "64", "--draws", "1000")


def rodrik_gain(e: float) -> float:
    """Rodrik's 0.5 (t / (1 + t))^2 m e at t = 0.10, m = 0.2 of a $1tn economy."""
    return 0.5 * (0.1 / 1.1) ** 2 * 0.2e12 * e


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "oracle.yaml"
    path.write_text(HEADER + body)
    return path


def _proposal(tmp_path: Path, body: str) -> Proposal:
    return load_proposal(_write(tmp_path, body))


def _output(result: SensitivityResult, name: str) -> OutputSensitivity:
    (found,) = [o for o in result.outputs if o.name == name]
    return found


def _effects(output: OutputSensitivity) -> dict[str, tuple[float, float, float, float]]:
    return {e.input: (e.s1, e.st, e.low, e.high) for e in output.effects}


def test_the_design_recovers_the_indices_of_an_additive_function() -> None:
    # y = u1 + 2 u2 with u3 idle: variances 1/12 and 4/12, so S1 = ST = (0.2, 0.8, 0).
    keys = ["a", "b", "idle"]
    design = saltelli_design(keys, 1024, seed=7)
    assert design.shape == (1024 * 5, 3)
    indices = sobol_indices(keys, design[:, 0] + 2 * design[:, 1], seed=7)
    assert indices["S1"] == pytest.approx([0.2, 0.8, 0.0], abs=0.05)
    assert indices["ST"] == pytest.approx([0.2, 0.8, 0.0], abs=0.05)
    assert indices["ST"][2] == 0.0 and indices["S1"][2] == 0.0  # an idle input: exactly none
    assert (indices["ST_conf"][:2] > 0).all()


def test_one_input_drives_the_gain_and_an_idle_one_nothing(tmp_path: Path) -> None:
    # The gain is linear in the elasticity e ~ U(1, 3); the discount rate only discounts the
    # present value, so it explains none of the scores or headline metrics.
    body = (
        "parameters:\n  discount_rate: {low: 0.01, high: 0.05}\n"
        "tariffs:\n  elasticity: {low: 1.0, high: 3.0}\n  lines:\n" + LINE
    )
    result = sensitivity(_proposal(tmp_path, body), samples=256, draws=1000)
    assert [i.name for i in result.inputs] == ["discount_rate", "import_demand_elasticity"]
    assert result.evaluations == 256 * 4 + 5
    gain = _output(result, "efficiency_gain_usd")
    assert gain.varies and gain.note is None
    s1, st, low, high = _effects(gain)["import_demand_elasticity"]
    assert s1 == pytest.approx(1.0, abs=0.05) and st == pytest.approx(1.0, abs=0.05)
    assert gain.base == pytest.approx(rodrik_gain(2.0), rel=1e-9)  # e at its median
    assert low == pytest.approx(rodrik_gain(1.1), rel=1e-9)  # its 5th percentile
    assert high == pytest.approx(rodrik_gain(2.9), rel=1e-9)  # its 95th percentile
    for name in ("overall", "efficiency", "efficiency_gain_usd"):
        output = _output(result, name)
        assert output.varies, name
        assert output.effects[0].input == "import_demand_elasticity"
        s1, st, low, high = _effects(output)["discount_rate"]
        assert (s1, st) == (pytest.approx(0.0, abs=1e-12), pytest.approx(0.0, abs=1e-12))
        assert low == high == output.base
    elasticity = {i.name: i for i in result.inputs}["import_demand_elasticity"]
    assert (elasticity.p05, elasticity.p95) == (pytest.approx(1.1), pytest.approx(2.9))
    assert elasticity.set_by == "proposal" and elasticity.field == "tariffs.elasticity"


def test_swings_bracket_the_base_for_a_monotone_input() -> None:
    # A more negative native wage elasticity (its 5th percentile) means larger wage losses:
    # more income reshuffled, a higher PCBR and a lower redistribution score.
    proposal = load_proposal(PROPOSALS / "guest_worker_rodrik.yaml")
    result = sensitivity(proposal, samples=64, draws=1000)
    for name, falls in (("redistribution_usd", True), ("pcbr", True), ("redistribution", False)):
        output = _output(result, name)
        assert output.base is not None
        *_, low, high = _effects(output)["native_wage_elasticity"]
        assert (low > output.base > high) if falls else (low < output.base < high), name
        assert output.effects[0].input == "native_wage_elasticity", name
    elasticity = {i.name: i for i in result.inputs}["native_wage_elasticity"]
    assert elasticity.set_by == "default"
    assert (elasticity.p05, elasticity.p95) == (pytest.approx(-0.38), pytest.approx(-0.02))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_through_the_cli(run: Run, path: Path) -> None:
    out = run("sensitivity", str(path), *FAST, "--format", "json")
    assert out.exit_code == 0, out.stderr
    result = SensitivityResult.model_validate_json(out.stdout)
    assert [o.name for o in result.outputs] == OUTPUTS
    assert (result.samples, result.draws) == (64, 1000)
    names = {i.name for i in result.inputs}
    for output in result.outputs:
        if output.reported is None or not result.inputs:
            assert output.note and not output.effects, output.name
            continue
        assert {e.input for e in output.effects} == names, output.name
        assert output.varies == (output.note is None), output.name
        assert all(np.isfinite([e.s1, e.st, e.s1_conf, e.st_conf]).all() for e in output.effects)
        totals = [e.st for e in output.effects]
        assert totals == sorted(totals, reverse=True), output.name
    assert json.loads(out.stdout)["seed"] == 20_261_122


def test_the_table_names_the_drivers(run: Run) -> None:
    out = run("sensitivity", str(PROPOSALS / "guest_worker_rodrik.yaml"), *FAST)
    assert out.exit_code == 0, out.stderr
    text = out.stdout
    assert "Overall score:" in text and "with every input at its median" in text
    assert "native_wage_elasticity" in text and "at p05" in text and "Uncertain inputs" in text
    assert "Labor voice: 93.0: does not vary with the uncertain inputs" in text
    assert "64 x (9 + 2) = 704 evaluations of a Saltelli design" in text


def test_a_proposal_with_nothing_uncertain_says_so(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "tariffs:\n  elasticity: 1.5\n  lines:\n" + LINE)
    out = run("sensitivity", str(path), *FAST, "--format", "json")
    assert out.exit_code == 0, out.stderr
    result = SensitivityResult.model_validate_json(out.stdout)
    assert result.inputs == [] and result.evaluations == 0
    assert any(note.startswith("nothing uncertain") for note in result.notes)
    gain = _output(result, "efficiency_gain_usd")
    assert not gain.varies and gain.base == pytest.approx(rodrik_gain(1.5), rel=1e-9)
    table = run("sensitivity", str(path), *FAST)
    assert table.exit_code == 0 and "Note: nothing uncertain" in table.stdout


def test_a_proposal_without_economics_says_so(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "investment: {isds: true, isds_scope: broad}\n")
    out = run("sensitivity", str(path), *FAST, "--format", "json")
    assert out.exit_code == 0, out.stderr
    result = SensitivityResult.model_validate_json(out.stdout)
    assert any(note.startswith("no economics") for note in result.notes)
    for name in ("efficiency_gain_usd", "redistribution_usd", "pcbr"):
        output = _output(result, name)
        assert output.reported is None and output.note is not None
        assert output.note.startswith("not estimated: no tariffs or mobility section"), name
    table = run("sensitivity", str(path), *FAST)
    assert table.exit_code == 0 and "Note: no economics" in table.stdout


def test_an_undefined_pcbr_is_reported_not_analysed(tmp_path: Path) -> None:
    raise_line = LINE.replace("base_rate: 0.1, final_rate: 0", "base_rate: 0.0, final_rate: 0.25")
    body = "tariffs:\n  elasticity: {low: 1.0, high: 3.0}\n  lines:\n" + raise_line
    result = sensitivity(_proposal(tmp_path, body), samples=16, draws=1000)
    pcbr = _output(result, "pcbr")
    assert pcbr.reported is None and pcbr.note is not None and "undefined" in pcbr.note
    assert _output(result, "efficiency_gain_usd").varies


def test_the_same_seed_gives_the_same_analysis(tmp_path: Path) -> None:
    body = "tariffs:\n  elasticity: {low: 1.0, high: 3.0}\n  lines:\n" + LINE
    proposal = _proposal(tmp_path, body)
    first = sensitivity(proposal, samples=16, draws=500, seed=3)
    assert sensitivity(proposal, samples=16, draws=500, seed=3) == first
    assert sensitivity(proposal, samples=16, draws=500, seed=4) != first


def test_the_model_depends_only_on_the_given_uniforms() -> None:
    # Every input the models draw must be one the provenance lists: otherwise its seeded draws
    # would add variance the analysis cannot attribute.
    proposal = load_proposal(PROPOSALS / "rebalanced_agreement.yaml")
    keys = [
        u.name
        for u in evaluate(proposal, draws=100, levers=False).provenance.parameters
        if u.distribution != "fixed"
    ]
    u = {key: np.random.default_rng(i).random(200) for i, key in enumerate(keys)}
    one = evaluate(proposal, draws=200, seed=1, levers=False, uniforms=u)
    two = evaluate(proposal, draws=200, seed=2, levers=False, uniforms=u)
    for name, values in one.score_draws.items():
        assert np.array_equal(values, two.score_draws[name]), name
    for name, values in one.metric_draws.items():
        if values is not None:
            assert np.array_equal(values, two.metric_draws[name]), name
    with pytest.raises(ValueError, match="uniforms given for 100 draws"):
        evaluate(proposal, draws=100, levers=False, uniforms=u)


def test_bad_sample_sizes_are_refused(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(PROPOSALS / "us_h2a.yaml")
    out = run("sensitivity", path, "--samples", "100")
    assert out.exit_code == 2 and "not a power of 2" in out.stderr
    assert run("sensitivity", path, "--samples", "4").exit_code == 2
    proposal = load_proposal(path)
    with pytest.raises(SensitivityError, match="power of 2"):
        sensitivity(proposal, samples=100)
    monkeypatch.setattr("evaluator.sensitivity.MAX_EVALUATIONS", 100)
    with pytest.raises(SensitivityError, match="need 393 model evaluations, more than 100"):
        sensitivity(proposal, samples=64, draws=100)
    out = run("sensitivity", path, "--samples", "64", "--draws", "100")
    assert out.exit_code == 2 and "ask for fewer --samples" in out.stderr
