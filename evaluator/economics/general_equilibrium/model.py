"""Caliendo & Parro (2015): a multi-sector Ricardian model with input-output linkages, in changes.

Notation (arrays, ``n`` importer, ``i`` exporter, ``j``/``k`` sectors): trade shares ``pi[n,i,j]``
(tariff-inclusive), tariffs ``tau[n,i,j]``, value-added shares ``gamma[n,j]``, input shares
``gamma_io[n,k,j]`` (input ``k`` into sector ``j``), final-demand shares ``alpha[n,j]``, trade
elasticities ``theta[j]``, value added ``wL[n]`` (``value_added``), deficits ``D[n]``. The
equilibrium in hat changes (CP 2015, equations 7-12 in changes; "exact hat algebra"):

* input-bundle cost ``c[n,j] = w[n]^gamma[n,j] prod_k P[n,k]^gamma_io[n,k,j]``;
* sector price index ``P[n,j] = (sum_i pi[n,i,j] (kappa[n,i,j] c[i,j])^-theta[j])^(-1/theta[j])``,
  ``kappa`` the change in ``1 + tau``;
* trade shares ``pi'[n,i,j] = pi[n,i,j] (kappa c[i,j] / P[n,j])^-theta[j]``;
* expenditure ``X'[n,j] = sum_k gamma_io[n,j,k] Y'[n,k] + alpha[n,j] I'[n]`` with sales
  ``Y'[i,k] = sum_n pi'[n,i,k] X'[n,k] / (1 + tau'[n,i,k])`` and income
  ``I'[n] = w[n] wL[n] + sum tau' pi' X' / (1 + tau') + D[n]``;
* labour-market clearing ``w[n] wL[n] = sum_j gamma[n,j] Y'[n,j]``; world value added is the
  numeraire.

The solver nests the blocks: given wages, the cost-price system is a contraction (solved by
iteration in logs), expenditure is linear (solved by iteration, warm-started), and the wages are
updated from labour-market clearing with Anderson acceleration (31 unknowns for the NAFTA data).
Every step is vectorised over regions, sectors and pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
TOLERANCE = 1e-10
"""Largest change in any wage (relative) at convergence; inner loops go ten times tighter."""
MAX_OUTER = 300
MAX_INNER = 5_000
ANDERSON_MEMORY = 5


class ConvergenceError(ArithmeticError):
    """The solver stopped before the equilibrium conditions held."""


class Tables(Protocol):
    """The level tables a calibration needs (:class:`evaluator.datasets.Dataset` has them)."""

    @property
    def trade(self) -> FloatArray: ...
    @property
    def tariff(self) -> FloatArray: ...
    @property
    def intermediate(self) -> FloatArray: ...
    @property
    def final(self) -> FloatArray: ...
    @property
    def value_added(self) -> FloatArray: ...
    @property
    def deficit(self) -> FloatArray: ...
    @property
    def theta(self) -> FloatArray: ...


@dataclass(frozen=True)
class Calibration:
    """The base equilibrium's shares and levels, from a dataset's tables."""

    pi: FloatArray
    tau: FloatArray
    gamma: FloatArray
    gamma_io: FloatArray
    alpha: FloatArray
    theta: FloatArray
    value_added: FloatArray
    expenditure: FloatArray
    deficit: FloatArray

    @classmethod
    def of(cls, tables: Tables) -> Calibration:
        """The calibration of a dataset (any object with the tables as attributes)."""
        return cls.from_tables(
            tables.trade,
            tables.tariff,
            tables.intermediate,
            tables.final,
            tables.value_added,
            tables.deficit,
            tables.theta,
        )

    @classmethod
    def from_tables(
        cls,
        trade: FloatArray,
        tariff: FloatArray,
        intermediate: FloatArray,
        final: FloatArray,
        value_added: FloatArray,
        deficit: FloatArray,
        theta: FloatArray,
    ) -> Calibration:
        """Shares as CP (and the cp2015 package) compute them from the levels.

        Trade values are net of tariffs, consumption values include them. A region-sector with no
        output is treated as pure value added; a region with no final demand spends evenly.
        """
        gross = trade * (1.0 + tariff)
        absorption = gross.sum(axis=1)
        pi = _share(gross, absorption[:, None, :])
        output = intermediate.sum(axis=1) + value_added
        gamma_io = _share(intermediate, output[:, None, :])
        gamma = np.where(output > 0, _share(value_added, output), 1.0)
        spend = final.sum(axis=1, keepdims=True)
        alpha = np.where(spend > 0, _share(final, spend), 1.0 / final.shape[1])
        return cls(
            pi=pi,
            tau=tariff,
            gamma=gamma,
            gamma_io=gamma_io,
            alpha=alpha,
            theta=theta,
            value_added=value_added.sum(axis=1),
            expenditure=absorption,
            deficit=deficit,
        )


def _share(part: FloatArray, whole: FloatArray) -> FloatArray:
    out = np.zeros(np.broadcast_shapes(part.shape, whole.shape))
    np.divide(part, whole, out=out, where=whole != 0)
    return out


@dataclass(frozen=True)
class Equilibrium:
    """An equilibrium in changes from the calibration's base."""

    w: FloatArray
    c: FloatArray
    P: FloatArray
    pi: FloatArray
    expenditure: FloatArray
    income: FloatArray
    price_index: FloatArray
    """Change in each region's consumer price index, ``prod_j P[n,j]^alpha[n,j]``."""
    tau: FloatArray
    iterations: int
    residual: float
    """Largest relative excess demand for labour at the solution."""

    @property
    def trade(self) -> FloatArray:
        """Bilateral trade values, net of tariffs, ``[importer, exporter, sector]``."""
        return np.asarray(self.expenditure[:, None, :] * self.pi / (1.0 + self.tau))


