"""Labor mobility: temporary-worker visa schemes and labor-mobility chapters."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from evaluator.models.common import (
    MAX_PEOPLE,
    CountryCode,
    CrossFieldError,
    Fraction,
    FractionUncertain,
    Frozen,
    PeopleUncertain,
    PositiveUncertain,
    SourceRef,
    Stated,
    UsdUncertain,
    Years,
    whole,
)


def _quota_kind(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("value")
    return "=text" if isinstance(value, str) else "=number"


Quota = Annotated[
    Annotated[int, Ge(0), Le(int(MAX_PEOPLE)), BeforeValidator(whole), Stated, Tag("=number")]
    | Annotated[Literal["uncapped"], Tag("=text")],
    Discriminator(_quota_kind),
]


class Origin(Frozen):
    """A sending country, its quota and what its workers earn at home and in the host."""

    country: CountryCode = Field(description="Origin country (alpha-3).")
    annual_quota: Quota = Field(
        description=(
            "Visas issued to this origin per year, or `uncapped` (then give "
            "`expected_annual_arrivals`)."
        ),
    )
    expected_annual_arrivals: PeopleUncertain | None = Field(
        default=None,
        description=(
            "Workers expected to arrive a year (a number or {low, high}): required for an "
            "uncapped origin; for a capped one, arrivals are the smaller of this and the quota."
        ),
    )
    place_premium: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Ratio of the host wage to the home wage for the same worker (PPP), e.g. 6 for "
            "six-fold; a number is fixed, {low, high} a range. It bounds the migrant's home "
            "counterfactual: a worker paid W in the host would earn at least W / R at home. "
            "Required unless the tool ships a cited figure for this origin (it ships US-host "
            "figures only; for another host see `host_wage_relative_to_us`)."
        ),
    )
    home_wage_usd: UsdUncertain | None = Field(
        default=None,
        description=(
            "Annual earnings at home of a worker comparable to the migrants, USD (PPP). "
            "Optional when host earnings are known (a prevailing-wage floor or "
            "`migrant_wage_usd`): the home counterfactual is then the larger of this and the "
            "host earnings over the place premium."
        ),
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for this origin's figures."
    )

    @model_validator(mode="after")
    def _arrivals(self) -> Origin:
        if self.annual_quota == "uncapped" and self.expected_annual_arrivals is None:
            message = (
                "an uncapped origin needs `expected_annual_arrivals` (workers expected a year, "
                "a number or {low, high}): the tool cannot guess how many will come"
            )
            raise CrossFieldError([(("expected_annual_arrivals",), message)])
        return self


class VisaLength(Frozen):
    """Visa length as a range of years."""

    min: float = Field(gt=0, le=100, description="Shortest visa, years.")
    max: float = Field(gt=0, le=100, description="Longest visa, years (at least `min`).")

    @model_validator(mode="after")
    def _ordered(self) -> VisaLength:
        if self.min > self.max:
            message = f"min ({self.min:g}) is above max ({self.max:g}): swap them"
            raise CrossFieldError([(("min",), message)])
        return self


def _visa_kind(value: Any) -> str:
    return "=range" if isinstance(value, dict | VisaLength) else "=number"


VisaYears = Annotated[
    Annotated[Years, Tag("=number")] | Annotated[VisaLength, Tag("=range")],
    Discriminator(_visa_kind),
]


class ForcedSavings(Frozen):
    """A share of wages withheld and paid out later, to encourage return."""

    share_of_wages: Fraction = Field(description="Share of gross wages withheld (0.2 = 20%).")
    released_on: Literal["return", "contract_end"] = Field(
        default="return",
        description="When the savings are paid: on return home, or at the end of the contract.",
    )


class QuotaAdjustment(Frozen):
    """Quotas that rise or fall with the share of workers who return on time."""

    by_return_rate: bool = Field(description="Next year's quota follows this year's return rate.")
    target_return_rate: float | None = Field(
        default=None,
        ge=0.01,
        le=1,
        description="Return rate at which the quota stays unchanged (0.01 to 1).",
    )


class Mobility(Frozen):
    """A temporary labor-mobility scheme."""

    host: CountryCode = Field(description="Country that issues the visas (alpha-3).")
    origins: tuple[Origin, ...] = Field(min_length=1, description="Sending countries and quotas.")
    visa_years: VisaYears = Field(
        description="Visa length in years: a number, or {min, max} for a range (e.g. 3 to 5)."
    )
    competing_workforce: Annotated[float, Stated] = Field(
        ge=1,
        le=MAX_PEOPLE,
        description="Native workers in the occupations the visas cover (persons).",
    )
    competing_wage_usd: UsdUncertain | None = Field(
        default=None,
        description=(
            "Annual earnings of a competing native worker, USD (for a full year); gives natives' "
            "wage loss and, under a prevailing-wage floor, the visa holders' pay."
        ),
    )
    migrant_wage_usd: UsdUncertain | None = Field(
        default=None,
        description=(
            "Annual earnings of a visa holder in the host (full-year equivalent), USD. If absent: "
            "the competing native wage under a prevailing-wage floor, else the place premium "
            "times the home wage (what the same worker earns in the US labor market)."
        ),
    )
    months_per_year: float = Field(
        default=12,
        ge=1,
        le=12,
        description=(
            "Months a year visa holders work in the host (7 for a seasonal scheme of seven "
            "months); earnings, labor supply and the home counterfactual scale with it."
        ),
    )
    earlier_migrants: Annotated[float, Field(ge=0, le=MAX_PEOPLE), Stated] | None = Field(
        default=None,
        description=(
            "Earlier immigrants working in the covered occupations (persons, not counted in "
            "`competing_workforce`); their wage loss is counted when given."
        ),
    )
    host_wage_relative_to_us: PositiveUncertain | None = Field(
        default=None,
        description=(
            "For a host other than the USA: its wage for a comparable worker over the US wage "
            "(PPP). The shipped place premia are ratios to US wages; they are used for this "
            "host only through this conversion, R_host = R_US x ratio. Not needed when every "
            "origin gives its own `place_premium`."
        ),
    )
    sectors: tuple[str, ...] = Field(default=(), description="Sectors the visas cover.")
    path_to_citizenship: bool | None = Field(
        default=None, description="Whether visa holders can become permanent residents."
    )
    labor_standards: Literal["host", "origin", "none"] | None = Field(
        default=None, description="Whose labor law covers visa holders."
    )
    wage_floor: Literal["none", "minimum", "prevailing"] | None = Field(
        default=None,
        description="Wage floor for visa holders: none, the minimum wage, or the prevailing wage.",
    )
    employer_portability: bool | None = Field(
        default=None, description="Whether workers may change employer without losing the visa."
    )
    right_to_organise: bool | None = Field(
        default=None, description="Whether visa holders may join unions and bargain collectively."
    )
    grievance_channel: bool | None = Field(
        default=None,
        description="Whether workers have a complaint channel independent of their employer.",
    )
    forced_savings: ForcedSavings | None = Field(
        default=None, description="Wages withheld and paid on return."
    )
    quota_adjustment: QuotaAdjustment | None = Field(
        default=None, description="Quotas tied to return rates."
    )
    expected_return_rate: FractionUncertain | None = Field(
        default=None,
        description=(
            "Share of workers expected to return when the visa ends (0-1, or a range); the "
            "others overstay and stay in the host's labor supply."
        ),
    )
    quota_set_by: Literal["host", "bilateral", "agreement"] | None = Field(
        default=None,
        description="Who sets quotas: the host alone, both parties, or the agreement's body.",
    )
    recruitment_fees: Literal["employer", "worker", "unregulated"] | None = Field(
        default=None, description="Who pays recruitment and travel costs."
    )
    recruitment_fee_usd: UsdUncertain | None = Field(
        default=None,
        description=(
            "Recruitment and travel costs per worker per visa, USD. Netted from the migrants' "
            "gain when workers pay them (`recruitment_fees: worker` or `unregulated`)."
        ),
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for the scheme's rules."
    )
