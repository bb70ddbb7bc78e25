"""The JSON Schema: committed copy in sync, and documents generated from it validate."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.document import read_yaml
from evaluator.errors import ProposalError
from evaluator.loading import load_proposal_bytes
from evaluator.models import Proposal
from evaluator.schema import proposal_schema, proposal_schema_text
from tests.conftest import PROPOSALS, ROOT
from tests.schema_strategy import from_schema, satisfy_cross_field_rules, tupled

COMMITTED = ROOT / "schemas" / "proposal.schema.json"


def test_committed_schema_is_in_sync() -> None:
    assert COMMITTED.read_text() == proposal_schema_text(), (
        "schemas/proposal.schema.json is stale: run `make schema`"
    )


def test_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(proposal_schema())


def test_every_field_has_a_description() -> None:
    schema = proposal_schema()
    models = {"Proposal": schema, **schema["$defs"]}
    missing = [
        f"{model}.{name}"
        for model, body in models.items()
        for name, prop in body.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []


def test_examples_satisfy_the_json_schema_too() -> None:
    validator = jsonschema.Draft202012Validator(proposal_schema())
    for path in PROPOSALS.glob("*.yaml"):
        data = _jsonable(read_yaml(path.read_bytes(), path.name).data)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(from_schema(proposal_schema()))
def test_documents_generated_from_the_schema_validate(doc: dict[str, Any]) -> None:
    doc = satisfy_cross_field_rules(doc)
    Proposal.model_validate(tupled(doc))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_the_tools_error(text: str) -> None:
    try:
        load_proposal_bytes(text.encode("utf-8"), "fuzz.yaml")
    except ProposalError as exc:
        assert all(re.match(r"fuzz\.yaml:\d+:\d+: ", str(p)) for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_the_tools_error(raw: bytes) -> None:
    with contextlib.suppress(ProposalError):
        load_proposal_bytes(raw, "fuzz.yaml")


YAMLISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        st.sampled_from(["NO", "yes", "012345", "12:30", "1.10", ".nan", "~", "USA", "6109"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "schema_version",
                "title",
                "kind",
                "parties",
                "evaluated_for",
                "economy",
                "tariffs",
                "mobility",
                "labor",
                "investment",
                "parameters",
                "sources",
                "oops",
            ]
        ),
        YAMLISH,
        max_size=8,
    )
)
def test_structured_nonsense_only_raises_the_tools_error(doc: dict[str, Any]) -> None:
    text = json.dumps(doc, default=str, allow_nan=True)
    try:
        load_proposal_bytes(text.encode("utf-8"), "fuzz.yaml")
    except ProposalError as exc:
        assert exc.problems
