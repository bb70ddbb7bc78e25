"""The economic models of an evaluation: which run, on which draws, and the input check.

:func:`run_models` is the first step of :func:`evaluator.evaluation.evaluate`;
:func:`check_inputs` runs it on a few draws so that ``validate`` refuses everything
``score`` would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from evaluator.bounds import DEFAULT_CELL_BUDGET
from evaluator.drawing import Draws, Path
from evaluator.economics.component import Component, Run, Settings
from evaluator.economics.cross_checks import GainsFromTrade, SkillMatching
from evaluator.economics.general_equilibrium.component import GeneralEquilibriumModel
from evaluator.economics.mobility.component import MobilityModel
from evaluator.economics.parameters import ParameterRegistry, default_parameters
from evaluator.economics.tariffs.component import TariffModel
from evaluator.models import Proposal
from evaluator.models.result import Basis, BasisTotals, Finding, Summary

FloatArray = npt.NDArray[np.float64]

DEFAULT_SEED = 20_261_122

COMPONENTS: tuple[Component, ...] = (
    TariffModel(),
    GeneralEquilibriumModel(),
    MobilityModel(),
    GainsFromTrade(),
    SkillMatching(),
)
"""The economic models, in the order they run; each is one component (``economics/``)."""

MODEL_INPUTS = (
    "economy",
    "parameters",
    "sources",
    "tariffs",
    "general_equilibrium",
    "mobility",
    "skill_matching",
    "evaluated_for",
    "parties",
)
"""The proposal fields the economic models read: a variant that shares them reuses the runs."""


@dataclass(frozen=True)
class Accounts:
    """What an evaluation works out from the model runs alone, on one basis: the metric draws,
    their summaries, the basis blocks and the model notes of the accounting."""

    metrics: dict[str, FloatArray | None]
    summaries: dict[str, Summary | None]
    blocks: dict[Basis, BasisTotals]
    notes: list[Finding]


@dataclass(frozen=True)
class ModelRuns:
    """The economic models' runs of an evaluation, and the draws they used.

    ``accounts`` keeps, per basis, what follows from the runs alone, so the variants that share
    the runs (a rubric provision edited, a recommendation re-scored) reuse it."""

    runs: list[tuple[Component, Run]]
    pool: Draws
    accounts: dict[Basis, Accounts] = field(default_factory=dict)


CHECK_DRAWS = 100
"""Draws ``check_inputs`` runs the models on: the fewest ``--draws`` accepts; every input the
models read is read on the first draw, so more would only cost time."""


def check_inputs(proposal: Proposal, registry: ParameterRegistry | None = None) -> None:
    """Raise the ``ProposalError`` evaluation would raise for ``proposal``, without scoring it:
    the models run on :data:`CHECK_DRAWS` draws, so ``validate`` accepts only what ``score``
    evaluates."""
    run_models(proposal, DEFAULT_SEED, CHECK_DRAWS, registry, None, DEFAULT_CELL_BUDGET)


def run_models(
    proposal: Proposal,
    seed: int,
    draws: int,
    registry: ParameterRegistry | None,
    uniforms: Mapping[str, FloatArray] | None,
    cell_budget: int,
) -> tuple[list[tuple[Component, Run]], Draws]:
    origin = proposal.origin
    pool = Draws(
        seed=seed,
        n=draws,
        registry=registry or default_parameters(),
        overrides=proposal.parameters,
        sources={s.id: s for s in proposal.sources},
        locate=origin.locate if origin is not None else nowhere,
        fixed_uniforms=uniforms or {},
        status_of=origin.status_of if origin is not None else None,
        cell_budget=cell_budget,
    )
    pool.check_overrides()
    settings = Settings(horizon_years=round(pool.value("present_value_horizon_years")))
    runs = [(c, c.run(proposal, pool, settings)) for c in COMPONENTS if c.applies(proposal)]
    return runs, pool


def nowhere(path: Path) -> tuple[str, int, int]:
    """The location of a field of a proposal built in code (no file)."""
    return ("<proposal>", 1, 1)
