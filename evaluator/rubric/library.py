"""Load the rubric folder: rubric files, score scales and weight profiles, with located errors.

The packaged folder (``rubrics/`` in the repository) is the default. A user's folder
(``--rubrics-dir``) replaces the rubrics; its ``scales.yaml`` and ``profiles.yaml`` replace the
packaged ones when present.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from evaluator.assets import asset_dir
from evaluator.confine import ReadRefusedError, read_inside
from evaluator.diagnostics import problems_from
from evaluator.document import MAX_BYTES, Document, read_yaml
from evaluator.errors import Problem, ProposalError, format_path
from evaluator.rubric.fields import check_leaf
from evaluator.rubric.format import (
    AllOf,
    AnyOf,
    Condition,
    Leaf,
    NotOf,
    ProfileFile,
    Rubric,
    ScaleFile,
)

SCALES = "scales.yaml"
PROFILES = "profiles.yaml"
Model = TypeVar("Model", bound=BaseModel)


class RubricError(ProposalError):
    """A rubric, scale or profile file is invalid."""


@dataclass(frozen=True)
class LoadedRubric:
    """A rubric and where each of its rules is written."""

    rubric: Rubric
    file: str
    rule_lines: dict[str, int]


@dataclass(frozen=True)
class RubricSet:
    """Everything scoring needs besides the models."""

    rubrics: tuple[LoadedRubric, ...]
    scales: ScaleFile
    profiles: ProfileFile
    folder: Path


def _read(path: Path, model: type[Model]) -> tuple[Model, Document]:
    """Read a rubric-set file: a regular file inside its own folder (links out of it, pipes and
    devices are refused), at most the proposal size cap."""
    packaged = path.resolve().is_relative_to(asset_dir("rubrics").resolve())
    try:
        raw = read_inside(path, (path.parent.resolve(),), MAX_BYTES)
    except ReadRefusedError as refused:
        raise RubricError([Problem(str(path), 1, 1, "", refused.reason)]) from None
    document = read_yaml(raw, str(path), trusted=packaged)

    try:
        return model.model_validate(document.data), document
    except ValidationError as exc:
        problems = problems_from(exc, document.data, document.locate, document.raw_token, model)
        raise RubricError(problems) from None


def _leaves(condition: Condition, path: tuple[str | int, ...]) -> Iterator[tuple[Leaf, Any]]:
    if isinstance(condition, Leaf):
        yield condition, path
    elif isinstance(condition, AllOf | AnyOf):
        key = "all" if isinstance(condition, AllOf) else "any"
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        for index, part in enumerate(parts):
            yield from _leaves(part, (*path, key, index))
    elif isinstance(condition, NotOf):
        yield from _leaves(condition.not_, (*path, "not"))


def load_rubric(path: Path) -> LoadedRubric:
    """Load one rubric file, checking every condition against the Proposal schema."""
    rubric, document = _read(path, Rubric)
    problems = []
    if rubric.rubric != path.stem:
        _, line, col = document.values[("rubric",)]
        problems.append(
            Problem(
                str(path),
                line,
                col,
                "rubric",
                f"rubric id {rubric.rubric!r} must match the file name {path.stem!r}",
            )
        )
    for index, rule in enumerate(rubric.rules):
        for leaf, where in _leaves(rule.when, ("rules", index, "when")):
            reason = check_leaf(leaf)
            if reason is not None:
                field_path = (*where, "field")
                _, line, col = document.values.get(field_path, (str(path), 1, 1))
                problems.append(Problem(str(path), line, col, format_path(field_path), reason))
    if problems:
        raise RubricError(problems)
    lines = {
        rule.id: document.values[("rules", index)][1] for index, rule in enumerate(rubric.rules)
    }
    return LoadedRubric(rubric, str(path), lines)


def load_rubric_set(folder: Path | None = None) -> RubricSet:
    """Load a rubric folder (the packaged one by default)."""
    packaged = asset_dir("rubrics")
    chosen = folder or packaged
    if not chosen.is_dir():
        raise RubricError([Problem(str(chosen), 1, 1, "", "not a folder of rubrics")])
    problems: list[Problem] = []
    rubrics: list[LoadedRubric] = []
    for path in sorted(chosen.glob("*.yaml")):
        if path.name in (SCALES, PROFILES):
            continue
        try:
            rubrics.append(load_rubric(path))
        except ProposalError as exc:
            problems.extend(exc.problems)
    if not rubrics and not problems:
        problems.append(Problem(str(chosen), 1, 1, "", "no rubric files (*.yaml) in the folder"))
    scales = profiles = None
    try:
        scales = _read(_pick(chosen, packaged, SCALES), ScaleFile)[0]
        profiles = _read(_pick(chosen, packaged, PROFILES), ProfileFile)[0]
    except ProposalError as exc:
        problems.extend(exc.problems)
    if problems or scales is None or profiles is None:
        raise RubricError(problems)
    return RubricSet(tuple(rubrics), scales, profiles, chosen)


@cache
def default_rubric_set() -> RubricSet:
    """The packaged rubrics, loaded once per process (and kept between runs,
    :mod:`evaluator.packaged_cache`)."""
    from evaluator.packaged_cache import cached

    return cached("rubrics", sorted(asset_dir("rubrics").glob("*.yaml")), load_rubric_set)


def _pick(chosen: Path, packaged: Path, name: str) -> Path:
    own = chosen / name
    return own if own.exists() or own.is_symlink() else packaged / name
