"""The adversarial corpus: every case runs the real CLI in a subprocess with bounded resources.

Cases live in ``tests/fixtures/adversarial/<class>/cases.yaml`` (format in that folder's
README). Each runs ``python -m evaluator ARGS`` in a fresh copy of its folder and must: exit with
the expected code, print the expected located messages, never a traceback or "internal error",
never print what ``absent`` lists, finish within the time bound and stay under the memory bound
(peak resident memory of the child, read from the kernel's accounting).
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "fixtures" / "adversarial"
TIME_BOUND_S = 30.0
"""No input may make a command run longer (issue 14)."""
MEMORY_BOUND_BYTES = 2 * 1024**3
"""No input may make a command use more (issue 14)."""
ADDRESS_SPACE_CAP = 4 * 1024**3
"""Hard cap on the child's address space, so a runaway case fails instead of swapping; above
the memory bound because libraries reserve address space they never touch."""


def _cases() -> list[Any]:
    out = []
    for manifest in sorted(CORPUS.glob("*/cases.yaml")):
        for case in YAML(typ="safe").load(manifest.read_text()):
            out.append(
                pytest.param(manifest.parent, case, id=f"{manifest.parent.name}/{case['name']}")
            )
    return out


Setup = Callable[[Path], None]


def _fifo(name: str) -> Setup:
    def make(folder: Path) -> None:
        os.mkfifo(folder / name)

    return make


def _link(name: str, target: str) -> Setup:
    def make(folder: Path) -> None:
        (folder / name).symlink_to(target)

    return make


def _outside_schedule(folder: Path) -> None:
    """A valid schedule one folder up (outside), and a link to it from inside."""
    outside = folder.parent / "outside.csv"
    outside.write_text("hs,partner,imports_usd,base_rate,final_rate\n999999,MEX,1e9,0.2,0\n")
    (folder / "link.csv").symlink_to(outside)


def _sparse(name: str, size: int) -> Setup:
    def make(folder: Path) -> None:
        with open(folder / name, "wb") as handle:
            handle.truncate(size)

    return make


def _device(name: str) -> Setup:
    def make(folder: Path) -> None:
        try:
            os.mknod(folder / name, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("cannot make a device node here (not root)")

    return make


def _file(name: str, text: str) -> Setup:
    def make(folder: Path) -> None:
        (folder / name).write_text(text)

    return make


def _big_proposal(folder: Path) -> None:
    """A valid proposal just over the size cap (comments pad it)."""
    from evaluator.document import MAX_BYTES

    base = (ROOT / "proposals" / "guest_worker_rodrik.yaml").read_text()
    pad = "# padding\n" * ((MAX_BYTES - len(base)) // 10 + 2)
    (folder / "big.yaml").write_text(base + pad)
    (folder / "big_stdin.yaml").write_text(base + pad)


def _near_cap_proposal(folder: Path) -> None:
    """A valid proposal just under the size cap, made of inline tariff lines (slowest to read)."""
    from evaluator.document import MAX_BYTES

    head = (folder / "lines_head.yaml").read_text()
    line = '    - {hs: "%06d", partner: MEX, imports_usd: 1.0e6, base_rate: 0.1, final_rate: 0}\n'
    count = (MAX_BYTES - len(head) - 1024) // len(line % 0)
    (folder / "near_cap.yaml").write_text(head + "".join(line % k for k in range(count)))


def _rows(name: str, rows: int) -> Setup:
    def make(folder: Path) -> None:
        body = "".join(f"{100000 + k},MEX,1.0e6,0.1,0\n" for k in range(rows))
        (folder / name).write_text("hs,partner,imports_usd,base_rate,final_rate\n" + body)

    return make


def _dataset_link(folder: Path) -> None:
    (folder / "ds").mkdir()
    for table in ("regions.csv", "sectors.csv", "trade.csv"):
        (folder / "ds" / table).symlink_to("/etc/passwd")


def _reports_file(folder: Path) -> None:
    (folder / "reports").write_text("a file where the reports folder would go\n")


def _rubrics_with(extra: Setup) -> Setup:
    def make(folder: Path) -> None:
        shutil.copytree(ROOT / "rubrics", folder / "my_rubrics")
        extra(folder / "my_rubrics")

    return make


SETUPS: dict[str, Setup] = {
    "fifo_csv": _fifo("fifo.csv"),
    "fifo_proposal": _fifo("pipe.yaml"),
    "link_out": _outside_schedule,
    "link_passwd": _link("passwd.csv", "/etc/passwd"),
    "link_environ": _link("environ.csv", "/proc/self/environ"),
    "sparse_csv": _sparse("huge.csv", 3 * 1024**3),
    "sparse_proposal": _sparse("huge.yaml", 3 * 1024**3),
    "device_csv": _device("dev.csv"),
    "device_out": _device("dev.out"),
    "big_proposal": _big_proposal,
    "near_cap_proposal": _near_cap_proposal,
    "rows_over_cap": _rows("many.csv", 50_001),
    "rows_dense": _rows("dense.csv", 5_000),
    "rows_40k": _rows("big.csv", 40_000),
    "reports_file": _reports_file,
    "dataset_link": _dataset_link,
    "rubrics_fifo": _rubrics_with(_fifo("extra.yaml")),
    "rubrics_link_out": _rubrics_with(_link("extra.yaml", "/etc/passwd")),
    "existing_out": _file("out.json", "{}\n"),
    "rubrics_copy": _rubrics_with(lambda folder: None),
}


@pytest.mark.parametrize(("folder", "case"), _cases())
def test_case(folder: Path, case: dict[str, Any], tmp_path: Path) -> None:
    work = tmp_path / "case"
    shutil.copytree(folder, work, symlinks=True, ignore=shutil.ignore_patterns("cases.yaml"))
    for name in (
        case.get("setup", []) if isinstance(case.get("setup"), list) else [case.get("setup")]
    ):
        if name:
            SETUPS[name](work)
    stdin: Any = subprocess.DEVNULL
    if "stdin" in case:
        stdin = case["stdin"].encode()
    elif "stdin_file" in case:
        stdin = (work / case["stdin_file"]).read_bytes()
    before = {name: _state(work / name) for name in case.get("unchanged", [])}
    env = {k: v for k, v in os.environ.items() if k != "EVALUATOR_DATA"}
    env["PYTHONPATH"] = str(ROOT)
    start = time.monotonic()
    out, err, code, peak = _run(
        [sys.executable, "-m", "evaluator", *case["args"]], work, stdin, env
    )
    elapsed = time.monotonic() - start
    shown = f"exit {code}\n--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}"
    assert code == case["exit"], shown
    assert "Traceback" not in err and "internal error" not in err, shown
    _in_order(err, case.get("stderr", []), shown)
    _in_order(out, case.get("stdout", []), shown)
    for fragment in case.get("absent", []):
        assert fragment not in out and fragment not in err, f"{fragment!r} printed\n{shown}"
    for name, state in before.items():
        assert _state(work / name) == state, f"{name} changed\n{shown}"
    assert elapsed < TIME_BOUND_S, f"{elapsed:.1f} s\n{shown}"
    assert peak < MEMORY_BOUND_BYTES, f"peak {peak / 1024**2:.0f} MiB\n{shown}"


def _state(path: Path) -> tuple[int, int, bytes]:
    """A file's type, inode and (for a regular file) content."""
    info = os.lstat(path)
    content = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
    return stat.S_IFMT(info.st_mode), info.st_ino, content


def _in_order(text: str, fragments: list[str], shown: str) -> None:
    at = 0
    for fragment in fragments:
        found = text.find(fragment, at)
        assert found >= 0, f"missing {fragment!r}\n{shown}"
        at = found + len(fragment)


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def _run(argv: list[str], cwd: Path, stdin: Any, env: dict[str, str]) -> tuple[str, str, int, int]:
    """Run ``argv``; return stdout, stderr, exit code and the child's peak resident bytes."""
    data = stdin if isinstance(stdin, bytes) else None
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        stdin=subprocess.PIPE if data is not None else stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_limit,
    )
    try:
        out, err = process.communicate(data, timeout=TIME_BOUND_S + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"still running after {TIME_BOUND_S + 5:.0f} s: {argv}")
    peak = _peak_rss_of_children()
    return out.decode(errors="replace"), err.decode(errors="replace"), process.returncode, peak


def _peak_rss_of_children() -> int:
    """The largest resident set of any finished child so far, bytes (Linux reports KiB).

    The kernel keeps one maximum over all waited-for children, so this is an upper bound on
    the case just run: the bound holds for every case when it holds for this maximum."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
