"""Evaluations as text: a terminal table, Markdown, or JSON. Pure: returns strings."""

from __future__ import annotations

import json

from evaluator.formatting import by_unit
from evaluator.models.result import Evaluation, Summary

METRIC_LABELS = {
    "efficiency_gain_usd": "Efficiency gain",
    "efficiency_gain_pct_gdp": "Efficiency gain, % of GDP",
    "redistribution_usd": "Income reshuffled (redistribution)",
    "pcbr": "PCBR: reshuffled per $1 of gain",
    "trade_creation_usd": "Trade creation",
    "tariff_revenue_change_usd": "Tariff revenue change",
    "producer_loss_usd": "Import-competing producers' loss",
    "tariff_gain_present_value_usd": "Present value of phased-in gain",
    "migrants_gain_usd": "Migrants' gain",
    "native_wage_change_pct": "Competing natives' wage change",
    "natives_wage_loss_usd": "Competing natives' wage loss",
    "immigration_surplus_usd": "Natives' immigration surplus",
    "remittances_usd": "Remittances home",
    "visa_holders": "Visa holders (full rotation)",
    "overstayers": "Overstayers after the horizon",
    "gains_from_trade_vs_autarky_pct": "All gains from trade vs autarky (ACR)",
}


def to_json(evaluations: list[Evaluation]) -> str:
    """One JSON object for one evaluation, an array for several."""
    items = [e.model_dump(mode="json") for e in evaluations]
    return json.dumps(items[0] if len(items) == 1 else items, indent=2) + "\n"


def _rows(evaluation: Evaluation) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, summary in evaluation.metrics.items():
        if summary is None:
            continue
        rows.append((METRIC_LABELS.get(name, name), *_cells(summary)))
    return rows


def _cells(summary: Summary) -> tuple[str, str, str]:
    return (
        by_unit(summary.mean, summary.unit),
        by_unit(summary.p05, summary.unit),
        by_unit(summary.p95, summary.unit),
    )


def _notes(evaluation: Evaluation) -> list[str]:
    return [f.rationale for f in evaluation.findings if f.rubric == "models"]


def _heading(evaluation: Evaluation) -> str:
    info = evaluation.proposal
    where = f" ({info.file})" if info.file else ""
    return f"{info.title}{where}"


def _footer(evaluation: Evaluation) -> str:
    p = evaluation.provenance
    return f"{p.draws:,} draws, seed {p.seed}; p05 and p95 are the 5th and 95th percentiles"


def to_table(evaluations: list[Evaluation]) -> str:
    """Aligned plain-text tables, one block per proposal, for a terminal."""
    blocks = []
    for evaluation in evaluations:
        rows = [("metric (annual unless noted)", "mean", "p05", "p95"), *_rows(evaluation)]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [_heading(evaluation)]
        for index, row in enumerate(rows):
            label = row[0].ljust(widths[0])
            numbers = "  ".join(cell.rjust(widths[i + 1]) for i, cell in enumerate(row[1:]))
            lines.append(f"  {label}  {numbers}")
            if index == 0:
                lines.append("  " + "-" * (sum(widths) + 6))
        lines.extend(f"  note: {note}" for note in _notes(evaluation))
        lines.append(f"  {_footer(evaluation)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def to_markdown(evaluations: list[Evaluation]) -> str:
    """GitHub-flavoured Markdown, one section per proposal."""
    blocks = []
    for evaluation in evaluations:
        lines = [
            f"## {_heading(evaluation)}",
            "",
            "| metric (annual unless noted) | mean | p05 | p95 |",
            "|---|---:|---:|---:|",
        ]
        lines.extend(f"| {' | '.join(row)} |" for row in _rows(evaluation))
        notes = _notes(evaluation)
        if notes:
            lines.append("")
            lines.extend(f"- {note}" for note in notes)
        lines.extend(["", f"_{_footer(evaluation)}._"])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
