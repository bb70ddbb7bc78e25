"""Everything a brief shows, selected, ordered and formatted: templates only print it.

The brief is rendered from an :class:`~evaluator.models.result.Evaluation` alone (plus the
rubric set for the scales it documents), so every number in it traces to the JSON result.
"""

from __future__ import annotations

import base64
import platform
import sys
from importlib import metadata
from typing import Any

from evaluator import __version__
from evaluator.formatting import by_unit, money
from evaluator.models.result import DimensionScore, Evaluation
from evaluator.rendering import DIMENSION_LABELS, METRIC_LABELS, dimension_words, evidence_text
from evaluator.report import charts
from evaluator.report.checkable import (
    bases_context,
    inputs_context,
    reconciliation_context,
)
from evaluator.report.general_equilibrium import ge_context
from evaluator.report.methods import methods_context
from evaluator.report.narrative import (
    best_combination,
    bottom_line,
    pcbr_paragraphs,
    recommendations,
)
from evaluator.report.references import cite_all
from evaluator.report.typeset import DASH, MINUS, signed
from evaluator.rubric.library import RubricSet

SECTION_TITLES = {
    "labor_voice": "Labor voice",
    "policy_space": "National policy space",
    "redistribution": "Compensation (part of the redistribution score)",
}


def _band(score: DimensionScore) -> str:
    span = f"{score.p05:.0f}{DASH}{score.p95:.0f}"
    if score.basis == "rubric":
        if score.p05 == score.p95:
            return f"range {span} (no provision left open)"
        return f"range {span} (provisions left open)"
    if score.band and "provisions" in score.band:
        return f"band {span} (90% Monte Carlo band and provisions left open)"
    return f"90% band {span}"


def _tiles(evaluation: Evaluation) -> list[dict[str, Any]]:
    tiles = []
    for name, label in DIMENSION_LABELS.items():
        score = evaluation.dimensions.get(name)
        tiles.append(
            {
                "label": label,
                "applies": score is not None,
                "score": f"{score.score:.0f}" if score else "",
                "band": _band(score) if score else "",
                "raw": signed(score.raw) if score else "",
                "note": "" if score else evaluation.not_assessed.get(name, "nothing to measure"),
            }
        )
    return tiles


def _overall(evaluation: Evaluation) -> dict[str, str] | None:
    overall = evaluation.overall
    if overall is None:
        return None
    weights = ", ".join(f"{dimension_words(d)} {w:.0%}" for d, w in overall.weights.items())
    if overall.left_out:
        weights += "; left out: " + ", ".join(dimension_words(d) for d in overall.left_out)
    return {
        "score": f"{overall.score:.0f}",
        "band": f"range {overall.p05:.0f}{DASH}{overall.p95:.0f}",
        "profile": overall.profile,
        "weights": weights,
    }


def _data_uri(svg: str) -> str:
    """An SVG as a ``data:`` URI, drawn by WeasyPrint as an image (no markup in the page)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


Charts = dict[str, str | None]
"""A brief's charts by name (scores, pcbr, frontier, origins) as ``data:`` URIs, or None."""


def _input_words(key: str) -> str:
    """``place_premium.PAK`` -> ``place premium, PAK``; ``native_wage_elasticity`` -> words."""
    name, _, which = key.partition(".")
    words = name.replace("_usd", "").replace("_", " ")
    return f"{words}, {which}" if which else words


