"""`evaluator score`: the MODELS.md oracles through the command line, and its contracts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import PROPOSALS

Run = Callable[..., Result]

HEADER = """schema_version: 1
title: Oracle
kind: {kind}
parties: [USA, MEX, PAK]
evaluated_for: USA
economy: {{gdp_usd: 1.0e12{economy}}}
"""


def _score(
    run: Run,
    tmp_path: Path,
    body: str,
    *,
    kind: str = "trade_agreement",
    economy: str = "",
    draws: str = "1000",
) -> dict[str, Any]:
    path = tmp_path / "oracle.yaml"
    path.write_text(HEADER.format(kind=kind, economy=economy) + body)
    result = run("score", str(path), "--format", "json", "--draws", draws)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _line(imports: float, base: float, final: float = 0.0) -> str:
    return (
        f'    - {{hs: "01", partner: MEX, imports_usd: {imports!r}, '
        f"base_rate: {base}, final_rate: {final}}}\n"
    )


def test_rodrik_formula_at_world_prices(run: Run, tmp_path: Path) -> None:
    # t = 0.10, m = 0.2 (domestic prices), e = 3: 0.5 (t/(1+t))^2 m e = 0.0024793 of GDP.
    body = "tariffs:\n  elasticity: 3\n  lines:\n" + _line(0.2e12 / 1.1, 0.10)
    out = _score(run, tmp_path, body)
    assert out["metrics"]["efficiency_gain_pct_gdp"]["mean"] == pytest.approx(0.24793, abs=5e-6)


def test_rodrik_formula_at_domestic_prices(run: Run, tmp_path: Path) -> None:
    body = "tariffs:\n  elasticity: 3\n  imports_valued_at: domestic\n  lines:\n" + _line(
        0.2e12, 0.10
    )
    out = _score(run, tmp_path, body)
    assert out["metrics"]["efficiency_gain_pct_gdp"]["mean"] == pytest.approx(0.24793, abs=5e-6)


@pytest.mark.parametrize("rate, expected", [(0.40, 7.0), (0.04, 52.0)])
def test_pcbr_of_full_removal_is_2_1_plus_t_over_e_t(
    run: Run, tmp_path: Path, rate: float, expected: float
) -> None:
    body = "tariffs:\n  elasticity: 1\n  lines:\n" + _line(1.0e9, rate)
    pcbr = _score(run, tmp_path, body)["metrics"]["pcbr"]
    assert pcbr["mean"] == pytest.approx(expected) and pcbr["p05"] == pytest.approx(expected)


def test_halving_the_tariff_about_doubles_pcbr(run: Run, tmp_path: Path) -> None:
    high = _score(run, tmp_path, "tariffs:\n  elasticity: 1\n  lines:\n" + _line(1e9, 0.10))
    low = _score(run, tmp_path, "tariffs:\n  elasticity: 1\n  lines:\n" + _line(1e9, 0.05))
    ratio = low["metrics"]["pcbr"]["mean"] / high["metrics"]["pcbr"]["mean"]
    assert ratio == pytest.approx(2.0, rel=0.06)


@pytest.mark.parametrize("demand, expected", [("linear", 10 / 3), ("constant_elasticity", 4.0)])
def test_linear_and_constant_elasticity_demand(
    run: Run, tmp_path: Path, demand: str, expected: float
) -> None:
    body = f"tariffs:\n  elasticity: 2\n  demand: {demand}\n  lines:\n" + _line(100.0, 0.2)
    gain = _score(run, tmp_path, body)["metrics"]["efficiency_gain_usd"]
    assert gain["mean"] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("elasticity, expected", [(5, 1.4409), (10, 0.72308)])
def test_acr_gains_from_trade_for_the_us(
    run: Run, tmp_path: Path, elasticity: int, expected: float
) -> None:
    body = f"parameters:\n  trade_elasticity: {elasticity}\n"
    out = _score(run, tmp_path, body, economy=", domestic_expenditure_share: 0.93")
    value = out["metrics"]["gains_from_trade_vs_autarky_pct"]["mean"]
    assert round(value, 4 if elasticity == 5 else 5) == expected


VISA = """mobility:
  host: USA
  origins: [{{country: PAK, annual_quota: 50000, place_premium: {premium}, home_wage_usd: 3000}}]
  visa_years: 4
  competing_workforce: 2.0e7
  competing_wage_usd: 30000
