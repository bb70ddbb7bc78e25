"""Rule chapters that the rubrics score: investment, IP, labor, capital account, regulation and
the room an agreement leaves for national policy.

A field left out means "the text does not settle it": rubrics neither reward nor penalise it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from evaluator.models.common import CrossFieldError, Fraction, Frozen, Path, SourceRef

Standing = Literal["governments", "unions", "ngos", "workers"]
Harmonization = Literal[
    "sps", "tbt", "services", "financial", "procurement", "digital", "environment", "labor"
]


class Investment(Frozen):
    """Investment chapter: investor protections and how they are enforced."""

    isds: bool = Field(
        description=(
            "Whether foreign investors can sue the state before international arbitration "
            "(investor-state dispute settlement), including an investment court."
        )
    )
    isds_scope: Literal["none", "narrow", "broad"] | None = Field(
        default=None,
        description=(
            "What investors may claim: narrow (e.g. direct expropriation, post-establishment "
            "only) or broad (fair and equitable treatment, indirect expropriation, "
            "pre-establishment)."
        ),
    )
    investment_court: bool | None = Field(
        default=None,
        description="Claims go to a permanent tribunal with appointed judges and an appeal.",
    )
    labor_or_consumer_standing: bool | None = Field(
        default=None,
        description="Labor or consumer groups can bring cases the way investors can.",
    )
    right_to_regulate: bool | None = Field(
        default=None, description="An explicit clause preserving the state's right to regulate."
    )
    fair_and_equitable_treatment: Literal["none", "qualified", "unqualified"] | None = Field(
        default=None,
        description="Fair-and-equitable-treatment standard: absent, a closed list, or open-ended.",
    )
    performance_requirements_banned: bool | None = Field(
        default=None,
        description="Bans on requiring local content, technology transfer or export shares.",
    )
    sunset_years: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Years investor protections survive after a party withdraws.",
    )

    @model_validator(mode="after")
    def _scope_needs_isds(self) -> Investment:
        if not self.isds and self.isds_scope not in (None, "none"):
            message = (
                f"isds_scope is {self.isds_scope!r} but isds is false: set isds: true "
                "or drop isds_scope"
            )
            raise CrossFieldError([(("isds_scope",), message)])
        return self


class IntellectualProperty(Frozen):
    """Intellectual-property terms beyond the WTO TRIPS minimum."""

    trips_plus: bool = Field(description="Whether the chapter goes beyond TRIPS obligations.")
    patent_term_extension: bool | None = Field(
        default=None, description="Patent terms extended for regulatory or office delays."
    )
    data_exclusivity_years: float | None = Field(
        default=None, ge=0, le=50, description="Years of test-data exclusivity for medicines."
    )
    biologics_exclusivity_years: float | None = Field(
        default=None, ge=0, le=50, description="Years of data exclusivity for biologics."
    )
    patent_linkage: bool | None = Field(
        default=None, description="Drug approval linked to patent status."
    )
    compulsory_licensing_preserved: bool | None = Field(
        default=None, description="TRIPS compulsory-licensing flexibilities kept intact."
    )
    copyright_term_years: float | None = Field(
        default=None, ge=0, le=200, description="Copyright term after the author's death, years."
    )


class AdjustmentAssistance(Frozen):
    """Help for workers displaced by the agreement."""

    included: bool = Field(description="Whether the agreement comes with adjustment assistance.")
    coverage_share: Fraction | None = Field(
        default=None, description="Share of displaced workers who actually receive it (0-1)."
    )
    wage_insurance: bool | None = Field(
        default=None, description="Tops up the wages of workers re-employed at lower pay."
    )


class Labor(Frozen):
    """Labor chapter: rights, enforcement and who has a voice."""

    chapter: Literal["none", "side_agreement", "chapter"] = Field(
        description="Labor provisions: none, a side agreement, or a chapter of the agreement."
    )
    enforceable: bool | None = Field(
        default=None,
        description="Labor obligations go to binding dispute settlement with remedies.",
    )
    ilo_core_conventions: bool | None = Field(
        default=None,
        description="Parties commit to the ILO core conventions (1998 Declaration rights).",
    )
    labor_at_negotiating_table: bool | None = Field(
        default=None, description="Unions or worker representatives took part in negotiations."
    )
    complaint_standing: tuple[Standing, ...] = Field(
        default=(), description="Who can file a labor complaint."
    )
    sanctions: Literal["none", "consultations", "fines", "trade_sanctions"] | None = Field(
        default=None, description="The strongest remedy for a labor violation."
    )
    rapid_response: bool | None = Field(
        default=None,
        description="Facility-specific rapid-response mechanism (as in USMCA Annex 31-A).",
    )
    adjustment_assistance: AdjustmentAssistance | None = Field(
        default=None, description="Adjustment assistance for displaced workers."
    )

    @model_validator(mode="after")
    def _chapter_needed(self) -> Labor:
        if self.chapter == "none" and self.enforceable:
            message = "enforceable is true but chapter is 'none': there is nothing to enforce"
            raise CrossFieldError([(("enforceable",), message)])
        return self


class CapitalAccount(Frozen):
    """Rules on cross-border capital flows."""

    liberalization: Literal["none", "partial", "full"] = Field(
        description="How far the agreement frees capital flows."
    )
    capital_controls_permitted: bool | None = Field(
        default=None, description="Parties may impose capital controls."
    )
    prudential_carve_out: bool | None = Field(
        default=None, description="Prudential financial regulation is exempt."
    )
    balance_of_payments_safeguard: bool | None = Field(
        default=None, description="Temporary restrictions allowed in a balance-of-payments crisis."
    )


class Regulation(Frozen):
    """Regulatory harmonisation and its exceptions."""

    harmonization: tuple[Harmonization, ...] = Field(
        default=(), description="Areas where parties must align their regulations."
    )
    public_interest_exceptions: bool | None = Field(
        default=None,
        description="General exceptions for health, environment and public morals (GATT XX).",
    )
    regulatory_cooperation_body: bool | None = Field(
        default=None, description="A standing body that reviews new regulations."
    )


MAX_MATCHED_WORKERS = 12
"""Northern and Southern workers together, at most: the matching model tries every pairing of
them (12 workers have 10,395; 14 would have 135,135), so the illustrative economies stay small.
Equal to ``evaluator.economics.matching.MAX_WORKERS`` (a test keeps them equal)."""


class SkillMatching(Frozen):
    """Workers' skill levels in a North and a South, for the Kremer-Maskin matching model."""

    north: dict[str, Annotated[float, Field(gt=0, le=1e6)]] = Field(
        min_length=2,
        description=(
            "Northern workers by label and skill, an even number of them, e.g. {H: 2.0, L: 1.0}."
        ),
    )
    south: dict[str, Annotated[float, Field(gt=0, le=1e6)]] = Field(
        min_length=2,
        description="Southern workers by label and skill, an even number, e.g. {M: 1.6, L: 1.0}.",
    )
    source: SourceRef | None = Field(
        default=None, description="Id of the entry in `sources` for these skill levels."
    )

    @model_validator(mode="after")
    def _even(self) -> SkillMatching:
        problems: list[tuple[Path, str]] = []
        for side in ("north", "south"):
            workers = getattr(self, side)
            if len(workers) % 2:
                problems.append(
                    ((side,), f"{len(workers)} workers: teams are pairs, give an even number")
                )
        total = len(self.north) + len(self.south)
        if total > MAX_MATCHED_WORKERS:
            message = (
                f"{total} workers in north and south together: the matching model tries every "
                f"pairing, so it takes at most {MAX_MATCHED_WORKERS}"
            )
            problems.append((("south",), message))
        if problems:
            raise CrossFieldError(problems)
        return self


class PolicySpace(Frozen):
    """Room left for national economic and social policy."""

    industrial_policy_limits: bool | None = Field(
        default=None, description="Disciplines on subsidies and industrial policy beyond the WTO's."
    )
    local_content_allowed: bool | None = Field(
        default=None, description="Local-content and other performance requirements stay allowed."
    )
    social_dumping_safeguard: bool | None = Field(
        default=None,
        description="A safeguard against imports made under egregious labor-rights violations.",
    )
    exit_clause: bool | None = Field(default=None, description="A party may withdraw on notice.")
    review_clause_years: float | None = Field(
        default=None, gt=0, le=100, description="Years between mandatory joint reviews."
    )
    safeguard_mechanism: bool | None = Field(
        default=None, description="Emergency safeguards against import surges."
    )
