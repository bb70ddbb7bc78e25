"""validate covers score: a proposal that loads never makes the evaluation crash.

For every generated proposal, either loading raises the tool's ProposalError (every problem
located), or ``evaluate`` returns a result whose numbers are all finite, or it raises
ProposalError. Nothing else: no other exception, no numpy floating-point error and no warning
(the suite runs under ``np.errstate(all="raise")`` and ``filterwarnings = error``, see conftest),
no NaN or infinity anywhere in the result.

Proposals come from the JSON Schema (``tests/schema_strategy.py``) and from a base proposal with
every section, whose numeric fields and parameter overrides are set to extreme numbers: zero,
tiny, huge, negative, YAML's ``.nan`` and ``.inf``, and values at and just past every bound the
schema and the parameters file declare.
"""

from __future__ import annotations

import copy
import json
import math
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from evaluator.economics.parameters import default_parameters
from evaluator.errors import ProposalError
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal_bytes
from evaluator.schema import proposal_schema
from tests.schema_strategy import from_schema, satisfy_cross_field_rules

DRAWS = 100
LOCATED = re.compile(r"^p\.yaml:\d+:\d+: ")
SPECIAL = {"__nan__": ".nan", "__inf__": ".inf", "__-inf__": "-.inf"}
"""YAML spellings JSON cannot write: a placeholder string in the document becomes the token."""

SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)

BASE: dict[str, Any] = YAML(typ="safe").load(
    """
schema_version: 1
title: Every section at once
kind: mixed
parties: [USA, MEX, PAK, CAN]
evaluated_for: USA
year: 2024
economy: {gdp_usd: 1.0e12, labor_force: 1.0e8, domestic_expenditure_share: 0.93}
sources: [{id: s, citation: A source}]
parameters: {}
tariffs:
  elasticity: {low: 1.0, high: 3.0}
  lines:
    - {hs: "01", partner: MEX, imports_usd: 1.0e9, base_rate: 0.1, final_rate: 0.0,
       phase_in_years: 5, domestic_output_usd: 5.0e9, rest_of_world_imports_usd: 2.0e9}
    - {sector: Cars, partner: MEX, imports_usd: 3.0e9, base_rate: 0.25, final_rate: 0.05,
       within_rate_cv: 0.5}
  exports:
    - {hs: "02", partner: MEX, exports_usd: 1.0e9, base_rate: 0.2, final_rate: 0.0,
       phase_in_years: 3}
  exporters_supply_elasticity: 2.0
mobility:
  host: USA
  origins:
    - {country: PAK, annual_quota: 50000, home_wage_usd: 3000}
    - {country: MEX, annual_quota: uncapped, expected_annual_arrivals: 20000,
       place_premium: 2.5, home_wage_usd: 8000}
  visa_years: {min: 3, max: 5}
  competing_workforce: 2.0e7
  competing_wage_usd: 30000
  migrant_wage_usd: 25000
  host_wage_relative_to_us: 0.9
  months_per_year: 12
  earlier_migrants: 1.0e6
  expected_return_rate: 0.9
  forced_savings: {share_of_wages: 0.1}
  quota_adjustment: {by_return_rate: true, target_return_rate: 0.9}
  recruitment_fees: worker
  recruitment_fee_usd: 2000
skill_matching: {north: {H: 2.0, L: 1.0}, south: {M: 1.6, L: 1.0}}
investment: {isds: true, isds_scope: narrow, sunset_years: 10}
intellectual_property: {trips_plus: true, data_exclusivity_years: 5}
labor: {chapter: chapter, adjustment_assistance: {included: true}}
policy_space: {review_clause_years: 5}
benchmarks: [{name: x, metric: efficiency_gain_usd, value: 1.0e8, source: s}]
"""
)
"""A proposal with every section and every numeric field the strategies vary."""

Path = tuple[str | int, ...]
NUMBER, STATED, UNCERTAIN = ("number",), ("number", "stated"), ("number", "range", "stated")


