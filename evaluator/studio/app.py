"""The studio's web application: pages (Jinja2 + htmx) and the documented HTTP API.

API (every request carries the token; bodies are JSON; errors are ``{"problems": [...]}`` with
status 422 for an invalid proposal, or ``{"error": "..."}`` with 400/404/409):

* ``POST /api/validate`` ``{text, path?}`` -> ``{ok, problems: [{file, line, col, path,
  message, severity}]}``, what ``evaluator validate`` prints;
* ``POST /api/score`` ``{text, path?, draws?, seed?, profile?, basis?}`` -> the evaluation, as
  ``evaluator score --format json``; ``POST /api/scores.csv``: its scores and metrics as CSV;
* ``POST /api/compare`` ``{items: [{text, path?}], draws?, ...}`` -> the comparison, as
  ``evaluator compare --format json``;
* ``POST /api/brief`` ``{text, path?, format: "pdf"|"html", ...}`` -> the brief;
* ``POST /api/apply`` ``{text, edits: [{path, value}]}`` -> ``{text}``, the edits written into
  the text with its comments and layout kept;
* ``GET /api/file?path=`` -> ``{path, text, digest}``; ``PUT /api/file`` ``{path, text, base}``
  -> ``{path, digest}``: an atomic save, refused with 409 if the file changed since ``base``;
* ``GET /api/files``, ``GET /api/schema``, ``GET /api/starter/{kind}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from evaluator.errors import EvaluatorError, ProposalError
from evaluator.studio import pages
from evaluator.studio.security import Guard
from evaluator.studio.service import (
    LIVE_DRAWS,
    ConflictError,
    Options,
    Workspace,
    brief_bytes,
    compare_texts,
    digest,
    problem_dict,
    score_text,
    scores_csv,
    validate_text,
)

STATIC = Path(__file__).resolve().parent / "static"


def create_app(workspace: Path, token: str, hosts: frozenset[str]) -> Guard:
    """The studio for ``workspace``, behind the token and Host/Origin checks."""
    ws = Workspace.at(workspace)
    api = FastAPI(title="evaluator studio", docs_url=None, redoc_url=None, openapi_url=None)
    api.mount("/static", StaticFiles(directory=STATIC), name="static")

    @api.exception_handler(ProposalError)
    async def invalid(request: Request, exc: ProposalError) -> JSONResponse:
        return JSONResponse({"problems": [problem_dict(p) for p in exc.problems]}, 422)

    @api.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> JSONResponse:
        return JSONResponse({"error": str(exc), "current": exc.current}, 409)

    @api.exception_handler(EvaluatorError)
    async def refused(request: Request, exc: EvaluatorError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, 400)

    @api.get("/", response_class=HTMLResponse)
    def index() -> str:
        return pages.index(ws)

    @api.get("/edit", response_class=HTMLResponse)
    def edit(path: str | None = None, new: str | None = None) -> str:
        return pages.editor(ws, path, new)

    @api.get("/compare", response_class=HTMLResponse)
    def compare_page(request: Request) -> str:
        paths = request.query_params.getlist("path")
        return pages.comparison(ws, paths)

    advice = Advice(ws)

    @api.post("/ui/results", response_class=HTMLResponse)
    async def results(request: Request) -> str:
        form = await _body(request)
        text, path = str(form.get("text", "")), form.get("path") or None
        html = pages.results(ws, text, path)
        if pages.scored(ws, text, path):
            advice.start(text, path)
        return html

    @api.post("/ui/recommendations", response_class=HTMLResponse)
    async def recommendations(request: Request) -> str:
        form = await _body(request)
        text, path = str(form.get("text", "")), form.get("path") or None
        await advice.ready(text, path)
        return pages.recommendations(ws, text, path)

    @api.post("/api/validate")
    async def validate(request: Request) -> dict[str, Any]:
        body = await _body(request)
        text, path = _text(body), _path(body)
        return validate_text(text, ws, path, scored=pages.scored(ws, text, path))

    @api.post("/api/score")
    async def score(request: Request) -> Response:
        body = await _body(request)
        evaluation = score_text(_text(body), ws, _path(body), _options(body))
        return Response(evaluation.model_dump_json(indent=2), media_type="application/json")

    @api.post("/api/scores.csv")
    async def score_csv(request: Request) -> Response:
        body = await _body(request)
        evaluation = score_text(_text(body), ws, _path(body), _options(body))
        return Response(scores_csv(evaluation), media_type="text/csv")

    @api.post("/api/compare")
    async def compare(request: Request) -> Response:
        body = await _body(request)
        items = body.get("items")
        if not isinstance(items, list):
            raise EvaluatorError("items: a list of {text, path} is required")
        pairs = [(_text(item), _path(item)) for item in items if isinstance(item, dict)]
        result = compare_texts(pairs, ws, _options(body))
        return Response(result.model_dump_json(indent=2), media_type="application/json")

    @api.post("/api/brief")
    async def brief(request: Request) -> Response:
        body = await _body(request)
        as_html = body.get("format") == "html"
        from evaluator.evaluation import DEFAULT_DRAWS

        options = _options(body, default_draws=DEFAULT_DRAWS)
        evaluation = score_text(_text(body), ws, _path(body), options)
        data = brief_bytes(evaluation, as_html)
        kind = "text/html; charset=utf-8" if as_html else "application/pdf"
        return Response(data, media_type=kind)

    @api.post("/api/apply")
    async def apply(request: Request) -> dict[str, str]:
        from evaluator.studio.yaml_edit import apply_text_edits

        body = await _body(request)
        edits = body.get("edits")
        if not isinstance(edits, list):
            raise EvaluatorError("edits: a list of {path, value} is required")
        changes = {str(e["path"]): e.get("value") for e in edits if isinstance(e, dict)}
        return {"text": apply_text_edits(_text(body), changes)}

    @api.get("/api/files")
    def files() -> dict[str, list[str]]:
        return {"files": ws.proposals()}

    @api.get("/api/file")
    def read(path: str) -> dict[str, str]:
        text = ws.read(path)
        return {"path": path, "text": text, "digest": digest(text)}

    @api.put("/api/file")
    async def save(request: Request) -> dict[str, str]:
        body = await _body(request)
        path = _path(body)
        if path is None:
            raise EvaluatorError("path: the file name to save to is required")
        base = body.get("base")
        new = ws.save(path, _text(body), base if isinstance(base, str) else None)
        return {"path": path, "digest": new}

    @api.get("/api/schema")
    def schema() -> dict[str, Any]:
        from evaluator.schema import proposal_schema

        return proposal_schema()

    @api.get("/api/starter/{kind}")
    def starter(kind: str) -> dict[str, str]:
        return {"text": pages.starter(kind)}

    return Guard(api, token, hosts)


class Advice:
    """The recommendations of the text just scored, worked out in a thread as soon as the scores
    are sent: by the time the page asks for them (once the scores are on screen) most of the
    re-scoring is done. One text at a time; a newer text cancels an older one not yet begun."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-advice")
        self.pending: dict[tuple[str, str | None], Future[Any]] = {}

    def start(self, text: str, path: str | None) -> None:
        key = (digest(text), path)
        if key in self.pending:
            return
        for future in self.pending.values():
            future.cancel()
        self.pending = {
            key: self.pool.submit(pages.evaluated, text, self.ws, path, levers=True),
        }

    async def ready(self, text: str, path: str | None) -> None:
        """Wait for the recommendations of ``text`` if they are being worked out (an error is
        left for :func:`pages.recommendations` to meet again and show)."""
        future = self.pending.get((digest(text), path))
        if future is None or future.cancelled():
            return
        with contextlib.suppress(Exception):
            await asyncio.wrap_future(future)


