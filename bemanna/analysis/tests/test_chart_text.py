"""Every text in every kind of chart is 12 px or more (issue 16): Vega-Lite's own axis and
legend labels are 10 px, its axis titles 11, and the heat map's cells said 10."""

import re

import pytest

from bemanna.analysis import charts

SPECS = {
    "pyramid": lambda: charts.age_pyramid_spec(
        [
            {"band": "30–39", "sex": "K", "headcount": 4},
            {"band": "30–39", "sex": "M", "headcount": 5},
        ],
        labels={"K": "Kvinnor", "M": "Män", "band": "Ålder", "headcount": "Antal"},
        title="Åldersstruktur",
    ),
    "band": lambda: charts.band_spec(
        [{"year": 2026, "series": "Gap", "p10": 1, "p50": 2, "p90": 3}],
        labels={"year": "År", "value": "Årsarbetare"},
        title="Gap",
    ),
    "band facets": lambda: charts.band_facet_spec(
        [{"group": "Läkare", "year": 2026, "series": "Gap", "p10": 1, "p50": 2, "p90": 3}],
        labels={"year": "År", "value": "Årsarbetare"},
        title="Gap",
    ),
    "waterfall": lambda: charts.waterfall_spec(
        [
            {"label": "Utgångsläge", "effect": 100.0, "kind": "total"},
            {"label": "Senare pension", "effect": -30.0, "kind": "effect"},
            {"label": "Scenario", "effect": 70.0, "kind": "total"},
        ],
        labels={"value": "Årsarbetare"},
        title="Gap",
    ),
    "lines": lambda: charts.lines_spec(
        [{"year": "2025", "series": s, "value": v} for s, v in (("A", 4.2), ("B", 5.1))],
        labels={"year": "År", "value": "%", "target": "Mål"},
        title="T",
        target=4.0,
    ),
    "heat map": lambda: charts.heatmap_spec(
        [
            {"unit": "A", "wave": "2026-01", "value": None, "text": "<5"},
            {"unit": "B", "wave": "2026-01", "value": 12.0, "text": "12"},
        ],
        labels={"unit": "Enhet", "wave": "Omgång"},
        title="eNPS",
    ),
    "interval": lambda: charts.interval_spec(
        [{"wave": "2026-01", "value": 12.0, "low": -3.0, "high": 26.0, "marked": False}],
        labels={"wave": "Omgång"},
        title="eNPS",
    ),
    "effect": lambda: charts.effect_spec(
        [{"date": "2026-01-31", "value": 4.0}],
        baseline=2,
        target=8,
        labels={"date": "Datum", "value": "Antal", "baseline": "Utgångsläge", "target": "Mål"},
        title="Studiebesök",
    ),
}


@pytest.mark.parametrize("kind", SPECS)
def test_no_text_in_a_chart_is_under_12_px(kind):
    svg = charts.to_svg(SPECS[kind]())
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes, "no text found: the SVG's form has changed"
    assert min(sizes) >= 12, (kind, sorted(set(sizes)))


def test_a_legends_entries_stand_whole():
    """A long series name is not cut at 160 px (the board's trend said "varav i
    sjukperioder om 60 dagar …"); the entries stand one under the other (`READABLE`)."""
    names = ("Total sjukfrånvaro (1)", "varav i sjukperioder om 60 dagar eller mer")
    svg = charts.to_svg(
        charts.lines_spec(
            [{"year": "2025", "series": name, "value": 4.2} for name in names],
            labels={"year": "År", "value": "%"},
            title="Sjukfrånvaro under tio år",
        )
    )
    assert all(f">{name}<" in svg for name in names) and "…" not in svg


def test_a_long_title_fits_in_the_picture_in_the_pdfs_font():
    """The PDF draws a chart's text in DejaVu Sans: the picture is as wide as its title
    measured in that font (bold, 14 px), here with Pillow, not cut at its edge."""
    from PIL import ImageFont

    title = "eNPS med 95 %-intervall (▲ grönt: signifikant högre, ▼ orange: lägre)"
    svg = charts.to_svg(
        charts.interval_spec(
            [
                {"wave": f"2026-0{i}", "value": 12.0, "low": -3.0, "high": 26.0, "marked": False}
                for i in range(1, 6)
            ],
            labels={"wave": "Omgång"},
            title=title,
        )
    )
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 14)
    assert font.getlength(title) <= width, (font.getlength(title), width)


def test_month_names_are_in_lower_case_as_swedish_writes_them():
    """vl-convert's own sv-SE says "Mars"; Swedish writes "mars 2026" (issue 16)."""
    months = "januari februari mars april maj juni juli augusti september oktober november"
    points = [{"date": f"2026-{m:02d}-15", "value": float(m)} for m in range(1, 12)]
    spec = charts.effect_spec(
        points,
        baseline=2,
        target=8,
        labels={"date": "Datum", "value": "Antal", "baseline": "Utgångsläge", "target": "Mål"},
        title="Studiebesök",
    )
    texts = set(re.findall(r">([^<>]+)</text>", charts.to_svg(spec, "sv-SE")))
    assert {"mars", "april", "oktober"} <= texts, texts
    assert not {word.capitalize() for word in months.split()} & texts, texts
    # English keeps its capitals.
    assert "March" in set(re.findall(r">([^<>]+)</text>", charts.to_svg(spec, "en-US")))


def test_a_lines_chart_carries_no_more_precision_than_it_writes():
    """An insider's eleventh round read a unit's hired share of 1.90476190476 % from the
    ten-year chart's SVG (its points' descriptions carry the data as given): the data are
    rounded as the tooltip writes them."""
    from bemanna.analysis import charts

    spec = charts.lines_spec(
        [{"year": "2017", "series": "A", "value": 1.90476190476}],
        labels={"year": "År", "value": "%", "target": "Mål"},
        title="T",
        number_format=",.1f",
    )

    def values(node):
        if isinstance(node, dict):
            if "values" in node and isinstance(node["values"], list):
                yield from node["values"]
            for child in node.values():
                yield from values(child)
        elif isinstance(node, list):
            for child in node:
                yield from values(child)

    assert [row["value"] for row in values(spec) if "series" in row] == [1.9]
