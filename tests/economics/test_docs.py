"""Docstring examples run, and the methodology documents every parameter and module."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from evaluator.economics.parameters import default_parameters

MODULES = [
    "evaluator.economics.sampling",
    "evaluator.economics.tariffs.kernels",
    "evaluator.economics.tariffs.phase_in",
    "evaluator.economics.tariffs.preferential",
    "evaluator.economics.gains_from_trade",
    "evaluator.economics.mobility.kernels",
    "evaluator.economics.matching",
    "evaluator.economics.parameters",
    "evaluator.economics.floating",
]
METHODOLOGY = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_have_references_or_examples(name: str) -> None:
    module = importlib.import_module(name)
    for attr in getattr(module, "__all__", dir(module)):
        obj = getattr(module, attr)
        if callable(obj) and getattr(obj, "__module__", None) == name and not attr.startswith("_"):
            assert obj.__doc__, f"{name}.{attr} has no docstring"


def test_methodology_names_every_parameter_and_required_input() -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    reg = default_parameters()
    for name in [*reg.names, *reg.required_inputs]:
        assert f"`{name}`" in text, f"docs/methodology.md does not mention `{name}`"
