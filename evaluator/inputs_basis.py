"""Inputs and their basis: what the proposal states, whether it is sourced, illustrative or an
assumption, and which headline figures rest on what is not sourced. Pure: no printing, no files.

The headline figures (the net gain and the income reshuffled) scale with a few inputs of each
model: a tariff schedule's imports (and, for the gain, the import-demand elasticity); a visa
scheme's arrivals, visa length, wage and competing workforce (and, for the migrants' gain, the
place premia). A headline "rests on" an input when it is proportional to it or nearly so; the
brief says so on page 1 when any such input is illustrative, an assumption or not stated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from evaluator.formatting import by_unit, money
from evaluator.input_status import InputStatus, Status
from evaluator.models import Proposal
from evaluator.models.result import Basis, InputBasis, ParameterUse, Reliance

StatusOf = Callable[[tuple[str | int, ...]], InputStatus]
LineStatuses = Callable[[str, int], list[InputStatus]]
WEAK = ("illustrative", "assumption", "not stated")
LARGEST_LINES = 5


def _value(value: object, unit: str) -> str:
    if unit == "fraction":
        low, high = getattr(value, "low", None), getattr(value, "high", None)
        if low is not None and high is not None:
            return f"{float(low):.0%} to {float(high):.0%}"
        return f"{float(value):.0%}" if isinstance(value, int | float) else str(value)
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if low is not None and high is not None:
        return f"{by_unit(float(low), unit)} to {by_unit(float(high), unit)}"
    if isinstance(value, int | float):
        return by_unit(float(value), unit)
    return str(value)


def _entry(
    label: str, path: tuple[str | int, ...], value: object, unit: str, status_of: StatusOf
) -> InputBasis:
    basis = status_of(path)
    return InputBasis(
        label=label,
        field=".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "["),
        value=_value(value, unit),
        status=basis.status,
        source=basis.source,
        note=basis.note,
    )


def inputs_basis(
    proposal: Proposal,
    uses: Sequence[ParameterUse],
    status_of: StatusOf,
    line_statuses: LineStatuses | None = None,
) -> list[InputBasis]:
    """The proposal's own numbers with their basis, in reading order: economy, tariff schedule
    (in summary, with its largest lines), visa scheme, and the model parameters it set.

    ``line_statuses(field, n)``: the basis of a field of the first ``n`` tariff lines at once
    (``ProposalOrigin.line_statuses``), else asked of ``status_of`` line by line."""
    out: list[InputBasis] = []
    economy = proposal.economy
    if economy is not None:
        out.append(_entry("GDP", ("economy", "gdp_usd"), economy.gdp_usd, "USD", status_of))
        if economy.labor_force is not None:
            out.append(
                _entry(
                    "Labor force",
                    ("economy", "labor_force"),
                    economy.labor_force,
                    "persons",
                    status_of,
                )
            )
    out.extend(_tariff_inputs(proposal, status_of, line_statuses))
    out.extend(_mobility_inputs(proposal, status_of))
    for use in uses:
        if use.set_by == "proposal" and use.field and use.field.startswith("parameters."):
            out.append(
                InputBasis(
                    label=f"Model parameter {use.name}",
                    field=use.field,
                    value=_value(use if use.low is not None else use.value, use.unit),
                    status=use.status if use.status != "default" else "not stated",
                    source=None,
                    note=use.status_note,
                )
            )
    return out


def _tariff_inputs(
    proposal: Proposal, status_of: StatusOf, line_statuses: LineStatuses | None
) -> Iterable[InputBasis]:
    tariffs = proposal.tariffs
    if tariffs is None or not tariffs.lines:
        return
    if line_statuses is not None:
        statuses = line_statuses("imports_usd", len(tariffs.lines))
    else:
        statuses = [
            status_of(("tariffs", "lines", i, "imports_usd")) for i in range(len(tariffs.lines))
        ]
    weights = tariffs.lines.number("imports_usd")
    total = sum(weights.tolist())  # in order, as the lines are written
    kinds = np.array([basis.status for basis in statuses], dtype=object)
    by_status: dict[Status, float] = {
        status: sum(weights[kinds == status].tolist()) for status in dict.fromkeys(kinds.tolist())
    }
    share = ", ".join(
        f"{status} {value / total:.0%}" for status, value in sorted(by_status.items()) if total
    )
    main: Status = max(by_status, key=lambda s: by_status[s]) if by_status else "not stated"
    yield InputBasis(
        label=f"Imports of the {len(tariffs.lines):,} tariff lines",
        field="tariffs.lines[*].imports_usd",
        value=money(total),
        status=main,
        source=statuses[0].source if main == "sourced" else None,
        note=f"by value of imports: {share}" if share else None,
    )
    largest = np.argsort(-weights, kind="stable")[:LARGEST_LINES].tolist()
    for i in largest:
        line = tariffs.lines[i]
        name = line.description or line.sector or (f"HS {line.hs}" if line.hs else f"line {i + 1}")
        if line.partner:
            name += f" from {line.partner}"
        yield _entry(
            f"Imports: {name}",
            ("tariffs", "lines", i, "imports_usd"),
            line.imports_usd,
            "USD",
            status_of,
        )
    if tariffs.elasticity is not None:
        yield _entry(
            "Import-demand elasticity",
            ("tariffs", "elasticity"),
            tariffs.elasticity,
            "ratio",
            status_of,
        )
    if tariffs.exports and tariffs.exporters_supply_elasticity is not None:
        yield _entry(
            "Exporters' supply elasticity",
            ("tariffs", "exporters_supply_elasticity"),
            tariffs.exporters_supply_elasticity,
            "ratio",
            status_of,
        )


def _mobility_inputs(proposal: Proposal, status_of: StatusOf) -> Iterable[InputBasis]:
    mobility = proposal.mobility
    if mobility is None:
        return
    m = ("mobility",)
    for i, origin in enumerate(mobility.origins):
        where = (*m, "origins", i)
        quota = origin.annual_quota
        if quota == "uncapped":
            yield _entry(
                f"Arrivals a year, {origin.country}",
                (*where, "expected_annual_arrivals"),
                origin.expected_annual_arrivals,
                "persons",
                status_of,
            )
        else:
            yield _entry(
                f"Quota, {origin.country}", (*where, "annual_quota"), quota, "persons", status_of
            )
        if origin.place_premium is not None:
            yield _entry(
                f"Place premium, {origin.country}",
                (*where, "place_premium"),
                origin.place_premium,
                "ratio",
                status_of,
            )
        if origin.home_wage_usd is not None:
            yield _entry(
                f"Home wage, {origin.country}",
                (*where, "home_wage_usd"),
                origin.home_wage_usd,
                "USD",
                status_of,
            )
    yield _entry(
        "Competing workforce",
        (*m, "competing_workforce"),
        mobility.competing_workforce,
        "persons",
        status_of,
    )
    for name, label, unit in (
        ("competing_wage_usd", "Competing native wage", "USD"),
        ("migrant_wage_usd", "Visa holders' wage", "USD"),
        ("visa_years", "Visa length, years", "years"),
        ("expected_return_rate", "Return rate at visa end", "fraction"),
        ("earlier_migrants", "Earlier migrants", "persons"),
        ("recruitment_fee_usd", "Recruitment fee per worker", "USD"),
    ):
        value = getattr(mobility, name)
        if value is None:
            continue
        if unit == "years" and hasattr(value, "min"):
            value = f"{value.min:g} to {value.max:g}"
        yield _entry(label, (*m, name), value, unit if unit != "years" else "", status_of)


DRIVERS: dict[str, tuple[str, ...]] = {
    "tariffs_gain": (
        "tariffs.lines[*].imports_usd",
        "tariffs.elasticity",
        "tariffs.exporters_supply_elasticity",
    ),
    "tariffs_reshuffled": ("tariffs.lines[*].imports_usd",),
    "mobility_national": (
        "annual_quota",
        "expected_annual_arrivals",
        "mobility.visa_years",
        "mobility.competing_wage_usd",
        "mobility.competing_workforce",
        "mobility.expected_return_rate",
    ),
    "mobility_global": (
        "annual_quota",
        "expected_annual_arrivals",
        "mobility.visa_years",
        "mobility.competing_wage_usd",
        "mobility.migrant_wage_usd",
        "place_premium",
    ),
}
"""What each model's headline figures scale with (see the module docstring)."""


