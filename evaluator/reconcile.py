"""Reconciliation with published estimates: the tool's figure beside each benchmark the proposal
lists, with the main reasons they differ. Pure: no printing, no files."""

from __future__ import annotations

from evaluator.models import Proposal
from evaluator.models.proposal import Benchmark
from evaluator.models.result import Evaluation, Reconciled

PARTIAL = ("tariff_gain_pct_gdp", "tariff_gain_usd", "trade_creation_usd", "trade_diversion_usd")
HEADLINE = ("efficiency_gain_pct_gdp", "efficiency_gain_usd", "redistribution_usd", "pcbr")
MATCH = 0.10
"""Within 10% of the published figure the tool is said to reproduce it."""


def reconcile(proposal: Proposal, result: Evaluation) -> list[Reconciled]:
    """One row per benchmark: published value, the tool's, and why they differ."""
    return [_row(proposal, result, b) for b in proposal.benchmarks]


def _row(proposal: Proposal, result: Evaluation, benchmark: Benchmark) -> Reconciled:
    summary = result.metrics.get(benchmark.metric)
    citation = next((s.citation for s in proposal.sources if s.id == benchmark.source), "")
    reasons: list[str] = []
    if summary is None:
        why = next(
            (f.rationale for f in result.findings if f.rule.endswith("not_assessed")),
            "the model behind this figure did not run for this proposal",
        )
        reasons.append(f"not assessed: {why}")
        return Reconciled(
            name=benchmark.name,
            metric=benchmark.metric,
            published=benchmark.value,
            source=citation,
            tool=None,
            reasons=reasons + ([benchmark.note] if benchmark.note else []),
        )
    tool = summary.mean
    close = benchmark.value != 0 and abs(tool / benchmark.value - 1.0) <= MATCH
    inside = summary.p05 <= benchmark.value <= summary.p95
    if close:
        reasons.append(
            f"the tool reproduces it: {abs(tool / benchmark.value - 1.0):.1%} apart"
            if benchmark.value
            else "the tool reproduces it"
        )
    elif inside:
        reasons.append("the published figure lies inside the tool's 90% band")
    if not close:
        reasons.extend(_differences(proposal, result, benchmark))
    if benchmark.note:
        reasons.append(benchmark.note)
    return Reconciled(
        name=benchmark.name,
        metric=benchmark.metric,
        published=benchmark.value,
        source=citation,
        tool=summary,
        reasons=reasons,
    )


def _differences(proposal: Proposal, result: Evaluation, benchmark: Benchmark) -> list[str]:
    out = []
    partial = benchmark.metric in PARTIAL or (
        benchmark.metric in HEADLINE and result.general_equilibrium is None
    )
    if benchmark.model == "general_equilibrium" and partial:
        out.append(
            "model: the published figure is general equilibrium (every sector and region, "
            "input-output links, terms of trade); the tool's is partial equilibrium, line by "
            "line, on the goods the partners trade"
        )
    tariffs = proposal.tariffs
    if tariffs is not None and partial and tariffs.lines:
        averaged = ~tariffs.lines.given("within_rate_cv")
        if averaged.any() and not tariffs.lines.given("hs")[averaged].any():
            count = int(averaged.sum())
            out.append(
                f"aggregation: {count} of {len(tariffs.lines)} lines are whole sectors "
                "at one average rate, which understates the gain by a factor of about 1 + CV "
                "squared of the rates within each sector"
            )
        if benchmark.metric in ("tariff_gain_pct_gdp", "tariff_gain_usd") or partial:
            out.append(
                "elasticities: the partial-equilibrium gain scales with the import-demand "
                "elasticity the proposal gives; the published model uses its own trade elasticities"
            )
    if benchmark.metric in HEADLINE and result.basis == "global":
        out.append(
            "basis: the tool's headline counts everyone's gains (global basis); a published "
            "figure for one country is on the national basis (see the national block)"
        )
    if not out:
        out.append("the proposal's inputs differ from the published study's data")
    return out
