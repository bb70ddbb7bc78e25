"""The cited parameter file: schema, provenance, lookups and error messages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evaluator.economics.parameters import (
    ParameterError,
    default_parameters,
    load_parameters,
)
from evaluator.economics.sampling import draws_for

DEFAULT = Path(__file__).resolve().parents[2] / "evaluator" / "data" / "parameters.yaml"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "parameters.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_default_file_loads_with_every_required_entry() -> None:
    reg = default_parameters()
    for name in (
        "native_wage_elasticity",
        "remittance_share",
        "discount_rate",
        "present_value_horizon_years",
        "trade_elasticity",
        "place_premium.BOL",
        "rse_return_next_season_share",
    ):
        assert name in reg
    assert reg.value("remittance_share") == 0.15
    assert reg.get("native_wage_elasticity").support() == (-0.4, 0.0)
    assert reg.value("rse_return_next_season_share") == 0.493


def test_every_assumption_is_tagged_and_every_value_sourced() -> None:
    reg = default_parameters()
    for name in ("discount_rate", "present_value_horizon_years", "quota_adjustment_exponent"):
        assert reg.get(name).tag == "A"
    for name in reg.names:
        p = reg.get(name)
        assert p.source.title and p.source.where and p.unit and p.description


def test_one_sided_bounds_mark_the_invented_end_as_assumption() -> None:
    reg = default_parameters()
    for iso in ("JAM", "IND", "PAK"):
        d = reg.place_premium_for(iso).distribution
        assert d.low_tag == "V" and d.high_tag == "A"


def test_unknown_name_suggests_the_close_one() -> None:
    with pytest.raises(ParameterError, match="did you mean 'remittance_share'"):
        default_parameters().get("remitance_share")


def test_required_input_says_which_field_to_fill() -> None:
    with pytest.raises(ParameterError, match=r"supply `tariffs\.elasticity`"):
        default_parameters().get("import_demand_elasticity")
    with pytest.raises(ParameterError, match="competing_wage_usd"):
        default_parameters().get("native_wage_usd")


def test_uncited_origin_asks_for_place_premium() -> None:
    with pytest.raises(ParameterError, match=r"MEX.*supply `place_premium`"):
        default_parameters().place_premium_for("MEX")


def test_registry_draws_use_common_random_numbers() -> None:
    reg = default_parameters()
    d = reg.draws("native_wage_elasticity", seed=11, n=100)
    assert np.array_equal(d, -0.4 + 0.4 * draws_for("native_wage_elasticity", 11, 100))
    assert np.all(reg.draws("remittance_share", 11, 10) == 0.15)


def test_adding_a_parameter_to_the_file_changes_no_other_draws(tmp_path: Path) -> None:
    extra = _broken(
        tmp_path,
        "parameters:\n",
        "parameters:\n  zz_new:\n    value: 1.0\n    unit: u\n    description: d\n"
        "    distribution: {kind: uniform, low: 0.0, high: 2.0}\n    valid: {low: 0.0, high: 2.0}\n"
        "    source: {title: t, author: a, where: w}\n    tag: A\n",
    )
    before = default_parameters().draws("native_wage_elasticity", 3, 50)
    after = load_parameters(extra).draws("native_wage_elasticity", 3, 50)
    assert np.array_equal(before, after)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("schema_version: 1", "schema_version: 2", r"parameters\.yaml:\d+:\d+: schema_version"),
        ("    value: 0.15\n", "    value: 0.15\n    colour: red\n", "remittance_share.colour"),
        ("    value: 0.15\n", "    value: '0.15'\n", "remittance_share.value"),
        ("    value: 0.15\n", "    value: .nan\n", "remittance_share.value"),
        ("low: -0.4, high: 0.0,", "low: 0.0, high: -0.4,", "low < high"),
        ("    value: 0.03\n", "    value: 0.03\n    value: 0.04\n", "duplicate key"),
        ("    tag: V\n", "    tag: X\n", r"\.tag"),
        ("  remittance_share:\n", "  Remittance share:\n", "does not match"),
        ("    value: -0.2\n", "    value: -0.5\n", "outside"),
    ],
)
def test_broken_files_name_file_position_and_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ParameterError, match=message) as info:
        load_parameters(path)
    assert str(path) in str(info.value)


def test_non_mapping_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="mapping"):
        load_parameters(bad)
    with pytest.raises(ParameterError, match="cannot read"):
        load_parameters(tmp_path / "missing.yaml")
