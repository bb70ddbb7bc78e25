"""Text that would act on a terminal or a Markdown reader (GitHub issue 14).

Control characters, escape sequences and bidi overrides are refused at load with a located error;
terminal output shows any that reach it as ``\\uXXXX``; Markdown escapes what a title could turn
into HTML, a link or a table column; source URLs are http(s) only; the HTML brief escapes.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.comparison import compare
from evaluator.comparison_rendering import comparison_markdown, comparison_table
from evaluator.document import read_yaml
from evaluator.errors import Problem, ProposalError
from evaluator.evaluation import evaluate
from evaluator.loading import load_proposal
from evaluator.models.result import Evaluation
from evaluator.rendering import to_markdown, to_table
from evaluator.report.pdf import render_html
from evaluator.sensitivity import sensitivity
from evaluator.sensitivity_table import sensitivity_table
from evaluator.textsafe import first_unsafe, markdown, markdown_text, printable

TEXT = Path(__file__).resolve().parent / "fixtures" / "adversarial" / "text"
WHY = (
    "remove it (control characters, escape sequences and bidirectional overrides are not "
    "allowed in text)"
)
INJECTION = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | a"
HOSTILE = "\x1b]0;pwned\x07 \x1b[31mred\u202e \x9b2J"


def _refusal(text: str) -> str:
    with pytest.raises(ProposalError) as caught:
        read_yaml(text.encode("utf-8"), "p.yaml")
    assert len(caught.value.problems) == 1, str(caught.value)
    return str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("value", "where", "character"),
    [
        ('"\\e]0;pwned\\a deal"', "2:8", "U+001B (escape)"),  # OSC, written as escapes
        ('"\\e[31mred\\e[0m"', "2:8", "U+001B (escape)"),  # CSI colour codes
        ('"a \\x9b deal"', "2:8", "U+009B (control character)"),  # C1 control
        ("'a \\u009b'", None, None),  # single quotes: the text \u009b, not a control
        ("deal \u202eexe.yaml", "2:13", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),  # plain: its column
        ("'it''s \u2066x'", "2:15", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),  # single-quoted
        ('"a\u2067b"', "2:8", "U+2067 (RIGHT-TO-LEFT ISOLATE)"),  # double-quoted: value start
        ("trade\ufeffdeal", "2:13", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ("trade\u2028deal", "2:13", "U+2028 (LINE SEPARATOR)"),
        ('"a\\u200eb"', "2:8", "U+200E (LEFT-TO-RIGHT MARK)"),
        (">\n  folded\n  te\u202ext", "2:8", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),  # block: start
    ],
)
def test_each_refused_class_is_a_located_error(
    value: str, where: str | None, character: str | None
) -> None:
    text = f"kind: x\ntitle: {value}\n"
    if where is None:
        assert read_yaml(text.encode(), "p.yaml").data["title"] == "a \\u009b"
        return
    assert _refusal(text) == f"p.yaml:{where}: title: contains {character}: {WHY}"


def test_list_items_and_keys_are_checked_too() -> None:
    message = _refusal("sectors:\n  - ok\n  - 'b\u202ed'\n")
    assert message.startswith("p.yaml:3:7: sectors[1]: contains U+202E")
    key = _refusal("economy:\n  gdp\u2066_usd: 1\n")
    isolate = "U+2066 (LEFT-TO-RIGHT ISOLATE)"
    assert key == f"p.yaml:2:6: economy: key 'gdp\\u2066_usd' contains {isolate}: {WHY}"


@pytest.mark.parametrize(
    ("raw", "where", "character"),
    [
        (b"title: a\x1b[2Jb\n", "1:9", "U+001B (escape)"),
        (b"kind: x\r\nparties: [USA, MEX\x07]\r\n", "2:19", "U+0007 (bell)"),
        ("a: 1\nb: \u0085x\x9b\n".encode(), "2:6", "U+009B (control character)"),  # NEL: a column
    ],
)
def test_raw_control_bytes_the_yaml_reader_refuses_are_one_located_line(
    raw: bytes, where: str, character: str
) -> None:
    with pytest.raises(ProposalError) as caught:
        read_yaml(raw, "p.yaml")
    message = f"p.yaml:{where}: not valid YAML: the file contains {character}: {WHY}"
    assert str(caught.value) == message
    assert "\n" not in str(caught.value) and "position" not in str(caught.value)


def test_tabs_and_newlines_in_text_stay_allowed() -> None:
    doc = read_yaml(b'title: "a\\tb"\nsummary: |\n  one\n  two\twords\nnote: "x\\ny"\n', "p.yaml")
    assert doc.data == {"title": "a\tb", "summary": "one\ntwo\twords\n", "note": "x\ny"}


def test_the_fixtures_refuse_through_the_loader() -> None:
    with pytest.raises(ProposalError) as caught:
        load_proposal(TEXT / "bidi_title.yaml")
    assert str(caught.value).endswith(
        "bidi_title.yaml:3:19: title: contains U+202E (RIGHT-TO-LEFT OVERRIDE): " + WHY
    )
    assert "\u202e" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("javascript_url.yaml", "'javascript:alert(1)' is not a web address"),
        ("spaced_url.yaml", "the address holds a space"),
    ],
)
def test_source_urls_are_http_only(name: str, message: str) -> None:
    with pytest.raises(ProposalError) as caught:
        load_proposal(TEXT / name)
    text = str(caught.value)
    assert f"{name}:11:10: sources[0].url: {message}" in text
    assert "only http(s) links are allowed" in text


def test_problems_print_no_control_character() -> None:
    problem = Problem("evil\u202e.yaml", 1, 2, "ti\x1btle", "bad \x1b]0;x\x07")
    assert str(problem) == "evil\\u202e.yaml:1:2: ti\\u001btle: bad \\u001b]0;x\\u0007"


@pytest.fixture(scope="module")
def clean() -> Evaluation:
    return evaluate(load_proposal(TEXT / "clean.yaml"), draws=200, levers=False)


def _retitled(evaluation: Evaluation, title: str, file: str) -> Evaluation:
    proposal = evaluation.proposal.model_copy(update={"title": title, "file": file})
    return evaluation.model_copy(update={"proposal": proposal})


def test_tables_never_carry_a_control_character(clean: Evaluation) -> None:
    hostile = _retitled(clean, HOSTILE, "evil\u202e.yaml")
    table = to_table([clean, hostile])
    assert first_unsafe(table) is None and "\x1b" not in table
    assert "\\u001b]0;pwned\\u0007 \\u001b[31mred\\u202e \\u009b2J (evil\\u202e.yaml)" in table
    assert "\\u" not in to_table([clean])  # normal text passes unchanged, columns aligned
    comparison = compare([clean, hostile], weight_samples=100)
    assert first_unsafe(comparison_table(comparison)) is None
    assert first_unsafe(comparison_markdown(comparison)) is None


def test_the_sensitivity_table_shows_control_characters_escaped() -> None:
    proposal = load_proposal(TEXT / "clean.yaml")
    result = sensitivity(proposal, samples=8, draws=50)
    info = result.proposal.model_copy(update={"title": HOSTILE})
    table = sensitivity_table(result.model_copy(update={"proposal": info}))
    assert first_unsafe(table) is None and "Sensitivity of \\u001b]0;pwned" in table


def test_markdown_escapes_an_injected_title() -> None:
    evaluation = evaluate(load_proposal(TEXT / "markdown_title.yaml"), draws=200, levers=False)
    assert evaluation.proposal.title == INJECTION
    heading = to_markdown([evaluation]).splitlines()[0]
    assert heading.startswith(
        "## &lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(javascript:alert\\(1\\)\\) \\| a ("
    )
    assert heading.endswith("markdown\\_title.yaml)")
    assert _unescaped(heading.removeprefix("## ")) == []
    clean = evaluate(load_proposal(TEXT / "clean.yaml"), draws=200, levers=False)
    legend = comparison_markdown(compare([clean, evaluation], weight_samples=100))
    assert "<img" not in legend and "](javascript" not in legend
    assert "\n- &lt;img src=x onerror=alert\\(1\\)&gt;" in legend  # its short name, escaped


def test_markdown_links_only_http_addresses() -> None:
    text = "see https://doi.org/10.1/x_y), javascript:alert(1) and data:text/html,<b>"
    assert markdown_text(text) == (
        "see <https://doi.org/10.1/x_y>\\), javascript:alert\\(1\\) and data:text/html,&lt;b&gt;"
    )
    assert markdown_text("`tariffs.lines[3].hs` and `a|b`") == (
        "`tariffs.lines[3].hs` and \\`a\\|b\\`"
    )


def test_the_html_brief_escapes_text_and_links_nothing_but_http(clean: Evaluation) -> None:
    hostile = _retitled(clean, INJECTION, "x.yaml")
    html = render_html(hostile, date=dt.date(2026, 11, 22))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    links = _Links()
    links.feed(html)
    assert ("link", "href", "brief.css") in links.found
    for tag, attribute, target in links.found:
        assert tag != "img" or target.startswith("data:image/"), (tag, attribute)
        assert target == "brief.css" or target.startswith(("https://", "http://", "data:image/"))


class _Links(HTMLParser):
    """Every URL-valued attribute of every element, as the browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                self.found.append((tag, name, value))


def _unescaped(text: str) -> list[str]:
    """Markup characters in ``text`` not preceded by a backslash escape."""
    found = []
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in "<>[]|\n":
            found.append(text[index])
        index += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_printable_and_markdown_leave_nothing_active(text: str) -> None:
    shown = printable(text)
    assert first_unsafe(shown) is None
    escaped = markdown(text)
    assert first_unsafe(escaped) is None
    assert _unescaped(escaped) == []
    assert "\n" not in escaped and "\r" not in escaped
    linked = markdown_text(text)
    assert first_unsafe(linked) is None and "\n" not in linked
    assert _unescaped(re.sub(r"<https?://[^\s<>|\\]+>|`[A-Za-z0-9_.\[\]-]+`", "", linked)) == []
