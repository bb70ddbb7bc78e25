"""Render a brief to HTML and PDF, safely and reproducibly. Only this module imports WeasyPrint.

Two independent defences keep proposal text from reaching the file system or the network:
every template is autoescaped, so user text never becomes markup; and the URL fetcher serves
only ``data:`` URLs and regular files under the packaged templates folder, and stops the render
on anything else. A fixed ``SOURCE_DATE_EPOCH`` makes the same evaluation give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import mimetypes
import os
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import jinja2

from evaluator.assets import asset_dir
from evaluator.errors import EvaluatorError
from evaluator.gc_pause import paused_gc
from evaluator.models.result import Evaluation
from evaluator.output import write_atomic
from evaluator.report.context import Charts, brief_context
from evaluator.rubric.library import RubricSet, default_rubric_set
from evaluator.textsafe import printable

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

PAPERS = {"a4": "A4", "letter": "Letter"}


class BriefError(EvaluatorError):
    """A brief could not be rendered."""


class RefusedResourceError(BriefError):
    """The brief asked for a resource outside the packaged assets."""


@cache
def _environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # select_autoescape() would miss *.html.j2
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _fetcher(root: Path) -> Any:
    """A WeasyPrint URL fetcher confined to ``root`` and ``data:`` URLs."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    allowed = root.resolve()

    class AssetFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(allowed) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, body=path.read_bytes(), headers={"Content-Type": kind}
                    )
            raise FatalURLFetchingError(
                f"refused to fetch {url!r}: briefs load packaged assets only"
            )

    return AssetFetcher()


def page_size(paper: str) -> str:
    """The CSS page size for a ``--paper`` choice (``a4`` or ``letter``)."""
    if paper not in PAPERS:
        raise BriefError(f"unknown paper size {paper!r}: choose {', '.join(PAPERS)}")
    return PAPERS[paper]


def render_template(name: str, context: Mapping[str, Any]) -> str:
    """Render a packaged template (autoescaped, strict) with a context built for it."""
    return _environment(str(asset_dir("templates"))).get_template(name).render(**context)


def render_html(
    evaluation: Evaluation,
    *,
    rubrics: RubricSet | None = None,
    paper: str = "a4",
    date: dt.date | None = None,
    charts: Charts | None = None,
) -> str:
    """The brief as an HTML document (its stylesheet linked relative to the templates).

    ``charts`` are the brief's charts if drawn already (see :mod:`.chart_worker`).
    """
    size = page_size(paper)
    day = date or today()
    context = brief_context(
        evaluation,
        rubrics or default_rubric_set(),
        paper=size,
        date=day.isoformat(),
        charts=charts,
    )
    return render_template("brief.html.j2", context)


def standalone_html(html: str) -> str:
    """The HTML with its stylesheet inlined, to open in a browser outside the package."""
    css = (asset_dir("templates") / "brief.css").read_text(encoding="utf-8")
    link = '<link rel="stylesheet" href="brief.css">'
    return html.replace(link, f"<style>\n{css}</style>", 1)


def today() -> dt.date:
    """The brief's date: the day of ``SOURCE_DATE_EPOCH`` if set, else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.datetime.now(tz=dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise EvaluatorError(
            f"SOURCE_DATE_EPOCH={printable(epoch[:40])!r} is not a Unix time (whole seconds "
            "since 1970, before the year 10000); unset it or pass --date YYYY-MM-DD"
        ) from None


@contextlib.contextmanager
def _source_date(day: dt.date) -> Iterator[None]:
    """Pin the PDF's dates (and so its bytes) to midnight UTC of ``day``."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([\w.-]+\.css)">')


@cache
def _fonts() -> Any:
    """One WeasyPrint font configuration for the process: fontconfig and Pango load once."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(name: str) -> Any:
    """A packaged stylesheet, parsed once per process."""
    import weasyprint

    root = asset_dir("templates")
    return weasyprint.CSS(
        filename=str(root / name), url_fetcher=_fetcher(root), font_config=_fonts()
    )


def pdf_bytes(html: str, *, day: dt.date | None = None) -> bytes:
    """Render brief HTML to PDF bytes with the restricted fetcher.

    The packaged stylesheets the HTML links are parsed once per process and the fonts loaded
    once, which saves about a sixth of a brief's render time when many are made in one process.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    root = asset_dir("templates")
    sheets = [_stylesheet(name) for name in _STYLESHEET_LINK.findall(html)]
    document = weasyprint.HTML(
        string=_STYLESHEET_LINK.sub("", html),
        base_url=str(root) + os.sep,
        url_fetcher=_fetcher(root),
    )
    try:
        with _source_date(day or today()), paused_gc():
            data = document.write_pdf(
                stylesheets=sheets, font_config=_fonts(), pdf_variant=PDF_VARIANT
            )
    except FatalURLFetchingError as exc:
        raise RefusedResourceError(str(exc)) from None
    if not isinstance(data, bytes):
        raise BriefError("WeasyPrint returned no PDF")
    return data


PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF (PDF/UA-1): structure, reading order, document language and title, and the charts'
alternative text, so a screen reader can follow the brief."""


def warm_renderer() -> None:
    """Import WeasyPrint, load the fonts and parse the brief's stylesheet, ahead of need."""
    _stylesheet("brief.css")


def brief_pdf(
    evaluation: Evaluation,
    *,
    rubrics: RubricSet | None = None,
    paper: str = "a4",
    date: dt.date | None = None,
) -> bytes:
    """The PDF brief of ``evaluation`` as bytes.

    The charts are drawn by a forked child where that helps (see :mod:`.chart_worker`) while
    this process warms WeasyPrint; the bytes are the same either way.
    """
    from evaluator.report.chart_worker import start_charts

    day = date or today()
    job = start_charts(evaluation)
    try:
        warm_renderer()
    finally:  # the child is waited for even if WeasyPrint cannot load
        charts = job.result()
    html = render_html(evaluation, rubrics=rubrics, paper=paper, date=day, charts=charts)
    return pdf_bytes(html, day=day)


def render_brief(
    evaluation: Evaluation,
    path: str | Path,
    *,
    rubrics: RubricSet | None = None,
    paper: str = "a4",
    date: dt.date | None = None,
    force: bool = False,
    inputs: tuple[Path, ...] = (),
) -> Path:
    """Write the PDF brief of ``evaluation`` to ``path`` atomically; return the path."""
    data = brief_pdf(evaluation, rubrics=rubrics, paper=paper, date=date)
    target = Path(path)
    write_atomic(target, data, force=force, inputs=inputs)
    return target
