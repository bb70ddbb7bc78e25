"""The general-equilibrium section: a dataset and the tariff changes to run through it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from evaluator.models.common import Frozen, Rate

Region = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{3}$",
        description="ISO 3166-1 alpha-3 code of a region of the dataset, or ROW for the rest of "
        "the world.",
    ),
]


class TariffChange(Frozen):
    """One change to the dataset's baseline tariffs; changes apply in order."""

    importers: Annotated[tuple[Region, ...], Field(min_length=1)] | Literal["all"] = Field(
        description="Regions whose tariffs change (alpha-3 codes, ROW), or `all`."
    )
    exporters: Annotated[tuple[Region, ...], Field(min_length=1)] | Literal["all"] = Field(
        description="Regions whose goods the tariffs apply to, or `all`. A region's tariff on "
        "itself is never changed."
    )
    sectors: (
        tuple[Annotated[str, Field(min_length=1, max_length=100)], ...]
        | Literal["goods", "services", "all"]
    ) = Field(default="all", description="The dataset's sector names, or goods, services, all.")
    to: Rate | Literal["dataset_counterfactual"] | None = Field(
        default=None,
        description="The new rate (a fraction), or `dataset_counterfactual` for the dataset's "
        "own counterfactual tariffs (`tariff_cfl`).",
    )
    scale: Annotated[float, Field(ge=0, le=100)] | None = Field(
        default=None, description="Multiply the current rate by this factor instead."
    )

    @model_validator(mode="after")
    def _one_rule(self) -> TariffChange:
        if (self.to is None) == (self.scale is None):
            raise ValueError("give exactly one of `to` and `scale`")
        return self


class GeneralEquilibrium(Frozen):
    """A Caliendo-Parro general-equilibrium check on a dataset of regions and sectors."""

    dataset: str = Field(
        min_length=1,
        max_length=200,
        description="A dataset folder under the data directory (EVALUATOR_DATA or --data-dir), "
        "e.g. cp2015_nafta, or a path relative to this file.",
    )
    aggregate_deficits: Literal["zero", "keep"] = Field(
        default="zero",
        description="`zero` sets every region's trade deficit to zero first, as the paper's main "
        "case does; `keep` keeps the dataset's deficits.",
    )
    tariff_changes: tuple[TariffChange, ...] = Field(
        min_length=1, description="Changes to the dataset's baseline tariffs, applied in order."
    )
