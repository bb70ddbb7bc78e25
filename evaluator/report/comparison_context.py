"""Everything the comparison brief shows, selected, ordered and formatted: the template prints it.

Built from a :class:`~evaluator.models.comparison.Comparison` alone, so every number in the PDF
traces to the comparison's JSON. Alternatives are named ``[1]``, ``[2]``, ... as in the text
table; their titles (user text) appear in the legend and are escaped by the template.
"""

from __future__ import annotations

import platform
from typing import Any

from evaluator import __version__
from evaluator.basis_text import comparison_basis_sentence
from evaluator.comparison_rendering import (
    and_list,
    code,
    leader_lines,
    leaders,
    naming,
    robustness_lines,
    share,
    tag,
)
from evaluator.formatting import by_unit, plain_number
from evaluator.models.comparison import Comparison
from evaluator.rendering import DIMENSION_LABELS, METRIC_LABELS
from evaluator.report.comparison_charts import (
    alternatives_scores_chart,
    robustness_chart,
    win_matrix_chart,
)
from evaluator.report.context import _data_uri, _version
from evaluator.report.figure import Band

MINUS = "\u2212"
DASH = "\u2013"
TOP_RULES = 12
TOP_PARAMETERS = 10
MAX_NAMED = 3
"""The bottom line names at most this many runners-up, reversals or dominated alternatives."""
DENSE_FROM = 6
"""From this many alternatives the side-by-side tables use a smaller type."""
CRITERIA_LABELS = {**DIMENSION_LABELS, "overall": "Overall"}


def _tags(indices: list[int]) -> str:
    return ", ".join(tag(i) for i in indices)


def _lower(label: str) -> str:
    """A label inside a sentence: "Labor voice" -> "labor voice", keeping "PCBR".

    >>> _lower("Redistribution (low PCBR is good)")
    'redistribution (low PCBR is good)'
    """
    return label[:1].lower() + label[1:]


def _lead_sentence(comparison: Comparison) -> str:
    first = comparison.ranking.first["overall"]
    top = leaders(comparison, "overall")
    if not top:
        return "No alternative has an overall score under this profile."
    others = [
        f"{tag(i)} in {share(p)}"
        for i, p in sorted(enumerate(first), key=lambda item: -(item[1] or 0.0))
        if p is not None and i not in top and p >= 0.005
    ][:MAX_NAMED]
    rest = f" ({and_list(others)}; any other in less than 1%)" if others else ""
    rest = rest if others else "; no other is first in as much as 1%"
    if len(top) > 1:
        return (
            f"Overall, under the {comparison.profile} profile, {and_list([tag(i) for i in top])} "
            f"share the lead, each first in {share(first[top[0]])} of the paired draws{rest}."
        )
    best = comparison.alternatives[top[0]]
    score = f" with {best.overall.score:.0f}/100" if best.overall else ""
    return (
        f"Overall, under the {comparison.profile} profile, {tag(top[0])} ranks first"
        f"{score} in {share(first[top[0]])} of the paired draws{rest}."
    )


def _dimension_sentence(comparison: Comparison) -> str:
    by_leader: dict[str, list[str]] = {}
    for dimension, label in DIMENSION_LABELS.items():
        top = leaders(comparison, dimension)
        if not top:
            continue
        p = comparison.ranking.first[dimension][top[0]]
        who = and_list([tag(i) for i in top])
        what = f"{_lower(label)} (first in {share(p)} of draws"
        what += ", tied)" if len(top) > 1 else ")"
        by_leader.setdefault(who, []).append(what)
    if not by_leader:
        return "No dimension is scored for more than one alternative."
    parts = [f"{who} on {and_list(items)}" for who, items in by_leader.items()]
    return "By dimension, the lead goes to " + "; ".join(parts) + "."


