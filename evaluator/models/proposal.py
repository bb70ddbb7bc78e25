"""The Proposal: one model for trade agreements, visa schemes and anything in between."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

import numpy as np
from pydantic import BaseModel, BeforeValidator, Field, PrivateAttr, model_validator

from evaluator.models.chapters import (
    CapitalAccount,
    IntellectualProperty,
    Investment,
    Labor,
    PolicySpace,
    Regulation,
    SkillMatching,
)
from evaluator.models.common import (
    ID_PATTERN,
    CountryCode,
    CrossFieldError,
    Economy,
    Frozen,
    Kind,
    ParameterOverride,
    Path,
    Source,
    SourceRef,
    whole,
)
from evaluator.models.general_equilibrium import GeneralEquilibrium
from evaluator.models.line_table import UNCERTAIN, LineTable
from evaluator.models.mobility import Mobility
from evaluator.models.tariffs import Tariffs

SECTIONS = (
    "tariffs",
    "mobility",
    "investment",
    "intellectual_property",
    "labor",
    "capital_account",
    "regulation",
    "policy_space",
    "skill_matching",
    "general_equilibrium",
)


BenchmarkMetric = Literal[
    "efficiency_gain_pct_gdp",
    "efficiency_gain_usd",
    "tariff_gain_pct_gdp",
    "tariff_gain_usd",
    "general_equilibrium_welfare_pct_gdp",
    "general_equilibrium_welfare_usd",
    "redistribution_usd",
    "pcbr",
    "migrants_gain_usd",
    "immigration_surplus_usd",
    "trade_creation_usd",
    "trade_diversion_usd",
]
BENCHMARK_METRICS = get_args(BenchmarkMetric)


class Benchmark(Frozen):
    """A published estimate to reconcile the tool's figure with."""

    name: str = Field(min_length=1, max_length=200, description="What the estimate is, in words.")
    metric: BenchmarkMetric = Field(
        description="The result metric it corresponds to (same unit as the tool reports it)."
    )
    value: float = Field(description="The published figure, in the metric's unit.")
    model: Literal["partial_equilibrium", "general_equilibrium", "other"] = Field(
        default="other", description="What kind of model produced it."
    )
    source: SourceRef = Field(description="Id of the entry in `sources` that publishes it.")
    note: str | None = Field(
        default=None,
        max_length=1000,
        description="Why it may differ from the tool's figure, in your words (printed).",
    )


class Proposal(Frozen):
    """A trade-agreement or temporary-worker-visa proposal.

    Every section is optional, so a trade agreement may carry a labor-mobility chapter and a visa
    scheme a labor chapter, and any two proposals can be compared.
    """

    schema_version: Literal[1] = Field(description="Version of this file format; always 1.")
    title: str = Field(min_length=1, max_length=300, description="Name of the proposal.")
    short_title: str | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="A short name for tables, charts and comparisons (e.g. `NAFTA (US)`).",
    )
    kind: Kind = Field(description="trade_agreement, visa_scheme, or mixed (both).")
    summary: str | None = Field(
        default=None, max_length=5000, description="What the proposal does, in a paragraph."
    )
    parties: tuple[CountryCode, ...] = Field(
        min_length=1, description="Parties to the agreement or scheme (alpha-3 codes)."
    )
    evaluated_for: CountryCode = Field(
        description="Party whose economy the efficiency gain and redistribution are measured for."
    )
    year: Annotated[int, Field(ge=1800, le=2200), BeforeValidator(whole)] | None = Field(
        default=None, description="Year the proposal takes effect."
    )
    economy: Economy | None = Field(
        default=None,
        description=(
            "GDP and labor force of `evaluated_for`; required with `tariffs` or `mobility`, "
            "whose gains are reported as % of GDP."
        ),
    )
    sources: tuple[Source, ...] = Field(
        default=(), description="Publications the file's numbers come from, cited by `id`."
    )
    parameters: dict[str, ParameterOverride] = Field(
        default_factory=dict,
        description=(
            "Overrides of the tool's default model parameters, by name: a number (fixed), "
            "{value, source}, or {low, high, source} (a range). Recorded in the results."
        ),
    )
    tariffs: Tariffs | None = Field(default=None, description="Tariff schedule.")
    general_equilibrium: GeneralEquilibrium | None = Field(
        default=None,
        description="A general-equilibrium check (Caliendo & Parro 2015) on a dataset of regions "
        "and sectors; the dataset is read from the data directory.",
    )
    mobility: Mobility | None = Field(default=None, description="Labor-mobility or visa scheme.")
    investment: Investment | None = Field(default=None, description="Investment chapter.")
    intellectual_property: IntellectualProperty | None = Field(
        default=None, description="Intellectual-property chapter."
    )
    labor: Labor | None = Field(default=None, description="Labor chapter or side agreement.")
    capital_account: CapitalAccount | None = Field(
        default=None, description="Capital-account rules."
    )
    regulation: Regulation | None = Field(default=None, description="Regulatory provisions.")
    policy_space: PolicySpace | None = Field(
        default=None, description="Room left for national policy."
    )
    skill_matching: SkillMatching | None = Field(
        default=None,
        description=(
            "Skill levels for the Kremer-Maskin model of cross-border teams, for agreements that "
            "open investment or offshoring."
        ),
    )

    benchmarks: tuple[Benchmark, ...] = Field(
        default=(),
        description=(
            "Published estimates of the same effect; the brief prints the tool's figure beside "
            "each, with the main reasons they differ."
        ),
    )

    _origin: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _cross_fields(self) -> Proposal:
        problems = list(cross_field_problems(self))
        if problems:
            raise CrossFieldError(problems)
        return self

    @property
    def origin(self) -> Any:
        """Where the proposal was read from (a ``ProposalOrigin``), or None if built in code."""
        return self._origin

    def sections(self) -> list[str]:
        """Names of the sections the proposal has, in schema order."""
        return [name for name in SECTIONS if getattr(self, name) is not None]


