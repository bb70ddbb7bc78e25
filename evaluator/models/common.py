"""Building blocks shared by every section of a proposal.

Country codes, uncertain numbers (a fixed value or a ``{low, high}`` range), citations and the
economy the efficiency gain is measured against. Every model is frozen and forbids unknown keys:
a typo in a proposal is an error, never a silently ignored field.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from functools import cache
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from evaluator.textsafe import URL_PATTERN, check_url

# Sanity bounds on magnitudes. They reject typos (a rate written in percent, a GDP in the wrong
# unit), not plausible values: world GDP is about 1e14 USD, so 1e15 leaves a factor of ten.
MAX_USD = 1e15
MAX_PEOPLE = 1e10
MAX_RATE = 10.0  # a 1,000% tariff; a rate written in percent (15 for 15%) trips it
MIN_GDP_USD = 1e6  # below the smallest national economies (tens of millions of USD)
MIN_RATIO = 0.001  # smaller elasticities or wage ratios are typos, and break the arithmetic
MAX_RATIO = 100.0  # elasticities and wage ratios; SMART's 99 stands for "infinite"

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"

Path = tuple[str | int, ...]


class CrossFieldError(ValueError):
    """Problems that tie fields together; each carries the path (relative to the model that
    raised it) of the field to fix, so the error points there rather than at the model."""

    def __init__(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{'.'.join(map(str, p))}: {m}" for p, m in problems))


class Frozen(BaseModel):
    """Base of every proposal model: immutable, strict types, no unknown keys, no NaN."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        allow_inf_nan=False,
    )


@cache
def alpha3_codes() -> tuple[str, ...]:
    """All ISO 3166-1 alpha-3 codes, sorted: pycountry's, read from its database file without
    importing the package (which every command would pay about 45 ms for); the package itself
    is imported only to name a country or suggest one."""
    spec = importlib.util.find_spec("pycountry")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            table = json.loads((FsPath(folder) / "databases" / "iso3166-1.json").read_bytes())
            return tuple(sorted(entry["alpha_3"] for entry in table["3166-1"]))
        except (OSError, ValueError, KeyError, TypeError):
            break
    import pycountry

    return tuple(sorted(c.alpha_3 for c in pycountry.countries))


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return str(country.name) if country is not None else code


def suggest_country(text: str) -> str | None:
    """Return the alpha-3 code the author probably meant, or None.

    >>> suggest_country("NO"), suggest_country("usa"), suggest_country("Mexico")
    ('NOR', 'USA', 'MEX')
    """
    import pycountry

    if len(text) == 2:
        country = pycountry.countries.get(alpha_2=text.upper())
        return str(country.alpha_3) if country is not None else None
    if text.upper() in alpha3_codes():
        return text.upper()
    if len(text) > 3:
        try:
            found = pycountry.countries.search_fuzzy(text)
        except LookupError:
            return None
        return str(found[0].alpha_3) if found else None
    close = difflib.get_close_matches(text.upper(), alpha3_codes(), n=1, cutoff=0.67)
    return close[0] if close else None


def check_country(code: str) -> str:
    """Accept an upper-case ISO 3166-1 alpha-3 code; otherwise say which code was meant."""
    if code in alpha3_codes():
        return code
    guess = suggest_country(code)
    hint = f"; did you mean {guess} ({_country_name(guess)})?" if guess else ""
    kind = "an ISO alpha-2 code" if len(code) == 2 else "not an ISO 3166-1 alpha-3 code"
    raise ValueError(f"{code!r} is {kind}: countries are written as alpha-3 codes{hint}")


CountryCode = Annotated[
    str,
    AfterValidator(check_country),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(alpha3_codes()),
            "description": "ISO 3166-1 alpha-3 country code, e.g. USA, MEX, NOR.",
        }
    ),
]
"""An ISO 3166-1 alpha-3 country code, checked against pycountry."""


WebUrl = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema({"type": "string", "pattern": URL_PATTERN, "maxLength": 2000}),
]
"""An http(s) address: a ``javascript:`` or ``file:`` link is refused."""

