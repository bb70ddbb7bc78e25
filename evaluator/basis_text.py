"""The accounting basis in words: which gains count, and the other basis in one line. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator.formatting import money, percent, ratio
from evaluator.models.result import BASES, Basis, BasisTotals, Evaluation

if TYPE_CHECKING:  # a score never builds the comparison models
    from evaluator.models.comparison import Comparison

BASIS_NAMES: dict[Basis, str] = {
    "national": "national basis (the evaluated country's residents only)",
    "global": "global basis (everyone's gains, migrants and partners included)",
}


def other_basis(basis: Basis) -> Basis:
    """The basis not chosen."""
    return "national" if basis == "global" else "global"


def no_change(block: BasisTotals) -> bool:
    """True when nothing changes on this basis: the net gain and the income reshuffled are zero at
    the mean and both percentiles, so there is no PCBR (0/0), not an infinite one."""
    ends = (block.gain_usd, block.reshuffled_usd)
    return block.pcbr is None and all(s.mean == s.p05 == s.p95 == 0 for s in ends)


def undefined_pcbr(block: BasisTotals) -> str:
    """Why a basis has no PCBR, in a parenthesis."""
    if no_change(block):
        return "(no change: nothing is gained and nothing reshuffled)"
    return "(the gain is not positive in every draw)"


def totals_line(block: BasisTotals) -> str:
    """``net gain $29.0bn (0.11% of GDP), income reshuffled $11.3bn, PCBR 0.39``."""
    share = f" ({percent(block.gain_pct_gdp.mean)} of GDP)" if block.gain_pct_gdp else ""
    pcbr = (
        f"PCBR {ratio(block.pcbr.mean)} ({ratio(block.pcbr.p05)} to {ratio(block.pcbr.p95)})"
        if block.pcbr is not None
        else f"PCBR undefined {undefined_pcbr(block)}"
    )
    return (
        f"net gain {money(block.gain_usd.mean)}{share} a year, income reshuffled "
        f"{money(block.reshuffled_usd.mean)}, {pcbr}"
    )


def basis_statement(evaluation: Evaluation) -> str | None:
    """What the scores count, in one sentence; None when no economic model ran."""
    block = evaluation.bases.get(evaluation.basis)
    if block is None:
        return None
    counted = "; ".join(block.counts)
    return f"Scored on the {BASIS_NAMES[evaluation.basis]}: {counted}."


def other_basis_line(evaluation: Evaluation) -> str | None:
    """The other basis's totals in one line; None when no economic model ran."""
    other = evaluation.bases.get(other_basis(evaluation.basis))
    if other is None:
        return None
    overall = evaluation.other_basis_scores.get("overall")
    score = f"; the overall score would be {overall:.0f}" if overall is not None else ""
    return f"On the {other.basis} basis: {totals_line(other)}{score}."


def comparison_basis_lines(comparison: Comparison) -> list[str]:
    """The shared basis, then each alternative's totals on both bases."""
    lines = [
        f"Every alternative is scored on the {BASIS_NAMES[comparison.basis]}; both bases below."
    ]
    for alt in comparison.alternatives:
        for basis in BASES:
            block = alt.bases.get(basis)
            if block is not None:
                lines.append(f"{alt.short or alt.label} ({basis}): {totals_line(block)}")
        if not alt.bases:
            lines.append(f"{alt.short or alt.label}: no economic model applies")
    return lines


def comparison_basis_sentence(comparison: Comparison) -> str:
    """The shared basis, and each alternative's PCBR on the other basis, in one sentence."""
    other = other_basis(comparison.basis)
    pcbrs = []
    for alt in comparison.alternatives:
        block = alt.bases.get(other)
        if block is None:
            continue
        value = ratio(block.pcbr.mean) if block.pcbr is not None else "undefined"
        value += " (no change)" if no_change(block) else ""
        pcbrs.append(f"{alt.short or alt.label} {value}")
    text = f"Every alternative is scored on the {BASIS_NAMES[comparison.basis]}"
    if pcbrs:
        text += f"; on the {other} basis the PCBRs would be {', '.join(pcbrs)}"
    return text + "."
