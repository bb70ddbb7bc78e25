"""The variants of a sweep: its design points, and each point applied to the base proposal.

A point is one value per dimension. Grid points are the product of the dimensions' values, in
order; random points are drawn from a generator seeded by the sweep's seed alone, so the same
file gives the same points on any machine and with any number of workers.

A dimension on tariff lines (``tariffs.lines[3].final_rate``, ``tariffs.lines[*].final_rate``,
optionally of one HS chapter) is an array edit of the schedule's columns, the value checked
once against the line model's rule for that field; any other path is an edit of the proposal
(:func:`evaluator.recommend.apply_edits`), validated as the proposal is, with ``[*]`` standing
for every item of the list.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import TypeAdapter, ValidationError

from evaluator.errors import format_path
from evaluator.models import Proposal, TariffLine
from evaluator.models.line_table import NUMBERS, WHOLE
from evaluator.models.proposal import cross_field_problems
from evaluator.recommend import EditError, apply_edits
from evaluator.sweep.spec import Dimension, SweepFile

Point = tuple[Any, ...]
_LINES = re.compile(r"^tariffs\.lines\[(\d+|\*)\]\.([a-z_]+)$")
_STAR = re.compile(r"\[\*\]")


class DimensionError(EditError):
    """A dimension that cannot apply to the base proposal, with its index in ``vary``."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def points(sweep: SweepFile) -> list[Point]:
    """Every design point, in the order the results table lists them."""
    if sweep.sampling == "grid":
        return list(itertools.product(*(_grid_values(d) for d in sweep.vary)))
    rng = np.random.default_rng([sweep.seed, 0x5EE9])  # the sweep's own stream, not a model's
    count = int(sweep.samples or 0)
    columns: list[list[Any]] = []
    for dimension in sweep.vary:
        if dimension.values is not None:
            picks = rng.integers(0, len(dimension.values), size=count)
            columns.append([dimension.values[i] for i in picks.tolist()])
        else:
            assert dimension.range is not None
            drawn = rng.uniform(dimension.range.low, dimension.range.high, size=count)
            columns.append(_typed(dimension, drawn.tolist()))
    return list(zip(*columns, strict=True))


def _grid_values(dimension: Dimension) -> list[Any]:
    if dimension.values is not None:
        return list(dimension.values)
    assert dimension.range is not None and dimension.range.steps is not None
    span = np.linspace(dimension.range.low, dimension.range.high, dimension.range.steps)
    return _typed(dimension, span.tolist())


def _typed(dimension: Dimension, values: list[float]) -> list[Any]:
    """Whole numbers for a range of whole numbers (a quota, a number of years)."""
    assert dimension.range is not None
    low, high = dimension.range.low, dimension.range.high
    if float(low).is_integer() and float(high).is_integer() and _whole_field(dimension.path):
        return [round(v) for v in values]
    return values


def _whole_field(path: str) -> bool:
    field = path.rsplit(".", 1)[-1]
    return field in WHOLE or field.endswith(("quota", "_years", "years", "workers"))


