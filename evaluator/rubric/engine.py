"""Apply a rubric to a proposal: which rules fire, which are missed, which the text leaves open.

Missing data is unknown, not false (Kleene's three-valued logic): a test of a field the proposal
leaves out is unknown, ``not`` unknown is unknown, ``all`` is false if any part is false and
unknown if any part is unknown, ``any`` is true if any part is true. A rule fires only when its
condition is true, so a rubric never rewards or penalises what a text does not say.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from evaluator.models import Proposal
from evaluator.rubric.format import AllOf, AnyOf, Condition, Leaf, NotOf, Rule
from evaluator.rubric.library import LoadedRubric

Truth = bool | None
Status = Literal["fired", "missed", "unsettled", "not_applicable"]


@dataclass(frozen=True)
class RuleOutcome:
    """How one rule came out for one proposal."""

    rule: Rule
    rubric: LoadedRubric
    status: Status
    evidence: str | None
    """Dotted path of the field that decided it (None if no tested field is given)."""


def value_at(proposal: Proposal, path: str) -> Any:
    """The value of a dotted field path, or None where it (or a parent section) is missing.

    Examples
    --------
    >>> from evaluator.models import Proposal
    >>> p = Proposal.model_validate({"schema_version": 1, "title": "t", "kind": "mixed",
    ...     "parties": ("USA",), "evaluated_for": "USA", "labor": {"chapter": "chapter"}})
    >>> value_at(p, "labor.chapter"), value_at(p, "investment.isds")
    ('chapter', None)
    """
    node: Any = proposal
    for part in path.split("."):
        if not isinstance(node, BaseModel):
            return None
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def _given(value: Any) -> bool:
    return value is not None and value != ()


def _leaf(leaf: Leaf, proposal: Proposal) -> Truth:
    value = value_at(proposal, leaf.field)
    if leaf.present is not None:
        return _given(value) == leaf.present
    if not _given(value):
        return None
    if leaf.equals is not None:
        return bool(value == leaf.equals)
    if leaf.in_ is not None:
        if isinstance(value, tuple):
            return any(item in leaf.in_ for item in value)
        return value in leaf.in_
    if isinstance(value, BaseModel):
        return None  # a range-valued field: not comparable to one number
    number = float(value)
    if leaf.gte is not None:
        return number >= leaf.gte
    if leaf.lte is not None:
        return number <= leaf.lte
    if leaf.between is not None:
        return leaf.between[0] <= number <= leaf.between[1]
    return None


def truth(condition: Condition, proposal: Proposal) -> Truth:
    """Evaluate a condition: True, False, or None for unknown."""
    if isinstance(condition, Leaf):
        return _leaf(condition, proposal)
    if isinstance(condition, AllOf):
        parts = [truth(c, proposal) for c in condition.all]
        if any(p is False for p in parts):
            return False
        return None if any(p is None for p in parts) else True
    if isinstance(condition, AnyOf):
        parts = [truth(c, proposal) for c in condition.any]
        if any(p is True for p in parts):
            return True
        return None if any(p is None for p in parts) else False
    if isinstance(condition, NotOf):
        inner = truth(condition.not_, proposal)
        return None if inner is None else not inner
    raise TypeError(f"not a condition: {condition!r}")


def _leaves(condition: Condition) -> Iterator[Leaf]:
    if isinstance(condition, Leaf):
        yield condition
    elif isinstance(condition, AllOf):
        for part in condition.all:
            yield from _leaves(part)
    elif isinstance(condition, AnyOf):
        for part in condition.any:
            yield from _leaves(part)
    elif isinstance(condition, NotOf):
        yield from _leaves(condition.not_)


def fields_of(condition: Condition) -> list[str]:
    """The dotted fields a condition tests, in order, once each."""
    return list(dict.fromkeys(leaf.field for leaf in _leaves(condition)))


def _evidence(condition: Condition, proposal: Proposal) -> str | None:
    """The deepest given field among the condition's tests, the last on a tie (conditions go
    from general to specific, as in ``isds`` then ``isds_scope``): the line that earned it."""
    given = [leaf.field for leaf in _leaves(condition) if _given(value_at(proposal, leaf.field))]
    return max(reversed(given), key=lambda path: path.count("."), default=None)


def applies(condition: Condition, proposal: Proposal) -> bool:
    """Whether a rule speaks to this proposal at all.

    A rule about sections the proposal does not have (visa rules for a tariff schedule, ISDS
    rules for a visa scheme) is not applicable: it neither widens the score's band nor becomes
    a suggestion. A rule that tests whether something is ``present`` always applies.
    """
    leaves = list(_leaves(condition))
    if any(leaf.present is not None for leaf in leaves):
        return True
    return any(getattr(proposal, leaf.field.split(".")[0]) is not None for leaf in leaves)


def apply_rubric(loaded: LoadedRubric, proposal: Proposal) -> list[RuleOutcome]:
    """Every rule of the rubric, judged against the proposal."""
    outcomes = []
    for rule in loaded.rubric.rules:
        result = truth(rule.when, proposal)
        status: Status = "fired" if result else "unsettled" if result is None else "missed"
        if status == "unsettled" and not applies(rule.when, proposal):
            status = "not_applicable"
        outcomes.append(RuleOutcome(rule, loaded, status, _evidence(rule.when, proposal)))
    return outcomes
