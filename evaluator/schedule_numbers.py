"""Numbers in CSV cells: each numeric column's cells converted, and the diagnosis of a number
written with thousands separators or a decimal comma (:mod:`evaluator.schedule`)."""

from __future__ import annotations

import re
from typing import Any

FLOAT_COLUMNS = frozenset(
    {
        "imports_usd",
        "base_rate",
        "final_rate",
        "elasticity",
        "domestic_output_usd",
        "rest_of_world_imports_usd",
        "rest_of_world_base_rate",
        "rest_of_world_rate",
        "substitution_elasticity",
    }
)
INT_COLUMNS = frozenset({"phase_in_years"})
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
