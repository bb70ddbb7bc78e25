"""Drawing kit for the brief's charts: style, number formats, and SVG output.

One ``rc_context`` holds every matplotlib setting, so drawing leaves no global state behind;
``render_svg`` turns a painted figure into deterministic inline SVG (fixed hash salt, no
metadata, ids made unique per chart, the size left to the page's CSS).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from evaluator.gc_pause import paused_gc

if TYPE_CHECKING:
    from xml.etree import ElementTree

    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
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

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
RC: dict[RcKeyType, Any] = {
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


def legend(ax: Axes, loc: LegendLocType, handles: list[Any] | None = None) -> Any:
    """A legend inside the axes on a translucent white box, over the grid."""
    return ax.legend(
        handles=handles,
        loc=loc,
        handlelength=2.6,
        frameon=True,
        facecolor="white",
        edgecolor="none",
        framealpha=0.85,
    )


def usd_axis(ax: Axes, which: str) -> None:
    """USD ticks in one unit per axis ($m or $bn ...), chosen from the limits when drawn."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis = ax.xaxis if which == "x" else ax.yaxis

    def tick(value: float, _: int | None) -> str:
        return usd_tick(value, usd_scale(max(abs(limit) for limit in axis.get_view_interval())))

    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(tick))


def whiskers(bands: Sequence[Band]) -> list[list[float]]:
    """Error-bar lengths below and above each mean; never negative, even if a band is off."""
    return [
        [max(mean - low, 0.0) for mean, low, _ in bands],
        [max(high - mean, 0.0) for mean, _, high in bands],
    ]


def same_length(function: str, **columns: Sequence[object]) -> None:
    lengths = {name: len(values) for name, values in columns.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"{function}: inputs differ in length: {lengths}")


# Fixed layout. Matplotlib's constrained layout measures every tick label in a dry run and
# then draws again, which doubled the time of a brief's charts; the brief's charts place their
# axes themselves from the widths of the labels they will draw (matplotlib's own text metrics).
EDGE_PT = 4.0
"""Blank border around a chart."""
TICK_PT = 7.0
"""Tick length plus the pad between tick and label (matplotlib's defaults, 3.5 + 3.5)."""
LABEL_PAD_PT = 4.0
TITLE_PAD_PT = 6.0
LINE = 1.25
"""Height of one line of text per point of font size, with a little leading."""


def text_width_pt(texts: Iterable[str], size: float, *, bold: bool = False) -> float:
    """The widest of ``texts`` in points, as matplotlib will draw it (0 for none)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    widths = [text_to_path.get_text_width_height_descent(t, font, ismath=False)[0] for t in texts]
    return max(widths, default=0.0)


def tick_texts(axis: Axis) -> list[str]:
    """The major tick labels an axis will draw with its current limits, locator and formatter."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    locations = [loc for loc in axis.get_major_locator()() if low - slack <= loc <= high + slack]
    return [text for text in axis.get_major_formatter().format_ticks(locations) if text]


def y_margin_pt(ax: Axes, *, label: bool = True) -> float:
    """Room left of an axes for its y tick labels and (if any) its rotated axis label."""
    ticks = text_width_pt(tick_texts(ax.yaxis), float(RC["ytick.labelsize"]))
    room = EDGE_PT + (ticks + TICK_PT if ticks else 0.0)
    return room + (float(RC["axes.labelsize"]) * LINE + LABEL_PAD_PT if label else 0.0)


def x_margin_pt(*, label: bool = True, tick_lines: float = 1.0) -> float:
    """Room below an axes for its x tick labels and (if any) its axis label."""
    room = EDGE_PT + TICK_PT + float(RC["xtick.labelsize"]) * LINE * tick_lines
    return room + (float(RC["axes.labelsize"]) * LINE + LABEL_PAD_PT if label else 0.0)


def title_margin_pt(lines: int = 1, size: float | None = None) -> float:
    """Room above an axes for its title."""
    return EDGE_PT + (size or float(RC["axes.titlesize"])) * LINE * lines + TITLE_PAD_PT


