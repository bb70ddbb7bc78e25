"""The Sobol' design and indices of a sensitivity analysis (SALib), and the swing points.

:mod:`evaluator.sensitivity` evaluates the proposal at these points; this module only builds
them and reads the indices off the outputs.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

from evaluator.errors import EvaluatorError

FloatArray = npt.NDArray[np.float64]

DEFAULT_SAMPLES = 512
"""Base samples N of the Saltelli design (a power of 2, as the Sobol' sequence wants)."""
MIN_SAMPLES = 8
MAX_SAMPLES = 65_536
LOW, MEDIAN, HIGH = 0.05, 0.5, 0.95
"""Where the swings put an input in U(0, 1): its 5th percentile, median and 95th percentile."""
CONFIDENCE = 0.95
RESAMPLES = 100


class SensitivityError(EvaluatorError, ValueError):
    """An analysis that cannot be run as asked (too many evaluations, a bad sample size)."""


def check_samples(samples: int) -> None:
    """Refuse a sample size that is not a power of 2 in [MIN_SAMPLES, MAX_SAMPLES].

    >>> check_samples(512)
    >>> check_samples(500)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    evaluator.sensitivity_design.SensitivityError: samples must be a power of 2 ..., got 500
    """
    ok = MIN_SAMPLES <= samples <= MAX_SAMPLES and samples & (samples - 1) == 0
    if isinstance(samples, bool) or not ok:
        raise SensitivityError(
            f"samples must be a power of 2 from {MIN_SAMPLES} to {MAX_SAMPLES:,} (the Sobol' "
            f"sequence's balance needs one), got {samples}"
        )


def evaluations_needed(samples: int, inputs: int) -> int:
    """Model evaluations for ``inputs`` uncertain inputs: the design plus the swings.

    >>> evaluations_needed(512, 9)
    5651
    """
    if inputs == 0:
        return 0
    return samples * (inputs + 2) + 2 * inputs + 1


def saltelli_design(keys: list[str], samples: int, seed: int) -> FloatArray:
    """The Saltelli design in [0, 1]^k for first- and total-order indices (SALib).

    ``samples x (k + 2)`` rows, in SALib's order: for each base sample, a point ``A``, then
    ``A`` with input ``i``'s value taken from a second point ``B`` (``i = 1..k``), then ``B``.
    ``A`` and ``B`` come from one scrambled Sobol' sequence of dimension ``2k``, seeded.
    """
    from SALib.sample import sobol as sobol_sample

    problem = _problem(keys)
    design = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    return np.asarray(design, dtype=np.float64)


def swing_points(k: int) -> FloatArray:
    """Row 0: every input at its median; rows 2i+1, 2i+2: input i at its 5th, 95th percentile.

    >>> swing_points(2).tolist()
    [[0.5, 0.5], [0.05, 0.5], [0.95, 0.5], [0.5, 0.05], [0.5, 0.95]]
    """
    points = np.full((2 * k + 1, k), MEDIAN)
    for i in range(k):
        points[2 * i + 1, i] = LOW
        points[2 * i + 2, i] = HIGH
    return points


def _problem(keys: list[str]) -> dict[str, object]:
    return {"num_vars": len(keys), "names": list(keys), "bounds": [[0.0, 1.0]] * len(keys)}


def sobol_indices(keys: list[str], y: FloatArray, seed: int) -> dict[str, FloatArray]:
    """S1, S1_conf, ST, ST_conf (one value per input, in ``keys`` order) from SALib.

    ``y`` is the output at the rows of :func:`saltelli_design`, in order; it must vary (a
    constant output has no variance to share out). The confidence values are half-widths of
    95% intervals from 100 bootstrap resamples, seeded.
    """
    from SALib.analyze import sobol as sobol_analyze

    with warnings.catch_warnings():
        # a bootstrap resample can be constant when only a few points vary: SALib warns and
        # returns 0 for that resample, which is the right contribution to the interval
        warnings.filterwarnings("ignore", message="Constant values encountered")
        with np.errstate(under="ignore"):
            indices = sobol_analyze.analyze(
                _problem(keys),
                y,
                calc_second_order=False,
                num_resamples=RESAMPLES,
                conf_level=CONFIDENCE,
                seed=seed + 1,  # SALib ignores a seed of 0; seed + 1 >= 1 always counts
            )
    return {
        name: np.asarray(indices[name], dtype=np.float64)
        for name in ("S1", "S1_conf", "ST", "ST_conf")
    }
