"""The commands that evaluate: ``score``, ``brief`` and ``compare``.

They register on the group in :mod:`evaluator.cli` and share one set of evaluation options
(seed, draws, profile, weights, rubrics) and one way of loading and evaluating files. Heavy
imports stay inside the commands so that ``evaluator --help`` stays fast.
"""

from __future__ import annotations

import datetime
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
    MAX_COMPARED,
    MAX_DRAWS,
    Budget,
)
from evaluator.cli import EXIT_INVALID, _emit, cli
from evaluator.confine import CONFINED, Confinement
from evaluator.errors import Problem, ProposalError

if TYPE_CHECKING:
    from evaluator.models import Proposal
    from evaluator.models.result import Basis, Evaluation
    from evaluator.rubric.library import RubricSet

Command = Callable[..., None]

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
    click.option(
        "--allow-path",
        "allow_paths",
        multiple=True,
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help=(
            "A folder proposals may read files from (lines_csv, datasets) besides their own "
            "folder; repeat for several. Without it, a proposal reads only inside its folder."
        ),
    ),
    click.option(
        "--memory-budget",
        type=click.IntRange(min=64, max=1 << 20),
        default=DEFAULT_MEMORY_BUDGET_MIB,
        show_default=True,
        help="MiB the command may plan for; draws x files over it are refused up front.",
    ),
    click.option(
        "--cell-budget",
        type=click.IntRange(min=1000),
        default=DEFAULT_CELL_BUDGET,
        show_default=True,
        help="Tariff lines x draws a schedule off the closed form may be evaluated on.",
    ),
)
_PAPER = click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True
)
_DATE = click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date printed on a PDF (default: SOURCE_DATE_EPOCH, else today, UTC).",
)
_FORCE = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
_FORMAT = click.option(
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

    def evaluate_files(self, files: tuple[str, ...], *, levers: bool = True) -> list[Evaluation]:
        """Load and evaluate every file (``-`` is stdin); all problems reported, then exit 2."""
        from evaluator.evaluation import evaluate
        from evaluator.loading import input_paths

        self.budget.check_draws(self.draws, len(files))
        self.read.extend(rubric_files(self.rubrics))
        results: list[Evaluation] = []
        problems: list[Problem] = []
        lines = 0
        for index, name in enumerate(files, start=1):
            if len(files) > 1:
                click.echo(f"[{index}/{len(files)}] {name}", err=True)
            try:
                proposal = load_file(name, self.confinement)
                lines += len(proposal.tariffs.lines) if proposal.tariffs else 0
                self.budget.check_lines(lines, name)
                self.read.extend(input_paths(proposal))
                results.append(
                    evaluate(
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
                )
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


def load_file(name: str, confinement: Confinement) -> Proposal:
    """Load the proposal ``name`` (``-``: standard input, capped and never waiting forever)."""
    from evaluator.confine import ReadRefusedError, read_stdin
    from evaluator.document import MAX_BYTES
    from evaluator.loading import load_proposal, load_proposal_bytes

    if name != "-":
        return load_proposal(name, confinement=confinement)
    try:
        raw = read_stdin(sys.stdin.buffer, MAX_BYTES)
    except ReadRefusedError as refused:
        raise ProposalError([Problem("<stdin>", 1, 1, "", refused.reason)]) from None
    return load_proposal_bytes(raw, "<stdin>", Path.cwd(), confinement=confinement)


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
    weights = _parse_weights(weights_text)
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
        cell_budget: int,
        **kwargs: Any,
    ) -> None:
        use_data_directory(data_dir)
        budget = Budget(memory_mib=memory_budget, cells=cell_budget)
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


def _refuse_existing(target: Path | None, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Fail before any work on an output that could not be written (checked again on write)."""
    from evaluator.output import check_target

    if target is not None and str(target) != "-":
        check_target(target, force=force, inputs=inputs)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@_FORMAT
@evaluation_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@_FORCE
def score(
    files: tuple[str, ...],
    output_format: str,
    settings: Settings,
    output: Path | None,
    force: bool,
) -> None:
    """Score proposal FILES on efficiency, redistribution, labor voice and policy space.

    Each dimension is 0-100 (higher is better for the proposal) with a band; the overall score
    is their weighted mean under a profile. Beside them: the economic metrics (Monte Carlo mean,
    5th and 95th percentiles), every rule that fired with the line of the proposal that earned
    it and the source behind it, and the provisions that would raise a score. Several files give
    one JSON array; progress goes to stderr, so stdout stays valid JSON.

    \b
    Examples:
      evaluator score proposals/nafta_us_1994.yaml
      evaluator score proposals/*.yaml --format json > results.json
      evaluator score proposals/rebalanced_agreement.yaml --profile labor_first
      evaluator score my.yaml --weights efficiency=2,policy_space=1 --rubrics-dir my_rubrics/
    """
    from evaluator.rendering import to_json, to_markdown, to_table

    _refuse_existing(output, force, _named_inputs(files, settings))
    results = settings.evaluate_files(files)
    render = {"json": to_json, "markdown": to_markdown, "table": to_table}[output_format]
    _emit(render(results), output, force, inputs=tuple(settings.read))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF; default reports/<file name>.pdf.",
)
@click.option("--html", "as_html", is_flag=True, help="Write standalone HTML instead of PDF.")
@_PAPER
@evaluation_options
@_DATE
@_FORCE
def brief(
    file: str,
    output: Path | None,
    as_html: bool,
    paper: str,
    settings: Settings,
    date: datetime.datetime | None,
    force: bool,
) -> None:
    """Write the PDF brief of proposal FILE: bottom line, scores, winners and losers, findings
    with evidence and sources, recommendations, methods and a reproducibility block.

    The same file, seed and date give a byte-identical PDF.

    \b
    Examples:
      evaluator brief proposals/guest_worker_rodrik.yaml
      evaluator brief proposals/nafta_us_1994.yaml -o nafta.pdf --paper letter --force
      evaluator brief my.yaml --html -o my.html
    """
    from evaluator.output import write_atomic
    from evaluator.report.pdf import brief_pdf, render_html, standalone_html

    stem = "stdin" if file == "-" else Path(file).stem
    target = output or Path("reports") / f"{stem}.{'html' if as_html else 'pdf'}"
    _refuse_existing(target, force, _named_inputs((file,), settings))
    (result,) = settings.evaluate_files((file,))
    day = date.date() if date else None
    if as_html:
        html = render_html(result, rubrics=settings.rubrics, paper=paper, date=day)
        data = standalone_html(html).encode("utf-8")
    else:
        data = brief_pdf(result, rubrics=settings.rubrics, paper=paper, date=day)
    write_atomic(target, data, force=force, inputs=settings.read, make_folder=output is None)
    click.echo(f"wrote {target}", err=True)


@cli.command(name="compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_FORMAT
@evaluation_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file; a name ending in .pdf gets the comparison PDF.",
)
@_PAPER
@_DATE
@_FORCE
def compare_command(
    files: tuple[str, ...],
    output_format: str,
    settings: Settings,
    output: Path | None,
    paper: str,
    date: datetime.datetime | None,
    force: bool,
) -> None:
    """Compare two or more proposals side by side: scores with bands, the probability that
    each beats each other on every dimension and overall (paired Monte Carlo draws), the share
    of random weightings in which each ranks first, rank reversals between weight profiles,
    Pareto dominance, and the provisions that make the difference.

    \b
    Examples:
      evaluator compare proposals/nafta_us_1994.yaml proposals/rebalanced_agreement.yaml \\
        proposals/guest_worker_rodrik.yaml
      evaluator compare a.yaml b.yaml --format json -o comparison.json
      evaluator compare a.yaml b.yaml c.yaml -o comparison.pdf
    """
    from evaluator.comparison import compare
    from evaluator.comparison_rendering import comparison_markdown, comparison_table

    if len(files) < 2:
        raise click.UsageError("compare needs at least two proposal files")
    if len(files) > MAX_COMPARED:
        raise click.UsageError(
            f"compare takes at most {MAX_COMPARED} proposals ({len(files)} given): the table and "
            "the win matrix stop being readable; use `score --format json` for many files"
        )
    _refuse_existing(output, force, _named_inputs(files, settings))
    results = settings.evaluate_files(files, levers=False)
    comparison = compare(
        results, rubrics=settings.rubrics, profile=settings.profile, weights=settings.weights
    )
    inputs = tuple(settings.read)
    if output is not None and output.suffix.lower() == ".pdf":
        from evaluator.report.comparison_pdf import render_comparison

        day = date.date() if date else None
        render_comparison(comparison, output, paper=paper, date=day, force=force, inputs=inputs)
        click.echo(f"wrote {output}", err=True)
        return
    if output_format == "json":
        text = comparison.model_dump_json(indent=2) + "\n"
    elif output_format == "markdown":
        text = comparison_markdown(comparison)
    else:
        text = comparison_table(comparison)
    _emit(text, output, force, inputs=inputs)


def _named_inputs(files: tuple[str, ...], settings: Settings) -> tuple[Path, ...]:
    return tuple(Path(f) for f in files if f != "-") + tuple(rubric_files(settings.rubrics))


def _parse_weights(text: str | None) -> dict[str, float] | None:
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
