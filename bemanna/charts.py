"""Charts for pages and reports, in the number format of the user's language."""

import hashlib
import json

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bemanna.analysis import charts

LOCALES = {"sv": "sv-SE", "en": "en-US"}
# A picture is a function of its spec and locale alone, so it is kept by their hash in the
# cache every server process shares: a chart drawn once is not drawn again by another
# worker or after a restart (drawing is most of a report's time). Never stale: a changed
# figure is a changed spec.
KEPT = 7 * 24 * 3600


def locale() -> str:
    return LOCALES.get((get_language() or "sv")[:2], "sv-SE")


def _drawn(kind: str, spec, draw, made_from=None):
    # The drawing's style is in the key too: a picture kept from before a change of it (the
    # 12 px text) is not served after it.
    content = json.dumps(
        [kind, spec if made_from is None else made_from, locale(), charts.READABLE, charts.STYLE],
        sort_keys=True,
        default=str,
    ).encode()
    key = f"bemanna:chart:{hashlib.sha256(content).hexdigest()}"
    picture = cache.get(key)
    if picture is None:
        picture = draw(spec() if made_from is not None else spec, locale())
        cache.set(key, picture, timeout=KEPT)
    return picture


def svg(spec):
    # vl-convert writes the SVG itself, from numbers and our own (escaped) labels.
    return mark_safe(_drawn("svg", spec, charts.to_svg))  # noqa: S308


def svg_of(made_from, build):
    """The SVG of the spec `build()` makes, kept by `made_from`: everything the spec is made
    of (values and labels), for charts whose spec alone takes long to build."""
    return mark_safe(_drawn("svg-of", build, charts.to_svg, made_from))  # noqa: S308


def png(spec) -> bytes:
    return _drawn("png", spec, charts.to_png)
