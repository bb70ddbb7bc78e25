"""The base of every result model, and the Monte Carlo summary they share."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Result(BaseModel):
    """Base of result models: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Summary(Result):
    """A Monte Carlo metric: mean and the 5th and 95th percentiles over the draws."""

    mean: float
    p05: float
    p95: float
    unit: str = Field(description="USD, % of GDP, ratio, persons, ...")


Dimension = Literal["efficiency", "redistribution", "labor_voice", "policy_space"]
