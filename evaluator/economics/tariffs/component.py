"""The tariff model as a component: metrics, winners and losers, chart data, notes, levers, methods.

Accounting (``docs/methodology.md`` §1-2): the national gain is the import side's welfare change
(buyers' gain - import-competing producers' loss + tariff-revenue change, which already nets the
revenue lost on diverted imports and the margin the partner's exporters capture) plus our
exporters' gain from the partner's cuts. Income reshuffled is the domestic losers' gross loss:
tariff revenue lost on the old volumes and on diverted imports, and the producers' loss.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from evaluator.distribution import bounded_summary
from evaluator.drawing import Draws
from evaluator.economics.component import Again, Run, Settings, score_changes
from evaluator.economics.tariffs.notes import tariff_notes
from evaluator.economics.tariffs.outcome import TariffOutcome, tariff_outcome
from evaluator.formatting import money
from evaluator.models import Proposal, Tariffs
from evaluator.models.result import Edit, Evaluation, FrontierPoint, GroupEffect, Lever, LinePoint
from evaluator.models.result import TariffChart as Chart

CHART_LINES = 300
FRONTIER_POINTS = 200
SPARED_SHARE = 0.5
"""The lever spares the highest-PCBR lines that account for this share of the income reshuffled."""


class TariffModel:
    """Preferential partial equilibrium on each tariff line, and the export side."""

    name: ClassVar[str] = "tariffs"
    metrics: ClassVar[Mapping[str, str]] = {
        "tariff_gain_usd": "USD per year",
        "tariff_gain_pct_gdp": "% of GDP",
        "trade_creation_usd": "USD per year",
        "trade_diversion_usd": "USD per year",
        "tariff_revenue_change_usd": "USD per year",
        "consumer_gain_usd": "USD per year",
        "producer_loss_usd": "USD per year",
        "exporters_gain_usd": "USD per year",
        "tariff_gain_present_value_usd": "USD",
    }
    references: ClassVar[tuple[str, ...]] = (
        'Laird, S. and A. Yeats (1986), "The UNCTAD Trade Policy Simulation Model: A Note on the '
        'Methodology, Data and Uses", UNCTAD Discussion Paper 19, Geneva',
        'Jammes, S. and M. Olarreaga (2005), "Explaining SMART and GSIM", World Bank, World '
        "Integrated Trade Solution documentation",
        "Meade, J. E. (1955), The Theory of Customs Unions, North-Holland, Amsterdam",
        'Panagariya, A. (2000), "Preferential Trade Liberalization: The Traditional Theory and '
        'New Developments", Journal of Economic Literature 38(2): 287-331',
        'Rodrik, D. (1992), "The Rush to Free Trade in the Developing World: Why So Late? Why '
        'Now? Will It Last?", NBER Working Paper 3947',
    )
    methods: ClassVar[tuple[str, ...]] = (
        "Tariff lines are scored with a partial-equilibrium model of a small importer, at parity "
        "with the World Bank's WITS-SMART (Laird and Yeats 1986; Jammes and Olarreaga 2005). Per "
        "line, imports from the partner Mj and from the rest of the world Mr at world prices, "
        "the partner's tariff before (t0) and after (t1), the rest of the world's (unchanged in "
        "a preferential cut), an import-demand elasticity e and a substitution elasticity sigma "
        "between the two sources give trade creation Mj e (t0 - t1)/(1 + t0) and trade "
        "diversion Mj Mr sigma x / (Mj + Mr + Mj sigma x), x the fall in the partner's price "
        "relative to the rest of the world's: diverted imports are bounded by Mr.",
        "The national gain is computed consistently (Meade): the tariff-weighted change in "
        "import volumes along the cut. New trade gains the Harberger triangle; each dollar of "
        "imports diverted from the rest of the world costs the duty it no longer pays less the "
        "partner's; when the partner's exporters' supply is not infinitely elastic they keep "
        "e/(e + es) of the margin as a higher price (Panagariya's revenue-transfer effect). The "
        "gain may be negative. Our exporters gain from the partner's cuts the share ep/(ep + ex) "
        "of the margin (the partner's demand elasticity ep, our exporters' supply elasticity "
        "ex). Income reshuffled is the domestic losers' gross loss: tariff revenue lost on the "
        "old volumes and on diverted imports, and the import-competing producers' loss, the "
        "fall in the import composite's price times their domestic sales.",
        "The political cost-benefit ratio (PCBR, Rodrik 1992) divides the income reshuffled by "
        "the net gain, both on the basis the scores use. Because the gain grows with the square "
        "of the tariff and the reshuffling only linearly, cutting low tariffs reshuffles many "
        "dollars per dollar gained: with full removal PCBR = 2(1 + t)/(e t). Lines that are "
        "whole sectors understate the gain: the triangle grows with each rate's square, about "
        "1 + CV squared of the rates within the sector.",
    )
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = (
        {
            "name": "Shared elasticity draw",
            "value": "one draw for all lines",
            "why": "How elastic demand is, is one unknown for the whole economy; independent draws "
            "per line would average the uncertainty away.",
        },
        {
            "name": "Phase-in",
            "value": "equal annual steps",
            "why": "Staged cuts are spread evenly over the stated years.",
        },
        {
            "name": "Producers' price",
            "value": "falls with the import composite's",
            "why": "Domestic output is treated as a perfect substitute for imports, so the "
            "producers' loss is an upper bound; no cited elasticity between domestic and "
            "imported goods is at hand.",
        },
        {
            "name": "Our exporters' supply",
            "value": "as the proposal gives it",
            "why": "No cited default exists for the supply elasticity of our exporters; the "
            "export-side gain scales with the share ep/(ep + ex) it implies.",
        },
        {
            "name": "Welfare path",
            "value": "trapezoids along the cut",
            "why": "Meade's tariff-weighted volume changes are integrated as straight lines, exact "
            "for linear demand and supply; SMART's own welfare omits diverted revenue.",
        },
    )

    def applies(self, proposal: Proposal) -> bool:
        return proposal.tariffs is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        tariffs = proposal.tariffs
        assert tariffs is not None
        rate = draws.value("discount_rate")
        out = tariff_outcome(tariffs, draws, rate, settings.horizon_years)
        lines = tariffs.lines
        has_output = bool(lines.given("domestic_output_usd").any())
        return Run(
            metrics={
                "tariff_gain_usd": out.efficiency_gain_usd,
                "tariff_gain_pct_gdp": None
                if proposal.economy is None
                else 100.0 * out.efficiency_gain_usd / proposal.economy.gdp_usd,
                "trade_creation_usd": out.trade_creation_usd if lines else None,
                "trade_diversion_usd": out.trade_diversion_usd if out.preferential else None,
                "tariff_revenue_change_usd": out.revenue_change_usd if lines else None,
                "consumer_gain_usd": out.consumer_gain_usd if lines else None,
                "producer_loss_usd": out.producer_loss_usd if has_output else None,
                "exporters_gain_usd": out.exporters_gain_usd,
                "tariff_gain_present_value_usd": out.present_value_usd,
            },
            gain_usd=out.efficiency_gain_usd,
            reshuffled_usd=out.redistribution_usd,
            parts=_parts(out, has_output),
            foreign_gain_usd=out.transfer_to_exporters_usd if out.partner_captures else None,
            gain_label="National welfare from the tariff cuts",
            foreign_gain_label="Partners' exporters (the margin they keep)",
            national_counts=(
                "the national welfare change from the tariff cuts (consumers, producers and "
                "tariff revenue"
                + (
                    ", and our exporters' gain from the partners' cuts)" if tariffs.exports else ")"
                ),
            ),
            global_adds=(
                ("the margin the partners' exporters keep on our market",)
                if out.partner_captures
                else ()
            ),
            not_assessed=(
                "the partners' gains and losses from their own tariff cuts (a "
                "general-equilibrium check counts them, where the proposal asks for one)",
            ),
            groups=_groups(out, has_output),
            notes=tuple(tariff_notes(tariffs, out)),
            fills={"tariff_chart": _chart(out, tariffs) if lines else None},
            state=out,
        )

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        lever = spare_worst_lines(proposal, run.state, base, again)
        return [] if lever is None else [lever]


def _parts(out: TariffOutcome, has_output: bool) -> dict[str, np.ndarray]:
    parts = {"Tariff revenue (taxpayers)": out.revenue_reshuffled_usd}
    if has_output or np.any(out.producer_loss_usd):
        parts["Import-competing producers"] = out.producer_loss_usd
    return parts


def _group(group: str, values: np.ndarray, note: str) -> GroupEffect:
    return GroupEffect(group=group, effect_usd=bounded_summary(values, "USD per year"), note=note)


def _groups(out: TariffOutcome, has_output: bool) -> tuple[GroupEffect, ...]:
    groups = [
        _group(
            "Consumers and importing firms",
            out.consumer_gain_usd,
            "lower prices on imports and on the competing domestic goods",
        )
    ]
    if has_output:
        groups.append(
            _group(
                "Import-competing producers and their workers",
                -out.producer_loss_usd,
                "lower prices for what they make, as far as the import composite's price falls",
            )
        )
    groups.append(
        _group(
            "Government (tariff revenue)",
            out.revenue_change_usd,
            "revenue lost on the old volume and on imports diverted from non-members, partly "
            "offset by new imports"
            if out.preferential
            else "revenue lost on the old volume, partly offset by new imports",
        )
    )
    if out.exporters_gain_usd is not None:
        groups.append(
            _group(
                "Exporters",
                out.exporters_gain_usd,
                "higher prices on sales to the partners as their tariffs fall",
            )
        )
    if out.partner_captures:
        groups.append(
            _group(
                "Partner's exporters (abroad, not in the national gain)",
                out.transfer_to_exporters_usd,
                "the part of the preference margin they keep as a higher price",
            )
        )
    return tuple(groups)


def _line_pcbr(gain: np.ndarray, redis: np.ndarray) -> np.ndarray:
    """Per-line PCBR; infinite where a line gains nothing (it sorts last)."""
    out = np.full(gain.shape, np.inf)
    with np.errstate(over="ignore"):
        np.divide(redis, gain, out=out, where=gain > 0)
    return out


def _chart(outcome: TariffOutcome, tariffs: Tariffs) -> Chart:
    """The largest lines by imports, and the frontier from liberalising lines by PCBR."""
    gain, redis = outcome.line_gain_usd, outcome.line_redistribution_usd
    pcbr = _line_pcbr(gain, redis)
    largest = np.argsort(-outcome.imports_usd, kind="stable")[:CHART_LINES]
    final_rates = tariffs.lines.number("final_rate")
    lines = [
        LinePoint(
            label=label,
            base_rate=float(outcome.base_rate[i]),
            final_rate=float(final_rates[i]),
            imports_usd=float(outcome.imports_usd[i]),
            gain_usd=float(gain[i]),
            redistribution_usd=float(redis[i]),
            pcbr=float(pcbr[i]) if np.isfinite(pcbr[i]) else None,
        )
        for i, label in zip(largest, tariffs.lines.labels(largest), strict=True)
    ]
    order = np.argsort(pcbr, kind="stable")
    cum_gain = np.concatenate(([0.0], np.cumsum(gain[order])))
    cum_redis = np.concatenate(([0.0], np.cumsum(redis[order])))
    keep = np.unique(np.linspace(0, len(order), min(FRONTIER_POINTS, len(order) + 1)).round())
    frontier = [
        FrontierPoint(
            lines=int(k),
            gain_usd=float(cum_gain[int(k)]),
            redistribution_usd=float(cum_redis[int(k)]),
        )
        for k in keep
    ]
    return Chart(total_lines=len(gain), lines=lines, frontier=frontier)


def spare_worst_lines(
    proposal: Proposal, outcome: TariffOutcome, base: Evaluation, again: Again
) -> Lever | None:
    """Keep today's tariff on the highest-PCBR lines carrying half the redistribution."""
    tariffs = proposal.tariffs
    if tariffs is None or len(tariffs.lines) < 2:
        return None
    gain, redis = outcome.line_gain_usd, outcome.line_redistribution_usd
    total = float(redis.sum())
    if total <= 0:
        return None
    pcbr = _line_pcbr(gain, redis)
    worst_first = np.argsort(-pcbr, kind="stable")
    covered = np.cumsum(redis[worst_first]) / total
    count = int(np.searchsorted(covered, SPARED_SHARE) + 1)
    spared = np.sort(worst_first[:count])
    table = tariffs.lines
    if count == len(table):
        return None
    base_rates = table.number("base_rate")
    final_rates = table.number("final_rate").copy()
    final_rates[spared] = base_rates[spared]
    lines = table.with_numbers("final_rate", final_rates)
    variant = proposal.model_copy(update={"tariffs": tariffs.model_copy(update={"lines": lines})})
    changes, overall = score_changes(base, again(variant))
    lost = float(gain[spared].sum())
    effect = (
        f"gives up about {money(lost)} of annual gain: cutting already-low tariffs reshuffles "
        "much income for little gain"
        if lost >= 0
        else f"raises the annual gain by about {money(-lost)}: together those cuts lose more "
        "(duty on imports diverted from non-members) than the new trade gains"
    )
    edits = [  # built as they are: paths and rates of the lines just checked
        Edit.trusted(f"tariffs.lines[{i}].final_rate", rate)
        for i, rate in zip(spared.tolist(), base_rates[spared].tolist(), strict=True)
    ]
    noun, verb = ("line", "reshuffles") if count == 1 else ("lines", "reshuffle")
    return Lever(
        edits=edits,
        title=f"Keep today's tariff on the {count:,} {noun} that {verb} most per dollar gained",
        description=(
            f"Leaving today's tariff on the {count:,} of {len(lines):,} lines with the highest "
            "income reshuffled per dollar of gain (PCBR), which account for "
            f"{SPARED_SHARE:.0%} of the income reshuffled {effect}."
        ),
        dimension_changes=changes,
        overall_change=overall,
    )