def solve(cal: Calibration, tau: FloatArray, deficit: FloatArray) -> Equilibrium:
    """The equilibrium under tariffs ``tau`` and deficits ``deficit`` (levels, USD).

    Raises
    ------
    ConvergenceError
        When the wages have not settled after ``MAX_OUTER`` updates, with the residual reached.
    """
    log_kappa = np.log1p(tau) - np.log1p(cal.tau)
    minus_theta = -cal.theta[None, None, :]
    share = np.zeros_like(cal.pi)
    state = {"log_c": np.zeros_like(cal.expenditure), "X": cal.expenditure.copy()}

    def prices(log_w: FloatArray) -> tuple[FloatArray, FloatArray]:
        log_c = state["log_c"]
        for _ in range(MAX_INNER):
            weights = cal.pi * np.exp(minus_theta * (log_kappa + log_c[None, :, :]))
            log_p = np.log(weights.sum(axis=1)) / -cal.theta
            new = cal.gamma * log_w[:, None] + np.einsum("nkj,nk->nj", cal.gamma_io, log_p)
            done = float(np.max(np.abs(new - log_c))) < TOLERANCE / 10
            log_c = new
            if done:
                break
        else:
            raise ConvergenceError("input-bundle costs did not settle")
        state["log_c"] = log_c
        weights = cal.pi * np.exp(minus_theta * (log_kappa + log_c[None, :, :]))
        total = weights.sum(axis=1)
        return np.log(total) / -cal.theta, weights / np.where(total > 0, total, 1.0)[:, None, :]

    def spending(w: FloatArray, pi: FloatArray) -> tuple[FloatArray, FloatArray]:
        np.divide(pi, 1.0 + tau, out=share)
        revenue_rate = (tau * share).sum(axis=1)
        fixed = cal.alpha * (w * cal.value_added + deficit)[:, None]
        x = state["X"]
        for _ in range(MAX_INNER):
            sales = np.einsum("nij,nj->ij", share, x)
            new = (
                np.einsum("njk,nk->nj", cal.gamma_io, sales)
                + cal.alpha * (revenue_rate * x).sum(axis=1)[:, None]
                + fixed
            )
            done = float(np.max(np.abs(new - x) / np.maximum(np.abs(new), 1.0))) < TOLERANCE / 10
            x = new
            if done:
                break
        else:
            raise ConvergenceError("expenditure did not settle")
        state["X"] = x
        return x, np.einsum("nij,nj->ij", share, x)

    def wages(w: FloatArray) -> FloatArray:
        _, pi = prices(np.log(w))
        _, sales = spending(w, pi)
        target = (cal.gamma * sales).sum(axis=1) / cal.value_added
        return np.asarray(target / ((target * cal.value_added).sum() / cal.value_added.sum()))

    w = np.ones_like(cal.value_added)
    residuals: list[FloatArray] = []
    images: list[FloatArray] = []
    gap = np.inf
    iterations = 0
    while iterations < MAX_OUTER:
        iterations += 1
        image = wages(w)
        step = image - w
        gap = float(np.max(np.abs(step) / w))
        if gap < TOLERANCE:
            break
        residuals, images = (
            [*residuals[-ANDERSON_MEMORY:], step],
            [*images[-ANDERSON_MEMORY:], image],
        )
        if len(residuals) > 1:
            d_res = np.diff(np.array(residuals), axis=0).T
            d_img = np.diff(np.array(images), axis=0).T
            weights, *_ = np.linalg.lstsq(d_res, step, rcond=None)
            candidate = image - d_img @ weights
            w = candidate if bool(np.all(candidate > 0)) else image
        else:
            w = image
    if gap >= TOLERANCE:
        raise ConvergenceError(
            f"wages did not settle in {MAX_OUTER} updates (last change {gap:.1e})"
        )
    log_p, pi = prices(np.log(w))
    x, _ = spending(w, pi)
    revenue = (tau * pi / (1.0 + tau) * x[:, None, :]).sum(axis=(1, 2))
    return Equilibrium(
        w=w,
        c=np.exp(state["log_c"]),
        P=np.exp(log_p),
        pi=pi,
        expenditure=x,
        income=w * cal.value_added + revenue + deficit,
        price_index=np.exp((cal.alpha * log_p).sum(axis=1)),
        tau=tau,
        iterations=iterations,
        residual=gap,
    )


