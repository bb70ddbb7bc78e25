"""Write outputs atomically, never over an input and never over a file without ``force``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from evaluator.errors import EvaluatorError


class OutputError(EvaluatorError):
    """An output could not be written where asked."""


def write_atomic(
    target: Path, data: bytes, *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the new, never half.

    The bytes go to a temporary file in the target's folder, are flushed to disk, and replace
    the target in one rename. On any failure the target is untouched and the temporary file is
    removed. The new file's mode follows the umask, as a plain ``open`` would give.
    """
    target = Path(target)
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(f"{target}: refusing to write over an input file")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; pass --force to overwrite it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
