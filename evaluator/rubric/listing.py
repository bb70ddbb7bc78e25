"""Rubrics, scales and profiles as text, for ``evaluator rubrics``."""

from __future__ import annotations

from evaluator.rubric.format import AllOf, AnyOf, Condition, Leaf, NotOf
from evaluator.rubric.library import RubricSet

_SYMBOLS = {"equals": "=", "gte": ">=", "lte": "<="}


def describe_condition(condition: Condition) -> str:
    """A condition in words and symbols.

    Examples
    --------
    >>> from evaluator.rubric.format import Leaf
    >>> describe_condition(Leaf.model_validate({"field": "labor.chapter", "equals": "chapter"}))
    'labor.chapter = chapter'
    """
    if isinstance(condition, Leaf):
        op = condition.operator
        value = condition.operand(op)
        if op == "present":
            return f"{condition.field} is {'given' if value else 'not given'}"
        if op == "in":
            return f"{condition.field} in [{', '.join(str(v) for v in value)}]"
        if op == "between":
            return f"{condition.field} between {value[0]:g} and {value[1]:g}"
        shown = (
            str(value).lower()
            if isinstance(value, bool)
            else f"{value:g}"
            if isinstance(value, float)
            else str(value)
        )
        return f"{condition.field} {_SYMBOLS[op]} {shown}"
    if isinstance(condition, AllOf):
        return "(" + " and ".join(describe_condition(c) for c in condition.all) + ")"
    if isinstance(condition, AnyOf):
        return "(" + " or ".join(describe_condition(c) for c in condition.any) + ")"
    if isinstance(condition, NotOf):
        return f"not {describe_condition(condition.not_)}"
    raise TypeError(f"not a condition: {condition!r}")


def rubric_listing(rubrics: RubricSet, *, verbose: bool = False) -> str:
    """Every rubric with its rules, then the scales and the weight profiles."""
    lines = [f"Rubrics in {rubrics.folder}", ""]
    for loaded in rubrics.rubrics:
        rubric = loaded.rubric
        positive = sum(max(0.0, r.points) for r in rubric.rules)
        lines.append(
            f"{rubric.rubric} ({rubric.dimension}): {rubric.title}; {len(rubric.rules)} rules, "
            f"baseline {rubric.baseline:g}, up to {positive:+g} points"
        )
        for rule in rubric.rules:
            lines.append(f"  {rule.points:+6g}  {rule.id}: {rule.title}")
            if verbose:
                lines.append(f"          when {describe_condition(rule.when)}")
                lines.append(f"          source: {rubric.sources[rule.source]}")
        lines.append("")
    lines.append("Scales")
    for dimension, scale in rubrics.scales.scales.items():
        lines.append(f"  {dimension}: {scale.metric} ({scale.unit}), {scale.interpolation}")
        for point in scale.points:
            tag = " [assumption]" if point.assumption else ""
            label = " ".join(point.label.split())
            lines.append(f"    {point.value:>10g} -> {point.score:>3g}  {label}{tag}")
    lines.extend(["", f"Weight profiles (default: {rubrics.profiles.default})"])
    for name, profile in rubrics.profiles.profiles.items():
        weights = ", ".join(f"{d}={w:g}" for d, w in profile.weights.items())
        lines.append(f"  {name}: {weights}")
        lines.append(f"    {profile.description.strip()}")
    return "\n".join(lines) + "\n"
