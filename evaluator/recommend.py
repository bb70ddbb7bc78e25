"""Recommendations by re-evaluation: each edit applied to the proposal alone and re-scored.

A rubric rule that would raise a score (a reward not earned, or a penalty incurred) is turned into
the smallest edit that makes its condition come out the other way (``labor.enforceable: true``);
the edited proposal is re-evaluated with the same draws, and the printed change is the difference
of the two evaluations, never the rule's points. An edit that does not validate, or after which
the rule still does not come out as wanted, is not recommended. Pure: no printing, no files.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from evaluator.models import CrossFieldError, Proposal
from evaluator.models.proposal import cross_field_problems
from evaluator.models.result import Combination, Edit, Evaluation, Recommendation
from evaluator.rubric.engine import RuleOutcome, truth
from evaluator.rubric.format import AllOf, AnyOf, Condition, Leaf, NotOf

Again = Callable[[Proposal], Evaluation]
COMBINE_FROM = 4
"""The best combination is searched among this many top single edits (pairs and triples)."""
MAX_COMBINED = 3
SHOWN_CHANGE = 0.05
"""Score changes smaller than this (points) round to nothing in print and are not listed."""


def moved(changes: Mapping[str, float]) -> dict[str, float]:
    """The per-dimension changes worth printing."""
    return {d: c for d, c in changes.items() if abs(c) >= SHOWN_CHANGE}


_INDEX = re.compile(r"^([a-z_]+)\[(\d+)\]$")


class EditError(ValueError):
    """An edit that cannot be applied: a missing parent, or a value the schema refuses."""


def condition_edits(condition: Condition, want: bool, proposal: Proposal) -> dict[str, Any] | None:
    """The smallest set of field values that makes ``condition`` come out as ``want``, or None.

    Examples
    --------
    >>> from evaluator.rubric.format import Leaf
    >>> from evaluator.models import Proposal
    >>> p = Proposal.model_validate({"schema_version": 1, "title": "t", "kind": "mixed",
    ...     "parties": ("USA",), "evaluated_for": "USA", "labor": {"chapter": "chapter"}})
    >>> leaf = Leaf.model_validate({"field": "labor.enforceable", "equals": True})
    >>> condition_edits(leaf, True, p)
    {'labor.enforceable': True}
    """
    if truth(condition, proposal) is want:
        return {}
    if isinstance(condition, Leaf):
        return _leaf_edits(condition, want)
    if isinstance(condition, NotOf):
        return condition_edits(condition.not_, not want, proposal)
    parts: Sequence[Condition]
    if isinstance(condition, AllOf):
        parts, every = condition.all, want
    elif isinstance(condition, AnyOf):
        parts, every = condition.any, not want
    else:
        return None
    if every:  # all parts must come out as wanted: merge their edits
        merged: dict[str, Any] = {}
        for part in parts:
            edits = condition_edits(part, want, proposal)
            if edits is None or any(merged.get(k, v) != v for k, v in edits.items()):
                return None
            merged |= edits
        return merged
    for part in parts:  # one part is enough: the first that can be made so
        edits = condition_edits(part, want, proposal)
        if edits is not None:
            return edits
    return None


def _leaf_edits(leaf: Leaf, want: bool) -> dict[str, Any] | None:
    field = leaf.field
    if leaf.present is not None:
        return {field: None} if leaf.present is not want else None
    if want:
        if leaf.equals is not None:
            return {field: leaf.equals}
        if leaf.in_ is not None:
            return {field: leaf.in_[0]}
        if leaf.gte is not None:
            return {field: leaf.gte}
        if leaf.lte is not None:
            return {field: leaf.lte}
        if leaf.between is not None:
            return {field: leaf.between[0]}
        return None
    if isinstance(leaf.equals, bool):
        return {field: not leaf.equals}
    return None


def _path(text: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in text.split("."):
        match = _INDEX.match(piece)
        if match:
            parts.extend([match.group(1), int(match.group(2))])
        else:
            parts.append(piece)
    return parts


def _set(node: Any, path: Sequence[str | int], value: Any) -> Any:
    """A copy of plain data ``node`` with ``value`` at ``path`` (missing dicts are created)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(node, list | tuple) or head >= len(node):
            raise EditError(f"no item {head} to edit")
        items = list(node)
        items[head] = _set(items[head], rest, value)
        return tuple(items) if isinstance(node, tuple) else items
    mapping = dict(node) if isinstance(node, Mapping) else {}
    if node is not None and not isinstance(node, Mapping):
        raise EditError(f"cannot set {head!r} inside a value")
    mapping[head] = _set(mapping.get(head), rest, value)
    if mapping[head] is None:
        del mapping[head]
    return mapping