def draw_charts(evaluation: Evaluation) -> Charts:
    """Every chart of the brief of ``evaluation``."""
    scores: dict[str, tuple[float, float, float] | None] = {
        name: (s.score, s.p05, s.p95) if s else None for name, s in evaluation.dimensions.items()
    }
    if evaluation.overall is not None:
        o = evaluation.overall
        scores["overall"] = (o.score, o.p05, o.p95)
    out: dict[str, str | None] = {
        "scores": charts.scores_chart(scores, {**DIMENSION_LABELS, "overall": "Overall"}),
        "pcbr": None,
        "frontier": None,
        "origins": None,
        "tornado": None,
    }
    panels = [
        (
            "Overall score" if d.output == "overall" else "PCBR",
            d.base,
            [(_input_words(s.input), s.low, s.high) for s in d.swings],
        )
        for d in evaluation.drivers
    ]
    moving = any(
        abs(high - low) > 1e-9 * max(1.0, abs(base))
        for _, base, bars in panels
        for _, low, high in bars
    )
    if moving:  # nothing to draw when no uncertain input moves the results (a point estimate)
        from evaluator.report.tornado import tornado_chart

        out["tornado"] = tornado_chart(panels)
    chart = evaluation.tariff_chart
    if chart is not None and chart.lines:
        out["pcbr"] = charts.pcbr_chart(
            [p.base_rate for p in chart.lines],
            [p.pcbr for p in chart.lines],
            [p.imports_usd for p in chart.lines],
            [p.label for p in chart.lines],
        )
        end = chart.frontier[-1]
        out["frontier"] = charts.frontier_chart(
            [p.gain_usd for p in chart.frontier],
            [p.redistribution_usd for p in chart.frontier],
            end.gain_usd,
            end.redistribution_usd,
            "This proposal's tariff lines" if evaluation.origins else "This proposal",
        )
    if evaluation.origins:
        wage = evaluation.metrics.get("native_wage_change_pct")
        out["origins"] = charts.origins_chart(
            [o.country for o in evaluation.origins],
            [
                (o.migrants_gain_usd.mean, o.migrants_gain_usd.p05, o.migrants_gain_usd.p95)
                for o in evaluation.origins
            ],
            [
                (o.remittances_usd.mean, o.remittances_usd.p05, o.remittances_usd.p95)
                for o in evaluation.origins
            ],
            (wage.mean, wage.p05, wage.p95) if wage else None,
        )
    return {name: _data_uri(svg) if svg else None for name, svg in out.items()}


def _code_spans(text: str) -> list[tuple[str, bool]]:
    """Text split at backticks into (piece, is code), for the template to set code in mono.

    >>> _code_spans("set `parameters.k` to model it")
    [('set ', False), ('parameters.k', True), (' to model it', False)]
    """
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split("`")) if piece]


def _economics(evaluation: Evaluation) -> dict[str, Any]:
    rows = [
        {
            "label": METRIC_LABELS.get(name, name),
            "mean": signed(by_unit(s.mean, s.unit)),
            "p05": signed(by_unit(s.p05, s.unit)),
            "p95": signed(by_unit(s.p95, s.unit)),
        }
        for name, s in evaluation.metrics.items()
        if s is not None
    ]
    reasons = [_code_spans(f.rationale) for f in evaluation.findings if f.rubric == "models"]
    return {
        "applies": bool(rows),
        "rows": rows,
        "pcbr_text": pcbr_paragraphs(evaluation),
        "not_applicable": reasons,
        "bases": bases_context(evaluation),
    }


KIND_WORDS = {
    "trade_agreement": "A trade agreement",
    "visa_scheme": "A temporary-worker visa scheme",
    "mixed": "An agreement on trade and labor mobility",
}


def _sign_of(mean: float) -> str:
    """+ for a gain, minus for a loss, 0 for what prints as $0 (no change is not a gain)."""
    if money(abs(mean)) == money(0.0):
        return "0"
    return "+" if mean > 0 else MINUS


def _winners(evaluation: Evaluation) -> list[dict[str, str]]:
    return [
        {
            "group": g.group,
            "sign": _sign_of(g.effect_usd.mean),
            "mean": money(abs(g.effect_usd.mean)),
            "band": signed(f"{money(g.effect_usd.p05)} to {money(g.effect_usd.p95)}"),
            "note": g.note,
        }
        for g in evaluation.winners_losers
    ]


