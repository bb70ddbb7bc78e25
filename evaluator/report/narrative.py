"""The brief's words: the bottom line, the PCBR explanation, recommendations and methods.

Sentences are chosen and filled from the evaluation; nothing is written by hand per proposal.
"""

from __future__ import annotations

from typing import Any

from evaluator.formatting import money, percent, ratio
from evaluator.models.result import Evaluation
from evaluator.rendering import DIMENSION_LABELS

MINUS = "\u2212"
MAX_RECOMMENDATIONS = 10

MODEL_PARAGRAPHS: tuple[tuple[str, str], ...] = (
    (
        "tariffs",
        "Tariff lines are scored with a partial-equilibrium model of a small open economy: for "
        "each line, imports at world prices M0, the tariff before (t0) and after (t1) and an "
        "import-demand elasticity e give trade creation dM = M0 e (t0 - t1)/(1 + t0) and the "
        "efficiency gain E = (t0 - t1) dM / 2 + t1 dM (Harberger triangles; a constant-elasticity "
        "option is exact for large cuts). Redistribution is the losers' gross loss: tariff revenue "
        "lost on the old volume plus the import-competing producers' loss (t0 - t1)/(1 + t0) S0.",
    ),
    (
        "tariffs",
        "The political cost-benefit ratio (PCBR, Rodrik 1992) divides the income reshuffled by "
        "the net efficiency gain. Because the gain grows with the square of the tariff and the "
        "reshuffling only linearly, cutting low tariffs reshuffles many dollars per dollar gained: "
        "with full removal PCBR = 2(1 + t)/(e t).",
    ),
    (
        "mobility",
        "Visa schemes are scored through the place premium R (the host wage over the home wage "
        "for the same worker; Clemens, Montenegro and Pritchett): migrants gain (R - 1) times "
        "their home wage; competing natives' wages change by eps_w s, with s the migrant stock "
        "over the competing workforce and eps_w between -0.4 (Borjas 2003, capital fixed) and 0 "
        "(Card 1990; Ottaviano and Peri 2012); natives keep an immigration surplus (Borjas 1995). "
        "The PCBR of a scheme is the natives' wage loss per dollar of net gain.",
    ),
    (
        "matching",
        "Skill matching follows Kremer and Maskin: teams of two roles with output qA^2 qB (the "
        "functional form is recalled from their lectures). Workers of two skills h > l do better "
        "matched with their own kind than across iff h/l exceeds the golden ratio, about 1.618. "
        "Cross-border teams pair Southern medium-skill workers with Northern managers, leave "
        "Southern low-skill workers behind and expose Northern low-skill workers to competition.",
    ),
    (
        "all",
        "Uncertain inputs are drawn by Monte Carlo; every number is a mean with a 90% band (5th "
        "to 95th percentile). Draws are keyed by the input's name, so proposals compared with the "
        "same seed share them.",
    ),
    (
        "all",
        "Efficiency and redistribution are placed on 0-100 scales by reference points from the "
        "literature; labor voice and national policy space are rubrics of provisions, each rule "
        "with its source. What a text does not settle is neither rewarded nor penalised: it "
        "widens the score's range.",
    ),
)
"""The methods paragraphs, each for the model it describes (``all``: every brief)."""

ASSUMPTIONS: tuple[dict[str, str], ...] = (
    {
        "model": "tariffs",
        "name": "Shared elasticity draw",
        "value": "one draw for all lines",
        "why": "How elastic demand is, is one unknown for the whole economy; independent draws "
        "per line would average the uncertainty away.",
    },
    {
        "model": "all",
        "name": "Uniform ranges",
        "value": "uniform between low and high",
        "why": "No source gives a distribution inside the ranges it cites.",
    },
    {
        "model": "mobility",
        "name": "Visa rotation",
        "value": "stock = quota x visa length",
        "why": "Cohort accounting once the rotation is full; overstayers are reported, not added "
        "to the supply shock.",
    },
    {
        "model": "mobility",
        "name": "Return-linked quotas",
        "value": "quota x min(1, return / target)^k",
        "why": "A quota shrinks when returns fall short of the target and never grows past the "
        "proposal's.",
    },
    {
        "model": "tariffs",
        "name": "Phase-in",
        "value": "equal annual steps",
        "why": "Staged cuts are spread evenly over the stated years.",
    },
    {
        "model": "all",
        "name": "Weights",
        "value": "the chosen profile",
        "why": "Weights are value judgements; only their ratios matter.",
    },
)
"""The tool's own modelling choices, each for the model it applies to."""


