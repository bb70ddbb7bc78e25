"""The brief's numbered sources: each work once, cited as ``[n]`` wherever it is used."""

from __future__ import annotations

import re
from typing import Any

_YEAR = re.compile(r"\((\d{4})\)")


def work_key(text: str) -> str:
    """The year and the first words of the title: one key for one work, however it is written.

    >>> work_key('Caliendo, L. and F. Parro (2015), "Estimates of the Trade and Welfare Effects"')
    '2015 estimates of the trade'
    >>> work_key("Lorenzo Caliendo and Fernando Parro (2015), Estimates of the Trade and Welfare")
    '2015 estimates of the trade'
    """
    match = _YEAR.search(text)
    if match is None:
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    title = re.findall(r"[a-z0-9]+", text[match.end() :].lower())
    return " ".join([match.group(1), *title[:4]])


class References:
    """Full citations, each numbered once, cited as ``[n]`` wherever they are used."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._texts: dict[int, str] = {}

    def cite(self, text: str) -> str:
        """``[n]`` for a citation (numbered on first use), or "" for none. Two citations of one
        work written differently (the proposal's and a scale's) share one number."""
        text = " ".join(text.split())
        if not text:
            return ""
        key = work_key(text)
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._texts[self._numbers[key]] = text
        return f"[{self._numbers[key]}]"

    def listing(self) -> list[dict[str, str]]:
        """The numbered list for the end of the brief."""
        return [{"number": str(n), "text": text} for n, text in self._texts.items()]


def cite_all(context: dict[str, Any]) -> list[dict[str, str]]:
    """Replace full citations by ``[n]`` in reading order; return the numbered list."""
    refs = References()
    for section in context["rubric_sections"]:
        for finding in section["findings"]:
            finding["source"] = refs.cite(finding["source"])
    for item in context["recommendations"]:
        item["source"] = refs.cite(item["source"])
    for item in context["reconciliation"]:
        item["source"] = refs.cite(item["source"])
    for scale in context["methods"]["scales"]:
        for point in scale["points"]:
            point["source"] = refs.cite(point["source"])
    context["methods"]["works"] = [refs.cite(text) for text in context["methods"]["works"]]
    for family in context["methods"]["parameters"]:
        for item in family["items"]:
            item["source"] = refs.cite(item["source"])
    return refs.listing()
