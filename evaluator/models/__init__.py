"""Pydantic models of proposals. Imports nothing else from the package."""

from evaluator.models.chapters import (
    AdjustmentAssistance,
    CapitalAccount,
    IntellectualProperty,
    Investment,
    Labor,
    PolicySpace,
    Regulation,
    SkillMatching,
)
from evaluator.models.common import CrossFieldError, Economy, ParameterValue, Range, Source
from evaluator.models.mobility import ForcedSavings, Mobility, Origin, QuotaAdjustment, VisaLength
from evaluator.models.proposal import (
    SECTIONS,
    Proposal,
    cross_field_problems,
    proposal_notes,
)
from evaluator.models.tariffs import TARIFF_LINE_COLUMNS, TariffLine, Tariffs

__all__ = [
    "SECTIONS",
    "TARIFF_LINE_COLUMNS",
    "AdjustmentAssistance",
    "CapitalAccount",
    "CrossFieldError",
    "Economy",
    "ForcedSavings",
    "IntellectualProperty",
    "Investment",
    "Labor",
    "Mobility",
    "Origin",
    "ParameterValue",
    "PolicySpace",
    "Proposal",
    "QuotaAdjustment",
    "Range",
    "Regulation",
    "SkillMatching",
    "Source",
    "TariffLine",
    "Tariffs",
    "VisaLength",
    "cross_field_problems",
    "proposal_notes",
]
