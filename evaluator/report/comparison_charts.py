"""Charts for the comparison brief, as SVG made with the brief's drawing kit.

Three charts: every alternative's scores with their bands, dimension by dimension; the matrix of
paired win probabilities for the overall score beside each alternative's probability of ranking
first; and the robustness to weights (the share of random weightings under which each ranks
first, and the overall score under each named profile). Alternatives are named ``[1]``, ``[2]``,
... (their titles are in the page's legend, never in the chart) and told apart by marker shape
and fill, so the charts read in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from evaluator.report.figure import (
    ACCENT,
    DARK,
    DIMENSION_CHARS,
    FAINT,
    INK,
    LIGHT,
    MID,
    Band,
    clean_label,
    no_data,
    render_svg,
    same_length,
    whiskers,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h")
FILLS = (INK, "white", LIGHT)
"""Marker face per alternative, cycling with the shapes: 30 distinct looks before a repeat."""
_DARK_CELL = 0.55  # above this probability a cell is dark enough for white text


def _tag(index: int) -> str:
    return f"[{index + 1}]"


def _style(index: int) -> dict[str, object]:
    return {
        "marker": MARKERS[index % len(MARKERS)],
        "markerfacecolor": FILLS[(index // len(MARKERS) + index) % len(FILLS)],
        "markeredgecolor": INK,
        "markeredgewidth": 0.7,
        "markersize": 4.5,
    }


def alternatives_scores_chart(
    scores: Sequence[Mapping[str, Band | None]], labels: Mapping[str, str]
) -> str:
    """Dot-and-whisker of every alternative's score (mean, p05-p95) on each criterion.

    ``scores`` holds one mapping per alternative, criterion to (mean, p05, p95) or None where
    it does not apply; ``labels`` names the criteria in order (its keys set the rows).

    >>> alternatives_scores_chart([{"efficiency": (40.0, 30.0, 50.0)}] * 2, {"efficiency": "E"})[:4]
    '<svg'
    """
    criteria = list(labels)
    if not scores or not criteria:
        return no_data("No scores")
    for band in (b for row in scores for b in row.values() if b is not None):
        if not all(math.isfinite(value) for value in band):
            raise ValueError(f"alternatives_scores_chart: a score is not finite: {band}")
    count = len(scores)
    step = 1.0 / (count + 1)

    def paint(figure: Figure) -> None:
        ax = figure.add_subplot()
        for group, criterion in enumerate(criteria):
            if group % 2:
                ax.axhspan(group - 0.5, group + 0.5, color=FAINT, linewidth=0, zorder=0)
            for index, row in enumerate(scores):
                y = group - 0.5 + step * (index + 1)
                band = row.get(criterion)
                if band is None:
                    ax.text(1.0, y, "n/a", va="center", fontsize=6, color=MID)
                    continue
                mean, low, high = (min(100.0, max(0.0, value)) for value in band)
                ax.errorbar(
                    [mean],
                    [y],
                    xerr=whiskers([(mean, low, high)]),
                    fmt="none",
                    ecolor=DARK,
                    elinewidth=0.8,
                    capsize=1.5,
                    capthick=0.8,
                )
                ax.plot([mean], [y], linestyle="none", **_style(index))  # type: ignore[arg-type]
        names = [clean_label(labels[c], DIMENSION_CHARS) for c in criteria]
        ax.set_yticks(range(len(criteria)), names)
        if criteria[-1] == "overall":
            ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.set_ylim(len(criteria) - 0.5, -0.5)
        ax.set_xlim(-2, 102)
        ax.set_xticks(range(0, 101, 20))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=LIGHT, linewidth=0.5)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Score, 0–100 (dot: mean; whiskers: 5th–95th percentile)")
        ax.set_title("Scores of each alternative by dimension")
        handles = [
            ax.plot([], [], linestyle="none", label=_tag(i), **_style(i))[0]  # type: ignore[arg-type]
            for i in range(count)
        ]
        _marker_legend(figure, handles)

    height = 2.4 + len(criteria) * max(0.8, 0.24 * (count + 1))
    return render_svg(
        "compare-scores",
        ([dict(row) for row in scores], dict(labels)),
        height,
        paint,
        constrained=True,
    )


def win_matrix_chart(beats: Sequence[Sequence[float | None]], first: Sequence[float | None]) -> str:
    """The overall win probabilities (row beats column) in greys, beside P(first overall).

    >>> win_matrix_chart([[0.5, 0.9], [0.1, 0.5]], [0.9, 0.1])[:4]
    '<svg'
    """
    count = len(beats)
    same_length("win_matrix_chart", beats=beats, first=first)
    if count == 0:
        return no_data("No alternatives")
    if any(len(row) != count for row in beats):
        raise ValueError("win_matrix_chart: the matrix must be square")
    cells = [p for row in beats for p in row if p is not None] + [p for p in first if p is not None]
    if not all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in cells):
        raise ValueError("win_matrix_chart: probabilities must lie in [0, 1]")

    def paint(figure: Figure) -> None:
        import numpy as np

        ax, bars = figure.subplots(1, 2, width_ratios=[3.0, 2.0])
        from matplotlib import colormaps

        values = np.array(
            [
                [np.nan if p is None or a == b else p for b, p in enumerate(row)]
                for a, row in enumerate(beats)
            ]
        )
        greys = colormaps["Greys"].with_extremes(bad="white")
        edges = np.arange(count + 1) - 0.5
        # Vector cells (not imshow, which SVG embeds as a bitmap).
        ax.pcolormesh(
            edges,
            edges,
            np.ma.masked_invalid(values),
            cmap=greys,
            vmin=0.0,
            vmax=1.0,
            edgecolors="white",
            linewidth=1.5,
        )
        ax.set_xlim(-0.5, count - 0.5)
        ax.set_ylim(count - 0.5, -0.5)
        size = 7.0 if count <= 6 else 5.5
        for a in range(count):
            for b in range(count):
                p = beats[a][b]
                if a == b or p is None:
                    ax.text(b, a, "–" if a == b else "n/a", ha="center", va="center", color=MID)
                    continue
                colour = "white" if p > _DARK_CELL else INK
                ax.text(b, a, f"{p:.2f}", ha="center", va="center", color=colour, fontsize=size)
        tags = [_tag(i) for i in range(count)]
        ax.set_xticks(range(count), tags)
        ax.set_yticks(range(count), tags)
        ax.xaxis.set_ticks_position("top")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_ylabel("row …")
        ax.set_xlabel("… beats column (probability, overall score)")
        ax.set_title("Who beats whom, overall", pad=16)
        _share_bars(bars, first, "P(first overall)")
        bars.set_title("Probability of ranking first", pad=16)

    key = ([list(row) for row in beats], list(first))
    return render_svg("compare-wins", key, 3.4 + 0.75 * count, paint, constrained=True)


def _marker_legend(figure: Figure, handles: list[Any]) -> None:
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), 10),
        handlelength=1.0,
        columnspacing=1.2,
    )


def _share_bars(ax: Axes, shares: Sequence[float | None], label: str) -> None:
    """Horizontal bars of shares in [0, 1], one per alternative, the value printed beside."""
    rows = range(len(shares))
    for row, share in zip(rows, shares, strict=True):
        if share is None:
            ax.text(0.02, row, "n/a", va="center", color=MID)
            continue
        ax.barh(row, share, height=0.6, color=ACCENT, edgecolor=INK, linewidth=0.6)
        ax.text(share + 0.02, row, f"{share:.0%}", va="center", fontsize=7)
    ax.set_yticks(list(rows), [_tag(i) for i in rows])
    ax.set_ylim(len(shares) - 0.5, -0.5)
    ax.set_xlim(0, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"])
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color=FAINT, linewidth=0.8)
    ax.set_xlabel(label)


def robustness_chart(
    first_share: Sequence[float | None], profiles: Mapping[str, Sequence[float | None]]
) -> str:
    """Share of random weightings in which each alternative ranks first, and the overall score
    of each under every named weight profile.

    >>> robustness_chart([0.7, 0.3], {"balanced": [60.0, 55.0]})[:4]
    '<svg'
    """
    count = len(first_share)
    if count == 0:
        return no_data("No alternatives")
    for name, scores in profiles.items():
        if len(scores) != count:
            raise ValueError(f"robustness_chart: profile {name!r} has {len(scores)} scores")
    names = [clean_label(name.replace("_", " "), DIMENSION_CHARS) for name in profiles]

    def paint(figure: Figure) -> None:
        bars, dots = figure.subplots(1, 2, width_ratios=[2.0, 3.0])
        _share_bars(bars, first_share, "Share of random weightings")
        bars.set_title("First under random weights", pad=16)
        for row, scores in enumerate(profiles.values()):
            for index, score in enumerate(scores):
                if score is not None:  # each alternative on its own line within the row: ties
                    y = row - 0.3 + 0.6 * (index + 0.5) / count  # stay distinguishable
                    dots.plot([score], [y], linestyle="none", **_style(index))
        dots.set_yticks(range(len(names)), names)
        dots.set_ylim(len(names) - 0.5, -0.5)
        dots.set_xlim(-2, 102)
        dots.set_xticks(range(0, 101, 20))
        dots.tick_params(axis="y", length=0)
        dots.grid(axis="x", color=FAINT, linewidth=0.8)
        dots.grid(axis="y", color=LIGHT, linewidth=0.5, linestyle=(0, (1, 2)))
        dots.set_xlabel("Overall score, 0–100")
        dots.set_title("Overall under each weight profile", pad=16)
        handles = [
            dots.plot([], [], linestyle="none", label=_tag(i), **_style(i))[0] for i in range(count)
        ]
        _marker_legend(figure, handles)

    key = (list(first_share), {k: list(v) for k, v in profiles.items()})
    rows = max(count, len(profiles))
    return render_svg("compare-weights", key, 3.0 + 0.6 * rows, paint, constrained=True)