def apply_edits(proposal: Proposal, edits: Mapping[str, Any]) -> tuple[Proposal, dict[str, Any]]:
    """The proposal with ``edits`` (dotted path -> value, None removes) applied, validated, and
    the edits as applied (a field the edit contradicts is removed, and listed).

    Only the sections edited are rebuilt; the others are shared with ``proposal`` (so models whose
    inputs did not change can be reused), and the origin (file, lines, dataset) is kept.
    """
    applied = dict(edits)
    by_section: dict[str, list[tuple[list[str | int], Any]]] = {}
    for text, value in edits.items():
        path = _path(text)
        if not path or not isinstance(path[0], str) or path[0] not in Proposal.model_fields:
            raise EditError(f"{text}: not a proposal field")
        by_section.setdefault(path[0], []).append((path[1:], value))
    update: dict[str, Any] = {}
    for section, changes in by_section.items():
        current = getattr(proposal, section)
        data: Any = (
            current.model_dump(mode="python", by_alias=True, exclude_none=True)
            if isinstance(current, BaseModel)
            else current
        )
        for path, value in changes:
            data = _set(data, path, value)
        update[section], dropped = _validated(section, data, {str(p[0]) for p, _ in changes if p})
        applied |= {f"{section}.{name}": None for name in sorted(dropped)}
    variant = proposal.model_copy(update=update)
    problems = list(cross_field_problems(variant))
    if problems:
        raise EditError("; ".join(message for _, message in problems))
    variant._origin = proposal.origin
    return variant, applied


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(section: str) -> TypeAdapter[Any]:
    if section not in _ADAPTERS:
        annotation = Proposal.model_fields[section].annotation
        assert annotation is not None
        _ADAPTERS[section] = TypeAdapter(annotation)
    return _ADAPTERS[section]


def _validated(section: str, data: Any, edited: set[str]) -> tuple[Any, set[str]]:
    """The section validated; a field another edit contradicts (``isds_scope`` once ``isds`` is
    false) is dropped, once, as the validator's message asks."""
    dropped: set[str] = set()
    for _ in range(2):
        try:
            return _adapter(section).validate_python(data), dropped
        except ValidationError as exc:
            dependants = {
                str(path[0])
                for error in exc.errors()
                if isinstance(error.get("ctx", {}).get("error"), CrossFieldError)
                for path, _ in error["ctx"]["error"].problems
                if path and str(path[0]) not in edited
            }
            if not dependants or not isinstance(data, Mapping):
                raise EditError(f"{section}: {exc}") from None
            data = {k: v for k, v in data.items() if k not in dependants}
            dropped |= dependants
    raise EditError(f"{section}: the edit contradicts other fields")


def _edit_list(edits: Mapping[str, Any]) -> list[Edit]:
    return [Edit(path=path, value=value) for path, value in edits.items()]


def _wanted(outcome: RuleOutcome) -> bool:
    """A reward the proposal does not earn should fire; a penalty it incurs should not."""
    return outcome.rule.points > 0


def _candidates(outcomes: Sequence[RuleOutcome]) -> Iterator[RuleOutcome]:
    for outcome in outcomes:
        positive = outcome.rule.points > 0
        if positive and outcome.status in ("missed", "unsettled"):
            yield outcome
        elif not positive and outcome.status == "fired":
            yield outcome


