"""Load a proposal file: safe YAML, an optional CSV schedule, one validation, located errors."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from evaluator.confine import CONFINED, Confinement, ReadRefusedError, read_inside, read_regular
from evaluator.diagnostics import problems_from
from evaluator.document import MAX_BYTES, Document, Location, read_yaml
from evaluator.errors import Problem, ProposalError, format_path
from evaluator.models import Proposal, proposal_notes
from evaluator.models.line_table import WithTable
from evaluator.schedule import (
    MAX_CSV_BYTES,
    MAX_CSV_BYTES_PER_ROW,
    MAX_SCHEDULE_ROWS,
    Schedule,
    read_schedule,
)

if TYPE_CHECKING:
    from evaluator.datasets import Dataset
    from evaluator.input_status import InputStatus

Path = tuple[str | int, ...]
_LINES: Path = ("tariffs", "lines")
_ROW_PREFIX = re.compile(r"^tariffs\.lines\[\d+\]\.?")


@dataclass(frozen=True)
class ProposalOrigin:
    """Where a proposal was read from, with the position of each of its fields."""

    file: str
    """The name errors and briefs show: the path as given, or ``<stdin>``."""
    sha256: str
    """SHA-256 of the proposal file's bytes."""
    document: Document
    schedule: Schedule | None = None
    schedule_sha256: str | None = None
    inline_lines: int = 0
    dataset: Dataset | None = None
    """The general-equilibrium dataset the proposal names, read and validated at load."""
    dataset_missing: Problem | None = None
    """Where the dataset was looked for when it was not found (the check is then not run)."""
    dataset_files: tuple[FsPath, ...] = ()
    """The dataset's table files, read at load (inputs no output may replace)."""

    def status_of(self, path: Path) -> InputStatus:
        """The basis the file states for the number at ``path`` (evaluator.input_status)."""
        from evaluator.input_status import status_of

        return status_of(self.document, path)

    def line_statuses(self, field: str, count: int) -> list[InputStatus]:
        """``status_of(("tariffs", "lines", i, field))`` for the first ``count`` lines: each line
        written in the file on its own; the rows of a CSV schedule, which the file does not hold
        and which all take their section's basis, once for all."""
        written = min(self.inline_lines, count) if self.schedule is not None else count
        statuses = [self.status_of(("tariffs", "lines", i, field)) for i in range(written)]
        if count > written:
            statuses += [self.status_of(("tariffs", "lines", written, field))] * (count - written)
        return statuses

    def locate(self, path: Path, key: bool = False) -> Location:
        """File, line and column of the field at ``path`` (its key when ``key`` is true)."""
        if (
            self.schedule is not None
            and path[:2] == _LINES
            and len(path) > 2
            and isinstance(path[2], int)
            and path[2] >= self.inline_lines
        ):
            column = path[3] if len(path) > 3 and isinstance(path[3], str) else None
            return self.schedule.locate(path[2] - self.inline_lines, column)
        probe = path
        while probe:
            table = self.document.keys if key and probe == path else self.document.values
            if probe in table:
                return table[probe]
            probe = probe[:-1]
        return (self.file, 1, 1)


def load_proposal(
    path: str | FsPath,
    data_dir: str | FsPath | None = None,
    confinement: Confinement = CONFINED,
    max_rows: int | None = None,
) -> Proposal:
    """Read and validate the proposal at ``path`` (and the dataset it names, if any, from
    ``data_dir``, else ``$EVALUATOR_DATA``).

    Files the proposal names are read only inside its folder or ``confinement``'s folders; a
    CSV schedule may have at most ``max_rows`` rows (default
    :data:`~evaluator.schedule.MAX_SCHEDULE_ROWS`), and its bytes are capped in proportion.

    Raises
    ------
    ProposalError
        With every problem found, each located at ``file:line:col``.
    """
    file = FsPath(path)
    try:
        raw = read_regular(file, MAX_BYTES)
    except ReadRefusedError as refused:
        raise ProposalError([Problem(str(path), 1, 1, "", refused.reason)]) from None
    return load_proposal_bytes(
        raw,
        str(path),
        base_dir=file.parent,
        data_dir=data_dir,
        confinement=confinement,
        max_rows=max_rows,
    )


