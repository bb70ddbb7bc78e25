"""The tornado chart: which uncertain inputs move the overall score and the PCBR, and which way.

Each bar runs from the output with one input at its 5th percentile to the output with it at its
95th, every other input at its median; the widest bars come first. A value at the input's low end
is drawn hatched, at its high end solid, so the direction reads in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from evaluator.formatting import fixed
from evaluator.report.figure import (
    DARK,
    EDGE_PT,
    FAINT,
    INK,
    LIGHT,
    MID,
    RC,
    TICK_PT,
    clean_label,
    no_data,
    place,
    render_svg,
    text_width_pt,
    title_margin_pt,
    x_margin_pt,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Panel = tuple[str, float, Sequence[tuple[str, float, float]]]
"""(title, value at the medians, [(input label, output at its p05, output at its p95), ...])."""
MAX_BARS = 6
LABEL_CHARS = 34


def tornado_chart(panels: Sequence[Panel]) -> str:
    """Side-by-side tornado panels, one per output; inputs that move nothing are left out.

    >>> tornado_chart([("Overall score", 50.0, [("elasticity", 45.0, 55.0)])])[:4]
    '<svg'
    """
    shown = []
    for title, base, bars in panels:
        if not math.isfinite(base):
            raise ValueError(f"tornado_chart: {title!r} base is not finite")
        moving = [
            (clean_label(label, LABEL_CHARS), low, high)
            for label, low, high in bars
            if math.isfinite(low)
            and math.isfinite(high)
            and abs(high - low) > 1e-9 * max(1.0, abs(base))
        ][:MAX_BARS]
        if moving:
            shown.append((title, base, moving))
    if not shown:
        return no_data("No uncertain input moves these results")
    rows = max(len(bars) for _, _, bars in shown)

    def paint(figure: Figure) -> None:
        axes = [figure.add_subplot(1, len(shown), i + 1) for i in range(len(shown))]
        size = float(RC["ytick.labelsize"])
        lefts = []
        for ax, (title, base, bars) in zip(axes, shown, strict=True):
            y = list(range(len(bars)))
            for row, (_, low, high) in zip(y, bars, strict=True):
                ax.barh(
                    row,
                    low - base,
                    left=base,
                    height=0.6,
                    color=LIGHT,
                    edgecolor=DARK,
                    hatch="////",
                    linewidth=0.6,
                )
                ax.barh(
                    row, high - base, left=base, height=0.6, color=MID, edgecolor=INK, linewidth=0.6
                )
            ax.axvline(base, color=INK, linewidth=0.9)
            ax.set_yticks(y, [label for label, _, _ in bars])
            ax.set_ylim(rows - 0.4, -0.6)
            ax.tick_params(axis="y", length=0)
            ax.grid(axis="x", color=FAINT, linewidth=0.8)
            ax.set_title(
                f"{title}: {fixed(base, '.3g')} at the medians", fontsize=float(RC["font.size"])
            )
            lefts.append(text_width_pt([label for label, _, _ in bars], size))
        gaps = [EDGE_PT + w + TICK_PT + 6.0 for w in lefts[1:]]
        place(
            figure,
            axes,
            left=EDGE_PT + lefts[0] + TICK_PT,
            right=EDGE_PT + 12.0,
            bottom=x_margin_pt(label=False),
            top=title_margin_pt(),
            gaps=gaps,
        )

    return render_svg(
        "tornado", [(t, b, list(bars)) for t, b, bars in shown], 2.4 + 0.55 * rows, paint
    )