SourceRef = Annotated[str, Field(pattern=ID_PATTERN)]
"""The ``id`` of an entry in the proposal's ``sources`` list."""


def whole(value: Any) -> Any:
    """Accept 5.0e4 for 50000: YAML reads exponent notation as a float."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(whole)]
"""An integer; a float with no fractional part (``5.0e4``) is accepted as one."""

UsdAmount = Annotated[float, Field(ge=0, le=MAX_USD)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Rate = Annotated[float, Field(ge=0, le=MAX_RATE)]
Years = Annotated[float, Field(gt=0, le=100)]


STATUSES = ("sourced", "illustrative", "assumption")
"""What a number's basis can be: a published source, an illustration, or an assumption."""


def unwrap_stated(value: Any) -> Any:
    """``{value: x, status: s, source: id}`` -> ``x`` after checking ``status``; else unchanged.

    The status itself is read from the file by :mod:`evaluator.input_status`.
    """
    if isinstance(value, dict) and "value" in value:
        extra = set(value) - {"value", "status", "source"}
        if extra:
            raise ValueError(
                f"unknown key {sorted(extra)[0]!r}: a number with its basis has `value`, "
                "`status` (sourced, illustrative or assumption) and `source`"
            )
        status = value.get("status")
        if status is not None and status not in STATUSES:
            raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        return value["value"]
    return value


