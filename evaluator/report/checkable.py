"""The sections that let a reader check the headline figures: both accounting bases, the
proposal's inputs and their basis, and the reconciliation with published estimates."""

from __future__ import annotations

from typing import Any

from evaluator.basis_text import no_change
from evaluator.formatting import by_unit, money, percent, ratio
from evaluator.models.result import Evaluation
from evaluator.report.typeset import DASH, signed


def bases_context(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Both accounting bases side by side, the scored one first."""
    order = sorted(evaluation.bases.values(), key=lambda b: b.basis != evaluation.basis)
    out = []
    for block in order:
        pcbr = block.pcbr
        share = block.gain_pct_gdp
        out.append(
            {
                "name": block.basis.capitalize()
                + (" (scored)" if block.basis == evaluation.basis else ""),
                "gain": signed(money(block.gain_usd.mean)),
                "share": signed(percent(share.mean)) if share is not None else "",
                "reshuffled": money(block.reshuffled_usd.mean),
                "pcbr": (
                    f"{ratio(pcbr.mean)} ({ratio(pcbr.p05)}{DASH}{ratio(pcbr.p95)})"
                    if pcbr is not None
                    else "undefined (no change)"
                    if no_change(block)
                    else "undefined"
                ),
                "counts": "; ".join(block.counts),
                "not_assessed": "; ".join(block.not_assessed),
                "parts": ", ".join(
                    f"{name.lower()} {money(part.mean)}"
                    for name, part in block.reshuffled_parts.items()
                    if part.mean > 0
                ),
                "gain_parts": ", ".join(
                    signed(f"{name[0].lower()}{name[1:]} {money(part.mean)}")
                    for name, part in block.gain_parts.items()
                )
                if len(block.gain_parts) > 1
                else "",
            }
        )
    return out


STATUS_WORDS = {
    "sourced": "sourced",
    "illustrative": "illustrative",
    "assumption": "assumption",
    "not stated": "basis not stated",
}


def inputs_context(evaluation: Evaluation) -> dict[str, Any]:
    """The proposal's own numbers with their basis, its summary and its sources."""
    rows = [
        {
            "label": entry.label,
            "value": signed(entry.value),
            "status": STATUS_WORDS[entry.status],
            "weak": entry.status != "sourced",
            "source": entry.source or "",
            "note": entry.note or "",
        }
        for entry in evaluation.inputs
    ]
    info = evaluation.proposal
    return {
        "rows": rows,
        "summary": info.summary or "",
        "sources": [{"id": k, "citation": v} for k, v in info.sources.items()],
    }


def reconciliation_context(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Each benchmark the proposal lists, beside the tool's figure, with the reasons."""
    rows = []
    for item in evaluation.reconciliation:
        unit = item.tool.unit if item.tool is not None else _unit_of(item.metric)
        rows.append(
            {
                "name": item.name,
                "published": signed(by_unit(item.published, unit)),
                "tool": (
                    signed(
                        f"{by_unit(item.tool.mean, unit)} ({by_unit(item.tool.p05, unit)} to "
                        f"{by_unit(item.tool.p95, unit)})"
                    )
                    if item.tool is not None
                    else "not assessed"
                ),
                "reasons": item.reasons,
                "source": item.source,
            }
        )
    return rows


def _unit_of(metric: str) -> str:
    from evaluator.evaluation import METRIC_UNITS

    return METRIC_UNITS.get(metric, "")
