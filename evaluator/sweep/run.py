"""Running a sweep: every variant evaluated with common random numbers, in chunks, anywhere.

Every variant is evaluated with the sweep's seed and draws, so all of them see the same draws of
every uncertain input (common random numbers): differences between variants are the variants',
not noise. A variant's row depends only on the sweep file, the base proposal and the variant's
index, never on the worker that evaluates it, so the table is the same, bit for bit, with one
process, several, or a Dask cluster (:func:`run_chunk` is the unit of work on all of them).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluator.errors import ProposalError
from evaluator.models import Proposal
from evaluator.recommend import EditError
from evaluator.sweep.spec import SCORES, SweepFile
from evaluator.sweep.variants import Point, Variants, points

Row = tuple[Any, ...]
STATS = ("mean", "p05", "p95")


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to evaluate any variant (picklable)."""

    sweep: SweepFile
    base: Proposal
    metrics: tuple[str, ...]
    """The metrics kept, in column order."""
    digest: str
    """Identifies the sweep file and base proposal: a partial table of another plan is not
    resumed."""
    design: list[Point] = field(repr=False, default_factory=list)
    available: tuple[str, ...] = ()
    """Every metric an evaluation of the base proposal reports (what ``keep`` may name)."""

    def header(self) -> list[str]:
        """The results table's columns."""
        columns = ["variant", *(d.column for d in self.sweep.vary), "error"]
        columns += [f"{m}_{s}" for m in self.metrics for s in STATS]
        columns += [f"{score}_{s}" for score in SCORES for s in STATS]
        return columns


def make_plan(sweep: SweepFile, base: Proposal, sweep_bytes: bytes, base_digest: str) -> Plan:
    """The plan of a loaded sweep: its design points and the metrics it keeps."""
    from evaluator.evaluation import evaluate

    probe = evaluate(base, seed=sweep.seed, draws=100, levers=False)
    available = tuple(probe.metrics)
    metrics = tuple(sweep.keep) or available
    digest = hashlib.sha256(sweep_bytes + b"\0" + base_digest.encode()).hexdigest()[:16]
    return Plan(sweep, base, metrics, digest, points(sweep), available)


_VARIANTS: dict[str, Variants] = {}


def _variants(plan: Plan) -> Variants:
    """The plan's variant maker, built once per process."""
    if plan.digest not in _VARIANTS:
        _VARIANTS.clear()
        _VARIANTS[plan.digest] = Variants(plan.base, plan.sweep)
    return _VARIANTS[plan.digest]


def run_chunk(plan: Plan, indices: Sequence[int]) -> list[Row]:
    """The rows of the variants at ``indices`` (the unit of work of every backend)."""
    from evaluator.evaluation import evaluate

    made = _variants(plan)
    rows: list[Row] = []
    for index in indices:
        point = plan.design[index]
        error = ""
        stats: list[Any] = []
        try:
            result = evaluate(
                made.apply(point), seed=plan.sweep.seed, draws=plan.sweep.draws, levers=False
            )
        except (EditError, ProposalError) as exc:
            error = str(exc).replace("\n", " ")
            stats = [None] * (3 * (len(plan.metrics) + len(SCORES)))
        else:
            for name in plan.metrics:
                summary = result.metrics.get(name)
                stats += [None] * 3 if summary is None else [summary.mean, summary.p05, summary.p95]
            for score in SCORES:
                if score == "overall":
                    value = result.overall
                    stats += [None] * 3 if value is None else [value.score, value.p05, value.p95]
                else:
                    dim = result.dimensions.get(score)
                    stats += [None] * 3 if dim is None else [dim.score, dim.p05, dim.p95]
        rows.append((index, *point, error, *stats))
    return rows


def chunks(todo: Sequence[int], workers: int) -> list[list[int]]:
    """The variants to do, in chunks: several per worker (for balance), at most 64 each."""
    if not todo:
        return []
    size = max(1, min(64, math.ceil(len(todo) / (4 * max(workers, 1)))))
    return [list(todo[i : i + size]) for i in range(0, len(todo), size)]


Progress = Callable[[int], None]


def run_local(plan: Plan, todo: Sequence[int], workers: int, done: Progress) -> Iterator[Row]:
    """The rows of ``todo``, by ``workers`` local processes (1: here), as chunks finish."""
    work = chunks(todo, workers)
    if workers <= 1 or len(work) <= 1:
        for chunk in work:
            rows = run_chunk(plan, chunk)
            done(len(rows))
            yield from rows
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_started,
        initargs=(plan,),
    ) as pool:
        futures = [pool.submit(_chunk_in_worker, chunk) for chunk in work]
        for future in as_completed(futures):
            rows = future.result()
            done(len(rows))
            yield from rows


_PLAN: Plan | None = None


def _started(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan


def _chunk_in_worker(indices: list[int]) -> list[Row]:
    assert _PLAN is not None
    return run_chunk(_PLAN, indices)


def run_dask(plan: Plan, todo: Sequence[int], address: str, done: Progress) -> Iterator[Row]:
    """The rows of ``todo``, by the Dask cluster at ``address``, in chunks of many variants
    per task; the plan is sent to every worker once."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SweepError(
            "a Dask scheduler needs the dask extra: pip install 'evaluator[dask]'"
        ) from None
    with Client(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(plan, broadcast=True)
        work = chunks(todo, workers)
        futures = client.map(run_chunk, [shared] * len(work), work, pure=False)
        for future in as_completed(futures):
            rows = future.result()
            done(len(rows))
            yield from rows


class SweepError(Exception):
    """A sweep that cannot run (a missing extra, an unreachable scheduler)."""


def best(plan: Plan, rows: Iterable[Row]) -> tuple[list[bool], Row | None]:
    """Which rows meet the constraints, and the best of those by the objective (None without
    an objective or a feasible row). Ties go to the lowest variant number."""
    header = plan.header()
    feasible: list[bool] = []
    chosen: Row | None = None
    objective = plan.sweep.objective
    for row in rows:
        ok = not row[header.index("error")]
        for constraint in plan.sweep.constraints:
            value = row[header.index(f"{constraint.metric}_mean")]
            if value is None or (constraint.max is not None and value > constraint.max):
                ok = False
            if value is None or (constraint.min is not None and value < constraint.min):
                ok = False
        feasible.append(ok)
        if ok and objective is not None:
            value = row[header.index(f"{objective.target}_mean")]
            if value is None:
                continue
            if chosen is None:
                chosen = row
                continue
            current = chosen[header.index(f"{objective.target}_mean")]
            better = value > current if objective.maximize else value < current
            chosen = row if better else chosen
    return feasible, chosen
