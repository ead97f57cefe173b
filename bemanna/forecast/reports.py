"""The forecast as a report: HTML (Word-friendly), PDF (WeasyPrint) and Excel (XlsxWriter).

All three use the chart specs and tables of `context`, so they show what the page shows.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bemanna import pdf as pdf_document
from bemanna import report as spec
from bemanna.forecast import context, labels
from bemanna.pulse import kinds

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
    """The report as a Word-ready HTML document (and, through it, the PDF): the sections of
    `report`, the charts' data gathered at the end."""
    declared = report(scenario, unit, result, cost)
    return render_to_string(
        "forecast/report.html",
        {
            "title": declared.title,
            "scenario": scenario,
            "unit": unit,
            "created": timezone.localtime(),
            "sections": spec.html(
                declared.sections, data_heading=_("The charts' data"), data_id="chart-data"
            ),
        },
    )


def _lever_lines(result) -> list[str]:
    active = result.levers.active()
    return [str(labels.LEVERS[name]) for name in active] or [_("No levers: the baseline.")]


def _description(scenario, result) -> str:
    """The scenario's own description, unless the forecast ran on levers from a file on top
    of the saved ones (`bemanna forecast --scenario … --levers FILE` marks the scenario in
    memory with `levers_from`): then the levers it used, since the description ("no
    levers", for the baseline) is about the saved ones."""
    source = getattr(scenario, "levers_from", None)
    if not source:
        return getattr(scenario, "description", "")
    used = [str(labels.LEVERS[name]) for name in result.levers.active()]
    return _(
        "This forecast is “%(scenario)s” with the levers of %(file)s on top, not saved in the "
        "scenario. Levers used: %(levers)s."
    ) % {"scenario": scenario.name, "file": source, "levers": ", ".join(used) or _("none")}


def pdf(scenario, unit, result, cost=None) -> bytes:
    return pdf_document.render(html(scenario, unit, result, cost))


def xlsx(scenario, unit, result, cost=None) -> bytes:
    return spec.xlsx(report(scenario, unit, result, cost))


def _exact(value, kind: str = "decimal", decimals: int = 1) -> spec.Number:
    """A figure as the page shows it, every digit kept in the cell (the sums add up)."""
    return spec.Number(value, kind, decimals, exact=True)


def report(scenario, unit, result, cost=None) -> spec.Report:
    """The forecast report, declared once for every format. The page (HTML and PDF) and the
    workbook's summary sheet share the sections; the workbook adds its data sheets (per year,
    per profession group, the levers' steps and, with costs, the kronor figures) and the page
    a sentence on the method."""
    summary = context.summary(result)
    specs = _specs(result)
    charts = dict(zip(("gap", "supply", "waterfall"), _charts_as_text(result, specs), strict=True))
    levers = [[line] for line in _lever_lines(result) + _source_lines(scenario)]
    sections = [
        spec.Section(
            _("Summary"),
            _description(scenario, result),
            tables=[
                spec.Table(
                    [spec.Column(_("Figure"), width=42), spec.Column(_("Value"), width=24)],
                    _facts(scenario, unit, summary, cost),
                ),
                spec.Table([spec.Column(_("Levers"))], levers),
            ],
            charts=[charts["gap"], charts["supply"]],
            sheet=_("Summary"),
        ),
        _steps_section(result, cost, charts["waterfall"]),
        _gaps_section(result, summary, specs),
        spec.Section(
            _("All profession groups, per year"),
            TEXTS["per_year"](),
            tables=[per_year_table(context.by_year(result))],
            sheet=_("Per year"),
            html_id="per-year",
            data_sheet=True,
        ),
        _groups_section(result, specs),
        spec.Section(
            "",
            tables=[_steps(context.waterfall_rows(result))],
            sheet=_("Levers"),
            data_sheet=True,
            only=spec.XLSX,
        ),
    ]
    if cost:
        sections += _cost_sections(cost)
    sections.append(spec.Section("", _method(), only=spec.PAGE))
    # The call stands outside the f-string: makemessages does not look inside one.
    title = _("Competence supply forecast")
    return spec.Report(f"{title}: {scenario.name}", sections=sections)


