"""The sweep report (``evaluator sweep ... --report sweep.pdf``): the frontier the variants
trace, the best variants and what they change, in the brief's print design.

Every figure is a row of the sweep's results table (a variant evaluated with the sweep's draws);
nothing is computed here but the selection and the order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from evaluator import __version__
from evaluator.formatting import by_unit, money

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from evaluator.sweep.run import Plan, Row

TEMPLATE = "sweep.html.j2"
BEST_SHOWN = 10
AXES = (
    ("redistribution_usd", "efficiency_gain_usd"),
    ("pcbr", "overall"),
    ("pcbr", "efficiency_gain_usd"),
)
"""(x, y) of the frontier chart: the first pair the sweep keeps (scores are always kept)."""
HEADINGS = {
    "overall": "Overall",
    "efficiency_gain_usd": "Gain",
    "redistribution_usd": "Reshuffled",
    "pcbr": "PCBR",
}
LABELS = {
    "redistribution_usd": "Income reshuffled, USD a year (mean)",
    "efficiency_gain_usd": "Efficiency gain, USD a year (mean)",
    "pcbr": "Political cost-benefit ratio (mean)",
    "overall": "Overall score, 0-100 (mean)",
}


def _value(plan: Plan, row: Row, name: str) -> float | None:
    header = plan.header()
    value = row[header.index(f"{name}_mean")]
    return None if value is None else float(value)


def frontier_axes(plan: Plan) -> tuple[str, str]:
    """The chart's x and y: reshuffling against gain where the sweep keeps them."""
    kept = set(plan.metrics) | {"overall"}
    for x, y in AXES:
        if x in kept and y in kept:
            return x, y
    return ("overall", "overall") if not plan.metrics else (plan.metrics[0], "overall")


def frontier_chart(
    plan: Plan, rows: Sequence[Row], feasible: Sequence[bool], best: Row | None
) -> str:
    """Every variant as a point (the feasible ones in the accent colour), the best marked,
    and the upper-left frontier: the most of y for at most each x."""
    from evaluator.report.figure import ACCENT, INK, LIGHT, render_svg, usd_axis

    x_name, y_name = frontier_axes(plan)
    points = [
        (_value(plan, r, x_name), _value(plan, r, y_name), ok)
        for r, ok in zip(rows, feasible, strict=True)
    ]
    shown = [(x, y, ok) for x, y, ok in points if x is not None and y is not None]
    edge: list[tuple[float, float]] = []
    for x, y, ok in sorted(shown, key=lambda p: (p[0], -p[1])):
        if ok and (not edge or y > edge[-1][1]):
            edge.append((x, y))

    def paint(figure: Figure) -> None:
        ax = figure.subplots()
        for ok, colour, label in (
            (False, LIGHT, "other variants"),
            (True, ACCENT, "meet the constraints"),
        ):
            xs = [x for x, _, good in shown if good is ok]
            ys = [y for _, y, good in shown if good is ok]
            if xs:
                ax.plot(
                    xs, ys, linestyle="none", marker="o", markersize=2.5, color=colour, label=label
                )
        if edge:
            xs, ys = [x for x, _ in edge], [y for _, y in edge]
            ax.step(xs, ys, where="post", color=INK, linewidth=0.8, label="frontier")
        if best is not None:
            bx, by = _value(plan, best, x_name), _value(plan, best, y_name)
            if bx is not None and by is not None:
                label = f"best: variant {best[0]}"
                ax.plot([bx], [by], "*", markersize=9, color=INK, label=label)
        ax.set_xlabel(LABELS.get(x_name, x_name))
        ax.set_ylabel(LABELS.get(y_name, y_name))
        for name, which in ((x_name, "x"), (y_name, "y")):
            if name.endswith("_usd"):
                usd_axis(ax, which)
        ax.grid(color="#ececec", linewidth=0.6)
        ax.legend(loc="best")

    key = (x_name, y_name, [(x, y, ok) for x, y, ok in shown], best[0] if best else None)
    return render_svg("sweep-frontier", key, 8.5, paint, constrained=True)


