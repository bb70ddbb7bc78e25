"""The labor-mobility model as a component: metrics, winners and losers, notes, levers, methods.

Accounting (``docs/methodology.md`` §4, Borjas 1995): competing natives' and earlier migrants'
wage loss is a transfer to employers, who also keep the immigration surplus, the residents' net
gain; migrants gain their host earnings over their home counterfactual, part of which they send
home, less fees and forfeited savings, which are transfers from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np
from pydantic import BaseModel

from evaluator.distribution import bounded_summary
from evaluator.drawing import Draws
from evaluator.economics.component import Again, Note, Run, Settings, score_changes
from evaluator.economics.mobility.outcome import MobilityOutcome, mobility_outcome
from evaluator.models import Origin, Proposal
from evaluator.models.result import Edit, Evaluation, GroupEffect, Lever, OriginResult

QUOTA_FACTOR = 2.0
_PERCENT = 100.0


class MobilityModel:
    """Visa schemes through the place premium and Borjas's immigration surplus."""

    name: ClassVar[str] = "mobility"
    metrics: ClassVar[Mapping[str, str]] = {
        "migrants_gain_usd": "USD per year",
        "recruitment_fees_usd": "USD per year",
        "forfeited_savings_usd": "USD per year",
        "immigrant_share_pct": "%",
        "native_wage_change_pct": "%",
        "natives_wage_loss_usd": "USD per year",
        "earlier_migrants_wage_loss_usd": "USD per year",
        "immigration_surplus_usd": "USD per year",
        "remittances_usd": "USD per year",
        "visa_holders": "persons",
        "overstayers": "persons",
    }
    references: ClassVar[tuple[str, ...]] = (
        'Clemens, M. A., C. E. Montenegro and L. Pritchett (2019), "The Place Premium: Bounding '
        'the Price Equivalent of Migration Barriers", Review of Economics and Statistics 101(2): '
        "201-213",
        'Borjas, G. J. (1995), "The Economic Benefits from Immigration", Journal of Economic '
        "Perspectives 9(2): 3-22",
        'Borjas, G. J. (2003), "The Labor Demand Curve Is Downward Sloping", Quarterly Journal '
        "of Economics 118(4): 1335-1374",
        'Card, D. (1990), "The Impact of the Mariel Boatlift on the Miami Labor Market", '
        "Industrial and Labor Relations Review 43(2): 245-257",
        'Ottaviano, G. I. P. and G. Peri (2012), "Rethinking the Effect of Immigration on '
        'Wages", Journal of the European Economic Association 10(1): 152-197',
    )
    methods: ClassVar[tuple[str, ...]] = (
        "Visa schemes: visa holders earn the scheme's wage (the competing native wage under a "
        "prevailing-wage floor); what they would earn at home is at least that wage over the "
        "place premium R, the host wage over the home wage for the same worker (Clemens, "
        "Montenegro and Pritchett 2019). Their gain is the difference, less recruitment fees "
        "they pay and the forced savings they expect to forfeit. In the host, wages in the "
        "covered occupations change by e m, with m the migrants' share of the workforce "
        "(overstayers included) and e between -0.4 (Borjas 2003, capital fixed) and 0 (Card "
        "1990; Ottaviano and Peri 2012); competing natives and earlier migrants lose that much "
        "of their wage bill, and residents as a whole keep Borjas's (1995) immigration surplus, "
        "-1/2 e m^2 of the pool's wage bill. On the national basis the gain is that surplus and "
        "the income reshuffled is the workers' wage loss; the global basis adds the migrants' "
        "gain and counts fees and forfeited savings as income taken from them.",
    )
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = (
        {
            "name": "Visa rotation",
            "value": "holders = arrivals x visa length; effects in the horizon's last year",
            "why": "Cohort accounting once the rotation is full; overstayers, (1 - return "
            "rate) of each cohort, accumulate over the horizon and stay in the labor supply.",
        },
        {
            "name": "Return-linked quotas",
            "value": "quota x min(1, return / target)^k",
            "why": "A quota shrinks when returns fall short of the target and never grows past "
            "the proposal's.",
        },
        {
            "name": "Home counterfactual",
            "value": "at least host earnings / place premium",
            "why": "The place premium compares the same worker's wages; under a wage floor "
            "above the market wage this understates the migrants' gain.",
        },
        {
            "name": "Earlier migrants",
            "value": "same wage and elasticity as competing natives",
            "why": "Ottaviano and Peri (2012) find earlier immigrants closer substitutes for "
            "new ones than natives are, so their loss is, if anything, understated.",
        },
    )

    def applies(self, proposal: Proposal) -> bool:
        return proposal.mobility is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        mobility = proposal.mobility
        assert mobility is not None
        out = mobility_outcome(mobility, draws, settings.horizon_years)
        parts = {"Competing natives' wages": out.natives_wage_loss_usd}
        if out.earlier_migrants_loss_usd is not None:
            parts["Earlier migrants' wages"] = out.earlier_migrants_loss_usd
        foreign_parts = {}
        if out.recruitment_fees_usd is not None:
            foreign_parts["Recruitment fees (from migrants)"] = out.recruitment_fees_usd
        if out.forfeited_savings_usd is not None:
            foreign_parts["Forfeited savings (from migrants)"] = out.forfeited_savings_usd
        horizon = settings.horizon_years
        return Run(
            metrics={
                "migrants_gain_usd": out.migrants_gain_usd,
                "recruitment_fees_usd": out.recruitment_fees_usd,
                "forfeited_savings_usd": out.forfeited_savings_usd,
                "immigrant_share_pct": _PERCENT * out.immigrant_share,
                "native_wage_change_pct": _PERCENT * out.natives_wage_change,
                "natives_wage_loss_usd": out.natives_wage_loss_usd,
                "earlier_migrants_wage_loss_usd": out.earlier_migrants_loss_usd,
                "immigration_surplus_usd": out.immigration_surplus_usd,
                "remittances_usd": out.remittances_usd,
                "visa_holders": out.visa_holders,
                "overstayers": out.overstayers,
            },
            gain_usd=out.national_gain_usd,
            reshuffled_usd=out.national_reshuffled_usd,
            parts=parts,
            foreign_gain_usd=out.migrants_gross_gain_usd,
            gain_label="Host residents (immigration surplus)",
            foreign_gain_label="Migrants (before fees and savings taken from them)",
            foreign_parts=foreign_parts,
            national_counts=(
                "the host residents' immigration surplus (Borjas 1995): employers' gain net "
                "of competing workers' wage loss",
            ),
            global_adds=(
                "the migrants' earnings gain, before the recruitment fees and forfeited savings "
                "taken from them (transfers, counted as income reshuffled)",
            ),
            not_assessed=(
                "the scheme's fiscal effect in the host",
                f"overstayers' own earnings (they count in the labor supply in year {horizon})",
            ),
            groups=_groups(out),
            notes=tuple(
                Note("efficiency", "mobility_note", path, text) for path, text in out.notes
            ),
            fills={"origins": _origins(proposal, out)},
            state=out,
        )

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        return [scale_quotas(proposal, base, again)]


