"""``evaluate(proposal)``: run the economic models under Monte Carlo draws.

Pure: no printing, no files. Every metric is a mean with 5th and 95th percentiles over the draws;
a metric that does not apply is None, and a finding says why.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from evaluator import __version__
from evaluator.distribution import bounded_summary, tariff_chart, winners_and_losers
from evaluator.drawing import Draws, Locate, Path
from evaluator.economics.gains_from_trade import acr_gain
from evaluator.economics.matching import GOLDEN_RATIO, open_borders
from evaluator.economics.parameters import ParameterRegistry, default_parameters
from evaluator.errors import format_path
from evaluator.levers import scale_quotas, spare_worst_lines
from evaluator.mobility_metrics import MobilityOutcome, mobility_outcome
from evaluator.models import Proposal, SkillMatching
from evaluator.models.result import (
    Dimension,
    Evaluation,
    Evidence,
    Finding,
    OriginResult,
    ProposalInfo,
    Provenance,
    SkillMatchingResult,
    Summary,
)
from evaluator.rubric.engine import apply_rubric
from evaluator.rubric.library import RubricSet, default_rubric_set
from evaluator.scoring import overall_score, resolve_weights, score_dimensions, score_draws
from evaluator.tariff_metrics import TariffOutcome, tariff_outcome

FloatArray = npt.NDArray[np.float64]
DEFAULT_SEED = 20_261_122
DEFAULT_DRAWS = 10_000
_PERCENT = 100.0

METRIC_UNITS = {
    "efficiency_gain_usd": "USD per year",
    "efficiency_gain_pct_gdp": "% of GDP",
    "redistribution_usd": "USD per year",
    "pcbr": "ratio: USD reshuffled per USD of net gain",
    "trade_creation_usd": "USD per year",
    "tariff_revenue_change_usd": "USD per year",
    "producer_loss_usd": "USD per year",
    "tariff_gain_present_value_usd": "USD",
    "migrants_gain_usd": "USD per year",
    "native_wage_change_pct": "%",
    "natives_wage_loss_usd": "USD per year",
    "immigration_surplus_usd": "USD per year",
    "remittances_usd": "USD per year",
    "visa_holders": "persons",
    "overstayers": "persons",
    "gains_from_trade_vs_autarky_pct": "% of real income",
}
"""Every metric the evaluation reports, in order, with its unit."""


@np.errstate(under="ignore")  # an underflow to zero is exact enough; overflow still raises
def evaluate(
    proposal: Proposal,
    *,
    seed: int = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    registry: ParameterRegistry | None = None,
    rubrics: RubricSet | None = None,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    levers: bool = True,
) -> Evaluation:
    """Evaluate a proposal: the economic models, the rubrics, the four scores and the overall.

    Parameters
    ----------
    proposal : Proposal
        From :func:`evaluator.loading.load_proposal` (findings then cite its lines).
    seed, draws : int
        Monte Carlo seed and number of draws, recorded in the result.
    registry : ParameterRegistry, optional
        Default parameters; the packaged ones if None.
    rubrics : RubricSet, optional
        Rubrics, scales and profiles; the packaged ones if None.
    profile : str, optional
        Weight profile for the overall score; the rubric set's default if None.
    weights : mapping, optional
        Per-dimension weights that override the profile's.
    levers : bool
        Also re-evaluate model levers (variants of the proposal) with the same draws.
    """
    origin = proposal.origin
    locate: Locate = origin.locate if origin is not None else _nowhere
    pool = Draws(
        seed=seed,
        n=draws,
        registry=registry or default_parameters(),
        overrides=proposal.parameters,
        sources={s.id: s for s in proposal.sources},
        locate=locate,
    )
    pool.check_overrides()
    findings: list[Finding] = []
    metrics: dict[str, FloatArray | None] = dict.fromkeys(METRIC_UNITS)
    horizon = round(pool.value("present_value_horizon_years"))
    gain = np.zeros(draws)
    redis = np.zeros(draws)
    tariffs: TariffOutcome | None = None
    mobility: MobilityOutcome | None = None
    if proposal.tariffs is not None:
        tariffs = tariff_outcome(proposal.tariffs, pool, pool.value("discount_rate"), horizon)
        gain += tariffs.efficiency_gain_usd
        redis += tariffs.redistribution_usd
        metrics |= {
            "trade_creation_usd": tariffs.trade_creation_usd,
            "tariff_revenue_change_usd": tariffs.revenue_change_usd,
            "producer_loss_usd": tariffs.producer_loss_usd,
            "tariff_gain_present_value_usd": tariffs.present_value_usd,
        }
    if proposal.mobility is not None:
        mobility = mobility_outcome(proposal.mobility, pool, horizon)
        gain += mobility.net_gain_usd
        redis += mobility.redistribution_usd
        metrics |= {
            "migrants_gain_usd": mobility.migrants_gain_usd,
            "native_wage_change_pct": _PERCENT * mobility.natives_wage_change,
            "natives_wage_loss_usd": mobility.natives_wage_loss_usd,
            "immigration_surplus_usd": mobility.immigration_surplus_usd,
            "remittances_usd": mobility.remittances_usd,
            "visa_holders": mobility.visa_holders,
            "overstayers": mobility.overstayers,
        }
        for path, note in mobility.notes:
            findings.append(_model_note("efficiency", "mobility_note", path, note, locate))
    if tariffs is not None or mobility is not None:
        metrics["efficiency_gain_usd"] = gain
        metrics["redistribution_usd"] = redis
        if proposal.economy is not None:
            metrics["efficiency_gain_pct_gdp"] = _PERCENT * gain / proposal.economy.gdp_usd
        metrics["pcbr"] = _pcbr(gain, redis, findings, locate)
    else:
        findings.append(
            _model_note(
                "efficiency",
                "efficiency_gain_usd.not_applicable",
                (),
                "no tariffs or mobility section: the economic models do not apply, so efficiency "
                "gain, redistribution and PCBR are not estimated",
                locate,
            )
        )
    economy = proposal.economy
    if economy is not None and economy.domestic_expenditure_share is not None:
        elasticity = pool.parameter("trade_elasticity", needed_at=("economy",))
        metrics["gains_from_trade_vs_autarky_pct"] = _PERCENT * acr_gain(
            economy.domestic_expenditure_share, elasticity
        )
    summaries = {name: _summary(name, values) for name, values in metrics.items()}
    rubric_set = rubrics or default_rubric_set()
    profile_name, profile_weights = resolve_weights(rubric_set, profile, weights)
    outcomes = [o for loaded in rubric_set.rubrics for o in apply_rubric(loaded, proposal)]
    dimensions, scored, opportunities = score_dimensions(summaries, outcomes, rubric_set, locate)
    has_output = proposal.tariffs is not None and any(
        line.domestic_output_usd is not None for line in proposal.tariffs.lines
    )
    chart = None
    if tariffs is not None and proposal.tariffs is not None:
        chart = tariff_chart(
            tariffs,
            [line.label for line in proposal.tariffs.lines],
            np.array([line.final_rate for line in proposal.tariffs.lines]),
        )
    result = Evaluation(
        proposal=_info(proposal),
        dimensions=dimensions,
        overall=overall_score(dimensions, profile_name, profile_weights),
        metrics=summaries,
        origins=_origins(proposal, mobility),
        skill_matching=_skills(proposal.skill_matching),
        winners_losers=winners_and_losers(tariffs, mobility, has_output),
        tariff_chart=chart,
        findings=findings + scored,
        opportunities=opportunities,
        provenance=Provenance(
            version=__version__,
            seed=seed,
            draws=draws,
            parameters=sorted(pool.uses.values(), key=lambda use: use.name),
        ),
    )
    result._score_draws = score_draws(
        metrics, dimensions, outcomes, rubric_set, profile_weights, draws
    )
    if not levers or result.overall is None:
        return result

    def again(variant: Proposal) -> Evaluation:
        return evaluate(
            variant,
            seed=seed,
            draws=draws,
            registry=registry,
            rubrics=rubric_set,
            profile=profile,
            weights=weights,
            levers=False,
        )

    found = [
        lever
        for lever in (
            spare_worst_lines(proposal, tariffs, result, again) if tariffs is not None else None,
            scale_quotas(proposal, result, again),
        )
        if lever is not None
    ]
    with_levers = result.model_copy(update={"levers": found})
    with_levers._score_draws = result.score_draws
    return with_levers


def _nowhere(path: Path) -> tuple[str, int, int]:
    return ("<proposal>", 1, 1)


def _summary(name: str, values: FloatArray | None) -> Summary | None:
    if values is None:
        return None
    return bounded_summary(values, METRIC_UNITS[name])


def _pcbr(
    gain: FloatArray, redis: FloatArray, findings: list[Finding], locate: Locate
) -> FloatArray | None:
    """Redistribution per dollar of net gain, draw by draw; undefined unless the gain is > 0."""
    with np.errstate(over="ignore"):  # a vanishing gain gives an infinite ratio: undefined
        ratio: FloatArray = np.divide(redis, gain, out=np.full(gain.shape, np.inf), where=gain > 0)
    positive = np.isfinite(ratio)
    if positive.all():
        return ratio
    share = 1.0 - float(positive.mean())
    findings.append(
        _model_note(
            "redistribution",
            "pcbr.undefined",
            (),
            f"the net efficiency gain is not positive in {share:.0%} of draws (a tariff increase "
            "or a scheme whose losses exceed its gains), so the political cost-benefit ratio, "
            "income reshuffled per dollar of net gain, is undefined",
            locate,
        )
    )
    return None


def _model_note(dimension: Dimension, rule: str, path: Path, text: str, locate: Locate) -> Finding:
    file, line, col = locate(path)
    return Finding(
        dimension=dimension,
        rubric="models",
        rule=rule,
        evidence=Evidence(path=format_path(path), file=file, line=line, col=col),
        rationale=text,
    )


def _info(proposal: Proposal) -> ProposalInfo:
    origin = proposal.origin
    schedule = origin.schedule if origin is not None else None
    return ProposalInfo(
        title=proposal.title,
        file=origin.file if origin is not None else None,
        sha256=origin.sha256 if origin is not None else None,
        schedule_file=schedule.name if schedule is not None else None,
        schedule_sha256=origin.schedule_sha256 if origin is not None else None,
        kind=proposal.kind,
        evaluated_for=proposal.evaluated_for,
        parties=list(proposal.parties),
    )


def _origins(proposal: Proposal, outcome: MobilityOutcome | None) -> list[OriginResult]:
    if outcome is None or proposal.mobility is None:
        return []

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


def _skills(section: SkillMatching | None) -> SkillMatchingResult | None:
    if section is None:
        return None
    out = open_borders(section.north, section.south)
    south = list(section.south.values())
    return SkillMatchingResult(
        autarky_output=out.autarky_output,
        open_output=out.open_output,
        open_pairs=out.open_pairs,
        southern_inequality=out.southern_inequality,
        northern_low_skill_exposed=out.northern_low_skill_exposed,
        south_self_matching=max(south) / min(south) > GOLDEN_RATIO,
    )
