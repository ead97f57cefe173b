"""Numbers as Swedes write them (decimal comma, space between thousands) in either language."""

from django import template
from django.template.defaultfilters import floatformat

from bemanna.report import apart, span

register = template.Library()

MINUS = "\u2212"  # Swedes write a negative number with the minus sign, not a hyphen
# A unit is never wrapped from its number: "12 %" with a no-break space, as the reports
# (`bemanna.report.UNITS`) write it.
NBSP = "\u00a0"


def _signed(text: str) -> str:
    """'-3,5' → '−3,5' (a hyphen is not a minus sign to a screen reader or a typesetter)."""
    return MINUS + text[1:] if text.startswith("-") else text


@register.filter
def pct(value, digits=0):
    """0.123 → '12 %' (or '12,3 %' with one digit), a no-break space before the per cent
    sign: Swedes write "12 %", and a line never ends between the number and its unit."""
    if value is None or value == "":
        return "–"
    return f"{_signed(floatformat(float(value) * 100, f'{digits}g'))}{NBSP}%"


@register.filter
def pct_apart(value, other):
    """A share beside the one it is compared with, with the fewest decimals (at least one)
    that tell them apart: 2,007 % against a target of 2,0 %, not "2,0 %" against "2,0 %"."""
    if value is None or value == "" or other is None or other == "":
        return pct(value, 1)
    return pct(value, apart(float(value), float(other), kind="percent", decimals=1))


@register.filter
def num(value, digits=0):
    """A number with thousands grouped and the locale's decimal mark."""
    if value is None or value == "":
        return "–"
    return _signed(floatformat(value, f"{digits}g"))


@register.filter
def signed(value, digits=0):
    """A change with its sign: '+3', '−2,5', '0'."""
    text = num(value, digits)
    return f"+{text}" if value not in (None, "") and text.strip("0,") and value > 0 else text


@register.filter
def band(cell, digits=0):
    """(p10, p50, p90) → '120 (95–140)' ('5 (−12 till 29)' with a negative bound)."""
    if not cell:
        return "–"
    p10, p50, p90 = cell
    return f"{num(p50, digits)} ({span(num(p10, digits), num(p90, digits))})"


@register.filter
def to(low, high):
    """A range of two whole numbers: '95–140', or '−12 till 29' with a negative bound."""
    return span(num(low), num(high))
