"""Lint the packaged rubrics: they load, they are sourced, and they are substantial."""

from __future__ import annotations

from evaluator.rubric.library import default_rubric_set
from tests.conftest import ROOT


def test_packaged_rubrics_load_and_cover_three_dimensions() -> None:
    rubrics = default_rubric_set()
    dimensions = {r.rubric.dimension for r in rubrics.rubrics}
    assert dimensions == {"labor_voice", "policy_space", "redistribution"}


def test_labor_voice_and_policy_space_have_at_least_15_rules() -> None:
    for loaded in default_rubric_set().rubrics:
        if loaded.rubric.dimension in ("labor_voice", "policy_space"):
            assert len(loaded.rubric.rules) >= 15, loaded.rubric.rubric


def test_every_rule_cites_a_full_source_and_explains_itself() -> None:
    for loaded in default_rubric_set().rubrics:
        rubric = loaded.rubric
        for rule in rubric.rules:
            source = rubric.sources[rule.source]
            assert source.title and source.author and source.where
            assert len(rule.rationale.split()) >= 8, rule.id
        unused = set(rubric.sources) - {rule.source for rule in rubric.rules}
        assert not unused, f"{rubric.rubric}: sources never cited: {sorted(unused)}"


def test_every_scale_point_is_sourced_or_an_assumption() -> None:
    for scale in default_rubric_set().scales.scales.values():
        for point in scale.points:
            assert point.source is not None or point.assumption


def test_rubrics_readme_names_every_operator() -> None:
    text = (ROOT / "rubrics" / "README.md").read_text()
    for operator in ("present", "equals", "in", "gte", "lte", "between", "all", "any", "not"):
        assert f"{operator}:" in text
