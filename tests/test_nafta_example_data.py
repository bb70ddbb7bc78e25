"""The NAFTA example proposals hold exactly the tariff figures the build script derives from data.

The data (Caliendo & Parro's 1993 calibration tables, dataset cp2015_nafta) are not part of the
repository. They are looked for in ``$EVALUATOR_DATA/cp2015_nafta``, then in
``../shared/data/cp2015_nafta`` beside the repository; without them the tests are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import PROPOSALS, ROOT

SCRIPT = ROOT / "scripts" / "build_nafta_example.py"
FILES = {"USA": PROPOSALS / "nafta_us_1994.yaml", "CAN": PROPOSALS / "nafta_canada_1994.yaml"}


def _data_dir() -> Path:
    root = os.environ.get("EVALUATOR_DATA")
    base = Path(root) if root else ROOT.parent / "shared" / "data"
    return base / "cp2015_nafta"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_nafta_example", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their annotations through it
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(build: ModuleType) -> Any:
    folder = _data_dir()
    if not (folder / "trade.csv").is_file():
        pytest.skip(f"cp2015_nafta data not found at {folder} (set EVALUATOR_DATA)")
    return build.load_dataset(folder)


@cache
def _proposal(country: str) -> dict[str, Any]:
    """The proposal file as plain data, parsed once per test session."""
    loaded: dict[str, Any] = YAML(typ="safe").load(FILES[country].read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("country", sorted(FILES))
def test_import_lines_match_the_data(build: ModuleType, data: Any, country: str) -> None:
    usd, rate = build.round_usd, build.round_rate
    expected = [
        {
            "sector": line.sector,
            "partner": line.partner,
            "imports_usd": usd(line.imports_usd),
            "base_rate": rate(line.base_rate),
            "final_rate": rate(line.final_rate),
            "rest_of_world_imports_usd": usd(line.rest_of_world_imports_usd),
            "rest_of_world_base_rate": rate(line.rest_of_world_base_rate),
            "substitution_elasticity": line.substitution_elasticity,
            "domestic_output_usd": usd(line.domestic_output_usd),
            "source": "cp2015",
        }
        for line in build.import_lines(data, country)
    ]
    assert _proposal(country)["tariffs"]["lines"] == expected


@pytest.mark.parametrize("country", sorted(FILES))
def test_export_lines_match_the_data(build: ModuleType, data: Any, country: str) -> None:
    expected = [
        {
            "sector": line.sector,
            "partner": line.partner,
            "exports_usd": build.round_usd(line.exports_usd),
            "base_rate": build.round_rate(line.base_rate),
            "final_rate": build.round_rate(line.final_rate),
            "source": "cp2015",
        }
        for line in build.export_lines(data, country)
    ]
    assert _proposal(country)["tariffs"]["exports"] == expected


@pytest.mark.parametrize("country", sorted(FILES))
def test_section_defaults_and_gdp_match_the_data(
    build: ModuleType, data: Any, country: str
) -> None:
    proposal = _proposal(country)
    tariffs = proposal["tariffs"]
    assert proposal["evaluated_for"] == country
    assert proposal["year"] == 1994
    assert "substitution_elasticity" not in tariffs  # every line sets its sector's theta_j
    assert all("substitution_elasticity" in line for line in tariffs["lines"])
    assert "export_supply_elasticity" not in tariffs  # infinite: the partners' buyers get the cut
    assert tariffs["exporters_supply_elasticity"] == {"low": 1.0, "high": 10.0}
    assert proposal["economy"]["gdp_usd"] == build.round_usd(build.gdp_usd(data, country))
    assert proposal["economy"]["source"] == "cp2015"
    assert "cp2015" in {source["id"] for source in proposal["sources"]}


@pytest.mark.parametrize("country", sorted(FILES))
def test_header_totals_match_the_data(build: ModuleType, data: Any, country: str) -> None:
    text = FILES[country].read_text(encoding="utf-8")
    for sentence in build.summary_lines(data, country):
        assert f"#   - {sentence}\n" in text


@pytest.mark.parametrize("country", sorted(FILES))
def test_printed_block_is_the_files_tariffs_section(
    build: ModuleType, data: Any, country: str
) -> None:
    text = FILES[country].read_text(encoding="utf-8")
    assert build.render_tariffs(data, country) in text
