"""Reading what an untrusted proposal names, and writing outputs, on a shared machine."""

from __future__ import annotations

import io
import os
import pty
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from evaluator.confine import ReadRefusedError, read_inside, read_regular, read_stdin
from evaluator.output import OutputError, write_atomic
from tests.conftest import PROPOSALS

LIMIT = 1024


def test_a_file_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"hs\n")
    assert read_inside(tmp_path / "a.csv", (tmp_path.resolve(),), LIMIT) == b"hs\n"


def test_a_link_inside_the_folder_to_a_file_inside_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"hs\n")
    (tmp_path / "b.csv").symlink_to("a.csv")
    assert read_inside(tmp_path / "b.csv", (tmp_path.resolve(),), LIMIT) == b"hs\n"


@pytest.mark.parametrize("name", ["../outside.csv", "sub/../../outside.csv"])
def test_paths_out_of_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "p"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "outside.csv").write_bytes(b"secret")
    with pytest.raises(ReadRefusedError, match="outside the proposal's folder") as caught:
        read_inside(folder / name, (folder.resolve(),), LIMIT)
    assert "secret" not in str(caught.value)


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (tmp_path / "outside.csv").write_bytes(b"secret")
    (folder / "in.csv").symlink_to(tmp_path / "outside.csv")
    with pytest.raises(ReadRefusedError, match="--allow-path"):
        read_inside(folder / "in.csv", (folder.resolve(),), LIMIT)


def test_an_allowed_folder_is_read(tmp_path: Path) -> None:
    folder, shared = tmp_path / "p", tmp_path / "shared"
    folder.mkdir()
    shared.mkdir()
    (shared / "s.csv").write_bytes(b"ok")
    roots = (folder.resolve(), shared.resolve())
    assert read_inside(folder / "../shared/s.csv", roots, LIMIT) == b"ok"


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    start = time.monotonic()
    with pytest.raises(ReadRefusedError, match="a named pipe, not a regular file"):
        read_regular(tmp_path / "pipe.csv", LIMIT)
    assert time.monotonic() - start < 1.0


def test_a_device_is_refused() -> None:
    with pytest.raises(ReadRefusedError, match="a device, not a regular file"):
        read_regular(Path("/dev/zero"), LIMIT)


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    with open(tmp_path / "sparse", "wb") as handle:
        handle.truncate(10 * 1024**3)
    with pytest.raises(ReadRefusedError, match="10,737,418,240 bytes; the limit is 1,024"):
        read_regular(tmp_path / "sparse", LIMIT)


def test_a_growing_file_is_cut_at_the_cap(tmp_path: Path) -> None:
    """/proc files report size 0; the read itself stops one byte past the cap."""
    assert len(read_regular(Path("/proc/self/status"), 1 << 20)) > 0
    with pytest.raises(ReadRefusedError, match="over the limit of 16 bytes"):
        read_regular(Path("/proc/self/status"), 16)


def test_stdin_in_memory_is_capped() -> None:
    assert read_stdin(io.BytesIO(b"abc"), LIMIT) == b"abc"  # type: ignore[arg-type]
    with pytest.raises(ReadRefusedError, match="over the limit of 1,024 bytes"):
        read_stdin(io.BytesIO(b"x" * (LIMIT + 1)), LIMIT)  # type: ignore[arg-type]


def test_stdin_pipe_is_capped_and_never_waits_forever() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as stream:
        os.write(write_end, b"title: x\n")  # the writer never closes its end
        start = time.monotonic()
        with pytest.raises(ReadRefusedError, match=r"no data for 0\.2 s"):
            read_stdin(stream, LIMIT, silence=0.2)
        assert time.monotonic() - start < 2.0
    os.close(write_end)


def test_stdin_pipe_is_read_to_the_end() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"title: x\n")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        assert read_stdin(stream, LIMIT) == b"title: x\n"


def test_stdin_terminal_is_refused() -> None:
    leader, follower = pty.openpty()
    try:
        with (
            os.fdopen(follower, "rb", closefd=False) as stream,
            pytest.raises(ReadRefusedError, match="standard input is a terminal"),
        ):
            read_stdin(stream, LIMIT)
    finally:
        os.close(leader)
        os.close(follower)


def test_concurrent_writers_without_force_one_wins(tmp_path: Path) -> None:
    """Two writers racing for one new path: exactly one succeeds, the file is whole."""
    target = tmp_path / "out.pdf"
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def write(k: int) -> None:
        barrier.wait()
        try:
            write_atomic(target, bytes([k]) * 100_000)
            outcomes.append("ok")
        except OutputError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=write, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1, outcomes
    assert all("already exists" in o for o in outcomes if o != "ok")
    data = target.read_bytes()
    assert len(data) == 100_000 and len(set(data)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is a named pipe; outputs are written to regular files"):
        write_atomic(fifo, b"x", force=True)
    assert fifo.is_fifo()


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("x")
    with pytest.raises(OutputError, match="reports is not a folder"):
        write_atomic(tmp_path / "reports" / "a.pdf", b"x", make_folder=True)


def test_a_hard_link_to_an_input_is_still_the_input(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text("precious")
    os.link(source, tmp_path / "alias.yaml")
    with pytest.raises(OutputError, match="refusing to write over an input file"):
        write_atomic(tmp_path / "alias.yaml", b"x", force=True, inputs=(source,))
    assert source.read_text() == "precious"


def test_a_dataset_table_is_an_input(
    run: Callable[..., Result], data_dir: Path, tmp_path: Path
) -> None:
    """The general-equilibrium dataset's tables are inputs too: never an output, even forced."""
    table = data_dir / "cp2015_nafta" / "theta.csv"
    before = table.read_bytes()
    result = run("score", str(PROPOSALS / "nafta_us_1994.yaml"), "-o", str(table), "--force")
    assert result.exit_code == 2
    assert "refusing to write over an input file" in result.stderr
    assert table.read_bytes() == before