def models_used(evaluation: Evaluation) -> set[str]:
    """The economic models an evaluation ran, plus ``all``: which methods text applies."""
    used = {"all"}
    if evaluation.tariff_chart is not None:
        used.add("tariffs")
    if evaluation.origins:
        used.add("mobility")
    if evaluation.skill_matching is not None:
        used.add("matching")
    return used


def _sign(value: float, digits: int = 0) -> str:
    return f"{value:+.{digits}f}".replace("-", MINUS)


def bottom_line(evaluation: Evaluation) -> list[str]:
    """Three to five sentences, from the results."""
    info = evaluation.proposal
    sentences = []
    overall = evaluation.overall
    if overall is not None:
        sentences.append(
            f"{info.title} scores {overall.score:.0f} out of 100 overall under the "
            f"{overall.profile} weights (range {overall.p05:.0f} to {overall.p95:.0f})."
        )
    scored = {d: s for d, s in evaluation.dimensions.items() if s is not None}
    if len(scored) >= 2:
        best = max(scored, key=lambda d: scored[d].score)
        worst = min(scored, key=lambda d: scored[d].score)
        sentences.append(
            f"It is strongest on {DIMENSION_LABELS[best].lower()} ({scored[best].score:.0f}) "
            f"and weakest on {DIMENSION_LABELS[worst].lower()} ({scored[worst].score:.0f})."
        )
    gain = evaluation.metrics.get("efficiency_gain_usd")
    share = evaluation.metrics.get("efficiency_gain_pct_gdp")
    pcbr = evaluation.metrics.get("pcbr")
    if gain is not None and share is not None:
        text = (
            f"Its efficiency gain is about {money(gain.mean)} a year "
            f"({percent(share.mean)} of {info.evaluated_for}'s GDP)"
        )
        if pcbr is not None:
            text += (
                f", and it reshuffles about {ratio(pcbr.mean)} dollars of income for every "
                "dollar of that gain."
            )
        else:
            text += ", but the gain is not positive in every draw, so income is reshuffled "
            text += "without a reliable gain."
        sentences.append(text)
    losers = [g for g in evaluation.winners_losers if g.effect_usd.mean < 0]
    if losers:
        loser = min(losers, key=lambda g: g.effect_usd.mean)
        sentences.append(
            f"The largest losers are {loser.group.lower()}, about "
            f"{money(-loser.effect_usd.mean)} a year."
        )
    top = recommendations(evaluation)[:1]
    if top:
        item = top[0]
        gain_text = item["overall_change"] or item["change"]
        sentences.append(
            f"The change that would raise its score most: {item['title']} ({gain_text})."
        )
    return sentences


def pcbr_paragraphs(evaluation: Evaluation) -> list[str]:
    """What the PCBR says for this proposal, against the scale's sourced reference points."""
    paragraphs = []
    pcbr = evaluation.metrics.get("pcbr")
    redistribution = evaluation.metrics.get("redistribution_usd")
    if pcbr is not None and redistribution is not None:
        paragraphs.append(
            f"The proposal reshuffles about {money(redistribution.mean)} of income a year, "
            f"{ratio(pcbr.mean)} dollars for every dollar of net gain (90% band "
            f"{ratio(pcbr.p05)} to {ratio(pcbr.p95)})."
        )
    for finding in evaluation.findings:
        if finding.rubric == "scales":
            paragraphs.append(f"On the {finding.dimension} scale: {finding.rationale}")
    return paragraphs


def recommendations(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Missed provisions and model levers, by how much they would raise the overall score."""
    weights = evaluation.overall.weights if evaluation.overall is not None else {}
    items: list[tuple[float, dict[str, Any]]] = []
    for o in evaluation.opportunities:
        if o.score_change <= 0:
            continue
        overall = weights.get(o.dimension, 0.0) * o.score_change
        items.append(
            (
                overall,
                {
                    "title": o.title,
                    "change": f"{_sign(o.score_change)} {DIMENSION_LABELS[o.dimension].lower()}",
                    "overall_change": f"{_sign(overall, 1)} overall" if weights else "",
                    "text": o.recommendation or "",
                    "source": o.source,
                    "kind": "provision",
                },
            )
        )
    for lever in evaluation.levers:
        changes = {d: c for d, c in lever.dimension_changes.items() if abs(c) >= 0.05}
        if not changes or (lever.overall_change or 0.0) <= 0:
            continue
        items.append(
            (
                lever.overall_change or 0.0,
                {
                    "title": lever.title,
                    "change": "; ".join(
                        f"{_sign(c, 1)} {DIMENSION_LABELS[d].lower()}" for d, c in changes.items()
                    ),
                    "overall_change": f"{_sign(lever.overall_change or 0.0, 1)} overall",
                    "text": lever.description,
                    "source": "",
                    "kind": "model lever",
                },
            )
        )
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items[:MAX_RECOMMENDATIONS]]
