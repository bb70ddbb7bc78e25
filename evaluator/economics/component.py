"""The interface every economic model implements, so that ``evaluate()`` only iterates over them.

A component reads its proposal section and the shared draws and returns a :class:`Run`: its
metrics (arrays of draws, keyed by the result contract's names), its contribution to the national
net gain and to the income reshuffled, winners and losers, notes that become findings, fields of
the evaluation it fills (chart data, per-origin results), and an opaque state its levers use.
Levers re-score variants of the proposal with the same draws. Methods text and the modelling
choices a brief lists live beside each model, here as class attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws, Path
from evaluator.models import Proposal
from evaluator.models.result import Dimension, Evaluation, GroupEffect, Lever

FloatArray = npt.NDArray[np.float64]
Again = Callable[[Proposal], Evaluation]
"""Re-evaluate a variant of the proposal with the same seed, draws and weights, without levers."""


@dataclass(frozen=True)
class Note:
    """Something a model wants the reader to know, located at a proposal path."""

    dimension: Dimension
    rule: str
    path: Path
    text: str


@dataclass(frozen=True)
class Settings:
    """Evaluation-wide settings every component may read."""

    horizon_years: int
    """Years over which annual effects are accumulated (``present_value_horizon_years``)."""


@dataclass(frozen=True)
class Run:
    """What one component contributes to an evaluation."""

    metrics: Mapping[str, FloatArray | None] = field(default_factory=dict)
    gain_usd: FloatArray | None = None
    """National net gain per draw: the evaluated country's residents only (None: the model adds
    no gain, e.g. a cross-check)."""
    reshuffled_usd: FloatArray | None = None
    """Residents' gross losses per draw (the income reshuffled at home)."""
    parts: Mapping[str, FloatArray] = field(default_factory=dict)
    """The national income reshuffled split into its parts (they sum to ``reshuffled_usd``)."""
    foreign_gain_usd: FloatArray | None = None
    """What the global basis adds to the gain: non-residents' gains the model assesses."""
    gain_label: str = ""
    """Whose gain ``gain_usd`` is, in words (a part of the net gain in the brief)."""
    foreign_gain_label: str = ""
    """Whose gain ``foreign_gain_usd`` is, in words."""
    foreign_parts: Mapping[str, FloatArray] = field(default_factory=dict)
    """What the global basis adds to the income reshuffled, by part."""
    national_counts: tuple[str, ...] = ()
    """What the national gain counts, in plain words."""
    global_adds: tuple[str, ...] = ()
    """What the global basis adds, in plain words."""
    not_assessed: tuple[str, ...] = ()
    """Effects the model leaves out of both bases (or of the global one), in plain words."""
    groups: tuple[GroupEffect, ...] = ()
    notes: tuple[Note, ...] = ()
    supersedes: tuple[str, ...] = ()
    """Components whose gain and reshuffled income this run's replace in the totals."""
    fills: Mapping[str, Any] = field(default_factory=dict)
    """Fields of :class:`~evaluator.models.result.Evaluation` this model fills."""
    state: Any = None


class Component(Protocol):
    """One economic model."""

    name: ClassVar[str]
    """Key of the model in methods text (``tariffs``, ``mobility``, ...)."""
    metrics: ClassVar[Mapping[str, str]]
    """Every metric the model may report, in order, with its unit."""
    methods: ClassVar[tuple[str, ...]]
    """Paragraphs for the brief's methods section."""
    references: ClassVar[tuple[str, ...]]
    """Full citations of the works the methods paragraphs name (the brief lists them)."""
    assumptions: ClassVar[tuple[Mapping[str, str], ...]]
    """The model's own modelling choices: name, value, why."""

    def applies(self, proposal: Proposal) -> bool:
        """True when the proposal has the section this model reads."""
        ...

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        """Evaluate the model under the draws."""
        ...

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        """Variants of the proposal worth re-scoring, each with its score changes."""
        ...


def score_changes(base: Evaluation, other: Evaluation) -> tuple[dict[str, float], float | None]:
    """Each dimension's score change, and the overall's, from ``base`` to ``other``."""
    changes = {}
    for name, score in base.dimensions.items():
        new = other.dimensions.get(name)
        if score is not None and new is not None:
            changes[name] = round(new.score - score.score, 6)
    overall = None
    if base.overall is not None and other.overall is not None:
        overall = round(other.overall.score - base.overall.score, 6)
    return changes, overall
