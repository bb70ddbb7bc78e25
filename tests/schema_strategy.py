"""Hypothesis strategies from a JSON Schema, for the subset pydantic emits.

hypothesis-jsonschema no longer works with current Hypothesis (it relies on private internals),
so this covers what ``Proposal.model_json_schema()`` uses: objects, arrays, ``$ref``,
``anyOf``/``oneOf``, ``enum``/``const``, strings with patterns and lengths, bounded numbers,
integers, booleans and null.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

_FINITE = {"allow_nan": False, "allow_infinity": False}


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A strategy for documents valid against ``schema`` (local ``$ref`` into ``$defs`` only)."""
    return _build(schema, schema.get("$defs", {}), depth=0)


def _build(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: _build(defs[name], defs, depth + 1))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([_build(option, defs, depth) for option in node[key]])
    kind = node.get("type")
    if kind == "object":
        return _object(node, defs, depth)
    if kind == "array":
        items = _build(node.get("items", {}), defs, depth + 1)
        low = node.get("minItems", 0)
        return st.lists(items, min_size=low, max_size=max(low, node.get("maxItems", 3)))
    if kind == "string":
        return _string(node)
    if kind == "integer":
        return st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6))
    if kind == "number":
        low = node.get("minimum", node.get("exclusiveMinimum", -1e6))
        high = node.get("maximum", node.get("exclusiveMaximum", 1e6))
        return st.floats(
            low,
            high,
            exclude_min="exclusiveMinimum" in node,
            exclude_max="exclusiveMaximum" in node,
            **_FINITE,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    raise NotImplementedError(f"schema node not covered: {node}")


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True)
    low = node.get("minLength", 0)
    return st.text(min_size=low, max_size=max(low, min(node.get("maxLength", 20), 20)))


def _object(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties = node.get("properties", {})
    if not properties:
        extra = node.get("additionalProperties")
        values = _build(extra, defs, depth + 1) if isinstance(extra, dict) else st.none()
        keys = st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True)
        low = node.get("minProperties", 0)
        return st.dictionaries(keys, values, min_size=low, max_size=max(low, 2))
    required = set(node.get("required", ()))
    fixed = {k: _build(v, defs, depth + 1) for k, v in properties.items() if k in required}
    optional = {k: _build(v, defs, depth + 1) for k, v in properties.items() if k not in required}
    if depth > 3:
        optional = {}
    return st.fixed_dictionaries(fixed, optional=optional)


def tupled(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: tupled(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(tupled(v) for v in value)
    return value


def satisfy_cross_field_rules(doc: dict[str, Any]) -> dict[str, Any]:
    """The schema cannot say 'evaluated_for is one of parties' and the like: make it so."""
    parties = list(dict.fromkeys(doc["parties"]))
    mobility = doc.get("mobility")
    if mobility is not None:
        origins = {o["country"]: o for o in mobility["origins"] if o["country"] != mobility["host"]}
        mobility["origins"] = list(origins.values()) or [{"country": "ZZZ", "annual_quota": 1}]
        if mobility["origins"][0]["country"] == "ZZZ":
            mobility["origins"][0]["country"] = "NOR" if mobility["host"] != "NOR" else "SWE"
        parties.append(mobility["host"])
        for origin in mobility["origins"]:
            if origin.get("annual_quota") == "uncapped":
                origin.setdefault("expected_annual_arrivals", 1000.0)  # required when uncapped
        quota = mobility.get("quota_adjustment")
        if quota and quota["by_return_rate"] and quota.get("target_return_rate") is None:
            quota["target_return_rate"] = 0.9
    skills = doc.get("skill_matching")
    if skills:
        for side in ("north", "south"):
            if len(skills[side]) % 2:
                skills[side]["extra"] = 1.0 if "extra" not in skills[side] else 2.0
                if len(skills[side]) % 2:
                    skills[side].pop("extra")
    labor = doc.get("labor")
    if labor and labor["chapter"] == "none" and labor.get("enforceable"):
        labor["enforceable"] = False
    investment = doc.get("investment")
    if investment and not investment["isds"] and investment.get("isds_scope"):
        investment["isds_scope"] = "none"
    tariffs = doc.get("tariffs")
    if tariffs is not None:
        tariffs.pop("lines_csv", None)
        tariffs["lines"] = tariffs.get("lines") or [
            {"hs": "01", "imports_usd": 1.0, "base_rate": 0.1, "final_rate": 0.0}
        ]
        for line in tariffs["lines"]:
            if line.get("hs") is None and line.get("sector") is None:
                line["hs"] = "01"
            if line.get("partner"):
                parties.append(line["partner"])
            if tariffs.get("cut") == "mfn":
                line.pop("rest_of_world_rate", None)
        for row in tariffs.get("exports") or []:
            if row.get("hs") is None and row.get("sector") is None:
                row["hs"] = "01"
            parties.append(row["partner"])
        if tariffs.get("exports") and tariffs.get("exporters_supply_elasticity") is None:
            tariffs["exporters_supply_elasticity"] = 2.0
    for change in (doc.get("general_equilibrium") or {}).get("tariff_changes", []):
        if (change.get("to") is None) == (change.get("scale") is None):
            change.pop("scale", None)
            change["to"] = 0.0
    rows = [*(tariffs or {}).get("lines", []), *((tariffs or {}).get("exports") or [])]
    partners = {r.get("partner") for r in rows}
    home = next((p for p in [*parties, "FRA", "DEU", "ITA"] if p not in partners), "FRA")
    doc["parties"] = list(dict.fromkeys([home, *parties]))
    doc["evaluated_for"] = home
    if (tariffs is not None or mobility is not None) and not doc.get("economy"):
        doc["economy"] = {"gdp_usd": 1e12}
    if doc["kind"] == "visa_scheme" and not mobility:
        doc["kind"] = "mixed"
    ids = {s["id"]: s for s in doc.get("sources", [])}
    for benchmark in doc.get("benchmarks", []):  # a benchmark must cite a source: give it one
        ids.setdefault(benchmark["source"], {"id": benchmark["source"], "citation": "cited"})
    doc["sources"] = list(ids.values())
    _drop_refs(doc, set(ids))
    return doc


def _drop_refs(node: Any, ids: set[str]) -> None:
    """Drop citations of unknown sources and order every low/high and min/max pair."""
    if isinstance(node, dict):
        for low, high in (("low", "high"), ("min", "max")):
            if isinstance(node.get(low), float | int) and isinstance(node.get(high), float | int):
                node[low], node[high] = sorted((node[low], node[high]))
        if (
            isinstance(node.get("source"), str)
            and node["source"] not in ids
            and "citation" not in node
        ):
            node.pop("source")
        for value in node.values():
            _drop_refs(value, ids)
    elif isinstance(node, list):
        for value in node:
            _drop_refs(value, ids)
