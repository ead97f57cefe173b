"""The board report (*Kompetensförsörjning — lägesrapport*): key figures with targets, the
main scenario's forecast gaps, the ambassadorship trend and the action plan's lägesbild, for a
year and a unit's subtree; as HTML (Word-friendly), PDF (WeasyPrint) and Excel (XlsxWriter).

All three are drawn from `build`, and the key figures from `summary.summary`, so the report
shows what the pages show, the same charts included.
"""

from __future__ import annotations

import datetime
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import pdf as pdf_document
from bemanna.forecast import context as forecast_context
from bemanna.forecast import services as forecasting
from bemanna.forecast.models import Scenario
from bemanna.keyfigures import figures as figures_table
from bemanna.keyfigures.services import key_figures
from bemanna.keyfigures.summary import summary
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
    (the board's document), so nothing is hidden beyond what the pulse's own rules hide."""
    figures = summary(key_figures(year, today), unit, manager=False)
    report: dict = {
        "unit": unit,
        "year": year,
        "created": timezone.localtime(),
        "figures": figures,
        "specs": {name: figures[name] for name in KEY_CHARTS if figures[name]},
    }
    report.update(_forecast(unit, report["specs"]))
    report.update(_ambassadorship(unit, figures, report["specs"]))
    end = min(datetime.date(year, 12, 31), today)
    report["lagesbild"] = plan_services.lagesbild(datetime.date(year, 1, 1), end)
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


def _ambassadorship(unit: Unit, figures: dict, specs: dict) -> dict:
    enps = figures["enps"]
    if not enps:
        return {"pulse_rows": []}
    pulse = enps["wave"].pulse
    table = [row for row in pulse_reporting.trend(pulse, unit, []) if not row["open"]]
    if any(row["unit"].score for row in table):
        specs["pulse"] = pulse_reporting.trend_spec(table)
    return {"pulse": pulse, "pulse_rows": table}


def html(report: dict) -> str:
    charts = {name: rendering.svg(spec) for name, spec in report["specs"].items()}
    figures = dict(report["figures"])
    for name in KEY_CHARTS:
        figures[name.replace("_spec", "_chart")] = charts.get(name)
    return render_to_string(
        "keyfigures/board.html",
        {
            **report,
            **figures,
            "charts": charts,
            # The lägesbild as the plan's own report draws it, effect charts included.
            "sections": plan_reports.sections(report["lagesbild"]),
            "report_lagesbild": report["lagesbild"],
        },
    )


def pdf(report: dict) -> bytes:
    return pdf_document.render(html(report))


def xlsx(report: dict) -> bytes:
    """One sheet per part; the charts as pictures beside the numbers."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    # Each figure in its own format, from the table of figures.
    formats = {
        name: book.add_format({"num_format": row.excel_format})
        for name, row in figures_table.FIGURES.items()
    }
    share = formats["sick_leave"]  # a share of the kind the unit and attention tables hold
    one = book.add_format({"num_format": "# ##0.0"})
    figures = report["figures"]
    specs = report["specs"]

    def picture(sheet, cell: str, name: str) -> None:
        if name in specs:
            sheet.insert_image(
                cell,
                f"{name}.png",
                {
                    "image_data": io.BytesIO(rendering.png(specs[name])),
                    "x_scale": 0.5,
                    "y_scale": 0.5,
                },
            )

    sheet = book.add_worksheet(_("Key figures")[:31])
    sheet.write(0, 0, _("Competence supply: status report"), title)
    sheet.write(1, 0, f"{report['unit'].name} ({report['unit'].code}) · {report['year']}")
    header = [
        _("Figure"),
        str(report["year"]),
        str(report["year"] - 1),
        _("The region"),
        _("Target"),
    ]
    sheet.write_row(3, 0, header, bold)
    row = 4
    for line in figures["rows"]:
        fmt = formats[figures_table.by_column(line["key"]).name]
        sheet.write(row, 0, line["name"])
        for col, key in enumerate(("value", "before", "region", "target"), start=1):
            if line[key] is not None:
                sheet.write(row, col, line[key], fmt)
        if line["off"]:
            sheet.write(row, 5, _("off target"))
        if line["moved"]:
            sheet.write(row, 6, _("significant change"))
        row += 1
    row += 1
    for figure in figures_table.FIGURES.values():
        if figure.sick_leave:
            continue  # in the table above
        sheet.write(row, 0, str(figure.label))
        value = figures["values"].get(figure.name)
        if value is not None:
            sheet.write(row, 1, value, formats[figure.name])
        row += 1
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, 6, 13)
    picture(sheet, "I2", "trend_spec")
    picture(sheet, "I22", "cost_spec")
    picture(sheet, "I42", "monthly_spec")

    units = book.add_worksheet(_("Units below")[:31])
    units.write_row(
        0,
        0,
        [_("Unit")] + [str(figures_table.FIGURES[name].label) for name in CHILD_FIGURES],
        bold,
    )
    for r, child in enumerate(figures["children"], start=1):
        units.write(r, 0, child["unit"].name)
        for c, (name, key) in enumerate(CHILD_FIGURES.items(), start=1):
            if child[key] is not None:
                units.write(r, c, child[key], formats[name])
    attention_row = len(figures["children"]) + 3
    units.write(attention_row, 0, _("Needs attention"), bold)
    for a in figures["attention"]:
        for kind, name, value, other in a["issues"]:
            attention_row += 1
            units.write_row(attention_row, 0, [a["unit_name"], name])
            units.write(attention_row, 2, value, share)
            units.write(
                attention_row, 3, _("target") if kind == "target" else _("significant change from")
            )
            units.write(attention_row, 4, other, share)
    units.set_column(0, 1, 34)
    units.set_column(2, 4, 16)

    gaps = book.add_worksheet(_("Forecast")[:31])
    if report.get("forecast"):
        gaps.write(0, 0, report["scenario"].name, title)
        gaps.write_row(2, 0, [_("Profession group"), "P10", "P50", "P90"], bold)
        for r, gap in enumerate(report["gaps"], start=3):
            gaps.write(r, 0, forecast_context.group_label(gap["group"]))
            gaps.write_row(r, 1, [gap["p10"], gap["p50"], gap["p90"]], one)
        gaps.set_column(0, 0, 32)
        picture(gaps, "G2", "gap")
    else:
        gaps.write(0, 0, report.get("forecast_error") or _("No forecast scenario yet."))

    pulse = book.add_worksheet(_("Ambassadorship")[:31])
    pulse.write_row(0, 0, [_("Wave"), "eNPS", _("Low"), _("High"), _("Answers")], bold)
    for r, line in enumerate(report["pulse_rows"], start=1):
        pulse.write(r, 0, line["wave"].opens.strftime("%Y-%m"))
        score = line["unit"].score
        if score and score.exact:
            pulse.write_row(r, 1, [score.value, score.low, score.high, score.n], one)
        elif score:  # rounded to 10 below the distribution threshold, n as a band
            pulse.write_row(r, 1, [score.text, None, None, score.n_text])
        else:
            pulse.write(r, 1, _("hidden"))
    picture(pulse, "H2", "pulse")

    actions = book.add_worksheet(_("Action plan")[:31])
    actions.write_row(0, 0, [_("Area"), _("Action"), _("Status"), _("Ends"), _("Overdue")], bold)
    r = 1
    for area, states in report["lagesbild"]["areas"].items():
        for state in states:
            action = state.action
            actions.write_row(
                r,
                0,
                [
                    area,
                    action.proposal.title,
                    action.proposal.get_status_display(),
                    action.end.isoformat(),
                    _("yes") if state.overdue else "",
                ],
            )
            r += 1
    actions.set_column(0, 1, 40)
    book.close()
    return buffer.getvalue()


def render(fmt: str, report: dict) -> tuple[bytes, str, str]:
    if fmt == "html":
        content = html(report).encode()
    elif fmt == "pdf":
        content = pdf(report)
    else:
        content = xlsx(report)
    filename = f"lagesrapport-{report['year']}-{slugify(report['unit'].code)}.{fmt}"
    return content, FORMATS[fmt], filename