def place(
    figure: Figure,
    axes: Sequence[Axes],
    *,
    left: float,
    right: float,
    bottom: float,
    top: float,
    gaps: Sequence[float] = (),
    ratios: Sequence[float] = (),
) -> None:
    """Put a row of axes at fixed margins, in points from the figure's edges.

    ``gaps`` are the points between neighbouring axes and ``ratios`` their relative widths.
    """
    width, height = (float(v) * 72 for v in figure.get_size_inches())
    shares = list(ratios) or [1.0] * len(axes)
    usable = width - left - right - sum(gaps)
    x = left
    for index, (ax, share) in enumerate(zip(axes, shares, strict=True)):
        ax_width = usable * share / sum(shares)
        ax.set_position(
            (x / width, bottom / height, ax_width / width, (height - bottom - top) / height)
        )
        x += ax_width + (gaps[index] if index < len(gaps) else 0.0)


def render_svg(
    name: str,
    key: object,
    height_cm: float,
    paint: Callable[[Figure], None],
    *,
    constrained: bool = False,
) -> str:
    """Draw a figure with the charts' settings and return it as inline SVG.

    The hash salt comes from the chart's input, so the output is reproducible and two different
    charts in one document do not share element ids.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    digest = hashlib.sha256(repr((name, key)).encode()).hexdigest()[:16]
    settings: dict[RcKeyType, Any] = {**RC, "svg.hashsalt": f"evaluator-{name}-{digest}"}
    buffer = io.StringIO()
    with paused_gc(), matplotlib.rc_context(settings), warnings.catch_warnings():
        # A label in a script DejaVu Sans lacks: the PDF renderer falls back to another font.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        size = (WIDTH_CM / _CM_PER_INCH, height_cm / _CM_PER_INCH)
        # Without a layout engine the figure is drawn once; ``paint`` then calls ``place``.
        figure = Figure(figsize=size, layout="constrained" if constrained else None)
        FigureCanvasSVG(figure)
        paint(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue())


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_NULL_ROTATION = re.compile(r"rotate\(-?0 [\d.e+-]+ [\d.e+-]+\)")
_REFERENCE = re.compile(r"#([A-Za-z_][\w.-]*)")


def _inline(svg: str) -> str:
    """Matplotlib's SVG file made lean and self-contained, to be drawn as an image.

    WeasyPrint draws an SVG node by node, parsing each ``style`` attribute as CSS, so the
    output keeps only what is drawn: no metadata and no ``*{...}`` stylesheet (its two
    properties move to the root element, where SVG inheritance carries them); ``style``
    declarations become presentation attributes; ``<g>`` wrappers without attributes and
    zero rotations go; ``xlink:href`` becomes SVG 2 ``href``; ids nothing refers to go (the
    referenced ones are hashes salted with the chart's input). The width is left to the page.
    This halves the time WeasyPrint takes to draw a chart and changes no pixel.
    """
    from xml.etree import ElementTree

    root = ElementTree.fromstring(_PROLOGUE.sub("", svg, count=1))
    referenced = set(_REFERENCE.findall(svg))
    _lean(root, referenced)
    root.text = None
    root.attrib.pop("height", None)
    root.tag = "svg"
    root.set("xmlns", _SVG_NS[1:-1])
    root.set("width", "100%")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    return ElementTree.tostring(root, encoding="unicode") + "\n"


def _lean(parent: ElementTree.Element, referenced: set[str]) -> None:
    """Apply :func:`_inline`'s reductions to ``parent``'s subtree, in place."""
    children: list[ElementTree.Element] = []
    for child in parent:
        tag = child.tag.removeprefix(_SVG_NS)
        if tag in ("metadata", "style"):
            continue
        _lean(child, referenced)
        if tag == "defs" and len(child) == 0:
            continue
        child.tag = tag
        if child.get("id") not in referenced:
            child.attrib.pop("id", None)
        if style := child.attrib.pop("style", None):
            for declaration in style.split(";"):
                name, _, value = declaration.partition(":")
                if name.strip():
                    child.set(name.strip(), value.strip().strip("'"))
        if href := child.attrib.pop(_XLINK_HREF, None):
            child.set("href", href)
        if _NULL_ROTATION.fullmatch(child.get("transform", "")):
            del child.attrib["transform"]
        if tag != "text":
            child.text = None
        child.tail = None
        if tag == "g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    parent[:] = children


def note_all_zero(ax: Axes) -> None:
    ax.text(
        0.5,
        0.75,
        "All values are zero",
        transform=ax.transAxes,
        ha="center",
        color=MID,
        bbox={"facecolor": "white", "edgecolor": "none"},
    )
