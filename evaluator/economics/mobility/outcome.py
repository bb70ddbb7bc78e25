"""Visa scheme -> migrants' gain, Borjas's wage effects and surplus, fees, savings and overstays.

Arrays are (origins, draws). Once the rotation is full, arrivals ``A`` a year holding the visa
``v`` years give ``A v`` visa holders (cohort accounting of ours [A]); working ``months / 12`` of
the year, they supply ``A v months / 12`` worker-years. Annual effects are those of the last year
of the horizon (``present_value_horizon_years``), when overstayers, ``(1 - r) A (H - v)`` of them,
are in the labor supply too. Return-linked quotas scale each origin's arrivals by
``min(1, r / target) ** k`` [A]; forced savings raise the return rate only when the proposal gives
``parameters.forced_savings_responsiveness`` (no cited value exists).

Host earnings ``W``: the scheme's wage if the proposal gives it, else the competing native wage
under a prevailing-wage floor, else the place premium times the home wage. The home counterfactual
is at least ``W / R`` (the place premium bounds it). See MODELS.md §4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.mobility.kernels import (
    home_counterfactual_usd,
    immigrant_share,
    immigration_surplus_usd,
    migrant_gain_per_worker_year,
    native_wage_change,
    remittances_usd,
    tariff_equivalent,
    wage_loss_usd,
)
from evaluator.economics.mobility.transfers import (
    forfeited_savings,
    recruitment_fees,
    return_rate,
)
from evaluator.models import Mobility, Range, VisaLength

FloatArray = npt.NDArray[np.float64]
NotesList = list[tuple[tuple[str | int, ...], str]]
US = "USA"
_MONTHS = 12.0


@dataclass(frozen=True)
class MobilityOutcome:
    """Annual effects per draw; per-origin arrays are (origins, draws)."""

    migrants_gain_usd: FloatArray
    """Migrants' earnings gain net of recruitment fees and forfeited savings."""
    migrants_gross_gain_usd: FloatArray
    recruitment_fees_usd: FloatArray | None
    forfeited_savings_usd: FloatArray | None
    immigrant_share: FloatArray
    natives_wage_change: FloatArray
    natives_wage_loss_usd: FloatArray
    earlier_migrants_loss_usd: FloatArray | None
    immigration_surplus_usd: FloatArray
    remittances_usd: FloatArray
    visa_holders: FloatArray
    worker_years: FloatArray
    overstayers: FloatArray | None
    host_earnings_usd: FloatArray
    home_counterfactual_usd: FloatArray
    origin_arrivals: FloatArray
    origin_holders: FloatArray
    origin_gain_usd: FloatArray
    origin_remittances_usd: FloatArray
    origin_tariff_equivalent: FloatArray
    notes: tuple[tuple[tuple[str | int, ...], str], ...]

    @property
    def national_gain_usd(self) -> FloatArray:
        """Residents' net gain: Borjas's immigration surplus (employers' gain net of workers')."""
        return self.immigration_surplus_usd

    @property
    def national_reshuffled_usd(self) -> FloatArray:
        """Residents' gross losses: competing natives' and earlier migrants' wages."""
        earlier = self.earlier_migrants_loss_usd
        return self.natives_wage_loss_usd + (0.0 if earlier is None else earlier)

    @property
    def transfers_from_migrants_usd(self) -> FloatArray:
        """Recruitment fees and forfeited savings: income taken from migrants, not destroyed."""
        total = np.zeros_like(self.migrants_gain_usd)
        for part in (self.recruitment_fees_usd, self.forfeited_savings_usd):
            if part is not None:
                total = total + part
        return total


def _visa_years(mobility: Mobility, draws: Draws) -> FloatArray:
    length = mobility.visa_years
    value: float | Range = (
        Range(low=length.min, high=length.max) if isinstance(length, VisaLength) else length
    )
    return draws.given("visa_years", value, unit="years", field_path=("mobility", "visa_years"))


