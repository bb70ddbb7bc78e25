"""What a visa scheme's design takes from migrants, and how many go home.

Recruitment fees workers pay, wages withheld as forced savings that workers expect never to
receive, and the return rate at the visa's end (raised by savings paid on return only when the
proposal sets how much). Each is None, with a note, when the proposal does not give what it needs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from evaluator.drawing import Draws
from evaluator.economics.mobility.kernels import return_rate_with_forced_savings
from evaluator.models import Mobility

FloatArray = npt.NDArray[np.float64]
NotesList = list[tuple[tuple[str | int, ...], str]]
RESPONSIVENESS = "forced_savings_responsiveness"
CREDIBILITY = "forced_savings_credibility"
WORKERS_PAY = ("worker", "unregulated")


def recruitment_fees(
    mobility: Mobility, draws: Draws, arrivals: FloatArray, notes: NotesList
) -> FloatArray | None:
    """Recruitment fees workers pay a year: one fee per arrival."""
    payer = mobility.recruitment_fees
    if payer not in WORKERS_PAY:
        return None
    if mobility.recruitment_fee_usd is None:
        notes.append(
            (
                ("mobility", "recruitment_fees"),
                f"recruitment fees are paid by workers (`{payer}`) but their amount is not "
                "given, so the migrants' gain is before fees: give `recruitment_fee_usd` (per "
                "worker per visa) to net them",
            )
        )
        return None
    fee = draws.given(
        "recruitment_fee_usd",
        mobility.recruitment_fee_usd,
        unit="USD per worker per visa",
        field_path=("mobility", "recruitment_fee_usd"),
        source_id=mobility.source,
    )
    return np.asarray(np.sum(arrivals * fee, axis=0), dtype=np.float64)


def forfeited_savings(
    mobility: Mobility, draws: Draws, pay: FloatArray, notes: NotesList
) -> FloatArray | None:
    """Withheld savings workers expect never to receive, ``(1 - c) f`` of pay [A]."""
    savings = mobility.forced_savings
    if savings is None:
        return None
    credibility = draws.parameter(CREDIBILITY, needed_at=("mobility", "forced_savings"))
    withheld = savings.share_of_wages * pay.sum(axis=0)
    return np.asarray((1.0 - credibility) * withheld, dtype=np.float64)


def return_rate(mobility: Mobility, draws: Draws, notes: NotesList) -> FloatArray | None:
    """Share of workers who go home when the visa ends, by draw (raised by forced savings
    paid on return only when the proposal sets how much), or None with a note."""
    if mobility.expected_return_rate is None:
        notes.append(
            (
                ("mobility",),
                "overstays not estimated: give `expected_return_rate` (share of workers who go "
                "home when the visa ends)",
            )
        )
        return None
    returns = draws.given(
        "return_rate",
        mobility.expected_return_rate,
        unit="share of workers leaving when the visa ends",
        field_path=("mobility", "expected_return_rate"),
    )
    savings = mobility.forced_savings
    if savings is None:
        return returns
    if savings.released_on != "return":
        notes.append(
            (
                ("mobility", "forced_savings", "released_on"),
                "the savings are paid at the end of the contract, before workers decide whether "
                "to go home, so they do not change the return rate",
            )
        )
        return returns
    if RESPONSIVENESS not in draws.overrides:
        notes.append(
            (
                ("mobility", "forced_savings"),
                "the effect of forced savings on returns is not modelled: no source says how "
                "much withheld wages raise returns; to model it, set "
                f"`parameters.{RESPONSIVENESS}` (it would be your assumption)",
            )
        )
        return returns
    k = draws.parameter(RESPONSIVENESS)
    credibility = draws.parameter(CREDIBILITY, needed_at=("mobility", "forced_savings"))
    return return_rate_with_forced_savings(returns, savings.share_of_wages, k, credibility)
