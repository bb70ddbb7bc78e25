"""What the evaluating commands share: their options, how they load files (confined, capped)
and evaluate them (budgeted), and which files are inputs that no output may replace.

Heavy imports stay inside the functions so that ``evaluator --help`` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from evaluator.bounds import (
    DEFAULT_BUDGET,
    DEFAULT_CELL_BUDGET,
    DEFAULT_MEMORY_BUDGET_MIB,
    MAX_DRAWS,
    MAX_TOTAL_LINES,
    MOST_LINES,
    Budget,
)
from evaluator.cli import EXIT_INVALID
from evaluator.confine import CONFINED, Confinement
from evaluator.errors import Problem, ProposalError
from evaluator.textsafe import printable

if TYPE_CHECKING:
    from evaluator.models import Proposal
    from evaluator.models.result import Basis, Evaluation
    from evaluator.rubric.library import RubricSet

Command = Callable[..., None]

ALLOW_PATH_OPTION = click.option(
    "--allow-path",
    "allow_paths",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help=(
        "A folder proposals may read files from (lines_csv, datasets; a sweep's base) besides "
        "their own folder; repeat for several. Without it, a proposal reads only inside its "
        "folder."
    ),
)
_EVALUATION_OPTIONS = (
    click.option("--seed", type=click.IntRange(min=0), help="Monte Carlo seed (recorded)."),
    click.option(
        "--draws",
        type=click.IntRange(min=100, max=MAX_DRAWS),
        help="Monte Carlo draws (recorded).",
    ),
    click.option("--profile", help="Weight profile for the overall score (`evaluator rubrics`)."),
    click.option(
        "--basis",
        type=click.Choice(["national", "global"]),
        help=(
            "Whose gains the scores count: the evaluated country's residents, or everyone "
            "(migrants and partners too). Default: the profile's, else global. Both bases are "
            "always reported."
        ),
    ),
    click.option(
        "--weights",
        "weights_text",
        metavar="DIM=W,...",
        help="Weights overriding the profile's, e.g. labor_voice=3,efficiency=1.",
    ),
    click.option(
        "--rubrics-dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Score with the rubrics in this folder instead of the packaged ones.",
    ),
    click.option(
        "--data-dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Folder of general-equilibrium datasets (default: $EVALUATOR_DATA).",
    ),
    ALLOW_PATH_OPTION,
    click.option(
        "--memory-budget",
        type=click.IntRange(min=64, max=1 << 20),
        default=DEFAULT_MEMORY_BUDGET_MIB,
        show_default=True,
        help="MiB the command may plan for; draws x files over it are refused up front.",
    ),
    click.option(
        "--max-lines",
        type=click.IntRange(min=1, max=MOST_LINES),
        default=MAX_TOTAL_LINES,
        show_default=True,
        help=(
            "Most tariff lines the command reads, over all its files; raised above the default, "
            "also the most rows one CSV schedule may have (default 50,000)."
        ),
    ),
    click.option(
        "--cell-budget",
        type=click.IntRange(min=1000),
        default=DEFAULT_CELL_BUDGET,
        show_default=True,
        help="Tariff lines x draws a schedule off the closed form may be evaluated on.",
    ),
)
PAPER_OPTION = click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True
)
DATE_OPTION = click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date printed on a PDF (default: SOURCE_DATE_EPOCH, else today, UTC).",
)
FORCE_OPTION = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
FORMAT_OPTION = click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
    help="How to print the results.",
)


@dataclass(frozen=True)
class Settings:
    """How to evaluate, from the shared options; the profile is checked before any work."""

    seed: int
    draws: int
    profile: str | None
    weights: dict[str, float] | None
    rubrics: RubricSet
    basis: Basis | None = None
    confinement: Confinement = CONFINED
    budget: Budget = DEFAULT_BUDGET
    read: list[Path] = field(default_factory=list)
    """Every file read so far (proposals, schedules, rubrics): never an output."""

    def evaluate(self, proposal: Proposal, *, levers: bool = True) -> Evaluation:
        """Evaluate one loaded proposal with these settings."""
        from evaluator.evaluation import evaluate

        return evaluate(
            proposal,
            seed=self.seed,
            draws=self.draws,
            rubrics=self.rubrics,
            profile=self.profile,
            weights=self.weights,
            basis=self.basis,
            levers=levers,
            cell_budget=self.budget.cells,
        )

    def evaluate_files(self, files: tuple[str, ...], *, levers: bool = True) -> list[Evaluation]:
        """Load and evaluate every file (``-`` is stdin); all problems reported, then exit 2.

        The cyclic garbage collector is paused while a file is loaded and evaluated: each of its
        collections walks every object the process holds, and a million-line schedule makes
        millions (about a sixth of that command's time); the cycles are collected after."""
        from evaluator.gc_pause import paused_gc
        from evaluator.loading import input_paths

        self.budget.check_draws(self.draws, len(files))
        self.read.extend(rubric_files(self.rubrics))
        results: list[Evaluation] = []
        problems: list[Problem] = []
        lines = 0
        for index, name in enumerate(files, start=1):
            if len(files) > 1:
                click.echo(printable(f"[{index}/{len(files)}] {name}"), err=True)
            try:
                with paused_gc():  # a schedule's many small objects would trigger collections
                    proposal = load_file(name, self.confinement, self.budget.schedule_rows)
                    lines += len(proposal.tariffs.lines) if proposal.tariffs else 0
                    self.budget.check_lines(lines, name)
                    self.read.extend(input_paths(proposal))
                    results.append(self.evaluate(proposal, levers=levers))
            except ProposalError as exc:
                problems.extend(exc.problems)
        if problems:
            for problem in problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_INVALID)
        return results


