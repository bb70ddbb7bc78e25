"""The commands that evaluate: ``score``, ``brief`` and ``compare``.

They register on the group in :mod:`evaluator.cli` and share one set of evaluation options
(seed, draws, profile, weights, rubrics) and one way of loading and evaluating files. Heavy
imports stay inside the commands so that ``evaluator --help`` stays fast.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from evaluator.bounds import MAX_COMPARED
from evaluator.cli import EXIT_INVALID, _emit, cli
from evaluator.cli_settings import (
    DATE_OPTION,
    FORCE_OPTION,
    FORMAT_OPTION,
    PAPER_OPTION,
    Settings,
    evaluation_options,
    named_inputs,
    refuse_existing,
    rubric_files,
)
from evaluator.textsafe import printable


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@FORMAT_OPTION
@evaluation_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@FORCE_OPTION
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

    refuse_existing(output, force, named_inputs(files, settings))
    results = settings.evaluate_files(files)
    render = {"json": to_json, "markdown": to_markdown, "table": to_table}[output_format]
    _emit(render(results), output, force, inputs=tuple(settings.read))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the PDF; default reports/<file name>.pdf. With several files, a "
    "folder for them (default reports/).",
)
@click.option("--html", "as_html", is_flag=True, help="Write standalone HTML instead of PDF.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Briefs made at once, in separate processes; 0 for one per core.",
)
@PAPER_OPTION
@evaluation_options
@DATE_OPTION
@FORCE_OPTION
def brief(
    files: tuple[str, ...],
    output: Path | None,
    as_html: bool,
    jobs: int,
    paper: str,
    settings: Settings,
    date: datetime.datetime | None,
    force: bool,
) -> None:
    """Write the PDF brief of each proposal FILE: bottom line, scores, winners and losers,
    findings with evidence and sources, recommendations, methods and a reproducibility block.

    The same file, seed and date give a byte-identical PDF, however many jobs make it. With
    several files nothing is written unless every one can be briefed.

    \b
    Examples:
      evaluator brief proposals/guest_worker_rodrik.yaml
      evaluator brief proposals/nafta_us_1994.yaml -o nafta.pdf --paper letter --force
      evaluator brief my.yaml --html -o my.html
      evaluator brief proposals/*.yaml --jobs 0 -o briefs/
    """
    from evaluator.cli_batch import Job, default_jobs, make_briefs
    from evaluator.output import write_atomic

    suffix = "html" if as_html else "pdf"
    targets = _brief_targets(files, output, suffix)
    for target in targets:
        refuse_existing(target, force, named_inputs(files, settings))
    workers = min(jobs or default_jobs(), len(files))
    settings.budget.check_draws(settings.draws, workers)
    settings.read.extend(rubric_files(settings.rubrics))
    job = Job(settings, paper, date.date() if date else None, as_html)
    made = list(make_briefs(job, files, workers))
    problems = [problem for one in made for problem in one.problems]
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(EXIT_INVALID)
    inputs = [*settings.read, *(path for one in made for path in one.read)]
    folder = output is None or len(files) > 1
    for target, one in zip(targets, made, strict=True):
        assert one.data is not None
        write_atomic(target, one.data, force=force, inputs=inputs, make_folder=folder)
        click.echo(printable(f"wrote {target}"), err=True)


def _brief_targets(files: tuple[str, ...], output: Path | None, suffix: str) -> list[Path]:
    """Where each brief goes: ``-o`` for one file, else ``<folder>/<stem>.<suffix>``."""
    if len(files) == 1 and output is not None:
        return [output]
    if len(files) > 1 and "-" in files:
        raise click.UsageError("standard input (-) can be briefed only on its own")
    folder = output if output is not None else Path("reports")
    if len(files) > 1 and folder.suffix.lower() in (".pdf", ".html") and not folder.is_dir():
        raise click.UsageError(
            f"-o {folder}: with several files, -o names a folder for their briefs"
        )
    stems = ["stdin" if name == "-" else Path(name).stem for name in files]
    repeated = sorted({stem for stem in stems if stems.count(stem) > 1})
    if repeated:
        raise click.UsageError(
            f"two files would write {folder / (repeated[0] + '.' + suffix)}: brief them in "
            "separate commands with -o"
        )
    return [folder / f"{stem}.{suffix}" for stem in stems]


@cli.command(name="compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@FORMAT_OPTION
@evaluation_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file; a name ending in .pdf gets the comparison PDF.",
)
@PAPER_OPTION
@DATE_OPTION
@FORCE_OPTION
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
    refuse_existing(output, force, named_inputs(files, settings))
    results = settings.evaluate_files(files, levers=False)
    comparison = compare(
        results, rubrics=settings.rubrics, profile=settings.profile, weights=settings.weights
    )
    inputs = tuple(settings.read)
    if output is not None and output.suffix.lower() == ".pdf":
        from evaluator.report.comparison_pdf import render_comparison

        day = date.date() if date else None
        render_comparison(comparison, output, paper=paper, date=day, force=force, inputs=inputs)
        click.echo(printable(f"wrote {output}"), err=True)
        return
    if output_format == "json":
        text = comparison.model_dump_json(indent=2) + "\n"
    elif output_format == "markdown":
        text = comparison_markdown(comparison)
    else:
        text = comparison_table(comparison)
    _emit(text, output, force, inputs=inputs)
