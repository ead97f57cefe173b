"""The board report (*Kompetensförsörjning — lägesrapport*): key figures with targets, the
main scenario's forecast gaps, the ambassadorship trend and the action plan's lägesbild, for a
year and a unit's subtree; as HTML (Word-friendly), PDF (WeasyPrint) and Excel (XlsxWriter).

All three are drawn from `build`, and the key figures from `summary.summary`, so the report
shows what the pages show, the same charts included.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import generation
from bemanna import pdf as pdf_document
from bemanna import report as spec
from bemanna.forecast import context as forecast_context
from bemanna.forecast import reports as forecast_reports
from bemanna.forecast import services as forecasting
from bemanna.forecast.models import Scenario
from bemanna.keyfigures import benchmarks
from bemanna.keyfigures import figures as figures_table
from bemanna.keyfigures.summary import cached_summary, default_year, year_notes
from bemanna.org.models import Unit
from bemanna.plan import reports as plan_reports
from bemanna.plan import services as plan_services
from bemanna.pulse import reporting as pulse_reporting

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KEY_CHARTS = ("trend_spec", "monthly_spec", "cost_spec")
# The figures of each unit below: figure → its key in `summary`'s children rows.
CHILD_FIGURES = {"sick_leave": "value", "long_share": "long_share", "hired_share": "hired_share"}


def build(unit: Unit, year: int, today: datetime.date) -> dict:
    """Everything in the report, as values and chart specs. For the whole-region roles only
    (the board's document), so nothing is hidden beyond what the pulse's own rules hide.

    The key figures, the forecast and the ambassadorship are kept in the shared cache until
    the next import or change (`bemanna.generation`); the action plan's lägesbild is read
    afresh, as actions are reported on every day."""
    report: dict = {**cached_sections(unit, year, today), "created": timezone.localtime()}
    end = min(datetime.date(year, 12, 31), today)
    report["lagesbild"] = plan_services.lagesbild(datetime.date(year, 1, 1), end)
    return report


def cached_sections(unit: Unit, year: int, today: datetime.date) -> dict:
    """The report but its lägesbild, from the shared cache (`build`)."""
    return generation.remembered(
        "board-sections",
        (unit.pk, unit.path, year, today, get_language()),
        lambda: _computed(unit, year, today),
        topics=generation.TOPICS,  # the forecast section too
    )


def warm(today: datetime.date | None = None) -> None:
    """Compute, for the current generations, the report the whole-region roles open first
    (each top unit, the year the page opens on, in every language): its key figures are the
    same entry their *Nyckeltal* page reads. Run after an import and by the schedule
    (`generation.register_warmer`); nothing in it is any user's, as `build` is not."""
    today = today or timezone.localdate()
    for unit in Unit.objects.filter(parent__isnull=True).order_by("code"):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                cached_sections(unit, default_year(today), today)


def _computed(unit: Unit, year: int, today: datetime.date) -> dict:
    figures = cached_summary(unit, year, today, manager=False)
    report: dict = {
        "unit": unit,
        "year": year,
        "year_notes": year_notes(year, today),
        "figures": figures,
        "specs": {name: figures[name] for name in KEY_CHARTS if figures[name]},
    }
    report.update(_forecast(unit, report["specs"]))
    report.update(_ambassadorship(unit, year, figures, report["specs"]))
    return report


def _forecast(unit: Unit, specs: dict) -> dict:
    scenario = Scenario.objects.order_by("-is_main", "name").first()
    if scenario is None:
        return {"scenario": None}
    try:
        result = forecasting.run_forecast(scenario, unit)
    except forecasting.ForecastError as problem:
        return {"scenario": scenario, "forecast_error": str(problem)}
    specs["gap"] = forecast_context.gap_band_spec(result)
    return {
        "scenario": scenario,
        "forecast": forecast_context.summary(result),
        "gaps": forecast_context.largest_gaps(result, 10),
    }


def _ambassadorship(unit: Unit, year: int, figures: dict, specs: dict) -> dict:
    enps = figures["enps"]
    if not enps:
        return {"pulse_rows": []}
    pulse = enps["wave"].pulse
    # Only waves closed by the report's last day: a 2024 report never shows (or changes
    # with) a wave of 2025, and one still open is not a result.
    last_day = datetime.date(year, 12, 31)
    table = [
        row
        for row in pulse_reporting.trend(pulse, unit, [])
        if not row["open"] and row["wave"].closes <= last_day
    ]
    if any(row["unit"].score for row in table):
        specs["pulse"] = pulse_reporting.trend_spec(table)
    return {"pulse": pulse, "pulse_rows": table}


def html(report: dict) -> str:
    charts = {name: rendering.svg(spec) for name, spec in report["specs"].items()}
    figures = dict(report["figures"])
    drawn = key_charts(report["specs"])
    for name in KEY_CHARTS:
        # Their data are in the report's last section (`chart_data`), which they point to.
        chart = drawn.get(name)
        figures[name.replace("_spec", "_chart")] = (
            spec.figure_html(chart, described_by="chart-data") if chart else None
        )
    return render_to_string(
        "keyfigures/board.html",
        {
            **report,
            **figures,
            "charts": charts,
            # The lägesbild as the plan's own report draws it, effect charts included.
            "sections": plan_reports.sections(report["lagesbild"]),
            "report_lagesbild": report["lagesbild"],
            "summary": spec.html(summary_sections(report)),
            "chart_data": spec.html([chart_data(report)]),
            "gaps_table": spec.table_html(gaps_table(report)) if report.get("forecast") else "",
        },
    )


def pdf(report: dict) -> bytes:
    """The report's PDF, rendered once for what it shows (`bemanna.pdf.kept`): asked for again
    while nothing in it changed (no import, no action reported), the document made then."""
    return pdf_document.kept(html({**report, "created": None}), lambda: html(report))


KINDS = {
    figures_table.Unit.SHARE: "percent",
    figures_table.Unit.PEOPLE: "int",
    figures_table.Unit.FTE: "decimal",
    figures_table.Unit.SEK: "money",
    figures_table.Unit.HOURS: "int",
    figures_table.Unit.POINTS: "int",
}


def number(name: str, value, *, decimals: int | None = None) -> spec.Number:
    """A figure's value with its kind and decimals from the table of figures."""
    row = figures_table.FIGURES[name]
    return spec.Number(value, KINDS[row.unit], row.decimals if decimals is None else decimals)


def _figure_lines(report: dict) -> list[tuple[str, object, object, float | None, bool]]:
    """The few figures that matter: (name, value, value a year before, target, off)."""
    figures = report["figures"]
    rows = {row["key"]: row for row in figures["rows"]}
    cost, before = figures["cost"] or {}, figures["cost_before"] or {}
    targets = figures["targets"]
    enps = figures["enps"] or {}
    score = enps.get("score")
    lines: list[tuple[str, object, object, float | None, bool]] = [
        (name, rows[key]["value"], rows[key]["before"], rows[key]["target"], rows[key]["off"])
        for name, key in (("sick_leave", "total"), ("long_share", "long_share"))
    ]
    lines.append(
        (
            "hired_share",
            cost.get("hired_share"),
            before.get("hired_share"),
            targets["hired_share"],
            bool(figures["hired_off"]),
        )
    )
    lines.append(
        (
            "plan_coverage",
            figures["staff"]["plan_coverage"],
            None,
            targets["plan_coverage"],
            bool(figures["plan_off"]),
        )
    )
    lines.append(
        (
            "turnover",
            (figures["turnover"] or {}).get("leavers"),
            (figures.get("turnover_before") or {}).get("leavers"),
            targets["turnover"],
            bool(figures["turnover_off"]),
        )
    )
    # A coarse eNPS is shown as its text ("≥ 50"), as on the page.
    shown = None if not score else (score.value if score.exact else score.text)
    lines.append(("enps", shown, _previous_enps(report), targets["enps"], figures["enps_off"]))
    # A figure added to the table that can have a target, against it (no year before).
    lines += [
        (row["name"], row["value"], None, row["target"], row["off"])
        for row in figures["unplaced"]
        if figures_table.FIGURES[row["name"]].direction
    ]
    return lines


def _previous_enps(report: dict):
    """The eNPS of the closed wave before the report's own (the pulse's last wave closed in
    the report's year; that one may have closed in an earlier year), when both are exact.
    A wave closed after the report's year is never used, so a year's report does not change
    when later waves close; with no closed wave before it there is nothing to compare."""
    current = (report["figures"]["enps"] or {}).get("wave")
    if current is None:
        return None
    order = {row["wave"].pk: (row["wave"].closes, row["wave"].pk) for row in report["pulse_rows"]}
    if current.pk not in order:
        return None
    earlier = [row for row in report["pulse_rows"] if order[row["wave"].pk] < order[current.pk]]
    if not earlier:
        return None
    score = next(row for row in report["pulse_rows"] if row["wave"].pk == current.pk)["unit"].score
    before = max(earlier, key=lambda row: order[row["wave"].pk])["unit"].score
    if not (score and before and score.exact and before.exact):
        return None
    return before.value


def _nothing_imported(report: dict) -> dict[str, str]:
    """Why a figure has no data for the whole region (nothing imported for it), by figure:
    decided on the imports, never on a group's size, so it says nothing of a unit."""
    figures = report["figures"]
    said = {}
    if figures["no_hours"]:
        for name in SICK_LEAVE_LINES:
            said[name] = _("Not shown: no scheduled hours imported for the year (import hours).")
    if figures.get("costs_waiting"):
        said["hired_share"] = _("Not shown: the year's personnel costs are not all in.")
    elif not figures.get("costs_imported"):
        said["hired_share"] = _(
            "Not shown: no personnel costs imported for the year (import costs)."
        )
    if figures.get("plans_as_of") is None:
        said["plan_coverage"] = _("Not shown: no competence plans imported (import plans).")
    if not (figures["enps"] or {}).get("wave"):
        said["enps"] = _("Not shown: no pulse wave closed in the year.")
    return said


def _sentence(name: str, value, target: float | None, off: bool) -> str:
    row = figures_table.FIGURES[name]
    if value is None:
        if name == "enps":
            return _("Not shown: too few answers.")
        if name == "hired_share":  # none imported, too few people, or the running year
            return _(
                "Not shown: no personnel costs for this unit in the year, too few people, or "
                "the year is running (the region's only until it has closed)."
            )
        return _("Not shown: too few people.")
    if isinstance(value, str):
        return _("Shown rounded: too few answers for an exact figure.")
    if target is None:
        return _("No target set.")
    if not off:
        return _("Within the target.")
    kind = KINDS[row.unit]
    places = spec.apart(value, target, kind=kind, decimals=row.decimals)
    gap = abs(value - target)
    scale, written = (100, "decimal") if kind == "percent" else (1, kind)
    number = spec.Column("", written, places).text(scale * gap)
    if round(scale * gap, places) == 0:  # off by less than the finest decimal written
        number = _("less than %(n)s") % {"n": spec.Column("", written, places).text(10.0**-places)}
    amount = _("%(n)s percentage points") % {"n": number} if kind == "percent" else number
    if row.direction is figures_table.Direction.LOWER:
        return _("Above the target by %(amount)s.") % {"amount": amount}
    return _("Below the target by %(amount)s.") % {"amount": amount}


def _plan_sentence(report: dict, sentence: str) -> str:
    """The plans are a snapshot: beside the share the day it shows; in another year only why
    there is none."""
    figures = report["figures"]
    as_of, note = figures.get("plans_as_of"), figures.get("plan_note")
    if not note or as_of is None:
        return sentence
    return note if as_of.year != report["year"] else f"{sentence} {note}"


def _trend(name: str, value, before) -> str:
    if value is None or before is None or isinstance(value, str) or isinstance(before, str):
        return "–"
    row = figures_table.FIGURES[name]
    kind = KINDS[row.unit]
    places = spec.apart(value, before, kind=kind, decimals=row.decimals)
    was = spec.Column("", kind, places).text(before)
    if round(value, 6) == round(before, 6):
        return _("unchanged")
    return (_("up from %(was)s") if value > before else _("down from %(was)s")) % {"was": was}


# The summary's lines that are shares of scheduled hours (none without the hours file).
SICK_LEAVE_LINES = ("sick_leave", "long_share")


def summary_sections(report: dict) -> list[spec.Section]:
    """The first page: the figures that matter with target, trend and a sentence; the units
    materially off target; the actions that moved or are overdue; the forecast's gap."""
    year = report["year"]
    rows = []
    missing = _nothing_imported(report)
    for name, value, before, target, off in _figure_lines(report):
        row = figures_table.FIGURES[name]
        places = row.decimals
        if isinstance(value, float) and target is not None and off:
            places = spec.apart(value, target, kind=KINDS[row.unit], decimals=row.decimals)
        rows.append(
            [
                str(row.label),
                number(name, value, decimals=places),
                number(name, before),
                number(name, target),
                _trend(name, value, before),
                missing[name]
                if value is None and name in missing
                else _plan_sentence(report, _sentence(name, value, target, off))
                if name == "plan_coverage"
                else _sentence(name, value, target, off),
            ]
        )
    if report.get("forecast"):
        gap = report["forecast"]["gap"]
        gap_range = (gap["p10"], gap["p90"])
        rows.append(
            [
                # The mean over the draws, as the forecast page and `bemanna forecast` give it.
                _("Staffing gap in %(year)s, mean (FTE)") % {"year": report["forecast"]["horizon"]},
                spec.Number(gap["mean"], "int"),
                None,
                None,
                "–",
                _("P10–P90: %(range)s FTE.")
                % {"range": spec.Column("", "int", parts=("P10", "P90")).text(gap_range)},
            ]
        )
    figures = spec.Section(
        _("Summary"),
        _(
            "%(unit)s, %(year)s: the figures that matter, each against its target and the "
            "year before (eNPS: the wave before). The staffing gap is the FTE needed minus "
            "the FTE the staff will give: a positive gap is a shortage, a negative one a "
            "surplus."
        )
        % {"unit": report["unit"].name, "year": year},
        tables=[
            spec.Table(
                [
                    spec.Column(_("Figure")),
                    spec.Column(str(year), "decimal"),
                    spec.Column(str(year - 1), "decimal"),
                    spec.Column(_("Target"), "decimal"),
                    spec.Column(_("Trend")),
                    spec.Column(_("Assessment")),
                ],
                rows,
                html_id="summary-figures",
            )
        ],
        sheet=_("Summary"),
        html_id="summary",
    )
    return [figures, _attention_section(report, SUMMARY_ATTENTION), _actions_section(report)]


# The summary is one page (issue 16): its two lists show this many rows, the rest are said
# to be in the sections after it (Needs attention, the action plan), which list them all.
SUMMARY_ATTENTION = 5
SUMMARY_ACTIONS = 4


def _attention_section(report: dict, most: int | None = None) -> spec.Section:
    """The units materially off target: all of them, or the first `most` (the summary's)."""
    rows = []
    for unit in report["figures"]["attention"]:
        for kind, name, value, other in unit["issues"]:
            places = spec.apart(value, other, kind="percent", decimals=1)
            rows.append(
                [
                    unit["unit_name"],
                    name,
                    spec.Number(value, "percent", places),
                    _("target") if kind == "target" else _("significant change from"),
                    spec.Number(other, "percent", places),
                ]
            )
    more = len(rows) - most if most is not None else 0
    rows = rows[:most]
    text = (
        _(
            "Units off a target by at least a tenth of it, or whose sick leave changed "
            "significantly since last year (95 %); each value with the decimals that tell it "
            "from the target."
        )
        if rows
        else _("No unit is materially off a target.")
    )
    if more > 0:
        text += " " + ngettext(
            "And %(n)s more: all are listed under Needs attention.",
            "And %(n)s more: all are listed under Needs attention.",
            more,
        ) % {"n": more}
    return spec.Section(
        _("Materially off target"),
        text,
        tables=[
            spec.Table(
                [
                    spec.Column(_("Unit")),
                    spec.Column(_("Figure")),
                    spec.Column(str(report["year"]), "percent", 1),
                    spec.Column(_("Compared with")),
                    spec.Column(_("Value"), "percent", 1),
                ],
                rows,
                html_id="summary-attention",
            )
        ]
        if rows
        else [],
        sheet=_("Summary"),
        html_id="summary-attention-section",
    )


def _actions_section(report: dict) -> spec.Section:
    moved = [
        (area, state)
        for area, states in report["lagesbild"]["areas"].items()
        for state in states
        if state.overdue or state.notes
    ]
    moved.sort(key=lambda pair: not pair[1].overdue)  # the overdue first, else as the plan
    rows = [
        [
            area,
            state.action.proposal.title,
            state.action.proposal.get_status_display(),
            state.action.end,
            _("overdue") if state.overdue else _("%(n)s notes") % {"n": len(state.notes)},
        ]
        for area, state in moved[:SUMMARY_ACTIONS]
    ]
    more = len(moved) - len(rows)
    return spec.Section(
        _("Actions that moved or are overdue"),
        ngettext(
            "And %(n)s more: the action plan below lists every action.",
            "And %(n)s more: the action plan below lists every action.",
            more,
        )
        % {"n": more}
        if more > 0
        else ""
        if rows
        else _("No action was reported on or is overdue this year."),
        tables=[
            spec.Table(
                [
                    spec.Column(_("Area")),
                    spec.Column(_("Action")),
                    spec.Column(_("Status")),
                    spec.Column(_("Ends")),
                    spec.Column(_("Since the year began")),
                ],
                rows,
                html_id="summary-actions",
            )
        ]
        if rows
        else [],
        sheet=_("Summary"),
        html_id="summary-actions-section",
    )


def key_charts(specs: dict) -> dict[str, spec.Chart]:
    """The key figures' charts there are specs for, each with its sentence and its data (the
    text alternative), in the report's order: the page draws the same."""
    texts = {
        "trend_spec": (
            _(
                "Sick leave and its long-term part (spells of 60 days or more) per year "
                "over ten years, as shares of scheduled hours, with the target."
            ),
            _("Year"),
        ),
        "cost_spec": (
            _("Hired staff as a share of own-staff cost per year, with the target."),
            _("Year"),
        ),
        "monthly_spec": (_("Sick leave per month this year and the year before."), _("Month")),
    }
    return {
        name: spec.Chart(specs[name], alt, _lines_data(specs, name, x_label))
        for name, (alt, x_label) in texts.items()
        if specs.get(name)
    }


def _chart(specs: dict, name: str, alt: str, data=None) -> list[spec.Chart]:
    return [spec.Chart(specs[name], alt, data)] if name in specs else []


def _lines_data(specs: dict, name: str, x_label: str) -> spec.Table | None:
    if name not in specs:
        return None
    return spec.series_table(
        specs[name], x="year", x_label=x_label, value=spec.Column("", "percent", 1), scale=100
    )


def chart_data(report: dict) -> spec.Section:
    """Every chart's data as a table, titled as the chart: the charts' text alternative in
    the HTML and the PDF (the Excel report has each beside its chart)."""
    return spec.Section(
        _("The charts' data"),
        tables=[
            spec.Table(chart.data.columns, chart.data.rows, caption=chart.title)
            for section in sections(report)
            for chart in section.charts
            if chart.data
        ],
        html_id="chart-data",
    )


def sections(report: dict) -> list[spec.Section]:
    """The whole report as sections: the summary, then each part on its own sheet."""
    figures = report["figures"]
    specs = report["specs"]
    year = report["year"]
    flags = ((_("off target"), "off"), (_("significant change"), "moved"))
    note = [
        " · ".join(text for text, key in flags if line[key]) or None for line in figures["rows"]
    ]
    sick = spec.Table(
        [
            spec.Column(_("Figure")),
            spec.Column(str(year), "percent", 1),
            spec.Column(str(year - 1), "percent", 1),
            spec.Column(_("The region"), "percent", 1),
            spec.Column(_("Target"), "percent", 1),
            spec.Column(_("Note")),
        ],
        [
            [line["name"], line["value"], line["before"], line["region"], line["target"], text]
            for line, text in zip(figures["rows"], note, strict=True)
        ],
    )
    score = (figures["enps"] or {}).get("score")
    others = spec.Table(
        [spec.Column(_("Figure")), spec.Column(str(year), "decimal")],
        [
            [
                f"{figure.label} — {figures['plan_note']}"
                if figure.name == "plan_coverage" and figures.get("plan_note")
                else str(figure.label),
                # "≥ 50" is a band, not the number 50: a coarse eNPS is written as its text.
                score.text
                if figure.name == "enps" and score and not score.exact
                else number(figure.name, figures["values"].get(figure.name)),
            ]
            for figure in figures_table.FIGURES.values()
            if not figure.sick_leave
        ],
    )
    key = spec.Section(
        _("Competence supply: status report"),
        f"{report['unit'].name} ({report['unit'].code}) · {year}",
        tables=[sick, others],
        charts=list(key_charts(specs).values()),
        sheet=_("Key figures"),
    )
    children = spec.Table(
        [spec.Column(_("Unit"))]
        + [
            spec.Column(str(figures_table.FIGURES[name].label), "percent", 1)
            for name in CHILD_FIGURES
        ],
        [
            [child["unit"].name, *(child[key] for key in CHILD_FIGURES.values())]
            for child in figures["children"]
        ],
    )
    compared = [benchmarks.section(figures, figures["benchmarks"])] if figures["benchmarks"] else []
    units = spec.Section(_("Units below"), tables=[children], sheet=_("Units below"))
    attention = _attention_section(report)
    attention.heading, attention.sheet = _("Needs attention"), _("Units below")
    # The page and the PDF say what the years cover above the figures; the workbook here.
    notes = [
        spec.Section(_("What the years cover"), note, sheet=_("Key figures"), only=spec.XLSX)
        for note in report.get("year_notes", [])
    ]
    return [
        *summary_sections(report),
        key,
        *notes,
        *compared,
        units,
        attention,
        _forecast_section(report),
        _pulse_section(report),
        _plan_section(report),
    ]


def gaps_table(report: dict) -> spec.Table:
    """The profession groups with the largest gap at the horizon: the forecast page's own
    table (`forecast.reports.gaps_table`), declared once for the page, the PDF and Excel."""
    return forecast_reports.gaps_table(report["gaps"], report["forecast"]["horizon"])


def _forecast_section(report: dict) -> spec.Section:
    if not report.get("forecast"):
        return spec.Section(
            _("Forecast"),
            report.get("forecast_error") or _("No forecast scenario yet."),
            sheet=_("Forecast"),
        )
    gaps = gaps_table(report)
    data = spec.band_table(report["specs"]["gap"], x_label=_("Year"))
    return spec.Section(
        report["scenario"].name,
        " ".join(
            [
                _(
                    "The gap is the FTE needed minus the FTE the staff will give: positive is "
                    "a shortage, negative a surplus."
                ),
                forecast_context.supply_explained(),
                # What the forecast could not do as asked (no end reasons, say), as its page.
                *report["forecast"].get("notes", []),
            ]
        ),
        tables=[gaps],
        charts=[
            spec.Chart(
                report["specs"]["gap"],
                _("The staffing gap per year with its P10–P90 band."),
                data,
            )
        ],
        sheet=_("Forecast"),
    )


def _pulse_section(report: dict) -> spec.Section:
    rows = []
    for line in report["pulse_rows"]:
        score = line["unit"].score
        wave = line["wave"].opens.strftime("%Y-%m")
        if score and score.exact:
            rows.append([wave, score.value, score.low, score.high, score.n])
        elif score:  # rounded to 10 below the distribution threshold, n as a band
            rows.append([wave, score.text, None, None, score.n_text])
        else:
            rows.append([wave, _("hidden"), None, None, None])
    return spec.Section(
        _("Ambassadorship"),
        report["pulse"].name if report["pulse_rows"] else _("No pulse results for this year."),
        tables=[
            spec.Table(
                [
                    spec.Column(_("Wave")),
                    spec.Column("eNPS", "int"),
                    spec.Column(_("Low"), "int"),
                    spec.Column(_("High"), "int"),
                    spec.Column(_("Answers"), "int"),
                ],
                rows,
            )
        ]
        if rows
        else [],
        charts=_chart(
            report["specs"],
            "pulse",
            _("eNPS per wave with its 95 % interval; the values are in the table beside it."),
        ),
        sheet=_("Ambassadorship"),
    )


def _plan_section(report: dict) -> spec.Section:
    rows = [
        [
            area,
            state.action.proposal.title,
            state.action.proposal.get_status_display(),
            state.action.end,
            _("yes") if state.overdue else "",
        ]
        for area, states in report["lagesbild"]["areas"].items()
        for state in states
    ]
    return spec.Section(
        _("The action plan"),
        tables=[
            spec.Table(
                [
                    spec.Column(_("Area")),
                    spec.Column(_("Action")),
                    spec.Column(_("Status")),
                    spec.Column(_("Ends")),
                    spec.Column(_("Overdue")),
                ],
                rows,
            )
        ],
        sheet=_("Action plan"),
    )


def xlsx(report: dict) -> bytes:
    """The report's sections, one sheet per part; the charts as pictures beside the numbers
    with their data as tables."""
    return spec.xlsx(spec.Report(_("Competence supply: status report"), sections=sections(report)))


def render(fmt: str, report: dict) -> tuple[bytes, str, str]:
    if fmt == "html":
        content = html(report).encode()
    elif fmt == "pdf":
        content = pdf(report)
    else:
        content = xlsx(report)
    filename = f"lagesrapport-{report['year']}-{slugify(report['unit'].code)}.{fmt}"
    return content, FORMATS[fmt], filename
