"""Numbers as people read them: $56.0m, 0.0008%, 446, 200,000. Used by tables and briefs."""

from __future__ import annotations

import math
import re

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def money(value: float) -> str:
    """USD with a scale suffix and three significant figures.

    >>> money(55_954_265.6), money(-1.29e10), money(812.4), money(0.0), money(-0.4)
    ('$56.0m', '-$12.9bn', '$812', '$0', '$0')
    """
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, suffix in _SCALES:
        if size >= scale:
            return unsigned_zero(f"{sign}${_significant(size / scale)}{suffix}")
    return unsigned_zero(f"{sign}${size:,.0f}")


def percent(value: float) -> str:
    """A percentage with two significant figures, however small.

    >>> percent(0.00077), percent(0.0498), percent(-1.4409), percent(0.0), percent(-0.0)
    ('0.00077%', '0.050%', '-1.4%', '0%', '0%')
    """
    if value == 0 or not math.isfinite(value):
        return unsigned_zero(f"{value:g}%")
    digits = max(0, 1 - math.floor(math.log10(abs(value))))
    return unsigned_zero(f"{value:.{digits}f}%")


def ratio(value: float) -> str:
    """A ratio such as the PCBR: whole numbers when large, two decimals when small.

    >>> ratio(445.85), ratio(5.0), ratio(0.5847), ratio(-0.004)
    ('446', '5.0', '0.58', '0.00')
    """
    if abs(value) >= 100:
        return unsigned_zero(f"{value:,.0f}")
    if abs(value) >= 1:
        return unsigned_zero(f"{value:.1f}")
    return unsigned_zero(f"{value:.2f}")


def count(value: float) -> str:
    """People and other counts, rounded to whole units.

    >>> count(199_999.6), count(0.4), count(-0.4)
    ('200,000', '0', '0')
    """
    return unsigned_zero(f"{value:,.0f}")


def plain_number(value: float) -> str:
    """A model input as a reader writes it: four significant digits, thousands separated, no
    exponent between ten thousand and a trillion.

    >>> plain_number(39600.0), plain_number(6000.0), plain_number(0.915), plain_number(-0.2)
    ('39,600', '6,000', '0.915', '-0.2')
    >>> plain_number(-0.0)
    '0'
    """
    return unsigned_zero(f"{value:,.0f}" if 1e4 <= abs(value) < 1e12 else f"{value:,.4g}")


def by_unit(value: float, unit: str) -> str:
    """Format a metric value according to its unit."""
    if unit.startswith("USD"):
        return money(value)
    if unit.startswith("%"):
        return percent(value)
    if unit.startswith("persons"):
        return estimate_count(value)
    return ratio(value)


def estimate_count(value: float) -> str:
    """A modelled number of people, to three significant figures: a Monte Carlo mean of
    uncertain inputs does not justify six digits.

    >>> estimate_count(324_596.4), estimate_count(949_500), estimate_count(42.4)
    ('325,000', '950,000', '42')
    >>> estimate_count(-0.0), estimate_count(-0.3)
    ('0', '0')
    """
    if value == 0 or not math.isfinite(value):
        return count(value) if math.isfinite(value) else str(value)
    digits = 3 - math.floor(math.log10(abs(value))) - 1
    try:
        shown = round(value, min(digits, 0))
    except OverflowError:  # rounds up past the largest float: print the value as it is
        shown = value
    return unsigned_zero(f"{shown:,.0f}")


def fixed(value: float, spec: str) -> str:
    """``format(value, spec)`` without a negative zero: for charts and sentences that format a
    number with their own precision (``spec`` such as ``".0f"``, ``"+.1f"`` or ``".2g"``).

    >>> fixed(-0.04, ".1f"), fixed(-0.04, "+.1f"), fixed(-0.0, ".2g"), fixed(-0.06, "+.1f")
    ('0.0', '+0.0', '0', '-0.1')
    """
    text = format(value, spec)
    unsigned = unsigned_zero(text)
    return "+" + unsigned if unsigned != text and "+" in spec else unsigned


def unsigned_zero(text: str) -> str:
    """A formatted number without its minus sign when every printed digit is zero: a value that
    rounds to zero at the printed precision is zero, neither negative nor positive. A ``+`` sign
    stays (``+0.0`` is what a signed format prints for zero).

    >>> unsigned_zero("-0%"), unsigned_zero("-$0"), unsigned_zero("-0.00"), unsigned_zero("-0.1")
    ('0%', '$0', '0.00', '-0.1')
    >>> unsigned_zero("-inf%"), unsigned_zero("-1e-05")
    ('-inf%', '-1e-05')
    """
    if text.startswith("-") and any(c.isdigit() for c in text) and _ZERO_DIGITS.fullmatch(text):
        return text[1:]
    return text


_ZERO_DIGITS = re.compile(r"[^1-9]*")
"""Text whose digits, if any, are all zeros."""


def _significant(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