def _sections(evaluation: Evaluation) -> list[dict[str, Any]]:
    sections = []
    for dimension, heading in SECTION_TITLES.items():
        fired = [
            f
            for f in evaluation.findings
            if f.dimension == dimension and f.rubric not in ("models", "scales")
        ]
        open_items = [
            f"{'would raise it' if o.points > 0 else 'would lower it'} "
            f"({o.points:+g} points) if the text settled it: {o.title}".replace("-", MINUS)
            for o in sorted(evaluation.open_provisions, key=lambda o: -o.points)
            if o.dimension == dimension
        ]
        score = evaluation.dimensions.get(dimension)
        if not fired and not open_items and score is None:
            continue
        sections.append(
            {
                "dimension": heading,
                "score": f"{score.score:.0f}" if score else "n/a",
                "band": _band(score) if score else "",
                "raw": signed(score.raw) if score else "",
                "findings": [
                    {
                        "points": f"{f.points:+g}".replace("-", MINUS),
                        "title": f.title or f.rule,
                        "evidence": evidence_text(evaluation, f),
                        "rationale": f.rationale,
                        "source": f.source or "",
                    }
                    for f in fired
                ],
                "unsettled": open_items,
            }
        )
    return sections


def _version(package: str) -> str:
    """A package's version: from the module if imported (a metadata lookup costs 20 ms)."""
    module = sys.modules.get(package)
    if isinstance(getattr(module, "__version__", None), str):
        return str(module.__version__)  # type: ignore[union-attr]
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _reproducibility(evaluation: Evaluation) -> dict[str, str]:
    info, prov = evaluation.proposal, evaluation.provenance
    profile = evaluation.overall.profile if evaluation.overall else "none"
    command = f"evaluator brief {info.file or 'FILE'} --seed {prov.seed} --draws {prov.draws}"
    if evaluation.overall and " " not in profile:
        command += f" --profile {profile}"
    ge = evaluation.general_equilibrium
    if ge is not None:
        command += " --data-dir DIR"
    return {
        "dataset": f"{ge.dataset} (in the folder DIR that --data-dir or EVALUATOR_DATA names)"
        if ge is not None
        else "",
        "file": info.file or "(not from a file)",
        "sha256": info.sha256 or "",
        "schedule_file": info.schedule_file or "",
        "schedule_sha256": info.schedule_sha256 or "",
        "seed": str(prov.seed),
        "draws": f"{prov.draws:,}",
        "version": prov.version,
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "weasyprint": _version("weasyprint"),
        "profile": profile,
        "command": command,
    }


def brief_context(
    evaluation: Evaluation,
    rubrics: RubricSet,
    *,
    paper: str = "A4",
    date: str = "",
    charts: Charts | None = None,
) -> dict[str, Any]:
    """The template context of a brief (see ``templates/brief.html.j2``)."""
    info = evaluation.proposal
    context = {
        "paper": paper,
        "title": info.title,
        "subtitle": f"{KIND_WORDS.get(info.kind, info.kind)}, evaluated for {info.evaluated_for}",
        "parties": ", ".join(info.parties),
        "evaluated_for": info.evaluated_for,
        "date": date,
        "version": __version__,
        "bottom_line": bottom_line(evaluation),
        "tiles": _tiles(evaluation),
        "overall": _overall(evaluation),
        "charts": draw_charts(evaluation) if charts is None else charts,
        "economics": _economics(evaluation),
        "general_equilibrium": ge_context(evaluation),
        "winners_losers": _winners(evaluation),
        "rubric_sections": _sections(evaluation),
        "recommendations": recommendations(evaluation),
        "best_combination": best_combination(evaluation),
        "inputs": inputs_context(evaluation),
        "provisions": [{"provision": p.provision, "what": p.what} for p in evaluation.provisions],
        "reconciliation": reconciliation_context(evaluation),
        "methods": methods_context(evaluation, rubrics),
        "reproducibility": _reproducibility(evaluation),
        "notes": [],
    }
    context["references"] = cite_all(context)
    return context
