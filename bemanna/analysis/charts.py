"""Vega-Lite chart specs, built with Altair, rendered to SVG on the server.

The same spec feeds the web page, the PDF and the Excel report, so all three show one
picture. Text in the specs comes in already translated; this module knows no language.
"""

from __future__ import annotations

from typing import Any

import altair as alt

PALETTE = {"K": "#7b3294", "M": "#008837"}


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
                "signed:Q", title=labels["headcount"], axis=alt.Axis(labelExpr="abs(datum.value)")
            ),
            color=alt.Color(
                "sex_label:N",
                title=None,
                scale=alt.Scale(
                    domain=[labels["K"], labels["M"]], range=[PALETTE["K"], PALETTE["M"]]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("band:N", title=labels["band"]),
                alt.Tooltip("sex_label:N", title=" "),
                alt.Tooltip("headcount:Q", title=labels["headcount"]),
            ],
        )
        .configure_view(stroke=None)
    )
    spec: dict[str, Any] = chart.to_dict()
    return spec


def to_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to an SVG string (no browser, no network)."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec))
