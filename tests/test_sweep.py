"""Sweeps (issue 17): the sweep file's located errors, the same table whatever runs it, resume,
variants as edits, and the sensitive-list integer program against brute force."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.errors import ProposalError
from evaluator.loading import load_proposal
from evaluator.sweep.files import load_sweep
from evaluator.sweep.sensitive import best_exclusion, frontier, least_pcbr
from evaluator.sweep.variants import Variants

ROOT = Path(__file__).resolve().parents[1]
PROPOSALS = ROOT / "proposals"
NAFTA = PROPOSALS / "nafta_us_1994.yaml"

QUICK = """\
base: nafta_us_1994.yaml
sampling: grid
seed: 1
draws: 200
vary:
  - {path: "tariffs.lines[0].final_rate", values: [0.0, 0.06, 0.12]}
  - {path: labor.enforceable, values: [true, false]}
keep: [pcbr]
constraints: [{metric: pcbr, max: 40}]
objective: {maximize: overall}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the NAFTA example (the base) and the quick sweep beside it."""
    shutil.copy(NAFTA, tmp_path / NAFTA.name)
    (tmp_path / "quick.yaml").write_text(QUICK)
    return tmp_path


def sweep(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluator", "sweep", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_one_and_two_workers_give_the_same_table_and_the_best_variant(folder: Path) -> None:
    one = sweep("quick.yaml", "-o", "one.csv", "--workers", "1", cwd=folder)
    two = sweep("quick.yaml", "-o", "two.csv", "--workers", "2", cwd=folder)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    table = (folder / "one.csv").read_bytes()
    assert table == (folder / "two.csv").read_bytes()
    lines = table.decode().splitlines()
    assert len(lines) == 7 and lines[0].startswith("variant,tariffs.lines[0].final_rate,")
    assert "best: variant" in one.stderr and "6 of 6 variants meet the constraints" in one.stderr
    assert not (folder / "one.csv.partial").exists()


def test_common_random_numbers_make_an_unchanged_dimension_exactly_equal(folder: Path) -> None:
    """Labor enforceability moves no economic model input: with the same draws, the economic
    columns of the two rows are identical, not merely close."""
    assert sweep("quick.yaml", "-o", "t.csv", "--workers", "1", cwd=folder).returncode == 0
    rows = [line.split(",") for line in (folder / "t.csv").read_text().splitlines()[1:]]
    header = (folder / "t.csv").read_text().splitlines()[0].split(",")
    pcbr = header.index("pcbr_mean")
    assert rows[0][pcbr] == rows[1][pcbr] and rows[0][2] != rows[1][2]


def test_a_stopped_sweep_resumes_and_gives_the_same_bytes(folder: Path) -> None:
    assert sweep("quick.yaml", "-o", "full.csv", "--workers", "1", cwd=folder).returncode == 0
    full = (folder / "full.csv").read_text().splitlines(keepends=True)
    plan = load_sweep(folder / "quick.yaml")
    journal = folder / "again.csv.partial"
    cut = full[3][: len(full[3]) // 2]  # a row the stopped run was writing
    journal.write_text(f"# evaluator sweep {plan.digest}\n" + "".join(full[:3]) + cut)
    again = sweep("quick.yaml", "-o", "again.csv", "--workers", "1", cwd=folder)
    assert again.returncode == 0, again.stderr
    assert "resuming: 2 of 6 variants already done" in again.stderr
    assert (folder / "again.csv").read_text() == "".join(full)


def test_the_default_seed_is_the_tools() -> None:
    from evaluator.model_runs import DEFAULT_SEED
    from evaluator.sweep.spec import SweepFile

    assert SweepFile.model_fields["seed"].default == DEFAULT_SEED


def test_random_sampling_is_seeded(folder: Path) -> None:
    text = QUICK.replace("sampling: grid", "sampling: random\nsamples: 4")
    (folder / "random.yaml").write_text(text)
    first = load_sweep(folder / "random.yaml").design
    assert first == load_sweep(folder / "random.yaml").design and len(first) == 4
    (folder / "random.yaml").write_text(text.replace("seed: 1", "seed: 2"))
    assert load_sweep(folder / "random.yaml").design != first


@pytest.mark.parametrize(
    ("change", "where", "fragment"),
    [
        ("sampling: grid", "quick.yaml:2:", "random sampling needs `samples: N`"),
        ("values: [0.0, 0.06, 0.12]}", "quick.yaml:6:", "give `values` (a list) or `range`"),
        ("labor.enforceable", "quick.yaml:7:", "value True"),
        ("maximize: overall", "quick.yaml:10:", "not a kept metric or a score"),
        ("keep: [pcbr]", "quick.yaml:8:", "unknown field 'kept'"),
        ("keep: [pcbr]", "quick.yaml:8:", "'net_gain' is not a metric of this proposal"),
    ],
)
def test_a_bad_sweep_file_is_one_located_message_and_exit_2(
    folder: Path, change: str, where: str, fragment: str
) -> None:
    broken = {
        "sampling: grid": "sampling: random",
        "values: [0.0, 0.06, 0.12]}": "values: [0.0], range: {low: 0, high: 1}}",
        "labor.enforceable": "labor.no_such_field",
        "maximize: overall": "maximize: happiness",
        "keep: [pcbr]": "kept: [pcbr]" if "kept" in fragment else "keep: [net_gain]",
    }[change]
    (folder / "quick.yaml").write_text(QUICK.replace(change, broken))
    done = sweep("quick.yaml", "-o", "x.csv", cwd=folder)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(where) and fragment in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (folder / "x.csv").exists()


def test_a_base_outside_the_sweeps_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(QUICK.replace("nafta_us_1994.yaml", str(NAFTA)))
    with pytest.raises(ProposalError, match="outside the sweep file's folder"):
        load_sweep(tmp_path / "s.yaml")


def test_line_dimensions_are_column_edits_of_the_chosen_lines(tmp_path: Path) -> None:
    shutil.copy(PROPOSALS / "synthetic_schedule.yaml", tmp_path)
    shutil.copytree(PROPOSALS / "schedules", tmp_path / "schedules")
    (tmp_path / "s.yaml").write_text(
        "base: synthetic_schedule.yaml\ndraws: 100\nkeep: [pcbr]\nvary:\n"
        "  - {path: 'tariffs.lines[*].final_rate', hs_chapter: '87', values: [0.06]}\n"
    )
    plan = load_sweep(tmp_path / "s.yaml")
    base = plan.base
    assert base.tariffs is not None
    variant = Variants(base, plan.sweep).apply({0: 0.06})
    assert variant.tariffs is not None
    before, after = base.tariffs.lines, variant.tariffs.lines
    chapter = [i for i, hs in enumerate(before.text("hs").tolist()) if hs and hs[:2] == "87"]
    assert chapter and all(after[i].final_rate == 0.06 for i in chapter)
    others = [i for i in range(len(before)) if i not in chapter]
    assert all(after[i] == before[i] for i in others)


def test_star_paths_set_every_item(tmp_path: Path) -> None:
    guest = PROPOSALS / "guest_worker_rodrik.yaml"
    shutil.copy(guest, tmp_path / guest.name)
    (tmp_path / "s.yaml").write_text(
        "base: guest_worker_rodrik.yaml\nvary:\n"
        "  - {path: 'mobility.origins[*].annual_quota', range: {low: 1000, high: 3000, steps: 3}}\n"
    )
    plan = load_sweep(tmp_path / "s.yaml")
    assert [p[0] for p in plan.design] == [1000, 2000, 3000]  # whole numbers for a quota
    variant = Variants(plan.base, plan.sweep).apply((2000,))
    assert variant.mobility is not None
    assert {o.annual_quota for o in variant.mobility.origins} == {2000}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-1e9, 5e9), st.floats(0, 5e10)), min_size=1, max_size=9),
    st.integers(0, 4),
    st.floats(0.2, 1.1),
)
def test_the_integer_program_matches_brute_force(
    lines: list[tuple[float, float]], k: int, share: float
) -> None:
    gain = np.array([g for g, _ in lines])
    reshuffled = np.array([r for _, r in lines])
    cap = float(reshuffled.sum()) * share
    found, expected = (
        _gain(best_exclusion(gain, reshuffled, k, cap)),
        _brute(gain, reshuffled, k, cap),
    )
    assert (found is None) == (expected is None)  # infeasible exactly when no subset fits
    if found is not None and expected is not None:
        assert found == pytest.approx(expected, rel=1e-9, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-2e9, 5e9), st.floats(0, 5e10)), min_size=1, max_size=8),
    st.integers(0, 3),
    st.floats(0.05, 0.95),
)
def test_the_least_pcbr_matches_brute_force(
    lines: list[tuple[float, float]], k: int, share: float
) -> None:
    gain = np.array([g for g, _ in lines])
    reshuffled = np.array([r for _, r in lines])
    floor = max(1.0, float(gain[gain > 0].sum()) * share)
    expected: float | None = None
    for m in range(min(k, gain.size) + 1):
        for excluded in itertools.combinations(range(gain.size), m):
            kept = [i for i in range(gain.size) if i not in excluded]
            if float(gain[kept].sum()) >= floor:
                ratio = float(reshuffled[kept].sum()) / float(gain[kept].sum())
                expected = ratio if expected is None or ratio < expected else expected
    found = least_pcbr(gain, reshuffled, k, floor)
    assert (found is None) == (expected is None)
    if found is not None and expected is not None:
        ratio = found.reshuffled_usd / found.gain_usd
        assert ratio == pytest.approx(expected, rel=1e-7, abs=1e-9)
        assert found.gain_usd >= floor * (1 - 1e-9) and len(found.lines) <= k


def _gain(found: object) -> float | None:
    return None if found is None else float(found.gain_usd)  # type: ignore[attr-defined]


def _brute(gain: np.ndarray, reshuffled: np.ndarray, k: int, cap: float) -> float | None:
    best: float | None = None
    n = gain.size
    for m in range(min(k, n) + 1):
        for excluded in itertools.combinations(range(n), m):
            kept = [i for i in range(n) if i not in excluded]
            if float(reshuffled[kept].sum()) <= cap:
                value = float(gain[kept].sum())
                best = value if best is None or value > best else best
    return best


def test_the_sensitive_list_of_the_nafta_example_for_k_3_matches_brute_force() -> None:
    from evaluator.economics.tariffs.component import TariffModel
    from evaluator.evaluation import evaluate

    result = evaluate(load_proposal(NAFTA), draws=1000, levers=False, keep_runs=True)
    assert result.model_runs is not None
    (outcome,) = [
        run.state for model, run in result.model_runs.runs if isinstance(model, TariffModel)
    ]
    gain, reshuffled = outcome.line_gain_usd, outcome.line_redistribution_usd
    cap = float(reshuffled.sum()) * 0.8
    found = best_exclusion(gain, reshuffled, 3, cap)
    assert found is not None and len(found.lines) <= 3
    assert found.gain_usd == pytest.approx(_brute(gain, reshuffled, 3, cap), rel=1e-9)
    points = frontier(gain, reshuffled, 3)
    assert points[0].lines == () or points[0].reshuffled_usd <= float(reshuffled.sum())
    gains = [p.gain_usd for p in points]
    assert gains == sorted(gains, reverse=True)  # less reshuffling, less gain kept


def test_the_sensitive_list_command_names_the_lines_and_the_frontier() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evaluator", "sensitive-list", str(NAFTA), "--max-lines", "3",
         "--draws", "500", "--max-reshuffled", "3e10"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Best exclusion of at most 3 lines (most gain): tariffs.lines[" in done.stdout
    assert "Frontier" in done.stdout and done.stdout.count("$") > 6


def test_a_dask_cluster_gives_the_same_table(folder: Path) -> None:
    """Two Dask worker processes on 127.0.0.1, started here: the table equals one process's."""
    distributed = pytest.importorskip("distributed")
    local = sweep("quick.yaml", "-o", "local.csv", "--workers", "1", cwd=folder)
    assert local.returncode == 0, local.stderr
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        done = sweep("quick.yaml", "-o", "dask.csv", "--scheduler", cluster.scheduler_address,
                     cwd=folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (folder / "dask.csv").read_bytes() == (folder / "local.csv").read_bytes()


def test_parquet_holds_the_same_table(folder: Path) -> None:
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    assert sweep("quick.yaml", "-o", "t.csv", "--workers", "1", cwd=folder).returncode == 0
    assert sweep("quick.yaml", "-o", "t.parquet", "--workers", "1", cwd=folder).returncode == 0
    table = pyarrow_parquet.read_table(folder / "t.parquet").to_pydict()
    lines = (folder / "t.csv").read_text().splitlines()
    assert list(table) == lines[0].split(",")
    assert table["pcbr_mean"] == [float(line.split(",")[4]) for line in lines[1:]]


def test_the_committed_sweep_schema_is_in_sync_and_valid() -> None:
    import json

    import jsonschema

    from evaluator.confine import Confinement
    from evaluator.schema import sweep_schema_text

    committed = (ROOT / "schemas" / "sweep.schema.json").read_text()
    assert committed == sweep_schema_text(), "schemas/sweep.schema.json is stale: make schema"
    jsonschema.Draft202012Validator.check_schema(json.loads(committed))
    examples = sorted((ROOT / "sweeps").glob("*.yaml"))
    assert len(examples) == 2
    for example in examples:  # every example sweep loads (its base with --allow-path proposals)
        assert load_sweep(example, Confinement((PROPOSALS,))).design


def test_the_report_shows_the_frontier_the_best_variants_and_what_they_change(
    folder: Path,
) -> None:
    import pypdf

    done = sweep("quick.yaml", "-o", "t.csv", "--report", "t.pdf", "--workers", "1", cwd=folder)
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(folder / "t.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Sweep report" in text and "The frontier" in text
    assert "The best variants" in text and "What the best variant changes" in text
    assert "6 of 6 variants meet the constraints" in " ".join(text.split())
    again = sweep("quick.yaml", "-o", "t.csv", "--report", "t.pdf", cwd=folder)
    assert again.returncode != 0 and "exists" in again.stderr  # no overwrite without --force


@pytest.mark.stress
def test_the_2000_variant_nafta_sweep_is_the_same_locally_and_on_dask(tmp_path: Path) -> None:
    """Issue 17's acceptance run (``make stress``): the example sweep of 2,000 variants, with
    two local workers and on a Dask cluster of two workers started here."""
    distributed = pytest.importorskip("distributed")
    example = ROOT / "sweeps" / "nafta_us_2000.yaml"
    common = ["--allow-path", str(PROPOSALS)]
    local = sweep(str(example), "-o", str(tmp_path / "local.csv"), "--workers", "2", *common,
                  cwd=tmp_path)  # fmt: skip
    assert local.returncode == 0, local.stderr
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        on_dask = sweep(str(example), "-o", str(tmp_path / "dask.csv"), "--scheduler",
                        cluster.scheduler_address, *common, cwd=tmp_path)  # fmt: skip
    assert on_dask.returncode == 0, on_dask.stderr
    table = (tmp_path / "local.csv").read_bytes()
    assert table == (tmp_path / "dask.csv").read_bytes()
    assert len(table.splitlines()) == 2001
