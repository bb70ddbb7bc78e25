"""Skill matching in teams (Kremer & Maskin): who pairs with whom when borders open.

Teams of two roles; a manager of skill ``qA`` and a worker of skill ``qB`` produce
``f(qA, qB) = qA**2 qB``. The functional form is recalled from Kremer and Maskin's lectures, not
quoted from a paper: label it as such wherever it is shown. Globalisation is modelled as letting
teams form across borders: Southern medium-skill workers join Northern managers, Southern
low-skill workers are left with each other, and Northern low-skill workers lose their Northern
partner. A worker's team output is used as the proxy for their earnings [A].
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: (1 + sqrt 5) / 2, pure mathematics: the skill ratio above which self-matching wins.
GOLDEN_RATIO = (1.0 + math.sqrt(5.0)) / 2.0

#: Exhaustive search over pairings is for small illustrative economies: 12 workers = 10,395.
MAX_WORKERS = 12
#: Outputs are rounded to this many decimals so that float noise never decides a tie.
_DECIMALS = 12


def team_output(manager_skill: npt.ArrayLike, worker_skill: npt.ArrayLike) -> FloatArray:
    """Output of a two-person team, ``qA**2 qB`` (role A is the manager).

    References
    ----------
    Kremer & Maskin (1996), "Wage Inequality and Segregation by Skill", NBER WP 5718; this
    functional form is recalled from their lectures [A: label as such].

    Examples
    --------
    >>> float(team_output(2.0, 1.6))
    6.4
    """
    qa = np.asarray(manager_skill, dtype=np.float64)
    return np.asarray(qa * qa * np.asarray(worker_skill, dtype=np.float64), dtype=np.float64)


def best_team_output(skill_a: npt.ArrayLike, skill_b: npt.ArrayLike) -> FloatArray:
    """Output of a pair with the better of the two role assignments (the abler one manages)."""
    return np.maximum(team_output(skill_a, skill_b), team_output(skill_b, skill_a))


def self_matching_beats_cross(high_skill: npt.ArrayLike, low_skill: npt.ArrayLike) -> BoolArray:
    """Whether teams (h, h) and (l, l) out-produce two mixed teams (h manages l).

    ``h**3 + l**3 > 2 h**2 l`` iff ``(x - 1)(x**2 - x - 1) > 0`` with ``x = h / l``, i.e. iff
    ``h / l`` exceeds the golden ratio ``(1 + sqrt 5)/2 ~ 1.618`` (for ``h > l > 0``).

    References
    ----------
    MODELS.md §5 [D].

    Examples
    --------
    >>> self_matching_beats_cross([1.6, 1.7], 1.0).tolist()
    [False, True]
    """
    h = np.asarray(high_skill, dtype=np.float64)
    low = np.asarray(low_skill, dtype=np.float64)
    return np.asarray(h**3 + low**3 > 2.0 * h * h * low, dtype=np.bool_)


def _pairings(items: tuple[int, ...]) -> Iterator[list[tuple[int, int]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for k, partner in enumerate(rest):
        for tail in _pairings(rest[:k] + rest[k + 1 :]):
            yield [(first, partner), *tail]


def best_pairing(skills: Sequence[float]) -> tuple[float, list[tuple[int, int]]]:
    """Output-maximising split of an even number of workers into pairs (exhaustive search).

    Returns the total output and the pairs as ``(manager index, worker index)``. Meant for the
    small illustrative economies of the brief (at most 12 workers, 10,395 pairings).

    Examples
    --------
    >>> best_pairing([2.0, 1.6, 1.0, 1.0])
    (7.4, [(0, 1), (2, 3)])
    """
    n = len(skills)
    if n % 2 or n == 0 or n > MAX_WORKERS:
        raise ValueError(f"need an even number of workers between 2 and {MAX_WORKERS}, got {n}")
    q = [float(s) for s in skills]
    best: tuple[float, list[tuple[int, int]]] = (-math.inf, [])
    for pairs in _pairings(tuple(range(n))):
        oriented = [(a, b) if q[a] >= q[b] else (b, a) for a, b in pairs]
        total = round(sum(q[a] ** 2 * q[b] for a, b in oriented), _DECIMALS)
        if total > best[0]:
            best = (total, oriented)
    return best


Direction = Literal["rises", "falls", "unchanged"]


@dataclass(frozen=True, slots=True)
class OpeningOutcome:
    """Autarky versus cross-border matching for a North and a South."""

    autarky_output: float
    open_output: float
    open_pairs: list[tuple[str, str]]
    southern_gap_autarky: float
    southern_gap_open: float
    southern_inequality: Direction
    northern_low_skill_team_change: float
    northern_low_skill_exposed: bool


def _team_of(pairs: list[tuple[int, int]], skills: list[float]) -> dict[int, float]:
    return {i: skills[a] ** 2 * skills[b] for a, b in pairs for i in (a, b)}


def _gap(team: dict[int, float], members: list[int]) -> float:
    values = [team[i] for i in members]
    return round(max(values) - min(values), _DECIMALS)


def open_borders(north: dict[str, float], south: dict[str, float]) -> OpeningOutcome:
    """Compare matching within each country with matching across the border.

    Parameters
    ----------
    north, south : dict
        Worker label -> skill, e.g. ``{"H": 2.0, "L": 1.0}``; an even number of workers in each.

    Notes
    -----
    Southern inequality is the gap between the best and worst team output among Southern workers
    (a proxy of ours for their earnings gap [A]); Northern low-skill exposure is the change in the
    team output of the least-skilled Northern worker (negative = exposed) [A].

    References
    ----------
    MODELS.md §5: North ``H=2, L=1``; South ``M=1.6, L=1``: autarky output 6.56, open 7.40 [D].

    Examples
    --------
    >>> out = open_borders({"H": 2.0, "L": 1.0}, {"M": 1.6, "L": 1.0})
    >>> out.autarky_output, out.open_output, out.southern_inequality
    (6.56, 7.4, 'rises')
    """
    n_labels = [f"North {k}" for k in north]
    s_labels = [f"South {k}" for k in south]
    labels = n_labels + s_labels
    skills = [float(v) for v in north.values()] + [float(v) for v in south.values()]
    n_idx = list(range(len(north)))
    s_idx = list(range(len(north), len(labels)))

    out_n, pairs_n = best_pairing(skills[: len(north)])
    out_s, pairs_s = best_pairing(skills[len(north) :])
    autarky_pairs = pairs_n + [(a + len(north), b + len(north)) for a, b in pairs_s]
    open_total, open_pairs = best_pairing(skills)

    team_autarky = _team_of(autarky_pairs, skills)
    team_open = _team_of(open_pairs, skills)
    gap_autarky, gap_open = _gap(team_autarky, s_idx), _gap(team_open, s_idx)
    direction: Direction = (
        "rises" if gap_open > gap_autarky else "falls" if gap_open < gap_autarky else "unchanged"
    )
    weakest_north = min(n_idx, key=lambda i: skills[i])
    change = round(team_open[weakest_north] - team_autarky[weakest_north], _DECIMALS)
    return OpeningOutcome(
        autarky_output=round(out_n + out_s, _DECIMALS),
        open_output=open_total,
        open_pairs=[(labels[a], labels[b]) for a, b in open_pairs],
        southern_gap_autarky=gap_autarky,
        southern_gap_open=gap_open,
        southern_inequality=direction,
        northern_low_skill_team_change=change,
        northern_low_skill_exposed=change < 0,
    )
