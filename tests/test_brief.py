"""The PDF brief: content, safety against injected markup, determinism, and a look at a page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from click.testing import Result

from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal, load_proposal_bytes
from evaluator.models.result import Evaluation
from evaluator.report.pdf import RefusedResourceError, pdf_bytes, render_brief, render_html
from tests.conftest import PROPOSALS

Run = Callable[..., Result]
DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def nafta() -> Evaluation:
    return evaluate(load_proposal(PROPOSALS / "nafta_us_1994.yaml"), draws=2000)


@pytest.fixture(scope="module")
def nafta_pdf(nafta: Evaluation) -> bytes:
    return pdf_bytes(render_html(nafta, date=DAY), day=DAY)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_brief_holds_the_scores_and_their_sources(nafta: Evaluation, nafta_pdf: bytes) -> None:
    text = _text(nafta_pdf)
    for heading in (
        "Bottom line",
        "Scores",
        "Efficiency and redistribution",
        "Winners and losers",
        "Recommendations",
        "Methods",
        "Reproducibility",
    ):
        assert heading in text
    assert nafta.overall is not None
    assert f"scores {nafta.overall.score:.0f} out of 100 overall" in text
    for score in nafta.dimensions.values():
        assert score is not None and f"{score.score:.0f}/100" in text
    assert "Caliendo" in text and "Rodrik" in text
    assert nafta.proposal.sha256 is not None and nafta.proposal.sha256[:16] in text


def test_sections_come_in_the_agreed_order(nafta_pdf: bytes) -> None:
    text = _text(nafta_pdf)
    order = [
        "Bottom line",
        "Efficiency and redistribution",
        "Winners and losers",
        "Labor voice",
        "National policy space",
        "Recommendations",
        "Methods and assumptions",
        "Reproducibility",
    ]
    position = 0
    for name in order:  # each after the previous (tiles and running heads repeat some names)
        position = text.index(name, position) + len(name)


def test_metadata_carries_version_and_input_hash(nafta: Evaluation, nafta_pdf: bytes) -> None:
    meta = pypdf.PdfReader(io.BytesIO(nafta_pdf)).metadata
    assert meta is not None
    assert meta.title is not None and nafta.proposal.title in meta.title
    assert "evaluator" in (meta.author or "")
    assert nafta.proposal.sha256 in (meta.get("/Keywords") or "")


def test_same_input_gives_a_byte_identical_pdf(nafta: Evaluation, nafta_pdf: bytes) -> None:
    again = pdf_bytes(render_html(nafta, date=DAY), day=DAY)
    assert again == nafta_pdf


INJECTIONS = [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///dev/zero">',
    '<img src="http://127.0.0.1:9/x.png">',
    "<style>@import url('file:///etc/passwd');</style>",
    '<svg><image href="file:///etc/hostname"/></svg>',
]


def _hostile(payload: str) -> bytes:
    text = payload.replace('"', '\\"')
    return f"""schema_version: 1
title: "Trade deal {text}"
summary: "{text}"
kind: mixed
parties: [USA, MEX]
evaluated_for: USA
economy: {{gdp_usd: 2.0e13, source: s1}}
sources:
  - {{id: s1, citation: "{text}", note: "{text}"}}
tariffs:
  elasticity: 1.5
  lines:
    - {{hs: "6109", sector: "{text}", description: "{text}", partner: MEX,
       imports_usd: 1.0e9, base_rate: 0.1, final_rate: 0.0}}
mobility:
  host: USA
  origins: [{{country: MEX, annual_quota: 1000, place_premium: 3, home_wage_usd: 5000}}]
  visa_years: 2
  competing_workforce: 1.0e6
  competing_wage_usd: 30000
  sectors: ["{text}"]
