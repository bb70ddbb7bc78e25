"""The tool's own error type: a list of problems, each pointing at ``file:line:col``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from evaluator.textsafe import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located so an editor can jump to it."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Literal["error", "note"] = "error"

    def __str__(self) -> str:
        """``file:line:col: path: message``, with control characters, escape sequences and bidi
        overrides shown as ``\\uXXXX`` so they cannot act on the terminal that prints it."""
        where = f"{printable(self.file)}:{self.line}:{self.col}"
        label = "note: " if self.severity == "note" else ""
        field = f" {printable(self.path)}:" if self.path else ""
        return f"{where}:{field} {label}{printable(self.message)}"


class EvaluatorError(Exception):
    """Base of every error the tool reports to users as a message, not a traceback."""


class ProposalError(EvaluatorError):
    """A proposal (or a file it refers to) could not be read or is invalid."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(sorted(set(problems), key=_reading_order))
        super().__init__("\n".join(str(p) for p in self.problems))


def _reading_order(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.file, problem.line, problem.col, problem.path, problem.message)


def format_path(path: tuple[str | int, ...]) -> str:
    """Dotted path with list indices in brackets: ``tariffs.lines[3].hs``.

    >>> format_path(("tariffs", "lines", 3, "hs"))
    'tariffs.lines[3].hs'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
