"""`{{ value|figure:"hired_share" }}`: a key figure's value in the unit and decimals the table
of figures gives it (a share as per cent), or a dash when there is none."""

from django import template

from bemanna.keyfigures.figures import FIGURES, Unit
from bemanna.org.templatetags.numbers import num, pct

register = template.Library()


@register.filter
def figure(value, name: str) -> str:
    row = FIGURES[name]
    if value is None or value == "":
        return "–"
    return pct(value, row.decimals) if row.unit is Unit.SHARE else num(value, row.decimals)
