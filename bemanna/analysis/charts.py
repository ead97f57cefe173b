"""Vega-Lite chart specs, built with Altair, rendered to SVG on the server.

The same spec feeds the web page, the PDF and the Excel report, so all three show one
picture. Text in the specs comes in already translated; this module knows no language.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import altair as alt

from bemanna.analysis.coarsen import as_shown

# Checking each spec against the Vega-Lite schema is most of the time it takes to build it;
# the tests turn it on (bemanna/conftest.py), so a wrong spec still fails there.
VALIDATE = False

PALETTE = {"K": "#7b3294", "M": "#008837"}
# Colours a colour-blind reader tells apart (issue 16): Okabe & Ito's blue, vermillion,
# bluish green and black (the four of their eight with 3:1 or more against white, and apart
# under simulated protanopia and deuteranopia; their reddish purple is too near the blue), and
# a dark grey. Vega-Lite's own palette put a red beside a green. Every series also has its own
# dash and point shape, so colour is never the only thing that tells two series apart
# (WCAG 1.4.1); the tests measure the colours (bemanna/analysis/tests/test_chart_colours.py).
SERIES = ["#0072B2", "#D55E00", "#009E73", "#000000", "#5a5a5a"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]]
SHAPES = ["circle", "square", "triangle-up", "diamond", "triangle-down"]
# Good news and bad news (a change, a lever's effect on the gap): bluish green and vermillion,
# each with a sign or a shape beside it; a heat map runs from orange to blue.
GOOD, BAD, NEUTRAL, TOTAL = "#009E73", "#D55E00", "#1f4e79", "#00334e"
DIVERGING = ["#e66101", "#f7f7f7", "#4393c3"]
# Every text in a chart at 12 px or more (issue 16): Vega-Lite's own axis and legend labels
# are 10 px, its axis titles 11. A legend's entries stand one under the other, whole: side by
# side, a long series name was cut short and ran into the next entry's symbol in the PDF
# (whose font is wider than the one the layout was measured with). Applied when a spec is
# drawn, so every chart has it. Text is measured for the layout in the font the PDF draws it
# in (DejaVu Sans, wider than the one measured before): a long title ran off the picture.
READABLE: dict[str, Any] = {
    "font": "DejaVu Sans, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "direction": "vertical",
        "labelLimit": 400,
    },
    "header": {"labelFontSize": 12, "titleFontSize": 12},
    "title": {"fontSize": 14, "subtitleFontSize": 12},
    "text": {"fontSize": 12},
    "range": {"category": SERIES},
}
# Bumped when the drawing changes in a way the spec does not show (the month names below), so a
# picture kept from before (`bemanna.charts`) is not served after it.
STYLE = 2


def time_locale(locale: str) -> Any:
    """vl-convert's time locale, but a Swedish month or day in lower case ("mars 2026"), as
    Swedish writes it: its own sv-SE has "Mars"."""
    import vl_convert

    if not locale.startswith("sv"):
        return locale
    words = dict(vl_convert.get_time_format_locale(locale))  # type: ignore[arg-type]
    for key in ("months", "shortMonths", "days", "shortDays"):
        words[key] = [word.lower() for word in words[key]]
    return words


def _series(field: str, *, shape: bool = False) -> dict[str, Any]:
    """A series told apart by its colour, its dash and (on points) its shape, in one legend."""
    # One legend of lines, each drawn in its series' colour and dash.
    legend = alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=400)
    encodings: dict[str, Any] = {
        "color": alt.Color(field, title=None, legend=legend),
        "strokeDash": alt.StrokeDash(
            field, title=None, scale=alt.Scale(range=DASHES), legend=legend
        ),
    }
    if shape:
        encodings["shape"] = alt.Shape(
            field, title=None, scale=alt.Scale(range=SHAPES), legend=None
        )
    return encodings


def _band_fill(field: str) -> alt.Fill:
    """A band in its line's colour, without a legend of its own: the line's legend (colour,
    dash) names both; a second legend from the band's colour stood beside it."""
    return alt.Fill(field, scale=alt.Scale(range=SERIES), legend=None)


def _label(level: float, text: str, colour: str) -> alt.Chart:
    """A horizontal rule's name written at its right end, above it: a target or a baseline is
    told by its words, not by its colour alone."""
    label: alt.Chart = (
        alt.Chart(alt.Data(values=[{"y": level, "label": text}]))  # type: ignore[no-untyped-call]
        .mark_text(align="right", baseline="bottom", dy=-3, color=colour, fontWeight="bold")
        .encode(y="y:Q", x=alt.value("width"), text="label:N")
    )
    return label


