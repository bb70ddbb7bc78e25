"""``sensitivity(proposal)``: which uncertain inputs drive each score and headline metric.

Pure: no printing, no files. Every uncertain input is drawn from its own keyed U(0, 1) stream
(:mod:`evaluator.drawing`), so the model is a function of ``k`` independent U(0, 1) variables, one
per input, and the analysis works in that unit cube:

* **Sobol indices** (SALib): a Saltelli design of ``N x (k + 2)`` points in ``[0, 1]^k`` (scrambled
  Sobol' sequence), evaluated in one vectorised :func:`~evaluator.evaluation.evaluate` call (one
  point per draw), then first- and total-order indices with bootstrap confidence intervals
  (``SALib.analyze.sobol``: the Saltelli et al. 2010 estimators). Indices do not depend on the
  scale an input is drawn on, so they are those of the inputs themselves.
* **One-at-a-time swings**: every input at ``u = 0.5`` (its median; the mean too for a uniform
  input, which every uncertain input is today) and each in turn at ``u = 0.05`` and ``u = 0.95``
  (its 5th and 95th percentiles): ``2k + 1`` points, evaluated in the same call.

An output that does not vary over the design (a rubric score, or a general-equilibrium gain that
is a point estimate) gets zero indices and a note, never SALib's warning or a NaN. A score's band
also spans provisions the text leaves open (``evaluator score``); those are not model inputs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from evaluator.bounds import MAX_DRAWS
from evaluator.evaluation import DEFAULT_DRAWS, DEFAULT_SEED, METRIC_UNITS, evaluate
from evaluator.formatting import by_unit
from evaluator.models import Proposal
from evaluator.models.result import Basis, Evaluation, ParameterUse, Summary
from evaluator.models.sensitivity import (
    InputEffect,
    OutputSensitivity,
    SensitivityInput,
    SensitivityResult,
)
from evaluator.rendering import DIMENSION_LABELS, METRIC_LABELS
from evaluator.rubric.library import RubricSet, default_rubric_set
from evaluator.scoring import DIMENSIONS
from evaluator.sensitivity_design import (
    CONFIDENCE as CONFIDENCE,
)
from evaluator.sensitivity_design import (
    DEFAULT_SAMPLES,
    HIGH,
    LOW,
    SensitivityError,
    check_samples,
    evaluations_needed,
    saltelli_design,
    sobol_indices,
    swing_points,
)

FloatArray = npt.NDArray[np.float64]

MAX_EVALUATIONS = MAX_DRAWS
"""At most this many model evaluations in one analysis: they run as one evaluation with one
draw per design row, so the bound on ``--draws`` (time and memory) applies."""
HEADLINE_METRICS = ("efficiency_gain_usd", "redistribution_usd", "pcbr")
SCORE_UNIT = "score, 0-100"
PCBR_UNIT = "ratio: USD reshuffled per USD of net gain"
_CONSTANT = 1e-9
"""An output whose range over the design is within this share of its size does not vary (a
point estimate summed in another order differs in the last bits)."""
SPREAD_FIELD = "tariffs.lines"
"""The provenance field of an input given per tariff line, recorded as the lines' spread."""


