"""Colour-blind readers tell every chart's colours apart, and colour is never the only thing
that carries a meaning (issue 16; WCAG 1.4.1).

The colours are measured: each is passed through the published simulation of protanopia and
deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1, applied to linear RGB) and the
distance between two colours is CIEDE2000 in CIELAB (Sharma, Wu & Dalal 2005). Two colours a
chart sets side by side must stay 15 or more apart for every reader; Vega-Lite's own palette,
which the charts used, put a red and a green 1,2 apart for a deuteranope.
"""

import itertools
import math
import re

import pytest

from bemanna.analysis import charts

PROTANOPIA = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
NORMAL = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
VISIONS = {"normal": NORMAL, "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
APART = 15
# What Vega-Lite draws a series in when the config gives no palette (its tableau10).
VEGA_CATEGORY = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b"]


def linear(hex_colour: str) -> tuple[float, ...]:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def seen(matrix, rgb) -> tuple[float, ...]:
    """The colour as the simulated eye sees it (clipped to the displayable)."""
    mixed = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)
    return tuple(min(1.0, max(0.0, value)) for value in mixed)


def lab(rgb) -> tuple[float, float, float]:
    """Linear sRGB (D65) to CIELAB."""
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(one, two) -> float:
    (l1, a1, b1), (l2, a2, b2) = one, two
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dh = 0.0
    if c1 * c2:
        dh = h2 - h1 if abs(h2 - h1) <= 180 else h2 - h1 - 360 if h2 > h1 else h2 - h1 + 360
    d_big_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if not c1 * c2:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    dl, dc, dh_ = (l2 - l1) / s_l, (c2 - c1) / s_c, d_big_h / s_h
    return math.sqrt(dl**2 + dc**2 + dh_**2 + r_t * dc * dh_)


def distance(one: str, two: str, vision) -> float:
    return ciede2000(lab(seen(vision, linear(one))), lab(seen(vision, linear(two))))


def closest(colours) -> tuple[float, str]:
    return min(
        (distance(a, b, matrix), f"{a}/{b} ({name})")
        for a, b in itertools.combinations(colours, 2)
        for name, matrix in VISIONS.items()
    )


def test_the_measure_agrees_with_published_values():
    """CIEDE2000 against Sharma, Wu & Dalal's test data (pairs 1 and 7), and the simulation
    against what it is for: red and green alike to a deuteranope, blue and orange apart."""
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert (
        distance("#e45756", "#54a24b", DEUTERANOPIA)
        < 3
        < 60
        < distance("#e45756", "#54a24b", NORMAL)
    )
    assert distance("#0072B2", "#D55E00", DEUTERANOPIA) > 40


def test_vega_lites_own_palette_would_fail():
    """What the series were drawn in before: tableau10's first five."""
    assert closest(VEGA_CATEGORY)[0] < APART


def _colour_scales(spec):
    """Every colour encoding of the spec (through layers and facets) with its colours: the
    scale's own, or the palette the drawing's config gives a series."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            colour = node.get("encoding", {}).get("color")
            if isinstance(colour, dict) and "field" in colour:
                palette = charts.READABLE.get("range", {}).get("category", VEGA_CATEGORY)
                found.append(colour.get("scale", {}).get("range", palette))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


SERIES = [{"year": "2025", "series": f"Serie {n}", "value": n} for n in range(5)]
CHARTS = {
    "lines": lambda: charts.lines_spec(
        SERIES, labels={"year": "År", "value": "%", "target": "Mål"}, title="T", target=2
    ),
    "bars": lambda: charts.lines_spec(
        SERIES, labels={"year": "År", "value": "%"}, title="T", bars=True
    ),
    "band": lambda: charts.band_spec(
        [{**row, "p10": 1, "p50": 2, "p90": 3} for row in SERIES],
        labels={"year": "År", "value": "Årsarbetare"},
        title="Gap",
    ),
    "band facets": lambda: charts.band_facet_spec(
        [{**row, "group": "Läkare", "p10": 1, "p50": 2, "p90": 3} for row in SERIES],
        labels={"year": "År", "value": "Årsarbetare"},
        title="Gap",
    ),
    "pyramid": lambda: charts.age_pyramid_spec(
        [{"band": "30–39", "sex": sex, "headcount": 4} for sex in "KM"],
        labels={"K": "Kvinnor", "M": "Män", "band": "Ålder", "headcount": "Antal"},
        title="Åldersstruktur",
    ),
    "waterfall": lambda: charts.waterfall_spec(
        [
            {"label": "Utgångsläge", "effect": 100.0, "kind": "total"},
            {"label": "Senare pension", "effect": -30.0, "kind": "effect"},
            {"label": "Fler slutar", "effect": 10.0, "kind": "effect"},
            {"label": "Scenario", "effect": 80.0, "kind": "total"},
        ],
        labels={"value": "Årsarbetare"},
        title="Gap",
    ),
    "heat map": lambda: charts.heatmap_spec(
        [{"unit": "A", "wave": "2026-01", "value": 12.0, "text": "12"}],
        labels={"unit": "Enhet", "wave": "Omgång"},
        title="eNPS",
    ),
    "eNPS trend": lambda: charts.interval_spec(
        [
            {"wave": "2026-01", "value": 10.0, "low": 0.0, "high": 20.0, "marked": False},
            {
                "wave": "2026-04",
                "value": 40.0,
                "low": 30.0,
                "high": 50.0,
                "marked": True,
                "change": "better",
            },
            {
                "wave": "2026-07",
                "value": 5.0,
                "low": -5.0,
                "high": 15.0,
                "marked": True,
                "change": "worse",
            },
        ],
        labels={"wave": "Omgång"},
        title="eNPS",
    ),
}


@pytest.mark.parametrize("kind", CHARTS)
def test_a_charts_colours_stay_apart_for_colour_blind_readers(kind):
    scales = _colour_scales(CHARTS[kind]())
    assert scales, "no colour scale found: the spec's form has changed"
    for colours in scales:
        gap, pair = closest(colours)
        assert gap >= APART, (kind, pair, round(gap, 1))


def test_the_series_are_drawn_in_the_palette():
    """The config reaches the drawing: the lines are in Okabe & Ito's blue and vermillion."""
    svg = charts.to_svg(CHARTS["lines"]()).lower()
    assert 'stroke="#0072b2"' in svg and 'stroke="#d55e00"' in svg
    assert "#4c78a8" not in svg and "#f58518" not in svg