def age_pyramid_spec(
    rows: list[dict[str, Any]], *, labels: dict[str, str], title: str
) -> dict[str, Any]:
    """A population pyramid: age bands down, women to the left and men to the right.

    Examples:
        >>> spec = age_pyramid_spec(
        ...     [{"band": "30–39", "sex": "K", "headcount": 4}],
        ...     labels={"K": "Kvinnor", "M": "Män", "band": "Ålder", "headcount": "Antal"},
        ...     title="Åldersstruktur",
        ... )
        >>> spec["data"]["values"][0]["signed"]
        -4
    """
    values = [
        {
            **row,
            "signed": -row["headcount"] if row["sex"] == "K" else row["headcount"],
            "sex_label": labels[row["sex"]],
            # What a screen reader says of the bar (without it Vega reads every encoding,
            # the sides' axis title and a field's name included).
            "said": f"{labels[row['sex']]}; {labels['band']}: {row['band']}; "
            f"{labels['headcount']}: {row['headcount']}",
        }
        for row in rows
    ]
    data = alt.Data(values=values)  # type: ignore[no-untyped-call]
    order = list(dict.fromkeys(row["band"] for row in rows))[::-1]  # oldest band on top
    chart = (
        alt.Chart(data, title=title, width=360, height=180)
        .mark_bar()
        .encode(
            y=alt.Y("band:N", sort=order, title=labels["band"]),
            x=alt.X(
                "signed:Q",
                # The sides named in words too, not only by the colours of the legend.
                title=f"← {labels['K']} · {labels['headcount']} · {labels['M']} →",
                axis=alt.Axis(labelExpr="abs(datum.value)"),
            ),
            color=alt.Color(
                "sex_label:N",
                title=None,
                scale=alt.Scale(
                    domain=[labels["K"], labels["M"]], range=[PALETTE["K"], PALETTE["M"]]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            description=alt.Description("said:N"),
            tooltip=[
                alt.Tooltip("band:N", title=labels["band"]),
                alt.Tooltip("sex_label:N", title=" "),
                alt.Tooltip("headcount:Q", title=labels["headcount"]),
            ],
        )
        .configure_view(stroke=None)
    )
    spec: dict[str, Any] = chart.to_dict(validate=VALIDATE)
    return spec


def band_spec(
    rows: list[dict[str, Any]],
    *,
    labels: dict[str, str],
    title: str,
    width: int = 420,
    height: int = 200,
) -> dict[str, Any]:
    """P10–P90 bands (areas) with the median (line) for one or more series over years.

    Each row: year, series, p10, p50, p90. The series names are already translated.

    Examples:
        >>> spec = band_spec([{"year": 2026, "series": "Gap", "p10": 1, "p50": 2, "p90": 3}],
        ...                  labels={"year": "År", "value": "Årsarbetare"}, title="Gap")
        >>> [layer["mark"]["type"] for layer in spec["layer"]]
        ['area', 'line']
    """
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=width, height=height)
    x = alt.X("year:O", title=labels["year"], axis=alt.Axis(labelAngle=0))
    series = _series("series:N", shape=True)
    band = base.mark_area(opacity=0.25).encode(
        x=x,
        y=alt.Y("p10:Q", title=labels["value"], scale=alt.Scale(zero=False)),
        y2="p90:Q",
        fill=_band_fill("series:N"),
    )
    line = base.mark_line(point=True).encode(
        x=x,
        y="p50:Q",
        **series,
        tooltip=[
            alt.Tooltip("year:O", title=labels["year"]),
            "series:N",
            alt.Tooltip("p10:Q", format=",.0f"),
            alt.Tooltip("p50:Q", format=",.0f"),
            alt.Tooltip("p90:Q", format=",.0f"),
        ],
    )
    spec: dict[str, Any] = (
        alt.layer(band, line).configure_view(stroke=None).to_dict(validate=VALIDATE)
    )
    return spec


def band_facet_spec(
    rows: list[dict[str, Any]], *, labels: dict[str, str], title: str, columns: int = 3
) -> dict[str, Any]:
    """Small multiples: one band chart per profession group (rows carry a `group`).

    Examples:
        >>> spec = band_facet_spec(
        ...     [{"group": "Läkare", "year": 2026, "series": "Gap", "p10": 1, "p50": 2,
        ...       "p90": 3}], labels={"year": "År", "value": "Årsarbetare"}, title="Gap")
        >>> spec["facet"]["field"], spec["columns"]
        ('group', 3)
    """
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, width=200, height=110)
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    series = _series("series:N")
    band = base.mark_area(opacity=0.25).encode(
        x=x, y=alt.Y("p10:Q", title=labels["value"]), y2="p90:Q", color=series["color"]
    )
    # In small multiples Vega-Lite draws the layers' legends as one only when the dash has
    # none of its own (the forecast's has one series; the facet's title names each panel).
    line = base.mark_line().encode(
        x=x,
        y="p50:Q",
        color=series["color"],
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(range=DASHES), legend=None),
    )
    chart = (
        alt.layer(band, line)
        .facet(facet=alt.Facet("group:N", title=None), columns=columns, title=title)
        .resolve_scale(y="independent")
        .configure_view(stroke=None)
    )
    spec: dict[str, Any] = chart.to_dict(validate=VALIDATE)
    return spec


