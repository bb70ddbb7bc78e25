"""Comparisons as text: a terminal table or Markdown (JSON is the model's own dump). Pure."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from evaluator.basis_text import comparison_basis_lines
from evaluator.formatting import by_unit
from evaluator.models.comparison import Comparison
from evaluator.rendering import DIMENSION_LABELS, METRIC_LABELS, dimension_words
from evaluator.textsafe import markdown, markdown_text, printable

TOP_RULES = 8


_NAMES: ContextVar[tuple[str, ...]] = ContextVar("alternative_names", default=())


@contextmanager
def naming(comparison: Comparison) -> Iterator[None]:
    """Within the block, :func:`tag` names alternatives by their short names."""
    token = _NAMES.set(tuple(a.short or f"[{a.index + 1}]" for a in comparison.alternatives))
    try:
        yield
    finally:
        _NAMES.reset(token)


def code(index: int) -> str:
    """An alternative's code in charts and legends: ``[1]``, ``[2]``, ...

    >>> code(0)
    '[1]'
    """
    return f"[{index + 1}]"


def tag(index: int) -> str:
    """How an alternative is named in tables and sentences: its short name inside
    :func:`naming`, else its code.

    >>> tag(0)
    '[1]'
    """
    names = _NAMES.get()
    return names[index] if index < len(names) else code(index)


def leaders(comparison: Comparison, criterion: str) -> list[int]:
    """The alternatives most often first on ``criterion`` (several when tied); [] if unscored."""
    first = comparison.ranking.first.get(criterion) or []
    scored = {i: p for i, p in enumerate(first) if p is not None}
    if not scored:
        return []
    best = max(scored.values())
    return [i for i, p in scored.items() if best - p < 1e-12]


def _score_cells(comparison: Comparison) -> list[list[str]]:
    rows = [["score (0-100)", *(tag(a.index) for a in comparison.alternatives)]]
    for dimension, label in DIMENSION_LABELS.items():
        row = [label]
        for alternative in comparison.alternatives:
            score = alternative.dimensions.get(dimension)
            row.append(
                "n/a" if score is None else f"{score.score:.0f} ({score.p05:.0f}-{score.p95:.0f})"
            )
        rows.append(row)
    overall = ["Overall"]
    for alternative in comparison.alternatives:
        o = alternative.overall
        overall.append("n/a" if o is None else f"{o.score:.0f} ({o.p05:.0f}-{o.p95:.0f})")
    rows.append(overall)
    first = comparison.ranking.first.get("overall", [])
    rows.append(["P(first overall)", *(share(p) for p in first)])
    rows.append(
        ["First under random weights", *(share(p) for p in comparison.robustness.first_share)]
    )
    for metric in comparison.differences.metrics:
        label = METRIC_LABELS.get(metric.metric, metric.metric)
        rows.append(
            [
                label,
                *("n/a" if m is None else by_unit(m, metric.unit or "ratio") for m in metric.means),
            ]
        )
    return rows


def and_list(items: list[str]) -> str:
    """Items joined as in a sentence.

    >>> and_list(["[1]"]), and_list(["[1]", "[2]", "[3]"])
    ('[1]', '[1], [2] and [3]')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def share(p: float | None) -> str:
    """A probability or share as a whole percentage, or n/a.

    >>> share(0.9215), share(None)
    ('92%', 'n/a')
    """
    return "n/a" if p is None else f"{p:.0%}"


def leader_lines(comparison: Comparison) -> list[str]:
    """For each criterion, who is ahead and with what probability against each other."""
    lines = []
    count = len(comparison.alternatives)
    for criterion in comparison.ranking.criteria:
        first = comparison.ranking.first.get(criterion) or []
        if sum(p is not None for p in first) < 2:
            continue
        leader = leaders(comparison, criterion)[0]
        beats = comparison.ranking.beats[criterion][leader]
        against = ", ".join(
            f"level with {tag(j)}"
            if beats[j] == 0.5
            else f"ahead of {tag(j)} with P={beats[j]:.2f}"
            for j in range(count)
            if j != leader and beats[j] is not None
        )
        label = DIMENSION_LABELS.get(criterion, "Overall")
        lines.append(f"{label}: {tag(leader)} is {against}")
    return lines