def sensitivity(
    proposal: Proposal,
    *,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    draws: int = DEFAULT_DRAWS,
    rubrics: RubricSet | None = None,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    basis: Basis | None = None,
) -> SensitivityResult:
    """Sobol indices and one-at-a-time swings of a proposal's scores and headline metrics.

    Parameters
    ----------
    proposal : Proposal
        From :func:`evaluator.loading.load_proposal`.
    seed : int
        Seeds the reference evaluation's draws, the design's scrambling and the bootstrap.
    samples : int
        Base samples N of the Saltelli design, a power of 2; ``N x (k + 2)`` evaluations.
    draws : int
        Monte Carlo draws of the reference evaluation, whose bands are reported beside.
    rubrics, profile, weights, basis
        As for :func:`evaluator.evaluation.evaluate`.

    Returns
    -------
    SensitivityResult
        For the overall score, each dimension, the net gain, the income reshuffled and the
        PCBR: the band, the value at the inputs' medians and, per input, S1, ST (with 95%
        bootstrap half-widths) and the output at the input's 5th and 95th percentiles. Outputs
        that are not estimated or do not vary say so in ``note``.

    References
    ----------
    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S. (2010),
    "Variance based sensitivity analysis of model output", Computer Physics Communications
    181(2): 259-270. Herman, J., Usher, W. (2017), "SALib: An open-source Python library for
    Sensitivity Analysis", Journal of Open Source Software 2(9): 97.
    """
    check_samples(samples)
    rubric_set = rubrics or default_rubric_set()

    def run_at(n: int, uniforms: Mapping[str, FloatArray] | None = None) -> Evaluation:
        return evaluate(
            proposal,
            seed=seed,
            draws=n,
            rubrics=rubric_set,
            profile=profile,
            weights=weights,
            basis=basis,
            levers=False,
            uniforms=uniforms,
        )

    reference = run_at(draws)
    uses = [use for use in reference.provenance.parameters if use.distribution != "fixed"]
    keys = [use.name for use in uses]
    needed = evaluations_needed(samples, len(keys))
    if needed > MAX_EVALUATIONS:
        raise SensitivityError(
            f"{samples:,} samples with {len(keys)} uncertain inputs need {needed:,} model "
            f"evaluations, more than {MAX_EVALUATIONS:,}: ask for fewer --samples"
        )
    run: Evaluation | None = None
    design_rows = 0
    if keys:
        design = saltelli_design(keys, samples, seed)
        design_rows = design.shape[0]
        points = np.vstack([design, swing_points(len(keys))])
        run = run_at(
            points.shape[0],
            {key: np.ascontiguousarray(points[:, i]) for i, key in enumerate(keys)},
        )
        drawn = sorted(u.name for u in run.provenance.parameters if u.distribution != "fixed")
        if drawn != sorted(keys):  # the models asked for other inputs under the design: a bug
            raise RuntimeError(f"uncertain inputs changed under the design: {keys} != {drawn}")
    outputs = [
        _output(name, reference, run, design_rows, keys, seed)
        for name in ("overall", *DIMENSIONS, *HEADLINE_METRICS)
    ]
    return SensitivityResult(
        proposal=reference.proposal,
        basis=reference.basis,
        profile=reference.overall.profile if reference.overall is not None else None,
        seed=seed,
        draws=draws,
        samples=samples,
        evaluations=needed,
        inputs=[_input(use) for use in uses],
        outputs=outputs,
        notes=_notes(reference, keys),
    )


def _values(evaluation: Evaluation, name: str) -> FloatArray | None:
    if name in HEADLINE_METRICS:
        found = evaluation.metric_draws.get(name)
    else:
        found = evaluation.score_draws.get(name)
    return None if found is None else np.asarray(found, dtype=np.float64)


def _reported(evaluation: Evaluation, name: str) -> Summary | None:
    if name in HEADLINE_METRICS:
        return evaluation.metrics.get(name)
    score = evaluation.overall if name == "overall" else evaluation.dimensions.get(name)
    if score is None:
        return None
    return Summary(mean=score.score, p05=score.p05, p95=score.p95, unit=SCORE_UNIT)


def _does_not_vary(y: FloatArray) -> bool:
    size = float(np.max(np.abs(y)))
    return float(np.ptp(y)) <= _CONSTANT * size


def _output(
    name: str,
    reference: Evaluation,
    run: Evaluation | None,
    design_rows: int,
    keys: list[str],
    seed: int,
) -> OutputSensitivity:
    kind = "metric" if name in HEADLINE_METRICS else "score"
    unit = SCORE_UNIT if kind == "score" else PCBR_UNIT if name == "pcbr" else METRIC_UNITS[name]
    reported = _reported(reference, name)

    def without(note: str, base: float | None = None) -> OutputSensitivity:
        return OutputSensitivity(
            name=name, kind=kind, unit=unit, reported=reported, base=base, varies=False, note=note
        )

    if reported is None:
        return without(_not_estimated(reference, name))
    if run is None:
        values = _values(reference, name)
        base = float(values[0]) if values is not None and values.size else reported.mean
        return without("does not vary: the proposal has no uncertain inputs", base)
    y = _values(run, name)
    lost = _values(reference, "pcbr") is not None and _values(run, "pcbr") is None
    if y is None or (lost and name in ("pcbr", "redistribution", "overall")):
        return without(
            "not analysed: the net gain is not positive at some points of the sensitivity "
            "design, where the PCBR (and so the redistribution score) is undefined"
        )
    design, swings = y[:design_rows], y[design_rows:]
    base, lows, highs = float(swings[0]), swings[1::2], swings[2::2]
    varies = not (_does_not_vary(design) and _does_not_vary(swings))
    if varies:
        indices = sobol_indices(keys, design, seed)
    else:
        indices = {label: np.zeros(len(keys)) for label in ("S1", "S1_conf", "ST", "ST_conf")}
    effects = [
        InputEffect(
            input=key,
            s1=float(indices["S1"][i]),
            s1_conf=float(indices["S1_conf"][i]),
            st=float(indices["ST"][i]),
            st_conf=float(indices["ST_conf"][i]),
            low=float(lows[i]) if varies else base,
            high=float(highs[i]) if varies else base,
        )
        for i, key in enumerate(keys)
    ]
    effects.sort(key=lambda e: (-e.st, -abs(e.high - e.low), e.input))
    note = None if varies else _constant_note(kind, reported)
    return OutputSensitivity(
        name=name,
        kind=kind,
        unit=unit,
        reported=reported,
        base=base,
        varies=varies,
        note=note,
        effects=effects,
    )


