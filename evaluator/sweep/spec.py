"""The sweep file: a base proposal, the dimensions to vary, how to sample them (issue 17).

```yaml
base: nafta_us_1994.yaml            # relative to the sweep file
sampling: grid                      # grid | random (with `samples: N`)
seed: 1
draws: 1000
vary:
  - {path: "tariffs.lines[0].final_rate", values: [0.0, 0.06, 0.12]}
  - {path: labor.enforceable, values: [true, false]}
  - {path: "mobility.origins[*].annual_quota", range: {low: 10000, high: 90000, steps: 5}}
  - {path: "tariffs.lines[*].final_rate", hs_chapter: "87", values: [0.0, 0.025]}
  - {path: parameters.discount_rate, values: [0.03, 0.07]}
keep: [pcbr, net_gain_usd]          # metrics to keep (default: every metric)
constraints: [{metric: pcbr, max: 20}]
objective: {maximize: overall}
```

Read like a proposal: the safe YAML reader, one located message per problem (``file:line:col``),
exit 2. Each dimension is also tried on the base proposal when the sweep is loaded
(:mod:`evaluator.sweep.variants`), so a path that does not exist or a value the proposal refuses
is reported at its line before any work.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evaluator.bounds import MAX_DRAWS
from evaluator.models.common import CrossFieldError

MAX_VARIANTS = 1_000_000
"""Most variants one sweep file may ask for (a grid's product, or ``samples``)."""
SCORES = ("efficiency", "redistribution", "labor_voice", "policy_space", "overall")
"""The score columns every row has (the four dimensions and the overall)."""


_PATH = r"^[a-z_]+(?:\.[a-z_]+|\[(?:\d+|\*)\])*$"
"""A dotted proposal path; ``[i]`` an item of a list, ``[*]`` every item."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class SweepRange(_Strict):
    """Values between ``low`` and ``high``: ``steps`` evenly spaced ones on a grid, uniform
    draws in random sampling."""

    low: float
    high: float
    steps: Annotated[int, Field(ge=2, le=10_000)] | None = Field(
        default=None, description="Points on a grid, ends included (required with grid)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> SweepRange:
        if self.low > self.high:
            message = f"low ({self.low:g}) is above high ({self.high:g}): swap them"
            raise CrossFieldError([(("low",), message)])
        return self


class Dimension(_Strict):
    """One thing to vary: a proposal path (``[i]`` one item, ``[*]`` every item, or every
    tariff line of ``hs_chapter``) and its values."""

    path: str = Field(min_length=1, max_length=200, pattern=_PATH)
    values: tuple[Any, ...] | None = Field(default=None, min_length=1, max_length=10_000)
    range: SweepRange | None = None
    hs_chapter: Annotated[str, Field(pattern=r"^[0-9]{2}$")] | None = Field(
        default=None, description="With tariffs.lines[*]: only the lines of this HS chapter."
    )
    name: str | None = Field(
        default=None, min_length=1, max_length=64, description="Column name (default: path)."
    )

    @model_validator(mode="after")
    def _one_source(self) -> Dimension:
        if (self.values is None) == (self.range is None):
            raise CrossFieldError([((), "give `values` (a list) or `range` ({low, high}), one")])
        if self.hs_chapter is not None and not self.path.startswith("tariffs.lines[*]."):
            message = "hs_chapter picks tariff lines: use it with a tariffs.lines[*] path"
            raise CrossFieldError([(("hs_chapter",), message)])
        return self

    @property
    def column(self) -> str:
        """The column of the results table that holds this dimension's value."""
        if self.name:
            return self.name
        return self.path + (f"[hs {self.hs_chapter}]" if self.hs_chapter else "")


class Constraint(_Strict):
    """A bound on a kept metric's mean, or on a score: a variant outside it is infeasible."""

    metric: str = Field(min_length=1, max_length=64)
    max: float | None = None
    min: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> Constraint:
        if self.max is None and self.min is None:
            raise CrossFieldError([((), "a constraint needs `max` or `min`")])
        return self


class Objective(_Strict):
    """What the best variant maximises or minimises (a kept metric's mean, or a score)."""

    maximize: str | None = Field(default=None, min_length=1, max_length=64)
    minimize: str | None = Field(default=None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def _one(self) -> Objective:
        if (self.maximize is None) == (self.minimize is None):
            raise CrossFieldError([((), "give `maximize` or `minimize`, one")])
        return self

    @property
    def target(self) -> str:
        """The metric or score it is about."""
        return self.maximize or self.minimize or ""


class SweepFile(_Strict):
    """A sweep: the base proposal, the dimensions, the sampling, what to keep and choose."""

    base: str = Field(min_length=1, max_length=1000, description="Proposal file, relative.")
    sampling: Literal["grid", "random"] = "grid"
    samples: Annotated[int, Field(ge=1, le=MAX_VARIANTS)] | None = None
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = Field(
        default=20_261_122, description="Monte Carlo seed (default: the tool's, as `score`)."
    )
    draws: Annotated[int, Field(ge=100, le=MAX_DRAWS)] = 1000
    vary: tuple[Dimension, ...] = Field(min_length=1, max_length=32)
    keep: tuple[Annotated[str, Field(min_length=1, max_length=64)], ...] = ()
    constraints: tuple[Constraint, ...] = Field(default=(), max_length=32)
    objective: Objective | None = None

    @model_validator(mode="after")
    def _sampled(self) -> SweepFile:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if self.sampling == "random" and self.samples is None:
            problems.append((("sampling",), "random sampling needs `samples: N`"))
        if self.sampling == "grid":
            if self.samples is not None:
                problems.append((("samples",), "`samples` is for random sampling; a grid is the "
                                 "product of the dimensions' values"))  # fmt: skip
            for index, dimension in enumerate(self.vary):
                if dimension.range is not None and dimension.range.steps is None:
                    where = ("vary", index, "range", "steps")
                    problems.append((where, "a range on a grid needs `steps` (2 or more)"))
            if not problems and self.grid_size() > MAX_VARIANTS:
                message = f"the grid has {self.grid_size():,} variants, over {MAX_VARIANTS:,}"
                problems.append((("vary",), message))
        names = [d.column for d in self.vary]
        for index, name in enumerate(names):
            if name in names[:index]:
                problems.append((("vary", index, "path"), f"{name!r} is varied twice"))
        if problems:
            raise CrossFieldError(problems)
        return self

    def grid_size(self) -> int:
        """Variants in the grid: the product of each dimension's number of values."""
        size = 1
        for dimension in self.vary:
            if dimension.values is not None:
                size *= len(dimension.values)
            elif dimension.range is not None and dimension.range.steps is not None:
                size *= dimension.range.steps
        return size

    def variants(self) -> int:
        """How many variants the sweep evaluates."""
        return self.grid_size() if self.sampling == "grid" else int(self.samples or 0)
