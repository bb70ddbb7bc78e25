"""The ``sensitivity`` command: which uncertain inputs drive each score and headline metric.

It registers on the group in :mod:`evaluator.cli` and takes the shared evaluation options of
:mod:`evaluator.cli_evaluate`. numpy and SALib are imported inside the command, so that
``evaluator --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evaluator.cli import EXIT_INVALID, _emit, cli
from evaluator.cli_settings import Settings, evaluation_options
from evaluator.errors import ProposalError

_DEFAULT_SAMPLES = 512  # evaluator.sensitivity.DEFAULT_SAMPLES, without importing numpy here
_MIN_SAMPLES, _MAX_SAMPLES = 8, 65_536


def _power_of_two(ctx: click.Context, param: click.Parameter, value: int) -> int:
    if value & (value - 1):
        raise click.BadParameter(
            f"{value} is not a power of 2 (the Sobol' sequence's balance needs one): try "
            f"{1 << (value.bit_length() - 1)} or {1 << value.bit_length()}"
        )
    return value


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--samples",
    type=click.IntRange(min=_MIN_SAMPLES, max=_MAX_SAMPLES),
    default=_DEFAULT_SAMPLES,
    show_default=True,
    callback=_power_of_two,
    help="Base samples N of the Saltelli design, a power of 2: N x (inputs + 2) evaluations.",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the results.",
)
@evaluation_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def sensitivity(
    file: str,
    samples: int,
    output_format: str,
    settings: Settings,
    output: Path | None,
    force: bool,
) -> None:
    """Which uncertain inputs drive the band of each score and headline metric of FILE.

    For the overall score, the four dimensions, the net gain, the income reshuffled and the
    PCBR: first- and total-order Sobol indices (S1, ST) with 95% bootstrap intervals, from a
    Saltelli design evaluated with SALib, and one-at-a-time swings: the output with each input
    at its 5th and 95th percentile, every other input at its median. --draws sets the reference
    evaluation whose bands are shown beside; a proposal with no uncertain input, or with no
    economic section, is reported as such.

    \b
    Examples:
      evaluator sensitivity proposals/guest_worker_rodrik.yaml
      evaluator sensitivity proposals/nafta_us_1994.yaml --samples 1024 --format json -o s.json
    """
    from evaluator.cli_settings import load_file, rubric_files
    from evaluator.loading import input_paths
    from evaluator.sensitivity import sensitivity as analyse
    from evaluator.sensitivity_table import sensitivity_table

    try:
        proposal = load_file(file, settings.confinement, settings.budget.schedule_rows)
        result = analyse(
            proposal,
            seed=settings.seed,
            samples=samples,
            draws=settings.draws,
            rubrics=settings.rubrics,
            profile=settings.profile,
            weights=settings.weights,
            basis=settings.basis,
        )
    except ProposalError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(EXIT_INVALID)
    if output_format == "json":
        text = result.model_dump_json(indent=2) + "\n"
    else:
        text = sensitivity_table(result)
    _emit(text, output, force, inputs=(*input_paths(proposal), *rubric_files(settings.rubrics)))
