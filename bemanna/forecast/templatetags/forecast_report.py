"""The forecast report's tables on the forecast page: `{{ waterfall|steps_table:cost }}`,
`{{ gaps|gaps_table:summary.horizon }}`, `{{ rows|per_year_table }}`,
`{{ cost|cost_years_table }}` and `{{ cost|prices_table }}` draw the tables that
`bemanna.forecast.reports` declares for the PDF and the workbook, and
`{% forecast_text "steps" %}` and `{{ cost|cost_text }}` its sentences, so each label, column
and sentence is written once."""

from django import template
from django.utils.safestring import mark_safe

from bemanna import report
from bemanna.forecast import reports

register = template.Library()


@register.simple_tag
def forecast_text(name: str) -> str:
    return reports.TEXTS[name]()


@register.filter
def cost_text(cost) -> str:
    return reports.cost_text(cost)


@register.filter
def steps_table(waterfall, cost):
    return mark_safe(report.table_html(reports.steps_table(waterfall, cost)))


@register.filter
def gaps_table(gaps, horizon):
    return mark_safe(report.table_html(reports.gaps_table(gaps, horizon)))


@register.filter
def per_year_table(rows):
    return mark_safe(report.table_html(reports.per_year_table(rows)))


@register.filter
def cost_years_table(cost):
    return mark_safe(report.table_html(reports.cost_years_table(cost)))


@register.filter
def prices_table(cost):
    return mark_safe(report.table_html(reports.prices_table(cost)))
