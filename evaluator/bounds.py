"""How much memory and work one command may use, checked before the work starts.

Every figure here was measured on the project's 2-core reference machine (see the README,
"Limits"); an input over a budget is refused up front with the limit and the option that
raises it, never half-way through or by the operating system killing the process.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.errors import EvaluatorError

MIB = 1024 * 1024

MAX_DRAWS = 100_000
"""Largest ``--draws``: ten times the default. Percentile bands move by under 0.5% beyond 10,000
draws; the NAFTA example with every lever takes about 10 s and 360 MB at this many."""
DEFAULT_MEMORY_BUDGET_MIB = 1024
"""Memory a command may plan for (``--memory-budget``), MiB: half the 2 GB ceiling, leaving
room for the interpreter, the libraries and the PDF renderer."""
PEAK_BYTES_PER_DRAW = 4096
"""Peak memory of one evaluation per Monte Carlo draw, bytes: the NAFTA example with every
lever peaks at 2.6 KB a draw (tracemalloc, 20,000 draws), the guest-worker one at 1.0 KB."""
RETAINED_BYTES_PER_DRAW = 256
"""Memory an evaluation keeps per draw once done (its per-draw scores and metrics), bytes:
154-167 B measured; every file of a ``score`` or ``compare`` keeps its evaluation."""
MAX_COMPARED = 16
"""Most alternatives one ``compare`` takes: the side-by-side table and the win matrix stop
being readable beyond that, and 16 at the largest draws stay within the time bound."""
MAX_TOTAL_LINES = 100_000
"""Most tariff lines over all the files of one ``score`` or ``compare`` by default
(``--max-lines`` raises it): two of the largest schedules a CSV may have by default. A
schedule that is read as columns (:mod:`evaluator.schedule_columns`) takes about 1.6 s per
100,000 lines to load and evaluate; one read cell by cell (quotes, or a problem to locate)
about 25 s, which this bound keeps within the time bound."""
MOST_LINES = 2_000_000
"""Largest ``--max-lines``: a clean million-line CSV schedule scores in about 20 s and 1.7 GB
(``make bench``)."""
PEAK_BYTES_PER_LINE = 1800
"""Peak memory of an evaluation per tariff line, bytes: the CSV text and its cells while read,
the columns, and the per-line arrays of the model and its lever (1.7 GB at 1,000,000 lines,
the interpreter and libraries included). A million lines need ``--memory-budget 1800``."""
DEFAULT_CELL_BUDGET = 10_000_000
"""Lines x draws a schedule may be evaluated on one by one (``--cell-budget``): constant-
elasticity demand, a range of substitution elasticities or a finite supply elasticity leave the
closed form, at about 0.4 microseconds a cell; 10 million cells take about 4 s per run."""


class BudgetError(EvaluatorError):
    """An input or option would need more memory or work than the budget allows."""


@dataclass(frozen=True)
class Budget:
    """The memory and work a command may plan for."""

    memory_mib: int = DEFAULT_MEMORY_BUDGET_MIB
    cells: int = DEFAULT_CELL_BUDGET
    lines: int = MAX_TOTAL_LINES
    """Most tariff lines over the command's files (``--max-lines``)."""

    @property
    def schedule_rows(self) -> int:
        """Most rows one CSV schedule may have: the default bound, or ``--max-lines`` when it
        is raised above the default."""
        from evaluator.schedule import MAX_SCHEDULE_ROWS

        return MAX_SCHEDULE_ROWS if self.lines <= MAX_TOTAL_LINES else self.lines

    def check_draws(self, draws: int, files: int) -> None:
        """Refuse ``files`` evaluations of ``draws`` draws each that would not fit in memory."""
        need = draws * (PEAK_BYTES_PER_DRAW + RETAINED_BYTES_PER_DRAW * files)
        if need > self.memory_mib * MIB:
            most = self.memory_mib * MIB // (PEAK_BYTES_PER_DRAW + RETAINED_BYTES_PER_DRAW * files)
            raise BudgetError(
                f"{draws:,} draws for {files:,} file{'s' if files != 1 else ''} need about "
                f"{need / MIB:,.0f} MiB, over the memory budget of {self.memory_mib:,} MiB; use "
                f"--draws {most:,} or fewer, fewer files, or raise --memory-budget"
            )

    def check_lines(self, total: int, name: str) -> None:
        """Refuse a file that brings the command's tariff lines past :attr:`lines`, or past
        what the memory budget holds."""
        if total > self.lines:
            raise BudgetError(
                f"{name}: with it, this command would evaluate {total:,} tariff lines, more "
                f"than the {self.lines:,} it takes; run the files in several commands, or "
                f"raise --max-lines (up to {MOST_LINES:,})"
            )
        need = total * PEAK_BYTES_PER_LINE
        if need > self.memory_mib * MIB:
            raise BudgetError(
                f"{name}: {total:,} tariff lines need about {need / MIB:,.0f} MiB, over the "
                f"memory budget of {self.memory_mib:,} MiB; raise --memory-budget"
            )

    def cells_message(self, lines: int, draws: int, why: str) -> str | None:
        """Why ``lines`` x ``draws`` evaluated one by one is over the cell budget, or None."""
        if lines * draws <= self.cells:
            return None
        most = max(self.cells // max(lines, 1), 0)
        return (
            f"{why} evaluates each of the {lines:,} lines in each of the {draws:,} draws: "
            f"{lines * draws:,} cells, over the budget of {self.cells:,} (about "
            f"{self.cells * SECONDS_PER_CELL:.0f} s); use --draws {most:,} or fewer, "
            "linear demand with fixed elasticities (the closed form), or raise --cell-budget"
        )


SECONDS_PER_CELL = 4e-7
"""Measured time of one line in one draw off the closed form (20,000 lines x 10,000 draws of
constant-elasticity demand: 77 s on the loaded reference machine)."""


DEFAULT_BUDGET = Budget()
"""The budgets of a command run without ``--memory-budget`` or ``--cell-budget``."""
