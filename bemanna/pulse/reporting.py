"""Pulse results as tables, charts and the Excel export: all read from `WaveReport`, so every
figure anyone sees has passed the same anonymity rules."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bemanna import report
from bemanna.analysis import charts, enps
from bemanna.org.models import Unit
from bemanna.pulse import statement_export
from bemanna.pulse.models import Pulse, WaveStatus
from bemanna.pulse.results import HME_FIELDS, WaveReport, wave_reports

__all__ = ["WaveReport", "heatmap_spec", "hme_names", "trend", "trend_spec", "xlsx"]


def hme_names() -> dict[str, str]:
    return {
        "hme": _("HME total"),
        "hme_motivation": _("Motivation"),
        "hme_leadership": _("Leadership"),
        "hme_governance": _("Governance"),
    }


def trend(pulse: Pulse, unit: Unit, children: list[Unit]) -> list[dict]:
    """One row per wave: the unit, its children, and the changes worth marking.

    A change is marked significant against the last wave that was shown (two-sided 95 %);
    each child is compared with the rest of the unit it belongs to.
    """
    rows: list[dict] = []
    previous = None
    waves = list(pulse.waves.select_related("pulse").order_by("opens"))
    reports = wave_reports(waves)
    for wave in waves:
        report = reports[wave.pk]
        mine = report.result(unit)
        # Significance only between exact scores: a test on a coarse group's hidden split
        # would say more than its rounded figure.
        change = enps.compare(mine.exact_score, previous) if mine.exact_score and previous else None
        below = []
        for child in children:
            result = report.result(child)
            # The rest of the unit the child belonged to in that wave: a unit moved in since
            # was compared with a rest it was never part of, marked, or (with more promoters
            # than the unit) a server error (an insider's twenty-fifth round).
            versus = (
                enps.compare_with_rest(result.exact_score, mine.exact_score)
                if result.exact_score
                and mine.exact_score
                and result.exact_score.n != mine.exact_score.n
                and report.is_below(child.pk, unit.pk)
                else None
            )
            below.append({"result": result, "versus": versus})
        rows.append(
            {
                "wave": wave,
                "open": wave.status == WaveStatus.OPEN,
                "report": report,
                "unit": mine,
                "children": below,
                "change": change,
            }
        )
        previous = mine.exact_score if mine.score else previous
    return rows


def trend_spec(table: list[dict]) -> dict:
    rows = [
        {
            "wave": row["wave"].opens.strftime("%Y-%m"),
            "value": row["unit"].score.value,
            # A coarse wave has no interval: a bar of no length at its rounded value.
            "low": _or(row["unit"].score.low, row["unit"].score.value),
            "high": _or(row["unit"].score.high, row["unit"].score.value),
            "marked": bool(row["change"] and row["change"].significant),
            "change": (
                ("better" if row["change"].difference > 0 else "worse")
                if row["change"] and row["change"].significant
                else "none"
            ),
        }
        for row in table
        if row["unit"].score
    ]
    return charts.interval_spec(
        rows,
        labels={"wave": _("Wave")},
        title=_("eNPS with 95 % interval (▲ green: significantly higher, ▼ orange: lower)"),
    )


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def heatmap_spec(pulse: Pulse, table: list[dict]) -> dict:
    cells = [
        {
            "unit": below["result"].unit.name,
            "wave": row["wave"].opens.strftime("%Y-%m"),
            "value": below["result"].score.value if below["result"].score else None,
            "text": (
                below["result"].score.text
                if below["result"].score
                else ("…" if row["open"] else f"<{row['wave'].k}")
            ),
        }
        for row in table
        for below in row["children"]
    ]
    return charts.heatmap_spec(
        cells,
        labels={"unit": _("Unit"), "wave": _("Wave")},
        title=_("eNPS per unit and wave (grey: hidden or still open)"),
    )


def xlsx(pulse: Pulse) -> bytes:
    """Every unit × every closed wave, hidden cells left empty and marked, with the heat map
    and its data as a table: a report spec (`bemanna.report`) drawn as a workbook."""
    units = list(Unit.objects.order_by("path"))
    waves = list(
        pulse.waves.filter(status=WaveStatus.CLOSED).select_related("pulse").order_by("opens")
    )
    questions = list(pulse.questions.all())
    names = hme_names()
    whole = [report.Column(name, "int") for name in ("eNPS", _("Interval low"), _("Interval high"))]
    columns = [
        report.Column(_("Wave")),
        report.Column(_("Unit code")),
        report.Column(_("Unit")),
        report.Column(_("Invited"), "int"),
        report.Column(_("Shown")),
        report.Column(_("Answers"), "int"),
        report.Column(_("Response rate"), "percent"),
        *whole,
        *[report.Column(label, "percent") for label in (_("Promoters"), _("Passives"))],
        report.Column(_("Detractors"), "percent"),
        *[report.Column(names[name], "int") for name in HME_FIELDS],
        *[report.Column(q.text, "decimal", 1) for q in questions],
    ]
    rows = []
    cells = []
    reports = wave_reports(waves)
    for wave in waves:
        wave_report = reports[wave.pk]
        for unit in units:
            result = wave_report.result(unit)
            rows.append(_export_row(wave, unit, result, len(questions)))
            if unit.depth <= 1:
                cells.append(
                    {
                        "unit": unit.name,
                        "wave": wave.opens.strftime("%Y-%m"),
                        "value": result.score.value if result.score else None,
                        "text": result.score.text if result.score else f"<{wave.k}",
                    }
                )
    sections = [
        report.Section(
            pulse.name,
            _(
                "Hidden: fewer than %(k)s answers (%(k_text)s for the split), or a group that "
                "could be worked out from what is shown. Under %(k_text)s: the eNPS rounded to "
                "10, the answers as a band, no interval or response rate."
            )
            % {"k": pulse.min_answers, "k_text": pulse.min_answers_text},
            tables=[report.Table(columns, rows, filter=True, frozen_columns=3)],
            sheet=_("Results"),
        )
    ]
    if cells:
        spec = charts.heatmap_spec(
            cells,
            labels={"unit": _("Unit"), "wave": _("Wave")},
            title=_("eNPS per unit and wave (grey: hidden or still open)"),
        )
        sections.append(
            report.Section(
                _("Heat map"),
                charts=[
                    report.Chart(
                        spec,
                        _("The eNPS of the region and each unit below it, per wave."),
                        _heatmap_table(cells),
                    )
                ],
                sheet=_("Heat map"),
            )
        )
    sections.append(statement_export.section(reports, waves, units))
    return report.xlsx(report.Report(pulse.name, sections=sections))


def _export_row(wave, unit: Unit, result, questions: int) -> list:
    """One unit in one wave, as the page shows it: a coarse group's n as its band, its eNPS
    as shown ("≥ 50" as text), no interval, no response rate and no number invited (nor for
    a hidden unit)."""
    score = result.score
    row: list = [wave.opens.isoformat(), unit.code, unit.name, result.invited_shown]
    row += [_("yes") if score else _("hidden")] + [None] * (8 + len(HME_FIELDS) + questions)
    if score is None:
        return row
    if score.exact:
        row[5] = score.n
        if result.invited_kept_back:
            row[6] = result.rate_band  # invited by person: the band only, as on the page
        elif result.response_rate is not None:
            row[6] = round(result.response_rate, 2)
        row[7:10] = [score.value, score.low, score.high]
        row[10:13] = list(score.shares or (None, None, None))
    else:
        row[5] = score.n_text
        row[7] = score.value if score.text.lstrip("\u2212").isdigit() else score.text
    for column, name in enumerate(HME_FIELDS, start=13):
        row[column] = result.hme.get(name)
    for column, found in enumerate(result.questions, start=13 + len(HME_FIELDS)):
        if found.mean is not None:
            row[column] = found.mean
        elif found.shares is not None:
            pairs = zip(found.question.choice_list(), found.shares, strict=True)
            row[column] = "; ".join(f"{c} {s:.0%}" for c, s in pairs)
    return row


def _heatmap_table(cells: list[dict]) -> report.Table:
    """The heat map's cells as a table: a row per unit, a column per wave, as shown."""
    waves = list(dict.fromkeys(cell["wave"] for cell in cells))
    units = list(dict.fromkeys(cell["unit"] for cell in cells))
    shown = {(cell["unit"], cell["wave"]): cell["text"] for cell in cells}
    return report.Table(
        [report.Column(_("Unit")), *(report.Column(wave) for wave in waves)],
        [[unit, *(shown.get((unit, wave)) for wave in waves)] for unit in units],
    )
