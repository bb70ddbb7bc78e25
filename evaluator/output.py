"""Write outputs atomically and exclusively: never over an input, never over anything but a
regular file, never over a file without ``force``, and never half-written.

* The bytes go to a temporary file in the target's folder and are flushed to disk first.
* Without ``force`` the temporary file is *linked* to the target name, which fails if the name
  exists: two writers racing for one path cannot both succeed (no check-then-rename race).
* With ``force`` it replaces the target in one rename; a device, a pipe or a folder at the
  target is refused even then (as root, ``-o /dev/null --force`` would otherwise replace the
  device node with a regular file).
* Any operating-system failure (disk full, no permission, a missing folder, a file where a
  folder should be) is one :class:`OutputError` line; the target is untouched and the temporary
  file removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from evaluator.confine import file_kind
from evaluator.errors import EvaluatorError


class OutputError(EvaluatorError):
    """An output could not be written where asked."""


def check_target(target: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse ``target`` before any work: an input, a special file, or existing without force."""
    target = Path(target)
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # a new file (or a folder in the way: see
        return  # _ensure_folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be checked ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"{target}: is {file_kind(info.st_mode)}; outputs are written to regular files"
        )
    for source in inputs:
        with contextlib.suppress(OSError):
            other = os.stat(source)
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                raise OutputError(f"{target}: refusing to write over an input file ({source})")
    if not force:
        raise OutputError(f"{target}: already exists; pass --force to overwrite it")


def write_atomic(
    target: Path,
    data: bytes,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    make_folder: bool = False,
) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the new, never half.

    ``make_folder`` creates the target's folder when missing (the default ``reports/``).
    The new file's mode follows the umask, as a plain ``open`` would give.

    Raises
    ------
    OutputError
        The target is an input or not a regular file, exists without ``force`` (also when
        another process created it meanwhile), or the operating system refused the write.
    """
    target = Path(target)
    inputs = tuple(inputs)
    check_target(target, force=force, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    _ensure_folder(target, folder, make_folder)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder} ({_reason(exc)})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_name, 0o666 & ~umask)
        _commit(temp_name, target, force, inputs)
    except OSError as exc:
        raise OutputError(f"{target}: not written ({_reason(exc)}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)


def _commit(temp_name: str, target: Path, force: bool, inputs: tuple[Path, ...]) -> None:
    if force:
        check_target(target, force=True, inputs=inputs)  # re-checked just before the rename
        os.replace(temp_name, target)
        return
    try:
        os.link(temp_name, target)
    except FileExistsError:
        raise OutputError(
            f"{target}: already exists (another process created it meanwhile); "
            "pass --force to overwrite it"
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        _exclusive_copy(temp_name, target)  # a file system without hard links


def _exclusive_copy(temp_name: str, target: Path) -> None:
    """Create ``target`` exclusively and copy the finished temporary file into it."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0))
    except FileExistsError:
        raise OutputError(f"{target}: already exists; pass --force to overwrite it") from None
    with os.fdopen(fd, "wb") as stream, open(temp_name, "rb") as source:
        while chunk := source.read(1 << 20):
            stream.write(chunk)
        stream.flush()
        os.fsync(stream.fileno())


def _ensure_folder(target: Path, folder: Path, make_folder: bool) -> None:
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        raise OutputError(f"{target}: {folder} is not a folder")
    if not make_folder:
        raise OutputError(f"{target}: folder {folder} does not exist")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{target}: cannot create folder {folder} ({_reason(exc)})") from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return str(exc.strerror or exc)