def sweep_context(
    plan: Plan,
    rows: Sequence[Row],
    feasible: Sequence[bool],
    best: Row | None,
    *,
    paper: str,
    date: str,
    chart: str | None,
) -> dict[str, Any]:
    """Everything the template prints, formatted."""
    header = plan.header()
    sweep = plan.sweep
    base = plan.base
    objective = sweep.objective
    ranked = [r for r, ok in zip(rows, feasible, strict=True) if ok]
    if objective is not None:
        target = objective.target
        ranked = [r for r in ranked if _value(plan, r, target) is not None]
        sign = -1.0 if objective.maximize else 1.0
        ranked.sort(key=lambda r: (sign * (_value(plan, r, target) or 0.0), r[0]))
    columns = _shown_columns(plan)
    table = [
        {
            "variant": r[0],
            "settings": [_plain(r[header.index(d.column)]) for d in sweep.vary],
            "cells": [_band(plan, r, name) for name in columns],
        }
        for r in ranked[:BEST_SHOWN]
    ]
    changes = []
    if best is not None:
        from evaluator.sweep.variants import _lookup  # the base's own value at the path

        for d in sweep.vary:
            was = _lookup(base, d.path.replace("[*]", "[0]"))
            now = best[header.index(d.column)]
            before = "(the tool's default)" if was is None else _plain(was)
            changes.append({"path": d.column, "base": before, "best": _plain(now)})
    errors = sum(1 for r in rows if r[header.index("error")])
    return {
        "version": __version__,
        "paper": paper,
        "date": date,
        "title": f"Sweep of {base.short_title or base.title}",
        "base": base.title,
        "base_file": sweep.base,
        "sampling": sweep.sampling,
        "variants": f"{len(rows):,}",
        "draws": f"{sweep.draws:,}",
        "seed": sweep.seed,
        "dimensions": [{"path": d.column, "shown": _describe(d)} for d in sweep.vary],
        "constraints": [
            " and ".join(
                part
                for part in (
                    f"{c.metric} at most {c.max:g}" if c.max is not None else "",
                    f"{c.metric} at least {c.min:g}" if c.min is not None else "",
                )
                if part
            )
            for c in sweep.constraints
        ],
        "objective": None
        if objective is None
        else (f"{'maximise' if objective.maximize else 'minimise'} {objective.target}"),
        "feasible": f"{sum(feasible):,}",
        "errors": f"{errors:,}",
        "best": None if best is None else best[0],
        "chart": chart,
        "x_label": LABELS.get(frontier_axes(plan)[0], frontier_axes(plan)[0]),
        "y_label": LABELS.get(frontier_axes(plan)[1], frontier_axes(plan)[1]),
        "table_dimensions": [_short(d.column) for d in sweep.vary],
        "table_columns": [HEADINGS.get(name, name) for name in columns],
        "table": table,
        "changes": changes,
    }


def _shown_columns(plan: Plan) -> list[str]:
    wanted = [plan.sweep.objective.target] if plan.sweep.objective else []
    for name in ("overall", "efficiency_gain_usd", "redistribution_usd", "pcbr"):
        if name not in wanted and (name == "overall" or name in plan.metrics):
            wanted.append(name)
    return wanted[: max(2, 8 - len(plan.sweep.vary))]  # the table fits the page


def _band(plan: Plan, row: Row, name: str) -> dict[str, str]:
    header = plan.header()
    mean, low, high = (row[header.index(f"{name}_{s}")] for s in ("mean", "p05", "p95"))
    if mean is None:
        return {"main": "not assessed", "band": ""}
    if name.endswith("_usd"):
        return {"main": money(float(mean)), "band": f"{money(float(low))}–{money(float(high))}"}
    return {"main": f"{float(mean):.3g}", "band": f"{float(low):.3g}–{float(high):.3g}"}


def _plain(value: Any) -> str:
    """A value as the tables show it: numbers to 6 significant digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return str(value)
    if isinstance(value, int | float):
        return f"{value:.6g}"
    return "" if value is None else str(value)


def _short(column: str) -> str:
    """A dimension's column as a table heading: its last two path steps."""
    return ".".join(column.split(".")[-2:])


def _describe(dimension: Any) -> str:
    if dimension.values is not None:
        return ", ".join(_plain(v) for v in dimension.values)
    r = dimension.range
    steps = f", {r.steps} points" if r.steps else ""
    return f"{r.low:g} to {r.high:g}{steps}"


def sweep_pdf_bytes(
    plan: Plan,
    rows: Sequence[Row],
    feasible: Sequence[bool],
    best: Row | None,
    *,
    paper: str = "a4",
    date: dt.date | None = None,
) -> bytes:
    """The sweep report as PDF bytes (the same for the same table and date)."""
    from evaluator.report.context import _data_uri
    from evaluator.report.pdf import page_size, pdf_bytes, render_template, today

    day = date or today()
    chart = _data_uri(frontier_chart(plan, rows, feasible, best)) if rows else None
    context = sweep_context(
        plan, rows, feasible, best, paper=page_size(paper), date=day.isoformat(), chart=chart
    )
    return pdf_bytes(render_template(TEMPLATE, context), day=day)


__all__ = ["by_unit", "sweep_pdf_bytes"]
