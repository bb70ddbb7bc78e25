"""Render a comparison to HTML and PDF through the brief's safe, reproducible pipeline.

The template is autoescaped and the PDF goes through :func:`evaluator.report.pdf.pdf_bytes`:
the same restricted URL fetcher (``data:`` URLs and packaged assets only) and the same pinned
``SOURCE_DATE_EPOCH``, so one comparison and one date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evaluator.models.comparison import Comparison
from evaluator.output import write_atomic
from evaluator.report.comparison_context import comparison_charts, comparison_context
from evaluator.report.pdf import page_size, pdf_bytes, render_template, today, warm_renderer

TEMPLATE = "comparison.html.j2"


def render_comparison_html(
    comparison: Comparison,
    *,
    paper: str = "a4",
    date: dt.date | None = None,
    charts: dict[str, str | None] | None = None,
) -> str:
    """The comparison brief as an HTML document (stylesheets linked relative to the templates)."""
    size = page_size(paper)
    day = date or today()
    context = comparison_context(comparison, paper=size, date=day.isoformat(), charts=charts)
    return render_template(TEMPLATE, context)


def comparison_pdf_bytes(
    comparison: Comparison, *, paper: str = "a4", date: dt.date | None = None
) -> bytes:
    """The comparison brief as PDF bytes, identical for the same comparison and date.

    As for a brief, the charts are drawn by a forked child where that helps (see
    :mod:`.chart_worker`) while this process warms WeasyPrint; the bytes are the same."""
    from evaluator.report.chart_worker import ChartJob, forking_helps

    day = date or today()
    job = ChartJob(comparison, comparison_charts)
    if forking_helps():
        job.fork()
    try:
        warm_renderer()
    finally:
        charts = job.result()
    html = render_comparison_html(comparison, paper=paper, date=day, charts=charts)
    return pdf_bytes(html, day=day)


def render_comparison(
    comparison: Comparison,
    path: str | Path,
    *,
    paper: str = "a4",
    date: dt.date | None = None,
    force: bool = False,
    inputs: tuple[Path, ...] = (),
) -> Path:
    """Write the comparison PDF to ``path`` atomically (never over an input, nor over an
    existing file without ``force``); return the path."""
    target = Path(path)
    data = comparison_pdf_bytes(comparison, paper=paper, date=date)
    write_atomic(target, data, force=force, inputs=inputs)
    return target
