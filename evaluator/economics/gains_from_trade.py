"""Gains from trade in general equilibrium: the Arkolakis-Costinot-Rodriguez-Clare formula.

A cross-check on the partial-equilibrium triangles in :mod:`evaluator.economics.tariffs`: for a
large class of trade models, the real-income change depends only on the change in the share of
spending on domestic goods, ``lambda``, and the trade elasticity ``eps``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.economics.floating import tolerate_underflow

FloatArray = npt.NDArray[np.float64]


def _check_share(lambda_: FloatArray, what: str) -> None:
    if np.any((lambda_ <= 0.0) | (lambda_ > 1.0)):
        raise ValueError(f"{what} must lie in (0, 1]")


@tolerate_underflow
def acr_welfare_change(
    domestic_share_change: npt.ArrayLike, trade_elasticity: npt.ArrayLike
) -> FloatArray:
    """Real-income change ``W_hat = lambda_hat ** (1 / eps)``, ``eps`` negative (ACR's sign).

    Parameters
    ----------
    domestic_share_change : array_like
        ``lambda_hat = lambda_new / lambda_old``, positive.
    trade_elasticity : array_like
        ``eps`` in ACR's convention (negative); a positive value is rejected rather than guessed.

    References
    ----------
    Arkolakis, Costinot & Rodriguez-Clare (2012), "New Trade Models, Same Old Gains?", American
    Economic Review 102(1) [V].

    Examples
    --------
    >>> float(acr_welfare_change(1.0, -5.0))
    1.0
    """
    lam_hat = np.asarray(domestic_share_change, dtype=np.float64)
    eps = np.asarray(trade_elasticity, dtype=np.float64)
    if np.any(lam_hat <= 0.0):
        raise ValueError("the change in the domestic expenditure share must be positive")
    if np.any(eps >= 0.0):
        raise ValueError("ACR's trade elasticity is negative; pass e.g. -5, or use acr_gain")
    return np.asarray(np.exp(np.log(lam_hat) / eps), dtype=np.float64)


@tolerate_underflow
def acr_gain(domestic_share: npt.ArrayLike, trade_elasticity: npt.ArrayLike) -> FloatArray:
    """Gains from trade relative to autarky, ``1 - lambda ** (1 / |eps|)``, as a fraction.

    Moving to autarky sets ``lambda`` to 1, so ``lambda_hat = 1 / lambda`` and the loss is
    ``1 - lambda ** (1/|eps|)``. The sign of ``eps`` is ignored (absolute value).

    References
    ----------
    Arkolakis, Costinot & Rodriguez-Clare (2012), AER 102(1) [V]. US with ``lambda = 0.93``:
    ``|eps| = 5`` gives 1.4409% and ``|eps| = 10`` gives 0.72308% [D]; ACR report "0.7 to 1.4
    percent". Trade elasticity about 4: Simonovska & Waugh (2014), J. Int. Econ. 92(1) [V].

    Examples
    --------
    >>> float((100 * acr_gain(0.93, 5.0)).round(4))
    1.4409
    >>> float((100 * acr_gain(0.93, -10.0)).round(5))
    0.72308
    """
    lam = np.asarray(domestic_share, dtype=np.float64)
    eps = np.abs(np.asarray(trade_elasticity, dtype=np.float64))
    _check_share(lam, "the domestic expenditure share lambda")
    if np.any(eps == 0.0):
        raise ValueError("the trade elasticity must be non-zero")
    return np.asarray(-np.expm1(np.log(lam) / eps), dtype=np.float64)
