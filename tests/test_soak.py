"""Soak: 200 mixed runs of the adversarial corpus and the examples in one process.

Run by ``make stress`` (CI runs it after ``make test``). In one long-lived process, as the
studio will be, every run must end with its expected exit code and never an exception; the
process must not grow (no leak across runs), leave temporary files behind, or change a file it
was not asked to write.
"""

from __future__ import annotations

import itertools
import os
import resource
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evaluator.cli import cli
from tests.conftest import PROPOSALS
from tests.test_adversarial import CORPUS, SETUPS

RUNS = 200
GROWTH_BOUND_BYTES = 300 * 1024**2
"""Most the process may grow between the end of the first round and the end of the soak."""
SLOW = {"brief_at_most_draws", "compare_sixteen_at_most_draws", "lines_over_the_command_total"}
"""Cases run once only: each takes seconds, and they are covered by the subprocess corpus."""

pytestmark = pytest.mark.stress


def _corpus() -> list[tuple[Path, dict[str, Any]]]:
    from ruamel.yaml import YAML

    out = []
    for manifest in sorted(CORPUS.glob("*/cases.yaml")):
        for case in YAML(typ="safe").load(manifest.read_text()):
            out.append((manifest.parent, case))
    examples = [
        (PROPOSALS, {"name": f"example_{p.stem}", "args": ["score", p.name], "exit": 0})
        for p in sorted(PROPOSALS.glob("*.yaml"))
        if p.stem != "synthetic_schedule"
    ]
    return out + examples


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_two_hundred_mixed_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _corpus()
    fast = [c for c in cases if c[1]["name"] not in SLOW]
    order = cases + list(itertools.islice(itertools.cycle(fast), RUNS - len(cases)))
    runner = CliRunner()
    settled = 0
    for index, (folder, case) in enumerate(order):
        work = tmp_path / f"run{index}"
        shutil.copytree(folder, work, symlinks=True, ignore=shutil.ignore_patterns("cases.yaml"))
        setups = case.get("setup") or []
        for name in [setups] if isinstance(setups, str) else setups:
            try:
                SETUPS[name](work)
            except pytest.skip.Exception:
                break
        before = sorted(p.name for p in work.rglob("*"))
        monkeypatch.chdir(work)
        stdin = case.get("stdin")
        if "stdin_file" in case:
            stdin = (work / case["stdin_file"]).read_bytes()
        result = runner.invoke(cli, case["args"], input=stdin or b"", catch_exceptions=True)
        shown = f"run {index}: {case['name']}: exit {result.exit_code}\n{result.output[-2000:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert result.exit_code == case["exit"], shown
        after = sorted(p.name for p in work.rglob("*"))
        assert not [n for n in after if n.endswith(".tmp")], shown
        assert set(after) - set(before) <= _outputs(case), shown
        monkeypatch.chdir(tmp_path)
        shutil.rmtree(work)
        if index == len(cases) - 1:
            settled = _rss()
    grown = _rss() - settled
    assert grown < GROWTH_BOUND_BYTES, f"grew {grown / 1024**2:.0f} MiB over the soak"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert peak < 2 * 1024**3, f"peak {peak / 1024**2:.0f} MiB"


def _outputs(case: dict[str, Any]) -> set[str]:
    """Names a case may create: its -o target, the default reports folder and brief."""
    args = case["args"]
    out = {"reports", f"{Path(args[1]).stem}.pdf", f"{Path(args[1]).stem}.html"}
    for flag in ("-o", "--output"):
        if flag in args:
            out.add(Path(args[args.index(flag) + 1]).name)
    return out
