"""Parameter overrides are range-checked: every packaged parameter has a valid range, and an
override outside it is a located error (exit 2) in `validate` and `score` alike."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from evaluator.economics import matching
from evaluator.economics.parameters import ParameterError, ValidRange, default_parameters
from evaluator.models.chapters import MAX_MATCHED_WORKERS
from tests.conftest import ROOT

Run = Callable[..., Result]
DEFAULT = Path(__file__).resolve().parents[1] / "evaluator" / "data" / "parameters.yaml"
REGISTRY = default_parameters()
NAMES = REGISTRY.names

PROPOSAL = """schema_version: 1
title: Parameter ranges
kind: mixed
parties: [USA, MEX, PAK]
evaluated_for: USA
economy: {gdp_usd: 1.0e12, domestic_expenditure_share: 0.93}
tariffs:
  elasticity: 2
  lines:
    - {hs: "01", partner: MEX, imports_usd: 1.0e9, base_rate: 0.1, final_rate: 0.0,
       phase_in_years: 5}
mobility:
  host: USA
  origins: [{country: PAK, annual_quota: 50000, home_wage_usd: 3000}]
  visa_years: 4
  competing_workforce: 2.0e7
  competing_wage_usd: 30000
  expected_return_rate: 0.9
  forced_savings: {share_of_wages: 0.1}
  quota_adjustment: {by_return_rate: true, target_return_rate: 0.9}
parameters:
  {override}
"""


def _valid(name: str) -> ValidRange:
    if name in REGISTRY:
        return REGISTRY.get(name).valid
    valid = REGISTRY.required_inputs[name].valid
    assert valid is not None
    return valid


def _write(tmp_path: Path, name: str, value: str) -> tuple[Path, str]:
    path = tmp_path / "p.yaml"
    text = PROPOSAL.replace("{override}", f"{name}: {value}")
    path.write_text(text, encoding="utf-8")
    return path, text


def _at(text: str, token: str) -> str:
    """``line:col`` of ``token`` on the override's line (the last line of the file)."""
    lines = text.splitlines()
    return f"{len(lines)}:{lines[-1].index(token) + 1}"


def _number(x: float) -> str:
    return repr(float(x))


def _rejected(run: Run, tmp_path: Path, name: str, value: str, token: str, where: str) -> str:
    """Both commands exit 2 with the problem at ``token``; returns validate's stderr."""
    path, text = _write(tmp_path, name, value)
    expected = f"p.yaml:{_at(text, token)}: parameters.{name}{where}: "
    outputs = []
    for command in (["validate"], ["score", "--draws", "100"]):
        result = run(*command, str(path))
        assert result.exit_code == 2, (command, result.stdout, result.stderr)
        assert expected in result.stderr, (command, result.stderr)
        assert "internal error" not in result.stderr
        outputs.append(result.stderr)
    return outputs[0]


def test_every_parameter_has_a_valid_range_holding_its_value_and_distribution() -> None:
    for name in NAMES:
        param = REGISTRY.get(name)
        for x in (param.value, *param.support()):
            assert param.valid.contains(x), (name, x)
        assert param.valid.low < param.valid.high
    for name, req in REGISTRY.required_inputs.items():
        assert (req.valid is not None) == req.overridden(name), name


def test_the_horizon_is_a_whole_number_of_at_most_a_century() -> None:
    horizon = REGISTRY.get("present_value_horizon_years").valid
    assert horizon.whole and (horizon.low, horizon.high) == (1, 100)


def test_the_matching_bound_in_the_model_is_the_economics_one() -> None:
    assert MAX_MATCHED_WORKERS == matching.MAX_WORKERS


RESPONSIVENESS_RANGE = (
    '    valid:\n      low: 0.0\n      high: 100.0\n      why: "k < 0 would lower returns; at k = '
    '100 withholding 5% of wages removes 99% of overstays"\n'
)


