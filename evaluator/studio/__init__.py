"""The drafting studio: ``evaluator serve``, a local web page to draft, score, compare and print.

The service functions (:mod:`evaluator.studio.service`) are plain Python over the same core as
the CLI; the web layer (:mod:`evaluator.studio.app`) is FastAPI with Jinja2 pages and htmx, and
needs the optional extra: ``pip install 'evaluator[studio]'``.
"""

MISSING = (
    "the studio needs its web libraries: pip install 'evaluator[studio]' (FastAPI and uvicorn)"
)
