"""The fast reader (libyaml events, ruamel's resolver) gives exactly what ruamel's reader gives.

``read_yaml`` takes the fast path when it can and falls back to ruamel.yaml otherwise, so each
check here reads the same text both ways and compares the whole outcome: the plain data and
every key's and value's position, or the located problems. The texts are every YAML file in
the repository, mutations of the examples (the edits a person makes while typing, which is
where the studio reads most), and generated documents in every scalar and collection style.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator import document
from evaluator.document import read_yaml
from evaluator.errors import ProposalError
from evaluator.yaml_fast import CParser, compose

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    path
    for folder in ("proposals", "tests/fixtures", "rubrics", "evaluator/data", "schemas")
    for path in (ROOT / folder).rglob("*.y*ml")
)
EXAMPLES = sorted((ROOT / "proposals").glob("*.yaml"))
SMALL_EXAMPLES = [path for path in EXAMPLES if path.stat().st_size < 16_000]
"""The examples mutated many times (each mutation is read twice, once by the slow reader)."""

pytestmark = pytest.mark.skipif(CParser is None, reason="PyYAML built without libyaml")


def outcome(raw: bytes, fast: bool) -> Any:
    """What ``read_yaml`` returns or raises, reading fast when it can or always with ruamel."""
    with pytest.MonkeyPatch.context() as patch:
        if not fast:
            patch.setattr(document, "compose", lambda text: None)
        try:
            doc = read_yaml(raw, "f.yaml")
        except ProposalError as exc:
            return ("error", [str(p) for p in exc.problems])
    return ("ok", doc.data, doc.values, doc.keys)


def same_both_ways(raw: bytes) -> None:
    assert outcome(raw, True) == outcome(raw, False)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_reads_the_same(path: Path) -> None:
    same_both_ways(path.read_bytes())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_take_the_fast_path(path: Path) -> None:
    """Each example is read by the C parser (the studio's latency depends on it)."""
    assert compose(path.read_text()) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # a tag
        "%YAML 1.1\n---\na: 1\n",  # a directive
        "a: 1\n---\nb: 2\n",  # a second document
        "a: 1\na: 2\n",  # a repeated key
        "1: a\n",  # a key that is not text
        "<<: {a: 1}\n",  # a merge key
        "? [a]\n: 1\n",  # a complex key
        "- a\n",  # a top level that is not a mapping
        "a: [\n",  # a syntax error
        "a: x\u2028b: 1\n",  # a YAML 1.1 line break
        "a: " + "[" * 40 + "]" * 40 + "\n",  # nesting past the guard's cap
    ],
)
def test_what_only_ruamel_reads_falls_back(text: str) -> None:
    assert compose(text) is None
    same_both_ways(text.encode())


@pytest.mark.parametrize(
    "scalar",
    ["NO", "yes", "on", "0o17", "017", "0x1F", "1_000", "1e3", ".5", "-.inf", ".NaN", "~", "",
     "null", "True", "2020-01-02", "2020-01-02T10:00:00Z", "1:30", "'quoted'", '"x\\/y"',
     "|\n  block\n", ">-\n  folded\n  text\n", "é ü 中", "a # comment"],
)  # fmt: skip
def test_scalars_resolve_as_yaml_1_2(scalar: str) -> None:
    in_flow = "x" if "\n" in scalar else scalar
    same_both_ways(f"key: {scalar}\nnext: [1, {in_flow}]\n".encode())


_PIECES = [
    ":", " ", "\n", "  ", "- ", "#", "'", '"', "{", "}", "[", "]", ",", "&a ", "*a", "!",
    "|", ">", "?", "%", "@", "`", "\t", "\\", "NO", "yes", "1e3", "0o7", "~", "2020-01-01",
    "é", "\u202e", "\x1b", "\u2028", "---\n", "...\n", "x: 1\n", "<<: ", "\r\n", "\r",
    "\ufeff", "x:\n", "x: # c\n", "\n  y:", "\n-\n", "'a''b'", '"\\e"', "\\/", "\u00a0",
    "\u200b", "\ufffe", "\U0001f600", "\x00", "\x7f", "\ud7ff", "\ue000", '"\\x41"',
    '"\\u00e9"', '"\\N"', '"\\_"', '"\\L"', '"\\P"', "\\\n",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    example=st.sampled_from(SMALL_EXAMPLES),
    crlf=st.booleans(),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 12), st.sampled_from(_PIECES)),
        min_size=1,
        max_size=4,
    ),
)
def test_edited_examples_read_the_same(
    example: Path,
    crlf: bool,
    edits: list[tuple[float, int, str]],
) -> None:
    """Typing into an example: delete a few characters and insert a YAML-significant piece."""
    text = example.read_text()
    if crlf:
        text = text.replace("\n", "\r\n")
    for where, cut, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + cut :]
    same_both_ways(text.encode())


_SCALARS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.sampled_from(["NO", "yes", "0o17", "1_0", "2020-01-01", "a: b", "- x", "#", "'", '"']),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=8), inner, min_size=1, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(st.text(min_size=1, max_size=8), _DATA, min_size=1, max_size=5),
    flow=st.sampled_from([False, True, None]),
    quotes=st.sampled_from([None, "'", '"', "|", ">"]),
)
def test_generated_documents_read_the_same(
    data: dict[str, Any], flow: bool | None, quotes: str | None
) -> None:
    import io

    import yaml

    out = io.StringIO()
    yaml.safe_dump(data, out, default_flow_style=flow, default_style=quotes, allow_unicode=True)
    same_both_ways(out.getvalue().encode())
