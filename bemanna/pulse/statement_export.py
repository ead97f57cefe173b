"""The Excel export's sheet per statement: the same figures as the page (`statements`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bemanna import report
from bemanna.org.models import Unit
from bemanna.pulse.results import WaveReport
from bemanna.pulse.statements import AGREE_VALUES, StatementReport


def section(reports: dict[int, WaveReport], waves: list, units: list[Unit]) -> report.Section:
    """One row per closed wave × unit × statement; figures only where the page shows them,
    with the page's own precision (a report section, drawn as a sheet of the workbook)."""
    direction = {"better": _("significantly better"), "worse": _("significantly worse")}
    columns = [
        report.Column(_("Wave")),
        report.Column(_("Unit code")),
        report.Column(_("Unit")),
        report.Column(_("Key")),
        report.Column(_("Statement")),
        report.Column(_("Answers"), "int"),
        report.Column(_("Mean"), "decimal", 1),
        report.Column(_("Agree (4–5)"), "percent"),
        *[report.Column(str(v), "percent") for v in AGREE_VALUES],
        report.Column(_("Change since the wave before"), "decimal", 1),
        report.Column(_("Since the wave before")),
    ]
    rows: list[list] = []
    earlier: StatementReport | None = None
    for wave in waves:
        found = StatementReport(reports[wave.pk])
        for unit in units:
            for s in found.statements(unit, earlier):
                row: list = [wave.opens.isoformat(), unit.code, unit.name, s.key, s.text]
                row += [None] * (len(columns) - len(row))
                if s.shown:
                    row[5] = s.answered
                    if s.mean is not None:
                        row[6] = report.Number(s.mean, "decimal", s.digits)
                    row[7] = s.agree
                    if s.distribution is not None and s.kind == "agree":
                        row[8 : 8 + len(AGREE_VALUES)] = list(s.distribution)
                    if s.change is not None:
                        # As the page shows it: the difference of the two means shown.
                        row[-2] = report.Number(s.change.shown, "decimal", s.digits)
                        row[-1] = direction.get(s.change.direction, _("no significant change"))
                rows.append(row)
        earlier = found
    return report.Section(
        _("Per statement"),
        _("Per statement: figures only for groups with at least the stricter threshold's answers."),
        tables=[report.Table(columns, rows, filter=True, frozen_columns=5)],
        sheet=_("Per statement"),
    )
