"""Charts for the brief: well-formed, reproducible, inline-ready SVG that survives any label."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from evaluator.report import charts
from tests.conftest import PROPOSALS, ROOT

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</svg><script>alert(1)</script> & $x$"
DIMENSION_LABELS = {
    "efficiency": "Efficiency",
    "redistribution": "Redistribution",
    "labor_voice": "Labour voice",
    "policy_space": "Policy space",
    "overall": "Overall",
}
Band = tuple[float, float, float]


def scores() -> str:
    return charts.scores_chart(
        {
            "efficiency": (62.0, 48.0, 71.0),
            "redistribution": (35.0, 20.0, 52.0),
            "labor_voice": None,
            "policy_space": (80.0, 80.0, 80.0),
            "overall": (58.4, 47.0, 66.0),
        },
        DIMENSION_LABELS,
    )


def pcbr() -> str:
    return charts.pcbr_chart(
        [0.02, 0.05, 0.12, 0.30, 0.0],
        [104.0, 42.0, None, 7.7, -3.0],
        [4e9, 1.2e9, 5e8, 2e8, 1e7],
        ["Motor cars", "Machinery", "Rice", "Footwear", "Wine"],
    )


def frontier() -> str:
    return charts.frontier_chart([0.0, 3e6, 5e6, 5.5e6], [0.0, 2e7, 9e7, 2.6e8], 5e6, 1.2e8)


def origins(wage: Band | None = (-0.12, -0.35, 0.02)) -> str:
    return charts.origins_chart(
        ["Pakistan", "Nigeria"],
        [(3.1e9, 2.2e9, 4.4e9), (5.2e9, 3e9, 8e9)],
        [(4.6e8, 3e8, 6.6e8), (7.8e8, 4e8, 1.2e9)],
        wage,
    )


EXAMPLES: dict[str, Callable[[], str]] = {
    "scores": scores,
    "pcbr": pcbr,
    "frontier": frontier,
    "origins": origins,
    "origins without natives": lambda: origins(None),
}


def parse(svg: str) -> ET.Element:
    """The chart as XML, checked to be an inline-ready, scalable <svg> element."""
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    return root


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in parse(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("name", EXAMPLES)
def test_charts_are_inline_svg_sized_for_an_a4_column(name: str) -> None:
    root = parse(EXAMPLES[name]())
    _, _, width_pt, height_pt = (float(value) for value in root.get("viewBox", "").split())
    assert width_pt / 72 * 2.54 == pytest.approx(16.0)
    assert 4.0 <= height_pt / 72 * 2.54 <= 8.0
    assert root.find(f"{SVG}metadata") is None and root.find(f".//{SVG}style") is None


@pytest.mark.parametrize("name", EXAMPLES)
def test_charts_are_reproducible_to_the_byte(name: str) -> None:
    assert EXAMPLES[name]() == EXAMPLES[name]()


def test_output_is_the_same_in_a_fresh_process() -> None:
    code = "from tests.test_charts import frontier; import sys; sys.stdout.write(frontier())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout == frontier()


def test_text_stays_text_in_dejavu_sans() -> None:
    svg = scores()
    assert "Redistribution" in texts(svg) and "<path" in svg
    fonts = set(re.findall(r'font-family="([^"]+)"', svg))
    assert fonts == {"DejaVu Sans"}


@pytest.mark.parametrize("name", EXAMPLES)
def test_svg_is_lean_for_the_pdf_renderer(name: str) -> None:
    svg = EXAMPLES[name]()
    assert " style=" not in svg and "xlink:" not in svg and "<g>" not in svg
    assert "rotate(-0 " not in svg and "\n" not in svg.rstrip("\n")


def test_leaning_the_svg_changes_no_pixel(monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    import numpy as np
    import pypdfium2

    from evaluator.report import figure
    from evaluator.report.pdf import pdf_bytes

    raw: list[str] = []
    lean = figure._inline
    monkeypatch.setattr(figure, "_inline", lambda svg: raw.append(svg) or lean(svg))
    svg = pcbr()

    def pixels(image: str) -> object:
        uri = "data:image/svg+xml;base64," + base64.b64encode(image.encode()).decode()
        pdf = pdf_bytes(f'<html><body><img src="{uri}" style="width: 100%"></body></html>')
        return np.asarray(pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil())

    assert np.array_equal(pixels(raw[0]), pixels(svg))


def test_ids_are_referenced_and_differ_between_charts() -> None:
    def ids(svg: str) -> set[str]:
        return {element.get("id", "") for element in parse(svg).iter() if element.get("id")}

    first, second = pcbr(), frontier()
    assert ids(first) and not ids(first) & ids(second)
    assert all(f"#{name}" in first for name in ids(first))


def test_hostile_labels_are_escaped_and_never_mathtext() -> None:
    scored = charts.scores_chart({"efficiency": (50.0, 40.0, 60.0)}, {"efficiency": HOSTILE})
    assert HOSTILE in texts(scored)  # one text, `$x$` kept literally rather than typeset
    assert "<script" not in scored and "&lt;/svg&gt;&lt;script&gt;" in scored
    lines = charts.pcbr_chart([0.1], [20.0], [1e9], [HOSTILE])
    assert charts.clean_label(HOSTILE) in texts(lines) and "<script" not in lines
    by_origin = charts.origins_chart([HOSTILE], [(1.0, 0.0, 2.0)], [(1.0, 0.0, 2.0)], None)
    assert charts.clean_label(HOSTILE, charts.COUNTRY_CHARS) in texts(by_origin)


def test_dollar_ticks_are_plain_text() -> None:
    assert {"$0", "$2m", "$4m"} <= set(texts(frontier()))


def test_labels_lose_control_characters_and_keep_other_scripts() -> None:
    label = "Ri\x00ce\x0b\u2028 北京 café 🚢"
    assert charts.clean_label(label) == "Ri ce 北京 café 🚢"
    svg = charts.pcbr_chart([0.1], [20.0], [1e9], [label])  # glyphs DejaVu lacks: no warning
    assert "Ri ce 北京 café 🚢" in texts(svg)


def test_long_labels_are_shortened() -> None:
    label = "Parts and accessories of the motor vehicles of headings 87.01 to 87.05"
    assert charts.clean_label(label) == "Parts and accessories o…"
    assert len(charts.clean_label(label)) == charts.LABEL_CHARS


@pytest.mark.parametrize(
    "svg",
    [
        charts.scores_chart({}, {}),
        charts.pcbr_chart([], [], [], []),
        charts.pcbr_chart([0.1, 0.0], [None, -2.0], [1e9, 1e9], ["a", "b"]),
        charts.frontier_chart([], [], 0.0, 0.0),
        charts.origins_chart([], [], [], None),
    ],
)
def test_empty_input_gives_a_small_no_data_svg(svg: str) -> None:
    root = parse(svg)
    assert "matplotlib" not in svg and len(svg) < 1000
    assert any(text.startswith("No ") for text in texts(svg)), root


EDGE_CASES: dict[str, Callable[[], str]] = {
    "scores, all n/a": lambda: charts.scores_chart(dict.fromkeys(DIMENSION_LABELS), {}),
    "scores, zeros and out-of-band": lambda: charts.scores_chart(
        {"efficiency": (0.0, 0.0, 0.0), "overall": (100.0, 100.0, 100.0)}, {}
    ),
    "scores, one dimension": lambda: charts.scores_chart({"overall": (50.0, 60.0, 40.0)}, {}),
    "pcbr, one line": lambda: charts.pcbr_chart([0.1], [20.0], [1e9], ["Cars"]),
    "pcbr, no imports": lambda: charts.pcbr_chart([0.1, 0.2], [20.0, 10.0], [0.0, 0.0], ["a", "b"]),
    "pcbr, huge range": lambda: charts.pcbr_chart(
        [1e-6, 0.01, 3.5], [2e6, 200.0, 0.8], [1.0, 1e12, 5e5], ["tiny", "big", "peak"]
    ),
    "pcbr, zero and negative rates": lambda: charts.pcbr_chart(
        [0.0, -0.01, 0.1], [5.0, 3.0, 20.0], [1e6, -5.0, 1e6], ["a", "b", "c"]
    ),
    "frontier, one point": lambda: charts.frontier_chart([0.0], [0.0], 0.0, 0.0),
    "frontier, all zero": lambda: charts.frontier_chart([0.0, 0.0, 0.0], [0.0] * 3, 0.0, 0.0),
    "frontier, negative gains": lambda: charts.frontier_chart(
        [0.0, -2e6, -5e6], [0.0, 3e7, 8e7], -5e6, 8e7
    ),
    "frontier, huge range": lambda: charts.frontier_chart(
        [0.0, 1e-3, 1e13], [0.0, 5.0, 1e15], 1e12, 1e14
    ),
    "frontier, no proposal point": lambda: charts.frontier_chart(
        [0.0, 1e6], [0.0, 1e7], float("nan"), float("nan")
    ),
    "origins, one country, all zero": lambda: charts.origins_chart(
        ["Jamaica"], [(0.0, 0.0, 0.0)], [(0.0, 0.0, 0.0)], (0.0, 0.0, 0.0)
    ),
    "origins, many countries, negative": lambda: charts.origins_chart(
        [f"Country number {index}" for index in range(15)],
        [(-1e6 * index, -2e6 * index, 1e5) for index in range(15)],
        [(1e12, 1e11, 3e12)] * 15,
        (1e-4, -3.0, 2.5),
    ),
}


@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases_draw_without_warnings(name: str) -> None:
    parse(EDGE_CASES[name]())  # filterwarnings = error and numpy errors raise (conftest)


def test_scores_mark_what_does_not_apply() -> None:
    assert "n/a" in texts(charts.scores_chart({"labor_voice": None}, {}))


def test_pcbr_notes_lines_left_out_and_labels_the_three_largest() -> None:
    shown = texts(pcbr())
    assert "2 lines not shown: PCBR undefined or not positive" in shown
    assert {"Motor cars", "Machinery", "Footwear"} <= set(shown) and "Wine" not in shown


def test_origins_draws_the_natives_panel_only_when_given() -> None:
    assert "-0.12%" in texts(origins()) and "-0.12%" not in texts(origins(None))


@pytest.mark.parametrize(
    "draw",
    [
        lambda: charts.pcbr_chart([0.1], [20.0, 3.0], [1e9], ["a"]),
        lambda: charts.frontier_chart([0.0, 1.0], [0.0], 0.0, 0.0),
        lambda: charts.origins_chart(["A", "B"], [(1.0, 0.0, 2.0)], [(1.0, 0.0, 2.0)], None),
    ],
)
def test_inputs_of_different_lengths_are_refused(draw: Callable[[], str]) -> None:
    with pytest.raises(ValueError, match="differ in length"):
        draw()


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="not finite"):
        charts.scores_chart({"efficiency": (float("nan"), 0.0, 1.0)}, {})
    with pytest.raises(ValueError, match="finite"):
        charts.frontier_chart([0.0, float("inf")], [0.0, 1.0], 0.0, 0.0)
    with pytest.raises(ValueError, match="finite"):
        charts.origins_chart(["A"], [(1.0, 0.0, 2.0)], [(1.0, 0.0, 2.0)], (float("nan"), 0, 1))


def test_drawing_leaves_matplotlib_settings_alone() -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    pcbr()
    assert dict(matplotlib.rcParams) == before


def test_importing_charts_does_not_import_matplotlib_and_drawing_avoids_pyplot() -> None:
    code = (
        "import sys, evaluator.report.charts as c; print('matplotlib' in sys.modules); "
        "c.scores_chart({'overall': (1.0, 0.0, 2.0)}, {}); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    ("value", "scale", "text"),
    [(2.5e9, 1e9, "$2.5bn"), (-7.5e5, 1e3, "-$750k"), (1e12, 1e12, "$1tn"), (1e-9, 1e6, "$0")],
)
def test_usd_ticks(value: float, scale: float, text: str) -> None:
    assert charts.usd_tick(value, scale) == text


LONG = "Wholesale and retail trade services, except motor vehicles"  # cut to the label limit

CROWDED: dict[str, Callable[[], str]] = {
    "scores with the longest labels": lambda: charts.scores_chart(
        {key: (100.0, 100.0, 100.0) for key in DIMENSION_LABELS},
        {key: LONG for key in DIMENSION_LABELS},
    ),
    "origins with many long names": lambda: charts.origins_chart(
        [f"{LONG} {i}" for i in range(9)],
        [(-3.1e12, -4.4e12, 9.9e12)] * 9,
        [(4.6e11, 3e11, 6.6e11)] * 9,
        (-12.5, -35.25, 10.0),
    ),
    "pcbr with extreme values": lambda: charts.pcbr_chart(
        [0.001, 3.5], [1e6, 0.02], [1e12, 1.0], [LONG, LONG]
    ),
    "frontier in trillions": lambda: charts.frontier_chart(
        [0.0, 3e12, 9.5e12], [0.0, -2e12, 4.4e13], 9.5e12, 4.4e13
    ),
}


@pytest.mark.parametrize("name", [*EXAMPLES, *CROWDED])
def test_fixed_margins_keep_every_label_inside_the_chart(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief's charts place their axes by hand: nothing drawn may fall outside the figure."""
    from matplotlib.figure import Figure

    outside: list[str] = []
    save = Figure.savefig

    def checked(figure: Figure, *args: object, **kwargs: object) -> None:
        save(figure, *args, **kwargs)  # type: ignore[arg-type]
        renderer = figure._get_renderer()  # type: ignore[attr-defined]
        box = figure.bbox
        for ax in figure.axes:  # ticks drawn, labels, title, legend and artists, as clipped
            extent = ax.get_tightbbox(renderer)
            if extent is not None and (
                extent.x0 < box.x0 - 0.5
                or extent.x1 > box.x1 + 0.5
                or extent.y0 < box.y0 - 0.5
                or extent.y1 > box.y1 + 0.5
            ):
                outside.append(f"{ax.get_title() or 'axes'}: {extent.bounds} in {box.bounds}")

    monkeypatch.setattr(Figure, "savefig", checked)
    (EXAMPLES | CROWDED)[name]()
    assert not outside