def _constant_note(kind: str, reported: Summary) -> str:
    note = "does not vary with the uncertain inputs"
    if kind == "score" and reported.p95 > reported.p05:
        note += "; its band comes from provisions the text leaves open"
    return note


def _not_estimated(reference: Evaluation, name: str) -> str:
    if name not in HEADLINE_METRICS:
        reason = reference.not_assessed.get(name)
        return f"not assessed: {reason}" if reason else "not scored for this proposal"
    why = {"efficiency_gain_usd.not_applicable"} | ({"pcbr.undefined"} if name == "pcbr" else set())
    for finding in reference.findings:
        if finding.rule in why:
            return f"not estimated: {finding.rationale}"
    return "not estimated for this proposal"


def _notes(reference: Evaluation, keys: list[str]) -> list[str]:
    notes = []
    if reference.metrics.get("efficiency_gain_usd") is None:
        notes.append(
            "no economics: the proposal has no tariffs or mobility section, so the net gain, the "
            "income reshuffled and the PCBR are not estimated and only rubric scores remain"
        )
    if reference.general_equilibrium is not None:
        notes.append(
            "the trade part of the net gain and of the income reshuffled comes from the "
            "general-equilibrium model, a point estimate: the tariff elasticities drawn for the "
            "partial-equilibrium estimate do not move it"
        )
    if not keys:
        notes.append(
            "nothing uncertain: every model input this proposal uses is a fixed number, so no "
            "input drives a band (a score's band, if any, comes from provisions the text "
            "leaves open)"
        )
    return notes


def _input(use: ParameterUse) -> SensitivityInput:
    assert use.low is not None and use.high is not None and use.distribution != "fixed"
    p05 = p95 = None
    if use.field != SPREAD_FIELD:
        p05, p95 = _percentiles(use)
    return SensitivityInput(
        name=use.name,
        unit=use.unit,
        distribution=use.distribution,
        low=use.low,
        high=use.high,
        p05=p05,
        p95=p95,
        set_by=use.set_by,
        field=use.field,
        source=use.source,
    )


def _percentiles(use: ParameterUse) -> tuple[float | None, float | None]:
    """The input's 5th and 95th percentiles: exact for a uniform input; a triangular one (a
    packaged default) through its own quantile function."""
    assert use.low is not None and use.high is not None
    if use.distribution == "uniform":
        width = use.high - use.low
        return use.low + LOW * width, use.low + HIGH * width
    from evaluator.economics.parameters import default_parameters

    registry = default_parameters()
    if use.set_by != "default" or use.name not in registry:
        return None, None
    low, high = registry.get(use.name).quantiles(np.array([LOW, HIGH]))
    return float(low), float(high)


def label(name: str) -> str:
    """A reader's name for an output."""
    if name == "overall":
        return "Overall score"
    if name in DIMENSION_LABELS:
        return DIMENSION_LABELS[name]
    return METRIC_LABELS.get(name, name)


def value_text(value: float, unit: str) -> str:
    """An output's value as the tables print it.

    >>> value_text(86.42, SCORE_UNIT), value_text(2.5e9, "USD per year")
    ('86.4', '$2.50bn')
    """
    if unit == SCORE_UNIT:
        return f"{value:.1f}"
    return by_unit(value, unit)