def robustness_lines(comparison: Comparison) -> list[str]:
    """Rank reversals between profiles, Pareto dominance, and who is not dominated."""
    lines = []
    for reversal in comparison.robustness.reversals:
        a, b = tag(reversal.a), tag(reversal.b)
        lines.append(
            f"Rank reversal: {a} ahead of {b} under {', '.join(reversal.a_ahead_under)}; "
            f"{b} ahead under {', '.join(reversal.b_ahead_under)}"
        )
    beaten: dict[int, list[int]] = {}  # one line per dominant alternative, in order
    for item in comparison.pareto.dominance:
        beaten.setdefault(item.dominant, []).append(item.dominated)
    for dominant, losers in beaten.items():
        lines.append(
            f"{tag(dominant)} dominates {and_list([tag(i) for i in losers])} "
            "on every dimension both have"
        )
    front = ", ".join(tag(i) for i in comparison.pareto.non_dominated)
    lines.append(f"Not dominated: {front}")
    return lines


def _rules(comparison: Comparison) -> list[str]:
    lines = []
    for rule in comparison.differences.rules[:TOP_RULES]:
        fired = ", ".join(tag(i) for i in rule.fired_in)
        lines.append(
            f"{rule.points:+g} {dimension_words(rule.dimension)}: "
            f"{rule.title or rule.rule} (in {fired})"
        )
    return lines


def _legend(comparison: Comparison) -> list[str]:
    return [
        f"{tag(a.index)}: {a.label}" + (f" ({a.file})" if a.file else "")
        for a in comparison.alternatives
    ]


def _heading(comparison: Comparison) -> str:
    r = comparison.ranking
    return (
        f"Comparison under the {comparison.profile} profile, on the {comparison.basis} basis; "
        f"{r.draws:,} paired draws, seed {r.seed}"
    )


def comparison_table(comparison: Comparison) -> str:
    """An aligned table for a terminal, then who is ahead and why."""
    with naming(comparison):
        return _comparison_table(comparison)


def _comparison_table(comparison: Comparison) -> str:
    rows = _score_cells(comparison)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [_heading(comparison), *(f"  {line}" for line in _legend(comparison)), ""]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), *(c.rjust(widths[i + 1]) for i, c in enumerate(row[1:]))]
        lines.append("  " + "  ".join(cells))
        if index == 0:
            lines.append("  " + "-" * (sum(widths) + 2 * (len(widths) - 1)))
    sections = (
        ("Accounting basis", comparison_basis_lines(comparison)),
        ("Who is ahead (probability of beating each other alternative)", leader_lines(comparison)),
        ("Robustness", robustness_lines(comparison)),
        ("Provisions that differ most", _rules(comparison)),
        ("Caveats", comparison.caveats),
    )
    for title, items in sections:
        if items:
            lines.extend(["", f"  {title}:", *(f"    {item}" for item in items)])
    return printable("\n".join(lines) + "\n")


def comparison_markdown(comparison: Comparison) -> str:
    """GitHub-flavoured Markdown."""
    with naming(comparison):
        return _comparison_markdown(comparison)


def _comparison_markdown(comparison: Comparison) -> str:
    rows = _score_cells(comparison)
    legend = (f"- {markdown(line)}" for line in _legend(comparison))
    lines = [f"## {markdown(_heading(comparison))}", "", *legend, ""]
    names = [markdown(name) for name in rows[0][1:]]  # the rest: fixed labels and numbers
    lines.append("| " + " | ".join([rows[0][0], *names]) + " |")
    lines.append("|---|" + "---:|" * (len(rows[0]) - 1))
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    sections = (
        ("Accounting basis", comparison_basis_lines(comparison)),
        ("Who is ahead", leader_lines(comparison)),
        ("Robustness", robustness_lines(comparison)),
        ("Provisions that differ most", _rules(comparison)),
        ("Caveats", comparison.caveats),
    )
    for title, items in sections:
        if items:
            lines.extend(["", f"### {title}", "", *(f"- {markdown_text(i)}" for i in items)])
    return "\n".join(lines) + "\n"
