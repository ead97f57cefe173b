"""The forecast as a report: HTML (Word-friendly), PDF (WeasyPrint) and Excel (XlsxWriter).

All three use the chart specs and tables of `context`, so they show what the page shows.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import pdf as pdf_document
from bemanna import report as spec
from bemanna.forecast import context, labels

PERCENTILES = ("p10", "p50", "p90")
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
    title = _("Forecast: %(name)s") % {"name": scenario.name}
    return spec.xlsx(spec.Report(title, sections=workbook_sections(scenario, unit, result, cost)))


def _exact(value, kind: str = "decimal", decimals: int = 1) -> spec.Number:
    """A figure as the page shows it, every digit kept in the cell (the sums add up)."""
    return spec.Number(value, kind, decimals, exact=True)


def workbook_sections(scenario, unit, result, cost=None) -> list[spec.Section]:
    """The workbook: the summary with the levers and the charts, then the data sheets (per
    year, per profession group, the levers' steps and, with costs, the kronor figures)."""
    summary = context.summary(result)
    gap = summary["gap"]
    facts = [
        (_("Unit"), f"{unit.name} ({unit.code})"),
        (_("Base year"), summary["base_year"]),
        (_("Horizon"), summary["horizon"]),
        (_("Monte Carlo draws"), summary["draws"]),
        (_("Employees on the base date"), summary["staff"]),
        (_("Gap at the horizon, mean (FTE)"), _exact(gap["mean"])),
        (
            _("Gap at the horizon, P10–P90 (FTE)"),
            f"{gap['p10']:,.0f} – {gap['p90']:,.0f}".replace(",", " "),
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
        facts[-4:] = [(label, _exact(value, "money", 0)) for label, value in facts[-4:]]
    else:
        facts.append((_("Cost of the gap"), _("No personnel costs imported")))
    facts += [(_("Note"), note) for note in summary["notes"]]
    lines = _lever_lines(result) + [
        _("From surveys: %(survey)s (closed %(closes)s, %(answers)s answers)") % source
        # (The command line's scenario without a database has no sources.)
        for source in getattr(scenario, "survey_sources", [])
    ]
    if getattr(scenario, "survey_hidden", False):
        lines.append(
            _(
                "Some levers of this scenario are set from surveys whose results your role "
                "does not see: the forecast here runs without them, at the levers' defaults."
            )
        )
    specs = _specs(result)
    sections = [
        spec.Section(
            _("Forecast: %(name)s") % {"name": scenario.name},
            tables=[
                spec.Table(
                    [spec.Column(_("Figure"), width=42), spec.Column(_("Value"), width=24)],
                    [[label, value] for label, value in facts],
                ),
                spec.Table([spec.Column(_("Levers"))], [[line] for line in lines]),
            ],
            charts=_charts_as_text(result, specs),
            sheet=_("Summary"),
        )
    ]
    # Data sheets (no heading): the header in row 1, every digit kept.
    measures = context.measure_names()
    per_year = spec.Table(
        [spec.Column(_("Year"))]
        + [
            spec.Column(f"{m} {p}", "int", exact=True, width=14)
            for m in measures
            for p in ("P10", "P50", "P90")
        ],
        [
            [line["year"]]
            + [None if cell is None else cell[k] for cell in line["cells"] for k in range(3)]
            for line in context.by_year(result)
        ],
    )
    names = {m: str(v) for m, v in labels.MEASURES.items()}
    one = [spec.Column(p, "decimal", 1, exact=True) for p in ("P10", "P50", "P90")]
    groups = spec.Table(
        [
            spec.Column(_("Profession group"), width=28),
            spec.Column(_("Year")),
            spec.Column(_("Measure"), width=30),
            *one,
            spec.Column(_("Mean"), "decimal", 1, exact=True),
        ],
        [
            [context.group_label(group), year, names.get(measure, measure), p10, p50, p90, mean]
            for group, year, measure, p10, p50, p90, mean in result.forecast.bands.iter_rows()
        ],
        filter=True,
    )
    groups_chart = spec.Chart(
        specs["groups"],
        _("Each profession group's gap per year, P10–P90: the rows of this sheet."),
    )
    steps = spec.Table(
        [
            spec.Column(_("Step"), width=40),
            spec.Column(_("Effect on the gap (FTE), mean"), "decimal", 1, exact=True),
            one[0],
            one[2],
        ],
        [
            [step["label"], step["effect"], step["p10"], step["p90"]]
            for step in context.waterfall_rows(result)
        ],
    )
    sections += [
        spec.Section("", tables=[per_year], sheet=_("Per year")),
        spec.Section("", tables=[groups], charts=[groups_chart], sheet=_("Per profession group")),
        spec.Section("", tables=[steps], sheet=_("Levers")),
    ]
    if cost:
        sections.append(spec.Section("", tables=_cost_tables(cost), sheet=_("Cost")))
    return sections


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
            _("Supply and demand per year, each with its P10–P90 band.")
            + " "
            + context.supply_explained(),
            spec.band_table(specs["supply"], x_label=year),
        ),
        spec.Chart(
            specs["waterfall"],
            _("How each lever changes the gap at the horizon, from the baseline."),
            waterfall,
        ),
    ]


def _cost_tables(cost: dict) -> list[spec.Table]:
    """The kronor figures: per year, per lever and each group's cost per FTE."""
    kr = [spec.Column(p, "money", exact=True, width=22) for p in ("P10", "P50", "P90")]
    years = spec.Table(
        [spec.Column(_("Year"), width=30)]
        + [
            spec.Column(f"{name} {column.label}", "money", exact=True, width=22)
            for name in (_("Cost of the gap (kr a year)"), _("Hired staff (kr a year)"))
            for column in kr
        ],
        [
            [line["year"]]
            + [line[key][p] for key in ("gap", "hired") for p in ("p10", "p50", "p90")]
            for line in cost["years"]
        ],
    )
    steps = spec.Table(
        [
            spec.Column(_("Step")),
            spec.Column(_("Effect on the gap (FTE), mean"), "decimal", 1, exact=True),
            spec.Column(_("Effect on the gap's cost (kr a year), mean"), "money", exact=True),
            kr[0],
            kr[2],
        ],
        [
            [step["label"], step["effect"], step["effect_kr"], step["kr_p10"], step["kr_p90"]]
            for step in cost["waterfall"]
        ],
    )
    prices = spec.Table(
        [
            spec.Column(_("Profession group")),
            spec.Column(_("Own staff (kr)"), "money", exact=True),
            spec.Column(_("Hired staff (kr)"), "money", exact=True),
        ],
        [[price["group"], price["own"], price["hired"]] for price in cost["prices"]],
    )
    return [years, steps, prices]


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