def _group(group: str, values: np.ndarray, note: str) -> GroupEffect:
    return GroupEffect(group=group, effect_usd=bounded_summary(values, "USD per year"), note=note)


def _groups(out: MobilityOutcome) -> tuple[GroupEffect, ...]:
    groups = [
        _group(
            "Migrant workers (abroad: global basis only)",
            out.migrants_gain_usd,
            "earnings above what they would make at home, net of fees and forfeited savings",
        ),
        _group(
            "Origin households (remittances)",
            out.remittances_usd,
            "part of the migrants' earnings sent home, not an extra gain",
        ),
        _group(
            "Competing native workers",
            -out.natives_wage_loss_usd,
            "lower wages in the occupations the visas cover",
        ),
    ]
    if out.earlier_migrants_loss_usd is not None:
        groups.append(
            _group(
                "Earlier migrants",
                -out.earlier_migrants_loss_usd,
                "lower wages in the same occupations",
            )
        )
    groups.append(
        _group(
            "Employers and other natives",
            out.national_reshuffled_usd + out.immigration_surplus_usd,
            "the workers' wage loss passes to employers, plus the immigration surplus",
        )
    )
    if out.recruitment_fees_usd is not None:
        groups.append(
            _group(
                "Recruiters (fees paid by workers)",
                out.recruitment_fees_usd,
                "a transfer from the migrants",
            )
        )
    if out.forfeited_savings_usd is not None:
        groups.append(
            _group(
                "Holders of the savings workers never receive",
                out.forfeited_savings_usd,
                "a transfer from the migrants (the Bracero precedent)",
            )
        )
    return tuple(groups)


def _origins(proposal: Proposal, outcome: MobilityOutcome) -> list[OriginResult]:
    assert proposal.mobility is not None
    summary = bounded_summary
    return [
        OriginResult(
            country=origin.country,
            annual_quota=None if origin.annual_quota == "uncapped" else origin.annual_quota,
            arrivals=summary(outcome.origin_arrivals[i], "persons a year"),
            visa_holders=summary(outcome.origin_holders[i], "persons"),
            tariff_equivalent=summary(outcome.origin_tariff_equivalent[i], "ratio (R - 1)"),
            migrants_gain_usd=summary(outcome.origin_gain_usd[i], "USD per year"),
            remittances_usd=summary(outcome.origin_remittances_usd[i], "USD per year"),
        )
        for i, origin in enumerate(proposal.mobility.origins)
    ]


def _plain(value: object) -> object:
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value


def _doubled(origin: Origin) -> Origin:
    update: dict[str, object] = {}
    if origin.annual_quota != "uncapped":
        update["annual_quota"] = round(origin.annual_quota * QUOTA_FACTOR)
    arrivals = origin.expected_annual_arrivals
    if arrivals is not None:
        update["expected_annual_arrivals"] = (
            arrivals * QUOTA_FACTOR
            if isinstance(arrivals, float | int)
            else arrivals.model_copy(
                update={"low": arrivals.low * QUOTA_FACTOR, "high": arrivals.high * QUOTA_FACTOR}
            )
        )
    return origin.model_copy(update=update)


def scale_quotas(proposal: Proposal, base: Evaluation, again: Again) -> Lever:
    """Admit twice as many workers a year from every origin."""
    mobility = proposal.mobility
    assert mobility is not None
    origins = tuple(_doubled(o) for o in mobility.origins)
    edits = [
        Edit(path=f"mobility.origins[{i}].{name}", value=_plain(getattr(new, name)))
        for i, (old, new) in enumerate(zip(mobility.origins, origins, strict=True))
        for name in ("annual_quota", "expected_annual_arrivals")
        if getattr(old, name) != getattr(new, name)
    ]
    variant = proposal.model_copy(
        update={"mobility": mobility.model_copy(update={"origins": origins})}
    )
    changes, overall = score_changes(base, again(variant))
    return Lever(
        edits=edits,
        title=f"Multiply every quota by {QUOTA_FACTOR:g}",
        description=(
            "Labor mobility is where the migrants' gains are large: the place premium makes the "
            "barrier like a tariff of several hundred percent. In the host, the income "
            "reshuffled grows with the migrants' share m and the residents' surplus with m "
            "squared, so the national PCBR falls as the scheme grows."
        ),
        dimension_changes=changes,
        overall_change=overall,
    )
