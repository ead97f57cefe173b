"""Pulse results as tables, charts and the Excel export: all read from `WaveReport`, so every
figure anyone sees has passed the same anonymity rules."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna.analysis import charts, enps
from bemanna.org.models import Unit
from bemanna.pulse.models import Pulse, WaveStatus
from bemanna.pulse.results import HME_FIELDS, WaveReport, wave_reports
from bemanna.report import workbook

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
            versus = (
                enps.compare_with_rest(result.exact_score, mine.exact_score)
                if result.exact_score
                and mine.exact_score
                and result.exact_score.n != mine.exact_score.n
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
        }
        for row in table
        if row["unit"].score
    ]
    return charts.interval_spec(
        rows,
        labels={"wave": _("Wave")},
        title=_("eNPS with 95 % interval (red: significant change)"),
    )


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def heatmap_spec(pulse: Pulse, table: list[dict]) -> dict:
    hidden = f"<{pulse.min_answers}"
    cells = [
        {
            "unit": below["result"].unit.name,
            "wave": row["wave"].opens.strftime("%Y-%m"),
            "value": below["result"].score.value if below["result"].score else None,
            "text": (
                below["result"].score.text
                if below["result"].score
                else ("…" if row["open"] else hidden)
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
    """Every unit × every closed wave, hidden cells left empty and marked, with the charts."""
    buffer = io.BytesIO()
    book = workbook(buffer)  # strings stay strings: typed text never runs as a formula
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    whole = book.add_format({"num_format": "0"})
    share = book.add_format({"num_format": "0%"})
    units = list(Unit.objects.order_by("path"))
    waves = list(
        pulse.waves.filter(status=WaveStatus.CLOSED).select_related("pulse").order_by("opens")
    )
    questions = list(pulse.questions.all())

    sheet = book.add_worksheet(_("Results")[:31])
    sheet.write(0, 0, pulse.name, title)
    sheet.write(
        1,
        0,
        _(
            "Hidden: fewer than %(k)s answers (%(k_text)s for the split), or a group that could "
            "be worked out from what is shown. Under %(k_text)s: the eNPS rounded to 10, the "
            "answers as a band, no interval or response rate."
        )
        % {"k": pulse.min_answers, "k_text": pulse.min_answers_text},
    )
    names = hme_names()
    headers = [
        _("Wave"),
        _("Unit code"),
        _("Unit"),
        _("Invited"),
        _("Shown"),
        _("Answers"),
        _("Response rate"),
        "eNPS",
        _("Interval low"),
        _("Interval high"),
        _("Promoters"),
        _("Passives"),
        _("Detractors"),
        *[names[name] for name in HME_FIELDS],
        *[q.text for q in questions],
    ]
    sheet.write_row(3, 0, headers, bold)
    row = 4
    cells = []
    reports = wave_reports(waves)
    for wave in waves:
        report = reports[wave.pk]
        for unit in units:
            result = report.result(unit)
            sheet.write_row(row, 0, [wave.opens.isoformat(), unit.code, unit.name])
            sheet.write(row, 3, result.invited)
            score = result.score
            sheet.write(row, 4, _("yes") if score else _("hidden"))
            if score is not None:
                # The same rounded figures as the page: a coarse group's n as its band, its
                # eNPS as shown ("≥ 50" as text), no interval and no response rate.
                if score.exact:
                    sheet.write(row, 5, score.n)
                    if result.response_rate is not None:
                        sheet.write(row, 6, round(result.response_rate, 2), share)
                    sheet.write_row(row, 7, [score.value, score.low, score.high], whole)
                    sheet.write_row(row, 10, list(score.shares or ()), share)
                else:
                    sheet.write_string(row, 5, score.n_text)
                    if score.text.lstrip("\u2212").isdigit():
                        sheet.write_number(row, 7, score.value, whole)
                    else:
                        sheet.write_string(row, 7, score.text)
                for column, name in enumerate(HME_FIELDS, start=13):
                    if result.hme.get(name) is not None:
                        sheet.write(row, column, result.hme[name], whole)
                for column, found in enumerate(result.questions, start=17):
                    if found.mean is not None:
                        sheet.write(row, column, found.mean)
                    elif found.shares is not None:
                        choices = found.question.choice_list()
                        pairs = zip(choices, found.shares, strict=True)
                        sheet.write(row, column, "; ".join(f"{c} {s:.0%}" for c, s in pairs))
            if unit.depth <= 1:
                cells.append(
                    {
                        "unit": unit.name,
                        "wave": wave.opens.strftime("%Y-%m"),
                        "value": result.score.value if result.score else None,
                        "text": result.score.text if result.score else f"<{pulse.min_answers}",
                    }
                )
            row += 1
    sheet.autofilter(3, 0, max(row - 1, 3), len(headers) - 1)
    sheet.freeze_panes(4, 3)
    sheet.set_column(0, 1, 11)
    sheet.set_column(2, 2, 34)
    sheet.set_column(3, len(headers), 11)

    if cells:
        chart_sheet = book.add_worksheet(_("Heat map")[:31])
        spec = charts.heatmap_spec(
            cells,
            labels={"unit": _("Unit"), "wave": _("Wave")},
            title=_("eNPS per unit and wave (grey: hidden or still open)"),
        )
        chart_sheet.insert_image(
            "A1",
            "heatmap.png",
            {"image_data": io.BytesIO(rendering.png(spec)), "x_scale": 0.6, "y_scale": 0.6},
        )
    book.close()
    return buffer.getvalue()