class Variants:
    """Applies design points to the base proposal (see the module docstring)."""

    def __init__(self, base: Proposal, sweep: SweepFile) -> None:
        self.base, self.sweep = base, sweep
        self._lines: list[tuple[int, str, np.ndarray[Any, np.dtype[np.intp]]]] = []
        self._edits: list[tuple[int, list[str]]] = []
        for index, dimension in enumerate(sweep.vary):
            match = _LINES.match(dimension.path)
            try:
                if match is not None:
                    self._lines.append((index, match.group(2), self._line_rows(dimension, match)))
                else:
                    self._edits.append((index, self._expand(dimension.path)))
            except EditError as exc:
                raise DimensionError(index, str(exc)) from None

    def _line_rows(self, dimension: Dimension, match: re.Match[str]) -> Any:
        tariffs = self.base.tariffs
        if tariffs is None or not tariffs.lines:
            raise EditError("the base proposal has no tariff lines")
        field = match.group(2)
        if field not in NUMBERS:
            raise EditError(f"{field!r} is not a numeric field of a tariff line")
        if match.group(1) != "*":
            row = int(match.group(1))
            if row >= len(tariffs.lines):
                raise EditError(f"no line {row}: the schedule has {len(tariffs.lines):,}")
            return np.array([row], dtype=np.intp)
        if dimension.hs_chapter is None:
            return np.arange(len(tariffs.lines), dtype=np.intp)
        codes = tariffs.lines.text("hs").tolist()
        rows = [i for i, hs in enumerate(codes) if hs and hs.startswith(dimension.hs_chapter)]
        if not rows:
            raise EditError(f"no tariff line is in HS chapter {dimension.hs_chapter}")
        return np.array(rows, dtype=np.intp)

    def _expand(self, path: str) -> list[str]:
        """The concrete paths of a path with ``[*]``: one per item of the base's list."""
        if "[*]" not in path:
            return [path]
        head, rest = path.split("[*]", 1)
        items = _lookup(self.base, head)
        if not isinstance(items, Sequence) or isinstance(items, str) or not items:
            raise EditError(f"{head} is not a list in the base proposal")
        return [p for i in range(len(items)) for p in self._expand(f"{head}[{i}]{rest}")]

    def check(self) -> list[tuple[int, str]]:
        """Each dimension's problem with its values on the base proposal (by dimension)."""
        found: list[tuple[int, str]] = []
        for index, dimension in enumerate(self.sweep.vary):
            probe = (
                list(dimension.values)
                if dimension.values is not None
                else _typed(dimension, [dimension.range.low, dimension.range.high])  # type: ignore[union-attr]
            )
            for value in probe:
                try:
                    self.apply({index: value})
                except EditError as exc:
                    found.append((index, f"value {value!r}: {exc}"))
                    break
        return found

    def apply(self, values: dict[int, Any] | Point) -> Proposal:
        """The base proposal with the given dimensions' values (by dimension index)."""
        chosen = values if isinstance(values, dict) else dict(enumerate(values))
        variant = self.base
        edits = {
            path: chosen[index] for index, paths in self._edits if index in chosen for path in paths
        }
        if edits:
            variant, _ = apply_edits(variant, edits)
        line_edits = [(i, f, rows) for i, f, rows in self._lines if i in chosen]
        if line_edits:
            variant = self._edit_lines(variant, [(f, rows, chosen[i]) for i, f, rows in line_edits])
        return variant

    def _edit_lines(self, variant: Proposal, changes: list[tuple[str, Any, Any]]) -> Proposal:
        tariffs = variant.tariffs
        assert tariffs is not None
        table = tariffs.lines
        for field, rows, value in changes:
            number = _checked(field, value)
            column = table.number(field).copy()
            column[rows] = number
            table = table.with_numbers(field, column)
        edited = variant.model_copy(update={"tariffs": tariffs.model_copy(update={"lines": table})})
        problems = list(cross_field_problems(edited))
        if problems:
            raise EditError("; ".join(f"{format_path(p)}: {m}" for p, m in problems[:3]))
        edited._origin = variant.origin
        return edited


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _checked(field: str, value: Any) -> float:
    """``value`` as the line model accepts it for ``field``, as a float; else EditError."""
    if field not in _ADAPTERS:
        annotation = TariffLine.model_fields[field].annotation
        assert annotation is not None
        _ADAPTERS[field] = TypeAdapter(annotation)
    try:
        checked = _ADAPTERS[field].validate_python(value, strict=True)
    except ValidationError as exc:
        raise EditError(exc.errors()[0]["msg"]) from None
    if checked is None:
        raise EditError(f"{field} cannot be left out here")
    return float(checked)


def _lookup(proposal: Proposal, dotted: str) -> Any:
    node: Any = proposal
    for piece in re.findall(r"[a-z_]+|\[\d+\]", dotted):
        if piece.startswith("["):
            index = int(piece[1:-1])
            node = node[index] if isinstance(node, Sequence) and index < len(node) else None
        else:
            node = getattr(node, piece, None) if not isinstance(node, dict) else node.get(piece)
        if node is None:
            return None
    return node
