"""Outputs are written whole or not at all, never over an input, never over a file unasked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from evaluator.output import OutputError, write_atomic


def test_writes_new_file_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old = os.umask(0o027)
    try:
        write_atomic(target, b"{}")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists; pass --force"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_never_writes_over_an_input_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "proposal.yaml"
    source.write_bytes(b"precious")
    with pytest.raises(OutputError, match="over an input file"):
        write_atomic(tmp_path / "." / "proposal.yaml", b"x", force=True, inputs=[source])
    assert source.read_bytes() == b"precious"


def test_failure_mid_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old brief")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match=r"not written \(the disk is full\); nothing was changed"):
        write_atomic(target, b"new brief", force=True)
    assert target.read_bytes() == b"old brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.json", b"{}")
