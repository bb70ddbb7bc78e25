"""Read the files an untrusted proposal names: regular files only, inside the folders it may
read, with a size cap, and without ever blocking.

A proposal written by someone else may name ``../../etc/passwd``, an absolute path, a symbolic
link out of its folder, a named pipe (which blocks a reader forever) or a device. The rules:

* a referenced file must resolve (links followed) to a path inside the proposal's folder or a
  folder the user allows explicitly (``--allow-path DIR``);
* it is opened non-blocking, then checked to be a regular file on the open descriptor (a pipe or
  a device is refused before a byte is read, and a swap between check and open is not possible);
* its size is checked before reading and the read stops one byte past the cap.

Messages never quote the refused file's content.
"""

from __future__ import annotations

import os
import select
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 16
STDIN_SILENCE_SECONDS = 10.0
"""How long standard input may stay silent before the tool stops waiting for it: a pipe whose
writer never writes nor closes would otherwise hang the tool (and a studio request) forever."""


class ReadRefusedError(Exception):
    """A file was not read; the message says why and what to do, without quoting the file."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Confinement:
    """Folders a proposal's referenced files may be read from, besides its own folder."""

    allowed: tuple[Path, ...] = ()

    def roots(self, base: Path) -> tuple[Path, ...]:
        """The proposal's folder and the allowed folders, links resolved."""
        return tuple(Path(os.path.realpath(p)) for p in (base, *self.allowed))


CONFINED = Confinement()
"""Only the proposal's own folder."""
UNCONFINED_HINT = "pass --allow-path DIR to let proposals read files in another folder"


def read_inside(path: Path, roots: Sequence[Path], limit: int) -> bytes:
    """Bytes of ``path`` if it resolves to a regular file under one of ``roots``.

    Raises
    ------
    ReadRefusedError
        Outside the folders, not a regular file, missing, unreadable, or over ``limit`` bytes.
    """
    real = Path(os.path.realpath(path))
    if not any(real.is_relative_to(root) for root in roots):
        where = "the proposal's folder" if len(roots) == 1 else "the allowed folders"
        raise ReadRefusedError(
            path,
            f"outside {where} ({', '.join(str(r) for r in roots)}); files a proposal names must "
            f"be in its own folder; {UNCONFINED_HINT}",
        )
    return read_regular(real, limit, follow=False)


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """Bytes of the regular file ``path``, refusing anything else and anything over ``limit``.

    ``follow=False`` refuses a symbolic link in the last component (the caller resolved links
    and checked where they lead).
    """
    flags = _OPEN_FLAGS | (0 if follow else _NO_FOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadRefusedError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadRefusedError(path, "a folder, not a file") from None
    except OSError as exc:
        raise ReadRefusedError(path, f"cannot be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefusedError(path, f"{file_kind(info.st_mode)}, not a regular file; not read")
        if info.st_size > limit:
            raise ReadRefusedError(
                path, f"file is {info.st_size:,} bytes; the limit is {limit:,} bytes"
            )
        return _read_capped(fd, path, limit)
    finally:
        os.close(fd)


def _read_capped(fd: int, path: Path, limit: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        except OSError as exc:
            raise ReadRefusedError(path, f"cannot be read ({exc.strerror or exc})") from None
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadRefusedError(path, f"file is over the limit of {limit:,} bytes")


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages ("a named pipe", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_stdin(stream: BinaryIO, limit: int, silence: float = STDIN_SILENCE_SECONDS) -> bytes:
    """Standard input up to ``limit`` bytes, refusing a terminal and giving up after ``silence``
    seconds without data (the writer of a pipe may never write nor close)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # an in-memory stream (a test runner's): nothing to wait for
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise ReadRefusedError("<stdin>", f"over the limit of {limit:,} bytes") from None
        return raw
    if os.isatty(fd):
        raise ReadRefusedError(
            "<stdin>",
            "standard input is a terminal; pipe a proposal in (cat draft.yaml | ...) or give "
            "its path",
        )
    parts: list[bytes] = []
    total = 0
    while True:
        ready, _, _ = select.select([fd], [], [], silence)
        if not ready:
            raise ReadRefusedError(
                "<stdin>", f"no data for {silence:g} s; pipe a proposal in or give its path"
            )
        chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadRefusedError("<stdin>", f"over the limit of {limit:,} bytes")
