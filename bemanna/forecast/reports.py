"""The forecast as a report: HTML (Word-friendly), PDF (WeasyPrint) and Excel (XlsxWriter).

All three use the chart specs and tables of `context`, so they show what the page shows.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import pdf as pdf_document
from bemanna import report as spec
from bemanna.forecast import context, labels

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _specs(result):
    return {
        "gap": context.gap_band_spec(result),
        "supply": context.gap_spec(result),
        "waterfall": context.waterfall_spec(result),
        "groups": context.facet_spec(result),
    }


def html(scenario, unit, result, cost=None) -> str:
    specs = _specs(result)
    return render_to_string(
        "forecast/report.html",
        {
            "scenario": scenario,
            "unit": unit,
            "created": timezone.localtime(),
            "summary": context.summary(result),
            "rows": context.by_year(result),
            "measures": context.measure_names(),
            "gaps": context.largest_gaps(result),
            "waterfall": context.waterfall_rows(result),
            "charts": {name: rendering.svg(spec) for name, spec in specs.items()},
            "levers": _lever_lines(result),
            "cost": cost,
            **_alternatives(result, specs),
        },
    )


def _lever_lines(result) -> list[str]:
    active = result.levers.active()
    return [str(labels.LEVERS[name]) for name in active] or [_("No levers: the baseline.")]


def pdf(scenario, unit, result, cost=None) -> bytes:
    return pdf_document.render(html(scenario, unit, result, cost))


def xlsx(scenario, unit, result, cost=None) -> bytes:
    buffer = io.BytesIO()
    book = spec.workbook(buffer)  # strings stay strings: typed text never runs as a formula
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    number = book.add_format({"num_format": "#,##0"})
    one = book.add_format({"num_format": "#,##0.0"})
    summary = context.summary(result)

    sheet = book.add_worksheet(_("Summary")[:31])
    sheet.write(0, 0, _("Forecast: %(name)s") % {"name": scenario.name}, title)
    facts = [
        (_("Unit"), f"{unit.name} ({unit.code})"),
        (_("Base year"), summary["base_year"]),
        (_("Horizon"), summary["horizon"]),
        (_("Monte Carlo draws"), summary["draws"]),
        (_("Employees on the base date"), summary["staff"]),
        (_("Gap at the horizon, mean (FTE)"), summary["gap"]["mean"]),
        (
            _("Gap at the horizon, P10–P90 (FTE)"),
            f"{summary['gap']['p10']:,.0f} – {summary['gap']['p90']:,.0f}".replace(",", " "),
        ),
        (_("Recruitment need a year, P50 (people)"), summary["need_per_year"]),
    ]
    if cost:
        facts += [
            (_("Cost of the gap at the horizon, mean (kr a year)"), cost["gap"]["mean"]),
            (_("Cost of the gap, P10 (kr a year)"), cost["gap"]["p10"]),
            (_("Cost of the gap, P90 (kr a year)"), cost["gap"]["p90"]),
            (_("Filling the shortage with hired staff, mean (kr a year)"), cost["hired"]["mean"]),
        ]
    else:
        facts.append((_("Cost of the gap"), _("No personnel costs imported")))
    facts += [(_("Note"), note) for note in summary["notes"]]
    for row, (label, value) in enumerate(facts, start=2):
        sheet.write(row, 0, label, bold)
        sheet.write(row, 1, value, one if isinstance(value, float) else None)
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 1, 24)
    row = len(facts) + 3
    sheet.write(row, 0, _("Levers"), bold)
    lines = _lever_lines(result) + [
        _("From surveys: %(survey)s (closed %(closes)s, %(answers)s answers)") % source
        # (The command line's scenario without a database has no sources.)
        for source in getattr(scenario, "survey_sources", [])
    ]
    for offset, line in enumerate(lines, start=1):
        sheet.write(row + offset, 0, line)
    specs = _specs(result)
    for position, name in ((("D", 2), "gap"), (("D", 22), "supply"), (("D", 42), "waterfall")):
        sheet.insert_image(
            f"{position[0]}{position[1]}",
            f"{name}.png",
            {"image_data": io.BytesIO(rendering.png(specs[name])), "x_scale": 0.5, "y_scale": 0.5},
        )
    # Each chart's text alternative under the facts: its title, a sentence, its data.
    row += len(lines) + 2
    formats = spec.Formats(book)
    for chart in _charts_as_text(result, specs):
        row = spec.write_chart_text(sheet, row, chart, formats)

    years = book.add_worksheet(_("Per year")[:31])
    headers = [_("Year")] + [
        f"{m} {p}" for m in context.measure_names() for p in ("P10", "P50", "P90")
    ]
    years.write_row(0, 0, headers, bold)
    for r, line in enumerate(context.by_year(result), start=1):
        years.write(r, 0, line["year"])
        for c, cell in enumerate(line["cells"]):
            for k in range(3):
                if cell is not None:
                    years.write(r, 1 + c * 3 + k, cell[k], number)
    years.set_column(1, len(headers), 14)

    groups = book.add_worksheet(_("Per profession group")[:31])
    groups.write_row(
        0, 0, [_("Profession group"), _("Year"), _("Measure"), "P10", "P50", "P90", _("Mean")], bold
    )
    names = {m: str(v) for m, v in labels.MEASURES.items()}
    for r, (group, year, measure, p10, p50, p90, mean) in enumerate(
        result.forecast.bands.iter_rows(), start=1
    ):
        groups.write_row(r, 0, [context.group_label(group), year, names.get(measure, measure)])
        groups.write_row(r, 3, [p10, p50, p90, mean], one)
    groups.set_column(0, 0, 28)
    groups.set_column(2, 2, 30)
    groups.autofilter(0, 0, result.forecast.bands.height, 6)
    groups.write(0, 9, _("Chart: %(title)s") % {"title": spec.Chart(specs["groups"], "").title})
    groups.write(1, 9, _("Each profession group's gap per year, P10–P90: the rows of this sheet."))
    groups.insert_image(
        "J3",
        "groups.png",
        {"image_data": io.BytesIO(rendering.png(specs["groups"])), "x_scale": 0.5, "y_scale": 0.5},
    )

    levers = book.add_worksheet(_("Levers")[:31])
    levers.write_row(0, 0, [_("Step"), _("Effect on the gap (FTE), mean"), "P10", "P90"], bold)
    for r, step in enumerate(context.waterfall_rows(result), start=1):
        levers.write(r, 0, step["label"])
        levers.write_row(r, 1, [step["effect"], step["p10"], step["p90"]], one)
    levers.set_column(0, 0, 40)
    if cost:
        _cost_sheets(book, cost, bold)
    book.close()
    return buffer.getvalue()


def _alternatives(result, specs: dict) -> dict:
    """Each chart's sentence (a caption under it) and the data of each as tables at the end
    of the HTML and PDF report: the charts' text alternative."""
    charts = dict(zip(("gap", "supply", "waterfall"), _charts_as_text(result, specs), strict=True))
    alts = {name: chart.alt for name, chart in charts.items()}
    alts["groups"] = _(
        "Each profession group's gap per year with its P10–P90 band; the table of all "
        "profession groups per year holds the figures."
    )
    tables = [
        spec.Table(chart.data.columns, chart.data.rows, caption=chart.title)
        for chart in charts.values()
        if chart.data
    ]
    section = spec.Section(_("The charts' data"), tables=tables, html_id="chart-data")
    return {"alts": alts, "chart_data": spec.html([section])}