@dataclass(frozen=True)
class Welfare:
    """CP's welfare decomposition of a counterfactual against a base, % of base income."""

    terms_of_trade: FloatArray
    volume_of_trade: FloatArray
    real_wage: FloatArray
    real_income: FloatArray

    @property
    def welfare(self) -> FloatArray:
        """Terms of trade plus volume of trade (CP 2015, equation 22; no technology change)."""
        return np.asarray(self.terms_of_trade + self.volume_of_trade)


def decompose(base: Equilibrium, new: Equilibrium) -> Welfare:
    """CP's decomposition: terms of trade ``sum (E c_hat_exporter - M c_hat_partner)`` and volume
    of trade ``sum tau (M' - M c_hat)``, each over base income, in percent.

    Examples
    --------
    A counterfactual identical to its base changes nothing (see the tests for the NAFTA table).
    """
    c_hat = new.c / base.c
    flows, flows_new = base.trade, new.trade
    exports = np.einsum("prj,rj->r", flows, c_hat - 1.0)
    imports = np.einsum("rpj,pj->r", flows, c_hat - 1.0)
    tot = (exports - imports) / base.income * 100.0
    ratio = np.zeros_like(flows)
    np.divide(flows_new, flows, out=ratio, where=flows > 0)
    vot = (base.tau * flows * (ratio - c_hat[None, :, :])).sum(axis=(1, 2)) / base.income * 100.0
    price = new.price_index / base.price_index
    return Welfare(
        terms_of_trade=tot,
        volume_of_trade=vot,
        real_wage=(new.w / base.w / price - 1.0) * 100.0,
        real_income=(new.income / base.income / price - 1.0) * 100.0,
    )
