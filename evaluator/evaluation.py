"""``evaluate(proposal)``: run the economic models under Monte Carlo draws.

Pure: no printing, no files. Every metric is a mean with 5th and 95th percentiles over the draws;
a metric that does not apply is None, and a finding says why.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from evaluator import __version__
from evaluator.accounting import PCBR_UNIT, basis_totals, changes_nothing, model_note
from evaluator.assessment import not_assessed_reasons
from evaluator.bounds import DEFAULT_CELL_BUDGET
from evaluator.distribution import bounded_summary
from evaluator.drawing import Locate, Path
from evaluator.drivers import drivers
from evaluator.economics.component import Component, Run, score_changes
from evaluator.economics.parameters import ParameterRegistry
from evaluator.input_status import NOT_STATED, InputStatus
from evaluator.inputs_basis import inputs_basis, reliance
from evaluator.model_runs import (
    COMPONENTS as COMPONENTS,
)
from evaluator.model_runs import (
    DEFAULT_SEED as DEFAULT_SEED,
)
from evaluator.model_runs import (
    MODEL_INPUTS,
    Accounts,
    ModelRuns,
    nowhere,
    run_models,
)
from evaluator.models import Proposal
from evaluator.models.result import (
    Basis,
    Evaluation,
    Finding,
    Lever,
    OpenProvision,
    ProposalInfo,
    Provenance,
    Recommendation,
    Summary,
)
from evaluator.provisions import key_provisions
from evaluator.recommend import best_combination, moved, recommend
from evaluator.reconcile import reconcile
from evaluator.rubric.engine import apply_rubric
from evaluator.rubric.library import RubricSet, default_rubric_set
from evaluator.scoring import (
    overall_score,
    resolve_weights,
    score_dimensions,
    score_draws,
)

FloatArray = npt.NDArray[np.float64]
DEFAULT_DRAWS = 10_000
DEFAULT_BASIS: Basis = "global"
"""Gains counted for everyone, migrants and partners included: the basis on which the essay's
comparison of trade and labor mobility is made (README, "Accounting basis")."""
_PERCENT = 100.0

METRIC_UNITS = {
    "efficiency_gain_usd": "USD per year",
    "efficiency_gain_pct_gdp": "% of GDP",
    "redistribution_usd": "USD per year",
    "pcbr": PCBR_UNIT,
    **{name: unit for component in COMPONENTS for name, unit in component.metrics.items()},
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
    basis: Basis | None = None,
    levers: bool = True,
    uniforms: Mapping[str, FloatArray] | None = None,
    cell_budget: int = DEFAULT_CELL_BUDGET,
    extras: bool = True,
    models: ModelRuns | None = None,
    keep_runs: bool = False,
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
    basis : {"national", "global"}, optional
        Whose gains the headline metrics and the scores count; the profile's basis if it sets
        one, else :data:`DEFAULT_BASIS`. Both bases are always in ``result.bases``.
    levers : bool
        Also re-evaluate model levers (variants of the proposal) with the same draws.
    uniforms : mapping of str to array, optional
        U(0, 1) values, ``draws`` of each, to use for these draw keys instead of the seeded
        streams (a sensitivity design: one row per model evaluation).
    cell_budget : int
        Lines x draws a tariff schedule off the closed form may be evaluated on; over it, a
        located ``ProposalError`` before any work (:mod:`evaluator.bounds`).
    extras : bool
        With ``levers``: also the best combination of recommendations, the drivers, the other
        basis' scores, the inputs' basis and the reconciliation (what a brief shows). False
        gives the levers and the recommendations only (the studio's live panel).
    models : ModelRuns, optional
        The model runs of an earlier evaluation of this proposal with the same seed, draws,
        registry and uniforms (``Evaluation.model_runs``): reused instead of running the models
        again.
    keep_runs : bool
        Keep the model runs in ``result.model_runs`` (they hold the draws: off by default, so a
        batch of evaluations does not keep every one's draws alive).
    """
    origin = proposal.origin
    locate: Locate = origin.locate if origin is not None else nowhere
    models = models or ModelRuns(
        *run_models(proposal, seed, draws, registry, uniforms, cell_budget)
    )
    runs, pool = models.runs, models.pool
    findings = [
        model_note(n.dimension, n.rule, n.path, n.text, locate) for _, r in runs for n in r.notes
    ]
    superseded = {name for _, run in runs for name in run.supersedes}
    counted = [run for c, run in runs if c.name not in superseded]
    rubric_set = rubrics or default_rubric_set()
    profile_name, profile_weights = resolve_weights(rubric_set, profile, weights)
    chosen = resolve_basis(rubric_set, profile, basis)
    if chosen not in models.accounts:
        models.accounts[chosen] = _accounts(proposal, runs, counted, locate, chosen)
    accounts = models.accounts[chosen]
    metrics, summaries, blocks = dict(accounts.metrics), dict(accounts.summaries), accounts.blocks
    findings += accounts.notes
    outcomes = [o for loaded in rubric_set.rubrics for o in apply_rubric(loaded, proposal)]
    still = changes_nothing(counted)  # the proposal changes nothing the models measure
    dimensions, scored, opps = score_dimensions(summaries, outcomes, rubric_set, locate, still)
    result = Evaluation(
        proposal=_info(proposal),
        dimensions=dimensions,
        not_assessed=not_assessed_reasons(dimensions, outcomes, still),
        overall=overall_score(dimensions, profile_name, profile_weights),
        metrics=summaries,
        basis=chosen,
        bases=blocks,
        winners_losers=sorted(
            (g for c, run in runs if c.name not in superseded for g in run.groups),
            key=lambda g: -abs(g.effect_usd.mean),
        ),
        findings=findings + scored,
        opportunities=opps,
        provenance=Provenance(
            version=__version__,
            seed=seed,
            draws=draws,
            parameters=sorted(pool.uses.values(), key=lambda use: use.name),
        ),
        **{key: value for _, run in runs for key, value in run.fills.items()},
    )
    result._score_draws = score_draws(
        metrics, dimensions, outcomes, rubric_set, profile_weights, draws
    )
    result._metric_draws = metrics
    if keep_runs:
        result._model_runs = models
    if not levers or result.overall is None:
        return result

    def again(variant: Proposal) -> Evaluation:
        same = all(getattr(variant, name) is getattr(proposal, name) for name in MODEL_INPUTS)
        return evaluate(
            variant,
            seed=seed,
            draws=draws,
            registry=registry,
            rubrics=rubric_set,
            profile=profile,
            weights=weights,
            basis=chosen,
            levers=False,
            uniforms=uniforms,
            cell_budget=cell_budget,
            models=models if same and variant.origin is proposal.origin else None,
        )

    found = [lever for c, run in runs for lever in c.levers(proposal, run, result, again)]
    edits = recommend(proposal, result, outcomes, again, score_changes)
    advice = sorted(
        [*edits, *(_lever_advice(lever) for lever in found if (lever.overall_change or 0) > 0)],
        key=lambda r: (-(r.overall_change or 0.0), r.title),
    )
    if not extras:
        return _with_draws(
            result.model_copy(update={"levers": found, "recommendations": advice}), result
        )
    status_of = origin.status_of if origin is not None else _unstated
    entries = inputs_basis(
        proposal,
        result.provenance.parameters,
        status_of,
        origin.line_statuses if origin is not None else None,
    )
    rests_on = reliance(proposal, entries, chosen, result.general_equilibrium is not None)
    combination = best_combination(proposal, result, advice, again, score_changes)
    if combination is not None and advice:
        alone = advice[0].overall_change or 0.0
        if (combination.overall_change or 0.0) <= alone:
            combination = None  # no pair or triple beats the best single change
    with_levers = result.model_copy(
        update={
            "levers": found,
            "recommendations": advice,
            "best_combination": combination,
            "inputs": entries,
            "provisions": key_provisions(proposal),
            "open_provisions": [
                OpenProvision(
                    dimension=o.rubric.rubric.dimension,
                    rule=o.rule.id,
                    title=o.rule.title,
                    points=o.rule.points,
                )
                for o in outcomes
                if o.status == "unsettled"
            ],
            "reliance": rests_on,
            "reconciliation": reconcile(proposal, result),
            "drivers": drivers(proposal, result, rubric_set, profile, weights, chosen),
            "other_basis_scores": _scores(
                evaluate(
                    proposal,
                    seed=seed,
                    draws=draws,
                    registry=registry,
                    rubrics=rubric_set,
                    profile=profile,
                    weights=weights,
                    basis="national" if chosen == "global" else "global",
                    levers=False,
                    models=models,
                )
            ),
        }
    )
    return _with_draws(with_levers, result)


