"""Command-line interface: a thin shell over the Python API.

Exit codes: 0 success; 2 invalid input or usage; 1 an internal error (a bug: please report it).
Results go to stdout, problems and progress to stderr, so piped output stays clean.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from evaluator import __version__
from evaluator.errors import EvaluatorError, ProposalError
from evaluator.textsafe import printable

if TYPE_CHECKING:
    pass

EXIT_INVALID = 2
EXIT_INTERNAL = 1


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _emit(text: str, output: Path | None, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    from evaluator.output import write_atomic

    write_atomic(output, text.encode("utf-8"), force=force, inputs=inputs)
    click.echo(printable(f"wrote {output}"), err=True)


class _Shell(click.Group):
    """Turns the tool's own errors into one message and exit 2, in every command."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EvaluatorError as exc:
            click.echo(printable(f"error: {exc}"), err=True)
            ctx.exit(EXIT_INVALID)


@click.group(cls=_Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evaluator")
def cli() -> None:
    """Score trade-agreement and temporary-worker-visa proposals.

    \b
    Start a proposal, check it, and get the schema for your editor:
      evaluator new trade-agreement -o my_fta.yaml
      evaluator validate my_fta.yaml
      evaluator schema -o proposal.schema.json
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, not the summary lines.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of general-equilibrium datasets (default: $EVALUATOR_DATA).",
)
@click.option(
    "--allow-path",
    "allow_paths",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder proposals may read files from besides their own (see `score --help`).",
)
def validate(
    files: tuple[str, ...], quiet: bool, data_dir: Path | None, allow_paths: tuple[Path, ...]
) -> None:
    """Check proposal FILES; print each problem as file:line:col: field: message.

    Everything `score` would refuse is caught here: after the file's own checks, the models are
    run on a few draws, so inputs they need (a wage, a place premium) are checked too. Exits 0
    when every file is valid and 2 otherwise. Notes (valid but worth knowing, such as a tariff
    increase) do not change the exit code. Use - to read a proposal from stdin.

    \b
    Examples:
      evaluator validate proposals/*.yaml
      cat draft.yaml | evaluator validate -
    """
    from evaluator.cli_settings import load_file, use_data_directory
    from evaluator.confine import Confinement
    from evaluator.loading import describe, notes
    from evaluator.model_runs import check_inputs

    use_data_directory(data_dir)
    invalid = 0
    for name in files:
        try:
            proposal = load_file(name, Confinement(allow_paths))
            check_inputs(proposal)
        except ProposalError as exc:
            invalid += 1
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        for note in notes(proposal):
            click.echo(str(note), err=True)
        if not quiet:
            info = describe(proposal)
            parts = [f"{info['kind']} for {info['evaluated_for']}"]
            if info["tariff_lines"]:
                parts.append(_count(info["tariff_lines"], "tariff line"))
            if info["origins"]:
                parts.append(_count(info["origins"], "origin"))
            parts.append("sections: " + (", ".join(info["sections"]) or "none"))
            click.echo(printable(f"{name}: ok ({'; '.join(parts)})"))
    if invalid:
        if len(files) > 1:
            click.echo(f"{invalid} of {len(files)} files invalid", err=True)
        sys.exit(EXIT_INVALID)


@cli.command()
@click.option(
    "--rubrics-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="List the rubrics in this folder instead of the packaged ones.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show every rule's condition and source.")
def rubrics(rubrics_dir: Path | None, verbose: bool) -> None:
    """List the rubrics, their rules and points, the score scales and the weight profiles.

    \b
    Examples:
      evaluator rubrics
      evaluator rubrics --rubrics-dir my_rubrics/ --verbose
    """
    from evaluator.rendering import rubric_listing
    from evaluator.rubric.library import default_rubric_set, load_rubric_set

    rubric_set = load_rubric_set(rubrics_dir) if rubrics_dir else default_rubric_set()
    click.echo(rubric_listing(rubric_set, verbose=verbose), nl=False)


@cli.command()
@click.argument("kind", type=click.Choice(["trade-agreement", "visa-scheme"]))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option(
    "--schema-url",
    help="Where the editor finds the JSON Schema; default: this checkout's "
    "schemas/proposal.schema.json relative to OUTPUT, else proposal.schema.json.",
)
def new(kind: str, output: Path | None, force: bool, schema_url: str | None) -> None:
    """Write a commented starter proposal of KIND that validates as it is.

    \b
    Examples:
      evaluator new trade-agreement -o proposals/my_fta.yaml
      evaluator new visa-scheme > scheme.yaml
    """
    from evaluator.assets import schema_reference, starter_text

    reference = schema_url or schema_reference(output)
    _emit(starter_text(kind).replace("{schema}", reference), output, force)


@cli.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--sweep", "of_sweep", is_flag=True, help="The schema of a sweep file instead.")
def schema(output: Path | None, force: bool, of_sweep: bool) -> None:
    """Print the JSON Schema (2020-12) of a proposal (or, with --sweep, of a sweep file), for
    editor completion and checks.

    Point your editor at it with a first line such as
    "# yaml-language-server: $schema=../schemas/proposal.schema.json".

    \b
    Example:
      evaluator schema -o schemas/proposal.schema.json --force
    """
    from evaluator.schema import proposal_schema_text, sweep_schema_text

    _emit(sweep_schema_text() if of_sweep else proposal_schema_text(), output, force)


# The evaluating commands live in their own module and register on `cli` when imported.
from evaluator import cli_evaluate, cli_sensitivity, cli_serve, cli_sweep  # noqa: E402, F401


def main() -> None:
    """Run the CLI; anything unexpected is one line and exit 1, never a traceback."""
    try:
        cli.main(prog_name="evaluator")
    except SystemExit as done:
        code = done.code
    except Exception as exc:  # a bug: say so in one line
        click.echo(
            printable(f"internal error: {type(exc).__name__}: {exc} (please report it)"), err=True
        )
        code = EXIT_INTERNAL
    else:
        code = 0
    _exit_now(code)


def _exit_now(code: str | int | None) -> NoReturn:
    """Flush and leave without tearing the interpreter down.

    A brief leaves about a million objects behind (matplotlib artists, WeasyPrint boxes, numpy
    arrays); freeing them one by one at shutdown takes 0.2 s, a tenth of the command. Every
    file a command writes is closed by then (``write_atomic``), so only the standard streams
    need flushing.
    """
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)
