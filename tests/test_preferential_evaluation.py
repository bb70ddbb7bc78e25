"""A preferential agreement end to end: the national loss, its reasons, and the export side."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal_bytes
from evaluator.models import Proposal

BASE = """\
schema_version: 1
title: A preference whose margin the partner's exporters keep
kind: trade_agreement
parties: [USA, MEX]
evaluated_for: USA
economy: {gdp_usd: 1.0e12}
tariffs:
  elasticity: 1.5
  export_supply_elasticity: 0.2
  lines:
    - {sector: Textiles, partner: MEX, imports_usd: 1.0e9, base_rate: 0.10, final_rate: 0.0,
       rest_of_world_imports_usd: 4.0e9, substitution_elasticity: 3.0,
       domestic_output_usd: 2.0e10}
"""


def _proposal(text: str) -> Proposal:
    return load_proposal_bytes(text.encode(), "preference.yaml")


def test_captured_margin_gives_a_national_loss_and_says_why() -> None:
    result = evaluate(_proposal(BASE), draws=2_000, levers=False)
    gain = result.metrics["efficiency_gain_usd"]
    assert gain is not None and gain.p95 < 0
    assert result.metrics["pcbr"] is None  # undefined when the gain is not positive
    rules = {f.rule: f.rationale for f in result.findings}
    assert "pcbr.undefined" in rules
    why = rules["tariffs.national_loss"]
    assert "diverted from non-members" in why and "partner's exporters keep" in why
    diversion = result.metrics["trade_diversion_usd"]
    assert diversion is not None and 0 < diversion.mean <= 4.0e9
    groups = {g.group for g in result.winners_losers}
    assert "Partner's exporters (abroad, not in the national gain)" in groups


def test_elastic_partner_supply_and_no_rest_of_world_is_a_gain() -> None:
    text = BASE.replace("  export_supply_elasticity: 0.2\n", "").replace(
        "rest_of_world_imports_usd: 4.0e9", "rest_of_world_imports_usd: 0.0"
    )
    result = evaluate(_proposal(text), draws=2_000, levers=False)
    gain = result.metrics["efficiency_gain_usd"]
    assert gain is not None and gain.p05 > 0
    assert result.metrics["trade_diversion_usd"] is None
    assert "trade_diversion.not_assessed" in {f.rule for f in result.findings}


def test_export_side_adds_exporters_gain_to_the_national_gain() -> None:
    text = BASE.replace("  export_supply_elasticity: 0.2\n", "") + (
        "  exporters_supply_elasticity: 2.0\n"
        "  exports:\n"
        "    - {sector: Machinery, partner: MEX, exports_usd: 5.0e9, base_rate: 0.13,"
        " final_rate: 0.0}\n"
    )
    without = evaluate(
        _proposal(BASE.replace("  export_supply_elasticity: 0.2\n", "")), draws=2_000, levers=False
    )
    with_exports = evaluate(_proposal(text), draws=2_000, levers=False)
    exporters = with_exports.metrics["exporters_gain_usd"]
    assert exporters is not None and exporters.mean > 0
    before, after = (
        without.metrics["efficiency_gain_usd"],
        with_exports.metrics["efficiency_gain_usd"],
    )
    assert before is not None and after is not None
    assert after.mean == pytest.approx(before.mean + exporters.mean, rel=1e-9)
    assert "Exporters" in {g.group for g in with_exports.winners_losers}


def test_dense_path_agrees_with_the_affine_path() -> None:
    """A narrow substitution range (dense path) is close to its midpoint (affine path)."""
    fixed = BASE.replace("  export_supply_elasticity: 0.2\n", "")
    ranged = fixed.replace(
        "substitution_elasticity: 3.0", "substitution_elasticity: {low: 2.999, high: 3.001}"
    )
    affine = evaluate(_proposal(fixed), draws=500, levers=False)
    dense = evaluate(_proposal(ranged), draws=500, levers=False)
    for name in ("efficiency_gain_usd", "trade_diversion_usd", "redistribution_usd"):
        a, d = affine.metrics[name], dense.metrics[name]
        assert a is not None and d is not None
        assert np.isclose(a.mean, d.mean, rtol=1e-3), name
    assert affine.metrics["tariff_gain_present_value_usd"] is not None
    assert dense.metrics["tariff_gain_present_value_usd"] is None


def test_sector_lines_report_the_aggregation_factor_when_the_spread_is_given() -> None:
    without = evaluate(_proposal(BASE), draws=200, levers=False)
    note = {f.rule: f.rationale for f in without.findings}["tariffs.aggregated"]
    assert "factor is not estimated" in note
    text = BASE.replace(
        "domestic_output_usd: 2.0e10}", "domestic_output_usd: 2.0e10,\n       within_rate_cv: 0.5}"
    )
    given = evaluate(_proposal(text), draws=200, levers=False)
    note = {f.rule: f.rationale for f in given.findings}["tariffs.aggregated"]
    assert "1.25 to 1.25" in note


def test_a_csv_schedule_carries_the_rest_of_the_world(tmp_path: Path) -> None:
    (tmp_path / "lines.csv").write_text(
        "sector,partner,imports_usd,base_rate,final_rate,rest_of_world_imports_usd,"
        "rest_of_world_base_rate,substitution_elasticity\n"
        "Textiles,MEX,1.0e9,0.10,0.0,4.0e9,0.12,3.0\n"
    )
    text = BASE.replace("  lines:\n", "  lines_csv: lines.csv\n  lines: []\n").split("  lines: []")[
        0
    ]
    text += "  lines: []\n"
    (tmp_path / "p.yaml").write_text(text.replace("  export_supply_elasticity: 0.2\n", ""))
    from evaluator.loading import load_proposal

    proposal = load_proposal(tmp_path / "p.yaml")
    line = proposal.tariffs.lines[0] if proposal.tariffs else None
    assert line is not None
    assert (line.rest_of_world_imports_usd, line.rest_base, line.substitution_elasticity) == (
        4.0e9,
        0.12,
        3.0,
    )
    result = evaluate(proposal, draws=200, levers=False)
    assert result.metrics["trade_diversion_usd"] is not None
