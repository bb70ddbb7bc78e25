"""The general-equilibrium check as a component: CP welfare by region, trade, sectors, notes.

When a proposal has a ``general_equilibrium`` section, the national gain and the income
reshuffled that the scores use come from it for the trade part (its welfare change replaces the
partial-equilibrium tariff gain, which is still reported beside it); labour mobility still adds.
Income reshuffled in general equilibrium is, as in the partial-equilibrium model, the losers' gross
loss: the tariff revenue the evaluated region's government loses and the value added lost by its
shrinking sectors (a specific-factors reading of ours).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from evaluator.distribution import bounded_summary
from evaluator.drawing import Draws
from evaluator.economics.component import Again, Note, Run, Settings
from evaluator.economics.general_equilibrium.model import (
    Calibration,
    ConvergenceError,
    Equilibrium,
    Welfare,
    decompose,
    solve,
)
from evaluator.economics.general_equilibrium.scenario import region_codes, scenario_tariffs
from evaluator.formatting import money
from evaluator.models import Proposal
from evaluator.models.result import (
    BilateralTrade,
    Evaluation,
    GeneralEquilibriumResult,
    GroupEffect,
    Lever,
    RegionWelfare,
    SectorChange,
)

if TYPE_CHECKING:
    from evaluator.datasets import Dataset

FloatArray = npt.NDArray[np.float64]
_PERCENT = 100.0
_SECTION = ("general_equilibrium",)


_CALIBRATED: dict[int, tuple[Dataset, Calibration]] = {}
_SOLVED: dict[tuple[int, str, bool], tuple[Dataset, Equilibrium]] = {}
"""Calibrations and equilibria already computed in this process (a comparison or a lever
re-solves nothing), keyed by dataset (kept alive here), tariffs and deficit rule."""
_CACHE_SIZE = 32


def _calibration(dataset: Dataset) -> Calibration:
    key = id(dataset)
    if key not in _CALIBRATED:
        if len(_CALIBRATED) >= _CACHE_SIZE:
            _CALIBRATED.clear()
        calibration = Calibration.of(dataset)
        _CALIBRATED[key] = (dataset, calibration)
    return _CALIBRATED[key][1]


def _solve(dataset: Dataset, tau: FloatArray, zero_deficits: bool) -> Equilibrium:
    key = (id(dataset), hashlib.sha256(tau.tobytes()).hexdigest(), zero_deficits)
    if key not in _SOLVED:
        if len(_SOLVED) >= _CACHE_SIZE:
            _SOLVED.clear()
        deficits = np.zeros_like(dataset.deficit) if zero_deficits else dataset.deficit
        _SOLVED[key] = (dataset, solve(_calibration(dataset), tau, deficits))
    return _SOLVED[key][1]


class GeneralEquilibriumModel:
    """Caliendo & Parro (2015) on a dataset of regions and sectors."""

    name: ClassVar[str] = "general_equilibrium"
    metrics: ClassVar[Mapping[str, str]] = {
        "general_equilibrium_welfare_usd": "USD per year",
        "general_equilibrium_welfare_pct_gdp": "% of GDP",
    }
    references: ClassVar[tuple[str, ...]] = (
        'Caliendo, L. and F. Parro (2015), "Estimates of the Trade and Welfare Effects of '
        'NAFTA", Review of Economic Studies 82(1): 1-44',
    )
    methods: ClassVar[tuple[str, ...]] = (
        "The general-equilibrium check is Caliendo and Parro's (2015) model of many regions and "
        "sectors with input-output linkages and tariffs, solved in changes from the dataset's "
        "base year (exact hat algebra): costs of input bundles, sector price indices, trade "
        "shares with sector trade elasticities, expenditure and income with tariff revenue, and "
        "labour-market clearing, with world value added as numeraire. Welfare is their "
        "decomposition into terms of trade and volume of trade; the exact change in real income "
        "is shown beside it. With the section present, the efficiency and redistribution scores "
        "use this estimate for trade, and the partial-equilibrium one is shown for comparison.",
    )
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = (
        {
            "name": "Redistribution in general equilibrium",
            "value": "revenue lost + value added lost by shrinking sectors",
            "why": "A specific-factors reading of ours: workers and capital in the sectors that "
            "shrink are assumed unable to move, so the value added they lose is reshuffled, "
            "like the tariff revenue taxpayers lose.",
        },
    )

    def applies(self, proposal: Proposal) -> bool:
        return proposal.general_equilibrium is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        section = proposal.general_equilibrium
        assert section is not None
        origin = proposal.origin
        dataset = origin.dataset if origin is not None else None
        if dataset is None:
            missing = origin.dataset_missing if origin is not None else None
            why = (
                missing.message
                if missing is not None
                else "the dataset is read when the proposal is loaded (load_proposal)"
            )
            text = f"the general-equilibrium check is not assessed: {why}"
            note = Note("efficiency", "general_equilibrium.not_assessed", _SECTION, text)
            return Run(notes=(note,))
        codes = region_codes(dataset.regions)
        tau = scenario_tariffs(
            section,
            codes,
            dataset.sectors,
            dataset.goods,
            dataset.tariff,
            dataset.tariff_counterfactual,
        )
        zero = section.aggregate_deficits == "zero"
        try:
            base = _solve(dataset, dataset.tariff, zero)
            new = _solve(dataset, tau, zero)
        except ConvergenceError as exc:
            message = f"the model did not converge: {exc}"
            raise draws.error(("general_equilibrium",), message) from None
        welfare = decompose(base, new)
        home = codes.index(proposal.evaluated_for) if proposal.evaluated_for in codes else None
        if home is None:
            raise draws.error(
                ("evaluated_for",),
                f"{proposal.evaluated_for} is not a region of dataset {dataset.name}",
            )
        result = _result(
            proposal, dataset, codes, base, new, welfare, home, section.aggregate_deficits
        )
        gdp = proposal.economy.gdp_usd if proposal.economy else float(base.income[home])
        gain = np.full(draws.n, result.welfare_usd)
        return Run(
            groups=_groups(result, draws.n),
            metrics={
                "general_equilibrium_welfare_usd": gain,
                "general_equilibrium_welfare_pct_gdp": _PERCENT * gain / gdp,
            },
            gain_usd=gain,
            reshuffled_usd=np.full(draws.n, result.reshuffled_usd),
            parts={
                "Tariff revenue (taxpayers)": np.full(
                    draws.n, max(0.0, -result.revenue_change_usd)
                ),
                "Shrinking sectors' value added": np.full(
                    draws.n, result.reshuffled_usd - max(0.0, -result.revenue_change_usd)
                ),
            },
            foreign_gain_usd=np.full(draws.n, result.world_welfare_usd - result.welfare_usd),
            gain_label=f"{proposal.evaluated_for} (general equilibrium)",
            foreign_gain_label="Other regions (general equilibrium)",
            foreign_parts={
                "Other regions (revenue and shrinking sectors)": np.full(
                    draws.n, result.world_reshuffled_usd - result.reshuffled_usd
                )
            },
            national_counts=(f"{proposal.evaluated_for}'s welfare change in general equilibrium",),
            global_adds=(
                f"every other region's welfare change in {dataset.name} (partners and the rest "
                "of the world)",
            ),
            notes=(
                Note(
                    "efficiency",
                    "general_equilibrium.basis",
                    ("general_equilibrium",),
                    f"the efficiency and redistribution scores use the general-equilibrium "
                    f"estimate ({money(result.welfare_usd)} a year for "
                    f"{proposal.evaluated_for}); the partial-equilibrium figures are shown "
                    "beside it for comparison",
                ),
                *(
                    Note("efficiency", "general_equilibrium.data", ("general_equilibrium",), n)
                    for n in dataset.notes
                ),
            ),
            supersedes=("tariffs",),
            fills={"general_equilibrium": result},
            state=result,
        )

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        return []


def _result(
    proposal: Proposal,
    dataset: Dataset,
    codes: tuple[str, ...],
    base: Equilibrium,
    new: Equilibrium,
    welfare: Welfare,
    home: int,
    deficits: str,
) -> GeneralEquilibriumResult:
    parties = [codes.index(p) for p in proposal.parties if p in codes]
    order = parties + [k for k in range(len(codes)) if k not in parties]
    cal = _calibration(dataset)
    shuffled = [_region_reshuffled(cal, base, new, k) for k in range(len(codes))]
    usd = welfare.welfare / _PERCENT * base.income
    regions = [
        RegionWelfare(
            region=codes[k],
            name=dataset.regions[k],
            welfare_usd=float(usd[k]),
            reshuffled_usd=shuffled[k],
            welfare_pct=float(welfare.welfare[k]),
            terms_of_trade_pct=float(welfare.terms_of_trade[k]),
            volume_of_trade_pct=float(welfare.volume_of_trade[k]),
            real_wage_pct=float(welfare.real_wage[k]),
            real_income_pct=float(welfare.real_income[k]),
        )
        for k in order
    ]
    goods = dataset.goods
    flows, flows_new = base.trade[:, :, goods].sum(axis=2), new.trade[:, :, goods].sum(axis=2)
    bilateral = [
        BilateralTrade(
            importer=codes[a],
            exporter=codes[b],
            base_usd=float(flows[a, b]),
            new_usd=float(flows_new[a, b]),
            change_pct=float(_PERCENT * (flows_new[a, b] / flows[a, b] - 1.0))
            if flows[a, b]
            else 0.0,
        )
        for a in parties
        for b in parties
        if a != b
    ]
    # Value added by sector: gamma times sales (exporter side of the trade flows).
    va_base = cal.gamma[home] * base.trade[:, home, :].sum(axis=0)
    # Deflated by the region's wage change, so the sector changes are the reallocation of its
    # value added (they sum to zero), not the change in its wage level against the numeraire.
    wage = float(new.w[home] / base.w[home])
    va_new = cal.gamma[home] * new.trade[:, home, :].sum(axis=0) / wage
    change = va_new - va_base
    revenue_lost = float((base.tau * base.trade)[home].sum() - (new.tau * new.trade)[home].sum())
    sectors = [
        SectorChange(
            sector=dataset.sectors[j],
            base_usd=float(va_base[j]),
            change_usd=float(change[j]),
            change_pct=_pct_change(float(va_base[j]), float(va_new[j])),
        )
        for j in np.argsort(change, kind="stable")
    ]
    return GeneralEquilibriumResult(
        dataset=dataset.name,
        aggregate_deficits=deficits,
        evaluated=codes[home],
        regions=regions,
        bilateral_trade=bilateral,
        sectors=sectors,
        welfare_usd=float(usd[home]),
        reshuffled_usd=float(-change[change < 0].sum() + max(0.0, revenue_lost)),
        world_welfare_usd=float(usd.sum()),
        world_reshuffled_usd=float(sum(shuffled)),
        revenue_change_usd=-revenue_lost,
        iterations=[base.iterations, new.iterations],
        residual=max(base.residual, new.residual),
        notes=list(dataset.notes),
    )


def _region_reshuffled(cal: Calibration, base: Equilibrium, new: Equilibrium, k: int) -> float:
    """Region ``k``'s losers' gross loss: its shrinking sectors' value added (deflated by its wage
    change) and the tariff revenue its government loses."""
    va_base = cal.gamma[k] * base.trade[:, k, :].sum(axis=0)
    va_new = cal.gamma[k] * new.trade[:, k, :].sum(axis=0) / float(new.w[k] / base.w[k])
    change = va_new - va_base
    lost = float((base.tau * base.trade)[k].sum() - (new.tau * new.trade)[k].sum())
    return float(-change[change < 0].sum() + max(0.0, lost))


def _pct_change(before: float, after: float) -> float:
    return _PERCENT * (after / before - 1.0) if before > 0 else 0.0


def _groups(result: GeneralEquilibriumResult, n: int) -> tuple[GroupEffect, ...]:
    """Who gains and loses at home in general equilibrium: sectors, and the tariff revenue."""

    def group(name: str, usd: float, note: str) -> GroupEffect:
        return GroupEffect(
            group=name, effect_usd=bounded_summary(np.full(n, usd), "USD per year"), note=note
        )

    lost = [s for s in result.sectors if s.change_usd < 0]
    grew = [s for s in reversed(result.sectors) if s.change_usd > 0]
    out = []
    if lost:
        names = ", ".join(s.sector for s in lost[:3])
        out.append(
            group(
                "Sectors that shrink (value added)",
                sum(s.change_usd for s in lost),
                f"{len(lost)} sectors, most of it in {names}; value added reallocated, in "
                "general equilibrium",
            )
        )
    if grew:
        names = ", ".join(s.sector for s in grew[:3])
        out.append(
            group(
                "Sectors that grow (value added)",
                sum(s.change_usd for s in grew),
                f"{len(grew)} sectors, most of it in {names}; value added reallocated, in "
                "general equilibrium",
            )
        )
    if result.revenue_change_usd:
        out.append(
            group(
                "Government (tariff revenue)",
                result.revenue_change_usd,
                "tariff revenue in general equilibrium",
            )
        )
    return tuple(out)
