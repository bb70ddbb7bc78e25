"""Safe YAML reading: the hazards in CHECKLIST.md, each refused cleanly or kept as written."""

from __future__ import annotations

import time

import pytest

from evaluator.document import MAX_BYTES, read_yaml
from evaluator.errors import ProposalError


def _problem(raw: bytes) -> str:
    with pytest.raises(ProposalError) as caught:
        read_yaml(raw, "x.yaml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_yaml_1_2_keeps_codes_and_times_as_written() -> None:
    doc = read_yaml(b"a: NO\nb: 12:30\nc: yes\nd: on\ne: '010121'\n", "x.yaml")
    assert doc.data == {"a": "NO", "b": "12:30", "c": "yes", "d": "on", "e": "010121"}


def test_bare_number_keeps_its_written_form_for_the_message() -> None:
    doc = read_yaml(b"hs: 010121\nother: 1.10\n", "x.yaml")
    assert doc.data["hs"] == 10121
    assert doc.raw_token(("hs",)) == "010121"
    assert doc.raw_token(("other",)) == "1.10"


def test_alias_bomb_is_refused_fast() -> None:
    levels = [b"a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1).encode()
        name = chr(ord("a") + i).encode()
        levels.append(name + b": &" + name + b" [" + b", ".join([b"*" + prev] * 9) + b"]")
    bomb = b"\n".join(levels) + b"\n"
    assert len(bomb) < 600
    start = time.perf_counter()
    message = _problem(bomb)
    assert time.perf_counter() - start < 1.0
    assert "x.yaml:2:" in message and "alias *a is not allowed" in message


def test_very_deep_nesting_is_refused_without_recursion_error() -> None:
    depth = 50_000
    message = _problem(b"a: " + b"[" * depth + b"]" * depth + b"\n")
    assert "nesting is deeper than" in message


def test_oversized_file_is_refused_before_parsing() -> None:
    message = _problem(b"a: 1\n" + b"#" * MAX_BYTES)
    assert "the limit is" in message


@pytest.mark.parametrize("text", [b".inf", b"-.inf", b".nan", b".NaN"])
def test_non_finite_numbers_are_refused(text: bytes) -> None:
    assert "not a finite number" in _problem(b"value: " + text + b"\n")


def test_byte_order_mark_is_accepted() -> None:
    assert read_yaml(b"\xef\xbb\xbfa: 1\n", "x.yaml").data == {"a": 1}


def test_non_text_keys_are_refused() -> None:
    assert "key 1994 is not text" in _problem(b"1994: x\n")


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"a: [1, 2\n", "not valid YAML"),
        (b"a: 1\n\tb: 2\n", "not valid YAML"),
        (b"a: \x00\n", "not valid YAML"),
        (b"a: b: c\n", "not valid YAML"),
        (b"'unterminated\n", "not valid YAML"),
    ],
)
def test_syntax_errors_are_one_located_line(raw: bytes, fragment: str) -> None:
    message = _problem(raw)
    assert message.startswith("x.yaml:") and fragment in message
