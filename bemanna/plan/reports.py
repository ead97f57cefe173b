"""The lägesbild as a page, PDF, Excel and Word-ready HTML, with the same charts in each."""

from __future__ import annotations

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


def workbook_sections(report: dict) -> list[spec.Section]:
    """The lägesbild as report sections: the actions, the notes since the last report and
    the figures of effect with their charts (one sheet each)."""
    states = [(area, state) for area, found in report["areas"].items() for state in found]
    actions = spec.Table(
        [
            spec.Column(_("Area"), width=12),
            spec.Column(_("Action"), width=48),
            spec.Column(_("Work group"), width=16),
            spec.Column(_("Owner"), width=16),
            spec.Column(_("Status"), width=16),
            spec.Column(_("Start"), width=12),
            spec.Column(_("End"), width=12),
            spec.Column(_("Budget (MSEK)"), "decimal", 2, width=14),
            spec.Column(_("Overdue"), width=12),
            spec.Column(_("Reference"), width=16),
        ],
        [
            [
                area,
                state.action.proposal.title,
                str(state.action.work_group or ""),
                state.action.owner.username if state.action.owner else "",
                str(Status(state.action.proposal.status).label),
                state.action.start,
                state.action.end,
                None if state.action.budget_msek is None else float(state.action.budget_msek),
                _("overdue") if state.overdue else None,
                state.action.proposal.reference,
            ]
            for area, state in states
        ],
        filter=True,
    )
    notes = spec.Table(
        [
            spec.Column(_("Action"), width=40),
            spec.Column(_("Date"), width=12),
            spec.Column(_("Kind"), width=12),
            spec.Column(_("Text"), width=80),
        ],
        [
            [
                state.action.proposal.title,
                note.written_on,
                str(NoteKind(note.kind).label),
                note.text,
            ]
            for _area, state in states
            for note in state.notes
        ],
    )
    figures = [(state, status) for _area, state in states for status in state.figures]
    effect = spec.Table(
        [
            spec.Column(_("Action"), width=36),
            spec.Column(_("Figure"), width=36),
            spec.Column(_("Baseline"), "decimal", 2, width=12),
            spec.Column(_("Target"), "decimal", 2, width=12),
            spec.Column(_("Latest"), "decimal", 2, width=12),
            spec.Column(_("Measure by"), width=12),
        ],
        [
            [
                state.action.proposal.title,
                status.figure.name,
                status.figure.baseline,
                status.figure.target,
                status.latest,
                status.figure.measure_on,
            ]
            for state, status in figures
        ],
    )
    charts = [
        spec.Chart(
            figure_spec(status),
            _("The figure's values over time, with its baseline and target."),
            spec.Table(
                [
                    spec.Column(_("Date")),
                    spec.Column(status.figure.measure or _("Value"), "decimal", 2),
                ],
                [[day, value] for day, value in status.series],
            ),
        )
        for _state, status in figures
        if status.series
    ]
    period = f"{report['since']:%Y-%m-%d} – {report['today']:%Y-%m-%d}"
    return [
        spec.Section(_("Status report: competence supply"), period, [actions], sheet=_("Actions")),
        # Data sheets (no heading): the header in row 1, for a filter or a pivot table.
        spec.Section("", tables=[notes], sheet=_("Since last report")),
        spec.Section("", tables=[effect], charts=charts, sheet=_("Effect")),
    ]


def xlsx(report: dict) -> bytes:
    title = _("Status report: competence supply")
    return spec.xlsx(spec.Report(title, sections=workbook_sections(report)))


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
