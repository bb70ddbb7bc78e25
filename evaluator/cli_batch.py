"""Many briefs in one command: ``evaluator brief A.yaml B.yaml ... --jobs N``.

Each file is loaded, evaluated and rendered on its own (one evaluation in memory per job), in
``N`` worker processes forked from this one, so they start with everything imported. The
bytes do not depend on the number of jobs: a brief depends only on its file, the seed, the
draws and the date. Nothing is written until every brief is made: a file with problems means
all problems are printed and the command exits 2 with no brief written, as with one file.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from evaluator.cli_settings import Settings, load_file
from evaluator.errors import Problem, ProposalError


@dataclass(frozen=True)
class Made:
    """One file's brief, or its problems; and the files it read (never to be overwritten)."""

    name: str
    data: bytes | None
    problems: list[Problem]
    read: list[Path]


@dataclass(frozen=True)
class Job:
    """What every brief of the command shares."""

    settings: Settings
    paper: str
    date: dt.date | None
    as_html: bool


def brief_bytes(job: Job, name: str) -> Made:
    """Load, evaluate and render one file (the tariff-line bound applies to each file)."""
    from evaluator.loading import input_paths
    from evaluator.report.pdf import brief_pdf, render_html, standalone_html

    settings = job.settings
    try:
        proposal = load_file(name, settings.confinement, settings.budget.schedule_rows)
        settings.budget.check_lines(len(proposal.tariffs.lines) if proposal.tariffs else 0, name)
        read = input_paths(proposal)
        result = settings.evaluate(proposal)
    except ProposalError as exc:
        return Made(name, None, list(exc.problems), [])
    if job.as_html:
        html = render_html(result, rubrics=settings.rubrics, paper=job.paper, date=job.date)
        data = standalone_html(html).encode("utf-8")
    else:
        data = brief_pdf(result, rubrics=settings.rubrics, paper=job.paper, date=job.date)
    return Made(name, data, [], list(read))


def make_briefs(job: Job, names: tuple[str, ...], jobs: int) -> Iterator[Made]:
    """Every file's brief, in the order given, made by ``jobs`` processes (1: here)."""
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield brief_bytes(job, name)
        return
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(names)),
        mp_context=multiprocessing.get_context(_START),
        initializer=_worker_started,
        initargs=(job,),
    ) as pool:
        yield from pool.map(_in_worker, names)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_JOB: Job | None = None
"""The command's job, in a worker process."""
_START = "fork" if sys.platform == "linux" else "spawn"
"""Forked workers start with the tool imported (and receive the job without pickling);
elsewhere (macOS, Windows) each worker is a fresh interpreter that receives it pickled."""


def _worker_started(job: Job) -> None:
    from evaluator.report import chart_worker

    global _JOB
    _JOB = job
    chart_worker.draw_here()  # the cores are the workers': no chart child per brief


def _in_worker(name: str) -> Made:
    if _JOB is None:
        raise RuntimeError("the batch worker has no job (not forked from the command)")
    return brief_bytes(_JOB, name)