def _broken_file(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "parameters.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '    valid: {low: 0.0, high: 1.0}\n    source:\n      title: "Sending',
            '    source:\n      title: "Sending',
            r"remittance_share\.valid: Field required",
        ),
        (
            "      low: 1\n      high: 100\n",
            "      low: 21\n      high: 100\n",
            "value: 20 is outside the valid range 21 to 100",
        ),
        (
            "      low: -1.0\n      high: 1.0\n",
            "      low: -0.3\n      high: 1.0\n",
            "low: -0.4 is outside the valid range -0.3 to 1",
        ),
        ("      low: 1\n      high: 100\n", "      low: 100\n      high: 1\n", "low < high"),
        ('      why: "k < 0 would lower', '      whyy: "k < 0 would lower', r"valid\.whyy"),
        (RESPONSIVENESS_RANGE, "", "give it `valid`"),
    ],
)
def test_the_loader_requires_and_checks_the_range(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    from evaluator.economics.parameters import load_parameters

    with pytest.raises(ParameterError, match=message) as info:
        load_parameters(_broken_file(tmp_path, old, new))
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize("name", NAMES)
def test_an_override_below_or_above_the_range_is_a_located_error(
    run: Run, tmp_path: Path, name: str
) -> None:
    valid = _valid(name)
    below, above = _number(valid.low - 1), _number(valid.high * 2 + 1)
    stderr = _rejected(run, tmp_path, name, below, below, "")
    assert f"is outside the valid range {valid.describe()} ({REGISTRY.get(name).unit})" in stderr
    _rejected(run, tmp_path, name, above, above, "")


@pytest.mark.parametrize("name", [*NAMES, "forced_savings_responsiveness"])
def test_an_override_at_either_end_is_accepted(run: Run, tmp_path: Path, name: str) -> None:
    valid = _valid(name)
    for end, open_ in ((valid.low, valid.low_open), (valid.high, valid.high_open)):
        value = repr(int(end)) if valid.whole else _number(end)
        path, _ = _write(tmp_path, name, value)
        result = run("validate", str(path))
        if open_:
            assert result.exit_code == 2 and "(excluded)" in result.stderr, result.stderr
        else:
            assert result.exit_code == 0, (name, value, result.stderr)


def test_an_override_at_the_ends_scores(run: Run, tmp_path: Path) -> None:
    for value in ("{low: 0.0, high: 0.5}", "0.5"):
        path, _ = _write(tmp_path, "discount_rate", value)
        result = run("score", str(path), "--draws", "100", "-f", "json")
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "token", "where"),
    [
        ("{low: -0.01, high: 0.05}", "-0.01", ".low"),
        ("{low: 0.01, high: 0.6}", "0.6", ".high"),
        ("{value: -1}", "-1", ".value"),
        ("-1", "-1", ""),
        ("1.0e+308", "1.0e+308", ""),
    ],
)
def test_every_form_of_an_override_is_checked_at_its_number(
    run: Run, tmp_path: Path, value: str, token: str, where: str
) -> None:
    stderr = _rejected(run, tmp_path, "discount_rate", value, token, where)
    assert "outside the valid range 0 to 0.5 (fraction per year (real))" in stderr


def test_both_ends_of_a_range_are_reported(run: Run, tmp_path: Path) -> None:
    path, text = _write(tmp_path, "discount_rate", "{low: -1, high: 2}")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert f"p.yaml:{_at(text, '-1')}: parameters.discount_rate.low: -1 is outside" in result.stderr
    assert f"p.yaml:{_at(text, '2}')}: parameters.discount_rate.high: 2 is outside" in result.stderr


@pytest.mark.parametrize(
    ("value", "token", "where"),
    [
        ("20.5", "20.5", ""),
        ("{value: 2.5}", "2.5", ".value"),
        ("{low: 10, high: 30.5}", "30.5", ".high"),
    ],
)
def test_the_horizon_must_be_whole(
    run: Run, tmp_path: Path, value: str, token: str, where: str
) -> None:
    name = "present_value_horizon_years"
    stderr = _rejected(run, tmp_path, name, value, token, where)
    assert "is not a whole number: give one from 1 to 100 (years)" in stderr


@pytest.mark.parametrize("value", ["0", "-1", "101", "1.0e+9"])
def test_the_horizon_is_bounded(run: Run, tmp_path: Path, value: str) -> None:
    stderr = _rejected(run, tmp_path, "present_value_horizon_years", value, value, "")
    assert "outside the valid range 1 to 100 (years); beyond a century" in stderr


def test_an_input_that_belongs_in_another_field_says_which(run: Run, tmp_path: Path) -> None:
    stderr = _rejected(run, tmp_path, "import_demand_elasticity", "2", "2", "")
    assert "give it as `tariffs.elasticity`" in stderr


def test_open_ends_and_whole_numbers_in_words() -> None:
    share = ValidRange(low=0.0, high=1.0, low_open=True)
    assert share.describe() == "0 (excluded) to 1"
    assert share.problem(0.0, "share") == "0 is outside the valid range 0 (excluded) to 1 (share)"
    assert share.problem(1.0, "share") is None
    years = ValidRange(low=1, high=100, whole=True, why="a reason")
    assert years.problem(20.0, "years") is None
    assert years.problem(0.0, "years") == (
        "0 is outside the valid range 1 to 100 (years); a reason"
    )
    assert not years.contains(math.inf) and not years.contains(math.nan)


def test_a_place_premium_override_is_used(tmp_path: Path) -> None:
    """``parameters: place_premium.PAK`` replaces the shipped premium for an origin that does
    not state its own (it was accepted, range-checked and then ignored)."""
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal

    text = (ROOT / "proposals" / "guest_worker_rodrik.yaml").read_text()
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "- country: PAK")
    end = next(i for i in range(at + 1, len(lines)) if "country:" in lines[i])
    block = [line for line in lines[at:end] if "place_premium" not in line]
    block = [line for line in block if not line.strip().startswith("#")]
    target = tmp_path / "override.yaml"
    target.write_text(
        "".join(lines[:at] + block + lines[end:]) + "parameters:\n  place_premium.PAK: 3.5\n"
    )
    uses = {
        u.name: u
        for u in evaluate(load_proposal(target), draws=200, levers=False).provenance.parameters
    }
    assert uses["place_premium.PAK"].set_by == "proposal"
    assert uses["place_premium.PAK"].value == 3.5