"""


def test_tariff_equivalent_of_a_place_premium(run: Run, tmp_path: Path) -> None:
    out = _score(run, tmp_path, VISA.format(premium=6.0), kind="visa_scheme")
    origin = out["origins"][0]
    assert origin["tariff_equivalent"]["mean"] == pytest.approx(5.0)
    assert origin["visa_holders"]["mean"] == pytest.approx(200_000)
    assert out["metrics"]["migrants_gain_usd"]["mean"] == pytest.approx(200_000 * 5 * 3000)


def test_cited_place_premium_is_used_when_none_is_given(run: Run, tmp_path: Path) -> None:
    body = VISA.format(premium=6.0).replace("place_premium: 6.0, ", "")
    out = _score(run, tmp_path, body, kind="visa_scheme")
    used = {p["name"]: p for p in out["provenance"]["parameters"]}
    assert used["place_premium.PAK"]["set_by"] == "default"
    assert out["origins"][0]["tariff_equivalent"]["mean"] > 5.0


@pytest.mark.parametrize("south_m, self_matching", [(1.6, False), (1.7, True)])
def test_kremer_maskin_toy_and_golden_ratio(
    run: Run, tmp_path: Path, south_m: float, self_matching: bool
) -> None:
    body = f"skill_matching:\n  north: {{H: 2.0, L: 1.0}}\n  south: {{M: {south_m}, L: 1.0}}\n"
    skills = _score(run, tmp_path, body)["skill_matching"]
    assert skills["south_self_matching"] is self_matching
    if south_m == 1.6:
        assert (skills["autarky_output"], skills["open_output"]) == (6.56, 7.4)
        assert skills["southern_inequality"] == "rises"


def test_tariff_increase_is_a_loss_and_pcbr_is_undefined(run: Run, tmp_path: Path) -> None:
    body = "tariffs:\n  elasticity: 1.5\n  lines:\n" + _line(1.0e9, 0.0, 0.25)
    out = _score(run, tmp_path, body)
    assert out["metrics"]["efficiency_gain_usd"]["p95"] < 0
    assert out["metrics"]["pcbr"] is None
    assert any(f["rule"] == "pcbr.undefined" for f in out["findings"])


def test_a_zero_cut_gives_zero_everything(run: Run, tmp_path: Path) -> None:
    body = "tariffs:\n  elasticity: 1.5\n  lines:\n" + _line(1.0e9, 0.1, 0.1)
    metrics = _score(run, tmp_path, body)["metrics"]
    for name in ("efficiency_gain_usd", "redistribution_usd", "trade_creation_usd"):
        assert metrics[name]["mean"] == 0.0


def test_metrics_that_do_not_apply_are_null_with_a_reason(run: Run, tmp_path: Path) -> None:
    out = _score(run, tmp_path, "investment: {isds: true, isds_scope: broad}\n")
    assert out["metrics"]["efficiency_gain_usd"] is None
    assert out["metrics"]["pcbr"] is None
    assert out["findings"][0]["rule"] == "efficiency_gain_usd.not_applicable"


def test_missing_elasticity_is_a_located_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        HEADER.format(kind="trade_agreement", economy="") + "tariffs:\n  lines:\n" + _line(1e9, 0.1)
    )
    result = run("score", str(path))
    assert result.exit_code == 2
    assert "p.yaml:8:3: tariffs.elasticity: no import-demand elasticity" in result.stderr


def test_origin_without_cited_premium_asks_for_one(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    body = VISA.format(premium=6.0).replace("PAK", "MEX").replace("place_premium: 6.0, ", "")
    path.write_text(HEADER.format(kind="visa_scheme", economy="") + body)
    result = run("score", str(path))
    assert result.exit_code == 2
    assert "mobility.origins[0]: no cited place premium for origin 'MEX'" in result.stderr
    assert "supply `place_premium`" in result.stderr


def test_unknown_parameter_override_gets_did_you_mean(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        HEADER.format(kind="trade_agreement", economy="") + "parameters:\n  discount_rat: 0.05\n"
    )
    result = run("score", str(path))
    assert result.exit_code == 2
    assert "parameters.discount_rat: unknown parameter 'discount_rat'" in result.stderr
    assert "did you mean 'discount_rate'?" in result.stderr


def test_override_is_recorded_in_provenance(run: Run, tmp_path: Path) -> None:
    body = "parameters:\n  native_wage_elasticity: {low: -0.3, high: -0.1}\n" + VISA.format(
        premium=6.0
    )
    out = _score(run, tmp_path, body, kind="visa_scheme")
    used = {p["name"]: p for p in out["provenance"]["parameters"]}
    assert used["native_wage_elasticity"]["set_by"] == "proposal"
    assert (used["native_wage_elasticity"]["low"], used["native_wage_elasticity"]["high"]) == (
        -0.3,
        -0.1,
    )


def test_same_seed_same_numbers_and_other_files_change_nothing(run: Run) -> None:
    nafta = str(PROPOSALS / "nafta_us_1994.yaml")
    alone = json.loads(run("score", nafta, "--format", "json", "--seed", "7").stdout)
    again = json.loads(run("score", nafta, "--format", "json", "--seed", "7").stdout)
    both = run("score", nafta, str(PROPOSALS / "us_h2a.yaml"), "--format", "json", "--seed", "7")
    assert alone == again
    assert json.loads(both.stdout)[0] == alone
    assert "[2/2]" in both.stderr


def test_table_and_markdown_read_well(run: Run) -> None:
    nafta = str(PROPOSALS / "nafta_us_1994.yaml")
    table = run("score", nafta).stdout
    assert "Net gain, % of GDP (scored basis)" in table
    assert "PCBR: reshuffled per $1 of gain (ratio of means)" in table
    assert "Scored on the global basis" in table and "On the national basis: net gain" in table
    markdown = run("score", nafta, "--format", "markdown").stdout
    assert markdown.startswith("## North American Free Trade Agreement")
    assert "|---|---:|---:|---:|" in markdown
