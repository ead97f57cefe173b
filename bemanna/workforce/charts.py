from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna.analysis import charts


def age_pyramid(rows):
    labels = {"K": _("Women"), "M": _("Men"), "band": _("Age"), "headcount": _("Headcount")}
    return rendering.svg(charts.age_pyramid_spec(rows, labels=labels, title=_("Age structure")))