# Sentences of the report that the page shows too (`{% forecast_text "steps" %}`).
TEXTS = {
    "steps": lambda: _(
        "The headline gap and every step of the waterfall are means over the same draws, so "
        "the steps add up to the headline. Each lever is simulated alone with the same random "
        "draws; its P10–P90 is that of its effect in each draw."
    ),
    "per_year": lambda: _("Each cell: P50 (P10–P90)."),
}


def _method() -> str:
    return _(
        "Method: cohorts by profession group and age; retirement and other exits estimated "
        "from the region's own history with occurrence/exposure rates (censoring respected), "
        "everyone out at 69 (LAS); demand = base FTE × demographic index × productivity. "
        "Ranges are P10–P90 over Monte Carlo draws of exits and of the estimated rates."
    )


def _facts(scenario, unit, summary: dict, cost) -> list[list]:
    gap = summary["gap"]
    whole = spec.Column("", "int")
    facts: list[list] = [
        [_("Scenario"), scenario.name],
        [_("Unit"), f"{unit.name} ({unit.code})"],
        [_("Base year"), summary["base_year"]],
        [_("Horizon"), summary["horizon"]],
        [_("Monte Carlo draws"), spec.Number(summary["draws"], "int")],
        [_("Employees on the base date"), spec.Number(summary["staff"], "int")],
        [_("Gap at the horizon, mean (FTE)"), _exact(gap["mean"])],
        [
            _("Gap at the horizon, P10–P90 (FTE)"),
            f"{whole.text(gap['p10'])} – {whole.text(gap['p90'])}",
        ],
        [_("Recruitment need a year, P50 (people)"), _exact(summary["need_per_year"], "int", 0)],
    ]
    if cost:
        facts += [
            [label, _exact(value, "money", 0)]
            for label, value in (
                (_("Cost of the gap at the horizon, mean (kr a year)"), cost["gap"]["mean"]),
                (_("Cost of the gap, P10 (kr a year)"), cost["gap"]["p10"]),
                (_("Cost of the gap, P90 (kr a year)"), cost["gap"]["p90"]),
                (
                    _("Filling the shortage with hired staff, mean (kr a year)"),
                    cost["hired"]["mean"],
                ),
            )
        ]
    else:
        facts.append([_("Cost of the gap"), _("No personnel costs imported")])
    return facts + [[_("Note"), note] for note in summary["notes"]]


def _source_lines(scenario) -> list[str]:
    """The surveys a scenario's levers come from, and for which groups their own figure."""
    lines = []
    # (The command line's scenario without a database has no sources.)
    for source in getattr(scenario, "survey_sources", []):
        line = _("%(label)s: %(survey)s (closed %(closes)s, %(answers)s answers)") % {
            **source,
            "label": kinds.source_label(source["lever"]),
        }
        if source.get("groups"):
            line += "; {} {}".format(_("own figure for"), ", ".join(source["groups"]))
        if source.get("fallback"):
            line += "; {} {} ({})".format(
                _("the region's figure for"), ", ".join(source["fallback"]), _("too few answers")
            )
        lines.append(line)
    if getattr(scenario, "survey_hidden", False):
        lines.append(
            _(
                "Some levers of this scenario are set from surveys whose results your role "
                "does not see: the forecast here runs without them, at the levers' defaults."
            )
        )
    return lines


# The columns of the levers' steps, for the page's table and the workbook's two.
def _step_columns() -> dict[str, spec.Column]:
    return {
        "step": spec.Column(_("Step"), width=40),
        "effect": spec.Column(_("Effect on the gap (FTE), mean"), "decimal", 1, exact=True),
        "range": spec.Column(_("P10–P90"), "decimal", 1, exact=True, parts=("P10", "P90")),
        "effect_kr": spec.Column(
            _("Effect on the gap's cost (kr a year), mean"), "money", exact=True
        ),
        "range_kr": spec.Column(_("P10–P90"), "money", exact=True, parts=("P10", "P90")),
    }


