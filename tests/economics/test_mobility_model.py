"""The visa-scheme model through evaluate(): Borjas's definitions, host earnings, both bases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from evaluator.errors import ProposalError
from evaluator.evaluation import evaluate, resolve_basis
from evaluator.loading import load_proposal_bytes
from evaluator.models.result import Evaluation
from evaluator.rubric.library import default_rubric_set
from tests.conftest import PROPOSALS, ROOT

DRAWS = 400
ORACLE = ROOT / "tests" / "fixtures" / "borjas_oracle.yaml"


def _scheme(**mobility: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "host": "USA",
        "origins": [{"country": "MEX", "annual_quota": 100_000, "place_premium": 3.0}],
        "visa_years": 2,
        "competing_workforce": 4.0e6,
        "competing_wage_usd": 36_000,
        "wage_floor": "prevailing",
        "expected_return_rate": 1.0,
    }
    base.update(mobility)
    return {
        "schema_version": 1,
        "title": "test scheme",
        "kind": "visa_scheme",
        "parties": ["USA", "MEX", "NZL", "VUT"],
        "evaluated_for": base["host"],
        "economy": {"gdp_usd": 2.0e13},
        "mobility": base,
    }


def _run(doc: dict[str, Any], **options: Any) -> Evaluation:
    from io import StringIO

    stream = StringIO()
    YAML().dump(doc, stream)
    proposal = load_proposal_bytes(stream.getvalue().encode(), "scheme.yaml", Path("."))
    return evaluate(proposal, draws=DRAWS, levers=False, **options)


def _mean(result: Evaluation, name: str) -> float:
    summary = result.metrics[name]
    assert summary is not None, name
    return summary.mean


def test_borjas_oracle_through_the_cli(run: Callable[..., Result]) -> None:
    """m = 0.1, e = -0.3, labour share 0.7: 0.105% of national income (Borjas 1995)."""
    out = run("score", str(ORACLE), "--basis", "national", "--format", "json")
    result = json.loads(out.stdout)
    national = result["bases"]["national"]
    assert result["basis"] == "national"
    assert national["gain_pct_gdp"]["mean"] == pytest.approx(0.105, rel=1e-12)
    assert result["metrics"]["efficiency_gain_pct_gdp"]["mean"] == pytest.approx(0.105)
    # Natives' loss is Borjas's rectangle, e m w N = 0.3 x 0.1 x 70,000 x 9 million.
    assert national["reshuffled_usd"]["mean"] == pytest.approx(0.3 * 0.1 * 70_000 * 9e6)
    assert national["pcbr"]["mean"] == pytest.approx(2 * 9e6 / 1e6)


def test_both_bases_are_reported_and_the_scores_use_the_chosen_one() -> None:
    doc = _scheme()
    world, home = _run(doc), _run(doc, basis="national")
    assert world.basis == "global" and home.basis == "national"
    assert world.bases == home.bases
    assert _mean(world, "efficiency_gain_usd") == pytest.approx(world.bases["global"].gain_usd.mean)
    assert _mean(home, "efficiency_gain_usd") == pytest.approx(home.bases["national"].gain_usd.mean)
    migrants = _mean(world, "migrants_gain_usd")
    assert world.bases["global"].gain_usd.mean == pytest.approx(
        world.bases["national"].gain_usd.mean + migrants
    )
    efficiency = world.dimensions["efficiency"]
    assert efficiency is not None
    national_efficiency = home.dimensions["efficiency"]
    assert national_efficiency is not None
    assert national_efficiency.score < efficiency.score


def test_pcbr_is_a_ratio_of_means() -> None:
    result = _run(_scheme(competing_wage_usd={"low": 30_000, "high": 42_000}))
    for block in result.bases.values():
        assert block.pcbr is not None
        assert block.pcbr.mean == pytest.approx(block.reshuffled_usd.mean / block.gain_usd.mean)
        assert sum(p.mean for p in block.reshuffled_parts.values()) == pytest.approx(
            block.reshuffled_usd.mean
        )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    premium=st.floats(1.2, 9.0),
    migrant_wage=st.floats(20_000, 80_000),
    home_wage=st.floats(500, 15_000),
)
def test_national_pcbr_does_not_depend_on_the_migrants_gain(
    premium: float, migrant_wage: float, home_wage: float
) -> None:
    reference = _run(_scheme()).bases["national"]
    origin = {
        "country": "MEX",
        "annual_quota": 100_000,
        "place_premium": premium,
        "home_wage_usd": home_wage,
    }
    other = _run(_scheme(origins=[origin], migrant_wage_usd=migrant_wage, wage_floor="none"))
    assert other.bases["national"] == reference
    assert other.bases["global"].gain_usd.mean != reference.gain_usd.mean


def test_host_earnings_follow_the_floor_and_the_premium_bounds_the_counterfactual() -> None:
    # Prevailing floor: paid the competing wage, $36,000; at home at least 36,000 / 3.
    result = _run(_scheme())
    worker_years = 100_000 * 2
    assert _mean(result, "migrants_gain_usd") == pytest.approx(worker_years * 36_000 * (1 - 1 / 3))
    # No floor and a home wage: market pay R x w_home, gain (R - 1) w_home.
    origin = {"country": "MEX", "annual_quota": 100_000, "place_premium": 3.0}
    origin["home_wage_usd"] = 5000
    market = _run(_scheme(origins=[origin], wage_floor="none"))
    assert _mean(market, "migrants_gain_usd") == pytest.approx(worker_years * 2 * 5000)
    # A scheme wage below the prevailing floor is lifted to it.
    low = _run(_scheme(migrant_wage_usd=20_000))
    assert _mean(low, "migrants_gain_usd") == pytest.approx(_mean(result, "migrants_gain_usd"))


def test_without_a_way_to_price_host_earnings_the_error_says_what_to_give() -> None:
    with pytest.raises(ProposalError) as caught:
        _run(_scheme(wage_floor="none"))
    message = str(caught.value)
    assert "migrant_wage_usd" in message and "home_wage_usd" in message
    assert "scheme.yaml:" in message


def test_shipped_premia_need_a_conversion_for_another_host() -> None:
    origins = [{"country": "PAK", "annual_quota": 10_000}]
    doc = _scheme(host="NZL", origins=origins)
    with pytest.raises(ProposalError, match="host_wage_relative_to_us"):
        _run(doc)
    converted = _run(_scheme(host="NZL", origins=origins, host_wage_relative_to_us=0.8))
    us = _run(_scheme(origins=origins))
    # R_host = 0.8 R_US: the home counterfactual W / R rises by 1 / 0.8, the gain falls.
    assert _mean(converted, "migrants_gain_usd") < _mean(us, "migrants_gain_usd")
    used = {p.name for p in converted.provenance.parameters}
    assert "host_wage_relative_to_us" in used and "place_premium.PAK" in used


def test_seasonal_and_uncapped_schemes() -> None:
    full = _run(_scheme())
    seasonal = _run(_scheme(months_per_year=6))
    assert _mean(seasonal, "migrants_gain_usd") == pytest.approx(
        0.5 * _mean(full, "migrants_gain_usd")
    )
    assert _mean(seasonal, "immigrant_share_pct") < _mean(full, "immigrant_share_pct")
    uncapped = _run(
        _scheme(
            origins=[
                {
                    "country": "MEX",
                    "annual_quota": "uncapped",
                    "expected_annual_arrivals": 100_000,
                    "place_premium": 3.0,
                }
            ]
        )
    )
    assert uncapped.bases == full.bases
    assert uncapped.origins[0].annual_quota is None


def test_recruitment_fees_and_forfeited_savings_are_transfers_from_migrants() -> None:
    base = _run(_scheme())
    fees = _run(_scheme(recruitment_fees="worker", recruitment_fee_usd=2000))
    paid = 100_000 * 2000
    assert _mean(fees, "recruitment_fees_usd") == pytest.approx(paid)
    assert _mean(base, "migrants_gain_usd") - _mean(fees, "migrants_gain_usd") == pytest.approx(
        paid
    )
    world, base_world = fees.bases["global"], base.bases["global"]
    assert world.gain_usd.mean == pytest.approx(base_world.gain_usd.mean)  # a transfer
    assert world.reshuffled_usd.mean == pytest.approx(base_world.reshuffled_usd.mean + paid)
    assert fees.bases["national"] == base.bases["national"]
    unnamed = _run(_scheme(recruitment_fees="worker"))
    assert unnamed.metrics["recruitment_fees_usd"] is None
    assert any("recruitment_fee_usd" in f.rationale for f in unnamed.findings)

    savings = {"share_of_wages": 0.1, "released_on": "return"}
    kept = _run(_scheme(forced_savings=savings))
    pay = 100_000 * 2 * 36_000
    # Credibility uniform over [0, 1]: on average half the withheld 10% is lost.
    assert _mean(kept, "forfeited_savings_usd") == pytest.approx(0.5 * 0.1 * pay, rel=0.05)
    trusted = _scheme(forced_savings=savings)
    trusted["parameters"] = {"forced_savings_credibility": 1.0}
    assert _mean(_run(trusted), "forfeited_savings_usd") == pytest.approx(0.0)


def test_earlier_migrants_and_overstayers() -> None:
    base = _run(_scheme())
    earlier = _run(_scheme(earlier_migrants=1.0e6))
    parts = earlier.bases["national"].reshuffled_parts
    assert "Earlier migrants' wages" in parts
    # Same wage and elasticity: their loss is to natives' as 1 million is to 4 million.
    assert parts["Earlier migrants' wages"].mean == pytest.approx(
        parts["Competing natives' wages"].mean / 4
    )
    assert _mean(earlier, "immigrant_share_pct") < _mean(base, "immigrant_share_pct")
    stay = _run(_scheme(expected_return_rate=0.8))
    assert _mean(stay, "overstayers") == pytest.approx(0.2 * 100_000 * (20 - 2))
    assert _mean(stay, "immigrant_share_pct") > _mean(base, "immigrant_share_pct")


def test_a_profile_may_set_the_basis() -> None:
    rubrics = default_rubric_set()
    assert resolve_basis(rubrics, None, None) == "global"
    assert resolve_basis(rubrics, "host_country", None) == "national"
    assert resolve_basis(rubrics, "host_country", "global") == "global"


@pytest.mark.parametrize(
    "name", ["guest_worker_rodrik", "us_h2a", "nz_rse", "nafta_us_1994", "rebalanced_agreement"]
)
def test_every_example_reports_both_bases(name: str) -> None:
    from evaluator.loading import load_proposal

    result = evaluate(load_proposal(PROPOSALS / f"{name}.yaml"), draws=DRAWS, levers=False)
    assert set(result.bases) == {"national", "global"}
    national, world = result.bases["national"], result.bases["global"]
    assert world.gain_usd.mean >= national.gain_usd.mean
    assert world.counts[: len(national.counts)] == national.counts