async def _body(request: Request) -> dict[str, Any]:
    """A JSON object, or an htmx form (URL-encoded), as a dict."""
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        form = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
        return {k: v[-1] for k, v in form.items()}
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise EvaluatorError("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise EvaluatorError("the request body must be a JSON object")
    return body


def _text(body: dict[str, Any]) -> str:
    text = body.get("text")
    if not isinstance(text, str):
        raise EvaluatorError("text: the proposal's YAML text is required")
    return text


def _path(body: dict[str, Any]) -> str | None:
    path = body.get("path")
    return path if isinstance(path, str) and path else None


def _options(body: dict[str, Any], default_draws: int = LIVE_DRAWS) -> Options:
    """The evaluation options of a request; ``draws`` defaults to the live preview's (the
    brief's request passes the CLI's default instead)."""
    from evaluator.bounds import MAX_DRAWS

    draws = body.get("draws", default_draws)
    seed = body.get("seed")
    if not isinstance(draws, int) or not 100 <= draws <= MAX_DRAWS:
        raise EvaluatorError(f"draws: a whole number from 100 to {MAX_DRAWS:,}")
    if seed is not None and (not isinstance(seed, int) or seed < 0):
        raise EvaluatorError("seed: a whole number, 0 or more")
    basis = body.get("basis")
    if basis not in (None, "national", "global"):
        raise EvaluatorError("basis: national or global")
    profile = body.get("profile")
    return Options(
        draws=draws,
        seed=seed,
        profile=profile if isinstance(profile, str) else None,
        basis=basis,
    )
