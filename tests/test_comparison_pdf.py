"""The comparison PDF: content, determinism, safety against injected markup, and a page look."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest

from evaluator.comparison import compare
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal, load_proposal_bytes
from evaluator.models.comparison import Comparison
from evaluator.output import OutputError
from evaluator.report.comparison_charts import (
    alternatives_scores_chart,
    robustness_chart,
    win_matrix_chart,
)
from evaluator.report.comparison_pdf import (
    comparison_pdf_bytes,
    render_comparison,
    render_comparison_html,
)
from tests.conftest import PROPOSALS

DAY = dt.date(2026, 11, 22)
ESSAY = ("nafta_us_1994.yaml", "rebalanced_agreement.yaml", "guest_worker_rodrik.yaml")
INJECTED = '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'


@pytest.fixture(scope="module")
def essay() -> Comparison:
    return compare(
        [evaluate(load_proposal(PROPOSALS / name), draws=500, levers=False) for name in ESSAY]
    )


@pytest.fixture(scope="module")
def essay_pdf(essay: Comparison) -> bytes:
    return comparison_pdf_bytes(essay, date=DAY)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_holds_titles_probabilities_and_headings(essay: Comparison, essay_pdf: bytes) -> None:
    text = _text(essay_pdf)
    for heading in (
        "Comparison of 3 alternatives",
        "Bottom line",
        "Side by side",
        "Scores and win probabilities",
        "Robustness to weights",
        "What makes the difference",
        "Reproducibility",
    ):
        assert heading in text
    for alternative in essay.alternatives:
        assert " ".join(alternative.label.split()) in text
        assert alternative.sha256 is not None and alternative.sha256 in text
    for p in essay.ranking.first["overall"]:
        assert p is not None and f"{p:.0%}" in text
    assert "ranks first" in text and "evaluator compare" in text


def test_same_date_gives_the_same_bytes(essay: Comparison, essay_pdf: bytes) -> None:
    assert comparison_pdf_bytes(essay, date=DAY) == essay_pdf


def test_injected_markup_in_a_title_stays_text() -> None:
    source = (PROPOSALS / "nafta_us_1994.yaml").read_text(encoding="utf-8")
    line = next(x for x in source.splitlines() if x.startswith("title:"))
    hostile = source.replace(line, f"title: '{INJECTED}'", 1).encode("utf-8")
    evaluations = [
        evaluate(load_proposal_bytes(hostile, "hostile.yaml"), draws=500, levers=False),
        evaluate(load_proposal(PROPOSALS / "guest_worker_rodrik.yaml"), draws=500, levers=False),
    ]
    comparison = compare(evaluations)
    html = render_comparison_html(comparison, date=DAY)
    assert "<img src=" not in html.replace('<img class="chart-image" src="data:', "")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    pdf = comparison_pdf_bytes(comparison, date=DAY)
    assert '<img src="file:///etc/passwd">' in _text(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            assert ref.get_object().get("/Subtype") != "/Image"
    assert b"root:" not in pdf


def test_refuses_to_overwrite_without_force(essay: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "comparison.pdf"
    target.write_bytes(b"keep")
    with pytest.raises(OutputError, match="already exists"):
        render_comparison(essay, target, date=DAY)
    assert target.read_bytes() == b"keep"
    render_comparison(essay, target, date=DAY, force=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_charts_are_valid_deterministic_svg(essay: Comparison) -> None:
    scores = [{"efficiency": (40.0, 30.0, 50.0), "overall": None}, {"efficiency": None}]
    labels = {"efficiency": "Efficiency <b>gain</b>", "overall": "Overall"}
    beats = essay.ranking.beats["overall"]
    first = essay.ranking.first["overall"]
    shares = essay.robustness.first_share
    profiles = {p.profile: p.scores for p in essay.robustness.profiles}
    for draw in (
        lambda: alternatives_scores_chart(scores, labels),
        lambda: win_matrix_chart(beats, first),
        lambda: robustness_chart(shares, profiles),
    ):
        svg = draw()
        assert ET.fromstring(svg).tag.endswith("svg")
        assert draw() == svg


def test_first_page_is_not_blank(essay_pdf: bytes) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(essay_pdf)
    image = document[0].render(scale=0.5).to_pil().convert("L")
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    dark = sum(1 for x in range(width) for y in range(height) if pixels[x, y] < 128)
    assert dark > 0.01 * width * height
    document.close()