""".encode()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injected_markup_in_every_text_field_embeds_and_fetches_nothing(payload: str) -> None:
    result = evaluate(load_proposal_bytes(_hostile(payload), "hostile.yaml"), draws=200)
    html = render_html(result, date=DAY)
    assert payload not in html  # escaped wherever it appears
    pdf = pdf_bytes(html, day=DAY)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in str(root.get("/Names", {}))
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for name in xobjects:
            assert xobjects[name].get_object().get("/Subtype") != "/Image"
    assert f"Trade deal {payload[:12]}" in _text(pdf)  # printed as literal text


def test_fetcher_refuses_anything_outside_the_packaged_assets(nafta: Evaluation) -> None:
    html = render_html(nafta, date=DAY)
    for url in (
        "file:///etc/passwd",
        "file:///dev/zero",
        "http://127.0.0.1:9/a.css",
        "../pyproject.toml",
        "%2e%2e/pyproject.toml",
    ):
        sneaky = html.replace("</head>", f'<link rel="stylesheet" href="{url}"></head>', 1)
        with pytest.raises(RefusedResourceError):
            pdf_bytes(sneaky, day=DAY)


def test_render_brief_writes_atomically_and_refuses_to_overwrite(
    nafta: Evaluation, tmp_path: Path
) -> None:
    target = tmp_path / "brief.pdf"
    render_brief(nafta, target, date=DAY)
    assert target.read_bytes().startswith(b"%PDF")
    from evaluator.output import OutputError

    with pytest.raises(OutputError, match="--force"):
        render_brief(nafta, target, date=DAY)


def test_first_page_looks_like_a_brief(nafta_pdf: bytes) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(nafta_pdf)
    assert 6 <= len(document) <= 16
    image = document[0].render(scale=0.5).to_pil().convert("L")
    width, height = image.size
    assert height > width  # portrait A4
    pixels = image.load()
    dark = sum(1 for x in range(0, width, 2) for y in range(0, height, 2) if pixels[x, y] < 128)
    share = dark / ((width // 2) * (height // 2))
    assert 0.01 < share < 0.35  # text and tiles on the page, not blank, not a black box


def test_letter_paper(nafta: Evaluation) -> None:
    pdf = pdf_bytes(render_html(nafta, paper="letter", date=DAY), day=DAY)
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_cli_brief_pdf_and_html(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "gw.pdf"
    proposal = str(PROPOSALS / "guest_worker_rodrik.yaml")
    result = run("brief", proposal, "-o", str(target), "--draws", "500", "--date", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    again = run("brief", proposal, "-o", str(target), "--draws", "500")
    assert again.exit_code == 2 and "--force" in again.stderr
    page = tmp_path / "gw.html"
    run("brief", proposal, "--html", "-o", str(page), "--draws", "500")
    html = page.read_text()
    assert "<style>" in html and 'href="brief.css"' not in html
    refuse = run("brief", proposal, "-o", proposal, "--force", "--draws", "500")
    assert refuse.exit_code == 2 and "over an input file" in refuse.stderr


def test_methods_cover_only_the_models_run_and_group_parameters(nafta: Evaluation) -> None:
    from evaluator.report.context import brief_context
    from evaluator.rubric.library import default_rubric_set

    guest = evaluate(load_proposal(PROPOSALS / "guest_worker_rodrik.yaml"), draws=2000)
    methods = brief_context(guest, default_rubric_set(), charts={})["methods"]
    text = " ".join(methods["models"])
    assert "place premium" in text and "Harberger" not in text  # no tariff model in a visa brief
    families = {family["name"]: family for family in methods["parameters"]}
    premia = families["place_premium"]
    origins = {item["label"] for item in premia["items"]}
    assert origins == {"BOL", "IND", "JAM", "NGA", "PAK"}
    assert premia["where"] == "set by mobility.origins[…].place_premium"
    # cited by number, or labelled illustrative and never credited to a source
    for item in premia["items"]:
        assert item["source"].startswith("[") or "illustrative" in item["basis"], item
    uses = {use.name: use for use in guest.provenance.parameters}
    ours = [name for name, use in uses.items() if use.tag == "A"]  # our assumptions, labelled
    assert ours and all(families[name]["tag"] == "Assumption" for name in ours)
    returns = families["return_rate"]  # set by the proposal without a source: said so, not cited
    assert returns["where"].endswith("illustrative (the file says so)")
    assert returns["items"][0]["source"] == ""
    assert uses["return_rate"].field == "mobility.expected_return_rate"

    trade = brief_context(nafta, default_rubric_set(), charts={})["methods"]
    assert any("Harberger" in paragraph for paragraph in trade["models"])
    assert not any("place premium" in paragraph for paragraph in trade["models"])
