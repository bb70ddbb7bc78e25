"""Monte Carlo draws with common random numbers, keyed by parameter name.

Every uncertain parameter gets its own stream of U(0,1) draws, seeded from the run's seed and a
SHA-256 hash of the parameter's *name*. Two consequences the comparison relies on:

* every proposal scored with the same seed sees the same draws for the same parameter (common
  random numbers), so differences between proposals are not sampling noise;
* adding, removing or reordering parameters changes nobody else's draws, because no stream is
  consumed in sequence from a shared generator.

The U(0,1) draws are then mapped to a parameter's distribution by its inverse CDF, so the same
uniform stream drives a ``uniform``, ``triangular`` or ``fixed`` parameter alike.
"""

from __future__ import annotations

import hashlib
import math
from typing import Literal

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow

FloatArray = npt.NDArray[np.float64]
DistributionKind = Literal["uniform", "fixed", "triangular"]

#: Percentiles reported beside every mean: the 90% interval the result contract names p05/p95.
LOWER_PERCENTILE = 5.0
UPPER_PERCENTILE = 95.0


def stream_key(name: str) -> tuple[int, ...]:
    """Return the stable integer key of a parameter name.

    The key is the SHA-256 digest of the UTF-8 name read as eight little-endian 32-bit words. It
    depends on nothing but the name: not on Python's per-process ``hash`` salt, the platform or the
    order parameters were registered in.

    Examples
    --------
    >>> len(stream_key("native_wage_elasticity"))
    8
    >>> stream_key("a") == stream_key("a")
    True
    """
    if not name:
        raise ValueError("a parameter name is needed to key its random draws")
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return tuple(int(w) for w in np.frombuffer(digest, dtype="<u4"))


def generator_for(name: str, seed: int) -> np.random.Generator:
    """Return the random generator of one parameter in one run.

    Parameters
    ----------
    name : str
        Parameter name, e.g. ``"native_wage_elasticity"``.
    seed : int
        The run's recorded seed (a non-negative integer).

    Examples
    --------
    >>> g1, g2 = generator_for("x", 7), generator_for("x", 7)
    >>> bool(g1.random() == g2.random())
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.default_rng([int(seed), *stream_key(name)])


def draws_for(name: str, seed: int, n: int) -> FloatArray:
    """Return ``n`` U(0,1) draws for parameter ``name`` under ``seed``.

    The first ``k`` draws do not depend on ``n``: asking for more draws extends the stream.

    Examples
    --------
    >>> u = draws_for("remittance_share", seed=1, n=5)
    >>> u.shape, bool(((u >= 0) & (u < 1)).all())
    ((5,), True)
    >>> bool((draws_for("remittance_share", 1, 3) == u[:3]).all())
    True
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"the number of draws must be a positive integer, got {n!r}")
    return generator_for(name, seed).random(int(n))


@tolerate_underflow
def inverse_cdf(
    u: npt.ArrayLike,
    kind: DistributionKind,
    low: npt.ArrayLike,
    high: npt.ArrayLike,
    mode: npt.ArrayLike | None = None,
) -> FloatArray:
    """Map U(0,1) draws to a distribution by its inverse CDF (quantile function).

    Parameters
    ----------
    u : array_like
        Draws in [0, 1).
    kind : {"uniform", "fixed", "triangular"}
        ``fixed`` returns ``low`` everywhere (pass ``low == high == value``).
    low, high : array_like
        Support; broadcast against ``u``.
    mode : array_like, optional
        Peak of a triangular distribution, ``low <= mode <= high``.

    Notes
    -----
    Triangular quantile: with ``c = (mode - low) / (high - low)``,
    ``x = low + sqrt(u c) (high - low)`` for ``u < c``, else
    ``x = high - sqrt((1 - u)(1 - c)) (high - low)``.

    References
    ----------
    Standard inverse-CDF sampling; no source-specific value [D].

    Examples
    --------
    >>> inverse_cdf([0.0, 0.5], "uniform", -0.4, 0.0).round(2).tolist()
    [-0.4, -0.2]
    >>> inverse_cdf([0.5], "triangular", 0.0, 2.0, mode=1.0).tolist()
    [1.0]
    """
    uu = np.asarray(u, dtype=np.float64)
    lo = np.asarray(low, dtype=np.float64)
    hi = np.asarray(high, dtype=np.float64)
    width = hi - lo
    if kind == "fixed":
        return np.broadcast_to(lo, np.broadcast_shapes(uu.shape, lo.shape)).astype(np.float64)
    if kind == "uniform":
        return np.asarray(lo + uu * width, dtype=np.float64)
    if kind == "triangular":
        if mode is None:
            raise ValueError("a triangular distribution needs a mode")
        md = np.asarray(mode, dtype=np.float64)
        c = np.divide(md - lo, width, out=np.zeros(np.broadcast(md, width).shape), where=width > 0)
        left = lo + np.sqrt(uu * c) * width
        right = hi - np.sqrt((1.0 - uu) * (1.0 - c)) * width
        return np.asarray(np.where(uu < c, left, right), dtype=np.float64)
    raise ValueError(f"unknown distribution kind {kind!r}; use uniform, fixed or triangular")


@tolerate_underflow
def summarise(x: npt.ArrayLike, axis: int = -1) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(mean, p05, p95)`` of Monte Carlo results along the draws axis.

    NaN (e.g. an undefined PCBR) propagates: a result that is undefined in some draws is reported
    as undefined, never silently averaged over the draws where it exists.

    Examples
    --------
    >>> m, lo, hi = summarise(np.arange(101.0))
    >>> float(m), float(lo), float(hi)
    (50.0, 5.0, 95.0)
    """
    a = np.asarray(x, dtype=np.float64)
    mean = np.asarray(np.mean(a, axis=axis), dtype=np.float64)
    lo, hi = np.percentile(a, [LOWER_PERCENTILE, UPPER_PERCENTILE], axis=axis)
    return mean, np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)


@tolerate_underflow
def standard_quantiles(u: npt.ArrayLike, kind: DistributionKind, mode_share: float) -> FloatArray:
    """Map U(0,1) draws to a standardised [0, 1] distribution of the given kind.

    ``low + (high - low) * standard_quantiles(u, kind, c)`` equals
    ``inverse_cdf(u, kind, low, high, low + c (high - low))`` for every line at once. This is what
    lets a draw common to all tariff lines (comonotonic elasticities) be applied to each line's own
    range without a lines x draws matrix.

    Examples
    --------
    >>> standard_quantiles([0.25], "uniform", 0.5).tolist()
    [0.25]
    """
    if not 0.0 <= mode_share <= 1.0 or math.isnan(mode_share):
        raise ValueError(f"mode_share must lie in [0, 1], got {mode_share!r}")
    return inverse_cdf(u, kind, 0.0, 1.0, mode_share if kind == "triangular" else None)
