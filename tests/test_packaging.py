"""A plain ``pip install .`` into a fresh virtual environment outside the checkout works."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

from tests.conftest import PROPOSALS, ROOT


def test_wheel_installs_and_validates_outside_the_checkout(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    environ = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(ROOT)],
        check=True,
        capture_output=True,
        env=environ,
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    files = sorted(str(p) for p in PROPOSALS.glob("*.yaml"))
    result = subprocess.run(
        [str(env_dir / "bin" / "evaluator"), "validate", *files],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok (") == len(files)
    starter = subprocess.run(
        [str(env_dir / "bin" / "evaluator"), "new", "visa-scheme"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "$schema=proposal.schema.json" in starter.stdout
    packaged = subprocess.run(
        [str(python), "-c", "from evaluator.assets import asset_dir; print(asset_dir('rubrics'))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "site-packages" in packaged.stdout
    assets = subprocess.run(
        [
            str(python),
            "-c",
            "import evaluator.studio, pathlib; "
            "s = pathlib.Path(evaluator.studio.__file__).parent / 'static'; "
            "print(sorted(p.name for p in s.iterdir()))",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    for name in ("editor.js", "htmx.min.js", "THIRD_PARTY_LICENSES.txt", "studio.js"):
        assert name in assets.stdout  # the wheel carries the studio's assets
    without_extra = subprocess.run(
        [str(env_dir / "bin" / "evaluator"), "serve", "--no-browser"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert without_extra.returncode == 2
    assert "pip install 'evaluator[studio]'" in without_extra.stderr