def load_proposal_bytes(
    raw: bytes,
    name: str,
    base_dir: FsPath | None = None,
    data_dir: str | FsPath | None = None,
    confinement: Confinement = CONFINED,
    max_rows: int | None = None,
) -> Proposal:
    """Validate proposal bytes; ``base_dir`` resolves a relative ``lines_csv`` or dataset path
    (default: the working folder), and such files must lie inside it or ``confinement``; a CSV
    schedule may have at most ``max_rows`` rows (see :func:`load_proposal`)."""
    roots = confinement.roots(base_dir or FsPath.cwd())
    document = read_yaml(raw, name)
    data = document.data
    problems: list[Problem] = []
    schedule, schedule_sha = None, None
    tariffs = data.get("tariffs")
    inline = 0
    if isinstance(tariffs, dict):
        lines = tariffs.get("lines", ())
        inline = len(lines) if isinstance(lines, tuple) else 0
        csv_name = tariffs.get("lines_csv")
        if isinstance(csv_name, str) and csv_name:
            schedule, schedule_sha, problem = _read_schedule(
                csv_name, document, base_dir, roots, max_rows or MAX_SCHEDULE_ROWS
            )
            if problem is not None:
                problems.append(problem)
            if schedule is not None:
                problems.extend(schedule.problems)
                if isinstance(lines, tuple):
                    merged = lines + schedule.rows
                    if schedule.table is not None:  # read as checked columns
                        merged = WithTable(lines, schedule.table)
                    data = {**data, "tariffs": {**tariffs, "lines": merged}}
    origin = ProposalOrigin(
        file=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        document=document,
        schedule=schedule,
        schedule_sha256=schedule_sha,
        inline_lines=inline,
    )
    proposal: Proposal | None = None
    try:
        proposal = Proposal.model_validate(data)
    except ValidationError as exc:
        found = problems_from(exc, data, origin.locate, document.raw_token)
        problems.extend(_name_csv_cells(found, schedule))
    if proposal is not None:
        from evaluator.input_status import unknown_sources

        for path, source in unknown_sources(document):
            file, line, col = origin.locate(path)
            known = ", ".join(s.id for s in proposal.sources) or "none"
            problems.append(
                Problem(
                    file,
                    line,
                    col,
                    format_path(path),
                    f"source {source!r} is not the id of an entry in `sources` (known: {known})",
                )
            )
        problems.extend(_override_problems(proposal, origin))
    if problems or proposal is None:
        raise ProposalError(problems)
    if proposal.general_equilibrium is not None:
        origin = _with_dataset(proposal, origin, base_dir, data_dir, roots)
    proposal._origin = origin
    return proposal


def _override_problems(proposal: Proposal, origin: ProposalOrigin) -> list[Problem]:
    """``parameters:`` checked against the packaged parameters: known names, numbers in each
    one's valid range (so `validate` rejects what `score` would; ``evaluate`` checks again
    against the registry it is given)."""
    if not proposal.parameters:
        return []
    from evaluator.economics.parameters import default_parameters
    from evaluator.models.common import override_numbers

    registry = default_parameters()
    found = []
    for name, value in proposal.parameters.items():
        for relative, message in registry.override_problems(name, override_numbers(value)):
            path = ("parameters", name, *relative)
            found.append(Problem(*origin.locate(path), format_path(path), message))
    return found


