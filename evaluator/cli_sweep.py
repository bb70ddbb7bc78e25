"""``evaluator sweep``: evaluate every variant of a sweep file, locally or on a Dask cluster."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from evaluator.cli import EXIT_INVALID, cli
from evaluator.cli_settings import ALLOW_PATH_OPTION, FORCE_OPTION, refuse_existing
from evaluator.errors import ProposalError
from evaluator.textsafe import printable

if TYPE_CHECKING:
    from evaluator.sweep.run import Plan, Row


@cli.command(name="sweep")
@click.argument("sweep_file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results table: .csv, or .parquet (needs pyarrow). Default: CSV on standard output.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Local worker processes (default: the cores this process may use).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="A Dask scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else "
    "local processes). Needs the dask extra: pip install 'evaluator[dask]'.",
)
@ALLOW_PATH_OPTION
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a PDF report: the frontier, the best variants and what they change.",
)
@FORCE_OPTION
def sweep_command(
    sweep_file: str,
    output: Path | None,
    workers: int | None,
    scheduler: str | None,
    allow_paths: tuple[Path, ...],
    report: Path | None,
    force: bool,
) -> None:
    """Evaluate every variant of a sweep file (a base proposal, the dimensions to vary, grid
    or random sampling) with common random numbers, one row per variant: the values varied,
    each kept metric's mean, p05 and p95, the four scores and the overall. The same table
    whatever the backend and the number of workers. A stopped sweep started again with the
    same -o keeps the rows it finished.

    \b
    Examples:
      evaluator sweep sweeps/nafta_us_quick.yaml --allow-path proposals -o results.csv
      evaluator sweep sweeps/nafta_us_2000.yaml --allow-path proposals -o results.csv \\
        --report sweep.pdf --workers 8
      evaluator sweep sweeps/nafta_us_2000.yaml --allow-path proposals -o results.csv \\
        --scheduler tcp://scheduler-host:8786
    """
    from evaluator.cli_batch import default_jobs
    from evaluator.confine import Confinement
    from evaluator.output import write_atomic
    from evaluator.sweep import files
    from evaluator.sweep.run import SweepError, run_dask, run_local

    refuse_existing(output, force, (Path(sweep_file),))
    refuse_existing(report, force, (Path(sweep_file),))
    try:
        plan = files.load_sweep(sweep_file, Confinement(tuple(allow_paths)))
    except ProposalError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(EXIT_INVALID)
    journal = None if output is None else output.with_name(output.name + files.JOURNAL_SUFFIX)
    kept = {} if journal is None else files.read_journal(plan, journal)
    total = len(plan.design)
    todo = [i for i in range(total) if i not in kept]
    if kept:
        click.echo(f"resuming: {len(kept):,} of {total:,} variants already done", err=True)
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    count = workers or default_jobs()
    meter = _Meter(total, len(kept))
    lines = dict(kept)
    handle = files.start_journal(plan, journal, kept) if journal is not None else None
    try:
        rows = (
            run_dask(plan, todo, address, meter.done)
            if address
            else run_local(plan, todo, count, meter.done)
        )
        for row in rows:
            line = files.format_rows([row])[0]
            lines[int(row[0])] = line
            if handle is not None:
                handle.write(line)
                handle.flush()
    except SweepError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if handle is not None:
            handle.close()
    meter.finish()
    data = files.table_bytes(plan, lines)
    every = files.parse_rows(plan, [lines[i] for i in sorted(lines)])
    if output is not None and output.suffix.lower() == ".parquet":
        data = files.parquet_bytes(plan, every)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data, force=force, inputs=(Path(sweep_file),))
        click.echo(printable(f"wrote {output} ({total:,} variants)"), err=True)
        if journal is not None:
            journal.unlink(missing_ok=True)
    _say_best(plan, every)
    if report is not None:
        from evaluator.report.sweep_report import sweep_pdf_bytes
        from evaluator.sweep.run import best

        feasible, chosen = best(plan, every)
        pdf = sweep_pdf_bytes(plan, every, feasible, chosen)
        write_atomic(report, pdf, force=force, inputs=(Path(sweep_file),))
        click.echo(printable(f"wrote {report}"), err=True)


def _say_best(plan: Plan, rows: list[Row]) -> None:
    """How many variants meet the constraints, and the best by the objective."""
    from evaluator.sweep.run import best

    feasible, chosen = best(plan, rows)
    if plan.sweep.constraints:
        click.echo(f"{sum(feasible):,} of {len(rows):,} variants meet the constraints", err=True)
    if plan.sweep.objective is not None:
        if chosen is None:
            click.echo("no variant meets the constraints", err=True)
            return
        header = plan.header()
        values = ", ".join(
            f"{d.column} = {chosen[header.index(d.column)]}" for d in plan.sweep.vary
        )
        target = plan.sweep.objective.target
        value = chosen[header.index(f"{target}_mean")]
        click.echo(
            printable(f"best: variant {chosen[0]} ({values}): {target} {value:.6g}"), err=True
        )


class _Meter:
    """Progress on standard error: variants done, share, rate; at most once a second."""

    def __init__(self, total: int, already: int) -> None:
        self.total, self.count, self.start, self.last = total, already, time.monotonic(), 0.0
        self.already = already

    def done(self, n: int) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.last >= 1.0 or self.count == self.total:
            self.last = now
            rate = (self.count - self.already) / max(now - self.start, 1e-9)
            share = self.count / max(self.total, 1)
            end = "\r" if sys.stderr.isatty() else "\n"
            click.echo(
                f"sweep: {self.count:,}/{self.total:,} variants ({share:.0%}), "
                f"{rate:,.1f} variants/s",
                err=True,
                nl=False,
            )
            click.echo(end, err=True, nl=False)

    def finish(self) -> None:
        if sys.stderr.isatty():
            click.echo("", err=True)


@cli.command(name="sensitive-list")
@click.argument("proposal_file", type=click.Path(dir_okay=False))
@click.option(
    "--max-lines", "max_lines", type=click.IntRange(min=0, max=10_000), required=True,
    help="Most tariff lines the agreement may keep out of liberalisation.",
)  # fmt: skip
@click.option(
    "--max-reshuffled",
    "cap",
    type=click.FloatRange(min=0),
    default=None,
    help="Most income reshuffled (USD a year, mean over the draws); default: no cap.",
)
@click.option(
    "--min-gain",
    "floor",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Instead: the least PCBR with the national gain kept at least this (USD a year).",
)
@click.option(
    "--draws", type=click.IntRange(min=100, max=100_000), default=10_000, show_default=True
)
@click.option("--seed", type=int, default=None, help="Monte Carlo seed (default: the tool's).")
@ALLOW_PATH_OPTION
def sensitive_list_command(
    proposal_file: str,
    max_lines: int,
    cap: float | None,
    floor: float | None,
    draws: int,
    seed: int | None,
    allow_paths: tuple[Path, ...],
) -> None:
    """Which tariff lines to keep out of liberalisation: the at most --max-lines lines whose
    exclusion keeps the most national gain with the income reshuffled under --max-reshuffled,
    solved exactly as an integer program (scipy's milp), and the efficiency-redistribution
    frontier it traces. Means over the draws, from the tariff model's line-by-line results;
    re-score the variant it names for its bands.

    \b
    Example:
      evaluator sensitive-list proposals/nafta_us_1994.yaml --max-lines 3 --max-reshuffled 4e10
    """
    from evaluator.cli_settings import load_file
    from evaluator.confine import Confinement
    from evaluator.economics.tariffs.component import TariffModel
    from evaluator.evaluation import evaluate
    from evaluator.formatting import money
    from evaluator.model_runs import DEFAULT_SEED
    from evaluator.sweep.sensitive import best_exclusion, frontier, least_pcbr

    try:
        proposal = load_file(proposal_file, Confinement(tuple(allow_paths)))
        result = evaluate(
            proposal,
            seed=DEFAULT_SEED if seed is None else seed,
            draws=draws,
            levers=False,
            keep_runs=True,
        )
    except ProposalError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(EXIT_INVALID)
    runs = result.model_runs.runs if result.model_runs is not None else []
    states = [run.state for model, run in runs if isinstance(model, TariffModel)]
    if proposal.tariffs is None or not states or not len(proposal.tariffs.lines):
        raise click.ClickException("the proposal has no tariff lines to choose from")
    outcome = states[0]
    gain, reshuffled = outcome.line_gain_usd, outcome.line_redistribution_usd
    labels = proposal.tariffs.lines.labels(range(len(gain)))
    if floor is not None and cap is not None:
        raise click.UsageError("give --max-reshuffled or --min-gain, not both")
    found = (
        least_pcbr(gain, reshuffled, max_lines, floor)
        if floor is not None
        else best_exclusion(gain, reshuffled, max_lines, cap)
    )
    what = "least PCBR" if floor is not None else "most gain"
    out = [
        f"Tariff lines: {len(gain):,}; fully liberalised: national gain {money(float(gain.sum()))}"
        f", income reshuffled {money(float(reshuffled.sum()))} a year (means of {draws:,} draws)"
    ]
    if found is None:
        out.append(
            f"No exclusion of at most {max_lines} lines keeps "
            + ("the gain above the floor" if floor is not None else "the reshuffling under the cap")
        )
    else:
        named = (
            ", ".join(f"tariffs.lines[{i}] ({labels[i] or 'unnamed'})" for i in found.lines)
            or "none"
        )
        out.append(
            f"Best exclusion of at most {max_lines} lines ({what}): {named}; national gain kept "
            f"{money(found.gain_usd)}, income reshuffled {money(found.reshuffled_usd)}"
        )
    out.append("")
    out.append("Frontier (best exclusion for each cap on the income reshuffled):")
    out.append(f"{'reshuffled':>14}  {'gain kept':>14}  lines excluded")
    for point in frontier(gain, reshuffled, max_lines):
        lines = ", ".join(str(i) for i in point.lines) or "none"
        out.append(f"{money(point.reshuffled_usd):>14}  {money(point.gain_usd):>14}  {lines}")
    click.echo(printable("\n".join(out)))
