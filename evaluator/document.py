"""Read untrusted YAML safely, keeping the position of every key and value.

The reader is YAML 1.2 (ruamel.yaml's resolver), so ``NO`` stays Norway's code and ``yes``
stays text. Most files are parsed by libyaml's C parser (:mod:`evaluator.yaml_fast`); anything
that parser cannot read exactly as ruamel.yaml would goes to ruamel.yaml's reader, which in
one pass, before any value is built, refuses what could hurt (:mod:`evaluator.yaml_guard`):
aliases (alias bombs expand a few hundred bytes into gigabytes), nesting past a cap (the
composer recurses), custom tags, several documents and a ``%YAML 1.1`` directive. The result
is plain Python data (dicts, tuples, str, int, float, bool, None) plus a map from each field
path to its line and column.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from evaluator.errors import Problem, ProposalError, format_path
from evaluator.textsafe import describe, first_unsafe, printable
from evaluator.yaml_fast import MapNode, SeqNode, compose
from evaluator.yaml_guard import MAX_DEPTH as MAX_DEPTH
from evaluator.yaml_guard import RefusedError, guarded_loader

MAX_BYTES = 256 * 1024
"""Largest proposal file read, bytes: seven times the largest example (35 KB). A valid file of
this size (3,033 inline tariff lines) is read in 0.2 s by the fast reader and validated in
1.3 s; one the fast reader hands to ruamel's pure-Python reader takes 4.4 s to read (1 MiB
took 13.5 s), so the cap stays. Tariff schedules belong in ``lines_csv`` files."""
Path = tuple[str | int, ...]
Location = tuple[str, int, int]
"""File name, 1-based line, 1-based column."""


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: plain data and where each piece of it was written."""

    name: str
    text: str
    data: dict[str, Any]
    values: dict[Path, Location] = field(repr=False)
    keys: dict[Path, Location] = field(repr=False)

    def locate(self, path: Path, key: bool = False) -> Location:
        """Where the value at ``path`` (its key when ``key``) was written: the nearest written
        ancestor for a path the file does not hold, else the start of the file."""
        probe = path
        while probe:
            table = self.keys if key and probe == path else self.values
            if probe in table:
                return table[probe]
            probe = probe[:-1]
        return (self.name, 1, 1)

    def raw_token(self, path: Path) -> str | None:
        """The value at ``path`` exactly as written, for scalars on one line."""
        where = self.values.get(path)
        if where is None:
            return None
        _, line, col = where
        lines = self.text.splitlines()
        if line - 1 >= len(lines):
            return None
        rest = lines[line - 1][col - 1 :]
        end = len(rest)
        for stop in (",", "}", "]", " #"):
            index = rest.find(stop)
            if index != -1:
                end = min(end, index)
        return rest[:end].strip() or None


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), refusing oversized or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise _error(
            name,
            1,
            1,
            f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} ({MAX_BYTES // 1024} KiB); "
            "put a long tariff schedule in a `lines_csv` file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _error(
            name, line, col, f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as UTF-8"
        ) from None


def read_yaml(raw: bytes, name: str, *, trusted: bool = False) -> Document:
    """Parse one YAML document into plain data with positions, or raise ``ProposalError``.

    ``trusted`` skips the safety scan, for the files that ship with the tool only.
    """
    text = decode(raw, name)
    tree: MapNode | None = compose(text)
    if tree is None:
        tree = _read_ruamel(text, name, trusted)
    document = Document(name=name, text=text, data={}, values={(): (name, 1, 1)}, keys={})
    problems: list[Problem] = []
    data = _plain(tree, (), document, problems)
    if problems:
        raise ProposalError(problems)
    return Document(name, text, data, document.values, document.keys)


def _read_ruamel(text: str, name: str, trusted: bool) -> MapNode:
    """Read with ruamel (every refusal and syntax error located) into the fast reader's nodes."""
    try:
        tree = (YAML(typ="rt", pure=True) if trusted else guarded_loader()).load(text)
    except RefusedError as refused:
        raise _error(name, refused.line, refused.col, refused.message) from None
    except MarkedYAMLError as exc:
        raise _from_marked(exc, name) from None
    except ReaderError as exc:
        raise _from_reader(exc, text, name) from None
    except YAMLError as exc:
        raise _error(name, 1, 1, f"not valid YAML: {exc}") from None
    if tree is None:
        raise _error(
            name,
            1,
            1,
            "the file is empty: a proposal is a mapping that starts with `schema_version: 1`",
        )
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise _error(
            name,
            1,
            1,
            f"the top level is {kind}; a proposal is a mapping of fields "
            "(schema_version, title, kind, ...)",
        )
    converted = _nodes(tree)
    assert isinstance(converted, MapNode)
    return converted


def _nodes(node: Any) -> Any:
    """ruamel's round-trip collections as :class:`MapNode` and :class:`SeqNode`, positions kept."""
    if isinstance(node, CommentedMap):
        return MapNode(
            (key, *node.lc.key(key), *node.lc.value(key), _nodes(node[key])) for key in node
        )
    if isinstance(node, CommentedSeq):
        return SeqNode((*node.lc.item(i), _nodes(item)) for i, item in enumerate(node))
    return node


def _plain(node: Any, path: Path, doc: Document, problems: list[Problem]) -> Any:
    """Convert the reader's nodes to plain data, recording positions as we go."""
    if isinstance(node, MapNode):
        out: dict[str, Any] = {}
        for key, line, col, vline, vcol, value in node:
            key_where = (doc.name, line + 1, col + 1)
            if not isinstance(key, str):
                problems.append(
                    Problem(
                        doc.name,
                        line + 1,
                        col + 1,
                        format_path(path),
                        f"key {key!r} is not text: field names are words; quote it if "
                        "you meant text",
                    )
                )
                continue
            child = (*path, key)
            _check_text(key, key_where, path, doc, problems, "key")
            doc.keys[child] = key_where
            doc.values[child] = (doc.name, vline + 1, vcol + 1)
            out[key] = _plain(value, child, doc, problems)
        return out
    if isinstance(node, SeqNode):
        items = []
        for index, (line, col, item) in enumerate(node):
            child = (*path, index)
            doc.values[child] = (doc.name, line + 1, col + 1)
            items.append(_plain(item, child, doc, problems))
        return tuple(items)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        if not math.isfinite(node):
            _, line, col = doc.values.get(path, (doc.name, 1, 1))
            problems.append(
                Problem(
                    doc.name,
                    line,
                    col,
                    format_path(path),
                    f"{node!r} is not a finite number: give a real value",
                )
            )
        return float(node)
    if isinstance(node, str):
        where = doc.values.get(path, (doc.name, 1, 1))
        _check_text(str(node), where, path, doc, problems, "")
        return str(node)
    if isinstance(node, datetime.date):
        return node.isoformat()
    return str(node)


_REFUSED = (
    "remove it (control characters, escape sequences and bidirectional overrides are not "
    "allowed in text)"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Line breaks as the YAML reader counts them (U+2028 and NEL do not start a line)."""


def _check_text(
    text: str, where: Location, path: Path, doc: Document, problems: list[Problem], what: str
) -> None:
    """Refuse a string value (``what`` empty) or a key holding a character :func:`first_unsafe`
    finds; the column is the character's own when the scalar is plain or single-quoted on one
    line, else the scalar's start (a double-quoted escape such as ``\\e`` has no column)."""
    index = first_unsafe(text)
    if index is None:
        return
    name, line, col = where
    subject = f"{what} '{printable(text)}' " if what else ""
    problems.append(
        Problem(
            name,
            line,
            _column(doc.text, line, col, text, index),
            format_path(path),
            f"{subject}contains {describe(text[index])}: {_REFUSED}",
        )
    )


def _column(source: str, line: int, col: int, value: str, index: int) -> int:
    """Column of ``value[index]`` if ``value`` is written plain or single-quoted on one line."""
    lines = _LINE_BREAK.split(source)
    if not 0 < line <= len(lines):
        return col
    rest = lines[line - 1][col - 1 :]
    if rest.startswith(value):
        return col + index
    if rest.startswith("'" + value.replace("'", "''") + "'"):
        return col + 1 + len(value[:index].replace("'", "''"))
    return col


def _from_reader(exc: ReaderError, text: str, name: str) -> ProposalError:
    """The YAML reader refuses raw control characters: say which, where, one line."""
    position = exc.position if isinstance(exc.position, int) else 0
    breaks = list(_LINE_BREAK.finditer(text[:position]))
    line = len(breaks) + 1
    col = position - (breaks[-1].end() if breaks else 0) + 1
    char = exc.character
    what = describe(chr(char)) if isinstance(char, int) else "a character YAML does not allow"
    return _error(name, line, col, f"not valid YAML: the file contains {what}: {_REFUSED}")


def _first_key_line(exc: MarkedYAMLError, key: str) -> int | None:
    """Line of the first of two duplicate keys: ruamel marks the mapping and the second key."""
    start, second = exc.context_mark, exc.problem_mark
    buffer = getattr(second, "buffer", None)
    if start is None or second is None or not buffer:
        return None
    lines = str(buffer).splitlines()
    for number in range(start.line, second.line):
        text = lines[number][second.column :]
        if text.startswith(key) and text[len(key) :].lstrip().startswith(":"):
            return number + 1
    return None


def _error(name: str, line: int, col: int, message: str) -> ProposalError:
    return ProposalError([Problem(name, line, col, "", message)])


def _from_marked(exc: MarkedYAMLError, name: str) -> ProposalError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(exc.problem or "invalid YAML").strip()
    if problem.startswith("found duplicate key"):
        key = problem.split('"')[1] if '"' in problem else "?"
        origin = exc.problem_mark
        if origin is not None:
            line, col = origin.line + 1, origin.column + 1
        first_line = _first_key_line(exc, key)
        where = f" (first at line {first_line})" if first_line else ""
        return _error(name, line, col, f"duplicate key {key!r}{where}: keep one of the two")
    context = f" {exc.context}".rstrip() if exc.context else ""
    return _error(name, line, col, f"not valid YAML:{context} {problem}".replace(":  ", ": "))
