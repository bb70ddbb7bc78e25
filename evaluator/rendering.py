"""Evaluations as text: a terminal table, Markdown, or JSON. Pure: returns strings."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Sequence

from evaluator.basis_text import basis_statement, other_basis_line
from evaluator.formatting import by_unit, fixed
from evaluator.models.result import Evaluation, Finding, Summary
from evaluator.rubric import listing
from evaluator.rubric.library import RubricSet
from evaluator.textsafe import markdown, markdown_text, printable

__all__ = ["rubric_listing", "to_json", "to_markdown", "to_table"]

DIMENSION_LABELS = {
    "efficiency": "Efficiency gain",
    "redistribution": "Redistribution (low PCBR is good)",
    "labor_voice": "Labor voice",
    "policy_space": "National policy space",
}
TOP_OPPORTUNITIES = 5


def rubric_listing(rubrics: RubricSet, *, verbose: bool = False) -> str:
    """``evaluator rubrics`` for a terminal: :func:`evaluator.rubric.listing.rubric_listing`
    with control characters and bidi overrides (a folder name, say) shown as ``\\uXXXX``."""
    return printable(listing.rubric_listing(rubrics, verbose=verbose))


def dimension_words(dimension: str) -> str:
    """A dimension's label inside a sentence: ``redistribution (low PCBR is good)``."""
    label = DIMENSION_LABELS[dimension]
    return label[0].lower() + label[1:]


METRIC_LABELS = {
    "efficiency_gain_usd": "Net gain (scored basis)",
    "efficiency_gain_pct_gdp": "Net gain, % of GDP (scored basis)",
    "redistribution_usd": "Income reshuffled (redistribution)",
    "pcbr": "PCBR: reshuffled per $1 of gain (ratio of means)",
    "tariff_gain_usd": "Tariff gain (partial equilibrium)",
    "tariff_gain_pct_gdp": "Tariff gain, % of GDP (partial equilibrium)",
    "trade_creation_usd": "Trade creation",
    "trade_diversion_usd": "Trade diverted from non-members",
    "tariff_revenue_change_usd": "Tariff revenue change",
    "consumer_gain_usd": "Consumers' and importing firms' gain",
    "producer_loss_usd": "Import-competing producers' loss",
    "exporters_gain_usd": "Exporters' gain from partners' cuts",
    "tariff_gain_present_value_usd": "Present value of phased-in gain",
    "migrants_gain_usd": "Migrants' gain, net of fees and savings lost",
    "recruitment_fees_usd": "Recruitment fees paid by workers",
    "forfeited_savings_usd": "Forced savings workers expect to lose",
    "immigrant_share_pct": "Migrants' share of the covered workforce",
    "native_wage_change_pct": "Wage change in the covered occupations",
    "natives_wage_loss_usd": "Competing natives' wage loss",
    "earlier_migrants_wage_loss_usd": "Earlier migrants' wage loss",
    "immigration_surplus_usd": "Residents' immigration surplus (Borjas)",
    "remittances_usd": "Remittances home",
    "visa_holders": "Visa holders (full rotation)",
    "overstayers": "Overstayers in the horizon's last year",
    "gains_from_trade_vs_autarky_pct": "All gains from trade vs autarky (ACR)",
    "general_equilibrium_welfare_usd": "Welfare change (general equilibrium)",
    "general_equilibrium_welfare_pct_gdp": "Welfare change, % of GDP (general equilibrium)",
}


def to_json(evaluations: list[Evaluation]) -> str:
    """One JSON object for one evaluation, an array for several (ASCII, indented by 2).

    Serialised by pydantic's compiled serializer: the standard library's indenting encoder is
    pure Python, and took a quarter of a second on the 20,000-line schedule's result."""
    items = [e.model_dump_json(indent=2, ensure_ascii=True) for e in evaluations]
    if len(items) == 1:
        return items[0] + "\n"
    return "[\n" + ",\n".join(textwrap.indent(item, "  ") for item in items) + "\n]\n"


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


