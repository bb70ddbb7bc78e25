"""Shared fixtures: paths of the repository's data, and a CLI runner on real output."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "proposals"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
GOLDEN = Path(__file__).resolve().parent / "golden"
DATA_DIR = Path(os.environ.pop("EVALUATOR_DATA", None) or ROOT.parent / "shared" / "data")
"""Where the general-equilibrium datasets are (``../shared/data`` unless EVALUATOR_DATA says).
The variable is then removed for the whole session, module-scoped fixtures included: results do
not depend on the machine, and tests that need a dataset ask for the ``data_dir`` fixture."""
CP2015 = DATA_DIR / "cp2015_nafta"


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
def _no_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results do not depend on the machine: tests see no dataset unless they ask for one
    (the ``data_dir`` fixture), so the examples' general-equilibrium check is not run."""
    monkeypatch.delenv("EVALUATOR_DATA", raising=False)


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data directory with the Caliendo-Parro dataset, or a skip saying where it looked."""
    if not (CP2015 / "trade.csv").is_file():
        pytest.skip(f"cp2015_nafta data not found at {CP2015} (set EVALUATOR_DATA)")
    monkeypatch.setenv("EVALUATOR_DATA", str(DATA_DIR))
    return DATA_DIR


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