def _layers(spec):
    return spec.get("layer") or spec.get("spec", {}).get("layer") or [spec]


@pytest.mark.parametrize("kind", ["lines", "band", "band facets"])
def test_each_line_has_its_own_dash_too(kind):
    lines = [layer for layer in _layers(CHARTS[kind]()) if (layer["mark"]["type"] == "line")]
    assert lines
    for layer in lines:
        encoding = layer["encoding"]
        assert encoding["strokeDash"]["field"] == encoding["color"]["field"] == "series"
        dashes = encoding["strokeDash"]["scale"]["range"]
        assert len({tuple(d) for d in dashes}) == len(dashes) >= len(SERIES)
    svg = charts.to_svg(CHARTS[kind]())
    assert len(set(re.findall(r'stroke-dasharray="([^"]+)"', svg))) >= 3


def test_a_lever_says_which_way_it_moves_the_gap_in_figures():
    """The waterfall writes each bar's figure, a lever's with its sign: not green and red alone."""
    texts = re.findall(r">([^<>]+)</text>", charts.to_svg(CHARTS["waterfall"]()))
    assert {"100", "\u221230", "+10", "80"} <= set(texts), texts


def test_the_enps_trend_shows_the_direction_in_the_shape():
    svg = charts.to_svg(CHARTS["eNPS trend"]())
    # Vega draws a triangle as a path of three points and a circle as arcs.
    shapes = re.findall(r'<path[^>]*aria-roledescription="point"[^>]*d="([^"]+)"', svg)
    assert len(shapes) == 3 and len(set(s.count("L") for s in shapes)) >= 2, shapes


def test_a_target_and_a_baseline_are_named_on_the_chart():
    effect = charts.effect_spec(
        [{"date": "2026-01-31", "value": 4.0}],
        baseline=2,
        target=8,
        labels={"date": "Datum", "value": "Antal", "baseline": "Utgångsläge", "target": "Mål"},
        title="Studiebesök",
    )
    for spec in (effect, CHARTS["lines"]()):
        texts = re.findall(r">([^<>]+)</text>", charts.to_svg(spec))
        assert "Mål" in texts, texts
    assert "Utgångsläge" in re.findall(r">([^<>]+)</text>", charts.to_svg(effect))


def test_the_pyramids_sides_are_named_in_words():
    title = CHARTS["pyramid"]()["encoding"]["x"]["title"]
    assert title.index("Kvinnor") < title.index("Antal") < title.index("Män")


@pytest.mark.parametrize("kind", ["lines", "bars", "band", "band facets"])
def test_one_legend_names_each_series_once(kind):
    """A band's colour and its line's colour and dash make one legend: the board's gap chart
    listed "Gap (årsarbetare)" twice, once in each layer's legend."""
    texts = re.findall(r">([^<>]+)</text>", charts.to_svg(CHARTS[kind]()))
    assert [texts.count(row["series"]) for row in SERIES] == [1] * len(SERIES), texts


def contrast(one: str, two: str) -> float:
    """WCAG's contrast ratio of two colours (relative luminance from linear RGB)."""

    def luminance(colour: str) -> float:
        r, g, b = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_measure_agrees_with_wcags_examples():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # WebAIM's grey on white


def test_lines_bars_and_points_stand_out_from_the_page():
    """WCAG 1.4.11: a graphical object needed to read a chart has 3:1 against the white page
    (Okabe & Ito's yellow and sky blue, 1,2:1 and 2,2:1, are left out of the palette)."""
    colours = [*charts.SERIES, *charts.PALETTE.values()]
    colours += [charts.GOOD, charts.BAD, charts.NEUTRAL, charts.TOTAL]
    weak = {c: round(contrast(c, "#ffffff"), 2) for c in colours if contrast(c, "#ffffff") < 3}
    assert weak == {}
    assert contrast("#F0E442", "#ffffff") < 3  # the measure would find a yellow
