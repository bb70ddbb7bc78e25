"""Tariff schedules: the lines an agreement cuts, inline or from a CSV file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from evaluator.models.common import (
    MAX_RATIO,
    CountryCode,
    Frozen,
    PositiveUncertain,
    Rate,
    SourceRef,
    UsdAmount,
    WholeNumber,
)
from evaluator.models.line_table import LineTable

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
    "rest_of_world_imports_usd",
    "rest_of_world_base_rate",
    "rest_of_world_rate",
    "substitution_elasticity",
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
    rest_of_world_imports_usd: UsdAmount = Field(
        default=0.0,
        description=(
            "Imports of the same line from non-parties (the rest of the world) before the "
            "agreement, USD at world prices. With them, a preferential cut diverts imports "
            "from the rest of the world to the partner (0 = none)."
        ),
    )
    rest_of_world_base_rate: Rate | None = Field(
        default=None,
        description=(
            "Tariff the rest of the world pays before the agreement, as a fraction. Defaults to "
            "`base_rate` (the partner paid the MFN rate too)."
        ),
    )
    rest_of_world_rate: Rate | None = Field(
        default=None,
        description=(
            "Tariff the rest of the world pays after the agreement. Defaults to its base rate: "
            "unchanged, a preferential cut. Equal to `final_rate` (or `tariffs.cut: mfn`), the "
            "cut applies to everyone."
        ),
    )
    substitution_elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Elasticity of substitution between the partner's and the rest of the world's "
            "goods on this line. Defaults to `tariffs.substitution_elasticity`."
        ),
    )
    export_supply_elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Export-supply elasticity of the partner's exporters on this line. Defaults to "
            "`tariffs.export_supply_elasticity`."
        ),
    )
    within_rate_cv: Annotated[float, Field(ge=0, le=MAX_RATIO)] | None = Field(
        default=None,
        description=(
            "For a line that aggregates many (a sector): the coefficient of variation of the "
            "trade-weighted tariff rates within it. The tool then reports how much the "
            "triangle understates the gain (about 1 + CV squared)."
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

    @property
    def rest_base(self) -> float:
        """The rest of the world's rate before the agreement."""
        return (
            self.base_rate if self.rest_of_world_base_rate is None else self.rest_of_world_base_rate
        )


class ExportLine(Frozen):
    """Our exports on one line (or sector) to a partner, and the partner's tariff on them."""

    hs: HsCode | None = Field(default=None, description="HS code (quoted string of 2-10 digits).")
    sector: str | None = Field(
        default=None, min_length=1, max_length=200, description="Sector name, without an HS code."
    )
    description: str | None = Field(default=None, max_length=500, description="What it covers.")
    partner: CountryCode = Field(description="Importing party whose tariff falls (alpha-3).")
    exports_usd: UsdAmount = Field(
        description="Annual exports to the partner before the cut, USD at world (f.o.b.) prices."
    )
    base_rate: Rate = Field(description="The partner's tariff before the agreement, a fraction.")
    final_rate: Rate = Field(description="The partner's tariff once phased in, a fraction.")
    phase_in_years: WholeNumber = Field(
        default=0, ge=0, le=50, description="Years over which the partner's cut is staged."
    )
    elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "The partner's import-demand elasticity (absolute value) for these goods. Defaults "
            "to `tariffs.elasticity` (the same range as ours, an assumption the brief states)."
        ),
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for this line's figures."
    )

    @model_validator(mode="after")
    def _named(self) -> ExportLine:
        if self.hs is None and self.sector is None:
            raise ValueError("an export line needs an `hs` code or a `sector` name")
        return self

    @property
    def label(self) -> str:
        """The HS code and/or sector, for tables."""
        return " ".join(part for part in (self.hs, self.sector) if part)


EMPTY = LineTable.empty()
"""The schedule of a section without lines."""


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
    cut: Literal["preferential", "mfn"] = Field(
        default="preferential",
        description=(
            "`preferential` (the default): only the parties get the cut, the rest of the world "
            "keeps its rate. `mfn`: every supplier gets it (each line's `rest_of_world_rate` "
            "is its `final_rate`)."
        ),
    )
    substitution_elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Elasticity of substitution between the partner's and the rest of the world's goods "
            "(trade diversion), a number or {low, high}. Defaults to SMART's 1.5."
        ),
    )
    export_supply_elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Export-supply elasticity of the partner's exporters, a number or {low, high}. "
            "Omitted: infinitely elastic (SMART's 99), so buyers get the whole cut; a finite "
            "value lets the partner's exporters capture part of the preference margin."
        ),
    )
    exporters_supply_elasticity: PositiveUncertain | None = Field(
        default=None,
        description=(
            "Export-supply elasticity of our own exporters, for `exports`: sets how much of the "
            "partner's cut our exporters receive as a higher price. No default: required with "
            "`exports`."
        ),
    )
    exports: tuple[ExportLine, ...] = Field(
        default=(),
        description="Our exports whose tariffs the partner cuts (the agreement's other half).",
    )
    lines: LineTable = Field(default=EMPTY, description="Tariff lines written inline.")
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
        if not self.lines and self.lines_csv is None and not self.exports:
            raise ValueError(
                "the schedule is empty: give `lines`, `lines_csv` or `exports`, or several"
            )
        return self
