"""Degenerate economics (GitHub issue 14): a proposal that changes nothing is "no change", not
"income reshuffled with no net gain"; linear demand past zero imports is named in a note; no
formatter prints a negative zero."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.accounting import NO_CHANGE, NO_CHANGE_RULE
from evaluator.basis_text import no_change, totals_line
from evaluator.drawing import Draws
from evaluator.economics.parameters import default_parameters
from evaluator.economics.tariffs.outcome import tariff_outcome
from evaluator.evaluation import evaluate
from evaluator.formatting import (
    by_unit,
    count,
    estimate_count,
    fixed,
    money,
    percent,
    plain_number,
    ratio,
    unsigned_zero,
)
from evaluator.loading import load_proposal
from evaluator.models import TariffLine, Tariffs
from evaluator.models.common import PositiveRange as Range
from evaluator.models.result import Evaluation
from evaluator.rendering import to_json, to_markdown, to_table
from evaluator.report.checkable import bases_context
from evaluator.report.narrative import bottom_line
from evaluator.rubric.library import default_rubric_set
from evaluator.scoring import interpolate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "adversarial" / "degenerate"
DRAWS = 2_000
NOTE_RULE = "tariffs.linear_demand_negative_imports"


@cache
def _evaluated(name: str) -> Evaluation:
    with np.errstate(all="raise"):
        return evaluate(load_proposal(FIXTURES / f"{name}.yaml"), draws=DRAWS)


def _rules(evaluation: Evaluation) -> list[str]:
    return [f.rule for f in evaluation.findings]


def _is_positive_zero(value: float) -> bool:
    return value == 0.0 and math.copysign(1.0, value) > 0


# --- 1. A proposal that changes nothing --------------------------------------------------------


@pytest.mark.parametrize("name", ["no_change_tariffs", "zero_quota"])
def test_no_change_is_not_assessed_on_redistribution(name: str) -> None:
    result = _evaluated(name)
    assert result.dimensions["redistribution"] is None
    assert result.not_assessed["redistribution"].startswith(NO_CHANGE)
    assert result.metrics["pcbr"] is None
    assert all(block.pcbr is None and no_change(block) for block in result.bases.values())
    assert NO_CHANGE_RULE in _rules(result)
    assert "pcbr.undefined" not in _rules(result)
    assert result.overall is not None and "redistribution" in result.overall.left_out


@pytest.mark.parametrize("name", ["no_change_tariffs", "zero_quota"])
def test_no_change_efficiency_is_a_true_zero(name: str) -> None:
    result = _evaluated(name)
    for metric in ("efficiency_gain_usd", "efficiency_gain_pct_gdp", "redistribution_usd"):
        summary = result.metrics[metric]
        assert summary is not None
        assert all(_is_positive_zero(v) for v in (summary.mean, summary.p05, summary.p95))
    efficiency = result.dimensions["efficiency"]
    assert efficiency is not None
    scale = default_rubric_set().scales.scales["efficiency"]
    assert efficiency.score == efficiency.p05 == efficiency.p95 == interpolate(scale, 0.0)
    assert efficiency.raw == "no change: exactly 0% of GDP a year"


@pytest.mark.parametrize("name", ["no_change_tariffs", "zero_quota"])
def test_no_change_reads_the_same_in_every_output(name: str) -> None:
    result = _evaluated(name)
    table, markdown = to_table([result]), to_markdown([result])
    for text in (table, markdown):
        assert "not assessed: the proposal changes nothing the models measure" in text
        assert "PCBR undefined (no change: nothing is gained and nothing reshuffled)" in text
        assert "reshuffled with no net gain" not in text
        assert "-0%" not in text and "-$0" not in text
    text = to_json([result])
    data = json.loads(text)
    assert data["dimensions"]["redistribution"] is None
    assert data["not_assessed"]["redistribution"].startswith(NO_CHANGE)
    assert data["metrics"]["pcbr"] is None
    assert "-0.0" not in text
    words = " ".join(bottom_line(result))
    assert "the proposal changes nothing the models measure" in words
    assert "without a reliable gain" not in words
    assert {row["pcbr"] for row in bases_context(result)} == {"undefined (no change)"}


def test_no_change_names_what_stays_the_same() -> None:
    tariffs = next(f for f in _evaluated("no_change_tariffs").findings if f.rule == NO_CHANGE_RULE)
    visas = next(f for f in _evaluated("zero_quota").findings if f.rule == NO_CHANGE_RULE)
    assert "every tariff line's final rate equals its base rate" in tariffs.rationale
    assert "every visa quota is zero" in visas.rationale


def test_a_tiny_real_change_is_scored() -> None:
    result = _evaluated("tiny_change")
    redistribution = result.dimensions["redistribution"]
    assert redistribution is not None and "reshuffled per $1 of net gain" in redistribution.raw
    assert result.metrics["pcbr"] is not None and result.metrics["pcbr"].mean > 0
    assert NO_CHANGE_RULE not in _rules(result)
    assert "redistribution" not in result.not_assessed
    assert not any(no_change(block) for block in result.bases.values())
    assert all("no change" not in totals_line(block) for block in result.bases.values())


def test_a_tariff_increase_is_still_an_undefined_pcbr_not_no_change() -> None:
    result = _evaluated("modest_increase")
    assert NO_CHANGE_RULE not in _rules(result)
    assert "pcbr.undefined" in _rules(result)
    assert result.dimensions["redistribution"] is not None


# --- 2. Linear demand past zero imports --------------------------------------------------------


def test_prohibitive_increase_note_names_the_line_and_the_fix() -> None:
    notes = [f for f in _evaluated("prohibitive_increase").findings if f.rule == NOTE_RULE]
    assert len(notes) == 1
    text = notes[0].rationale
    assert text.startswith("1 tariff line (010121) ends with imports below zero")
    assert "020110" not in text
    assert "without clipping" in text
    assert "set `tariffs.demand: constant_elasticity`" in text
    assert notes[0].evidence is not None and notes[0].evidence.path == "tariffs.lines[0]"


@pytest.mark.parametrize("name", ["modest_increase", "prohibitive_increase_ces", "tiny_change"])
def test_no_note_within_the_model_range(name: str) -> None:
    assert NOTE_RULE not in _rules(_evaluated(name))


def _pool(n: int = 500) -> Draws:
    return Draws(
        seed=11,
        n=n,
        registry=default_parameters(),
        overrides={},
        sources={},
        locate=lambda path: ("<test>", 1, 1),
    )


def _line(hs: str, final: float, **extra: object) -> TariffLine:
    return TariffLine.model_validate(
        {"hs": hs, "imports_usd": 1.0e9, "base_rate": 0.05, "final_rate": final, **extra}
    )


def _outcome(tariffs: Tariffs) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(all="raise", under="ignore"):
        out = tariff_outcome(tariffs, _pool(), 0.03, 20)
    return out.lowest_imports_usd, out.negative_at_mean


def test_lowest_imports_are_exact_over_the_draws_on_the_affine_path() -> None:
    # 5% -> 150%: imports fall by 1.381 e M0, below zero once e > 0.724. With e in [0.3, 0.9]
    # only the upper draws cross, so the line is flagged in some draws but not at the mean.
    tariffs = Tariffs(
        elasticity=Range(low=0.3, high=0.9),
        lines=(_line("01", 1.5), _line("02", 0.05), _line("03", 0.0)),
    )
    lowest, at_mean = _outcome(tariffs)
    z = _pool().uniform("import_demand_elasticity")
    expected = 1.0e9 * (1.0 - (0.3 + 0.6 * z.max()) * 1.45 / 1.05)
    assert lowest[0] == pytest.approx(expected, rel=1e-12)
    assert lowest[0] < 0 and not at_mean[0]
    assert lowest[1] == 0.0 and lowest[2] == 0.0  # no rest-of-world imports: the lower source
    assert not at_mean[1] and not at_mean[2]


def test_lowest_imports_on_the_dense_path_match_the_affine_path() -> None:
    affine = Tariffs(elasticity=Range(low=0.3, high=0.9), lines=(_line("01", 1.5),))
    # An uncertain substitution elasticity takes the dense path; with no rest-of-world imports it
    # does not change the partner's own volume.
    dense = affine.model_copy(update={"substitution_elasticity": Range(low=1.0, high=3.0)})
    assert _outcome(dense)[0] == pytest.approx(_outcome(affine)[0], rel=1e-12)


# --- 3. No negative zeros ----------------------------------------------------------------------

FORMATTERS: dict[str, Callable[[float], str]] = {
    "money": money,
    "percent": percent,
    "ratio": ratio,
    "count": count,
    "plain_number": plain_number,
    "estimate_count": estimate_count,
    "by_unit USD": lambda v: by_unit(v, "USD per year"),
    "by_unit %": lambda v: by_unit(v, "% of GDP"),
    "by_unit persons": lambda v: by_unit(v, "persons"),
    "by_unit ratio": lambda v: by_unit(v, "ratio"),
    "fixed .0f": lambda v: fixed(v, ".0f"),
    "fixed +.1f": lambda v: fixed(v, "+.1f"),
    "fixed .2g": lambda v: fixed(v, ".2g"),
    "fixed ,.0f": lambda v: fixed(v, ",.0f"),
}


def _nonzero_digits(text: str) -> bool:
    return any(c in "123456789" for c in text)


@pytest.mark.parametrize("name", FORMATTERS)
@pytest.mark.parametrize("value", [-0.0, -1e-300, -5e-324, -0.004, -0.4])
def test_a_negative_value_that_prints_as_zero_has_no_minus(name: str, value: float) -> None:
    text = FORMATTERS[name](value)
    assert not text.startswith("-") or _nonzero_digits(text), text
    assert "-" not in text or _nonzero_digits(text), text


@pytest.mark.parametrize("name", FORMATTERS)
@given(value=st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=300, deadline=None)
def test_no_formatter_prints_a_negative_zero(name: str, value: float) -> None:
    text = FORMATTERS[name](value)
    if text.startswith("-"):
        assert _nonzero_digits(text), (value, text)
    if value < 0 and _nonzero_digits(text):
        assert text.startswith("-"), (value, text)  # real negatives keep their sign


def test_negative_zero_examples() -> None:
    assert (money(-0.0), percent(-0.0), ratio(-0.0), count(-0.0)) == ("$0", "0%", "0.00", "0")
    assert (plain_number(-0.0), estimate_count(-0.0)) == ("0", "0")
    assert (fixed(-0.04, "+.1f"), fixed(0.04, "+.1f"), fixed(-0.06, "+.1f")) == (
        "+0.0",
        "+0.0",
        "-0.1",
    )
    assert unsigned_zero("-inf%") == "-inf%"
    assert percent(-0.00077) == "-0.00077%"
