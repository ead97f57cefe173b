from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bemanna.analysis import charts


def age_pyramid(rows):
    labels = {"K": _("Women"), "M": _("Men"), "band": _("Age"), "headcount": _("Headcount")}
    spec = charts.age_pyramid_spec(rows, labels=labels, title=_("Age structure"))
    # vl-convert writes the SVG itself from numbers and our own labels.
    return mark_safe(charts.to_svg(spec))  # noqa: S308
