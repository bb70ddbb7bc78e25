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
