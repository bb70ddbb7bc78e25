"""The studio's pages and fragments, rendered from Jinja2 templates (autoescaped).

The results fragment is what the editor page refreshes while the author types: the four scores
with their bands, the headline metrics, the change against the last saved version (both
evaluated with the same draws, so the difference is the edit's, not noise), the problems,
findings, recommendations with an "apply" button, and the key numbers to try other values of.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from evaluator.errors import EvaluatorError, ProposalError
from evaluator.formatting import by_unit, fixed
from evaluator.studio.service import Workspace, digest, problem_dict, score_text

if TYPE_CHECKING:
    from evaluator.models.result import Evaluation

TEMPLATES = Path(__file__).resolve().parent / "templates"
HEADLINE = ("efficiency_gain_usd", "efficiency_gain_pct_gdp", "redistribution_usd", "pcbr")
CACHED = 16
"""Evaluations kept (by text and file): the saved version is evaluated once, not per keystroke."""
WHAT_IF_LINES = 12
"""Tariff lines offered in the what-if panel (the first ones written in the proposal)."""
_cache: OrderedDict[tuple[Path, str, str | None, bool], Evaluation] = OrderedDict()
_lock = threading.Lock()


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["signed"] = lambda value: fixed(value, "+.1f")
    return env


def _render(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


def starter(kind: str) -> str:
    from evaluator.assets import STARTER_KINDS, starter_text

    if kind not in STARTER_KINDS:
        raise EvaluatorError(f"{kind}: choose {' or '.join(STARTER_KINDS)}")
    return starter_text(kind).replace("{schema}", "proposal.schema.json")


def index(ws: Workspace) -> str:
    from evaluator.assets import STARTER_KINDS

    return _render("index.html.j2", root=ws.root, files=ws.proposals(), kinds=STARTER_KINDS)


def editor(ws: Workspace, path: str | None, new: str | None) -> str:
    if path:
        text = ws.read(path)
        base: str | None = digest(text)
    else:
        text, base = starter(new or "trade-agreement"), None
    return _render(
        "edit.html.j2",
        path=path or "",
        text=text,
        base=base or "",
        title=path or f"new {new or 'trade-agreement'}",
    )


def evaluated(text: str, ws: Workspace, path: str | None, levers: bool = False) -> Evaluation:
    """The live evaluation of ``text`` (cached by its digest and file); the scores come without
    the recommendations, which the page asks for next (:func:`recommendations`). Safe to call
    from several threads (the application works the recommendations out in a thread of its own
    as soon as the scores are sent)."""
    key = (ws.root, digest(text), path, levers)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        scores = _cache.get((ws.root, key[1], path, False))
    runs = scores.model_runs if scores is not None else None
    result = score_text(text, ws, path, levers=levers, extras=False, models=runs)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return result


def scored(ws: Workspace, text: str, path: str | None) -> bool:
    """Whether the scores of ``text`` are kept (it was evaluated without an error)."""
    with _lock:
        return (ws.root, digest(text), path, False) in _cache


def results(ws: Workspace, text: str, path: str | None) -> str:
    try:
        evaluation = evaluated(text, ws, path)
    except ProposalError as exc:
        problems = [problem_dict(p) for p in exc.problems]
        return _render("results.html.j2", problems=problems, evaluation=None)
    except EvaluatorError as exc:
        return _render("results.html.j2", problems=[{"message": str(exc)}], evaluation=None)
    saved = _saved(ws, path, text)
    return _render(
        "results.html.j2",
        problems=[],
        evaluation=evaluation,
        scores=_scores(evaluation, saved),
        metrics=_metrics(evaluation, saved),
        findings=[f for f in evaluation.findings if f.points][:20],
        notes=[f.rationale for f in evaluation.findings if f.rubric == "models"][:8],
        what_if=_what_if(text, ws, path),
        path=path or "",
        saved=saved is not None,
    )


def recommendations(ws: Workspace, text: str, path: str | None) -> str:
    """The recommendations of the text, each re-scored (the slow part, asked for after the
    scores are on screen)."""
    try:
        evaluation = evaluated(text, ws, path, levers=True)
    except EvaluatorError:
        return ""
    items = [
        {
            "title": r.title,
            "change": r.overall_change,
            "edits": json.dumps([e.model_dump(mode="json") for e in r.edits]),
            "shown": ", ".join(f"{e.path}: {json.dumps(e.value)}" for e in r.edits[:3]),
        }
        for r in evaluation.recommendations[:6]
    ]
    return _render("recommendations.html.j2", recommendations=items)


def _saved(ws: Workspace, path: str | None, text: str) -> Evaluation | None:
    """The evaluation of the file as saved, when the editor's text differs from it."""
    if not path:
        return None
    try:
        on_disk = ws.read(path)
        if on_disk == text:
            return None
        return evaluated(on_disk, ws, path)
    except EvaluatorError:
        return None