def _steps(rows: list[dict], names=("step", "effect", "range"), **options) -> spec.Table:
    """The waterfall's steps (`context.waterfall_rows`, or with kronor `cost["waterfall"]`)
    in the columns `names`."""
    columns = _step_columns()
    values = {
        "step": lambda s: s["label"],
        "effect": lambda s: s["effect"],
        "range": lambda s: (s["p10"], s["p90"]),
        "effect_kr": lambda s: s["effect_kr"],
        "range_kr": lambda s: (s["kr_p10"], s["kr_p90"]),
    }
    return spec.Table(
        [columns[name] for name in names],
        [[values[name](step) for name in names] for step in rows],
        **options,
    )


def steps_table(waterfall: list[dict], cost: dict | None) -> spec.Table:
    """The steps as the page and the printed report show them: each row keyed by its step,
    with the kronor columns when there are costs."""
    rows = cost["waterfall"] if cost else waterfall
    names = ("step", "effect", "range") + (("effect_kr", "range_kr") if cost else ())
    keys = [step["step"] for step in rows]
    return _steps(rows, names, html_id="waterfall", keys=keys, key_name="step", only=spec.PAGE)


def _steps_section(result, cost, waterfall: spec.Chart) -> spec.Section:
    return spec.Section(
        _("Each lever's separate effect"),
        TEXTS["steps"](),
        tables=[steps_table(context.waterfall_rows(result), cost)],
        charts=[waterfall],
        sheet=_("Summary"),
    )


def gaps_table(gaps: list[dict], horizon: int) -> spec.Table:
    """The profession groups with the largest gap (`context.largest_gaps`), page and report."""
    one = [spec.Column(p, "int") for p in ("P10", "P90")]
    return spec.Table(
        [
            spec.Column(_("Profession group"), width=28),
            spec.Column(_("Gap %(year)s, P50") % {"year": horizon}, "int"),
            *one,
            spec.Column(_("Recruitment need a year"), "int"),
        ],
        [[g["group"], g["p50"], g["p10"], g["p90"], g["need"]] for g in gaps],
        html_id="gaps",
    )


def _gaps_section(result, summary: dict, specs: dict) -> spec.Section:
    gaps = gaps_table(context.largest_gaps(result), summary["horizon"])
    chart = spec.Chart(
        specs["groups"],
        _(
            "Each profession group's gap per year with its P10–P90 band; the table of all "
            "profession groups per year holds the figures."
        ),
        only=spec.PAGE,
    )
    return spec.Section(
        _("Profession groups with the largest gap"),
        tables=[gaps],
        charts=[chart],
        sheet=_("Summary"),
    )


def per_year_table(rows: list[dict]) -> spec.Table:
    """Each measure's P10, P50 and P90 per year (`context.by_year`): one cell each on the page,
    three columns in the workbook."""
    return spec.Table(
        [spec.Column(_("Year"))]
        + [
            spec.Column(
                m, "int", exact=True, width=14, parts=tuple(f"{m} {p}" for p in PERCENTILE_NAMES)
            )
            for m in context.measure_names()
        ],
        [[line["year"], *line["cells"]] for line in rows],
        html_id="years",
    )


PERCENTILE_NAMES = ("P10", "P50", "P90")


def _figures(measure: str, values: list[float]) -> list:
    """P10, P50, P90 and mean of one band row: people (`context.PEOPLE`) as whole numbers,
    FTE with the column's one decimal."""
    if measure in context.PEOPLE:
        return [spec.Number(context.whole(v), "int") for v in values]
    return values


