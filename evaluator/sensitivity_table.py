"""``evaluator sensitivity`` as a terminal table: per output, the inputs that drive its band."""

from __future__ import annotations

import textwrap

from evaluator.formatting import plain_number
from evaluator.models.sensitivity import OutputSensitivity, SensitivityResult
from evaluator.rendering import aligned
from evaluator.sensitivity import CONFIDENCE, SPREAD_FIELD, label, value_text
from evaluator.textsafe import printable

TOP_INPUTS = 5
"""Inputs listed per output in the table (the JSON has them all)."""
WIDTH = 100


def sensitivity_table(result: SensitivityResult) -> str:
    """The analysis as a terminal table: per output, the top inputs by total-order index.

    Control characters and bidi overrides in a title or name are shown as ``\\uXXXX``."""
    info = result.proposal
    where = f" ({info.file})" if info.file else ""
    profile = f", profile {result.profile}" if result.profile else ""
    k = len(result.inputs)
    lines = [
        f"Sensitivity of {info.title}{where}",
        f"{result.basis} basis{profile}; {k} uncertain input{'' if k == 1 else 's'}",
        "",
    ]
    lines += [_wrap(f"Note: {note}") for note in result.notes]
    if result.notes:
        lines.append("")
    for output in result.outputs:
        lines += _output_lines(output)
    if result.inputs:
        lines += _input_lines(result)
    lines += [_wrap(line) for line in _method_lines(result)]
    return printable("\n".join(lines) + "\n")


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, subsequent_indent="  ", break_on_hyphens=False)


def _output_lines(output: OutputSensitivity) -> list[str]:
    title = label(output.name)
    if output.reported is None:
        return [_wrap(f"{title}: {output.note}"), ""]
    r, unit = output.reported, output.unit
    ends = (value_text(r.p05, unit), value_text(r.p95, unit))
    band = value_text(r.mean, unit)
    if ends[0] != ends[1]:
        band += f", band {ends[0]} to {ends[1]}"
    if not output.varies:
        return [_wrap(f"{title}: {band}: {output.note}"), ""]
    assert output.base is not None
    head = _wrap(f"{title}: {band}; {value_text(output.base, unit)} with every input at its median")
    rows = [("input", "S1", "ST", "at p05", "at p95")]
    for effect in output.effects[:TOP_INPUTS]:
        rows.append(
            (
                effect.input,
                _index(effect.s1, effect.s1_conf),
                _index(effect.st, effect.st_conf),
                value_text(effect.low, unit),
                value_text(effect.high, unit),
            )
        )
    lines = [head, *aligned(rows, right={1, 2, 3, 4})]
    rest = output.effects[TOP_INPUTS:]
    if rest:
        largest = max(e.st for e in rest)
        lines.append(f"  ({len(rest)} more, each with ST at most {_number(largest)})")
    return [*lines, ""]


def _input_lines(result: SensitivityResult) -> list[str]:
    rows = [("input", "5th to 95th percentile", "range", "set by", "unit")]
    for item in result.inputs:
        spread = item.field == SPREAD_FIELD
        middle = (
            "each line's own"
            if spread or item.p05 is None or item.p95 is None
            else f"{plain_number(item.p05)} to {plain_number(item.p95)}"
        )
        over = "over lines " if spread else ""
        rows.append(
            (
                item.name,
                middle,
                f"{over}{plain_number(item.low)} to {plain_number(item.high)}",
                item.set_by if item.field is None else f"{item.set_by} ({item.field})",
                item.unit,
            )
        )
    return ["Uncertain inputs", *aligned(rows, right=set()), ""]


def _method_lines(result: SensitivityResult) -> list[str]:
    k = len(result.inputs)
    if not k:
        return [f"Reference evaluation: {result.draws:,} draws, seed {result.seed}."]
    design = result.samples * (k + 2)
    uniform = all(item.distribution == "uniform" for item in result.inputs)
    median = "its median (its mean too: every input here is uniform)" if uniform else "its median"
    return [
        f"S1: the share of the output's variance due to the input alone; ST: with its "
        f"interactions; ± the half-width of the {CONFIDENCE:.0%} bootstrap interval.",
        f"Indices from {result.samples:,} x ({k} + 2) = {design:,} evaluations of a Saltelli "
        f"design (SALib); swings from {2 * k + 1} more: the input at its 5th and 95th "
        f"percentile, every other input at {median}.",
        f"Bands: {result.draws:,} draws, as `evaluator score` reports them; a score's band also "
        f"spans provisions the text leaves open, which are not model inputs. Seed {result.seed}.",
    ]


def _index(value: float, conf: float) -> str:
    return f"{_number(value)} ± {_number(conf)}"


def _number(value: float) -> str:
    """Two decimals, never ``-0.00``.

    >>> _number(-0.0004), _number(0.6152)
    ('0.00', '0.62')
    """
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text
