"""Floating-point policy of the kernels: underflow is harmless, overflow and NaN are not.

The test suite runs every model under ``numpy.errstate(all="raise")``. A product of two small
numbers (a tiny rate times a tiny elasticity) may underflow to a subnormal or zero, which is the
right answer, not an error; overflow, invalid operations and division by zero still raise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


def tolerate_underflow(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with numpy underflow ignored, keeping every other error setting.

    Examples
    --------
    >>> @tolerate_underflow
    ... def tiny() -> float:
    ...     return float(np.float64(1e-300) * np.float64(1e-300))
    >>> with np.errstate(all="raise"):
    ...     tiny()
    0.0
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with np.errstate(under="ignore"):
            return func(*args, **kwargs)

    return wrapper