def _charts_as_text(result, specs: dict) -> list[spec.Chart]:
    """The summary's charts with their text alternatives (the same sentences as the page's)."""
    year = _("Year")
    waterfall = spec.Table(
        [spec.Column(_("Step")), spec.Column(_("Effect on the gap (FTE)"), "decimal", 1)],
        [[step["label"], step["effect"]] for step in context.waterfall_rows(result)],
    )
    return [
        spec.Chart(
            specs["gap"],
            _("The gap (demand minus supply) per year with its P10–P90 band."),
            spec.band_table(specs["gap"], x_label=year),
        ),
        spec.Chart(
            specs["supply"],
            _("Supply and demand per year, each with its P10–P90 band."),
            spec.band_table(specs["supply"], x_label=year),
        ),
        spec.Chart(
            specs["waterfall"],
            _("How each lever changes the gap at the horizon, from the baseline."),
            waterfall,
        ),
    ]


def _cost_sheets(book, cost: dict, bold) -> None:
    """The kronor figures: per year, per lever and each group's cost per FTE."""
    kr = book.add_format({"num_format": '#,##0" kr"'})  # Excel groups by the locale
    one = book.add_format({"num_format": "#,##0.0"})
    sheet = book.add_worksheet(_("Cost")[:31])
    headers = [_("Year")] + [
        f"{name} {p}"
        for name in (_("Cost of the gap (kr a year)"), _("Hired staff (kr a year)"))
        for p in ("P10", "P50", "P90")
    ]
    sheet.write_row(0, 0, headers, bold)
    for r, line in enumerate(cost["years"], start=1):
        sheet.write(r, 0, line["year"])
        for c, key in enumerate(("gap", "hired")):
            for k, p in enumerate(("p10", "p50", "p90")):
                sheet.write(r, 1 + c * 3 + k, line[key][p], kr)
    row = len(cost["years"]) + 2
    sheet.write_row(
        row,
        0,
        [
            _("Step"),
            _("Effect on the gap (FTE), mean"),
            _("Effect on the gap's cost (kr a year), mean"),
            "P10",
            "P90",
        ],
        bold,
    )
    for r, step in enumerate(cost["waterfall"], start=row + 1):
        sheet.write(r, 0, step["label"])
        sheet.write(r, 1, step["effect"], one)
        sheet.write_row(r, 2, [step["effect_kr"], step["kr_p10"], step["kr_p90"]], kr)
    row += len(cost["waterfall"]) + 2
    sheet.write_row(
        row, 0, [_("Profession group"), _("Own staff (kr)"), _("Hired staff (kr)")], bold
    )
    for r, price in enumerate(cost["prices"], start=row + 1):
        sheet.write(r, 0, price["group"])
        sheet.write(r, 1, price["own"], kr)
        sheet.write(r, 2, price["hired"], kr)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 6, 22)


def render(fmt: str, scenario, unit, result, cost=None) -> tuple[bytes, str, str]:
    """The report in `fmt`; `cost` is `context.cost_summary` (None: no kronor figures)."""
    content: bytes
    if fmt == "html":
        content = html(scenario, unit, result, cost).encode()
    elif fmt == "pdf":
        content = pdf(scenario, unit, result, cost)
    else:
        content = xlsx(scenario, unit, result, cost)
    filename = f"prognos-{slugify(scenario.name)}-{slugify(unit.code)}.{fmt}"
    return content, FORMATS[fmt], filename