def _with_draws(copy: Evaluation, result: Evaluation) -> Evaluation:
    """``copy`` (a ``model_copy`` of ``result`` with more fields) with ``result``'s per-draw
    scores and metrics and its model runs, which a copy does not carry."""
    copy._score_draws = result.score_draws
    copy._metric_draws = result.metric_draws
    copy._model_runs = result.model_runs
    return copy


def _lever_advice(lever: Lever) -> Recommendation:
    return Recommendation(
        title=lever.title,
        kind="model_lever",
        dimension=None,
        rule=None,
        text=lever.description,
        source="",
        edits=lever.edits,
        dimension_changes=moved(lever.dimension_changes),
        overall_change=lever.overall_change,
    )


def resolve_basis(rubrics: RubricSet, profile: str | None, basis: Basis | None) -> Basis:
    """The basis asked for, else the profile's, else :data:`DEFAULT_BASIS`."""
    if basis is not None:
        return basis
    chosen = rubrics.profiles.profiles.get(profile or rubrics.profiles.default)
    return chosen.basis if chosen is not None and chosen.basis else DEFAULT_BASIS


def _scores(evaluation: Evaluation) -> dict[str, float]:
    out = {d: s.score for d, s in evaluation.dimensions.items() if s is not None}
    if evaluation.overall is not None:
        out["overall"] = evaluation.overall.score
    return out


