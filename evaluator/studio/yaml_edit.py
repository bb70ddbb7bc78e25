"""Apply a recommendation's edits to proposal text, keeping the author's comments and layout.

Each edit is made in the text itself where it can be: a one-line value is replaced in place
(its trailing comment stays), a new field is inserted as one line at the end of its block
mapping, with that mapping's indentation, a missing section is appended, a removed field's line
is deleted. Anything else (a value in a flow collection, an item of a list) goes through
ruamel.yaml's round-trip writer, which keeps comments and key order but may re-flow a
multi-line flow collection. Only what the edits touch changes otherwise.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from evaluator.errors import EvaluatorError

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*?)(?:\[(\d+)\])?$")


class TextEditError(EvaluatorError):
    """An edit that cannot be written into the text (a path through a list that is not there)."""


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        match = _STEP.match(part)
        if match is None:
            raise TextEditError(f"{path}: not a field path")
        steps.append(match.group(1))
        if match.group(2) is not None:
            steps.append(int(match.group(2)))
    return steps


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the author's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def apply_text_edits(text: str, edits: Mapping[str, Any]) -> str:
    """``text`` with each dotted path set to its value (None removes the field).

    >>> print(apply_text_edits("title: T  # kept\\nlabor:\\n  chapter: none  # why\\n",
    ...                        {"labor.enforceable": True, "labor.chapter": "chapter"}), end="")
    title: T  # kept
    labor:
      chapter: chapter # why
      enforceable: true
    """
    for path, value in edits.items():
        edited = _in_place(text, _steps(path), value)
        text = edited if edited is not None else _round_trip(text, {path: value})
    return text


def _scalar(value: Any) -> str | None:
    """A value as a one-line YAML 1.2 scalar, or None for a collection."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9_ .-]*", value) and value.lower() not in {
            "true",
            "false",
            "null",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "~",
        }
        return value if plain else json.dumps(value)
    return None


def _in_place(text: str, steps: list[str | int], value: Any) -> str | None:
    """``text`` with one edit made textually, or None when it needs the round-trip writer."""
    from evaluator.document import read_yaml

    try:
        document = read_yaml(text.encode("utf-8"), "edit")
    except EvaluatorError:
        return None
    path = tuple(steps)
    lines = text.splitlines(keepends=True)
    if path in document.keys:
        current = _at(document.data, path)
        key_line = document.keys[path][1]
        one_line = document.values[path][1] == key_line
        if value is None:
            return _delete(lines, document.keys[path])
        new = _scalar(value)
        token = document.raw_token(path)
        if new is None or token is None or not one_line or isinstance(current, dict | tuple):
            return None
        _, line, col = document.values[path]
        lines[line - 1] = _replace(lines[line - 1], col - 1, len(token), new)
        return "".join(lines)
    if value is None:
        return text
    new = _scalar(value)
    if new is None or any(isinstance(s, int) for s in steps):
        return None
    return _insert(lines, document, path, new)


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _replace(line: str, start: int, length: int, new: str) -> str:
    """Replace a token, keeping a trailing comment in its column where there is room."""
    rest = line[start + length :]
    comment = rest.lstrip(" ")
    if comment.startswith("#"):
        gap = max(1, len(rest) - len(comment) + length - len(new))
        return line[:start] + new + " " * gap + comment
    return line[:start] + new + rest


def _delete(lines: list[str], key: tuple[str, int, int]) -> str | None:
    """Delete a field: its key's line and every following line indented deeper."""
    _, line, col = key
    if lines[line - 1][: col - 1].strip():
        return None  # the key shares its line (a list item's first key, a flow mapping)
    end = line
    for number in range(line, len(lines)):
        stripped = lines[number].strip()
        if stripped and len(lines[number]) - len(lines[number].lstrip()) <= col - 1:
            break
        end = number + 1
    del lines[line - 1 : end]
    return "".join(lines)


def _insert(lines: list[str], document: Any, path: tuple[str | int, ...], new: str) -> str | None:
    """Insert ``key: value`` at the end of its parent block mapping (made if missing)."""
    parent, key = path[:-1], str(path[-1])
    if not parent:
        return None
    siblings = [k for k in document.keys if len(k) == len(path) and k[:-1] == parent]
    if parent in document.keys and not siblings:
        return None  # the parent holds a scalar or a flow collection
    if not siblings:
        if len(parent) > 1:
            return None
        text = "".join(lines)
        ending = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{ending}{parent[0]}:\n  {key}: {new}\n"
    indent = min(document.keys[k][2] for k in siblings) - 1
    if any(document.keys[k][2] - 1 != indent for k in siblings):
        return None
    start = max(document.keys[k][1] for k in siblings)
    end = start
    for number in range(start, len(lines)):  # lines after the last sibling's key
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            if len(lines[number]) - len(lines[number].lstrip()) <= indent:
                break
            end = number + 1
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    lines.insert(end, " " * indent + f"{key}: {new}\n")
    return "".join(lines)


def _round_trip(text: str, edits: Mapping[str, Any]) -> str:
    """``text`` with the edits made through ruamel.yaml's round-trip writer."""
    yaml = _yaml()
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise TextEditError("the proposal's top level is not a mapping")
    for path, value in edits.items():
        _set(data, _steps(path), value, path)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set(node: Any, steps: list[str | int], value: Any, path: str) -> None:
    for index, step in enumerate(steps[:-1]):
        following = steps[index + 1]
        if isinstance(step, int):
            if not isinstance(node, CommentedSeq) or step >= len(node):
                raise TextEditError(f"{path}: no item {step} in the text (is it in lines_csv?)")
            node = node[step]
        else:
            if not isinstance(node, CommentedMap):
                raise TextEditError(f"{path}: {step} is not inside a mapping")
            if step not in node or node[step] is None:
                node[step] = CommentedSeq() if isinstance(following, int) else CommentedMap()
            node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        if not isinstance(node, CommentedSeq) or last >= len(node):
            raise TextEditError(f"{path}: no item {last} in the text")
        node[last] = value
    elif value is None:
        if isinstance(node, CommentedMap) and last in node:
            del node[last]
    elif isinstance(node, CommentedMap):
        node[last] = value
    else:
        raise TextEditError(f"{path}: {last} is not inside a mapping")
