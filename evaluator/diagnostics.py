"""Turn pydantic's validation errors into messages an author can act on.

Each error is located at the line and column of the offending value (or, for a missing field, of
the mapping that lacks it), named by its dotted path, and phrased as what was expected, what was
found, and the fix: "did you mean" for near-miss keys and choices, "quote it" for codes written as
bare numbers, "rates are fractions" for percentages.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from evaluator.errors import Problem, format_path
from evaluator.models import CrossFieldError, Proposal

Path = tuple[str | int, ...]
Locate = Callable[[Path, bool], tuple[str, int, int]]
"""Maps a field path (and whether to prefer the key's position) to file, line and column."""
RawToken = Callable[[Path], str | None]

_CODE_FIELDS = frozenset({"hs"})
_RATE_FIELDS = frozenset({"base_rate", "final_rate"})
_YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})


def clean_path(loc: tuple[str | int, ...], data: Any) -> tuple[Path, bool]:
    """Drop pydantic's union tags from ``loc``; return the path and whether it exists in data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, str) and part.startswith("="):
            continue
        path.append(part)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, tuple) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return tuple(path), False
    return tuple(path), True


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found.extend(_models_in(arg))
    return found


def fields_at(path: Path, root: type[BaseModel] = Proposal) -> list[str]:
    """Field names allowed in the mapping at ``path`` of a ``root`` document."""
    models: list[type[BaseModel]] = [root]
    for part in path:
        if isinstance(part, int):
            continue
        following = [
            model
            for current in models
            if part in current.model_fields
            for model in _models_in(current.model_fields[part].annotation)
        ]
        if following:
            models = following
    names: dict[str, None] = {}
    for model in models:
        names.update(dict.fromkeys(model.model_fields))
    return list(names)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, tuple | list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{value!r}"


def message_for(error: Any, path: Path, raw: RawToken, root: type[BaseModel] = Proposal) -> str:
    """One sentence for one pydantic error: expected, found, fix."""
    kind = error["type"]
    value = error.get("input")
    field = path[-1] if path else ""
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"required field {field!r} is missing"
    if kind == "extra_forbidden":
        allowed = [_alias(root, name) for name in fields_at(path[:-1], root)]
        if "equals" in allowed:
            operators = "present, equals, in, gte, lte, between, all, any, not"
            return (
                f"unknown operator {field!r}{_did_you_mean(str(field), allowed)}: use {operators}"
            )
        return f"unknown field {field!r}{_did_you_mean(str(field), allowed)}"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        token = raw(path) or repr(value)
        if field in _CODE_FIELDS:
            return (
                f"HS code {token} is written as a bare number, which loses leading zeros: "
                f'quote it, {field}: "{token}"'
            )
        return f'expected text, got the number {token}: quote it, "{token}"'
    if kind in ("float_type", "int_type") and isinstance(value, str):
        hint = " (rates are fractions: 15% is 0.15)" if value.strip().endswith("%") else ""
        return f"expected a number, got {_describe(value)}{hint}"
    if kind == "int_type" and isinstance(value, float):
        return f"expected a whole number, got {value:g}"
    if kind in ("float_type", "int_type"):
        return f"expected a number, got {_describe(value)}"
    if kind == "bool_type":
        hint = ""
        if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
            hint = f" (YAML 1.2 reads {value!r} as text: write true or false)"
        return f"expected true or false, got {_describe(value)}{hint}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        options = [a or b for a, b in choices]
        if field == "schema_version":
            return f"unsupported schema_version {value!r}: this evaluator reads version 1"
        hint = _did_you_mean(str(value), options) if isinstance(value, str) else ""
        return f"expected one of {', '.join(options)}; got {_describe(value)}{hint}"
    if kind in ("less_than_equal", "less_than") and field in _RATE_FIELDS:
        return (
            f"{value!r} is over the {ctx.get('le', ctx.get('lt'))!r} cap: rates are fractions "
            "(15% is 0.15)"
        )
    if kind == "string_pattern_mismatch":
        if field in _CODE_FIELDS:
            return f"HS code {value!r} must be 2 to 10 digits"
        return f"{_describe(value)} must match {ctx.get('pattern')}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    text = str(error["msg"])
    text = text.removeprefix("Value error, ")
    text = text.replace("Input should be", "must be")
    return text


def _alias(root: type[BaseModel], name: str) -> str:
    """The YAML spelling of a field (``in_`` is written ``in``)."""
    return name.rstrip("_")


def problems_from(
    exc: ValidationError,
    data: Any,
    locate: Locate,
    raw: RawToken,
    root: type[BaseModel] = Proposal,
) -> list[Problem]:
    """Located problems for every error in ``exc``, one per distinct (path, message)."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    failing = [tuple(e["loc"]) for e in errors]
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and any(
            other[: len(loc)] == loc and len(other) > len(loc) for other in failing
        ):
            continue  # an item failed and was dropped: its own error says why
        cause = (error.get("ctx") or {}).get("error")
        path, exists = clean_path(tuple(error["loc"]), data)
        if isinstance(cause, CrossFieldError):
            for relative, message in cause.problems:
                field = (*path, *relative)
                problems.append(_problem(field, message, locate(field, False)))
            continue
        message = message_for(error, path, raw, root)
        if not exists:
            where = locate(path[:-1], False)
        else:
            where = locate(path, error["type"] == "extra_forbidden")
        problems.append(_problem(path, message, where))
    return problems


def _problem(path: Path, message: str, where: tuple[str, int, int]) -> Problem:
    file, line, col = where
    return Problem(file, line, col, format_path(path), message)