def _with_dataset(
    proposal: Proposal,
    origin: ProposalOrigin,
    base_dir: FsPath | None,
    data_dir: str | FsPath | None,
    roots: tuple[FsPath, ...],
) -> ProposalOrigin:
    """Find, read and check the dataset of the general-equilibrium section.

    A dataset that is not found leaves the check not run (a note says where the tool looked and
    how to obtain it); a dataset that is found but invalid, or a scenario that names regions or
    sectors the dataset lacks, is an error.
    """
    from evaluator.datasets import (
        DatasetNotFoundError,
        data_directory,
        locate_dataset,
        read_dataset,
    )
    from evaluator.economics.general_equilibrium.scenario import region_codes, scenario_problems

    section = proposal.general_equilibrium
    assert section is not None
    at: Path = ("general_equilibrium", "dataset")
    try:
        folder = locate_dataset(
            section.dataset,
            base_dir or FsPath.cwd(),
            data_directory(data_dir),
            origin.locate(at),
            format_path(at),
            roots,
        )
    except DatasetNotFoundError as missing:
        return replace(origin, dataset_missing=replace(missing.problems[0], severity="note"))
    dataset = read_dataset(folder)
    codes = region_codes(dataset.regions)
    found = [
        Problem(*origin.locate(path), format_path(path), message)
        for path, message in scenario_problems(section, codes, dataset.sectors)
    ]
    if found:
        raise ProposalError(found)
    from evaluator.datasets import TABLES

    return replace(origin, dataset=dataset, dataset_files=tuple(folder / t for t in TABLES))


def _name_csv_cells(problems: list[Problem], schedule: Schedule | None) -> list[Problem]:
    """In a CSV file the line already names the row: show the column, not the merged index."""
    if schedule is None:
        return problems
    return [
        replace(p, path=_ROW_PREFIX.sub("", p.path)) if p.file == schedule.name else p
        for p in problems
    ]


def notes(proposal: Proposal) -> list[Problem]:
    """Located notes (valid but worth saying) for a loaded proposal."""
    origin = proposal.origin
    out = []
    for path, message in proposal_notes(proposal):
        file, line, col = origin.locate(path) if origin else ("<proposal>", 1, 1)
        out.append(Problem(file, line, col, format_path(path), message, severity="note"))
    if origin is not None and origin.dataset_missing is not None:
        out.append(origin.dataset_missing)
    if origin is not None and origin.schedule is not None:
        out.extend(origin.schedule.notes)
    return _name_csv_cells(out, origin.schedule if origin else None)


def _read_schedule(
    csv_name: str,
    document: Document,
    base_dir: FsPath | None,
    roots: tuple[FsPath, ...],
    max_rows: int,
) -> tuple[Schedule | None, str | None, Problem | None]:
    file, line, col = document.values.get(("tariffs", "lines_csv"), (document.name, 1, 1))
    csv_path = (base_dir or FsPath.cwd()) / csv_name
    try:
        raw = read_inside(csv_path, roots, max(MAX_CSV_BYTES, MAX_CSV_BYTES_PER_ROW * max_rows))
        text = raw.decode("utf-8-sig")
    except ReadRefusedError as refused:
        message = f"cannot read {csv_path}: {refused.reason}"
        return None, None, Problem(file, line, col, "tariffs.lines_csv", message)
    except UnicodeDecodeError as exc:
        message = f"{csv_path} is not UTF-8 (byte {exc.start}): save it as UTF-8"
        return None, None, Problem(file, line, col, "tariffs.lines_csv", message)
    schedule = read_schedule(text, str(csv_path), max_rows=max_rows)
    return schedule, hashlib.sha256(raw).hexdigest(), None


def input_paths(proposal: Proposal) -> tuple[FsPath, ...]:
    """The files a loaded proposal was read from (the proposal, its CSV schedule, its dataset's
    tables), which no output may overwrite."""
    origin = proposal.origin
    if origin is None:
        return ()
    named = [origin.file] if origin.file != "<stdin>" else []
    if origin.schedule is not None:
        named.append(origin.schedule.name)
    tables: tuple[FsPath, ...] = origin.dataset_files
    return tuple(FsPath(n) for n in named) + tables


def describe(proposal: Proposal) -> dict[str, Any]:
    """A short summary of a valid proposal, for ``validate`` and the demo."""
    tariffs = proposal.tariffs
    mobility = proposal.mobility
    return {
        "title": proposal.title,
        "kind": proposal.kind,
        "evaluated_for": proposal.evaluated_for,
        "parties": list(proposal.parties),
        "sections": proposal.sections(),
        "tariff_lines": len(tariffs.lines) if tariffs else 0,
        "origins": len(mobility.origins) if mobility else 0,
        "sources": len(proposal.sources),
    }
