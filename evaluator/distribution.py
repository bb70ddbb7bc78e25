"""Monte Carlo summaries shared by the model components and the evaluation."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.economics.sampling import summarise
from evaluator.models.result import Summary

FloatArray = npt.NDArray[np.float64]


def bounded_summary(values: FloatArray, unit: str) -> Summary:
    """Mean, p05 and p95 over the draws, with p05 <= mean <= p95 (the mean of identical
    draws can differ from them in the last bit). A zero is a zero: never -0.0.

    >>> bounded_summary(np.array([-0.0, -0.0]), "USD").p05
    0.0
    """
    mean, p05, p95 = (float(x) + 0.0 for x in summarise(np.asarray(values, dtype=np.float64)))
    return Summary(mean=mean, p05=min(p05, mean), p95=max(p95, mean), unit=unit)