def _basis_lines(evaluation: Evaluation) -> list[str]:
    return [x for x in (basis_statement(evaluation), other_basis_line(evaluation)) if x]


def _notes(evaluation: Evaluation) -> list[str]:
    return [f.rationale for f in evaluation.findings if f.rubric == "models"]


def _heading(evaluation: Evaluation, escape: Callable[[str], str] = str) -> str:
    info = evaluation.proposal
    where = f" ({escape(info.file)})" if info.file else ""
    return f"{escape(info.title)}{where}"


def _footer(evaluation: Evaluation) -> str:
    p = evaluation.provenance
    return f"{p.draws:,} draws, seed {p.seed}; p05 and p95 are the 5th and 95th percentiles"


def _score_rows(evaluation: Evaluation) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, label in DIMENSION_LABELS.items():
        score = evaluation.dimensions.get(name)
        if score is None:
            reason = evaluation.not_assessed.get(name, "does not apply")
            rows.append((label, "n/a", "", f"not assessed: {reason}"))
        else:
            rows.append(
                (label, f"{score.score:.0f}", f"{score.p05:.0f}-{score.p95:.0f}", score.raw)
            )
    overall = evaluation.overall
    if overall is not None:
        rows.append(
            (
                f"Overall ({overall.profile})",
                f"{overall.score:.0f}",
                f"{overall.p05:.0f}-{overall.p95:.0f}",
                "weighted mean of the scores above",
            )
        )
    return rows