def waterfall_spec(
    steps: list[dict[str, Any]], *, labels: dict[str, str], title: str
) -> dict[str, Any]:
    """Bars from the baseline gap, each lever's effect, to the scenario's gap.

    Each step: label, effect, kind ("total" or "effect").

    Examples:
        >>> spec = waterfall_spec(
        ...     [{"label": "Utgångsläge", "effect": 100.0, "kind": "total"},
        ...      {"label": "Senare pension", "effect": -30.0, "kind": "effect"},
        ...      {"label": "Scenario", "effect": 70.0, "kind": "total"}],
        ...     labels={"value": "Årsarbetare"}, title="Gap")
        >>> [(v["start"], v["end"]) for v in spec["data"]["values"]]
        [(0.0, 100.0), (100.0, 70.0), (0.0, 70.0)]
    """
    values = []
    level = 0.0
    for order, step in enumerate(steps):
        if step["kind"] == "total":
            start, end = 0.0, float(step["effect"])
            level = end
        else:
            start, end = level, level + float(step["effect"])
            level = end
        values.append(
            {
                **step,
                "start": start,
                "end": end,
                "order": order,
                "sign": "total"
                if step["kind"] == "total"
                else ("up" if step["effect"] > 0 else "down"),
                "top": max(start, end),
            }
        )
    data = alt.Data(values=values)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=460, height=220)
    x = alt.X(
        "label:N",
        sort=alt.SortField("order"),
        title=None,
        axis=alt.Axis(labelAngle=-30, labelLimit=160),
    )
    # Each bar's figure above it, a lever's with its sign (+30, −30): which way a lever moves
    # the gap is written, not told by green and red alone.
    figures = [
        base.mark_text(baseline="bottom", dy=-3)
        .transform_filter(f"datum.kind {test} 'total'")
        .encode(x=x, y="top:Q", text=alt.Text("effect:Q", format=fmt))
        for test, fmt in (("===", ",.0f"), ("!==", "+,.0f"))
    ]
    bars = base.mark_bar().encode(
        x=x,
        y=alt.Y("start:Q", title=labels["value"]),
        y2="end:Q",
        color=alt.Color(
            "sign:N",
            legend=None,
            scale=alt.Scale(domain=["total", "down", "up"], range=[TOTAL, GOOD, BAD]),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("effect:Q", format=",.0f", title=labels["value"]),
        ],
    )
    chart = alt.layer(bars, *figures).configure_view(stroke=None)
    spec: dict[str, Any] = chart.to_dict(validate=VALIDATE)
    return spec


def lines_spec(
    rows: list[dict[str, Any]],
    *,
    labels: dict[str, str],
    title: str,
    bars: bool = False,
    target: float | None = None,
    number_format: str = ",.0f",
) -> dict[str, Any]:
    """Simple lines (or grouped bars) of `value` per year and series; a target, when given,
    is a dashed green rule labelled `labels["target"]`.

    Examples:
        >>> spec = lines_spec([{"year": "2025", "series": "A", "value": 4.2}],
        ...     labels={"year": "År", "value": "%", "target": "Mål"}, title="T", target=4.0)
        >>> [layer["mark"]["type"] for layer in spec["layer"]]
        ['line', 'rule', 'text']
    """
    # No more precision than the tooltip writes: the SVG's descriptions of the points carry
    # the data as given (a hired share of 1.90476190476 % gave its two sums away).
    places = re.search(r"\.(\d+)f", number_format)
    if places is not None:
        digits = int(places[1])
        rows = [
            {
                **row,
                "value": None if row["value"] is None else float(as_shown(row["value"], digits)),
            }
            for row in rows
        ]
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=420, height=200)
    x = alt.X("year:O", title=labels["year"], axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=labels["value"])
    series = _series("series:N", shape=True)
    tooltip = [
        alt.Tooltip("year:O", title=labels["year"]),
        "series:N",
        alt.Tooltip("value:Q", format=number_format),
    ]
    if bars:
        # Side by side in the legend's order, each bar its series' colour and a dark outline.
        chart = base.mark_bar(stroke="#1d1d1b", strokeWidth=0.5).encode(
            x=x,
            y=y,
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
            xOffset="series:N",
            tooltip=tooltip,
        )
    else:
        chart = base.mark_line(point=True).encode(x=x, y=y, **series, tooltip=tooltip)
    if target is not None:
        rule = (
            alt.Chart(alt.Data(values=[{"y": target, "label": labels["target"]}]))  # type: ignore[no-untyped-call]
            .mark_rule(color="#1b6b3a", strokeDash=[4, 3], strokeWidth=2)
            .encode(y="y:Q", tooltip=["label:N", alt.Tooltip("y:Q", format=number_format)])
        )
        chart = alt.layer(chart, rule, _label(target, labels["target"], "#1b6b3a"))
    spec: dict[str, Any] = chart.configure_view(stroke=None).to_dict(validate=VALIDATE)
    return spec


