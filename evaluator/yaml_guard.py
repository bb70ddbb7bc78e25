"""A YAML composer that refuses, while it reads, what could hurt a reader of untrusted files.

One pass over the file: the checks run as ruamel.yaml's round-trip loader composes the
document, before any value is built, so an alias bomb never expands and a nesting bomb never
recurses. Refused: aliases (a few hundred bytes can expand into gigabytes), nesting deeper than
``MAX_DEPTH`` collections, tags outside YAML's standard ones, merge keys (``<<``), a second
document, and a ``%YAML`` directive other than 1.2.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent, DocumentStartEvent, NodeEvent, StreamEndEvent

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists; a proposal needs about six."""
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


class RefusedError(Exception):
    """Something the reader refuses, at a 1-based line and column."""

    def __init__(self, line: int, col: int, message: str) -> None:
        self.line, self.col, self.message = line, col, message
        super().__init__(message)


class GuardedComposer(Composer):
    """ruamel.yaml's composer with the refusals above."""

    _collections = 0

    def get_single_node(self) -> Any:
        self.parser.get_event()  # the stream's start
        document = None
        if not self.parser.check_event(StreamEndEvent):
            document = self.compose_document()
        if not self.parser.check_event(StreamEndEvent):
            event = self.parser.get_event()
            raise RefusedError(
                event.start_mark.line + 1,
                1,
                "one proposal per file: remove the second document (the line with ---)",
            )
        self.parser.get_event()
        return document

    def compose_document(self) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, DocumentStartEvent):
            version = event.version
            if version is not None and tuple(version) != (1, 2):
                raise RefusedError(
                    event.start_mark.line + 1,
                    1,
                    f"the file declares %YAML {'.'.join(map(str, version))}; the evaluator "
                    "reads YAML 1.2 (where NO stays Norway's code): remove the directive",
                )
        self._collections = 0
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise RefusedError(
                mark.line + 1,
                mark.column + 1,
                f"alias *{event.anchor} is not allowed: anchors and aliases are refused (they "
                "can expand without bound); write the value out",
            )
        if isinstance(event, NodeEvent):
            tag = getattr(event, "tag", None)
            if tag is not None and str(tag) not in _STANDARD_TAGS and not str(tag).startswith("!!"):
                written = str(tag).replace("tag:yaml.org,2002:", "!!")
                raise RefusedError(
                    mark.line + 1, mark.column + 1, f"tag {written} is not allowed: remove it"
                )
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_sequence_node(anchor)
        finally:
            self._collections -= 1

    def compose_mapping_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            node = super().compose_mapping_node(anchor)
        finally:
            self._collections -= 1
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                mark = key.start_mark
                raise RefusedError(
                    mark.line + 1,
                    mark.column + 1,
                    "merge key << is not allowed: write the fields out in this mapping",
                )
        return node

    def _enter(self) -> None:
        self._collections += 1
        if self._collections > MAX_DEPTH:
            mark = self.parser.peek_event().start_mark
            raise RefusedError(
                mark.line + 1,
                mark.column + 1,
                f"nesting is deeper than {MAX_DEPTH} levels; a proposal needs about six",
            )


def guarded_loader() -> YAML:
    """A YAML 1.2 round-trip loader (comments and positions kept) with the refusals above."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = GuardedComposer
    return yaml
