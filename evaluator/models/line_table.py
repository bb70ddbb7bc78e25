"""A tariff schedule as columns: one validated object for any number of lines.

A schedule of 20,000 (or 1,000,000) lines is held as one numpy array per numeric field and one
object array per text field, not as one model per line. The models read the columns; a variant
(a lever, a what-if, a sweep point) is an array edit that shares every other column. Indexing
or iterating gives :class:`~evaluator.models.tariffs.TariffLine` objects, built on demand, so
code that needs a few lines (a table, a note naming the largest) reads them as before.

In the pydantic models, ``Tariffs.lines`` is a :class:`LineTable`: written inline, its items are
validated as tariff lines (with their usual located messages) and then stored as columns; a
table built by the CSV reader, whose cells are already checked, is taken as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from evaluator.models.common import Range

FloatArray = npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]

TEXT = ("hs", "sector", "description", "partner", "source")
"""Text fields: object arrays of ``str`` or None."""
NUMBERS = (
    "imports_usd",
    "base_rate",
    "final_rate",
    "phase_in_years",
    "domestic_output_usd",
    "rest_of_world_imports_usd",
    "rest_of_world_base_rate",
    "rest_of_world_rate",
    "within_rate_cv",
)
"""Numeric fields: float arrays, NaN where a line leaves an optional field out (the models
refuse NaN as a value, so it cannot mean anything else)."""
WHOLE = frozenset({"phase_in_years"})
UNCERTAIN = ("elasticity", "substitution_elasticity", "export_supply_elasticity")
"""A number or a ``{low, high}`` range: a float array (NaN when absent or a range) and the
ranges by line."""
DEFAULTS = {"rest_of_world_imports_usd": 0.0, "phase_in_years": 0.0}


class LineTable(Sequence[Any]):
    """Tariff lines as columns (see the module docstring); immutable."""

    __slots__ = ("_given", "_numbers", "_ranges", "_size", "_text")

    def __init__(
        self,
        size: int,
        text: Mapping[str, ObjectArray],
        numbers: Mapping[str, FloatArray],
        ranges: Mapping[str, Mapping[int, Range]] | None = None,
    ) -> None:
        """Columns of ``size`` lines: every field of :data:`TEXT`, :data:`NUMBERS` and
        :data:`UNCERTAIN` (the last two in ``numbers``); arrays are made read-only."""
        self._size = size
        self._text = {name: _frozen(text[name]) for name in TEXT}
        self._numbers = {name: _frozen(numbers[name]) for name in (*NUMBERS, *UNCERTAIN)}
        self._ranges = {name: dict((ranges or {}).get(name, {})) for name in UNCERTAIN}
        self._given: dict[str, npt.NDArray[np.bool_]] = {}

    # -- building -----------------------------------------------------------------------------

    @classmethod
    def from_lines(cls, lines: Sequence[Any]) -> LineTable:
        """Columns of validated ``TariffLine`` objects."""
        size = len(lines)
        text = {name: _objects([getattr(line, name) for line in lines]) for name in TEXT}
        numbers: dict[str, FloatArray] = {}
        for name in NUMBERS:
            values = [getattr(line, name) for line in lines]
            numbers[name] = np.array(
                [np.nan if v is None else float(v) for v in values], dtype=np.float64
            )
        ranges: dict[str, dict[int, Range]] = {}
        for name in UNCERTAIN:
            values = [getattr(line, name) for line in lines]
            ranges[name] = {i: v for i, v in enumerate(values) if isinstance(v, Range)}
            numbers[name] = np.array(
                [np.nan if v is None or isinstance(v, Range) else float(v) for v in values],
                dtype=np.float64,
            )
        return cls(size, text, numbers, ranges)

    @classmethod
    def empty(cls) -> LineTable:
        """A schedule without lines."""
        return cls.from_lines(())

    def concat(self, other: LineTable) -> LineTable:
        """This table's lines followed by ``other``'s."""
        if not other:
            return self
        if not self:
            return other
        ranges = {
            name: {**mine, **{self._size + i: r for i, r in other._ranges[name].items()}}
            for name, mine in self._ranges.items()
        }
        return LineTable(
            self._size + other._size,
            {n: np.concatenate((self._text[n], other._text[n])) for n in TEXT},
            {n: np.concatenate((self._numbers[n], other._numbers[n])) for n in self._numbers},
            ranges,
        )

    def with_numbers(self, name: str, values: FloatArray) -> LineTable:
        """The same lines with numeric field ``name`` replaced (the other columns shared)."""
        if name not in NUMBERS or values.shape != (self._size,):
            raise ValueError(f"{name}: not a numeric column of {self._size} lines")
        table = LineTable.__new__(LineTable)
        table._size, table._text, table._ranges = self._size, self._text, self._ranges
        table._numbers = {**self._numbers, name: _frozen(np.array(values, dtype=np.float64))}
        table._given = {k: v for k, v in self._given.items() if k != name}
        return table

    def with_lines(self, replaced: Mapping[int, Any]) -> LineTable:
        """The same table with the lines at the given indices replaced by validated
        ``TariffLine`` objects."""
        if not replaced:
            return self
        rows = sorted(replaced)
        patch = LineTable.from_lines([replaced[i] for i in rows])
        where = np.array(rows, dtype=np.intp)
        text = {}
        for name in TEXT:
            column = self._text[name].copy()
            column[where] = patch._text[name]
            text[name] = column
        numbers = {}
        for name, array in self._numbers.items():
            column = array.copy()
            column[where] = patch._numbers[name]
            numbers[name] = column
        ranges = {}
        for name in UNCERTAIN:
            kept = {i: r for i, r in self._ranges[name].items() if i not in replaced}
            kept.update({rows[k]: r for k, r in patch._ranges[name].items()})
            ranges[name] = kept
        return LineTable(self._size, text, numbers, ranges)

    # -- columns ------------------------------------------------------------------------------

    def number(self, name: str) -> FloatArray:
        """A numeric column (read-only); NaN where the field is left out."""
        return self._numbers[name]

    def text(self, name: str) -> ObjectArray:
        """A text column (read-only), ``str`` or None."""
        return self._text[name]

    def given(self, name: str) -> npt.NDArray[np.bool_]:
        """Where lines give a value of their own for an optional field (read-only)."""
        if name not in self._given:
            if name in self._text:
                values = self._text[name].tolist()
                given = np.array([v is not None for v in values], dtype=np.bool_)
            else:
                given = ~np.isnan(self._numbers[name])
                if self._ranges.get(name):
                    given[list(self._ranges[name])] = True
            self._given[name] = _frozen(given)
        return self._given[name]

    def bounds(self, name: str, low: float, high: float) -> tuple[FloatArray, FloatArray]:
        """Each line's ``(low, high)`` for uncertain field ``name``: its own number or range,
        else the given ``(low, high)``."""
        values = self._numbers[name]
        own = ~np.isnan(values)
        lows, highs = np.where(own, values, low), np.where(own, values, high)
        for i, value in self._ranges[name].items():
            lows[i], highs[i] = value.low, value.high
        return lows, highs

    def ranges(self, name: str) -> Mapping[int, Range]:
        """The lines that give field ``name`` as a range."""
        return self._ranges[name]

    def labels(self, indices: Sequence[int] | npt.NDArray[np.intp]) -> list[str]:
        """The HS code and/or sector of the lines at ``indices``, for tables."""
        hs, sector = self._text["hs"], self._text["sector"]
        return [" ".join(p for p in (hs[i], sector[i]) if p) for i in indices]

    # -- the sequence of lines ----------------------------------------------------------------

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._line(i) for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("tariff line index out of range")
        return self._line(index)

    def __iter__(self) -> Iterator[Any]:
        return (self._line(i) for i in range(self._size))

    def _line(self, i: int) -> Any:
        from evaluator.models.tariffs import TariffLine

        values: dict[str, Any] = {}
        for name in TEXT:
            if (text := self._text[name][i]) is not None:
                values[name] = text
        for name in NUMBERS:
            number = self._numbers[name][i]
            if not np.isnan(number):
                values[name] = int(number) if name in WHOLE else float(number)
        for name in UNCERTAIN:
            if i in self._ranges[name]:
                values[name] = self._ranges[name][i]
            elif not np.isnan(number := self._numbers[name][i]):
                values[name] = float(number)
        return TariffLine.model_construct(**values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LineTable):
            return NotImplemented
        return (
            self._size == other._size
            and self._ranges == other._ranges
            and all(np.array_equal(self._text[n], other._text[n]) for n in TEXT)
            and all(
                np.array_equal(a, other._numbers[n], equal_nan=True)
                for n, a in self._numbers.items()
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LineTable({self._size:,} lines)"

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._size, self._text, self._numbers, self._ranges)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._size, self._text, self._numbers, self._ranges = state
        self._given = {}
        for columns in (self._text, self._numbers):
            for array in columns.values():
                array.flags.writeable = False

    # -- pydantic -----------------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from evaluator.models.tariffs import TariffLine

        items = handler.generate_schema(tuple[TariffLine, ...])

        def validate(value: Any, inner: core_schema.ValidatorFunctionWrapHandler) -> LineTable:
            if isinstance(value, LineTable):
                return value
            if isinstance(value, WithTable):
                return cls.from_lines(inner(tuple(value))).concat(value.table)
            return cls.from_lines(inner(value))

        return core_schema.no_info_wrap_validator_function(
            validate,
            items,
            serialization=core_schema.plain_serializer_function_ser_schema(
                tuple, return_schema=items
            ),
        )


class WithTable(tuple[Any, ...]):
    """Inline lines (the items, to validate) followed by a table the CSV reader built (already
    checked): what the loader gives ``Tariffs.lines`` for a proposal with both. A tuple, so
    that messages about the inline lines find them as before."""

    table: LineTable

    def __new__(cls, inline: tuple[Any, ...], table: LineTable) -> WithTable:
        made = super().__new__(cls, inline)
        made.table = table
        return made


def _frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.flags.writeable = False
    return array


def _objects(values: Sequence[Any]) -> ObjectArray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
