"""Charts for the brief, as SVG markup to embed inline in its HTML.

Four charts: the scores by dimension, the PCBR of each tariff line against its base tariff, the
efficiency-versus-redistribution frontier, and a visa scheme's effects by origin. Each function
takes plain numbers and labels and returns a string that starts with ``<svg`` and scales to its
container (a ``viewBox`` and ``width="100%"``). Matplotlib is imported only when a chart is drawn,
never through pyplot, and every setting lives in one ``rc_context``, so drawing a chart leaves no
global state behind. The output is deterministic: the same input gives the same bytes.

Charts are drawn for print in black and white: greys and one accent, with series told apart by
hatching, markers and line styles. Text stays text (``svg.fonttype: none``) in DejaVu Sans, which
the PDF renderer draws. User text (proposal labels, countries) is cleaned of control characters,
shortened, and never read as mathtext; the SVG writer escapes it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from evaluator.formatting import fixed
from evaluator.report.figure import (
    ACCENT,
    COUNTRY_CHARS,
    DARK,
    DIMENSION_CHARS,
    EDGE_PT,
    FAINT,
    INK,
    LABEL_CHARS,
    LIGHT,
    LINE,
    MID,
    RC,
    TICK_PT,
    Band,
    clean_label,
    no_data,
    note_all_zero,
    place,
    render_svg,
    same_length,
    text_width_pt,
    title_margin_pt,
    usd_axis,
    usd_tick,
    whiskers,
    x_margin_pt,
    y_margin_pt,
)
from evaluator.report.tariff_charts import frontier_chart, pcbr_chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


__all__ = [
    "COUNTRY_CHARS",
    "LABEL_CHARS",
    "Band",
    "clean_label",
    "frontier_chart",
    "no_data",
    "origins_chart",
    "pcbr_chart",
    "scores_chart",
    "usd_tick",
]


def scores_chart(scores: Mapping[str, Band | None], labels: Mapping[str, str]) -> str:
    """Horizontal bars of the dimension scores (0-100) with p05-p95 whiskers.

    ``scores`` maps a dimension to (mean, p05, p95), or to None where the dimension does not
    apply; the key ``overall``, if present, is drawn last and set apart. ``labels`` gives each
    key's display name (the key itself, prettified, where missing).

    >>> scores_chart({"efficiency": (60.0, 50.0, 70.0), "policy_space": None}, {})[:4]
    '<svg'
    """
    keys = [key for key in scores if key != "overall"]
    keys += ["overall"] if "overall" in scores else []
    if not keys:
        return no_data("No scores")
    for key in keys:
        band = scores[key]
        if band is not None and not all(math.isfinite(value) for value in band):
            raise ValueError(f"scores_chart: score {key!r} is not finite: {band}")
    names = [
        clean_label(labels.get(key, key.replace("_", " ").capitalize()), DIMENSION_CHARS)
        for key in keys
    ]

    def paint(figure: Figure) -> None:
        from matplotlib.transforms import blended_transform_factory

        ax = figure.add_subplot()
        rows = list(range(len(keys)))
        beside = blended_transform_factory(ax.transAxes, ax.transData)
        values: list[str] = ["n/a"]
        bold_values: list[str] = []
        drawn: list[tuple[int, float, float, float, bool]] = []
        for row, key in zip(rows, keys, strict=True):
            band = scores[key]
            if band is None:
                ax.text(1.5, row, "n/a: does not apply", va="center", color=MID, style="italic")
                ax.text(1.015, row, "n/a", transform=beside, va="center", color=MID)
                continue
            mean, low, high = (min(100.0, max(0.0, value)) for value in band)
            overall = key == "overall"
            drawn.append((row, mean, low, high, overall))
            value = f"{mean:.0f}  ({low:.0f}–{high:.0f})"
            (bold_values if overall else values).append(value)
            ax.text(
                1.015,
                row,
                value,
                transform=beside,
                va="center",
                fontweight="bold" if overall else "normal",
            )
        if drawn:  # one call each for the bars and the whiskers
            ax.barh(
                [row for row, *_ in drawn],
                [mean for _, mean, *_ in drawn],
                height=0.56,
                color=[ACCENT if overall else LIGHT for *_, overall in drawn],
                edgecolor=[INK if overall else DARK for *_, overall in drawn],
                linewidth=0.6,
            )
            ax.errorbar(
                [mean for _, mean, *_ in drawn],
                [row for row, *_ in drawn],
                xerr=whiskers([(mean, low, high) for _, mean, low, high, _ in drawn]),
                fmt="none",
                ecolor=INK,
                elinewidth=0.9,
                capsize=2.5,
                capthick=0.9,
            )
        ax.text(
            1.015, -0.75, "mean (5th–95th)", transform=beside, va="bottom", color=MID, fontsize=7
        )
        if keys[-1] == "overall" and len(keys) > 1:
            ax.axhline(len(keys) - 1.5, color=MID, linewidth=0.6, linestyle=(0, (1, 1.5)))
        ax.set_yticks(rows, names)
        if keys[-1] == "overall":
            ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.set_ylim(len(keys) - 0.4, -0.75)
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 20))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=FAINT, linewidth=0.8)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Score, 0–100 (higher is better for the proposal)")
        ax.set_title("Scores by dimension")
        size = float(RC["ytick.labelsize"])
        names_pt = max(
            text_width_pt(names[:-1] if keys[-1] == "overall" else names, size),
            text_width_pt(names[-1:], size, bold=keys[-1] == "overall"),
        )
        values_pt = max(
            text_width_pt(values, float(RC["font.size"])),
            text_width_pt(bold_values, float(RC["font.size"]), bold=True),
            text_width_pt(["mean (5th–95th)"], 7.0),
        )
        place(
            figure,
            [ax],
            left=EDGE_PT + names_pt + TICK_PT,
            right=EDGE_PT + values_pt + 8.0,  # the values start 1.5% of the axes past its end
            bottom=x_margin_pt(),
            top=title_margin_pt(),
        )

    return render_svg("scores", (dict(scores), dict(labels)), 2.2 + 0.55 * len(keys), paint)


def origins_chart(
    countries: Sequence[str],
    migrants_gain_usd: Sequence[Band],
    remittances_usd: Sequence[Band],
    native_wage_change_pct: Band | None,
) -> str:
    """A visa scheme's effects by origin: migrants' gain and remittances, mean and p05-p95.

    When ``native_wage_change_pct`` (in percent, as named: -0.3 means -0.3%) is given, a narrow
    second panel shows the competing natives' wage change with its band.

    >>> origins_chart(["Pakistan"], [(3e9, 2e9, 4e9)], [(4e8, 3e8, 6e8)], (-0.2, -0.4, 0.0))[:4]
    '<svg'
    """
    same_length(
        "origins_chart",
        countries=countries,
        migrants_gain_usd=migrants_gain_usd,
        remittances_usd=remittances_usd,
    )
    if not countries:
        return no_data("No origin countries")
    bands = [*migrants_gain_usd, *remittances_usd]
    bands += [native_wage_change_pct] if native_wage_change_pct is not None else []
    if not all(math.isfinite(value) for band in bands for value in band):
        raise ValueError("origins_chart: every mean, p05 and p95 must be a finite number")
    names = [clean_label(country, COUNTRY_CHARS) for country in countries]

    def paint(figure: Figure) -> None:
        if native_wage_change_pct is None:
            ax = figure.add_subplot()
        else:
            ax, wage_ax = figure.subplots(1, 2)
            _wage_panel(wage_ax, native_wage_change_pct)
        # Solid accent against white with hatching: apart in black and white too.
        series = (
            (migrants_gain_usd, "Migrants' gain", ACCENT, None),
            (remittances_usd, "Remittances", "white", "////"),
        )
        width = 0.36
        for offset, (summaries, label, fill, hatch) in zip(
            (-width / 2, width / 2), series, strict=True
        ):
            positions = [index + offset for index in range(len(names))]
            means = [band[0] for band in summaries]
            ax.bar(
                positions,
                means,
                width=width,
                color=fill,
                edgecolor=INK,
                hatch=hatch,
                linewidth=0.6,
                label=label,
            )
            ax.errorbar(
                positions,
                means,
                yerr=whiskers(summaries),
                fmt="none",
                ecolor=INK,
                elinewidth=0.8,
                capsize=2.0,
                capthick=0.8,
            )
        ax.axhline(0, color=INK, linewidth=0.6)
        crowded = len(names) > 6 or max(len(name) for name in names) > 12
        ax.set_xticks(
            range(len(names)),
            names,
            rotation=30 if crowded else 0,
            ha="right" if crowded else "center",
            rotation_mode="anchor",
        )
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-0.6, len(names) - 0.4)
        if not any(band[0] or band[1] or band[2] for band in bands[: 2 * len(names)]):
            note_all_zero(ax)
        usd_axis(ax, "y")
        ax.grid(axis="y", color=FAINT, linewidth=0.8)
        ax.set_ylabel("USD (mean, whiskers 5th–95th)")
        ax.set_title("Gains by origin")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.2)
        names_pt = text_width_pt(names, float(RC["xtick.labelsize"]))
        # Rotated names need the height of their slant; upright ones one line.
        tick_lines = 1.0 + (
            0.5 * names_pt / (float(RC["xtick.labelsize"]) * LINE) if crowded else 0.0
        )
        bottom = x_margin_pt(label=False, tick_lines=tick_lines)
        left = max(y_margin_pt(ax), EDGE_PT + names_pt * 0.87 if crowded else 0.0)
        if native_wage_change_pct is None:
            place(figure, [ax], left=left, right=EDGE_PT, bottom=bottom, top=title_margin_pt())
        else:
            place(
                figure,
                [ax, wage_ax],
                left=left,
                right=EDGE_PT + 6.0,
                bottom=bottom,
                top=title_margin_pt(lines=2, size=7.5),
                gaps=[y_margin_pt(wage_ax, label=False) + 8.0],
                ratios=[4.0, 1.0],
            )

    key = (list(countries), list(migrants_gain_usd), list(remittances_usd), native_wage_change_pct)
    return render_svg("origins", key, 7.0, paint)


def _wage_panel(ax: Axes, band: Band) -> None:
    """The competing natives' wage change, in percent, as a point with its band."""
    from matplotlib.ticker import FuncFormatter

    mean, low, high = band
    ax.axhline(0, color=INK, linewidth=0.6)
    ax.errorbar(
        [0.0],
        [mean],
        yerr=whiskers([band]),
        fmt="o",
        color=INK,
        markersize=5,
        markerfacecolor="white",
        elinewidth=0.9,
        capsize=3.0,
        capthick=0.9,
    )
    ax.annotate(
        f"{fixed(mean, '.2g')}%",
        (0.0, mean),
        xytext=(7, 0),
        textcoords="offset points",
        va="center",
        fontsize=7.5,
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )
    reach = max(abs(low), abs(high), abs(mean))
    reach = reach * 1.25 if reach > 0 else 1.0
    ax.set_ylim(-reach, reach)
    ax.set_xlim(-1.0, 1.5)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{fixed(value, '.2g')}%"))
    ax.grid(axis="y", color=FAINT, linewidth=0.8)
    ax.set_title("Competing\nnatives' wage", fontsize=7.5, loc="center")
