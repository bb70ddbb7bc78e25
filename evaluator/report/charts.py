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

import hashlib
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import LegendLocType, RcKeyType

Band = tuple[float, float, float]
"""A Monte Carlo summary: (mean, p05, p95)."""

WIDTH_CM = 16.0
LABEL_CHARS = 24
DIMENSION_CHARS = 40
COUNTRY_CHARS = 32
FONT = "DejaVu Sans"
INK = "#1a1a1a"
DARK = "#4d4d4d"
MID = "#7a7a7a"
LIGHT = "#c9c9c9"
FAINT = "#ececec"
ACCENT = "#1f5f8b"
_CM_PER_INCH = 2.54
# Closed-form reference curves: PCBR = 2(1 + t) / (e t) for full removal without domestic
# output (MODELS.md §1), at a low and a high import-demand elasticity.
_REFERENCE_ELASTICITIES = ((1.0, (0, (5, 2.5))), (3.0, (0, (1.2, 2))))
_BUBBLE_MAX_PT2 = 600.0
_BUBBLE_MIN_PT2 = 8.0
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "font.family": FONT,
    "font.size": 8.0,
    "axes.titlesize": 9.0,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.0,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "text.usetex": False,
    "text.parse_math": False,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MID,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "xtick.color": MID,
    "ytick.color": MID,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.minor.width": 0.4,
    "ytick.minor.width": 0.4,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "hatch.color": INK,
    "lines.linewidth": 1.0,
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "axes.facecolor": "white",
}


def usd_tick(value: float, scale_usd: float) -> str:
    """An axis tick in USD, in units of ``scale_usd`` (1, 1e3, 1e6, 1e9 or 1e12).

    >>> usd_tick(1.5e9, 1e9), usd_tick(-2e6, 1e6), usd_tick(0.0, 1e9), usd_tick(250.0, 1.0)
    ('$1.5bn', '-$2m', '$0', '$250')
    """
    number = f"{abs(value) / scale_usd:,.3f}".rstrip("0").rstrip(".")
    if number == "0":  # also a zero tick that arithmetic left at -1e-10
        return "$0"
    sign = "-" if value < 0 else ""
    return f"{sign}${number}{dict(_SCALES).get(scale_usd, '')}"


def usd_scale(largest_usd: float) -> float:
    """The unit for an axis whose largest absolute value is ``largest_usd``.

    >>> usd_scale(3.2e9), usd_scale(999.0), usd_scale(0.0)
    (1000000000.0, 1.0, 1.0)
    """
    return next((scale for scale, _ in _SCALES if largest_usd >= scale), 1.0)


def clean_label(text: str, limit: int = LABEL_CHARS) -> str:
    """User text fit for a chart: one line, no control characters, at most ``limit`` characters.

    >>> clean_label("Live animals\\x00 and\\nmeat of bovine animals, fresh")
    'Live animals and meat o…'
    """
    printable = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    single = " ".join(printable.split())
    return single if len(single) <= limit else single[: limit - 1].rstrip() + "…"


def power_of_ten(value: float) -> str:
    """A log-axis tick as people read it: 0.1, 10, 1,000, then powers of ten beyond a million.

    >>> power_of_ten(0.1), power_of_ten(1000.0), power_of_ten(1e7), power_of_ten(1e-5)
    ('0.1', '1,000', '10⁷', '10⁻⁵')
    """
    exponent = round(math.log10(value)) if value > 0 else 0
    if -3 <= exponent <= 4:
        return f"{value:,.{max(0, -exponent)}f}"
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