def _scores(evaluation: Evaluation, saved: Evaluation | None) -> list[dict[str, Any]]:
    from evaluator.rendering import DIMENSION_LABELS

    rows = []
    for name, label in (*DIMENSION_LABELS.items(), ("overall", "Overall")):
        score = evaluation.overall if name == "overall" else evaluation.dimensions.get(name)
        before = None
        if saved is not None:
            before = saved.overall if name == "overall" else saved.dimensions.get(name)
        rows.append(
            {
                "name": name,
                "label": label,
                "score": None if score is None else round(score.score),
                "band": None if score is None else f"{score.p05:.0f}-{score.p95:.0f}",
                "why": evaluation.not_assessed.get(name, ""),
                "delta": None
                if score is None or before is None
                else round(score.score - before.score, 1),
            }
        )
    return rows


def _metrics(evaluation: Evaluation, saved: Evaluation | None) -> list[dict[str, Any]]:
    from evaluator.rendering import METRIC_LABELS

    rows = []
    for name in HEADLINE:
        summary = evaluation.metrics.get(name)
        if summary is None:
            continue
        unit = summary.unit
        before = saved.metrics.get(name) if saved is not None else None
        rows.append(
            {
                "label": METRIC_LABELS.get(name, name),
                "mean": by_unit(summary.mean, unit),
                "band": f"{by_unit(summary.p05, unit)} to {by_unit(summary.p95, unit)}",
                "saved": by_unit(before.mean, unit) if before is not None else None,
            }
        )
    return rows


def _what_if(text: str, ws: Workspace, path: str | None) -> list[dict[str, Any]]:
    """Key numbers written in the proposal (final rates, quotas, the elasticity) to try."""
    from evaluator.studio.service import load_text

    origin = load_text(text, ws, path).origin
    data: dict[str, Any] = origin.document.data if origin is not None else {}
    out: list[dict[str, Any]] = []
    tariffs = data.get("tariffs")
    if isinstance(tariffs, dict):
        if isinstance(tariffs.get("elasticity"), int | float):
            out.append(_number("Import-demand elasticity", "tariffs.elasticity", tariffs))
        for index, line in enumerate(tariffs.get("lines", ())[:WHAT_IF_LINES]):
            if isinstance(line, dict) and isinstance(line.get("final_rate"), int | float):
                name = line.get("description") or line.get("hs") or f"line {index + 1}"
                path_of = f"tariffs.lines[{index}].final_rate"
                out.append(_number(f"Final rate: {name}", path_of, line, "final_rate"))
    mobility = data.get("mobility")
    if isinstance(mobility, dict):
        for index, origin_row in enumerate(mobility.get("origins", ())):
            if isinstance(origin_row, dict) and isinstance(origin_row.get("annual_quota"), int):
                label = f"Annual quota: {origin_row.get('country', index)}"
                path_of = f"mobility.origins[{index}].annual_quota"
                out.append(_number(label, path_of, origin_row, "annual_quota"))
    return out


def _number(label: str, path: str, row: dict[str, Any], key: str = "elasticity") -> dict[str, Any]:
    return {"label": label, "path": path, "value": row[key]}


def comparison(ws: Workspace, paths: list[str]) -> str:
    from evaluator.rendering import DIMENSION_LABELS
    from evaluator.studio.service import compare_texts

    error = None
    result = None
    try:
        result = compare_texts([(ws.read(p), p) for p in paths], ws)
    except ProposalError as exc:
        error = "\n".join(str(p) for p in exc.problems)
    except EvaluatorError as exc:
        error = str(exc)
    return _render(
        "compare.html.j2",
        paths=paths,
        files=ws.proposals(),
        result=result,
        error=error,
        labels={**DIMENSION_LABELS, "overall": "Overall"},
    )