def _fields(rows: list[Path], plain: str, uncertain: str = "", stated: str = "") -> list[Any]:
    kinds = ((plain, NUMBER), (uncertain, UNCERTAIN), (stated, STATED))
    return [
        ((*row, name), forms) for row in rows for names, forms in kinds for name in names.split()
    ]


FIELDS: tuple[tuple[Path, tuple[str, ...]], ...] = (
    *_fields([()], "year"),
    *_fields([("economy",)], "domestic_expenditure_share", stated="gdp_usd labor_force"),
    *_fields(
        [("tariffs",)],
        "",
        "elasticity substitution_elasticity export_supply_elasticity exporters_supply_elasticity",
    ),
    *_fields(
        [("tariffs", "lines", 0), ("tariffs", "lines", 1)],
        "imports_usd base_rate final_rate phase_in_years domestic_output_usd within_rate_cv "
        "rest_of_world_imports_usd rest_of_world_base_rate rest_of_world_rate",
        "elasticity substitution_elasticity export_supply_elasticity",
    ),
    *_fields(
        [("tariffs", "exports", 0)], "exports_usd base_rate final_rate phase_in_years", "elasticity"
    ),
    *_fields(
        [("mobility", "origins", 0), ("mobility", "origins", 1)],
        "",
        "expected_annual_arrivals place_premium home_wage_usd",
        "annual_quota",
    ),
    (("mobility", "visa_years"), ("number", "visa")),
    *_fields(
        [("mobility",)],
        "months_per_year",
        "competing_wage_usd migrant_wage_usd host_wage_relative_to_us expected_return_rate "
        "recruitment_fee_usd",
        "competing_workforce earlier_migrants",
    ),
    *_fields([("mobility", "forced_savings")], "share_of_wages"),
    *_fields([("mobility", "quota_adjustment")], "target_return_rate"),
    *_fields([("skill_matching", "north")], "H"),
    *_fields([("skill_matching", "south")], "L"),
    *_fields([("investment",)], "sunset_years"),
    *_fields([("intellectual_property",)], "data_exclusivity_years"),
    *_fields([("labor", "adjustment_assistance")], "coverage_share"),
    *_fields([("policy_space",)], "review_clause_years"),
    *_fields([("benchmarks", 0)], "value"),
)
"""Every numeric field of the base proposal, with the forms it may be written in."""

PARAMETERS = (*default_parameters().names, "forced_savings_responsiveness")
CHOICES: dict[Path, tuple[Any, ...]] = {
    ("tariffs", "demand"): ("linear", "constant_elasticity"),
    ("tariffs", "cut"): ("preferential", "mfn"),
    ("tariffs", "imports_valued_at"): ("world", "domestic"),
    ("mobility", "wage_floor"): ("none", "minimum", "prevailing"),
    ("mobility", "recruitment_fees"): ("employer", "worker", "unregulated"),
    ("mobility", "forced_savings", "released_on"): ("return", "contract_end"),
    ("mobility", "host"): ("USA", "CAN"),
    ("mobility", "origins", 1, "annual_quota"): ("uncapped", 1000),
}
"""Switches that send the same numbers down other code paths (dense tariff path, floors...)."""


def _bounds(node: Any) -> Iterator[float]:
    """Every numeric bound the JSON Schema declares."""
    if isinstance(node, dict):
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if isinstance(node.get(key), int | float):
                yield float(node[key])
        for value in node.values():
            yield from _bounds(value)
    elif isinstance(node, list):
        for value in node:
            yield from _bounds(value)


def _edges() -> list[Any]:
    """Numbers at and just past every bound, and the usual suspects."""
    registry = default_parameters()
    ranges = [registry.get(name).valid for name in registry.names]
    responsiveness = registry.required_inputs["forced_savings_responsiveness"].valid
    assert responsiveness is not None
    bounds = {*_bounds(proposal_schema())}
    bounds |= {x for r in [*ranges, responsiveness] for x in (r.low, r.high)}
    out = {0.0, 5e-324, 1e-300, 1e-12, 0.5, 1.5, 2.5, 20.5, 1e300, sys.float_info.max}
    for b in bounds:
        out |= {b, math.nextafter(b, math.inf), math.nextafter(b, -math.inf)}
    return sorted(out)


