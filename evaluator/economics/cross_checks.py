"""Two small models as components: the ACR gains-from-trade check and Kremer-Maskin skill matching.

Neither adds to the national gain: ACR is a cross-check on the tariff triangles, skill matching a
qualitative result on who is matched with whom.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from evaluator.drawing import Draws
from evaluator.economics.component import Again, Run, Settings
from evaluator.economics.gains_from_trade import acr_gain
from evaluator.economics.matching import GOLDEN_RATIO, open_borders
from evaluator.models import Proposal
from evaluator.models.result import Evaluation, Lever, SkillMatchingResult

_PERCENT = 100.0


class GainsFromTrade:
    """Arkolakis, Costinot and Rodriguez-Clare: real income against autarky."""

    name: ClassVar[str] = "gains_from_trade"
    metrics: ClassVar[Mapping[str, str]] = {"gains_from_trade_vs_autarky_pct": "% of real income"}
    methods: ClassVar[tuple[str, ...]] = ()
    references: ClassVar[tuple[str, ...]] = ()
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = ()

    def applies(self, proposal: Proposal) -> bool:
        economy = proposal.economy
        return economy is not None and economy.domestic_expenditure_share is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        assert proposal.economy is not None and proposal.economy.domestic_expenditure_share
        elasticity = draws.parameter("trade_elasticity", needed_at=("economy",))
        share = proposal.economy.domestic_expenditure_share
        return Run(
            metrics={"gains_from_trade_vs_autarky_pct": _PERCENT * acr_gain(share, elasticity)}
        )

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        return []


class SkillMatching:
    """Kremer and Maskin: teams of two roles, and who is matched across borders."""

    name: ClassVar[str] = "matching"
    metrics: ClassVar[Mapping[str, str]] = {}
    references: ClassVar[tuple[str, ...]] = (
        'Kremer, M. and E. Maskin (2006), "Globalization and Inequality", working paper, '
        "Harvard University",
    )
    methods: ClassVar[tuple[str, ...]] = (
        "Skill matching follows Kremer and Maskin: teams of two roles with output qA^2 qB (the "
        "functional form is recalled from their lectures). Workers of two skills h > l do better "
        "matched with their own kind than across iff h/l exceeds the golden ratio, about 1.618. "
        "Cross-border teams pair Southern medium-skill workers with Northern managers, leave "
        "Southern low-skill workers behind and expose Northern low-skill workers to competition.",
    )
    assumptions: ClassVar[tuple[Mapping[str, str], ...]] = ()

    def applies(self, proposal: Proposal) -> bool:
        return proposal.skill_matching is not None

    def run(self, proposal: Proposal, draws: Draws, settings: Settings) -> Run:
        section = proposal.skill_matching
        assert section is not None
        out = open_borders(section.north, section.south)
        south = list(section.south.values())
        result = SkillMatchingResult(
            autarky_output=out.autarky_output,
            open_output=out.open_output,
            open_pairs=out.open_pairs,
            southern_inequality=out.southern_inequality,
            northern_low_skill_exposed=out.northern_low_skill_exposed,
            south_self_matching=max(south) / min(south) > GOLDEN_RATIO,
        )
        return Run(fills={"skill_matching": result})

    def levers(self, proposal: Proposal, run: Run, base: Evaluation, again: Again) -> list[Lever]:
        return []