def aligned(rows: Sequence[tuple[str, ...]], right: set[int]) -> list[str]:
    """Rows as aligned text columns (``right``: right-aligned columns), a rule under the first."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.append("  " + "  ".join(cells).rstrip())
        if index == 0:
            out.append("  " + "-" * (sum(widths) + 2 * (len(widths) - 1)))
    return out


SECTION_WORDS = {
    "economy": "the economy section",
    "tariffs": "the tariff schedule",
    "mobility": "the visa scheme",
    "investment": "the investment chapter",
    "intellectual_property": "the intellectual-property chapter",
    "labor": "the labor chapter",
    "capital_account": "the capital-account rules",
    "regulation": "the regulatory provisions",
    "policy_space": "the policy-space provisions",
    "general_equilibrium": "the general-equilibrium section",
    "parameters": "the parameters",
}


def evidence_text(evaluation: Evaluation, finding: Finding) -> str:
    """``from the labor chapter, line 42`` for the proposal's own file, ``from FILE, line 7`` for
    a CSV schedule."""
    e = finding.evidence
    if e is None:
        return ""
    if e.file != evaluation.proposal.file:
        return f"from {e.file}, line {e.line}"
    section = e.path.split(".", 1)[0].split("[", 1)[0]
    where = SECTION_WORDS.get(section, "the proposal")
    return f"from {where}, line {e.line}"


def _rubric_findings(evaluation: Evaluation) -> list[Finding]:
    order = {name: i for i, name in enumerate(DIMENSION_LABELS)}
    fired = [f for f in evaluation.findings if f.rubric not in ("models", "scales")]
    return sorted(fired, key=lambda f: order[f.dimension])


def _rule_lines(evaluation: Evaluation) -> list[str]:
    lines = []
    dimension = None
    for finding in _rubric_findings(evaluation):
        if finding.dimension != dimension:
            dimension = finding.dimension
            lines.append(f"  {DIMENSION_LABELS[dimension]}:")
        lines.append(
            f"    {finding.points:+4g}  {finding.title} ({evidence_text(evaluation, finding)})"
        )
    return lines


def _change_text(changes: dict[str, float]) -> str:
    return ", ".join(f"{fixed(c, '+.1f')} {dimension_words(d)}" for d, c in changes.items())


def _recommendation_lines(evaluation: Evaluation) -> list[str]:
    lines = []
    for item in evaluation.recommendations[:TOP_OPPORTUNITIES]:
        change = item.overall_change
        overall = f"{fixed(change, '+.1f')} overall" if change is not None else ""
        moved = "; ".join(t for t in (overall, _change_text(item.dimension_changes)) if t)
        edits = ", ".join(f"{e.path}: {json.dumps(e.value)}" for e in item.edits[:3])
        more = f" and {len(item.edits) - 3} more" if len(item.edits) > 3 else ""
        lines.append(f"    {moved}: {item.title} ({edits}{more})")
    combo = evaluation.best_combination
    if combo is not None and combo.overall_change is not None:
        lines.append(
            f"    best combination, {fixed(combo.overall_change, '+.1f')} overall: "
            + "; ".join(combo.titles)
        )
    return lines


def to_table(evaluations: list[Evaluation]) -> str:
    """Aligned plain-text tables, one block per proposal, for a terminal."""
    blocks = []
    for evaluation in evaluations:
        lines = [_heading(evaluation)]
        lines.extend(
            aligned(
                [
                    ("score (0-100, higher is better)", "score", "band", "what it rests on"),
                    *_score_rows(evaluation),
                ],
                {1, 2},
            )
        )
        lines.append("")
        lines.extend(f"  {line}" for line in _basis_lines(evaluation))
        lines.append("")
        lines.extend(
            aligned(
                [("metric (annual unless noted)", "mean", "p05", "p95"), *_rows(evaluation)],
                {1, 2, 3},
            )
        )
        rules = _rule_lines(evaluation)
        if rules:
            lines.extend(
                ["", "  Provisions that scored (points, provision, where in the file):", *rules]
            )
        chances = _recommendation_lines(evaluation)
        if chances:
            lines.extend(
                ["", "  Would raise the score most (each re-scored with the edit):", *chances]
            )
        lines.extend(f"  note: {note}" for note in _notes(evaluation))
        lines.append(f"  {_footer(evaluation)}")
        blocks.append("\n".join(lines))
    return printable("\n\n".join(blocks) + "\n")


_FIELD_PATH = re.compile(r"[A-Za-z0-9_.\[\]-]+")


def _evidence_cell(finding: Finding) -> str:
    """``path`` as code (a field path cannot break out of it), then ``(file:line)``."""
    e = finding.evidence
    if e is None:
        return ""
    path = f"`{e.path}`" if _FIELD_PATH.fullmatch(e.path) else markdown(e.path)
    return f"{path} ({markdown(e.file)}:{e.line})"


def to_markdown(evaluations: list[Evaluation]) -> str:
    """GitHub-flavoured Markdown, one section per proposal."""
    blocks = []
    for evaluation in evaluations:
        lines = [
            f"## {_heading(evaluation, markdown)}",
            "",
            "| score (0-100, higher is better) | score | band | what it rests on |",
            "|---|---:|---:|---|",
        ]
        lines.extend(
            f"| {' | '.join(markdown(cell) for cell in row)} |" for row in _score_rows(evaluation)
        )
        lines.extend(["", *_basis_lines(evaluation)] if _basis_lines(evaluation) else [])
        lines.extend(
            ["", "| metric (annual unless noted) | mean | p05 | p95 |", "|---|---:|---:|---:|"]
        )
        lines.extend(f"| {' | '.join(row)} |" for row in _rows(evaluation))
        fired = _rubric_findings(evaluation)
        if fired:
            lines.extend(
                ["", "| points | dimension | rule | evidence | source |", "|---:|---|---|---|---|"]
            )
            for f in fired:
                cells = (
                    markdown(f.title or f.rule),
                    _evidence_cell(f),
                    markdown_text(f.source or ""),
                )
                lines.append(f"| {f.points:+g} | {f.dimension} | {' | '.join(cells)} |")
        if evaluation.recommendations:
            lines.extend(["", "Would raise the score most (each re-scored with the edit):", ""])
            lines.extend(f"- {markdown(line)}" for line in _recommendation_lines(evaluation))
        notes = _notes(evaluation)
        if notes:
            lines.append("")
            lines.extend(f"- {markdown_text(note)}" for note in notes)
        lines.extend(["", f"_{_footer(evaluation)}._"])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
