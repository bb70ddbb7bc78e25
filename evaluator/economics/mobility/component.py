"""The labor-mobility model as a component: metrics, winners and losers, notes, levers, methods.

Accounting (``docs/methodology.md`` §4): competing natives' wage loss is a transfer to their
employers, who also keep the immigration surplus; migrants gain the place premium on their home
wage, part of which they send home.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from evaluator.distribution import bounded_summary
from evaluator.drawing import Draws
from evaluator.economics.component import Again, Note, Run, Settings, score_changes
from evaluator.economics.mobility.outcome import MobilityOutcome, mobility_outcome
from evaluator.models import Proposal
from evaluator.models.result import Evaluation, GroupEffect, Lever, OriginResult

QUOTA_FACTOR = 2.0
_PERCENT = 100.0


class MobilityModel:
    """Visa schemes through the place premium and the natives' wage effect."""

    name: ClassVar[str] = "mobility"
    metrics: ClassVar[Mapping[str, str]] = {
        "migrants_gain_usd": "USD per year",
        "native_wage_change_pct": "%",
        "natives_wage_loss_usd": "USD per year",
        "immigration_surplus_usd": "USD per year",
        "remittances_usd": "USD per year",
        "visa_holders": "persons",
        "overstayers": "persons",
    }
    methods: ClassVar[tuple[str, ...]] = (
        "Visa schemes are scored through the place premium R (the host wage over the home wage "
        "for the same worker; Clemens, Montenegro and Pritchett): migrants gain (R - 1) times "
        "their home wage; competing natives' wages change by eps_w s, with s the migrant stock "
        "over the competing workforce and eps_w between -0.4 (Borjas 2003, capital fixed) and 0 "
        "(Card 1990; Ottaviano and Peri 2012); natives keep an immigration surplus (Borjas 1995). "
        "The PCBR of a scheme is the natives' wage loss per dollar of net gain.",
    )
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = (
        {
            "name": "Visa rotation",
            "value": "stock = quota x visa length",
            "why": "Cohort accounting once the rotation is full; overstayers are reported, not "
            "added to the supply shock.",
        },
        {
            "name": "Return-linked quotas",
            "value": "quota x min(1, return / target)^k",
            "why": "A quota shrinks when returns fall short of the target and never grows past "
            "the proposal's.",
        },
    )

    def applies(self, proposal: Proposal) -> bool:
        return proposal.mobility is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        mobility = proposal.mobility
        assert mobility is not None
        out = mobility_outcome(mobility, draws, settings.horizon_years)
        return Run(
            metrics={
                "migrants_gain_usd": out.migrants_gain_usd,
                "native_wage_change_pct": _PERCENT * out.natives_wage_change,
                "natives_wage_loss_usd": out.natives_wage_loss_usd,
                "immigration_surplus_usd": out.immigration_surplus_usd,
                "remittances_usd": out.remittances_usd,
                "visa_holders": out.visa_holders,
                "overstayers": out.overstayers,
            },
            gain_usd=out.net_gain_usd,
            reshuffled_usd=out.redistribution_usd,
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
    return (
        _group(
            "Migrant workers",
            out.migrants_gain_usd,
            "earnings above what they would make at home",
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
        _group(
            "Employers and other natives",
            out.natives_wage_loss_usd + out.immigration_surplus_usd,
            "the natives' wage loss passes to employers, plus the immigration surplus",
        ),
    )


def _origins(proposal: Proposal, outcome: MobilityOutcome) -> list[OriginResult]:
    assert proposal.mobility is not None
    summary = bounded_summary
    return [
        OriginResult(
            country=origin.country,
            annual_quota=origin.annual_quota,
            visa_holders=summary(outcome.origin_holders[i], "persons"),
            tariff_equivalent=summary(outcome.origin_tariff_equivalent[i], "ratio (R - 1)"),
            migrants_gain_usd=summary(outcome.origin_gain_usd[i], "USD per year"),
            remittances_usd=summary(outcome.origin_remittances_usd[i], "USD per year"),
        )
        for i, origin in enumerate(proposal.mobility.origins)
    ]


def scale_quotas(proposal: Proposal, base: Evaluation, again: Again) -> Lever:
    """Admit twice as many workers a year from every origin."""
    mobility = proposal.mobility
    assert mobility is not None
    origins = tuple(
        o.model_copy(update={"annual_quota": round(o.annual_quota * QUOTA_FACTOR)})
        for o in mobility.origins
    )
    variant = proposal.model_copy(
        update={"mobility": mobility.model_copy(update={"origins": origins})}
    )
    changes, overall = score_changes(base, again(variant))
    return Lever(
        title=f"Multiply every quota by {QUOTA_FACTOR:g}",
        description=(
            "Labor mobility is where the gains are large: the place premium makes the barrier "
            "like a tariff of several hundred percent. With the models' linear wage effect, more "
            "visas raise the gain and the wage loss in proportion, so the PCBR stays put."
        ),
        dimension_changes=changes,
        overall_change=overall,
    )
