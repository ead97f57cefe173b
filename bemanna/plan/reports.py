"""The lägesbild as a page, PDF, Excel and Word-ready HTML, with the same charts in each."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import pdf as pdf_document
from bemanna import report as spec
from bemanna.analysis import charts
from bemanna.plan.models import NoteKind, Status
from bemanna.plan.services import FigureStatus

FORMATS = ("pdf", "xlsx", "html")


def figure_spec(status: FigureStatus) -> dict:
    figure = status.figure
    return charts.effect_spec(
        [{"date": d.isoformat(), "value": v} for d, v in status.series],
        baseline=figure.baseline,
        target=figure.target,
        labels={
            "date": _("Date"),
            "value": figure.measure or _("Value"),
            "baseline": _("Baseline"),
            "target": _("Target"),
        },
        title=figure.name,
    )


def figure_svg(status: FigureStatus):
    if not status.series:
        return None
    figure = status.figure
    made_from = (
        [(d.isoformat(), v) for d, v in status.series],
        figure.baseline,
        figure.target,
        figure.measure or str(_("Value")),
        figure.name,
        str(_("Date")),
    )
    return rendering.svg_of(made_from, lambda: figure_spec(status))


def sections(report: dict) -> list[dict]:
    """Per area, per action: the notes by kind, the figures with their charts."""
    out = []
    for area, states in report["areas"].items():
        rows = []
        for state in states:
            notes = {kind: [n for n in state.notes if n.kind == kind] for kind in NoteKind.values}
            rows.append(
                {
                    "state": state,
                    "notes": [(NoteKind(k).label, notes[k]) for k in NoteKind.values],
                    "figures": [(f, figure_svg(f)) for f in state.figures],
                }
            )
        out.append({"area": area, "rows": rows})
    return out


def html(report: dict, *, for_print: bool = True) -> str:
    return render_to_string(
        "plan/lagesbild_document.html",
        {"report": report, "sections": sections(report), "for_print": for_print},
    )


def pdf(report: dict) -> bytes:
    return pdf_document.render(html(report))


def xlsx(report: dict) -> bytes:
    buffer = io.BytesIO()
    book = spec.workbook(buffer)  # strings stay strings: typed text never runs as a formula
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    red = book.add_format({"font_color": "#a4161a", "bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    sheet = book.add_worksheet(_("Actions")[:31])
    sheet.write(0, 0, _("Status report: competence supply"), title)
    sheet.write(1, 0, f"{report['since']:%Y-%m-%d} – {report['today']:%Y-%m-%d}")
    headers = [
        _("Area"),
        _("Action"),
        _("Work group"),
        _("Owner"),
        _("Status"),
        _("Start"),
        _("End"),
        _("Budget (MSEK)"),
        _("Overdue"),
        _("Reference"),
    ]
    sheet.write_row(3, 0, headers, bold)
    row = 4
    for area, states in report["areas"].items():
        for state in states:
            action = state.action
            sheet.write_row(
                row,
                0,
                [
                    area,
                    action.proposal.title,
                    str(action.work_group or ""),
                    action.owner.username if action.owner else "",
                    str(Status(action.proposal.status).label),
                    action.start.isoformat(),
                    action.end.isoformat(),
                ],
            )
            if action.budget_msek is not None:
                sheet.write(row, 7, float(action.budget_msek))
            if state.overdue:
                sheet.write(row, 8, _("overdue"), red)
            sheet.write(row, 9, action.proposal.reference)
            row += 1
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 9, 16)
    sheet.autofilter(3, 0, max(row - 1, 3), len(headers) - 1)

    notes = book.add_worksheet(_("Since last report")[:31])
    notes.write_row(0, 0, [_("Action"), _("Date"), _("Kind"), _("Text")], bold)
    row = 1
    for states in report["areas"].values():
        for state in states:
            for note in state.notes:
                notes.write_row(
                    row,
                    0,
                    [
                        state.action.proposal.title,
                        note.written_on.isoformat(),
                        str(NoteKind(note.kind).label),
                        note.text,
                    ],
                    wrap,
                )
                row += 1
    notes.set_column(0, 0, 40)
    notes.set_column(1, 2, 12)
    notes.set_column(3, 3, 80)

    effect = book.add_worksheet(_("Effect")[:31])
    effect.write_row(
        0,
        0,
        [_("Action"), _("Figure"), _("Baseline"), _("Target"), _("Latest"), _("Measure by")],
        bold,
    )
    row, image_row = 1, 1
    for states in report["areas"].values():
        for state in states:
            for status in state.figures:
                figure = status.figure
                effect.write_row(
                    row,
                    0,
                    [state.action.proposal.title, figure.name, figure.baseline, figure.target],
                )
                if status.latest is not None:
                    effect.write(row, 4, status.latest)
                effect.write(row, 5, figure.measure_on.isoformat())
                row += 1
                if status.series:
                    effect.insert_image(
                        image_row,
                        8,
                        f"figure-{figure.pk}.png",
                        {
                            "image_data": io.BytesIO(rendering.png(figure_spec(status))),
                            "x_scale": 0.5,
                            "y_scale": 0.5,
                        },
                    )
                    image_row += 10
    effect.set_column(0, 1, 36)
    effect.set_column(2, 5, 12)
    book.close()
    return buffer.getvalue()


def render(fmt: str, report: dict) -> tuple[bytes, str, str]:
    name = f"lagesbild-{report['today']:%Y-%m-%d}"
    if fmt == "pdf":
        return pdf(report), "application/pdf", f"{name}.pdf"
    if fmt == "xlsx":
        return (
            xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{name}.xlsx",
        )
    return html(report).encode(), "text/html; charset=utf-8", f"{name}.html"
