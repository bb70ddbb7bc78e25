"""The packaged rubrics and parameters, kept in a fast form between runs.

Every command reads the tool's own rubric and parameter files, and parsing and validating them
is about a tenth of a ``score``. The result is the same until those files (or the tool) change,
so it is kept, pickled, in the user's cache folder, under a key made of the tool's version, the
Python version, the files' bytes and the size and time of every module of the tool: a changed
file, a changed model class, an upgrade or another Python builds it again (and replaces the
older form). Only what the tool built from its own files is kept; a cache that cannot be read
or written is ignored (the data is then built as before), and a write is atomic.

``EVALUATOR_CACHE`` names the folder (``off`` turns the cache off); the default is
``$XDG_CACHE_HOME/evaluator``, else ``~/.cache/evaluator``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_folder() -> Path | None:
    """Where built data is kept, or None when the cache is off."""
    chosen = os.environ.get("EVALUATOR_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "evaluator"


def cached(kind: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``sources`` (their bytes)."""
    folder = cache_folder()
    if folder is None:
        return build()
    from evaluator import __version__

    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    try:
        package = Path(__file__).resolve().parent
        for module in sorted(package.rglob("*.py")):  # the classes the pickle holds
            stat = module.stat()
            digest.update(
                f"{module.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
            )
        for source in sorted(sources):
            digest.update(str(source).encode() + b"\0" + source.read_bytes() + b"\0")
    except OSError:
        return build()
    path = folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    except Exception:  # missing, partial or stale: build it again
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            handle.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(handle.name, path)
        for older in folder.glob(f"{kind}-*.pickle"):  # forms of files or code since changed
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass
    return value
