"""Characters that must not reach a reader unseen: control codes, escape sequences, bidi overrides.

A title with an escape sequence can retitle a terminal (OSC) or hide text; a right-to-left
override makes ``evil.yaml`` read as something else (Trojan Source, CVE-2021-42574). Proposal
text fields refuse them at load (:func:`first_unsafe`); anything printed to a terminal passes
through :func:`printable` as a second guard; Markdown output passes through :func:`markdown`.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f"  # C0 controls except tab and newline; DEL
    "\x80-\x9f"  # C1 controls (CSI, OSC, ... as single code points)
    "\u061c\u200e\u200f"  # bidi marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u2028\u2029"  # line and paragraph separators (break lines where none is seen)
    "\ufeff"  # zero-width no-break space inside text
    "]"
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
_ENTITIES = {"<": "&lt;", ">": "&gt;"}
"""Angle brackets become entities, not ``\\<``: no ``<img`` or ``<script`` survives even as text."""


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), text)


def first_unsafe(text: str) -> int | None:
    """Index of the first character text fields refuse, or None.

    >>> first_unsafe("Canada–US FTA"), first_unsafe("evil\\u202egpj.yaml"), first_unsafe("a\\tb\\n")
    (None, 4, None)
    """
    match = _UNSAFE.search(text)
    return match.start() if match else None


def describe(char: str) -> str:
    """A refused character as a reader can find it: code point and name.

    >>> describe("\\x1b"), describe("\\u202e")
    ('U+001B (escape)', 'U+202E (RIGHT-TO-LEFT OVERRIDE)')
    """
    names = {"\x1b": "escape", "\x07": "bell", "\r": "carriage return", "\x00": "null"}
    name = names.get(char) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def printable(text: str) -> str:
    """``text`` with every refused character shown as ``\\uXXXX`` (for terminals).

    >>> printable("ok\\x1b]0;pwned\\x07 title")
    'ok\\\\u001b]0;pwned\\\\u0007 title'
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markdown(text: str) -> str:
    """Text for a Markdown table cell or heading: refused characters shown, markup escaped,
    line breaks flattened, so a title can never become HTML, a link or a new table column.

    >>> print(markdown("<script>x</script> [a](javascript:alert(1)) | b"))
    &lt;script&gt;x&lt;/script&gt; \\[a\\]\\(javascript:alert\\(1\\)\\) \\| b
    """
    flat = " ".join(printable(text).split())
    return _escape(flat)


_KEPT = re.compile(
    r"(?P<code>`[A-Za-z0-9_.\[\]-]+`)|(?P<link>https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+)"
)
"""What :func:`markdown_text` leaves as markup: a field name as code, an http(s) address."""
_TRAILING = ".,;:!?'*"


def _link_end(url: str) -> int:
    """Length of ``url`` without the sentence punctuation (or unmatched ``)``) after it."""
    end = len(url)
    while end and (
        url[end - 1] in _TRAILING
        or (url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")"))
    ):
        end -= 1
    return end


def markdown_text(text: str) -> str:
    """Like :func:`markdown`, for prose: ``http(s)://`` addresses become ``<...>`` autolinks and
    code spans of a field name (`` `tariffs.lines[3].hs` ``) stay code.

    Only http and https become links; any other scheme (``javascript:``, ``data:``) stays
    escaped text, and an address never carries ``<``, ``>``, ``|``, a space or a backslash.

    >>> print(markdown_text("Rodrik (https://doi.org/10.1257/jep.32.2.73); [x](javascript:y)"))
    Rodrik \\(<https://doi.org/10.1257/jep.32.2.73>\\); \\[x\\]\\(javascript:y\\)
    >>> print(markdown_text("no `tariffs.exports` <b>"))
    no `tariffs.exports` &lt;b&gt;
    """
    flat = " ".join(printable(text).split())
    out: list[str] = []
    done = 0
    for match in _KEPT.finditer(flat):
        kept = match.group()
        if match.lastgroup == "link":
            kept = kept[: _link_end(kept)]
            if kept.endswith("://"):
                continue
        out.append(_escape(flat[done : match.start()]))
        out.append(f"<{kept}>" if match.lastgroup == "link" else kept)
        done = match.start() + len(kept)
    out.append(_escape(flat[done:]))
    return "".join(out)


URL_PATTERN = (
    r"^[Hh][Tt][Tt][Pp][Ss]?://"
    r"[^\s\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+$"
)
"""An http(s) address without spaces, control characters or bidi marks (as JSON Schema too)."""


def check_url(url: str) -> str:
    """Accept an ``http://`` or ``https://`` address without spaces or control characters.

    >>> check_url("https://doi.org/10.1257/jep.32.2.73")
    'https://doi.org/10.1257/jep.32.2.73'
    """
    if re.fullmatch(URL_PATTERN, url):
        return url
    if re.match(r"(?i)https?://", url):
        raise ValueError(
            "the address holds a space, a control character or a bidi mark, or nothing after "
            "://: only http(s) links are allowed, written without spaces (%20 for a space)"
        )
    raise ValueError(
        f"{url[:40]!r} is not a web address: only http(s) links are allowed "
        "(write https://...; a DOI as https://doi.org/...)"
    )
