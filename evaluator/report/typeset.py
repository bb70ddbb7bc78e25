"""Typography shared by the brief's sections: dashes and minus signs."""

from __future__ import annotations

import re

DASH = "\u2013"
"""An en dash, between the ends of a range."""
MINUS = "\u2212"
"""The minus sign, for negative numbers in print."""

_HYPHEN_MINUS = re.compile(r"(?<!\w)-(?=[\d$.])")


def signed(text: str) -> str:
    """A number as typeset: a minus sign, not a hyphen (``-$1.03bn`` becomes ``−$1.03bn``).

    >>> signed("-$1.03bn to -0.5%"), signed("5th-95th")
    ('−$1.03bn to −0.5%', '5th-95th')
    """
    return _HYPHEN_MINUS.sub(MINUS, text)
