"""The common case read fast: libyaml's C parser, resolved as YAML 1.2, or "ask ruamel".

ruamel.yaml's pure-Python reader keeps every position and gives the located messages, but it
reads the 35 KB NAFTA example in about 140 ms, most of a live preview's budget. This module
reads the events of libyaml's C parser (through PyYAML) and composes them, without recursion,
into the same positions ruamel's round-trip loader records; every plain scalar is resolved by
ruamel's own YAML 1.2 resolver and built by its own constructor, so ``NO`` stays text here too.

It handles only what it can read exactly as ruamel would. Anything else returns ``None`` and
the caller reads the file with ruamel, which gives the data or the located refusal: an alias,
anchor or tag, a directive, a second document, nesting deeper than the guard's cap, a key that
is not a plain string, a repeated or merge key, a top level that is not a mapping, any syntax
error, a tab, a byte-order mark, ``|#`` or ``>#`` (see ``_RUAMEL_ONLY``), and the characters
YAML 1.1 counts as line breaks but 1.2 does not (NEL, U+2028, U+2029). Nothing is expanded and
nothing of one file is kept for the next but the resolution of short plain scalars, so it is
as safe as the guarded reader on hostile input. ``tests/test_yaml_fast.py`` checks that the
two readers agree.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from yaml import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    YAMLError,
)

from evaluator.yaml_guard import MAX_DEPTH

CParser: Any
try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: every file goes to ruamel
    CParser = None

_TAG = "tag:yaml.org,2002:"
_RUAMEL_ONLY = re.compile("[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")
"""What the two parsers read differently: YAML 1.1's extra line breaks, which would shift the
line numbers; tabs, a byte-order mark past the start, and a comment right after a block
scalar's header (``>-#``), which libyaml accepts and ruamel refuses."""


class MapNode(list[tuple[Any, int, int, int, int, Any]]):
    """A mapping: (key, key line, key column, value line, value column, value), 0-based."""


class SeqNode(list[tuple[int, int, Any]]):
    """A list: (line, column, value) of each item, 0-based."""


class _NotFastError(Exception):
    """The file holds something only ruamel reads exactly."""


def compose(text: str) -> MapNode | None:
    """The document's top-level mapping, or ``None`` when ruamel must read the file."""
    if CParser is None or _RUAMEL_ONLY.search(text):
        return None
    parser = CParser(text)
    try:
        return _compose(parser, text)
    except (_NotFastError, YAMLError):
        return None
    finally:
        parser.dispose()


def _scalar(event: ScalarEvent) -> Any:
    """A scalar's value, as ruamel's round-trip loader builds it."""
    if event.anchor is not None or event.tag is not None:
        raise _NotFastError
    value = event.value
    if not event.implicit[0]:  # quoted or a block scalar: text
        return value
    if len(value) > _CACHED_LENGTH:
        return _resolve(value)
    return _resolve_cached(value)


def _resolve(value: str) -> Any:
    """A plain scalar resolved by ruamel's YAML 1.2 resolver and built by its constructor."""
    resolver, builders = _ruamel()
    tag = str(resolver.resolve(ScalarNode, value, (True, False)))
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "null":
        return None
    build = builders.get(tag)
    if build is None:  # a merge key
        raise _NotFastError
    return build(ScalarNode(tag, value))


_CACHED_LENGTH = 64
"""Plain scalars up to this many characters are resolved once per process (keys, numbers,
codes and choices repeat across lines and edits); longer ones each time, so the cache stays
small whatever the input."""
_resolve_cached = functools.lru_cache(maxsize=4096)(_resolve)


@functools.cache
def _ruamel() -> tuple[Any, dict[str, Any]]:
    """ruamel's round-trip resolver and the constructors of the non-text scalars."""
    loader = YAML(typ="rt", pure=True)
    constructor = loader.constructor
    return loader.resolver, {
        _TAG + "int": constructor.construct_yaml_int,
        _TAG + "float": constructor.construct_yaml_float,
        _TAG + "bool": constructor.construct_yaml_bool,
        _TAG + "timestamp": constructor.construct_yaml_timestamp,
    }


def _compose(parser: Any, text: str) -> MapNode:
    get_event = parser.get_event
    get_event()  # the stream's start
    start = get_event()
    if not isinstance(start, DocumentStartEvent) or start.version or start.tags:
        raise _NotFastError
    first = get_event()
    if not isinstance(first, MappingStartEvent):
        raise _NotFastError
    root = MapNode()
    _check_collection(first)
    # Each open collection: the node, the keys it has, the key waiting for its value, and
    # whether it is written in flow style ({...} or [...]).
    stack: list[tuple[MapNode | SeqNode, set[str], list[Any], bool]] = [
        (root, set(), [], bool(first.flow_style))
    ]
    while stack:
        event = get_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            node, _, pending, _ = stack.pop()
            if pending:
                raise _NotFastError
            continue
        mark = event.start_mark
        value: Any
        if kind is ScalarEvent:
            value = _scalar(event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            _check_collection(event)
            if len(stack) >= MAX_DEPTH:
                raise _NotFastError
            value = MapNode() if kind is MappingStartEvent else SeqNode()
        else:  # an alias
            raise _NotFastError
        node, seen, pending, flow = stack[-1]
        if pending and value is None and event.value == "" and event.implicit[0]:
            mark = _empty_value_mark(parser, text, mark, flow)
        if isinstance(node, SeqNode):
            node.append((mark.line, mark.column, value))
        elif not pending:
            if type(value) is not str or value in seen:
                raise _NotFastError
            seen.add(value)
            pending.extend((value, mark.line, mark.column))
        else:
            node.append((pending[0], pending[1], pending[2], mark.line, mark.column, value))
            pending.clear()
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            stack.append((value, set(), [], bool(event.flow_style)))
    if not isinstance(get_event(), DocumentEndEvent) or not isinstance(get_event(), StreamEndEvent):
        raise _NotFastError
    return root


def _check_collection(event: MappingStartEvent | SequenceStartEvent) -> None:
    if event.anchor is not None or not event.implicit:
        raise _NotFastError


def _empty_value_mark(parser: Any, text: str, mark: Any, flow: bool) -> Any:
    """Where ruamel places a key's empty value: at the next token (libyaml places it after the
    colon). With a comment after the colon ruamel's placement depends on the comments that
    follow, so such a file (a key being typed, usually) is left to ruamel."""
    if flow:
        raise _NotFastError
    end = text.find("\n", mark.index)
    if "#" in text[mark.index : None if end == -1 else end]:
        raise _NotFastError
    following = parser.peek_event().start_mark
    if following.index >= len(text) and not text.endswith("\n"):
        raise _NotFastError  # libyaml counts a line break the file does not end with
    return following