def rubric_files(rubrics: RubricSet) -> list[Path]:
    """The rubric set's files (rules, scales and profiles), which no output may overwrite."""
    return [Path(r.file) for r in rubrics.rubrics] + sorted(rubrics.folder.glob("*.yaml"))


def load_file(name: str, confinement: Confinement, max_rows: int | None = None) -> Proposal:
    """Load the proposal ``name`` (``-``: standard input, capped and never waiting forever),
    with a CSV schedule of at most ``max_rows`` rows (default: the tool's bound)."""
    from evaluator.confine import ReadRefusedError, read_stdin
    from evaluator.document import MAX_BYTES
    from evaluator.loading import load_proposal, load_proposal_bytes

    if name != "-":
        return load_proposal(name, confinement=confinement, max_rows=max_rows)
    try:
        raw = read_stdin(sys.stdin.buffer, MAX_BYTES)
    except ReadRefusedError as refused:
        raise ProposalError([Problem("<stdin>", 1, 1, "", refused.reason)]) from None
    return load_proposal_bytes(
        raw, "<stdin>", Path.cwd(), confinement=confinement, max_rows=max_rows
    )


def _settings(
    seed: int | None,
    draws: int | None,
    profile: str | None,
    weights_text: str | None,
    rubrics_dir: Path | None,
    basis: Basis | None = None,
    allow_paths: tuple[Path, ...] = (),
    budget: Budget = DEFAULT_BUDGET,
) -> Settings:
    from evaluator.evaluation import DEFAULT_DRAWS, DEFAULT_SEED
    from evaluator.rubric.library import default_rubric_set, load_rubric_set
    from evaluator.scoring import resolve_weights

    rubric_set = load_rubric_set(rubrics_dir) if rubrics_dir else default_rubric_set()
    weights = parse_weights(weights_text)
    resolve_weights(rubric_set, profile, weights)  # fail on a bad profile before any work
    return Settings(
        seed=DEFAULT_SEED if seed is None else seed,
        draws=draws or DEFAULT_DRAWS,
        profile=profile,
        weights=weights,
        rubrics=rubric_set,
        basis=basis,
        confinement=Confinement(tuple(allow_paths)),
        budget=budget,
    )


def evaluation_options(command: Command) -> Command:
    """Add the shared evaluation options; the command receives them as ``settings``."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        seed: int | None,
        draws: int | None,
        profile: str | None,
        basis: Basis | None,
        weights_text: str | None,
        rubrics_dir: Path | None,
        data_dir: Path | None,
        allow_paths: tuple[Path, ...],
        memory_budget: int,
        max_lines: int,
        cell_budget: int,
        **kwargs: Any,
    ) -> None:
        use_data_directory(data_dir)
        budget = Budget(memory_mib=memory_budget, cells=cell_budget, lines=max_lines)
        settings = _settings(
            seed, draws, profile, weights_text, rubrics_dir, basis, allow_paths, budget
        )
        command(*args, settings=settings, **kwargs)

    decorated: Command = wrapper
    for option in reversed(_EVALUATION_OPTIONS):
        decorated = option(decorated)
    return decorated


def use_data_directory(data_dir: Path | None) -> None:
    """``--data-dir`` wins over ``$EVALUATOR_DATA`` for this process (the loader reads it)."""
    if data_dir is not None:
        from evaluator.datasets import DATA_ENV

        os.environ[DATA_ENV] = str(data_dir)


def refuse_existing(target: Path | None, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Fail before any work on an output that could not be written (checked again on write)."""
    from evaluator.output import check_target

    if target is not None and str(target) != "-":
        check_target(target, force=force, inputs=inputs)


def named_inputs(files: tuple[str, ...], settings: Settings) -> tuple[Path, ...]:
    return tuple(Path(f) for f in files if f != "-") + tuple(rubric_files(settings.rubrics))


def parse_weights(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    weights = {}
    for item in text.split(","):
        name, _, value = item.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(
                f"{item!r} is not DIMENSION=NUMBER", param_hint="--weights"
            ) from None
    return weights
