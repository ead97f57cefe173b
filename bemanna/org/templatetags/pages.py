"""`{% page_query param number %}`: the page's query string with one list's page number set.

A pager's links keep the other parameters (filters, another list's page) and replace their own
number, so following "Next" twice gives `?sida=3`, not `?sida=2&sida=3`.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()