def _weights_sentence(comparison: Comparison) -> str:
    shares = comparison.robustness.first_share
    ranked = sorted(
        ((i, p) for i, p in enumerate(shares) if p is not None and p > 0), key=lambda x: -x[1]
    )
    random = and_list([f"{tag(i)} in {share(p)}" for i, p in ranked]) if ranked else "none"
    reversals = comparison.robustness.reversals
    if len(reversals) > MAX_NAMED:
        verdict = (
            f"{len(reversals)} pairs change order between the named weight profiles "
            "(listed under Robustness to weights)"
        )
    elif reversals:
        flips = "; ".join(
            f"{tag(r.a)} is ahead of {tag(r.b)} under {and_list(r.a_ahead_under)} but behind under "
            f"{and_list(r.b_ahead_under)}"
            for r in reversals
        )
        verdict = f"the ranking does not survive every named profile: {flips}"
    else:
        verdict = "no named weight profile reverses the order of any pair"
    return (
        f"Across {comparison.robustness.samples:,} random weightings of the four dimensions, "
        f"the alternative ranking first is {random}; {verdict}."
    )


def _pareto_sentence(comparison: Comparison) -> str:
    pareto = comparison.pareto
    dominated: dict[int, list[int]] = {}
    for item in pareto.dominance:
        dominated.setdefault(item.dominated, []).append(item.dominant)
    if not dominated:
        return "No alternative is dominated: each is best or tied on some dimension."
    front = _tags(pareto.non_dominated)
    if len(dominated) > MAX_NAMED:
        return (
            f"Pareto: only {front} are not dominated; each of the other "
            f"{len(dominated)} scores no better than some alternative on every dimension both "
            "have, and worse on one."
        )
    parts = [
        f"{tag(loser)} is dominated by {and_list([tag(i) for i in sorted(by)])}"
        for loser, by in sorted(dominated.items())
    ]
    return f"Pareto: {'; '.join(parts)} on every dimension both have; not dominated: {front}."


def bottom_line(comparison: Comparison) -> list[str]:
    """Five sentences (overall leader, leaders by dimension, robustness to weights, Pareto, the
    accounting basis), then any caveat on the basis of the scores."""
    return [
        _lead_sentence(comparison),
        _dimension_sentence(comparison),
        _weights_sentence(comparison),
        _pareto_sentence(comparison),
        comparison_basis_sentence(comparison),
        *(f"Caveat: {text}." for text in comparison.caveats),
    ]


def _band(p05: float, p95: float) -> str:
    return f"{p05:.0f}{DASH}{p95:.0f}"


def _table(comparison: Comparison) -> list[dict[str, Any]]:
    """Rows of the side-by-side table; each cell has a main text and a (maybe empty) band."""
    rows: list[dict[str, Any]] = []
    for dimension, label in DIMENSION_LABELS.items():
        cells = []
        for alternative in comparison.alternatives:
            s = alternative.dimensions.get(dimension)
            cells.append(
                {"main": "n/a", "band": ""}
                if s is None
                else {"main": f"{s.score:.0f}", "band": _band(s.p05, s.p95)}
            )
        rows.append({"label": label, "kind": "score", "cells": cells})
    overall = [
        {"main": "n/a", "band": ""}
        if a.overall is None
        else {"main": f"{a.overall.score:.0f}", "band": _band(a.overall.p05, a.overall.p95)}
        for a in comparison.alternatives
    ]
    rows.append({"label": "Overall", "kind": "overall", "cells": overall})
    probabilities = (
        ("P(first overall)", comparison.ranking.first.get("overall", [])),
        ("First under random weights", comparison.robustness.first_share),
    )
    for label, values in probabilities:
        cells = [{"main": share(p), "band": ""} for p in values]
        rows.append({"label": label, "kind": "probability", "cells": cells})
    for metric in comparison.differences.metrics:
        cells = [
            {"main": "n/a" if m is None else by_unit(m, metric.unit or "ratio"), "band": ""}
            for m in metric.means
        ]
        label = METRIC_LABELS.get(metric.metric, metric.metric)
        rows.append({"label": label, "kind": "metric", "cells": cells})
    return rows