@pytest.mark.parametrize("name", ["nafta_us_1994", "nafta_canada_1994", "cptpp_style"])
def test_bubble_labels_overlap_neither_each_other_nor_the_legend(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

    from evaluator.evaluation import evaluate
    from evaluator.loading import load_proposal

    chart = evaluate(load_proposal(PROPOSALS / f"{name}.yaml"), draws=200).tariff_chart
    assert chart is not None
    boxes: list[list[object]] = []
    save = Figure.savefig

    def checked(figure: Figure, *args: object, **kwargs: object) -> None:
        save(figure, *args, **kwargs)  # type: ignore[arg-type]
        renderer = figure._get_renderer()  # type: ignore[attr-defined]
        for ax in figure.axes:
            notes = [c for c in ax.get_children() if isinstance(c, Annotation)]
            found = [n.get_window_extent(renderer) for n in notes]
            legend = ax.get_legend()
            if legend is not None:
                found.append(legend.get_window_extent(renderer))
            boxes.append(found)

    monkeypatch.setattr(Figure, "savefig", checked)
    charts.pcbr_chart(
        [p.base_rate for p in chart.lines],
        [p.pcbr for p in chart.lines],
        [p.imports_usd for p in chart.lines],
        [p.label for p in chart.lines],
    )
    (found,) = boxes
    assert len(found) >= 2
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert not a.overlaps(b), (a, b)  # type: ignore[attr-defined]


def test_tied_scores_keep_their_markers_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    from evaluator.report.comparison_charts import robustness_chart

    points: list[tuple[float, float]] = []
    save = Figure.savefig

    def checked(figure: Figure, *args: object, **kwargs: object) -> None:
        save(figure, *args, **kwargs)  # type: ignore[arg-type]
        for ax in figure.axes:
            for line in ax.get_lines():
                xs, ys = line.get_xdata(), line.get_ydata()
                points.extend(zip(map(float, xs), map(float, ys), strict=True))  # type: ignore[arg-type]

    monkeypatch.setattr(Figure, "savefig", checked)
    robustness_chart([0.5, 0.5, 0.0], {"balanced": [86.0, 86.0, 86.0], "other": [100.0] * 3})
    assert len(points) == 6 and len(set(points)) == 6