def _premia(mobility: Mobility, draws: Draws) -> FloatArray:
    """Each origin's place premium against the host: the proposal's, or a shipped US one
    converted by the host's wage relative to the US."""
    premia = []
    ratio: FloatArray | None = None
    for i, origin in enumerate(mobility.origins):
        path: tuple[str | int, ...] = ("mobility", "origins", i)
        if origin.place_premium is not None:
            premia.append(
                draws.given(
                    f"place_premium.{origin.country}",
                    origin.place_premium,
                    unit="host wage / home wage, same worker (PPP)",
                    field_path=(*path, "place_premium"),
                    source_id=origin.source,
                )
            )
            continue
        us = draws.place_premium(origin.country, needed_at=path)
        if mobility.host != US:
            if mobility.host_wage_relative_to_us is None:
                raise draws.error(
                    path,
                    f"the shipped place premium for {origin.country} is a ratio to US wages and "
                    f"the host is {mobility.host}: give this origin's `place_premium` against "
                    f"{mobility.host}, or convert the US figure by giving "
                    "`mobility.host_wage_relative_to_us` (the host's wage for a comparable "
                    "worker over the US wage, PPP; your choice, to be sourced)",
                )
            if ratio is None:
                ratio = draws.given(
                    "host_wage_relative_to_us",
                    mobility.host_wage_relative_to_us,
                    unit="host wage / US wage, comparable worker (PPP)",
                    field_path=("mobility", "host_wage_relative_to_us"),
                    source_id=mobility.source,
                )
            us = us * ratio
        premia.append(us)
    return np.vstack(premia)


def _home_wages(mobility: Mobility, draws: Draws) -> list[FloatArray | None]:
    wages: list[FloatArray | None] = []
    for i, origin in enumerate(mobility.origins):
        if origin.home_wage_usd is None:
            wages.append(None)
            continue
        wages.append(
            draws.given(
                f"home_wage_usd.{origin.country}",
                origin.home_wage_usd,
                unit="USD per worker per year (PPP)",
                field_path=("mobility", "origins", i, "home_wage_usd"),
                source_id=origin.source,
            )
        )
    return wages


def _host_earnings(
    mobility: Mobility,
    draws: Draws,
    premium: FloatArray,
    home: list[FloatArray | None],
    native_wage: FloatArray,
    notes: NotesList,
) -> FloatArray:
    """Full-year earnings of a visa holder in the host, per origin."""
    rows = []
    given = (
        None
        if mobility.migrant_wage_usd is None
        else draws.given(
            "migrant_wage_usd",
            mobility.migrant_wage_usd,
            unit="USD per visa holder per year",
            field_path=("mobility", "migrant_wage_usd"),
            source_id=mobility.source,
        )
    )
    prevailing = mobility.wage_floor == "prevailing"
    for i, origin in enumerate(mobility.origins):
        if given is not None:
            rows.append(np.maximum(given, native_wage) if prevailing else given)
        elif prevailing:
            rows.append(native_wage)
        elif home[i] is not None:
            rows.append(premium[i] * home[i])
        else:
            raise draws.error(
                ("mobility", "origins", i),
                f"no way to tell what workers from {origin.country} earn in the host: give "
                "`mobility.migrant_wage_usd` (the scheme's annual pay), a prevailing-wage "
                "floor (`wage_floor: prevailing`, pay at the competing native wage), or this "
                "origin's `home_wage_usd` (pay = place premium x home wage)",
            )
    if given is None and not prevailing:
        floor = mobility.wage_floor
        notes.append(
            (
                ("mobility", "wage_floor"),
                "host earnings are the place premium times the home wage (what the same worker "
                "earns in the US labor market)"
                + (
                    "; the minimum-wage floor is not modelled: give `migrant_wage_usd` if it binds"
                    if floor == "minimum"
                    else ""
                ),
            )
        )
    if given is not None and prevailing and bool(np.any(given < native_wage)):
        notes.append(
            (
                ("mobility", "migrant_wage_usd"),
                "the scheme's wage is below the competing native wage in some draws; the "
                "prevailing-wage floor lifts it to that wage",
            )
        )
    return np.vstack(rows)