def _unstated(path: Path) -> InputStatus:
    return NOT_STATED


def _accounts(
    proposal: Proposal,
    runs: list[tuple[Component, Run]],
    counted: list[Run],
    locate: Locate,
    chosen: Basis,
) -> Accounts:
    """The metrics, their summaries and the basis blocks the model runs give on ``chosen``."""
    metrics: dict[str, FloatArray | None] = dict.fromkeys(METRIC_UNITS)
    for _, run in runs:
        metrics |= run.metrics
    notes: list[Finding] = []
    totals, blocks = basis_totals(proposal, counted, notes, locate, chosen)
    metrics |= totals
    summaries = {name: _summary(name, values) for name, values in metrics.items()}
    if chosen in blocks:
        summaries["pcbr"] = blocks[chosen].pcbr
    return Accounts(metrics, summaries, blocks, notes)


def _summary(name: str, values: FloatArray | None) -> Summary | None:
    if values is None:
        return None
    return bounded_summary(values, METRIC_UNITS[name])


def short_name(title: str, limit: int = 32) -> str:
    """A title shortened for sentences and charts: the part before a parenthesis, cut at a word.

    >>> short_name("Bilateral temporary worker scheme after Rodrik (hypothetical, US host)")
    'Bilateral temporary worker…'
    """
    head = title.split(" (", 1)[0].strip() or title
    if len(head) <= limit:
        return head
    cut = head[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _info(proposal: Proposal) -> ProposalInfo:
    origin = proposal.origin
    schedule = origin.schedule if origin is not None else None
    return ProposalInfo(
        title=proposal.title,
        short_title=proposal.short_title or short_name(proposal.title),
        summary=proposal.summary,
        sources={source.id: source.citation for source in proposal.sources},
        file=origin.file if origin is not None else None,
        sha256=origin.sha256 if origin is not None else None,
        schedule_file=schedule.name if schedule is not None else None,
        schedule_sha256=origin.schedule_sha256 if origin is not None else None,
        kind=proposal.kind,
        evaluated_for=proposal.evaluated_for,
        parties=list(proposal.parties),
    )