def reliance(
    proposal: Proposal, entries: Sequence[InputBasis], basis: Basis, general_equilibrium: bool
) -> list[Reliance]:
    """For the net gain and the income reshuffled on ``basis``: the inputs they rest on that are
    not sourced (empty lists: they rest on sourced inputs only)."""
    gain: list[str] = []
    reshuffled: list[str] = []
    dataset = proposal.tariffs is not None and general_equilibrium
    if proposal.tariffs is not None and not general_equilibrium:
        gain += DRIVERS["tariffs_gain"]
        reshuffled += DRIVERS["tariffs_reshuffled"]
    if proposal.mobility is not None:
        gain += DRIVERS["mobility_national"]
        reshuffled += DRIVERS["mobility_national"]
        if basis == "global":
            gain += DRIVERS["mobility_global"]
    out = []
    for figure, drivers in (("net gain", gain), ("income reshuffled", reshuffled)):
        if not drivers and not dataset:
            continue
        weak = [
            e
            for e in entries
            if e.status in WEAK and any(_matches(e.field, d) for d in dict.fromkeys(drivers))
        ]
        out.append(
            Reliance(
                figure=figure,
                weak_inputs=list(dict.fromkeys(f"{e.label} ({e.status})" for e in weak)),
            )
        )
    return out


def _matches(field: str, driver: str) -> bool:
    if "." not in driver:
        return field.endswith("." + driver)
    return field == driver
