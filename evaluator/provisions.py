"""What the proposal does, in plain words, for the first page of a brief. Pure: no files."""

from __future__ import annotations

from collections.abc import Iterator

from evaluator.formatting import count, money
from evaluator.models import Proposal
from evaluator.models.result import KeyProvision

NOT_SAID = "not settled by the text"


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return NOT_SAID if value is None else yes if value else no


def key_provisions(proposal: Proposal) -> list[KeyProvision]:
    """One row per provision a reader of page 1 needs, for the sections the proposal has."""
    return [KeyProvision(provision=p, what=w) for p, w in _rows(proposal)]


def _rows(proposal: Proposal) -> Iterator[tuple[str, str]]:
    tariffs = proposal.tariffs
    if tariffs is not None and tariffs.lines:
        table = tariffs.lines
        weights = table.number("imports_usd")
        imports = sum(weights.tolist())  # in order, as the lines are written
        n = len(table)
        text = f"{count(n)} line{'s' * (n != 1)} covering {money(imports)} of imports"
        if imports > 0:  # no trade-weighted average without trade
            before = sum((weights * table.number("base_rate")).tolist()) / imports
            after = sum((weights * table.number("final_rate")).tolist()) / imports
            text += f"; trade-weighted tariff {before:.1%} before, {after:.1%} after"
        yield "Tariff cuts", text
    investment = proposal.investment
    if investment is not None:
        isds = "no"
        if investment.isds:
            scope = investment.isds_scope
            isds = "yes" + (f", {scope} scope" if scope and scope != "none" else "")
        yield "Investors can sue governments (ISDS)", isds
    ip = proposal.intellectual_property
    if ip is not None:
        yield "Patent and data rules beyond WTO minimums (TRIPS-plus)", _yes_no(ip.trips_plus)
    labor = proposal.labor
    if labor is not None:
        chapter = {"none": "none", "side_agreement": "a side agreement", "chapter": "a chapter"}
        yield (
            "Labor rights",
            f"{chapter[labor.chapter]}; binding and enforceable: " + _yes_no(labor.enforceable),
        )
        if labor.adjustment_assistance is not None:
            yield "Help for displaced workers", _yes_no(labor.adjustment_assistance.included)
    capital = proposal.capital_account
    if capital is not None:
        yield (
            "Capital flows",
            f"{capital.liberalization} liberalization; capital controls allowed: "
            + _yes_no(capital.capital_controls_permitted),
        )
    mobility = proposal.mobility
    if mobility is not None:
        capped = [o.annual_quota for o in mobility.origins if o.annual_quota != "uncapped"]
        uncapped = len(mobility.origins) - len(capped)
        total = sum(capped)
        visas = f"{count(total)} visa{'' if total == 1 else 's'} a year" if capped else ""
        if uncapped:
            visas += ("; " if visas else "") + f"{uncapped} origin(s) without a cap"
        length = mobility.visa_years
        years = (
            f"{length:g} year{'' if length == 1 else 's'}"
            if isinstance(length, float | int)
            else f"{length.min:g} to {length.max:g} years"
        )
        origins = len(mobility.origins)
        where = f"{origins} countr{'y' if origins == 1 else 'ies'}"
        yield "Work visas", f"{visas} from {where}, for {years}"
        floor = {"none": "none", "minimum": "the minimum wage", "prevailing": "the prevailing wage"}
        yield "Wage floor", floor[mobility.wage_floor] if mobility.wage_floor else NOT_SAID
        yield "Path to citizenship", _yes_no(mobility.path_to_citizenship)
        who = {"host": "the host", "bilateral": "both governments", "agreement": "a treaty body"}
        yield "Who sets quotas", who[mobility.quota_set_by] if mobility.quota_set_by else NOT_SAID
