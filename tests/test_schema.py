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
from tests.schema_strategy import from_schema

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


def _tupled(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tupled(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


def _satisfy_cross_field_rules(doc: dict[str, Any]) -> dict[str, Any]:
    """The schema cannot say 'evaluated_for is one of parties' and the like: make it so."""
    parties = list(dict.fromkeys(doc["parties"]))
    mobility = doc.get("mobility")
    if mobility is not None:
        origins = {o["country"]: o for o in mobility["origins"] if o["country"] != mobility["host"]}
        mobility["origins"] = list(origins.values()) or [{"country": "ZZZ", "annual_quota": 1}]
        if mobility["origins"][0]["country"] == "ZZZ":
            mobility["origins"][0]["country"] = "NOR" if mobility["host"] != "NOR" else "SWE"
        parties.append(mobility["host"])
        quota = mobility.get("quota_adjustment")
        if quota and quota["by_return_rate"] and quota.get("target_return_rate") is None:
            quota["target_return_rate"] = 0.9
    skills = doc.get("skill_matching")
    if skills:
        for side in ("north", "south"):
            if len(skills[side]) % 2:
                skills[side]["extra"] = 1.0 if "extra" not in skills[side] else 2.0
                if len(skills[side]) % 2:
                    skills[side].pop("extra")
    labor = doc.get("labor")
    if labor and labor["chapter"] == "none" and labor.get("enforceable"):
        labor["enforceable"] = False
    investment = doc.get("investment")
    if investment and not investment["isds"] and investment.get("isds_scope"):
        investment["isds_scope"] = "none"
    tariffs = doc.get("tariffs")
    if tariffs is not None:
        tariffs.pop("lines_csv", None)
        tariffs["lines"] = tariffs.get("lines") or [
            {"hs": "01", "imports_usd": 1.0, "base_rate": 0.1, "final_rate": 0.0}
        ]
        for line in tariffs["lines"]:
            if line.get("hs") is None and line.get("sector") is None:
                line["hs"] = "01"
            if line.get("partner"):
                parties.append(line["partner"])
    doc["parties"] = list(dict.fromkeys(parties))
    doc["evaluated_for"] = doc["parties"][0]
    if (tariffs is not None or mobility is not None) and not doc.get("economy"):
        doc["economy"] = {"gdp_usd": 1e12}
    if doc["kind"] == "visa_scheme" and not mobility:
        doc["kind"] = "mixed"
    ids = {s["id"]: s for s in doc.get("sources", [])}
    doc["sources"] = list(ids.values())
    _drop_refs(doc, set(ids))
    return doc


def _drop_refs(node: Any, ids: set[str]) -> None:
    """Drop citations of unknown sources and order every low/high and min/max pair."""
    if isinstance(node, dict):
        for low, high in (("low", "high"), ("min", "max")):
            if isinstance(node.get(low), float | int) and isinstance(node.get(high), float | int):
                node[low], node[high] = sorted((node[low], node[high]))
        if (
            isinstance(node.get("source"), str)
            and node["source"] not in ids
            and "citation" not in node
        ):
            node.pop("source")
        for value in node.values():
            _drop_refs(value, ids)
    elif isinstance(node, list):
        for value in node:
            _drop_refs(value, ids)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(from_schema(proposal_schema()))
def test_documents_generated_from_the_schema_validate(doc: dict[str, Any]) -> None:
    doc = _satisfy_cross_field_rules(doc)
    Proposal.model_validate(_tupled(doc))


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
