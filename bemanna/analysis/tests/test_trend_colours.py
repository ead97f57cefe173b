"""Significant changes in the trend chart are coloured by direction, and shaped by it."""

from bemanna.analysis.charts import GOOD, interval_spec


def test_the_trend_chart_colours_an_improvement_green_and_a_decline_orange():
    rows = [
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
    ]
    spec = interval_spec(rows, labels={"wave": "Omgång"}, title="eNPS")
    point = spec["layer"][2]["encoding"]["color"]
    colours = dict(zip(point["scale"]["domain"], point["scale"]["range"], strict=True))
    changes = [row["change"] for row in spec["data"]["values"]]
    assert changes == ["none", "better", "worse"]
    assert colours["better"] == GOOD and colours["worse"] != colours["better"]
    assert "#a4161a" not in colours.values()  # the page's red for bad news is never used
    # The direction in the shape too (issue 16: colour is not the only carrier).
    shape = spec["layer"][2]["encoding"]["shape"]
    shapes = dict(zip(shape["scale"]["domain"], shape["scale"]["range"], strict=True))
    assert shapes == {"better": "triangle-up", "worse": "triangle-down", "none": "circle"}
