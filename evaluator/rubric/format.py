"""The rubric file format, validated by pydantic: no code in strings, a closed set of operators.

A condition is a leaf ``{field: a.b.c, <operator>: value}`` with one operator among ``present``,
``equals``, ``in``, ``gte``, ``lte``, ``between``, or a compound ``{all: [...]}``,
``{any: [...]}``, ``{not: {...}}``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from evaluator.models.common import CrossFieldError

RULE_ID = r"^[a-z][a-z0-9_]{0,63}$"
Scalar = str | bool | float
OPERATORS = ("present", "equals", "in", "gte", "lte", "between")


class Strict(BaseModel):
    """Immutable, strict, unknown keys refused, fields settable by their YAML names."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, allow_inf_nan=False, populate_by_name=True
    )


class Leaf(Strict):
    """A test of one proposal field."""

    field: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$", description="Dotted field path.")
    present: bool | None = Field(default=None, description="The field is given (or not).")
    equals: Scalar | None = Field(default=None, description="The field equals this value.")
    in_: tuple[Scalar, ...] | None = Field(
        default=None, alias="in", min_length=1, description="Value among these (lists: overlap)."
    )
    gte: float | None = Field(default=None, description="Number at least this.")
    lte: float | None = Field(default=None, description="Number at most this.")
    between: tuple[float, float] | None = Field(default=None, description="Inclusive range.")

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        given = [name for name in OPERATORS if self.operand(name) is not None]
        if len(given) != 1:
            found = ", ".join(given) or "none"
            raise CrossFieldError(
                [((), f"a condition needs exactly one of {', '.join(OPERATORS)}; found {found}")]
            )
        if self.between is not None and self.between[0] > self.between[1]:
            raise CrossFieldError([(("between",), "between: low is above high")])
        return self

    def operand(self, name: str) -> Any:
        """The value given for operator ``name``, or None."""
        return getattr(self, "in_" if name == "in" else name)

    @property
    def operator(self) -> str:
        """The one operator this leaf uses."""
        return next(name for name in OPERATORS if self.operand(name) is not None)


class AllOf(Strict):
    """True when every part is true."""

    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(Strict):
    """True when some part is true."""

    any: tuple[Condition, ...] = Field(min_length=1)


class NotOf(Strict):
    """True when the part is false (unknown stays unknown)."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return f"={key}"
    if isinstance(value, AllOf):
        return "=all"
    if isinstance(value, AnyOf):
        return "=any"
    if isinstance(value, NotOf):
        return "=not"
    return "=leaf"


Condition = Annotated[
    Annotated[Leaf, Tag("=leaf")]
    | Annotated[AllOf, Tag("=all")]
    | Annotated[AnyOf, Tag("=any")]
    | Annotated[NotOf, Tag("=not")],
    Discriminator(_condition_kind),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


class Citation(Strict):
    """A publication behind a rule or a scale point."""

    title: str = Field(min_length=1)
    author: str = Field(min_length=1)
    year: int | None = None
    where: str = Field(min_length=1, description="Article, report, section or URL.")

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.author}{year}, {self.title}, {self.where}"


class Rule(Strict):
    """One provision the rubric rewards or penalises."""

    id: str = Field(pattern=RULE_ID)
    title: str = Field(min_length=1, max_length=120)
    when: Condition
    points: float = Field(ge=-100, le=100)
    rationale: str = Field(min_length=10)
    source: str = Field(min_length=1, description="Id of an entry in the rubric's `sources`.")
    recommendation: str | None = None

    @model_validator(mode="after")
    def _nonzero(self) -> Rule:
        if self.points == 0:
            raise CrossFieldError([(("points",), "points must be non-zero")])
        return self


Dimension = Literal["efficiency", "redistribution", "labor_voice", "policy_space"]


class Rubric(Strict):
    """A rubric file: rules for one dimension, with their sources."""

    schema_version: Literal[1]
    rubric: str = Field(pattern=RULE_ID)
    dimension: Literal["labor_voice", "policy_space", "redistribution"]
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    baseline: float = Field(ge=0, le=100)
    sources: dict[str, Citation] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Rubric:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        seen: set[str] = set()
        for index, rule in enumerate(self.rules):
            if rule.id in seen:
                problems.append((("rules", index, "id"), f"rule id {rule.id!r} is used twice"))
            seen.add(rule.id)
            if rule.source not in self.sources:
                known = ", ".join(sorted(self.sources))
                problems.append(
                    (
                        ("rules", index, "source"),
                        f"source {rule.source!r} is not in sources ({known})",
                    )
                )
        if problems:
            raise CrossFieldError(problems)
        return self


class ScalePoint(Strict):
    """A reference point: this value of the metric scores this much."""

    value: float
    score: float = Field(ge=0, le=100)
    label: str = Field(min_length=1, description="What the value stands for.")
    source: Citation | None = None
    assumption: bool = Field(default=False, description="Our choice, not a finding [A].")

    @model_validator(mode="after")
    def _sourced(self) -> ScalePoint:
        if self.source is None and not self.assumption:
            raise CrossFieldError(
                [(("source",), "give a source, or mark the point `assumption: true`")]
            )
        return self


class Scale(Strict):
    """Maps a metric to 0-100 by interpolating between reference points."""

    metric: str
    unit: str
    interpolation: Literal["linear", "log"]
    description: str = Field(min_length=1)
    points: tuple[ScalePoint, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        values = [p.value for p in self.points]
        if values != sorted(values) or len(set(values)) != len(values):
            raise CrossFieldError([(("points",), "points must be in increasing order of value")])
        if self.interpolation == "log" and values[0] <= 0:
            raise CrossFieldError([(("points",), "a log scale needs positive values")])
        return self


class ScaleFile(Strict):
    """``rubrics/scales.yaml``."""

    schema_version: Literal[1]
    scales: dict[Literal["efficiency", "redistribution"], Scale]


class Profile(Strict):
    """A named set of dimension weights."""

    description: str = Field(min_length=1)
    weights: dict[Dimension, float]
    basis: Literal["national", "global"] | None = Field(
        default=None,
        description=(
            "Accounting basis of the gain this profile scores (`national`: the evaluated "
            "country's residents; `global`: everyone); the tool's default if absent."
        ),
    )

    @model_validator(mode="after")
    def _weights(self) -> Profile:
        if any(w < 0 for w in self.weights.values()) or sum(self.weights.values()) <= 0:
            raise CrossFieldError([(("weights",), "weights must be non-negative and not all zero")])
        return self


class ProfileFile(Strict):
    """``rubrics/profiles.yaml``."""

    schema_version: Literal[1]
    default: str
    profiles: dict[str, Profile] = Field(min_length=1)

    @model_validator(mode="after")
    def _default_exists(self) -> ProfileFile:
        if self.default not in self.profiles:
            raise CrossFieldError([(("default",), f"profile {self.default!r} is not defined")])
        return self