def _charts(comparison: Comparison) -> dict[str, str]:
    scores: list[dict[str, Band | None]] = []
    for a in comparison.alternatives:
        row: dict[str, Band | None] = {
            d: None if s is None else (s.score, s.p05, s.p95) for d, s in a.dimensions.items()
        }
        row["overall"] = (
            None if a.overall is None else (a.overall.score, a.overall.p05, a.overall.p95)
        )
        scores.append(row)
    robustness = comparison.robustness
    svgs = {
        "scores": alternatives_scores_chart(scores, CRITERIA_LABELS),
        "wins": win_matrix_chart(
            comparison.ranking.beats["overall"], comparison.ranking.first["overall"]
        ),
        "weights": robustness_chart(
            robustness.first_share, {p.profile: p.scores for p in robustness.profiles}
        ),
    }
    return {name: _data_uri(svg) for name, svg in svgs.items()}


def _rules(comparison: Comparison) -> list[dict[str, str]]:
    return [
        {
            "points": f"{rule.points:+g}".replace("-", MINUS),
            "dimension": DIMENSION_LABELS[rule.dimension],
            "title": rule.title or rule.rule,
            "fired_in": _tags(rule.fired_in),
            "not_fired_in": _tags(rule.not_fired_in),
            "source": " ".join((rule.source or "").split()),
        }
        for rule in comparison.differences.rules[:TOP_RULES]
    ]


def _parameters(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "unit": p.unit,
            "cells": ["not used" if v is None else plain_number(v) for v in p.values],
            "spread": "" if p.relative_spread is None else f"{p.relative_spread:.0%}",
        }
        for p in comparison.differences.parameters[:TOP_PARAMETERS]
    ]


def _reproducibility(comparison: Comparison) -> dict[str, Any]:
    r = comparison.ranking
    files = [a.file or "FILE" for a in comparison.alternatives]
    command = f"evaluator compare {' '.join(files)} --seed {r.seed} --draws {r.draws}"
    if " " not in comparison.profile:
        command += f" --profile {comparison.profile}"
    return {
        "inputs": [
            {"tag": tag(a.index), "file": a.file or "(not from a file)", "sha256": a.sha256 or ""}
            for a in comparison.alternatives
        ],
        "seed": str(r.seed),
        "draws": f"{r.draws:,}",
        "weight_samples": f"{comparison.robustness.samples:,}",
        "weight_seed": str(comparison.robustness.seed),
        "profile": comparison.profile,
        "version": __version__,
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "weasyprint": _version("weasyprint"),
        "command": command + " -o comparison.pdf",
    }


def comparison_charts(comparison: Comparison) -> dict[str, str | None]:
    """The comparison brief's charts, as ``data:`` URIs by name."""
    with naming(comparison):
        return dict(_charts(comparison))


def comparison_context(
    comparison: Comparison,
    *,
    paper: str = "A4",
    date: str = "",
    charts: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """The template context of a comparison brief (see ``templates/comparison.html.j2``);
    ``charts`` from :func:`comparison_charts`, drawn here if not given."""
    with naming(comparison):
        return _context(comparison, paper, date, charts)


def _context(
    comparison: Comparison, paper: str, date: str, charts: dict[str, str | None] | None
) -> dict[str, Any]:
    count = len(comparison.alternatives)
    used = {d: w for d, w in comparison.weights.items() if d in DIMENSION_LABELS and w > 0}
    total = sum(used.values()) or 1.0
    weights = ", ".join(f"{_lower(DIMENSION_LABELS[d])} {w / total:.0%}" for d, w in used.items())
    return {
        "paper": paper,
        "title": f"Comparison of {count} alternatives",
        "date": date,
        "version": __version__,
        "profile": comparison.profile,
        "weights": weights,
        "draws": f"{comparison.ranking.draws:,}",
        "dense": count >= DENSE_FROM,
        "legend": [
            {
                "tag": code(a.index),
                "short": a.short,
                "title": a.label,
                "kind": a.kind.replace("_", " "),
                "file": a.file or "",
            }
            for a in comparison.alternatives
        ],
        "tags": [tag(a.index) for a in comparison.alternatives],
        "bottom_line": bottom_line(comparison),
        "table": _table(comparison),
        "charts": _charts(comparison) if charts is None else charts,
        "leaders": leader_lines(comparison),
        "robustness": robustness_lines(comparison),
        "rules": _rules(comparison),
        "parameters": _parameters(comparison),
        "reproducibility": _reproducibility(comparison),
    }
