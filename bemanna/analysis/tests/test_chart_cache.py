"""Rendered charts are reused only for the same spec in the same locale."""

from bemanna.analysis import charts


def _spec(value: float) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"x": "a", "y": value}]},
        "mark": "text",
        "encoding": {"text": {"field": "y", "type": "quantitative", "format": ".1f"}},
    }


def test_a_picture_is_reused_only_for_the_same_spec_and_locale():
    swedish = charts.to_svg(_spec(1.5), "sv-SE")
    assert "1,5" in swedish
    assert "1.5" in charts.to_svg(_spec(1.5), "en-US")  # not the Swedish picture again
    assert "2,5" in charts.to_svg(_spec(2.5), "sv-SE")  # not the first spec's picture
    assert charts.to_svg(_spec(1.5), "sv-SE") == swedish
