"""Pausing the cyclic garbage collector around allocation-heavy rendering."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; restore its previous state after.

    WeasyPrint's layout and matplotlib's drawing allocate hundreds of thousands of short-lived
    objects, and every collection they trigger also walks all that the process holds (numpy,
    pydantic, matplotlib, WeasyPrint): about a fifth of a brief's render time (measured with
    ``make bench``). Reference counting still frees what it can; the cycles a render leaves
    are collected once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
