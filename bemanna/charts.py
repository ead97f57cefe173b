"""Charts for pages and reports, in the number format of the user's language."""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bemanna.analysis import charts

LOCALES = {"sv": "sv-SE", "en": "en-US"}


def locale() -> str:
    return LOCALES.get((get_language() or "sv")[:2], "sv-SE")


def svg(spec):
    # vl-convert writes the SVG itself, from numbers and our own (escaped) labels.
    return mark_safe(charts.to_svg(spec, locale()))  # noqa: S308


def png(spec) -> bytes:
    return charts.to_png(spec, locale())
