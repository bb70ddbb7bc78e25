"""Locate the data that ships with the tool: rubrics, templates and starter proposals.

In a wheel they live under ``evaluator/_assets/``; in a source checkout (or an editable install)
they are the top-level ``rubrics/`` and ``templates/`` folders of the repository.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def asset_dir(name: str) -> Path:
    """The folder of packaged asset ``name`` (``"rubrics"`` or ``"templates"``)."""
    packaged = Path(str(resources.files("evaluator"))) / "_assets" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


STARTER_KINDS = ("trade-agreement", "visa-scheme")


def starter_text(kind: str) -> str:
    """The commented starter proposal for ``kind`` (one of ``STARTER_KINDS``)."""
    if kind not in STARTER_KINDS:
        raise ValueError(f"unknown kind {kind!r}: choose {' or '.join(STARTER_KINDS)}")
    return (asset_dir("templates") / "starters" / f"{kind}.yaml").read_text(encoding="utf-8")


def schema_reference(output: Path | None, cwd: Path | None = None) -> str:
    """How a new proposal at ``output`` should point at the JSON Schema.

    Relative to ``schemas/proposal.schema.json`` under the working directory when there is one
    (as in this repository), else ``proposal.schema.json`` beside the file (write it with
    ``evaluator schema -o proposal.schema.json``).
    """
    base = cwd or Path.cwd()
    schema = base / "schemas" / "proposal.schema.json"
    if not schema.is_file():
        return "proposal.schema.json"
    folder = (base / output).resolve().parent if output else base.resolve()
    return Path(os.path.relpath(schema.resolve(), folder)).as_posix()
