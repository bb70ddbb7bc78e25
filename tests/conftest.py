"""Shared fixtures: paths of the repository's data, and a CLI runner on real output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "proposals"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*.json from the current results instead of comparing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _numpy_errors_raise() -> object:
    """A NaN or overflow in a model is a bug, never a silent number in a brief."""
    with np.errstate(all="raise"):
        yield


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process with stdout and stderr kept apart."""
    from evaluator.cli import cli

    def invoke(*args: str, input: bytes | str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
