"""Visa scheme -> migrants' gain, natives' wage effects, remittances and overstays, by draw.

Arrays are (origins, draws). The stock of visa holders is the quota times the visa length once
the rotation is full (cohort accounting of ours [A]); return-linked quotas scale each origin's
quota by ``min(1, return_rate / target) ** k`` [A]; forced savings raise the return rate only when
the proposal gives ``parameters.forced_savings_responsiveness`` (no cited value exists).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.mobility.kernels import (
    host_earnings_per_worker_year,
    remittances_usd,
    return_rate_with_forced_savings,
    tariff_equivalent,
    visa_scheme_effects,
)
from evaluator.models import Mobility, Range, VisaLength

FloatArray = npt.NDArray[np.float64]
RESPONSIVENESS = "forced_savings_responsiveness"


@dataclass(frozen=True)
class MobilityOutcome:
    """Annual effects per draw; per-origin arrays are (origins, draws)."""

    migrants_gain_usd: FloatArray
    natives_wage_change: FloatArray
    natives_wage_loss_usd: FloatArray
    immigration_surplus_usd: FloatArray
    net_gain_usd: FloatArray
    redistribution_usd: FloatArray
    remittances_usd: FloatArray
    visa_holders: FloatArray
    overstayers: FloatArray | None
    origin_holders: FloatArray
    origin_gain_usd: FloatArray
    origin_remittances_usd: FloatArray
    origin_tariff_equivalent: FloatArray
    notes: tuple[tuple[tuple[str | int, ...], str], ...]


def _visa_years(mobility: Mobility, draws: Draws) -> FloatArray:
    length = mobility.visa_years
    value: float | Range = (
        Range(low=length.min, high=length.max) if isinstance(length, VisaLength) else length
    )
    return draws.given("visa_years", value, unit="years", field_path=("mobility", "visa_years"))


def _origin_inputs(mobility: Mobility, draws: Draws) -> tuple[FloatArray, FloatArray]:
    premia, wages = [], []
    for i, origin in enumerate(mobility.origins):
        path: tuple[str | int, ...] = ("mobility", "origins", i)
        key = origin.country
        if origin.place_premium is not None:
            premia.append(
                draws.given(
                    f"place_premium.{key}",
                    origin.place_premium,
                    unit="host wage / home wage, same worker (PPP)",
                    field_path=(*path, "place_premium"),
                    source_id=origin.source,
                )
            )
        else:
            premia.append(draws.place_premium(key, needed_at=path))
        if origin.home_wage_usd is None:
            raise draws.error(
                path,
                f"no home wage for origin {key}: give `home_wage_usd` (annual earnings at home, "
                "USD PPP, a number or a {low, high} range); the tool ships no default",
            )
        wages.append(
            draws.given(
                f"home_wage_usd.{key}",
                origin.home_wage_usd,
                unit="USD per worker per year (PPP)",
                field_path=(*path, "home_wage_usd"),
                source_id=origin.source,
            )
        )
    return np.vstack(premia), np.vstack(wages)


def mobility_outcome(mobility: Mobility, draws: Draws, horizon_years: int) -> MobilityOutcome:
    """Evaluate a visa scheme under the draws; see MODELS.md §4 for every formula."""
    notes: list[tuple[tuple[str | int, ...], str]] = []
    premium, home_wage = _origin_inputs(mobility, draws)
    quota = np.array([[o.annual_quota] for o in mobility.origins], dtype=np.float64)
    years = _visa_years(mobility, draws)
    if mobility.competing_wage_usd is None:
        raise draws.error(
            ("mobility",),
            "no competing native wage: give `competing_wage_usd` (annual earnings of a native "
            "worker in the covered occupations, USD); natives' wage loss depends on it",
        )
    native_wage = draws.given(
        "native_wage_usd",
        mobility.competing_wage_usd,
        unit="USD per worker per year",
        field_path=("mobility", "competing_wage_usd"),
        source_id=mobility.source,
    )
    returns = _return_rate(mobility, draws, notes)
    if (
        returns is not None
        and mobility.quota_adjustment
        and mobility.quota_adjustment.by_return_rate
    ):
        target = mobility.quota_adjustment.target_return_rate or 1.0
        exponent = draws.parameter("quota_adjustment_exponent")
        quota = quota * np.minimum(1.0, returns / target) ** exponent
    holders = quota * years
    effects = visa_scheme_effects(
        holders,
        premium,
        home_wage,
        draws.parameter("native_wage_elasticity"),
        mobility.competing_workforce,
        native_wage,
    )
    share = draws.parameter("remittance_share")
    earnings = holders * host_earnings_per_worker_year(premium, home_wage)
    origin_remit = remittances_usd(earnings, share)
    overstayers = None
    if returns is not None:
        overstayers = np.sum((1.0 - returns) * quota * np.maximum(horizon_years - years, 0.0), 0)
    return MobilityOutcome(
        migrants_gain_usd=effects.migrants_gain_usd,
        natives_wage_change=effects.natives_wage_change,
        natives_wage_loss_usd=effects.natives_wage_loss_usd,
        immigration_surplus_usd=effects.immigration_surplus_usd,
        net_gain_usd=effects.net_gain_usd,
        redistribution_usd=effects.redistribution_usd,
        remittances_usd=origin_remit.sum(axis=0),
        visa_holders=holders.sum(axis=0),
        overstayers=overstayers,
        origin_holders=holders,
        origin_gain_usd=holders * (premium - 1.0) * home_wage,
        origin_remittances_usd=origin_remit,
        origin_tariff_equivalent=tariff_equivalent(premium),
        notes=tuple(notes),
    )


def _return_rate(
    mobility: Mobility, draws: Draws, notes: list[tuple[tuple[str | int, ...], str]]
) -> FloatArray | None:
    if mobility.expected_return_rate is None:
        notes.append(
            (
                ("mobility",),
                "overstays not estimated: give `expected_return_rate` (share of workers who go "
                "home when the visa ends)",
            )
        )
        return None
    returns = draws.given(
        "return_rate",
        mobility.expected_return_rate,
        unit="share of workers leaving when the visa ends",
        field_path=("mobility", "expected_return_rate"),
    )
    savings = mobility.forced_savings
    if savings is None:
        return returns
    if RESPONSIVENESS not in draws.overrides:
        notes.append(
            (
                ("mobility", "forced_savings"),
                "the effect of forced savings on returns is not modelled: no source says how "
                "much withheld wages raise returns; to model it, set "
                f"`parameters.{RESPONSIVENESS}` (it would be your assumption)",
            )
        )
        return returns
    k = draws.parameter(RESPONSIVENESS)
    return return_rate_with_forced_savings(returns, savings.share_of_wages, k)
