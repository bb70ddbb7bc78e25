"""Numbers in CSV cells: each numeric column's cells converted, and the diagnosis of a number
written with thousands separators or a decimal comma (:mod:`evaluator.schedule`)."""

from __future__ import annotations

import re
from typing import Any

from evaluator.models.line_table import NUMBERS, UNCERTAIN, WHOLE
from evaluator.models.tariffs import TARIFF_LINE_COLUMNS

INT_COLUMNS = frozenset(c for c in TARIFF_LINE_COLUMNS if c in WHOLE)
FLOAT_COLUMNS = (
    frozenset(c for c in TARIFF_LINE_COLUMNS if c in (*NUMBERS, *UNCERTAIN)) - INT_COLUMNS
)
"""The CSV columns read as numbers: the line model's numeric and uncertain fields."""
NUMERIC_COLUMNS = FLOAT_COLUMNS | INT_COLUMNS

_SEPARATORS = re.compile(r"[, '\u00a0\u202f]")
_THOUSANDS = re.compile(
    r"[+-]?[1-9][0-9]{0,2}(?P<sep>[, '\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:\.[0-9]+)?"
)
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


def number_problem(value: str) -> str | None:
    """How to write a number given with thousands separators or a decimal comma; None for
    other text (the model then reports it as it does an inline line's)."""
    if _THOUSANDS.fullmatch(value):
        return f"remove the thousands separators: {_SEPARATORS.sub('', value)}"
    if _DECIMAL_COMMA.fullmatch(value):
        return f"write the decimal separator as a point: {value.replace(',', '.')}"
    return None


def convert(column: str, value: str) -> Any:
    """Numbers for numeric columns; text that is not a number stays text, for the model to
    report at this cell with the same message as an inline line."""
    try:
        if column in INT_COLUMNS:
            return int(value)
        if column in FLOAT_COLUMNS:
            return float(value)
    except ValueError:
        return value
    return value
