"""``evaluator brief A B ... --jobs N``: the same bytes as one at a time, all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import BROKEN, PROPOSALS

FAST = ["--draws", "300", "--date", "2026-11-22"]


def brief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "evaluator", "brief", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


def test_two_jobs_write_the_bytes_one_at_a_time_writes(tmp_path: Path) -> None:
    names = ["guest_worker_rodrik.yaml", "us_h2a.yaml"]
    for name in names:
        shutil.copy(PROPOSALS / name, tmp_path / name)
    alone = {}
    for name in names:
        done = brief(name, "-o", f"{name}.pdf", *FAST, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        alone[name] = (tmp_path / f"{name}.pdf").read_bytes()
    done = brief(*names, "--jobs", "2", "-o", "out", *FAST, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"wrote out/{Path(n).stem}.pdf" for n in names]
    for name in names:
        assert (tmp_path / "out" / f"{Path(name).stem}.pdf").read_bytes() == alone[name]


def test_one_bad_file_means_every_problem_and_no_brief(tmp_path: Path) -> None:
    shutil.copy(PROPOSALS / "us_h2a.yaml", tmp_path / "us_h2a.yaml")
    shutil.copy(BROKEN / "nan.yaml", tmp_path / "nan.yaml")
    shutil.copy(BROKEN / "merge_key.yaml", tmp_path / "merge_key.yaml")
    done = brief("us_h2a.yaml", "nan.yaml", "merge_key.yaml", "--jobs", "2", *FAST, cwd=tmp_path)
    assert done.returncode == 2
    assert "nan.yaml:9:33: tariffs.lines[0].imports_usd" in done.stderr
    assert "merge_key.yaml:8:3: merge key << is not allowed" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "reports").exists()


def test_outputs_that_would_clash_are_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        shutil.copy(PROPOSALS / "us_h2a.yaml", tmp_path / folder / "us_h2a.yaml")
    clash = brief("a/us_h2a.yaml", "b/us_h2a.yaml", *FAST, cwd=tmp_path)
    assert clash.returncode == 2 and "two files would write reports/us_h2a.pdf" in clash.stderr
    one_pdf = brief("a/us_h2a.yaml", "b/us_h2a.yaml", "-o", "x.pdf", *FAST, cwd=tmp_path)
    assert one_pdf.returncode == 2 and "-o names a folder" in one_pdf.stderr
    stdin = brief("a/us_h2a.yaml", "-", *FAST, cwd=tmp_path)
    assert stdin.returncode == 2 and "standard input (-)" in stdin.stderr
    assert not (tmp_path / "reports").exists()
