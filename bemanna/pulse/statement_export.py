"""The Excel export's sheet per statement: the same figures as the page (`statements`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bemanna.org.models import Unit
from bemanna.pulse.results import WaveReport
from bemanna.pulse.statements import AGREE_VALUES, StatementReport


def write_sheet(book, reports: dict[int, WaveReport], waves: list, units: list[Unit]) -> None:
    """One row per closed wave × unit × statement; figures only where the page shows them."""
    sheet = book.add_worksheet(_("Per statement")[:31])
    bold = book.add_format({"bold": True})
    share = book.add_format({"num_format": "0%"})
    sheet.write(
        0,
        0,
        _("Per statement: figures only for groups with at least the stricter threshold's answers."),
    )
    headers = [
        _("Wave"),
        _("Unit code"),
        _("Unit"),
        _("Key"),
        _("Statement"),
        _("Answers"),
        _("Mean"),
        _("Agree (4–5)"),
        *[str(v) for v in AGREE_VALUES],
        _("Since the wave before"),
    ]
    sheet.write_row(2, 0, headers, bold)
    row = 3
    earlier: StatementReport | None = None
    for wave in waves:
        found = StatementReport(reports[wave.pk])
        for unit in units:
            for s in found.statements(unit, earlier):
                sheet.write_row(
                    row, 0, [wave.opens.isoformat(), unit.code, unit.name, s.key, s.text]
                )
                if s.shown:
                    sheet.write(row, 5, s.answered)
                    if s.mean is not None:
                        sheet.write(row, 6, s.mean)
                    if s.agree is not None:
                        sheet.write(row, 7, s.agree, share)
                    if s.distribution is not None and s.kind == "agree":
                        sheet.write_row(row, 8, list(s.distribution), share)
                    if s.change is not None:
                        direction = {
                            "better": _("significantly better"),
                            "worse": _("significantly worse"),
                        }
                        sheet.write(
                            row, 13, direction.get(s.change.direction, _("no significant change"))
                        )
                row += 1
        earlier = found
    sheet.autofilter(2, 0, max(row - 1, 2), len(headers) - 1)
    sheet.freeze_panes(3, 5)
    sheet.set_column(4, 4, 50)