def heatmap_spec(
    cells: list[dict[str, Any]], *, labels: dict[str, str], title: str
) -> dict[str, Any]:
    """Units × waves, coloured by eNPS; a hidden cell is grey and says why, never a number.

    Each cell: unit, wave, value (None when hidden), text.

    Examples:
        >>> spec = heatmap_spec([{"unit": "A", "wave": "2026-01", "value": None, "text": "<5"}],
        ...                     labels={"unit": "Enhet", "wave": "Omgång"}, title="eNPS")
        >>> spec["layer"][0]["mark"]["type"], spec["data"]["values"][0]["value"]
        ('rect', None)
    """
    data = alt.Data(values=cells)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=alt.Step(56), height=alt.Step(22))
    x = alt.X("wave:O", title=labels["wave"], axis=alt.Axis(labelAngle=-40))
    y = alt.Y("unit:N", title=labels["unit"], sort=None)
    rect = base.mark_rect(stroke="white").encode(
        x=x,
        y=y,
        color=alt.condition(
            "datum.value === null",
            alt.value("#d9d9d6"),
            alt.Color(
                "value:Q",
                title="eNPS",
                scale=alt.Scale(domain=[-100, 0, 100], range=DIVERGING),
            ),
        ),
        tooltip=[
            alt.Tooltip("unit:N", title=labels["unit"]),
            alt.Tooltip("wave:O", title=labels["wave"]),
            alt.Tooltip("text:N", title="eNPS"),
        ],
    )
    text = base.mark_text(fontSize=12).encode(x=x, y=y, text="text:N")
    spec: dict[str, Any] = (
        alt.layer(rect, text).configure_view(stroke=None).to_dict(validate=VALIDATE)
    )
    return spec