def _groups_section(result, specs: dict) -> spec.Section:
    """The workbook's sheet of every profession group's bands, the chart beside it."""
    names = {m: str(v) for m, v in labels.MEASURES.items()}
    one = [spec.Column(p, "decimal", 1, exact=True) for p in PERCENTILE_NAMES]
    groups = spec.Table(
        [
            spec.Column(_("Profession group"), width=28),
            spec.Column(_("Year")),
            spec.Column(_("Measure"), width=30),
            *one,
            spec.Column(_("Mean"), "decimal", 1, exact=True),
        ],
        [
            [
                context.group_label(group),
                year,
                names.get(measure, measure),
                *_figures(measure, rest),
            ]
            for group, year, measure, *rest in result.forecast.bands.iter_rows()
        ],
        filter=True,
    )
    chart = spec.Chart(
        specs["groups"],
        _("Each profession group's gap per year, P10–P90: the rows of this sheet."),
    )
    return spec.Section(
        "", tables=[groups], charts=[chart], sheet=_("Per profession group"), only=spec.XLSX
    )


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


def cost_text(cost: dict) -> str:
    """How the kronor figures are reached, and from which months' costs."""
    text = _(
        "Each group's gap in each draw × its cost per FTE, summed over the groups before the "
        "mean and P10–P90 are taken; in today's prices. A surplus in one group offsets a "
        "shortage in another in the gap's cost, but not when filling the shortage with hired "
        "staff."
    )
    if cost.get("first"):
        text += " " + _("Imported personnel costs used: %(first)s–%(last)s.") % {
            "first": cost["first"].strftime("%Y-%m"),
            "last": cost["last"].strftime("%Y-%m"),
        }
    return text


def _cost_sections(cost: dict) -> list[spec.Section]:
    """The kronor figures: per year, per lever and each group's cost per FTE; on the Cost
    sheet of the workbook as data tables."""
    text = cost_text(cost)
    years, prices = cost_years_table(cost), prices_table(cost)
    sheet = _("Cost")
    steps = _steps(cost["waterfall"], ("step", "effect", "effect_kr", "range_kr"))
    return [
        spec.Section(
            _("The gap in kronor, per year"),
            text,
            tables=[years],
            sheet=sheet,
            data_sheet=True,
        ),
        spec.Section("", tables=[steps], sheet=sheet, data_sheet=True, only=spec.XLSX),
        spec.Section(_("Cost per FTE and year"), tables=[prices], sheet=sheet, data_sheet=True),
    ]


def cost_years_table(cost: dict) -> spec.Table:
    """The gap and hired staff in kronor per year (`context.cost_summary`), page and report."""

    def band(label: str, name: str) -> spec.Column:
        parts = tuple(f"{name} {p}" for p in ("P10", _("mean"), "P90"))
        return spec.Column(label, "money", exact=True, width=22, parts=parts)

    return spec.Table(
        [
            spec.Column(_("Year"), width=30),
            band(
                _("Cost of the gap (kr a year), mean (P10–P90)"), _("Cost of the gap (kr a year)")
            ),
            band(
                _("Filling the shortage with hired staff (kr a year), mean (P10–P90)"),
                _("Hired staff (kr a year)"),
            ),
        ],
        [
            [line["year"]]
            + [(line[key]["p10"], line[key]["mean"], line[key]["p90"]) for key in ("gap", "hired")]
            for line in cost["years"]
        ],
        html_id="cost-years",
    )


def prices_table(cost: dict) -> spec.Table:
    """Each group's cost per FTE and where it comes from, page and report."""
    return spec.Table(
        [
            spec.Column(_("Profession group")),
            spec.Column(_("Own staff (kr)"), "int", exact=True),
            spec.Column(_("Hired staff (kr)"), "int", exact=True),
            spec.Column(_("Source")),
        ],
        [
            [price["group"], price["own"], price["hired"], labels.price_source(price)]
            for price in cost["prices"]
        ],
        html_id="cost-prices",
    )


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
