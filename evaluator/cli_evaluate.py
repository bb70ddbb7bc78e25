"""The commands that evaluate: ``score``, ``brief`` and ``compare``.

They register on the group in :mod:`evaluator.cli` and share one set of evaluation options
(seed, draws, profile, weights, rubrics) and one way of loading and evaluating files. Heavy
imports stay inside the commands so that ``evaluator --help`` stays fast.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from evaluator.bounds import MAX_COMPARED
from evaluator.cli import _emit, cli
from evaluator.cli_settings import (
    DATE_OPTION,
    FORCE_OPTION,
    FORMAT_OPTION,
    PAPER_OPTION,
    Settings,
    evaluation_options,
    named_inputs,
    refuse_existing,
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
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF; default reports/<file name>.pdf.",
)
@click.option("--html", "as_html", is_flag=True, help="Write standalone HTML instead of PDF.")
@PAPER_OPTION
@evaluation_options
@DATE_OPTION
@FORCE_OPTION
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
    refuse_existing(target, force, named_inputs((file,), settings))
    (result,) = settings.evaluate_files((file,))
    day = date.date() if date else None
    if as_html:
        html = render_html(result, rubrics=settings.rubrics, paper=paper, date=day)
        data = standalone_html(html).encode("utf-8")
    else:
        data = brief_pdf(result, rubrics=settings.rubrics, paper=paper, date=day)
    write_atomic(target, data, force=force, inputs=settings.read, make_folder=output is None)
    click.echo(printable(f"wrote {target}"), err=True)


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