class _Stated:
    """Accept ``{value: x, status: s, source: id}`` wherever a plain number is accepted.

    Validation unwraps it to ``x`` (then checks ``x`` as the plain number); the JSON Schema offers
    both forms, the object's ``value`` with the number's own bounds.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(unwrap_stated, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        number = handler(schema)
        stated = {
            "type": "object",
            "description": "A number with its basis, e.g. {value: 3.0e9, status: illustrative}.",
            "properties": {
                "value": {k: v for k, v in number.items() if k not in ("description", "title")},
                "status": {"enum": list(STATUSES)},
                "source": {"type": "string", "pattern": ID_PATTERN},
            },
            "required": ["value"],
            "additionalProperties": False,
        }
        return {"anyOf": [number, stated]}


Stated = _Stated()
"""Accept a number with its basis wherever a plain number is accepted."""


class Range(Frozen):
    """An uncertain value: the Monte Carlo draws it uniformly between ``low`` and ``high``."""

    low: float = Field(description="Lowest plausible value.")
    high: float = Field(description="Highest plausible value (at least `low`).")
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` that gives this range."
    )
    status: Literal["sourced", "illustrative", "assumption"] | None = Field(
        default=None, description="The range's basis: sourced, illustrative or assumption."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            message = f"low ({self.low:g}) is above high ({self.high:g}): swap them"
            raise CrossFieldError([(("low",), message)])
        return self


class PositiveRange(Range):
    """A ``{low, high}`` range of positive ratios (elasticities, wage ratios), at most 100."""

    low: float = Field(ge=MIN_RATIO, le=MAX_RATIO, description="Lowest plausible value.")
    high: float = Field(
        ge=MIN_RATIO, le=MAX_RATIO, description="Highest plausible value (at least `low`)."
    )


class FractionRange(Range):
    """A ``{low, high}`` range of fractions between 0 and 1."""

    low: float = Field(ge=0, le=1, description="Lowest plausible share (0 to 1).")
    high: float = Field(ge=0, le=1, description="Highest plausible share (0 to 1).")


class UsdRange(Range):
    """A ``{low, high}`` range of US-dollar amounts."""

    low: float = Field(ge=0, le=MAX_USD, description="Lowest plausible amount, USD.")
    high: float = Field(ge=0, le=MAX_USD, description="Highest plausible amount, USD.")


class PeopleRange(Range):
    """A ``{low, high}`` range of numbers of people."""

    low: float = Field(ge=0, le=MAX_PEOPLE, description="Lowest plausible number of people.")
    high: float = Field(ge=0, le=MAX_PEOPLE, description="Highest plausible number of people.")


def _number_or_range(value: Any) -> str:
    if isinstance(value, dict) and "value" in value:
        return "=number"
    return "=range" if isinstance(value, dict | Range) else "=number"


PositiveUncertain = Annotated[
    Annotated[Annotated[float, Field(ge=MIN_RATIO, le=MAX_RATIO), Stated], Tag("=number")]
    | Annotated[PositiveRange, Tag("=range")],
    Discriminator(_number_or_range),
]
"""A ratio from 0.001 to 100 (fixed) or a ``{low, high}`` range (uncertain)."""

FractionUncertain = Annotated[
    Annotated[Fraction, Stated, Tag("=number")] | Annotated[FractionRange, Tag("=range")],
    Discriminator(_number_or_range),
]
"""A fraction (fixed) or a ``{low, high}`` range of fractions (uncertain)."""

UsdUncertain = Annotated[
    Annotated[UsdAmount, Stated, Tag("=number")] | Annotated[UsdRange, Tag("=range")],
    Discriminator(_number_or_range),
]
"""A USD amount (fixed) or a ``{low, high}`` range (uncertain)."""


class Source(Frozen):
    """A publication that numbers in the proposal come from."""

    id: str = Field(pattern=ID_PATTERN, description="Short id other fields cite, e.g. `cp2015`.")
    citation: str = Field(
        min_length=3,
        max_length=1000,
        description="Author(s), year, title, where published.",
    )
    url: WebUrl | None = Field(default=None, max_length=2000, description="Where to read it.")
    note: str | None = Field(
        default=None, max_length=2000, description="What the proposal takes from it."
    )


class Economy(Frozen):
    """The economy whose efficiency gain and redistribution are measured."""

    gdp_usd: Annotated[float, Stated] = Field(
        ge=MIN_GDP_USD, le=MAX_USD, description="Gross domestic product, current USD."
    )
    labor_force: Annotated[float, Field(ge=1, le=MAX_PEOPLE), Stated] | None = Field(
        default=None, description="Labor force, persons."
    )
    domestic_expenditure_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "Share of spending on domestic goods (lambda in Arkolakis, Costinot and "
            "Rodriguez-Clare 2012); gives the whole gains from trade against autarky, for scale."
        ),
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for these figures."
    )


class ParameterValue(Frozen):
    """A model parameter fixed at a value, with where it comes from."""

    value: float = Field(description="The value the model uses, in the parameter's unit.")
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` that gives it."
    )


def _parameter_kind(value: Any) -> str:
    if isinstance(value, dict | BaseModel):
        has_range = "low" in value or "high" in value if isinstance(value, dict) else False
        return "=range" if has_range or isinstance(value, Range) else "=value"
    return "=number"


ParameterOverride = Annotated[
    Annotated[float, Tag("=number")]
    | Annotated[Range, Tag("=range")]
    | Annotated[ParameterValue, Tag("=value")],
    Discriminator(_parameter_kind),
]
"""A parameter override: a number, ``{value, source}``, or ``{low, high, source}``."""


def override_numbers(
    value: float | Range | ParameterValue,
) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The numbers of a parameter override, each with its path inside the override.

    >>> override_numbers(0.05)
    (((), 0.05),)
    >>> override_numbers(Range(low=0.01, high=0.05))
    ((('low',), 0.01), (('high',), 0.05))
    """
    if isinstance(value, Range):
        return ((("low",), value.low), (("high",), value.high))
    if isinstance(value, ParameterValue):
        return ((("value",), value.value),)
    return (((), value),)


Kind = Literal["trade_agreement", "visa_scheme", "mixed"]

PeopleUncertain = Annotated[
    Annotated[Annotated[float, Field(ge=0, le=MAX_PEOPLE), Stated], Tag("=number")]
    | Annotated[PeopleRange, Tag("=range")],
    Discriminator(_number_or_range),
]
"""A number of people (fixed) or a ``{low, high}`` range (uncertain)."""
