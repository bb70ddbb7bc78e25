"""What the studio does, as plain functions over the CLI's core: read and save files of the
workspace, validate, score, compare and print proposal text, apply edits keeping the author's
comments. No web library is imported here, so these are tested without a server.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evaluator.confine import Confinement, ReadRefusedError, read_inside
from evaluator.document import MAX_BYTES
from evaluator.errors import EvaluatorError, Problem, ProposalError

if TYPE_CHECKING:
    from evaluator.models import Proposal
    from evaluator.models.comparison import Comparison
    from evaluator.models.result import Basis, Evaluation

LIVE_DRAWS = 1_000
"""Draws of the live preview while typing: the examples score within the 300 ms budget at this
many (the bands are wider than the brief's, which uses the default 10,000)."""
MAX_LISTED = 500
"""Most proposal files the workspace page lists."""
PROPOSAL_SUFFIXES = (".yaml", ".yml")


class ConflictError(EvaluatorError):
    """The file changed on disk since it was opened: saving would overwrite someone's edit."""

    def __init__(self, path: str, current: str) -> None:
        self.current = current
        super().__init__(f"{path} changed on disk since it was opened")


def digest(text: str) -> str:
    """SHA-256 of a file's text as saved (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Workspace:
    """The folder the studio serves: every file it reads or writes lies inside it."""

    root: Path

    @classmethod
    def at(cls, folder: Path) -> Workspace:
        return cls(Path(os.path.realpath(folder)))

    def path(self, relative: str) -> Path:
        """The file ``relative`` names, refused unless it is a proposal inside the workspace."""
        if not relative or "\x00" in relative or Path(relative).is_absolute():
            raise EvaluatorError(f"{relative!r}: not a path inside the workspace")
        target = Path(os.path.realpath(self.root / relative))
        if not target.is_relative_to(self.root):
            raise EvaluatorError(f"{relative}: outside the workspace")
        if target.suffix not in PROPOSAL_SUFFIXES:
            raise EvaluatorError(f"{relative}: the studio opens and saves .yaml files only")
        return target

    def proposals(self) -> list[str]:
        """Proposal files in the workspace (hidden folders and virtual environments skipped)."""
        found: list[str] = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(
                d for d in subfolders if not d.startswith(".") and d != "node_modules"
            )
            for name in sorted(files):
                if name.endswith(PROPOSAL_SUFFIXES) and not name.startswith("."):
                    found.append(str((Path(folder) / name).relative_to(self.root)))
                    if len(found) >= MAX_LISTED:
                        return found
        return found

    def read(self, relative: str) -> str:
        """The text of a workspace proposal (a regular file, at most the proposal size cap)."""
        try:
            raw = read_inside(self.path(relative), (self.root,), MAX_BYTES)
        except ReadRefusedError as refused:
            raise EvaluatorError(f"{relative}: {refused.reason}") from None
        return raw.decode("utf-8", errors="replace")

    def save(self, relative: str, text: str, base: str | None) -> str:
        """Write ``text`` atomically; ``base`` is the digest of the text the editor opened (None
        for a new file, which must not exist). Returns the new digest."""
        from evaluator.output import write_atomic

        target = self.path(relative)
        if base is not None:
            current = digest(self.read(relative)) if target.exists() else None
            if current != base:
                raise ConflictError(relative, current or "")
        data = text.encode("utf-8")
        if len(data) > MAX_BYTES:
            raise EvaluatorError(f"{relative}: over the {MAX_BYTES:,}-byte limit of a proposal")
        write_atomic(target, data, force=base is not None)
        return digest(text)

    def confinement(self) -> Confinement:
        return Confinement((self.root,))


def load_text(text: str, workspace: Workspace, relative: str | None) -> Proposal:
    """Validate proposal text as if it were the file ``relative`` of the workspace (its
    ``lines_csv`` and dataset paths resolve from that file's folder, inside the workspace).

    The last few texts loaded are kept (a keystroke's text is checked by the linter and scored
    by the results panel: it is read once). A schedule file it names is read again when its
    modification time changes.
    """
    from evaluator.loading import load_proposal_bytes

    base = workspace.path(relative).parent if relative else workspace.root
    key = (workspace.root, digest(text), relative, _schedule_stamp(text, base))
    with _LOADING:
        if key in _LOADED:
            _LOADED.move_to_end(key)
            return _LOADED[key]
    proposal = load_proposal_bytes(
        text.encode("utf-8"),
        relative or "draft.yaml",
        base_dir=base,
        confinement=workspace.confinement(),
    )
    with _LOADING:
        _LOADED[key] = proposal
        while len(_LOADED) > KEPT:
            _LOADED.popitem(last=False)
    return proposal


KEPT = 16
"""Loaded proposals kept by text: the current draft, its saved version and a few recent ones."""
_LOADED: OrderedDict[tuple[Path, str, str | None, int], Proposal] = OrderedDict()
_LOADING = threading.Lock()


def _schedule_stamp(text: str, base: Path) -> int:
    """Modification time of a ``lines_csv`` the text names (0 if none), so an edited CSV
    schedule is read again."""
    import re

    match = re.search(r"^\s*lines_csv:\s*['\"]?([^'\"#\s]+)", text, re.MULTILINE)
    if match is None:
        return 0
    try:
        return (base / match.group(1)).stat().st_mtime_ns
    except OSError:
        return 0


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "col": problem.col,
        "path": problem.path,
        "message": problem.message,
        "severity": problem.severity,
    }


def validate_text(
    text: str, workspace: Workspace, relative: str | None, scored: bool = False
) -> dict[str, Any]:
    """What ``evaluator validate`` says about the text: problems (errors and notes), located.

    ``scored``: the text was just evaluated without an error, so the models' check of its
    inputs (which refuses only what evaluation would) is not run again."""
    from evaluator.loading import notes
    from evaluator.model_runs import check_inputs

    try:
        proposal = load_text(text, workspace, relative)
        if not scored:
            check_inputs(proposal)
    except ProposalError as exc:
        return {"ok": False, "problems": [problem_dict(p) for p in exc.problems]}
    return {"ok": True, "problems": [problem_dict(p) for p in notes(proposal)]}


@dataclass(frozen=True)
class Options:
    """How to evaluate, as the CLI's shared options."""

    draws: int = LIVE_DRAWS
    seed: int | None = None
    profile: str | None = None
    basis: Basis | None = None


def score_text(
    text: str,
    workspace: Workspace,
    relative: str | None,
    options: Options = Options(),
    levers: bool = True,
    extras: bool = True,
    models: Any = None,
) -> Evaluation:
    """The evaluation ``evaluator score`` gives for the text (``levers=False``: without the
    recommendations, which re-score variants and take most of the time; ``extras=False``:
    the recommendations without what only a brief shows, such as the best combination;
    ``models``: the model runs of an evaluation of the same text and options, reused)."""
    from evaluator.bounds import Budget
    from evaluator.evaluation import evaluate
    from evaluator.model_runs import DEFAULT_SEED

    Budget().check_draws(options.draws, 1)
    return evaluate(
        load_text(text, workspace, relative),
        seed=DEFAULT_SEED if options.seed is None else options.seed,
        draws=options.draws,
        profile=options.profile,
        basis=options.basis,
        levers=levers,
        extras=extras,
        models=models,
        keep_runs=not levers,
    )


def compare_texts(
    items: list[tuple[str, str | None]], workspace: Workspace, options: Options = Options()
) -> Comparison:
    """The comparison ``evaluator compare`` gives for several proposal texts."""
    from evaluator.bounds import MAX_COMPARED, Budget
    from evaluator.comparison import compare
    from evaluator.evaluation import evaluate
    from evaluator.model_runs import DEFAULT_SEED

    if not 2 <= len(items) <= MAX_COMPARED:
        raise EvaluatorError(f"compare takes 2 to {MAX_COMPARED} proposals ({len(items)} given)")
    Budget().check_draws(options.draws, len(items))
    seed = DEFAULT_SEED if options.seed is None else options.seed
    results = [
        evaluate(
            load_text(text, workspace, relative),
            seed=seed,
            draws=options.draws,
            profile=options.profile,
            basis=options.basis,
            levers=False,
        )
        for text, relative in items
    ]
    return compare(results, profile=options.profile)


def brief_bytes(evaluation: Evaluation, as_html: bool) -> bytes:
    """The brief of an evaluation, as PDF or as standalone HTML."""
    from evaluator.report.pdf import brief_pdf, render_html, standalone_html

    if as_html:
        return standalone_html(render_html(evaluation)).encode("utf-8")
    return brief_pdf(evaluation)


def scores_csv(evaluation: Evaluation) -> str:
    """One row per score and metric: name, mean (or score), 5th and 95th percentile, unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "value", "p05", "p95", "unit"])
    for name, score in evaluation.dimensions.items():
        if score is not None:
            writer.writerow([name, score.score, score.p05, score.p95, "score, 0-100"])
    if evaluation.overall is not None:
        o = evaluation.overall
        writer.writerow(["overall", o.score, o.p05, o.p95, "score, 0-100"])
    for name, summary in evaluation.metrics.items():
        if summary is not None:
            writer.writerow([name, summary.mean, summary.p05, summary.p95, summary.unit])
    return out.getvalue()