EDGES = _edges()
NUMBERS = st.one_of(
    st.sampled_from(EDGES),
    st.sampled_from([-x for x in EDGES if x] + [10**20, 10**400, *SPECIAL]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**12), 10**12),
)
"""Any number: the edges of every field, their negatives, NaN and infinities, anything."""
SCHEMA = proposal_schema()


def _options(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The alternatives of a schema node, references resolved and unions flattened."""
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    union = node.get("anyOf") or node.get("oneOf")
    if union is None:
        yield node
    for option in union or ():
        yield from _options(option)


def _number_node(path: Path) -> dict[str, Any]:
    """The schema of the plain-number form of the field at ``path``."""
    nodes = [SCHEMA]
    for part in path:
        following = []
        for option in (o for n in nodes for o in _options(n)):
            if isinstance(part, int) and option.get("type") == "array":
                following.append(option["items"])
            elif isinstance(part, str) and part in option.get("properties", {}):
                following.append(option["properties"][part])
            elif isinstance(part, str) and isinstance(option.get("additionalProperties"), dict):
                following.append(option["additionalProperties"])
        nodes = following
    kinds = ("number", "integer")
    return next(o for n in nodes for o in _options(n) if o.get("type") in kinds)


def _around(low: float, high: float, whole: bool, low_open: bool, high_open: bool) -> Any:
    """Values inside ``[low, high]``, at both ends and just past them."""
    inside = (
        st.integers(math.ceil(low), math.floor(high))
        if whole
        else st.floats(low, high, exclude_min=low_open, exclude_max=high_open)
    )
    past = 1.0 if whole else math.inf
    ends = [low, high, math.nextafter(low, low - past), math.nextafter(high, high + past)]
    ends += [low - 1, high + 1] if whole else [math.nextafter(low, high)]
    return st.one_of(inside, inside, inside, st.sampled_from(ends), NUMBERS)


def _field_numbers(path: Path) -> Any:
    node = _number_node(path)
    low = node.get("minimum", node.get("exclusiveMinimum", -1e300))
    high = node.get("maximum", node.get("exclusiveMaximum", 1e300))
    whole = node["type"] == "integer"
    return _around(low, high, whole, "exclusiveMinimum" in node, "exclusiveMaximum" in node)


def _parameter_numbers(name: str) -> Any:
    registry = default_parameters()
    valid = registry.get(name).valid if name in registry else registry.required_inputs[name].valid
    assert valid is not None
    return _around(valid.low, valid.high, valid.whole, valid.low_open, valid.high_open)


@st.composite
def _written(draw: st.DrawFn, forms: tuple[str, ...], numbers: Any) -> Any:
    """A number in one of the forms a field accepts (or a range with its ends in any order)."""
    form = draw(st.sampled_from(forms))
    if form == "number":
        return draw(numbers)
    if form == "stated":
        return {"value": draw(numbers), "status": "illustrative"}
    if form == "value":
        return {"value": draw(numbers), "source": "s"}
    low, high = draw(numbers), draw(numbers)
    if draw(st.booleans()) and all(isinstance(x, int | float) for x in (low, high)):
        low, high = sorted((low, high))
    return {"min": low, "max": high} if form == "visa" else {"low": low, "high": high}


FIELD_NUMBERS = {path: _field_numbers(path) for path, _ in FIELDS}
PARAMETER_NUMBERS = {name: _parameter_numbers(name) for name in PARAMETERS}


def _set(doc: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def _extreme_proposals(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for path, choices in CHOICES.items():
        if draw(st.booleans()):
            _set(doc, path, draw(st.sampled_from(choices)))
    fields = draw(st.integers(0, 2))  # fields, parameters or both, so that most still load
    for _ in range(fields):
        path, forms = draw(st.sampled_from(FIELDS))
        _set(doc, path, draw(_written(forms, FIELD_NUMBERS[path])))
    for _ in range(draw(st.integers(0 if fields else 1, 2))):
        name = draw(st.sampled_from(PARAMETERS))
        value = _written(("number", "range", "value"), PARAMETER_NUMBERS[name])
        doc["parameters"][name] = draw(value)
    if draw(st.integers(0, 3)) == 0:  # the matching model searches every pairing of workers
        for side in ("north", "south"):
            size = draw(st.sampled_from((2, 4, 6, 8)))
            doc["skill_matching"][side] = {f"W{i}": float(i + 1) for i in range(size)}
    for section in ("tariffs", "mobility", "skill_matching"):
        if draw(st.integers(0, 5)) == 0:  # now and then a section is missing
            doc.pop(section, None)
    return doc


def _yaml(doc: dict[str, Any]) -> bytes:
    text = json.dumps(doc, indent=1, ensure_ascii=False)  # JSON is YAML, one key a line
    for placeholder, token in SPECIAL.items():
        text = text.replace(f'"{placeholder}"', token)
    return text.encode("utf-8")


def _printable(node: Any) -> Any:
    """Text without control characters or lone surrogates, which the loader rejects before it
    reads a number (the schema strategy writes any text)."""
    if isinstance(node, str):
        kept = "".join(ch for ch in node if ch.isprintable() and not 0xD800 <= ord(ch) < 0xE000)
        return kept.strip() or "text"
    if isinstance(node, dict):
        return {k: _printable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_printable(v) for v in node]
    return node


def _non_finite(node: Any, path: str = "") -> Iterator[str]:
    if isinstance(node, float) and not math.isfinite(node):
        yield f"{path} = {node}"
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _non_finite(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from _non_finite(value, f"{path}[{i}]")


def _load_and_score(doc: dict[str, Any]) -> None:
    try:
        proposal = load_proposal_bytes(_yaml(doc), "p.yaml")
    except ProposalError as exc:
        assert exc.problems and all(LOCATED.match(str(p)) for p in exc.problems), str(exc)
        return
    try:
        result = evaluate(proposal, draws=DRAWS, levers=False)
    except ProposalError as exc:
        assert exc.problems and all(LOCATED.match(str(p)) for p in exc.problems), str(exc)
        return
    bad = list(_non_finite(result.model_dump()))
    assert not bad, bad


def test_the_base_proposal_scores() -> None:
    result = evaluate(load_proposal_bytes(_yaml(BASE), "p.yaml"), draws=DRAWS, levers=False)
    assert result.overall is not None
    for metric in ("tariff_gain_usd", "migrants_gain_usd", "gains_from_trade_vs_autarky_pct"):
        assert result.metrics[metric] is not None, metric


@settings(SETTINGS, max_examples=250)
@given(_extreme_proposals())
def test_extreme_numbers_are_rejected_or_scored(doc: dict[str, Any]) -> None:
    _load_and_score(doc)


@settings(SETTINGS, max_examples=80)
@given(from_schema(proposal_schema()))
def test_schema_documents_are_rejected_or_scored(doc: dict[str, Any]) -> None:
    _load_and_score(satisfy_cross_field_rules(_printable(doc)))


@pytest.mark.parametrize("path, forms", FIELDS, ids=lambda v: ".".join(map(str, v)) if v else "")
def test_every_field_at_its_extremes(path: Path, forms: tuple[str, ...]) -> None:
    """Each field alone at each end of the usual suspects: zero, tiny, huge, negative."""
    for value in (0, 5e-324, sys.float_info.max, -1.0, "__nan__"):
        doc = copy.deepcopy(BASE)
        _set(doc, path, value)
        _load_and_score(doc)


@pytest.mark.parametrize("name", PARAMETERS)
def test_every_parameter_at_its_extremes(name: str) -> None:
    """Each override alone: zero, negative, tiny, huge, and a range over the whole line."""
    for value in (0, -1.0, 5e-324, sys.float_info.max, {"low": -1e300, "high": 1e300}):
        doc = copy.deepcopy(BASE)
        doc["parameters"][name] = value
        _load_and_score(doc)
