"""The Caliendo-Parro solver: closed forms on a tiny dataset, invariants, the published table."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result

from evaluator.datasets import Dataset, read_dataset
from evaluator.economics.general_equilibrium.model import Calibration, Equilibrium, decompose, solve
from tests.general_equilibrium.synthetic import write_dataset

PUBLISHED = {  # cp2015 package README, run_cp2015(cp2015_nafta, zero_aggregate_deficit = TRUE), %
    "CAN": {"welfare": -0.0638, "tot": -0.108, "vot": 0.0443, "realwage": 0.323},
    "MEX": {"welfare": 1.31, "tot": -0.412, "vot": 1.72, "realwage": 1.72},
    "USA": {"welfare": 0.0848, "tot": 0.0435, "vot": 0.0412, "realwage": 0.112},
}


def _close(actual: float, published: float) -> bool:
    """Within 0.001 percentage points or 0.5% relative, whichever is larger (the issue's rule)."""
    return abs(actual - published) <= max(0.001, 0.005 * abs(published))


def _calibrate(data: Dataset) -> Calibration:
    return Calibration.of(data)


def _pair(data: Dataset) -> tuple[Equilibrium, Equilibrium]:
    cal = _calibrate(data)
    zero = np.zeros(len(data.regions))
    return solve(cal, data.tariff, zero), solve(cal, data.tariff_counterfactual, zero)


@pytest.mark.parametrize("intermediate", [0.0, 0.4])
def test_one_sector_real_wage_follows_the_domestic_share(
    tmp_path: Path, intermediate: float
) -> None:
    """One sector: w/P = lambda_hat ** (-1 / (theta gamma)) (ACR; gamma the value-added share)."""
    folder = write_dataset(
        tmp_path / "one",
        sectors=("Goods",),
        goods=(True,),
        theta=(5.0,),
        intermediate_share=intermediate,
    )
    data = read_dataset(folder)
    base, new = _pair(data)
    own = np.arange(len(data.regions))
    lam_hat = new.pi[own, own, 0] / base.pi[own, own, 0]
    gamma = 1.0 - intermediate
    expected = (lam_hat ** (-1.0 / (5.0 * gamma)) - 1.0) * 100.0
    assert np.allclose(decompose(base, new).real_wage, expected, atol=1e-7)
    assert np.all(np.abs(expected[:2]) > 1e-3)  # the scenario does move the first two regions


def test_no_tariff_change_changes_nothing(tmp_path: Path) -> None:
    data = read_dataset(write_dataset(tmp_path / "d"))
    cal = _calibrate(data)
    zero = np.zeros(len(data.regions))
    base = solve(cal, data.tariff, zero)
    same = solve(cal, data.tariff.copy(), zero)
    w = decompose(base, same)
    for values in (w.welfare, w.terms_of_trade, w.volume_of_trade, w.real_wage, w.real_income):
        assert np.allclose(values, 0.0, atol=1e-8)


def test_results_do_not_depend_on_the_order_of_regions_or_sectors(tmp_path: Path) -> None:
    data = read_dataset(write_dataset(tmp_path / "d"))
    region_order, sector_order = [2, 0, 1], [1, 0]

    def permute(d: Dataset) -> Dataset:
        r, s = np.array(region_order), np.array(sector_order)
        return Dataset(
            name=d.name,
            regions=tuple(d.regions[k] for k in r),
            sectors=tuple(d.sectors[k] for k in s),
            goods=d.goods[s],
            trade=d.trade[np.ix_(r, r, s)],
            tariff=d.tariff[np.ix_(r, r, s)],
            tariff_counterfactual=d.tariff_counterfactual[np.ix_(r, r, s)],
            intermediate=d.intermediate[np.ix_(r, s, s)],
            final=d.final[np.ix_(r, s)],
            value_added=d.value_added[np.ix_(r, s)],
            deficit=d.deficit[r],
            theta=d.theta[s],
            notes=d.notes,
        )

    original = decompose(*_pair(data))
    moved = decompose(*_pair(permute(data)))
    back = np.argsort(region_order)
    assert np.allclose(moved.welfare[back], original.welfare, atol=1e-9)
    assert np.allclose(moved.real_wage[back], original.real_wage, atol=1e-9)


def test_the_command_line_reproduces_the_published_nafta_table(
    data_dir: Path, run: Callable[..., Result]
) -> None:
    result = run("score", "proposals/nafta_us_1994.yaml", "--format", "json", "--draws", "200")
    assert result.exit_code == 0, result.stderr
    ge = json.loads(result.stdout)["general_equilibrium"]
    found = {r["region"]: r for r in ge["regions"]}
    for region, published in PUBLISHED.items():
        row = found[region]
        assert _close(row["welfare_pct"], published["welfare"]), (region, row)
        assert _close(row["terms_of_trade_pct"], published["tot"]), (region, row)
        assert _close(row["volume_of_trade_pct"], published["vot"]), (region, row)
        assert _close(row["real_wage_pct"], published["realwage"]), (region, row)
    assert ge["residual"] < 1e-9 and all(0 < k < 100 for k in ge["iterations"])


def test_intra_bloc_trade_grows_as_published(data_dir: Path) -> None:
    """CP 2015 abstract: intra-bloc trade +118% Mexico, +11% Canada, +41% US (by importer)."""
    data = read_dataset(data_dir / "cp2015_nafta")
    base, new = _pair(data)
    nafta = [data.regions.index(r) for r in ("Mexico", "Canada", "USA")]
    goods = data.goods
    for importer, published in zip(nafta, (118.0, 11.0, 41.0), strict=True):
        partners = [k for k in nafta if k != importer]
        before = base.trade[importer, partners][:, goods].sum()
        after = new.trade[importer, partners][:, goods].sum()
        assert abs((after / before - 1) * 100 - published) < 1.0


def test_data_dir_option_finds_the_dataset(
    data_dir: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVALUATOR_DATA")
    missing = run("score", "proposals/nafta_us_1994.yaml", "--format", "json", "--draws", "200")
    assert json.loads(missing.stdout)["general_equilibrium"] is None
    found = run(
        "score",
        "proposals/nafta_us_1994.yaml",
        "--format",
        "json",
        "--draws",
        "200",
        "--data-dir",
        str(data_dir),
    )
    assert found.exit_code == 0, found.stderr
    assert json.loads(found.stdout)["general_equilibrium"]["evaluated"] == "USA"


def test_a_comparison_across_bases_says_so(data_dir: Path, run: Callable[..., Result]) -> None:
    result = run(
        "compare",
        "proposals/nafta_us_1994.yaml",
        "proposals/guest_worker_rodrik.yaml",
        "--draws",
        "200",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    caveats = json.loads(result.stdout)["caveats"]
    assert len(caveats) == 1
    assert caveats[0].startswith("NAFTA (US side) scored on Caliendo and Parro's")


def test_the_brief_explains_the_general_equilibrium_model(data_dir: Path) -> None:
    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal
    from evaluator.report.methods import methods_context
    from evaluator.rubric.library import default_rubric_set

    result = evaluate(load_proposal("proposals/nafta_us_1994.yaml"), draws=200, levers=False)
    methods = methods_context(result, default_rubric_set())
    assert any("Caliendo and Parro's (2015) model" in text for text in methods["models"])
    names = {row["name"] for row in methods["assumptions"]}
    assert "Redistribution in general equilibrium" in names