def _arrivals(mobility: Mobility, draws: Draws) -> FloatArray:
    rows = []
    for i, origin in enumerate(mobility.origins):
        expected = (
            None
            if origin.expected_annual_arrivals is None
            else draws.given(
                f"expected_annual_arrivals.{origin.country}",
                origin.expected_annual_arrivals,
                unit="workers a year",
                field_path=("mobility", "origins", i, "expected_annual_arrivals"),
                source_id=origin.source,
            )
        )
        if origin.annual_quota == "uncapped":
            assert expected is not None  # the schema requires it
            rows.append(expected)
        elif expected is None:
            rows.append(np.full(draws.n, float(origin.annual_quota)))
        else:
            rows.append(np.minimum(expected, float(origin.annual_quota)))
    return np.vstack(rows)


def mobility_outcome(mobility: Mobility, draws: Draws, horizon_years: int) -> MobilityOutcome:
    """Evaluate a visa scheme under the draws; see MODELS.md §4 for every formula."""
    notes: NotesList = []
    premium = _premia(mobility, draws)
    home = _home_wages(mobility, draws)
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
    earnings = _host_earnings(mobility, draws, premium, home, native_wage, notes)
    counterfactual = np.vstack(
        [home_counterfactual_usd(earnings[i], premium[i], home[i]) for i in range(len(home))]
    )
    arrivals = _arrivals(mobility, draws)
    years = _visa_years(mobility, draws)
    returns = return_rate(mobility, draws, notes)
    adjustment = mobility.quota_adjustment
    if returns is not None and adjustment and adjustment.by_return_rate:
        target = adjustment.target_return_rate or 1.0
        exponent = draws.parameter("quota_adjustment_exponent")
        arrivals = arrivals * np.minimum(1.0, returns / target) ** exponent
    season = mobility.months_per_year / _MONTHS
    holders = arrivals * years
    worker_years = holders * season
    overstayers = None
    if returns is not None:
        overstayers = np.sum((1.0 - returns) * arrivals * np.maximum(horizon_years - years, 0.0), 0)
    supply = worker_years.sum(axis=0) + (0.0 if overstayers is None else overstayers)
    earlier = mobility.earlier_migrants or 0.0
    share = immigrant_share(supply, mobility.competing_workforce + earlier)
    elasticity = draws.parameter("native_wage_elasticity")
    dlnw = native_wage_change(elasticity, share)
    natives_loss = wage_loss_usd(dlnw, native_wage, mobility.competing_workforce)
    earlier_loss = (
        None if mobility.earlier_migrants is None else wage_loss_usd(dlnw, native_wage, earlier)
    )
    pool = native_wage * (mobility.competing_workforce + earlier + supply)
    surplus = immigration_surplus_usd(elasticity, share, pool)
    origin_gain = worker_years * migrant_gain_per_worker_year(earnings, counterfactual)
    pay = worker_years * earnings
    fees = recruitment_fees(mobility, draws, arrivals, notes)
    forfeited = forfeited_savings(mobility, draws, pay, notes)
    gross = origin_gain.sum(axis=0)
    taken = sum(x for x in (fees, forfeited) if x is not None)
    origin_remit = remittances_usd(pay, draws.parameter("remittance_share"))
    return MobilityOutcome(
        migrants_gain_usd=np.asarray(gross - taken, dtype=np.float64),
        migrants_gross_gain_usd=gross,
        recruitment_fees_usd=fees,
        forfeited_savings_usd=forfeited,
        immigrant_share=share,
        natives_wage_change=dlnw,
        natives_wage_loss_usd=natives_loss,
        earlier_migrants_loss_usd=earlier_loss,
        immigration_surplus_usd=surplus,
        remittances_usd=origin_remit.sum(axis=0),
        visa_holders=holders.sum(axis=0),
        worker_years=worker_years.sum(axis=0),
        overstayers=overstayers,
        host_earnings_usd=earnings,
        home_counterfactual_usd=counterfactual,
        origin_arrivals=arrivals,
        origin_holders=holders,
        origin_gain_usd=origin_gain,
        origin_remittances_usd=origin_remit,
        origin_tariff_equivalent=tariff_equivalent(premium),
        notes=tuple(notes),
    )
