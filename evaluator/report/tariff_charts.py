"""The tariff charts of the brief: PCBR by line, and the efficiency-redistribution frontier.

See :mod:`evaluator.report.charts` for the conventions every chart follows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from evaluator.report.figure import (
    ACCENT,
    DARK,
    EDGE_PT,
    FAINT,
    INK,
    MID,
    RC,
    clean_label,
    legend,
    no_data,
    note_all_zero,
    place,
    power_of_ten,
    render_svg,
    same_length,
    text_width_pt,
    tick_texts,
    title_margin_pt,
    usd_axis,
    x_margin_pt,
    y_margin_pt,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import LegendLocType

# Closed-form reference curves: PCBR = 2(1 + t) / (e t) for full removal without domestic
# output (MODELS.md §1), at a low and a high import-demand elasticity.
_REFERENCE_ELASTICITIES = ((1.0, (0, (5, 2.5))), (3.0, (0, (1.2, 2))))
_BUBBLE_MAX_PT2 = 600.0
_BUBBLE_MIN_PT2 = 8.0


def pcbr_chart(
    base_rate: Sequence[float],
    pcbr: Sequence[float | None],
    imports_usd: Sequence[float],
    labels: Sequence[str],
) -> str:
    """The PCBR of each tariff line against its base tariff, bubble area proportional to imports.

    ``base_rate`` is a fraction (drawn in percent); lines whose PCBR is None, not finite or not
    positive (no efficiency gain, or a tariff increase) are left out and counted in a note. The
    three largest lines by imports carry their labels. Dashed and dotted curves show the closed
    form for full removal without domestic output, ``PCBR = 2(1+t)/(e t)`` at e = 1 and e = 3:
    cutting low tariffs reshuffles much income and gains little. Bubbles have a minimum size, so
    lines with little or no imports stay visible.

    References
    ----------
    Rodrik, D. (1992), "The Rush to Free Trade in the Developing World", NBER WP 3947.

    >>> pcbr_chart([0.05, 0.3], [42.0, None], [1e9, 2e8], ["Cars", "Rice"])[:4]
    '<svg'
    """
    same_length(
        "pcbr_chart", base_rate=base_rate, pcbr=pcbr, imports_usd=imports_usd, labels=labels
    )
    kept = [
        (100.0 * rate, ratio, max(imports, 0.0), label)
        for rate, ratio, imports, label in zip(base_rate, pcbr, imports_usd, labels, strict=True)
        if ratio is not None
        and math.isfinite(ratio)
        and ratio > 0
        and math.isfinite(rate)
        and math.isfinite(imports)
    ]
    if not kept:
        return no_data("No tariff line with a positive PCBR")
    kept.sort(key=lambda line: -line[2])  # the largest drawn first, under the small ones
    left_out = len(pcbr) - len(kept)

    def paint(figure: Figure) -> None:
        import numpy as np
        from matplotlib.lines import Line2D
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

        ax = figure.add_subplot()
        rate_pct = np.array([line[0] for line in kept])
        ratio = np.array([line[1] for line in kept])
        imports = np.array([line[2] for line in kept])
        largest = imports.max()
        share = imports / largest if largest > 0 else np.zeros_like(imports)
        sizes = np.maximum(_BUBBLE_MAX_PT2 * share, _BUBBLE_MIN_PT2)
        ax.scatter(rate_pct, ratio, s=sizes, facecolor=ACCENT, alpha=0.35, edgecolor="none")
        ax.scatter(rate_pct, ratio, s=sizes, facecolor="none", edgecolor=ACCENT, linewidth=0.7)

        x_high = max(5.0, float(rate_pct.max()) * 1.12)
        # A little room left of zero, so that a bubble at a near-zero tariff is not cut in half.
        x_low = min(0.0, float(rate_pct.min()) * 1.12) - 0.02 * x_high
        curve_t = np.geomspace(x_high / 1e5, x_high, 120) / 100.0
        lowest_curve = 2 * (1 + curve_t[-1]) / (_REFERENCE_ELASTICITIES[-1][0] * curve_t[-1])
        y_low = 10 ** math.floor(math.log10(min(float(ratio.min()) / 1.6, lowest_curve)))
        y_high = 10 ** math.ceil(math.log10(float(ratio.max()) * 1.6))
        handles = []
        for elasticity, dashes in _REFERENCE_ELASTICITIES:
            (line,) = ax.plot(
                100 * curve_t,
                2 * (1 + curve_t) / (elasticity * curve_t),
                color=DARK,
                linewidth=0.9,
                linestyle=dashes,
                label=f"2(1+t)/(e·t), e = {elasticity:g}",
            )
            handles.append(line)
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor=ACCENT,
                markeredgecolor=ACCENT,
                alpha=0.5,
                label="Tariff line (area ∝ imports)",
            )
        )
        if left_out:
            ax.text(
                0.01,
                0.02,
                f"{left_out} line{'s' * (left_out > 1)} not shown: PCBR undefined or not positive",
                transform=ax.transAxes,
                fontsize=6.5,
                color=MID,
            )
        ax.set_yscale("log")
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(y_low, y_high)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: power_of_ten(value)))
        # Two unlabelled minor ticks a decade (2 and 5) show the log spacing; the full eight
        # would be most of the chart's drawing time.
        ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.grid(axis="y", which="major", color=FAINT, linewidth=0.8)
        ax.set_xlabel("Base tariff (%)")
        ax.set_ylabel("PCBR ($ redistributed per $1 gained)")
        ax.set_title("Political cost-benefit ratio by tariff line")
        fit(figure, ax)
        labels_at = _label_bubbles(figure, ax, kept, sizes, (x_low + x_high) / 2)
        _place_legend(figure, ax, handles, rate_pct, ratio, labels_at)

    key = (list(base_rate), list(pcbr), list(imports_usd), list(labels))
    return render_svg("pcbr", key, 7.0, paint)


def frontier_chart(
    gain_usd: Sequence[float],
    redistribution_usd: Sequence[float],
    proposal_gain_usd: float,
    proposal_redistribution_usd: float,
    proposal_label: str = "This proposal",
) -> str:
    """Cumulative redistribution against cumulative efficiency gain, and the proposal's point
    (``proposal_label`` names it: a mixed proposal's point is its tariff part only).

    The points are cumulative sums over tariff lines liberalised in order of PCBR, lowest first,
    starting at (0, 0): the frontier's slope is the marginal PCBR, so it steepens as the cheap
    gains run out. The proposal sits on or above it.

    >>> frontier_chart([0.0, 2e6, 3e6], [0.0, 1e7, 6e7], 2.5e6, 4e7)[:4]
    '<svg'
    """
    same_length("frontier_chart", gain_usd=gain_usd, redistribution_usd=redistribution_usd)
    if not gain_usd:
        return no_data("No tariff lines to liberalise")
    values = [*gain_usd, *redistribution_usd]
    if not all(math.isfinite(value) for value in values):
        raise ValueError("frontier_chart: gains and redistribution must be finite numbers")
    proposal = (proposal_gain_usd, proposal_redistribution_usd)
    has_proposal = all(math.isfinite(value) for value in proposal)

    def paint(figure: Figure) -> None:
        ax = figure.add_subplot()
        many = len(gain_usd) > 60
        ax.plot(
            gain_usd,
            redistribution_usd,
            color=DARK,
            linewidth=1.1,
            marker="" if many else "o",
            markersize=2.8,
            markerfacecolor="white",
            markeredgewidth=0.7,
            label="Lines liberalised in order of PCBR, lowest first",
        )
        if has_proposal:
            ax.plot(
                *proposal,
                linestyle="none",
                marker="D",
                markersize=6.5,
                color=ACCENT,
                markeredgecolor=INK,
                markeredgewidth=0.6,
                label=proposal_label,
            )
        ax.axhline(0, color=MID, linewidth=0.5)
        ax.axvline(0, color=MID, linewidth=0.5)
        usd_axis(ax, "x")
        if not any(values):
            note_all_zero(ax)
        usd_axis(ax, "y")
        ax.grid(color=FAINT, linewidth=0.8)
        ax.set_xlabel("Cumulative efficiency gain (USD)")
        ax.set_ylabel("Cumulative redistribution (USD)")
        ax.set_title("Efficiency against redistribution")
        # Lines come in order of rising PCBR, so the frontier is convex: its upper left is free.
        legend(ax, "best")
        fit(figure, ax)

    key = (list(gain_usd), list(redistribution_usd), proposal, proposal_label)
    return render_svg("frontier", key, 7.0, paint)


def fit(figure: Figure, ax: Axes) -> None:
    """Margins for one axes with tick labels and labels on both axes and a title."""
    last_x = tick_texts(ax.xaxis)[-1:]  # a centred label overhangs the right end by half
    place(
        figure,
        [ax],
        left=y_margin_pt(ax),
        right=EDGE_PT + text_width_pt(last_x, float(RC["xtick.labelsize"])) / 2,
        bottom=x_margin_pt(),
        top=title_margin_pt(),
    )


_RISES = (6, -8, 14, -16, 22, -24, 30, -32)
"""Vertical offsets (points) tried in turn for a bubble's label, on its side then the other."""
_LEGEND_PLACES: tuple[LegendLocType, ...] = (
    "upper right",
    "upper left",
    "lower left",
    "lower right",
    "center right",
)


def _label_bubbles(
    figure: Figure,
    ax: Axes,
    kept: Sequence[tuple[float, float, float, str]],
    sizes: Any,
    middle: float,
) -> list[Any]:
    """Label the three largest bubbles where the labels overlap neither each other nor the
    figure's edges; returns the labels' boxes (display coordinates)."""
    renderer = figure._get_renderer()  # type: ignore[attr-defined]
    frame = figure.bbox
    placed: list[Any] = []
    for index in range(min(3, len(kept))):
        if kept[index][2] <= 0:
            break
        first = 1 if kept[index][0] <= middle else -1
        chosen = None
        for side in (first, -first):
            for rise in _RISES:
                note = _annotate_bubble(ax, kept[index], float(sizes[index]), side, rise)
                box = note.get_window_extent(renderer)
                inside = box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                if inside and box.y1 <= frame.y1 and not any(box.overlaps(p) for p in placed):
                    chosen = box
                    break
                note.remove()
            if chosen is not None:
                break
        if chosen is None:  # nowhere free: the first place, as before
            note = _annotate_bubble(ax, kept[index], float(sizes[index]), first, _RISES[0])
            chosen = note.get_window_extent(renderer)
        placed.append(chosen)
    return placed


def _place_legend(
    figure: Figure, ax: Axes, handles: list[Any], x: Any, y: Any, labels: list[Any]
) -> None:
    """The legend where it covers the fewest bubble centres and no label."""
    renderer = figure._get_renderer()  # type: ignore[attr-defined]
    centres = ax.transData.transform(list(zip(x, y, strict=True)))
    best: tuple[int, LegendLocType] | None = None
    for place_name in _LEGEND_PLACES:
        box = legend(ax, place_name, handles).get_window_extent(renderer)
        covered = sum(box.contains(cx, cy) for cx, cy in centres)
        cost = covered + 1000 * sum(box.overlaps(label) for label in labels)
        if best is None or cost < best[0]:
            best = (cost, place_name)
    assert best is not None
    legend(ax, best[1], handles)


def _annotate_bubble(
    ax: Axes, line: tuple[float, float, float, str], size_pt2: float, side: int, rise: int
) -> Any:
    """Label one bubble, ``side`` (1: right, -1: left) of it and ``rise`` points up."""
    rate_pct, ratio, _, label = line
    radius = math.sqrt(size_pt2 / math.pi)
    return ax.annotate(
        clean_label(label),
        (rate_pct, ratio),
        xytext=(side * (radius + 5), rise),
        textcoords="offset points",
        ha="left" if side > 0 else "right",
        va="center",
        fontsize=7,
        color=INK,
        bbox={
            "boxstyle": "square,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.8,
        },
        arrowprops={
            "arrowstyle": "-",
            "color": MID,
            "linewidth": 0.5,
            "shrinkA": 0,
            "shrinkB": radius,
        },
    )
