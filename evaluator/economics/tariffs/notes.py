"""The tariff model's notes to the reader (they become findings in every output): what is not
assessed, how the national gain decomposes, a national loss, and where linear demand is used past
the price at which it reaches zero."""

from __future__ import annotations

import numpy as np

from evaluator.economics.component import Note
from evaluator.economics.tariffs.outcome import TariffOutcome
from evaluator.formatting import money
from evaluator.models import Tariffs


def _mean(values: np.ndarray) -> float:
    return float(np.mean(values))


def tariff_notes(tariffs: Tariffs, out: TariffOutcome) -> list[Note]:
    """What the reader should know about the schedule's result: what is not assessed, how the
    gain decomposes, a national loss, and lines where linear demand is used past its range."""
    notes = []
    if tariffs.lines and not out.preferential:
        notes.append(
            Note(
                "efficiency",
                "trade_diversion.not_assessed",
                ("tariffs", "lines"),
                "no line gives imports from non-members (`rest_of_world_imports_usd`) with a rate "
                "that stays above the partner's, so trade diversion and the revenue it costs are "
                "not assessed; each cut is scored as if it applied to every supplier",
            )
        )
    if not tariffs.exports:
        notes.append(
            Note(
                "efficiency",
                "exports.not_assessed",
                ("tariffs",),
                "the proposal gives no `tariffs.exports`: the partners' cuts on our exports, "
                "and our exporters' gain, are not assessed",
            )
        )
    if tariffs.lines and not tariffs.lines.given("domestic_output_usd").any():
        notes.append(
            Note(
                "redistribution",
                "producer_loss.not_assessed",
                ("tariffs", "lines"),
                "no line gives `domestic_output_usd`, so the import-competing producers' loss is "
                "not assessed and the income reshuffled counts tariff revenue only",
            )
        )
    below = _negative_imports(tariffs, out)
    if below is not None:
        notes.append(below)
    sectors = np.flatnonzero(~tariffs.lines.given("hs")).tolist()
    if sectors:
        with_cv = tariffs.lines.number("within_rate_cv")[sectors]
        given = with_cv[~np.isnan(with_cv)].tolist()
        factor = (
            f"; where the file gives the spread, the factor is {1 + min(given) ** 2:.2f} to "
            f"{1 + max(given) ** 2:.2f}"
            if given
            else "; the file does not give the spread of rates within sectors, so the factor "
            "is not estimated"
        )
        notes.append(
            Note(
                "efficiency",
                "tariffs.aggregated",
                ("tariffs", "lines", sectors[0]),
                f"{len(sectors):,} of {len(tariffs.lines):,} lines are whole sectors with one "
                "average rate: the triangle grows with the square of each rate, so averaging "
                "understates the gain by about a factor 1 + CV squared of the trade-weighted "
                f"rates within the sector{factor}",
            )
        )
    gain = _mean(out.efficiency_gain_usd)
    if out.preferential or out.exporters_gain_usd is not None or out.partner_captures:
        pieces = [f"import side {money(_mean(out.import_gain_usd))}"]
        if out.preferential:
            pieces.append(f"of which diverted imports cost {money(_mean(out.diversion_cost_usd))}")
        if out.partner_captures:
            kept = money(_mean(out.transfer_to_exporters_usd))
            pieces.append(f"margin kept by the partner's exporters {kept}")
        if out.exporters_gain_usd is not None:
            pieces.append(f"plus our exporters' gain {money(_mean(out.exporters_gain_usd))}")
        notes.append(
            Note(
                "efficiency",
                "tariffs.gain_decomposition",
                ("tariffs",),
                f"the national gain of {money(gain)} a year is the {', '.join(pieces)}",
            )
        )
    if gain < 0:
        parts = []
        if out.preferential:
            parts.append(
                f"imports diverted from non-members cost {money(_mean(out.diversion_cost_usd))} "
                "of duty a year net of the partner's"
            )
        if out.partner_captures:
            parts.append(
                f"the partner's exporters keep {money(_mean(out.transfer_to_exporters_usd))} of "
                "the preference margin as higher prices"
            )
        why = " and ".join(parts) or "the schedule raises tariffs"
        notes.append(
            Note(
                "efficiency",
                "tariffs.national_loss",
                ("tariffs",),
                f"the agreement's tariff changes lose {money(-gain)} a year nationally: {why}, "
                "more than the new trade gains",
            )
        )
    return notes


NAMED_LINES = 3
"""Lines a note names before it says how many more there are."""
_ROUNDING = 1e-9
"""Imports below zero by less than this share of the line's imports are rounding, not a result."""


def _negative_imports(tariffs: Tariffs, out: TariffOutcome) -> Note | None:
    """Lines whose imports linear demand takes below zero in at least one draw (a prohibitive
    increase): the model's figures for them are reported as computed, not clipped, and this note
    says so and how to fix it. The check is over every draw, not only the mean: a band that rests
    partly on negative imports is outside the model's range too."""
    if tariffs.demand != "linear":
        return None
    lowest = out.lowest_imports_usd
    below = np.flatnonzero(lowest < -_ROUNDING * np.maximum(out.imports_usd, 1.0))
    if below.size == 0:
        return None
    count = int(below.size)
    shown = below[:NAMED_LINES]
    names = [
        label or f"line {i + 1}"
        for i, label in zip(shown.tolist(), tariffs.lines.labels(shown), strict=True)
    ]
    named = ", ".join(names) + (f" and {count - NAMED_LINES:,} more" if count > NAMED_LINES else "")
    at_mean = int(np.count_nonzero(out.negative_at_mean[below]))
    when = (
        "at the mean of the draws"
        if at_mean == count
        else "in some draws, though not at their mean"
        if at_mean == 0
        else f"in some draws ({at_mean:,} of them at the mean of the draws)"
    )
    noun = "line" if count == 1 else "lines"
    verb = "ends" if count == 1 else "end"
    return Note(
        "efficiency",
        "tariffs.linear_demand_negative_imports",
        ("tariffs", "lines", int(below[0])),
        f"{count:,} tariff {noun} ({named}) {verb} with imports below zero {when}: linear import "
        "demand, used past the price at which it reaches zero, has the tariff increase cut "
        f"imports by more than there were (as low as {money(float(lowest[below].min()))} a year). "
        "The model reports these lines as computed, without clipping, so their trade creation, "
        "tariff revenue and gain lie outside its range; set `tariffs.demand: "
        "constant_elasticity`, under which imports fall towards zero but never below it",
    )
