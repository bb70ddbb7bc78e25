"""What a dotted field path means in the Proposal schema: its kind and its allowed values.

Rules are checked against this when a rubric loads, so a rule on a field that does not exist, or
comparing a choice field with a value it can never take, is an error before any proposal is
scored.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from evaluator.models import Proposal
from evaluator.rubric.format import Leaf

Kind = Literal["bool", "number", "text", "choice", "list", "object"]


@dataclass(frozen=True)
class FieldType:
    """The kind of a proposal field and, for choices, the values it can take."""

    kind: Kind
    choices: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> list[Any]:
    """The member types of an annotation, without Optional, Annotated and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    if annotation is type(None):
        return []
    return [annotation]


def _models(members: list[Any]) -> list[type[BaseModel]]:
    return [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]


def _kind(members: list[Any]) -> FieldType:
    literals = [a for m in members if typing.get_origin(m) is Literal for a in typing.get_args(m)]
    if literals:
        return FieldType("choice", tuple(str(v) for v in literals))
    if any(typing.get_origin(m) in (tuple, list) for m in members):
        inner = [
            a
            for m in members
            if typing.get_origin(m) in (tuple, list)
            for a in typing.get_args(m)
            if a is not Ellipsis
        ]
        choices = _kind([x for a in inner for x in _unwrap(a)]).choices
        return FieldType("list", choices)
    if _models(members) or any(typing.get_origin(m) is dict for m in members):
        return FieldType("object")
    if bool in members:
        return FieldType("bool")
    if int in members or float in members:
        return FieldType("number")
    return FieldType("text")


def resolve(path: str) -> FieldType:
    """The type of the field at ``path`` (e.g. ``labor.complaint_standing``).

    Raises
    ------
    ValueError
        If no such field exists, with the closest names.

    Examples
    --------
    >>> resolve("labor.chapter").choices
    ('none', 'side_agreement', 'chapter')
    >>> resolve("investment.isds").kind, resolve("mobility.forced_savings").kind
    ('bool', 'object')
    """
    models: list[type[BaseModel]] = [Proposal]
    members: list[Any] = [Proposal]
    done: list[str] = []
    for part in path.split("."):
        fields = {name: f for m in models for name, f in m.model_fields.items()}
        if part not in fields:
            where = ".".join(done) or "the top level"
            close = difflib.get_close_matches(part, list(fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"no field {part!r} in {where}{hint}")
        members = _unwrap(fields[part].annotation)
        models = _models(members)
        done.append(part)
    return _kind(members)


def check_leaf(leaf: Leaf) -> str | None:
    """Why this leaf can never be true for a valid proposal, or None if it can."""
    try:
        field = resolve(leaf.field)
    except ValueError as exc:
        return str(exc)
    operator = leaf.operator
    if operator == "present":
        return None
    values = list(leaf.in_ or ()) if operator == "in" else [leaf.operand(operator)]
    if operator in ("gte", "lte", "between"):
        if field.kind != "number":
            return f"{operator} compares numbers, but {leaf.field} is {field.kind}"
        return None
    if field.kind == "object":
        return f"{leaf.field} is a section: test it with `present`"
    for value in values:
        if field.choices and value not in field.choices:
            close = difflib.get_close_matches(str(value), field.choices, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            return f"{value!r} is not a value of {leaf.field} ({', '.join(field.choices)}){hint}"
        if field.kind == "bool" and not isinstance(value, bool):
            return f"{leaf.field} is true or false, not {value!r}"
        if field.kind == "number" and (isinstance(value, bool) or not isinstance(value, float)):
            return f"{leaf.field} is a number, not {value!r}"
    return None
