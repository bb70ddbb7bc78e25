"""Tariff schedules: the lines an agreement cuts, inline or from a CSV file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from evaluator.models.common import (
    CountryCode,
    Frozen,
    PositiveUncertain,
    Rate,
    SourceRef,
    UsdAmount,
    WholeNumber,
)

HsCode = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{2,10}$",
        description=(
            "Harmonized System code, 2 to 10 digits, written as a quoted string so that "
            'leading zeros survive: "010121", not 010121.'
        ),
    ),
]

TARIFF_LINE_COLUMNS = (
    "hs",
    "sector",
    "description",
    "partner",
    "imports_usd",
    "base_rate",
    "final_rate",
    "phase_in_years",
    "elasticity",
    "domestic_output_usd",
    "source",
)
"""Columns a ``lines_csv`` file may have, in the order the starter file writes them."""


class TariffLine(Frozen):
    """One tariff line (or a whole sector) and how the agreement changes its rate."""

    hs: HsCode | None = Field(default=None, description="HS code (quoted string of 2-10 digits).")
    sector: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Sector name, for sector-level schedules without an HS code.",
    )
    description: str | None = Field(
        default=None, max_length=500, description="What the line covers, in words."
    )
    partner: CountryCode | None = Field(
        default=None, description="Exporting party the rate applies to (alpha-3); one of `parties`."
    )
    imports_usd: UsdAmount = Field(
        description=(
            "Annual imports on this line before the cut, in USD at world (customs, "
            "tariff-exclusive) prices, as trade statistics report them."
        )
    )
    base_rate: Rate = Field(
        description="Ad-valorem tariff before the agreement, as a fraction (0.15 = 15%)."
    )
    final_rate: Rate = Field(
        description=(
            "Tariff once fully phased in, as a fraction. Above `base_rate` means a tariff "
            "increase, which is allowed and reported as a loss."
        )
    )
    phase_in_years: WholeNumber = Field(
        default=0,
        ge=0,
        le=50,
        description="Years over which the cut is staged in equal steps (0 = at once).",
    )
    elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Import-demand elasticity (absolute value) for this line: a number is fixed, "
            "{low, high} is a range. Defaults to `tariffs.elasticity`."
        ),
    )
    domestic_output_usd: UsdAmount | None = Field(
        default=None,
        description=(
            "Output of the import-competing domestic industry, USD at domestic prices; "
            "gives the producers' loss."
        ),
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for this line's figures."
    )

    @model_validator(mode="after")
    def _named(self) -> TariffLine:
        if self.hs is None and self.sector is None:
            raise ValueError("a tariff line needs an `hs` code or a `sector` name")
        return self

    @property
    def is_increase(self) -> bool:
        """True when the agreement raises this line's tariff."""
        return self.final_rate > self.base_rate

    @property
    def label(self) -> str:
        """The HS code and/or sector, for tables."""
        return " ".join(part for part in (self.hs, self.sector) if part)


class Tariffs(Frozen):
    """The tariff schedule: lines inline and/or in a CSV file."""

    elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Default import-demand elasticity (absolute value) for lines without one: a number "
            "is fixed, {low, high} a range. Defaults to the tool's cited parameter."
        ),
    )
    demand: Literal["linear", "constant_elasticity"] = Field(
        default="linear",
        description=(
            "Shape of import demand: linear through the base point (Harberger triangles, the "
            "default) or constant elasticity (exact for large cuts)."
        ),
    )
    imports_valued_at: Literal["world", "domestic"] = Field(
        default="world",
        description=(
            "How `imports_usd` is valued: at world (customs, tariff-exclusive) prices, as trade "
            "statistics report it (the default), or at domestic (tariff-inclusive) prices, as in "
            "Rodrik's formula; domestic values are divided by (1 + base_rate)."
        ),
    )
    lines: tuple[TariffLine, ...] = Field(default=(), description="Tariff lines written inline.")
    lines_csv: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description=(
            "Path of a CSV file of tariff lines, relative to this file, with a header row of "
            "the line fields (hs, sector, description, partner, imports_usd, base_rate, "
            "final_rate, phase_in_years, elasticity, domestic_output_usd, source)."
        ),
    )

    @model_validator(mode="after")
    def _has_lines(self) -> Tariffs:
        if not self.lines and self.lines_csv is None:
            raise ValueError("the schedule is empty: give `lines`, `lines_csv`, or both")
        return self