def no_data(message: str = "No data") -> str:
    """A small SVG with a message, for a chart that has nothing to show.

    >>> no_data("No tariff lines").startswith("<svg")
    True
    """
    width = WIDTH_CM / _CM_PER_INCH * 72
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} 36" width="100%">'
        f'<rect x="0.5" y="0.5" width="{width - 1:.1f}" height="35" fill="none" '
        f'stroke="{LIGHT}" stroke-dasharray="3 2"/>'
        f'<text x="{width / 2:.1f}" y="21" text-anchor="middle" font-family="{FONT}" '
        f'font-size="8" fill="{MID}">{escape(clean_label(message, 120))}</text></svg>'
    )


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
        for row, key in zip(rows, keys, strict=True):
            band = scores[key]
            if band is None:
                ax.text(1.5, row, "n/a: does not apply", va="center", color=MID, style="italic")
                ax.text(1.015, row, "n/a", transform=beside, va="center", color=MID)
                continue
            mean, low, high = (min(100.0, max(0.0, value)) for value in band)
            overall = key == "overall"
            ax.barh(
                row,
                mean,
                height=0.56,
                color=ACCENT if overall else LIGHT,
                edgecolor=INK if overall else DARK,
                linewidth=0.6,
            )
            ax.errorbar(
                mean,
                row,
                xerr=[[max(mean - low, 0.0)], [max(high - mean, 0.0)]],
                fmt="none",
                ecolor=INK,
                elinewidth=0.9,
                capsize=2.5,
                capthick=0.9,
            )
            ax.text(
                1.015,
                row,
                f"{mean:.0f}  ({low:.0f}–{high:.0f})",
                transform=beside,
                va="center",
                fontweight="bold" if overall else "normal",
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

    return _render("scores", (dict(scores), dict(labels)), 1.9 + 0.75 * len(keys), paint)


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
    _same_length(
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
        from matplotlib.ticker import FuncFormatter, NullFormatter

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
        curve_t = np.geomspace(x_high / 1e5, x_high, 400) / 100.0
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
        for index in range(min(3, len(kept))):
            if kept[index][2] <= 0:
                break
            _annotate_bubble(ax, kept[index], float(sizes[index]), (x_low + x_high) / 2, index)
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
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.grid(axis="y", which="major", color=FAINT, linewidth=0.8)
        ax.set_xlabel("Base tariff (%)")
        ax.set_ylabel("PCBR ($ redistributed per $1 gained)")
        ax.set_title("Political cost-benefit ratio by tariff line")
        _legend(ax, "best", handles)

    key = (list(base_rate), list(pcbr), list(imports_usd), list(labels))
    return _render("pcbr", key, 7.0, paint)


def frontier_chart(
    gain_usd: Sequence[float],
    redistribution_usd: Sequence[float],
    proposal_gain_usd: float,
    proposal_redistribution_usd: float,
) -> str:
    """Cumulative redistribution against cumulative efficiency gain, and the proposal's point.

    The points are cumulative sums over tariff lines liberalised in order of PCBR, lowest first,
    starting at (0, 0): the frontier's slope is the marginal PCBR, so it steepens as the cheap
    gains run out. The proposal sits on or above it.

    >>> frontier_chart([0.0, 2e6, 3e6], [0.0, 1e7, 6e7], 2.5e6, 4e7)[:4]
    '<svg'
    """
    _same_length("frontier_chart", gain_usd=gain_usd, redistribution_usd=redistribution_usd)
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
                label="This proposal",
            )
        ax.axhline(0, color=MID, linewidth=0.5)
        ax.axvline(0, color=MID, linewidth=0.5)
        _usd_axis(ax, "x")
        if not any(values):
            _note_all_zero(ax)
        _usd_axis(ax, "y")
        ax.grid(color=FAINT, linewidth=0.8)
        ax.set_xlabel("Cumulative efficiency gain (USD)")
        ax.set_ylabel("Cumulative redistribution (USD)")
        ax.set_title("Efficiency against redistribution")
        _legend(ax, "best")

    key = (list(gain_usd), list(redistribution_usd), proposal)
    return _render("frontier", key, 7.0, paint)


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
    _same_length(
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
            ax, wage_ax = figure.subplots(1, 2, width_ratios=[4.0, 1.0])
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
                yerr=_whiskers(summaries),
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
            _note_all_zero(ax)
        _usd_axis(ax, "y")
        ax.grid(axis="y", color=FAINT, linewidth=0.8)
        ax.set_ylabel("USD (mean, whiskers 5th–95th)")
        ax.set_title("Gains by origin")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.2)

    key = (list(countries), list(migrants_gain_usd), list(remittances_usd), native_wage_change_pct)
    return _render("origins", key, 7.0, paint)


def _wage_panel(ax: Axes, band: Band) -> None:
    """The competing natives' wage change, in percent, as a point with its band."""
    from matplotlib.ticker import FuncFormatter

    mean, low, high = band
    ax.axhline(0, color=INK, linewidth=0.6)
    ax.errorbar(
        [0.0],
        [mean],
        yerr=_whiskers([band]),
        fmt="o",
        color=INK,
        markersize=5,
        markerfacecolor="white",
        elinewidth=0.9,
        capsize=3.0,
        capthick=0.9,
    )
    ax.annotate(
        f"{mean:.2g}%",
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
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.2g}%"))
    ax.grid(axis="y", color=FAINT, linewidth=0.8)
    ax.set_title("Competing\nnatives' wage", fontsize=7.5, loc="center")


def _annotate_bubble(
    ax: Axes, line: tuple[float, float, float, str], size_pt2: float, middle: float, rank: int
) -> None:
    """Label one of the largest bubbles, beside it and away from the nearer edge."""
    rate_pct, ratio, _, label = line
    radius = math.sqrt(size_pt2 / math.pi)
    side = 1 if rate_pct <= middle else -1
    rise = (6, -8, 14)[rank]
    ax.annotate(
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


def _note_all_zero(ax: Axes) -> None:
    ax.text(
        0.5,
        0.75,
        "All values are zero",
        transform=ax.transAxes,
        ha="center",
        color=MID,
        bbox={"facecolor": "white", "edgecolor": "none"},
    )


def _legend(ax: Axes, loc: LegendLocType, handles: list[Any] | None = None) -> None:
    """A legend inside the axes on a translucent white box, over the grid."""
    ax.legend(
        handles=handles,
        loc=loc,
        handlelength=2.6,
        frameon=True,
        facecolor="white",
        edgecolor="none",
        framealpha=0.85,
    )


def _usd_axis(ax: Axes, which: str) -> None:
    """USD ticks in one unit per axis ($m or $bn ...), chosen from the limits when drawn."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis = ax.xaxis if which == "x" else ax.yaxis

    def tick(value: float, _: int | None) -> str:
        return usd_tick(value, usd_scale(max(abs(limit) for limit in axis.get_view_interval())))

    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(tick))


def _whiskers(bands: Sequence[Band]) -> list[list[float]]:
    """Error-bar lengths below and above each mean; never negative, even if a band is off."""
    return [
        [max(mean - low, 0.0) for mean, low, _ in bands],
        [max(high - mean, 0.0) for mean, _, high in bands],
    ]


def _same_length(function: str, **columns: Sequence[object]) -> None:
    lengths = {name: len(values) for name, values in columns.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"{function}: inputs differ in length: {lengths}")


def _render(name: str, key: object, height_cm: float, paint: Callable[[Figure], None]) -> str:
    """Draw a figure with the charts' settings and return it as inline SVG.

    The hash salt comes from the chart's input, so the output is reproducible and two different
    charts in one document do not share element ids.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    digest = hashlib.sha256(repr((name, key)).encode()).hexdigest()[:16]
    settings: dict[RcKeyType, Any] = {**_RC, "svg.hashsalt": f"evaluator-{name}-{digest}"}
    buffer = io.StringIO()
    with matplotlib.rc_context(settings), warnings.catch_warnings():
        # A label in a script DejaVu Sans lacks: the PDF renderer falls back to another font.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        size = (WIDTH_CM / _CM_PER_INCH, height_cm / _CM_PER_INCH)
        figure = Figure(figsize=size, layout="constrained")
        FigureCanvasSVG(figure)
        paint(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue())


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_GLOBAL_STYLE = re.compile(r'\s*<style type="text/css">\*\{[^}]*\}</style>')
_SIZE = re.compile(r'<svg ([^>]*?)width="[\d.]+pt" height="[\d.]+pt"')
_ID = re.compile(r' id="([^"]*)"')
_REFERENCE = re.compile(r"#([A-Za-z_][\w.-]*)")


def _inline(svg: str) -> str:
    """Matplotlib's SVG file as an element for HTML: no prologue, no metadata, scalable.

    The ``*{...}`` stylesheet matplotlib writes would apply to the whole HTML document, so its
    two properties move to the root element, where SVG inheritance carries them. Ids nothing
    refers to (``figure_1``, ``axes_1``, ...) go: every chart would repeat them, and ids must be
    unique in the HTML document; the referenced ones are hashes salted with the chart's input.
    """
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _GLOBAL_STYLE.sub("", svg, count=1).replace("<defs>\n </defs>", "", 1)
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda match: match.group(0) if match.group(1) in referenced else "", svg)
    root = r'<svg \1width="100%" stroke-linejoin="round" stroke-linecap="butt"'
    return _SIZE.sub(root, svg, count=1).rstrip() + "\n"
