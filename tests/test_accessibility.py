"""Briefs are tagged PDFs (PDF/UA-1): structure, language, title, alt text for the charts."""

from __future__ import annotations

import io
from typing import Any

import pypdf

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.report.pdf import brief_pdf
from tests.conftest import PROPOSALS


def _walk(node: Any, found: list[dict[str, Any]]) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, pypdf.generic.ArrayObject):
        for item in node:
            _walk(item, found)
        return
    if not isinstance(node, pypdf.generic.DictionaryObject):
        return
    if "/S" in node:
        found.append(node)
    if "/K" in node:
        _walk(node["/K"], found)


def test_the_brief_is_tagged_with_language_title_and_chart_descriptions() -> None:
    result = evaluate(load_proposal(PROPOSALS / "guest_worker_rodrik.yaml"), draws=500)
    reader = pypdf.PdfReader(io.BytesIO(brief_pdf(result)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata is not None and reader.metadata.title
    assert result.proposal.title in reader.metadata.title
    elements: list[dict[str, Any]] = []
    _walk(root["/StructTreeRoot"], elements)
    kinds = {str(e["/S"]) for e in elements}
    assert {"/H1", "/H2", "/P", "/Table", "/Figure"} <= kinds, kinds
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
