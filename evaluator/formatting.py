"""Numbers as people read them: $56.0m, 0.0008%, 446, 200,000. Used by tables and briefs."""

from __future__ import annotations

import math

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def money(value: float) -> str:
    """USD with a scale suffix and three significant figures.

    >>> money(55_954_265.6), money(-1.29e10), money(812.4), money(0.0)
    ('$56.0m', '-$12.9bn', '$812', '$0')
    """
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, suffix in _SCALES:
        if size >= scale:
            return f"{sign}${_significant(size / scale)}{suffix}"
    return f"{sign}${size:,.0f}"


def percent(value: float) -> str:
    """A percentage with two significant figures, however small.

    >>> percent(0.00077), percent(0.0498), percent(-1.4409), percent(0.0)
    ('0.00077%', '0.050%', '-1.4%', '0%')
    """
    if value == 0 or not math.isfinite(value):
        return f"{value:g}%"
    digits = max(0, 1 - math.floor(math.log10(abs(value))))
    return f"{value:.{digits}f}%"


def ratio(value: float) -> str:
    """A ratio such as the PCBR: whole numbers when large, two decimals when small.

    >>> ratio(445.85), ratio(5.0), ratio(0.5847)
    ('446', '5.0', '0.58')
    """
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


def count(value: float) -> str:
    """People and other counts, rounded to whole units.

    >>> count(199_999.6), count(0.4)
    ('200,000', '0')
    """
    return f"{value:,.0f}"


def plain_number(value: float) -> str:
    """A model input as a reader writes it: four significant digits, thousands separated, no
    exponent between ten thousand and a trillion.

    >>> plain_number(39600.0), plain_number(6000.0), plain_number(0.915), plain_number(-0.2)
    ('39,600', '6,000', '0.915', '-0.2')
    """
    return f"{value:,.0f}" if 1e4 <= abs(value) < 1e12 else f"{value:,.4g}"


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
    """
    if value == 0 or not math.isfinite(value):
        return count(value) if math.isfinite(value) else str(value)
    digits = 3 - math.floor(math.log10(abs(value))) - 1
    return f"{round(value, min(digits, 0)):,.0f}"


def _significant(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
