"""The brief's general-equilibrium section: welfare by party, sectors at home, and a reconciliation
with the partial-equilibrium estimate in words a minister's adviser can follow."""

from __future__ import annotations

from typing import Any

from evaluator.formatting import money, percent
from evaluator.models.result import Evaluation, GeneralEquilibriumResult

MINUS = "\u2212"
SECTORS_SHOWN = 5


def _pct(value: float) -> str:
    return percent(value).replace("-", MINUS)


def _usd(value: float) -> str:
    return money(value).replace("-", MINUS)


def ge_context(evaluation: Evaluation) -> dict[str, Any] | None:
    """Rows for the parties, sector winners and losers, and the reconciliation paragraphs."""
    ge = evaluation.general_equilibrium
    if ge is None:
        return None
    parties = set(evaluation.proposal.parties)
    rows = [
        {
            "region": r.name if r.name == r.region else f"{r.name} ({r.region})",
            "welfare": _pct(r.welfare_pct),
            "tot": _pct(r.terms_of_trade_pct),
            "vot": _pct(r.volume_of_trade_pct),
            "real_wage": _pct(r.real_wage_pct),
            "real_income": _pct(r.real_income_pct),
        }
        for r in ge.regions
        if r.region in parties
    ]
    losers = [s for s in ge.sectors if s.change_usd < 0][:SECTORS_SHOWN]
    gainers = [s for s in reversed(ge.sectors) if s.change_usd > 0][:SECTORS_SHOWN]

    def sector(s: Any) -> dict[str, str]:
        return {"sector": s.sector, "change": _usd(s.change_usd), "pct": _pct(s.change_pct)}

    return {
        "dataset": ge.dataset,
        "deficits": "set to zero first, as in the paper's main case"
        if ge.aggregate_deficits == "zero"
        else "kept at their base-year values",
        "rows": rows,
        "losers": [sector(s) for s in losers],
        "gainers": [sector(s) for s in gainers],
        "trade": [
            {
                "pair": f"{t.importer} from {t.exporter}",
                "change": _pct(t.change_pct),
                "base": _usd(t.base_usd),
            }
            for t in ge.bilateral_trade
        ],
        "reconciliation": _reconciliation(evaluation, ge),
        "solver": f"{ge.iterations[0]} and {ge.iterations[1]} wage updates (baseline, "
        f"counterfactual); largest wage change at the last update {ge.residual:.0e}",
    }


def _reconciliation(evaluation: Evaluation, ge: GeneralEquilibriumResult) -> list[str]:
    home = next(r for r in ge.regions if r.region == ge.evaluated)
    metrics = evaluation.metrics
    pe = metrics.get("tariff_gain_usd")
    pe_pct = metrics.get("tariff_gain_pct_gdp")
    out = [
        f"The general-equilibrium model (Caliendo and Parro 2015, on dataset {ge.dataset}) puts "
        f"{ge.evaluated}'s welfare change at {_pct(home.welfare_pct)} of income, "
        f"{_usd(ge.welfare_usd)} a year: {_pct(home.terms_of_trade_pct)} from its terms of "
        f"trade and {_pct(home.volume_of_trade_pct)} from the volume of trade. The scores use "
        "this estimate."
    ]
    if pe is not None and pe_pct is not None:
        exporters = metrics.get("exporters_gain_usd")
        diverted = metrics.get("trade_diversion_usd")
        parts = [
            f"The partial-equilibrium estimate from the tariff lines is {_usd(pe.mean)} a year "
            f"({_pct(pe_pct.mean)} of GDP; 90% band {_usd(pe.p05)} to {_usd(pe.p95)}). "
            "They differ because:"
        ]
        parts.append(
            "the general-equilibrium model covers every sector and region in the dataset, "
            "services and trade among non-members included, while the tariff lines cover the "
            "goods the partners trade;"
        )
        parts.append(
            "it follows cheaper imported inputs through the input-output table into the costs of "
            "every sector that uses them, which the line-by-line triangles cannot see;"
        )
        tot = (
            f"its terms-of-trade term ({_pct(home.terms_of_trade_pct)} of income) prices what the "
            "evaluated country sells against what it buys across all markets, where the "
            "partial-equilibrium export side"
        )
        tot += (
            f" gives {_usd(exporters.mean)} from an assumed supply elasticity of our exporters;"
            if exporters is not None
            else " is not assessed;"
        )
        parts.append(tot)
        if diverted is not None:
            moved = _usd(diverted.mean)
            parts.append(
                f"both count the duty lost on imports diverted from non-members ({moved} of "
                "imports in partial equilibrium), the general-equilibrium model inside its "
                "volume-of-trade term."
            )
        out.append(" ".join(parts))
    return out
