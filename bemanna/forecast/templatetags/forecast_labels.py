"""The forecast's labels in templates: `{{ price|price_source }}` says where a group's cost
per FTE comes from, in the words the report uses (`bemanna.forecast.labels`)."""

from django import template

from bemanna.forecast import labels

register = template.Library()


@register.filter
def price_source(price) -> str:
    return labels.price_source(price)
