"""The basis of each number a proposal states: sourced, illustrative, an assumption, or not stated.

A number carries its basis in one of three ways, read in this order:

1. the explicit form ``{value: 3.0e9, status: illustrative, source: id}`` (or ``status`` and
   ``source`` on a ``{low, high}`` range);
2. its trailing comment, with any comment-only lines that continue it at the same column:
   ``illustrative`` anywhere in it makes the number illustrative, else ``assumption`` makes it an
   assumption, else the id of an entry in ``sources`` makes it sourced. Illustrative wins: a
   comment such as ``low: rodrik2011; high: illustrative`` is illustrative, so nothing
   illustrative is ever credited to a published source;
3. the ``source:`` of the entry, line, origin or section that holds it.

Anything else is "not stated". Pure: reads a parsed :class:`~evaluator.document.Document`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from evaluator.document import Document
from evaluator.errors import format_path
from evaluator.models.common import STATUSES

Status = Literal["sourced", "illustrative", "assumption", "not stated"]
Path = tuple[str | int, ...]
_WORD = re.compile(r"[A-Za-z0-9_]+")


@dataclass(frozen=True)
class InputStatus:
    """The basis of one number."""

    status: Status
    source: str | None = None
    """The ``sources`` id it is credited to (only when sourced)."""
    note: str | None = None
    """The comment or field that says so, for the reader."""


NOT_STATED = InputStatus("not stated")


def comment_after(document: Document, path: Path) -> str | None:
    """The trailing comment on the line of the value at ``path``, with the comment-only lines
    that continue it (indented deeper than the line's key)."""
    where = document.values.get(path)
    if where is None:
        return None
    lines = document.text.splitlines()
    _, line, col = where
    if line - 1 >= len(lines):
        return None
    text = lines[line - 1]
    hash_at = _comment_start(text, col - 1)
    if hash_at is None:
        return None
    parts = [text[hash_at + 1 :].strip()]
    indent = len(text) - len(text.lstrip())
    for follow in lines[line:]:
        stripped = follow.lstrip()
        if not stripped.startswith("#") or len(follow) - len(stripped) <= indent:
            break  # a comment at the key's own indentation introduces the next key
        parts.append(stripped[1:].strip())
    return " ".join(p for p in parts if p) or None


def _comment_start(text: str, start: int) -> int | None:
    """Index of the ``#`` that starts a comment at or after ``start``, outside quotes."""
    quote: str | None = None
    for i in range(start, len(text)):
        char = text[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return i
    return None


def from_comment(comment: str, source_ids: Iterable[str]) -> InputStatus | None:
    """The status a comment states, or None if it states none.

    Examples
    --------
    >>> from_comment("low: rodrik2011; high: illustrative", ["rodrik2011"]).status
    'illustrative'
    >>> from_comment("cmp2008 (median country)", ["cmp2008"])
    InputStatus(status='sourced', source='cmp2008', note='cmp2008 (median country)')
    >>> from_comment("visas a year", ["cmp2008"]) is None
    True
    """
    lowered = comment.lower()
    if "illustrative" in lowered:
        return InputStatus("illustrative", note=comment)
    if "assumption" in lowered or "assumed" in lowered:
        return InputStatus("assumption", note=comment)
    words = set(_WORD.findall(comment))
    for source in source_ids:
        if source in words:
            return InputStatus("sourced", source=source, note=comment)
    return None


def _explicit(value: Any, source_ids: Iterable[str]) -> InputStatus | None:
    if not isinstance(value, Mapping):
        return None
    status, source = value.get("status"), value.get("source")
    if status in STATUSES:
        cited = source if status == "sourced" and isinstance(source, str) else None
        return InputStatus(status, source=cited, note=f"status: {status}")
    if isinstance(source, str) and source in set(source_ids):
        return InputStatus("sourced", source=source, note=f"source: {source}")
    return None


def _at(data: Any, path: Path) -> Any:
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list | tuple) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, Mapping):
                return None
            node = node.get(part)
    return node


_IDS: dict[int, tuple[Document, list[str]]] = {}


def _source_ids(document: Document) -> list[str]:
    """The ids of the file's ``sources`` (cached per document: a schedule asks once per line)."""
    key = id(document)
    if key not in _IDS or _IDS[key][0] is not document:
        if len(_IDS) > 64:
            _IDS.clear()
        entries = document.data.get("sources", ())
        found = [e.get("id") for e in entries if isinstance(e, Mapping)]
        _IDS[key] = (document, [s for s in found if isinstance(s, str)])
    return _IDS[key][1]


def status_of(document: Document, path: Path) -> InputStatus:
    """The basis of the number at ``path`` (see the module's docstring for the order)."""
    data = document.data
    ids = _source_ids(document)
    value = _at(data, path)
    if value is not None:
        explicit = _explicit(value, ids)
        if explicit is not None:
            return explicit
    if path in document.values:
        comment = comment_after(document, path)
        if comment is not None:
            said = from_comment(comment, ids)
            if said is not None:
                return said
    return _inherited(document, path, ids)


_INHERITED: dict[tuple[int, Path], tuple[Document, InputStatus]] = {}


def _inherited(document: Document, path: Path, ids: list[str]) -> InputStatus:
    """The ``source:`` of the nearest entry holding ``path`` (cached per holder: the rows of a
    CSV schedule, which the file does not hold, share their section's)."""
    depth = len(path) - 1
    while depth > 0 and _at(document.data, path[:depth]) is None:
        depth -= 1
    key = (id(document), path[:depth])
    cached = _INHERITED.get(key)
    if cached is not None and cached[0] is document and depth < len(path) - 1:
        return cached[1]
    found = NOT_STATED
    for level in range(depth, -1, -1):
        holder = _at(document.data, path[:level])
        if isinstance(holder, Mapping) and isinstance(holder.get("source"), str):
            source = holder["source"]
            if source in ids:
                where = format_path(path[:level]) or "the file"
                found = InputStatus("sourced", source=source, note=f"source of {where}")
                break
    if depth < len(path) - 1:
        if len(_INHERITED) > 4096:
            _INHERITED.clear()
        _INHERITED[key] = (document, found)
    return found


def unknown_sources(document: Document) -> list[tuple[Path, str]]:
    """Numbers with their basis (``{value, status, source}``) citing an id not in ``sources``."""
    ids = set(_source_ids(document))
    found: list[tuple[Path, str]] = []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, Mapping):
            source = node.get("source")
            if "value" in node and isinstance(source, str) and source not in ids:
                found.append(((*path, "source"), source))
            for key, item in node.items():
                walk(item, (*path, key))
        elif isinstance(node, list | tuple):
            for index, item in enumerate(node):
                walk(item, (*path, index))

    walk(document.data, ())
    return found