def recommend(
    proposal: Proposal,
    base: Evaluation,
    outcomes: Sequence[RuleOutcome],
    again: Again,
    changes: Callable[[Evaluation, Evaluation], tuple[dict[str, float], float | None]],
) -> list[Recommendation]:
    """Rubric edits that raise a score, each re-scored alone, largest overall change first.

    Parameters
    ----------
    proposal, base
        The proposal and its evaluation.
    outcomes
        How each rubric rule came out for ``proposal``.
    again
        Re-evaluates a variant with the same draws, weights and basis, without levers.
    changes
        Score changes from one evaluation to another: per dimension, and overall.
    """
    found: list[tuple[Recommendation, dict[str, Any]]] = []
    seen: set[tuple[tuple[str, Any], ...]] = set()
    biggest_first = sorted(_candidates(outcomes), key=lambda o: -abs(o.rule.points))
    for outcome in biggest_first:
        want = _wanted(outcome)
        edits = condition_edits(outcome.rule.when, want, proposal)
        if not edits:
            continue
        key = tuple(sorted(edits.items(), key=lambda kv: kv[0]))
        if key in seen:
            continue
        try:
            variant, edits = apply_edits(proposal, edits)
        except EditError:
            continue
        if truth(outcome.rule.when, variant) is not want:
            continue
        seen.add(key)
        by_dimension, overall = changes(base, again(variant))
        shown = moved(by_dimension)
        if (overall is not None and overall <= 0) or (overall is None and not shown):
            continue
        rule, rubric = outcome.rule, outcome.rubric.rubric
        text = rule.recommendation.strip() if rule.recommendation else rule.rationale.strip()
        found.append(
            (
                Recommendation(
                    title=rule.title if want else f"Remove: {rule.title}",
                    kind="provision" if want else "remove_provision",
                    dimension=rubric.dimension,
                    rule=rule.id,
                    text=text,
                    source=str(rubric.sources[rule.source]),
                    edits=_edit_list(edits),
                    dimension_changes=shown,
                    overall_change=overall,
                ),
                edits,
            )
        )
    found.sort(key=lambda pair: (-(pair[0].overall_change or 0.0), pair[0].title))
    return [r for r, _ in found]


def _merge(groups: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The edits together, or None when two set one field to different values."""
    merged: dict[str, Any] = {}
    for edits in groups:
        for path, value in edits.items():
            if path in merged and merged[path] != value:
                return None
            merged[path] = value
    return merged


MAX_COMBINED_EDITS = 500
"""Recommendations with more edits than this (a lever over a large schedule) are not combined."""


def best_combination(
    proposal: Proposal,
    base: Evaluation,
    recommendations: Sequence[Recommendation],
    again: Again,
    changes: Callable[[Evaluation, Evaluation], tuple[dict[str, float], float | None]],
) -> Combination | None:
    """The best pair or triple among the top recommendations (provisions and levers), re-scored
    together with the same draws."""
    usable = [r for r in recommendations if r.edits and len(r.edits) <= MAX_COMBINED_EDITS]
    top = [(r, {e.path: e.value for e in r.edits}) for r in usable[:COMBINE_FROM]]
    best: Combination | None = None
    for size in range(2, MAX_COMBINED + 1):
        for group in itertools.combinations(top, size):
            merged = _merge([edits for _, edits in group])
            if merged is None:
                continue
            try:
                variant, merged = apply_edits(proposal, merged)
            except EditError:
                continue
            by_dimension, overall = changes(base, again(variant))
            if overall is None:
                continue
            if best is None or overall > (best.overall_change or 0.0) + 1e-9:
                best = Combination(
                    titles=[r.title for r, _ in group],
                    edits=_edit_list(merged),
                    dimension_changes=moved(by_dimension),
                    overall_change=overall,
                )
    return best