def interval_spec(
    rows: list[dict[str, Any]], *, labels: dict[str, str], title: str
) -> dict[str, Any]:
    """A score per wave with its 95 % interval as a bar; a hidden wave is left out.

    Each row: wave, value, low, high, and `marked` (a significant change from the wave before)
    with `change` "better" or "worse" saying which way: an improvement is green, a decline
    orange, never the same red for both.

    Examples:
        >>> spec = interval_spec([{"wave": "2026-01", "value": 12.0, "low": -3.0, "high": 26.0,
        ...                        "marked": False}], labels={"wave": "Omgång"}, title="eNPS")
        >>> [layer["mark"]["type"] for layer in spec["layer"]]
        ['rule', 'line', 'point']
    """
    rows = [
        {**row, "change": row.get("change") or ("worse" if row.get("marked") else "none")}
        if row.get("marked")
        else {**row, "change": "none"}
        for row in rows
    ]
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=420, height=200)
    x = alt.X("wave:O", title=labels["wave"], axis=alt.Axis(labelAngle=-40))
    scale = alt.Scale(domain=[-100, 100])
    rule = base.mark_rule(color="#8a8a85", strokeWidth=2).encode(
        x=x, y=alt.Y("low:Q", title="eNPS", scale=scale), y2="high:Q"
    )
    line = base.mark_line(color=NEUTRAL).encode(x=x, y="value:Q")
    changes = ["better", "worse", "none"]
    point = base.mark_point(filled=True, size=90).encode(
        x=x,
        y="value:Q",
        color=alt.Color(
            "change:N", scale=alt.Scale(domain=changes, range=[GOOD, BAD, NEUTRAL]), legend=None
        ),
        # Up or down in the shape too (▲ higher, ▼ lower), not in the colour alone.
        shape=alt.Shape(
            "change:N",
            scale=alt.Scale(domain=changes, range=["triangle-up", "triangle-down", "circle"]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("wave:O", title=labels["wave"]),
            alt.Tooltip("value:Q", title="eNPS", format=".0f"),
            alt.Tooltip("low:Q", format=".0f"),
            alt.Tooltip("high:Q", format=".0f"),
        ],
    )
    spec: dict[str, Any] = (
        alt.layer(rule, line, point).configure_view(stroke=None).to_dict(validate=VALIDATE)
    )
    return spec


def effect_spec(
    points: list[dict[str, Any]],
    *,
    baseline: float,
    target: float,
    labels: dict[str, str],
    title: str,
) -> dict[str, Any]:
    """An effect figure over time against its baseline (grey) and target (green).

    Each point: date (ISO), value.

    Examples:
        >>> spec = effect_spec([{"date": "2026-01-31", "value": 4.0}], baseline=2, target=8,
        ...                    labels={"date": "Datum", "value": "Antal", "baseline": "Utgångsläge",
        ...                            "target": "Mål"}, title="Studiebesök")
        >>> [layer["mark"]["type"] for layer in spec["layer"]]
        ['rule', 'text', 'rule', 'text', 'line']
    """
    data = alt.Data(values=points)  # type: ignore[no-untyped-call]
    base = alt.Chart(data, title=title, width=360, height=160)
    low, high = (
        min([baseline, target, *[p["value"] for p in points]]),
        max([baseline, target, *[p["value"] for p in points]]),
    )
    pad = (high - low) * 0.1 or 1.0
    scale = alt.Scale(domain=[low - pad, high + pad])
    # Each rule has its own dash and its name written at its end, not only its colour.
    rules = [
        layer
        for level, name, color, dash in (
            (baseline, labels["baseline"], "#6b6b68", [2, 2]),
            (target, labels["target"], "#1b6b3a", [6, 3]),
        )
        for layer in (
            alt.Chart(alt.Data(values=[{"y": level, "label": name}]))  # type: ignore[no-untyped-call]
            .mark_rule(color=color, strokeDash=dash, strokeWidth=2)
            .encode(y=alt.Y("y:Q", scale=scale, title=labels["value"]), tooltip=["label:N", "y:Q"]),
            _label(level, name, color),
        )
    ]
    line = base.mark_line(point=True, color=NEUTRAL).encode(
        x=alt.X("date:T", title=labels["date"]),
        y=alt.Y("value:Q", scale=scale),
        tooltip=[alt.Tooltip("date:T", title=labels["date"]), alt.Tooltip("value:Q")],
    )
    spec: dict[str, Any] = (
        alt.layer(*rules, line).configure_view(stroke=None).to_dict(validate=VALIDATE)
    )
    return spec


# Rendered pictures by spec and locale: the same chart is drawn on every request of a page
# whose figures have not changed (a forecast, a closed wave), and drawing is most of its time.
_drawn: OrderedDict[tuple[str, str, str], str | bytes] = OrderedDict()
_DRAWN_MAX = 256


def _cached(kind: str, spec: dict[str, Any], locale: str, draw: Callable[[], str | bytes]) -> Any:
    key = (kind, json.dumps(spec, sort_keys=True, default=str), locale)
    if key in _drawn:
        _drawn.move_to_end(key)
        return _drawn[key]
    picture = draw()
    _drawn[key] = picture
    while len(_drawn) > _DRAWN_MAX:
        _drawn.popitem(last=False)
    return picture


def to_svg(spec: dict[str, Any], locale: str = "sv-SE") -> str:
    """Render a Vega-Lite spec to an SVG string (no browser, no network)."""
    import vl_convert

    def draw() -> str:
        return str(
            vl_convert.vegalite_to_svg(
                spec,
                config=READABLE,
                format_locale=locale,  # type: ignore[arg-type]
                time_format_locale=time_locale(locale),
            )
        )

    return str(_cached("svg", spec, locale, draw))


def to_png(spec: dict[str, Any], locale: str = "sv-SE") -> bytes:
    """The same picture as PNG, for the Excel report."""
    import vl_convert

    def draw() -> bytes:
        return bytes(
            vl_convert.vegalite_to_png(
                spec,
                config=READABLE,
                scale=2,
                format_locale=locale,  # type: ignore[arg-type]
                time_format_locale=time_locale(locale),
            )
        )

    return bytes(_cached("png", spec, locale, draw))
