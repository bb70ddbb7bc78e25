"""Every docstring example in the package runs (economics modules have their own test)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import evaluator

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(evaluator.__path__, "evaluator.")
    if not info.name.startswith("evaluator.economics") and info.name != "evaluator.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