def _unknown_refs(node: object, ids: set[str], path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every ``source:`` citation in the proposal (ranges, lines, origins...) that is not one of
    ``ids``, with its path.

    Only the fields whose type can hold a citation are walked (:func:`_citing_fields`); a
    schedule's columns are searched as columns."""
    if isinstance(node, BaseModel):
        for name in _citing_fields(type(node)):
            value = getattr(node, name)
            if name == "source" and isinstance(value, str):
                if value not in ids:
                    yield (*path, name), value
            elif isinstance(value, BaseModel | tuple | dict | LineTable):
                yield from _unknown_refs(value, ids, (*path, name))
    elif isinstance(node, LineTable):
        yield from _unknown_line_refs(node, ids, path)
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            if isinstance(item, BaseModel | tuple | dict):
                yield from _unknown_refs(item, ids, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            if isinstance(item, BaseModel | tuple | dict):
                yield from _unknown_refs(item, ids, (*path, key))


def _unknown_line_refs(table: LineTable, ids: set[str], path: Path) -> Iterator[tuple[Path, str]]:
    """The unknown citations of a schedule, line by line, in the order of a line's fields."""
    sources = table.text("source")
    unknown = set(sources.tolist()) - ids - {None}
    rows = {i for i, s in enumerate(sources.tolist()) if s in unknown} if unknown else set()
    for name in UNCERTAIN:
        rows |= {i for i, r in table.ranges(name).items() if r.source and r.source not in ids}
    for i in sorted(rows):
        yield from _unknown_refs(table[i], ids, (*path, i))


@functools.cache
def _citing_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that are a ``source`` or can hold a model other than a
    :class:`Source` (whose ``id`` is not a citation)."""
    if issubclass(model, Source):
        return ()
    return tuple(
        name
        for name, info in model.model_fields.items()
        if name == "source" or _may_hold_model(info.annotation)
    )


_SCALARS = (str, int, float, bool, type(None))


def _may_hold_model(annotation: Any) -> bool:
    """Whether a value of this type can be, or contain, a model other than a Source."""
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return not issubclass(annotation, Source)
        if issubclass(annotation, _SCALARS) or issubclass(annotation, enum.Enum):
            return False
    if get_origin(annotation) is Literal:
        return False
    if get_origin(annotation) is Annotated:
        return _may_hold_model(get_args(annotation)[0])
    args = get_args(annotation)
    if args:
        return any(_may_hold_model(arg) for arg in args if arg is not Ellipsis)
    return not isinstance(annotation, type) or annotation not in _SCALARS


def cross_field_problems(proposal: Proposal) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for every rule that ties two fields together."""
    import re

    parties = proposal.parties
    seen: set[str] = set()
    for i, code in enumerate(parties):
        if code in seen:
            yield ("parties", i), f"{code} is listed twice in parties"
        seen.add(code)
    if proposal.evaluated_for not in parties:
        yield (
            ("evaluated_for",),
            f"evaluated_for {proposal.evaluated_for} is not among parties ({', '.join(parties)})",
        )
    ids: set[str] = set()
    for i, source in enumerate(proposal.sources):
        if source.id in ids:
            yield ("sources", i, "id"), f"source id {source.id!r} is used twice in sources"
        ids.add(source.id)
    for path, ref in _unknown_refs(proposal, ids):
        known = ", ".join(sorted(ids)) or "none"
        yield path, f"source {ref!r} is not an id in sources (known: {known})"
    for name in proposal.parameters:
        if not re.fullmatch(ID_PATTERN, name):
            yield ("parameters", name), f"{name!r} is not a parameter name"
    needs_economy = [s for s in ("tariffs", "mobility") if getattr(proposal, s) is not None]
    if needs_economy and proposal.economy is None:
        yield (
            ("economy",),
            f"economy (gdp_usd) is required with {' and '.join(needs_economy)}: gains are "
            "reported as % of GDP",
        )
    if proposal.kind == "visa_scheme" and proposal.mobility is None:
        yield ("mobility",), "kind is visa_scheme but there is no mobility section"
    if proposal.tariffs:
        yield from _tariff_problems(proposal.tariffs, parties, proposal.evaluated_for)
    if proposal.mobility:
        yield from _mobility_problems(proposal.mobility, parties)


def _tariff_problems(
    tariffs: Tariffs, parties: tuple[str, ...], evaluated_for: str
) -> Iterator[tuple[Path, str]]:
    column = tariffs.lines.text("partner")
    wrong = {p for p in set(column.tolist()) - {None} if p not in parties or p == evaluated_for}
    named = [i for i, p in enumerate(column.tolist()) if p in wrong] if wrong else []
    partners = [("lines", i, column[i]) for i in named]
    partners += [("exports", i, row.partner) for i, row in enumerate(tariffs.exports)]
    for section, i, partner in partners:
        if partner and partner not in parties:
            yield (
                ("tariffs", section, i, "partner"),
                f"partner {partner} is not among parties ({', '.join(parties)})",
            )
        elif partner == evaluated_for:
            yield (
                ("tariffs", section, i, "partner"),
                f"partner {partner} is the evaluated country itself (evaluated_for)",
            )
    final, rest = tariffs.lines.number("final_rate"), tariffs.lines.number("rest_of_world_rate")
    differ = np.flatnonzero(~np.isnan(rest) & (rest != final)) if tariffs.cut == "mfn" else ()
    for i in map(int, differ):
        yield (
            ("tariffs", "lines", i, "rest_of_world_rate"),
            f"tariffs.cut is mfn, so the rest of the world pays final_rate "
            f"{float(final[i]):g}, not {float(rest[i]):g}: drop rest_of_world_rate or make the "
            "cut preferential",
        )
    if tariffs.exports and tariffs.exporters_supply_elasticity is None:
        yield (
            ("tariffs", "exporters_supply_elasticity"),
            "exports are given but exporters_supply_elasticity is not: give our exporters' "
            "supply elasticity (a number or {low, high}); the tool ships no cited default (a "
            "very large value, SMART's 99, means our exporters gain volume but no price)",
        )


def _mobility_problems(mobility: Mobility, parties: tuple[str, ...]) -> Iterator[tuple[Path, str]]:
    if mobility.host not in parties:
        yield (
            ("mobility", "host"),
            f"mobility.host {mobility.host} is not among parties ({', '.join(parties)})",
        )
    seen: set[str] = set()
    for i, origin in enumerate(mobility.origins):
        path: Path = ("mobility", "origins", i, "country")
        if origin.country == mobility.host:
            yield path, f"origin {origin.country} is the same country as mobility.host"
        if origin.country in seen:
            yield path, f"origin {origin.country} is listed twice in mobility.origins"
        seen.add(origin.country)
    adjustment = mobility.quota_adjustment
    if adjustment and adjustment.by_return_rate and adjustment.target_return_rate is None:
        yield (
            ("mobility", "quota_adjustment", "target_return_rate"),
            "quota_adjustment.by_return_rate is true but target_return_rate is missing",
        )


def proposal_notes(proposal: Proposal) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for things that are valid but worth telling the author."""
    if proposal.tariffs:
        table = proposal.tariffs.lines
        base, final = table.number("base_rate"), table.number("final_rate")
        for i in np.flatnonzero(final > base).tolist():
            yield (
                ("tariffs", "lines", i, "final_rate"),
                f"final_rate {float(final[i]):g} is above base_rate {float(base[i]):g}: "
                "treated as a tariff increase (a loss, not a gain)",
            )
