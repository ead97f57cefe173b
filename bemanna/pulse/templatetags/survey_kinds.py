"""The kinds of survey in templates: `{{ source.lever|source_label }}` names a forecast
citation by the kind of survey that set the lever (`bemanna.pulse.kinds`)."""

from django import template

from bemanna.pulse import kinds

register = template.Library()


@register.filter
def source_label(lever: str):
    return kinds.source_label(lever)
