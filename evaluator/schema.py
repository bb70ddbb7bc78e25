"""The JSON Schema (2020-12) of a proposal, for editors and for reference docs."""

from __future__ import annotations

import json
from typing import Any

from evaluator.models import Proposal

SCHEMA_ID = "urn:evaluator:schema:proposal:1"


def proposal_schema() -> dict[str, Any]:
    """The Proposal's JSON Schema, with ``$schema`` and ``$id`` set."""
    schema = Proposal.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def proposal_schema_text() -> str:
    """The schema as the committed ``schemas/proposal.schema.json`` holds it."""
    return json.dumps(proposal_schema(), indent=2, ensure_ascii=False) + "\n"


def sweep_schema_text() -> str:
    """The sweep file's schema, as the committed ``schemas/sweep.schema.json`` holds it."""
    from evaluator.sweep.spec import SweepFile

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:evaluator:schema:sweep:1",
        **SweepFile.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
