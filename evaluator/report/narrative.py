"""The brief's words: the bottom line, the PCBR explanation, recommendations and methods.

Sentences are chosen and filled from the evaluation; nothing is written by hand per proposal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from evaluator.basis_text import no_change, other_basis_line
from evaluator.formatting import fixed, money, percent, ratio
from evaluator.models.result import Evaluation
from evaluator.recommend import moved
from evaluator.rendering import dimension_words
from evaluator.report.typeset import MINUS

if TYPE_CHECKING:
    from evaluator.economics.component import Component

MAX_RECOMMENDATIONS = 10

_GENERAL_METHODS = (
    "Uncertain inputs are drawn by Monte Carlo; every number is a mean with a 90% band (5th "
    "to 95th percentile). Draws are keyed by the input's name, so proposals compared with the "
    "same seed share them.",
    "Efficiency and redistribution are placed on 0-100 scales by reference points from the "
    "literature; labor voice and national policy space are rubrics of provisions, each rule "
    "with its source. What a text does not settle is neither rewarded nor penalised: it "
    "widens the score's range.",
)

_GENERAL_ASSUMPTIONS: tuple[dict[str, str], ...] = (
    {
        "name": "Uniform ranges",
        "value": "uniform between low and high",
        "why": "No source gives a distribution inside the ranges it cites.",
    },
    {
        "name": "Weights",
        "value": "the chosen profile",
        "why": "Weights are value judgements; only their ratios matter.",
    },
)


def _components() -> tuple[Component, ...]:
    from evaluator.evaluation import COMPONENTS  # the conductor's registry, read lazily

    return COMPONENTS


def model_paragraphs(used: set[str]) -> list[str]:
    """The methods paragraphs of the models an evaluation ran, then the general ones."""
    return [p for c in _components() if c.name in used for p in c.methods] + list(_GENERAL_METHODS)


def model_references(used: set[str]) -> list[str]:
    """The works the methods paragraphs of the models an evaluation ran cite, once each."""
    return list(dict.fromkeys(w for c in _components() if c.name in used for w in c.references))


def model_assumptions(used: set[str]) -> list[Mapping[str, str]]:
    """The modelling choices of the models an evaluation ran, then the general ones."""
    own = [row for c in _components() if c.name in used for row in c.assumptions]
    return [*own, *_GENERAL_ASSUMPTIONS]


WHO_ELSE = {
    "trade_agreement": "partner countries and the rest of the world included",
    "visa_scheme": "the migrants included",
    "mixed": "migrants and partner countries included",
}


def _basis_words(evaluation: Evaluation) -> str:
    if evaluation.basis == "national":
        return "only the gains of its own residents (the national basis)"
    national, world = evaluation.bases.get("national"), evaluation.bases.get("global")
    if national is not None and world is not None and national.gain_usd == world.gain_usd:
        return (
            "everyone's gains (the global basis; no partner's gain is estimated here, so it "
            "equals the national basis)"
        )
    others = WHO_ELSE.get(evaluation.proposal.kind, "everyone included")
    return f"everyone's gains (the global basis: {others})"


def models_used(evaluation: Evaluation) -> set[str]:
    """The economic models an evaluation ran, plus ``all``: which methods text applies."""
    used = {"all"}
    if evaluation.tariff_chart is not None:
        used.add("tariffs")
    if evaluation.origins:
        used.add("mobility")
    if evaluation.skill_matching is not None:
        used.add("matching")
    if evaluation.general_equilibrium is not None:
        used.add("general_equilibrium")
    return used


def _sign(value: float, digits: int = 0) -> str:
    return fixed(value, f"+.{digits}f").replace("-", MINUS)


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
    # A rubric score that is its baseline, with no provision earning or costing a point, is a
    # default and not a strength or weakness of the text.
    scored = {d: s for d, s in scored.items() if s.basis == "scale" or s.earned}
    if len(scored) >= 2:
        best = max(scored, key=lambda d: scored[d].score)
        worst = min(scored, key=lambda d: scored[d].score)
        sentences.append(
            f"It is strongest on {dimension_words(best)} ({scored[best].score:.0f}) "
            f"and weakest on {dimension_words(worst)} ({scored[worst].score:.0f})."
        )
    gain = evaluation.metrics.get("efficiency_gain_usd")
    share = evaluation.metrics.get("efficiency_gain_pct_gdp")
    pcbr = evaluation.metrics.get("pcbr")
    block = evaluation.bases.get(evaluation.basis)
    if gain is not None and share is not None:
        model = (
            " in Caliendo and Parro's general-equilibrium model"
            if evaluation.general_equilibrium is not None
            else ""
        )
        who = _basis_words(evaluation)
        text = (
            f"Counting {who}, its net gain{model} is about {money(gain.mean)} a year "
            f"({percent(share.mean)} of {info.evaluated_for}'s GDP)"
        )
        if pcbr is not None:
            text += (
                f", and it reshuffles about {ratio(pcbr.mean)} dollars of income for every "
                "dollar of that gain."
            )
        elif block is not None and no_change(block):
            text = (
                f"Counting {who}, the proposal changes nothing the models measure: its net gain "
                "is exactly zero and no income is reshuffled, so there is no political "
                "cost-benefit ratio and redistribution is not assessed."
            )
        else:
            text += ", but the gain is not positive in every draw, so income is reshuffled "
            text += "without a reliable gain."
        sentences.append(text)
        other = other_basis_line(evaluation)
        if other is not None:
            sentences.append(other)
    confidence = confidence_sentence(evaluation)
    if confidence:
        sentences.append(confidence)
    mover = _mover(evaluation)
    if mover:
        sentences.append(mover)
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


def _grouped(inputs: list[str]) -> str:
    """``["Quota, BOL (illustrative)", "Quota, JAM (illustrative)", "Competing workforce
    (illustrative)"]`` -> ``"the quota (BOL, JAM) and the competing workforce"``."""
    groups: dict[str, list[str]] = {}
    for item in inputs:
        label = item.rsplit(" (", 1)[0]
        kind, _, which = label.partition(", ")
        groups.setdefault(kind.lower(), [])
        if which:
            groups[kind.lower()].append(which)
    names = [f"the {k} ({', '.join(v)})" if v else f"the {k}" for k, v in groups.items()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _mover(evaluation: Evaluation) -> str | None:
    """The uncertain input that moves the overall score most, if it moves it by a point."""
    for drivers in evaluation.drivers:
        if drivers.output != "overall" or not drivers.swings:
            continue
        top = drivers.swings[0]
        if abs(top.high - top.low) < 1.0:
            return None
        name, _, which = top.input.partition(".")
        words = name.replace("_usd", "").replace("_", " ") + (f" ({which})" if which else "")
        return (
            f"What moves the overall score most is the {words}: from {top.low:.0f} at its 5th "
            f"percentile to {top.high:.0f} at its 95th."
        )
    return None


def confidence_sentence(evaluation: Evaluation) -> str | None:
    """What the headline figures rest on: low confidence when an input they scale with is
    illustrative or not stated, medium when only assumptions, high when all are sourced."""
    if not evaluation.reliance:
        return None
    weak = {r.figure: r.weak_inputs for r in evaluation.reliance}
    every = [i for inputs in weak.values() for i in inputs]
    if not every:
        figures = " and the ".join(weak)
        return f"Confidence: high. The {figures} rest on sourced inputs only."
    level = "medium" if all(i.endswith("(assumption)") for i in every) else "low"
    parts = []
    for figure, inputs in weak.items():
        if inputs:
            parts.append(f"the {figure} rests on inputs that are not sourced: {_grouped(inputs)}")
        else:
            parts.append(f"the {figure} rests on sourced inputs")
    text = "; ".join(parts)
    return f"Confidence: {level}. {text[0].upper()}{text[1:]} (see Inputs and their basis)."


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


KIND_WORDS = {
    "provision": "add to the text",
    "remove_provision": "take out of the text",
    "model_lever": "change the commitments",
}


def _changes(changes: dict[str, float]) -> str:
    return "; ".join(f"{_sign(c, 1)} {dimension_words(d)}" for d, c in moved(changes).items())


def recommendations(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The re-scored recommendations, largest overall change first (``evaluation.recommendations``):
    every printed change is the difference between the proposal and the proposal with that one
    edit, evaluated with the same draws."""
    items = []
    for rec in evaluation.recommendations[:MAX_RECOMMENDATIONS]:
        overall = rec.overall_change
        items.append(
            {
                "title": rec.title,
                "change": _changes(rec.dimension_changes),
                "overall_change": f"{_sign(overall, 1)} overall" if overall is not None else "",
                "text": rec.text,
                "source": rec.source,
                "kind": KIND_WORDS[rec.kind],
            }
        )
    return items


def best_combination(evaluation: Evaluation) -> dict[str, str] | None:
    """The best two or three edits together, re-scored, in words."""
    combo = evaluation.best_combination
    if combo is None or combo.overall_change is None:
        return None
    return {
        "titles": "; ".join(combo.titles),
        "change": _changes(combo.dimension_changes),
        "overall_change": f"{_sign(combo.overall_change, 1)} overall",
    }
