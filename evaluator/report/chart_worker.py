"""Drawing a brief's charts in a forked process while the parent loads WeasyPrint.

A fresh ``evaluator brief`` spends about 0.35 s importing matplotlib and drawing the charts,
and as long again importing WeasyPrint and loading fonts; the two do not depend on each other.
On Linux with two or more cores, :func:`start_charts` forks a child that draws the charts and
sends them back through a pipe, and the parent warms WeasyPrint meanwhile. Where forking does
not help (a process's second brief, which imports matplotlib once rather than in a child each
time; a batch worker; one core; no ``fork``; macOS, where forking a process that holds system
frameworks is unsafe) or fails in any way, the charts are drawn in the process itself, so the
result and its errors are the same either way.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any

from evaluator.models.result import Evaluation
from evaluator.report.context import Charts, draw_charts


class ChartJob:
    """The charts of one evaluation (or comparison): drawn by a forked child, or here on
    :meth:`result`."""

    def __init__(self, evaluation: Any, draw: Callable[[Any], Charts]) -> None:
        self._evaluation = evaluation
        self._draw = draw
        self._child: tuple[int, int] | None = None

    def fork(self) -> None:
        """Start the child; on any failure the charts are simply drawn later, here."""
        read, write = os.pipe()
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns that numpy's idle BLAS threads make fork() unsafe; the
                # child only draws charts and leaves with os._exit, touching no lock they hold.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: draw, send, leave without running the parent's cleanup
            code = 1
            with contextlib.suppress(BaseException):
                os.close(read)
                payload = json.dumps(self._draw(self._evaluation)).encode("utf-8")
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
                code = 0
            os._exit(code)
        os.close(write)
        self._child = (pid, read)

    def result(self) -> Charts:
        """The charts: the child's if it delivered them whole, else drawn here."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with os.fdopen(read, "rb") as pipe:
                payload = pipe.read()
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0 and payload:
                charts: Charts = json.loads(payload)
                return charts
        return self._draw(self._evaluation)


def forking_helps() -> bool:
    """Whether a child could draw the charts while this process does something else: only for
    the first brief of a process (a child imports matplotlib afresh each time, so a process that
    makes several briefs, such as the studio, imports it once and draws the later ones itself),
    and not in a batch worker, whose siblings have the other cores."""
    return (
        not _drawn_here
        and sys.platform == "linux"
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and "matplotlib" not in sys.modules
    )


_drawn_here = False


def draw_here() -> None:
    """Draw every later brief's charts in this process."""
    global _drawn_here
    _drawn_here = True


def start_charts(evaluation: Evaluation) -> ChartJob:
    """Begin drawing the charts of ``evaluation``, in a child process when that helps."""
    job = ChartJob(evaluation, draw_charts)
    if forking_helps():
        job.fork()
        draw_here()
    return job
