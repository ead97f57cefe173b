"""`{% year_notes rows as notes %}`: what the years of a table cover (`retention.year_notes`):
a year begun before the retention cutoff is incomplete, the running year runs to today."""

from django import template
from django.utils import timezone

from bemanna.workforce import retention

register = template.Library()


@register.simple_tag
def year_notes(rows) -> list[str]:
    return retention.year_notes((row["year"] for row in rows or []), timezone.localdate())
