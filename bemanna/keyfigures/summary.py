"""What the key-figure page and the board report show for a unit and a year, with everything
no role may see already removed. Both read from here, so they cannot disagree."""

from __future__ import annotations

import datetime

import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bemanna import generation
from bemanna import report as spec
from bemanna.analysis import charts, kpi
from bemanna.analysis.forecast import history
from bemanna.analysis.stock import people_on
from bemanna.keyfigures import benchmarks
from bemanna.keyfigures import figures as figures_table
from bemanna.keyfigures.models import Figure
from bemanna.keyfigures.services import (
    KeyFigures,
    first_year,
    key_figures,
    off_target,
    plan_day,
    plans_snapshot,
    threshold,
)
from bemanna.org.models import Unit
from bemanna.pulse.models import Purpose, Wave, WaveStatus
from bemanna.pulse.results import wave_report
from bemanna.workforce import retention
from bemanna.workforce.frames import employments, employments_frame

PARTITIONS = {"sex": ("women", "men"), "age": tuple(kpi.AGE_BANDS)}


def default_year(today: datetime.date) -> int:
    """The year the key-figure page and the board report open on: the last closed year
    (`retention.last_closed_year`; in January the year before last, as the year just ended
    is not final until 1 February)."""
    return retention.last_closed_year(today)


def year_notes(year: int, today: datetime.date) -> list[str]:
    """What the years the key figures show (the year and the trend's years before it)
    cover: one begun before the employments' retention cutoff is incomplete, the running
    year runs to today (`retention.year_notes`); the figures are as they are."""
    notes = retention.year_notes(range(first_year(year, today), year + 1), today)
    final = retention.last_final_month(today)
    if final.year == year and final.month < 12:
        # `KeyFigures._monthly_rule`: the year to date beside the month before would be the
        # month's long-term sick leave, a colleague's.
        notes.append(
            _(
                "The long-term sick leave (figure 2 and the number on long-term sick leave) of "
                "%(year)s is shown for the region only until the year has closed, then for "
                "each unit."
            )
            % {"year": year}
        )
        # `KeyFigures.costs`: beside the month before, a unit's costs to date would be the
        # pay of who came or left.
        notes.append(
            _(
                "The hired staff's share of the own-staff cost of %(year)s is shown for the "
                "region only until the year has closed."
            )
            % {"year": year}
        )
    return notes


def figure_names() -> dict[str, str]:
    """SKR's sick-leave figures 1–7 by their key in `kpi.figures`, from the table."""
    return {row.column: str(row.label) for row in figures_table.sick_leave()}


def target_names() -> dict[str, str]:
    return {row.name: str(row.label) for row in figures_table.with_targets()}


def hide_small_groups(data: KeyFigures, unit: Unit, year: int, figures: dict) -> dict:
    """For every role: nothing for a unit whose figures the tree's rule hides, of the
    women/men and the age bands only the parts the partition rule allows on this unit's
    page (`KeyFigures.partitions`), and the count of the long-term sick only where the
    tree's rule allows it on its own people, so no figure or difference rests on too few
    people."""
    if unit.pk not in data.shown_units(year):
        return {name: None for name in figures} | {"hidden_total": True}
    shown = dict(figures)
    for name, parts in PARTITIONS.items():
        allowed = data.parts_shown(unit, year, name)
        for part in parts:
            if part not in allowed:
                shown[part] = None
    # A count of people: decided over the tree (`KeyFigures.long_term_units`), not on its
    # own, so no parent minus its shown children gives a hidden few.
    if unit.pk not in data.long_term_units(year):
        shown["long_term_sick"] = None
    return shown


def cached_summary(unit: Unit, year: int, today: datetime.date, *, manager: bool) -> dict:
    """`summary` of the year's key figures, kept in the shared cache until the next import
    or change (`bemanna.generation`). Keyed by all it depends on: the unit (and where it
    sits), the year, today, the role's flag and the language; what is hidden is decided in
    `summary` from the data alone, so no role or scope can be served another's figures."""
    return generation.remembered(
        "keyfigures-summary",
        (unit.pk, unit.path, year, today, manager, get_language()),
        lambda: summary(key_figures(year, today), unit, manager=manager),
    )


def summary(data: KeyFigures, unit: Unit, *, manager: bool) -> dict:
    """Everything shown about one unit's subtree in data.year, as plain values and chart
    specs (the page renders SVG, the PDF the same SVG, the Excel report PNG)."""
    year = data.year
    figures = data.sick_leave(unit, year)
    before = data.sick_leave(unit, year - 1)
    region = next((data.units[pk] for pk in data.region(year) if pk in data.units), None)
    compare = data.sick_leave(region, year) if region and region != unit else None
    # Sick leave is health data: the same thresholds for every role (occupational health
    # alone sees a person's spells, on its own worklist).
    figures = hide_small_groups(data, unit, year, figures)
    before = hide_small_groups(data, unit, year - 1, before)
    if compare is not None and region is not None:
        compare = hide_small_groups(data, region, year, compare)
    targets = {figure: data.targets.for_unit(figure, unit.pk, data.parents) for figure in Figure}
    moved = not figures.get("hidden_total") and kpi.significant(
        figures.get("total"), figures.get("se_total"), before.get("total"), before.get("se_total")
    )
    names = figure_names()
    rows = []
    for key, name in names.items():
        row = figures_table.by_column(key)
        target_figure = row.name if row.direction else None
        target = targets[target_figure] if target_figure else None
        rows.append(
            {
                "key": key,
                "name": name,
                "value": figures.get(key),
                "before": before.get(key),
                "region": compare.get(key) if compare else None,
                "target": target,
                "off": off_target(target_figure, figures.get(key), target)
                if target_figure
                else False,
                "moved": moved and key == "total",
            }
        )
    shown = data.visible(unit)
    cost = data.cost_row(unit, year)
    cost_before = data.cost_row(unit, year - 1)
    cost_region = data.cost_row(region, year) if region and region != unit else None
    # Headcount, FTE and plan coverage of a few people are facts about persons: the same
    # thresholds for every role, decided over the tree on the people they count (the staff
    # on the year's last day, and everyone employed in it for turnover), so no parent minus
    # its shown children gives a hidden unit's figures (`KeyFigures.staff_units`).
    unit_shown = unit.pk in data.staff_units()
    staff = data.staff(unit)
    if not unit_shown or staff["headcount"] < data.threshold(year):
        staff = {"headcount": None, "fte": None, "plan_coverage": None}
    result = {
        "unit": unit,
        "year": year,
        "rows": rows,
        "figures": figures,
        "hidden": bool(figures.get("hidden_total")),
        "no_hours": year not in data.hours_years,
        "targets": targets,
        "monthly_spec": _monthly_spec(data, unit, year, figures),
        "trend_spec": _trend_spec(data, unit, targets[Figure.SICK_LEAVE]),
        "children": _children(data, unit, shown, year in data.hours_years),
        # Whether the region has any personnel costs for the year (an import), not the unit.
        "costs_imported": data.costs.filter(pl.col("year") == year).height > 0,
        # The first month still waiting for its costs, when it is in this year.
        "costs_waiting": (
            data.costs_waiting if data.costs_waiting and data.costs_waiting.year == year else None
        ),
        "groups": [] if figures.get("hidden_total") else data.groups(unit, year),
        "attention": _attention(data, unit, shown),
        "cost": cost,
        "cost_before": cost_before,
        "cost_region": cost_region,
        "hired_off": off_target(
            Figure.HIRED_SHARE, cost and cost["hired_share"], targets[Figure.HIRED_SHARE]
        ),
        "hired_by_profession": data.hired_by_profession(unit, year),
        "cost_spec": _cost_spec(data, unit, targets[Figure.HIRED_SHARE]),
        "staff": staff,
        "plan_off": off_target(
            Figure.PLAN_COVERAGE, staff["plan_coverage"], targets[Figure.PLAN_COVERAGE]
        ),
        "plans_as_of": plans_snapshot(),
        "turnover": _turnover(data, unit, year) if unit_shown else None,
        # The year before's, as its own page shows it (its tree, k and rule of who is shown).
        "turnover_before": (
            _turnover(data, unit, year - 1)
            if year - 1 >= data.first.year and unit.pk in data.staff_units(year - 1)
            else None
        ),
        "enps": ambassadorship(unit, year),
        "manager": manager,
        "labels": figures_table.labels(),
        "help": figures_table.help_texts(),
    }
    enps = result["enps"]
    result["enps_off"] = bool(
        enps
        and enps["score"]
        and off_target(Figure.ENPS, enps["score"].value, targets[Figure.ENPS])
    )
    turnover_row = result["turnover"]
    result["turnover_off"] = bool(
        turnover_row
        and off_target(Figure.TURNOVER, turnover_row["leavers"], targets[Figure.TURNOVER])
    )
    result["plan_note"] = plan_note(year, result["plans_as_of"])
    result["values"] = values(result)
    # Kolada's published figures beside the unit's own, as one report section the page and
    # the board report both draw.
    result["benchmarks"] = benchmarks.comparison(result)
    result["benchmarks_html"] = (
        spec.html([benchmarks.section(result, result["benchmarks"])])
        if result["benchmarks"]
        else ""
    )
    result["unplaced"] = [
        unplaced_row(data, unit, row, result["values"]) for row in figures_table.unplaced()
    ]
    return result


def unplaced_row(data: KeyFigures, unit: Unit, row: figures_table.KeyFigure, shown: dict) -> dict:
    """A figure without a place of its own on the page, as the end of its staff table and
    the board report's summary show it: its value and, when it can have one, its target
    and whether the value is off it."""
    value = shown.get(row.name)
    target = data.targets.for_unit(row.name, unit.pk, data.parents) if row.direction else None
    return {
        "name": row.name,
        "label": row.label,
        "value": value,
        "target": target,
        "off": off_target(row.name, value, target),
    }


def plan_note(year: int, snapshot: datetime.date | None) -> str:
    """What goes beside the competence-plan share: the day of the plan file it is read from,
    or, for another year, why there is none (the file is a snapshot: applied to an earlier
    year's staff, those who have left since would count as having no plan)."""
    if snapshot is None:
        return ""
    if plan_day(snapshot).year == year:  # the year of the staff it counts
        return _("Snapshot of %(date)s.") % {"date": snapshot.isoformat()}
    return _(
        "Competence plans exist only as a snapshot (of %(date)s): no share for another year."
    ) % {"date": snapshot.isoformat()}


def values(result: dict) -> dict[str, float | None]:
    """Every figure beside SKR's 1–7, by its name in the table of figures, as shown (None:
    none, or hidden)."""
    cost, staff, turnover_row, enps = (
        result["cost"] or {},
        result["staff"],
        result["turnover"] or {},
        result["enps"] or {},
    )
    score = enps.get("score")
    return {
        "long_term_sick": result["figures"].get("long_term_sick"),
        "headcount": staff["headcount"],
        "fte": staff["fte"],
        "turnover": turnover_row.get("leavers"),
        "replacement": turnover_row.get("replacement"),
        "own_request": turnover_row.get("own_request"),
        "hired_share": cost.get("hired_share"),
        "hired_cost": cost.get("hired_cost"),
        "own_cost": cost.get("own_cost"),
        "pool_hours": cost.get("pool_hours"),
        "plan_coverage": staff["plan_coverage"],
        "enps": score.value if score else None,
        "hme": enps.get("hme"),
    }


# A target is materially missed when the value is off it by at least this part of it (a
# 2 % target: from 2,2 %); a hair over is not a board's business.
MATERIAL = 0.1


def material(kind: str, value: float, other: float) -> bool:
    """Whether an attention issue is worth listing: every significant change (it passed its
    test), and a target missed by at least a tenth of it."""
    if kind != "target":
        return True
    return abs(value - other) >= MATERIAL * abs(other) if other else value != other


def _attention(data: KeyFigures, unit: Unit, shown: set[int]) -> list[dict]:
    rows = [
        {**row, "issues": issues}
        for row in data.attention(unit, shown, target_names())
        if (issues := [issue for issue in row["issues"] if material(issue[0], *issue[2:])])
    ]
    names = dict(Unit.objects.filter(pk__in=[r["unit"] for r in rows]).values_list("pk", "name"))
    return [{**row, "unit_name": names[row["unit"]]} for row in rows]


def _monthly_spec(data: KeyFigures, unit: Unit, year: int, figures: dict) -> dict | None:
    if figures.get("hidden_total"):
        return None
    # Last year's months only where last year's figures were shown too (a unit may have been
    # under the threshold then).
    points = [
        {"year": f"{m:%m}", "series": str(y), "value": 100 * s}
        for y in (year - 1, year)
        if unit.pk in data.shown_units(y)
        for m, s in data.monthly(unit, y).select("month", "share").iter_rows()
    ]
    if not points:
        return None
    return charts.lines_spec(
        points,
        labels={"year": _("Month"), "value": _("Sick leave (%)")},
        title=_("Sick leave per month (figure 1)"),
        number_format=",.1f",
    )


def _trend_spec(data: KeyFigures, unit: Unit, target: float | None) -> dict | None:
    """Sick leave and its long-term part per year over ten years; years in which the unit's
    figures are hidden (too few people, or a difference) left out, for everyone."""
    rows = data.years.filter(pl.col("unit") == unit.pk)
    years = [y for y in rows["year"].unique().to_list() if unit.pk in data.shown_units(y)]
    rows = rows.filter(pl.col("year").is_in(years))
    # Both as shares of scheduled hours (the long-term part is figure 1 × figure 2), so they
    # share a scale: the "långtidssjukfrånvaro" that seed 004 follows.
    # The long-term part only in the years `KeyFigures.long_share_units` shows it (None).
    points = [
        {"year": str(y), "series": name, "value": 100 * value}
        for y, hours, sick, long in rows.select("year", "hours", "sick", "long").iter_rows()
        if hours
        for name, value in (
            (str(figures_table.FIGURES["sick_leave"].label), sick / hours),
            (_("of which in spells of 60 days or more"), None if long is None else long / hours),
        )
        if value is not None
    ]
    # Kolada's figure 1 for the country and the median region, in the years shown.
    for y, found in sorted(benchmarks.over_years("sick_leave").items()):
        if y not in years:
            continue
        for name, key in ((_("The country"), "nation"), (_("Median region"), "median")):
            if found[key] is not None:
                points.append({"year": str(y), "series": name, "value": 100 * found[key]})
    if not points:
        return None
    return charts.lines_spec(
        points,
        labels={
            "year": _("Year"),
            "value": _("Per cent of scheduled hours"),
            "target": _("Target, figure 1"),
        },
        title=_("Sick leave over ten years"),
        target=100 * target if target is not None else None,
        number_format=",.1f",
    )


def _cost_spec(data: KeyFigures, unit: Unit, target: float | None) -> dict | None:
    rows = data.costs.filter(pl.col("unit") == unit.pk).drop_nulls("hired_share")
    if rows.height == 0:
        return None
    points = [
        {"year": str(y), "series": _("Hired staff"), "value": 100 * share}
        for y, share in rows.select("year", "hired_share").iter_rows()
    ]
    return charts.lines_spec(
        points,
        labels={"year": _("Year"), "value": _("Per cent of own-staff cost"), "target": _("Target")},
        title=_("Hired staff as a share of own-staff cost"),
        target=100 * target if target is not None else None,
        number_format=",.1f",
    )


def _children(data: KeyFigures, unit: Unit, shown: set[int], has_hours: bool) -> list[dict]:
    """Figures 1 and 2 and the hired-staff share for each unit directly below. Without the
    year's hours in the region (nothing imported) there is nothing to hide: "–", not
    "hidden", decided on the import, never on a unit's size."""
    now = {
        r["unit"]: r for r in data.years.filter(pl.col("year") == data.year).iter_rows(named=True)
    }
    costs = {
        r["unit"]: r for r in data.costs.filter(pl.col("year") == data.year).iter_rows(named=True)
    }
    rows = []
    for child in data.children(unit):
        row, cost = now.get(child.pk), costs.get(child.pk)
        hidden = has_hours and child.pk not in shown
        rows.append(
            {
                "unit": child,
                "hidden": hidden,
                "value": None if hidden or row is None else row["share"],
                "long_share": None if hidden or row is None else row["long_share"],
                # Figure 2 alone hidden (`KeyFigures.long_share_units`): too few behind it.
                "long_hidden": not hidden and row is not None and row["long_share"] is None,
                # Costs are not about people, so they are shown for every unit.
                "hired_share": cost["hired_share"] if cost else None,
            }
        )
    return rows


def _turnover(data: KeyFigures, unit: Unit, year: int) -> dict | None:
    """`turnover` as the key figures show it: over the year's tree and k, the own-request
    rate only where its count of leavers is decided over the tree
    (`KeyFigures.own_request_units`), counted as decided."""
    shown = unit.pk in data.own_request_units(year)
    return turnover(
        unit,
        year,
        data.subtree(unit, year),
        k=data.threshold(year),
        own_requests=data.own_requests(unit, year) if shown else None,
        own_request_shown=shown,
        until=data.end,
    )


def turnover(
    unit: Unit,
    year: int,
    subtree: list[int] | None = None,
    *,
    k: int | None = None,
    own_requests: int | None = None,
    own_request_shown: bool = True,
    until: datetime.date | None = None,
) -> dict | None:
    """Turnover of the unit's subtree in a year: `subtree`, the units of the year's tree
    (`KeyFigures.subtree`), or today's. The own-request rate is the permanent staff's
    own-request leavers over the average permanent headcount of 1 January and 31 December
    (the day before and the last day, as the other two variants' headcounts), a population
    of its own: shown only when it is at least k on both days (the year's k, else the
    setting's), as one or two would give away whether they left, and when
    `own_request_shown` (the count decided over the tree). `own_requests`: the count of
    leavers to use (the key figures': who left the region), else the subtree's own.
    `until`: the last day counted (the running year's last final month's, as the key
    figures show it)."""
    frame = (
        employments_frame(unit)
        if subtree is None
        else employments().filter(pl.col("unit_id").is_in(list(subtree)))
    )
    if frame.height == 0:
        return None
    table = history.yearly(frame, year, year, until=until).filter(pl.col("group") == history.ALL)
    if table.height == 0:
        return None
    row = table.row(0, named=True)
    permanent_staff = frame.filter(frame["form"] == "permanent")
    permanent_start, permanent_end = (
        people_on(permanent_staff, day).height
        for day in (
            datetime.date(year - 1, 12, 31),
            min(datetime.date(year, 12, 31), until or datetime.date.max),
        )
    )
    rates = kpi.turnover(
        row["headcount_start"],
        row["headcount"],
        row["hires"],
        row["leavers"],
        row["leavers_own_request_permanent"] if own_requests is None else own_requests,
        permanent_start,
        permanent_end,
    )
    few = min(permanent_start, permanent_end) < (threshold() if k is None else k)
    if few or not own_request_shown:
        rates["own_request"] = None
    return rates


def ambassadorship(unit: Unit, year: int, *, region_wide: bool = False) -> dict | None:
    """eNPS and HME of the last wave of an ambassadorship pulse that closed in the year,
    read through the pulse's own disclosure rules (a hidden result stays hidden); a targeted
    survey (part time, retirement) closing later does not replace it. `region_wide`: only a
    wave asking everyone of `unit` (`region_wave`, the region's HME for Kolada)."""
    wave = region_wave(unit, year) if region_wide else _ambassadorship_waves(year).first()
    if wave is None:
        return None
    result = wave_report(wave).result(unit)
    return {
        "wave": wave,
        "score": result.score,
        "hme": result.hme.get("hme"),
        "parts": dict(result.hme),  # the index and its three parts, None where hidden
    }


def _ambassadorship_waves(year: int):
    return (
        Wave.objects.filter(
            status=WaveStatus.CLOSED, closes__year=year, pulse__purpose=Purpose.AMBASSADORSHIP
        )
        .select_related("pulse")
        .order_by("-closes", "-pk")
    )


def region_wave(unit: Unit, year: int) -> Wave | None:
    """The last ambassadorship wave closed in the year that asked everyone of `unit`'s
    subtree: its pulse is over `unit` itself (or a unit above) and not narrowed by
    profession group, part time or age. A wave of some clinics, or of the nurses, is not the
    region's HME, however late it closed."""
    above = [int(pk) for pk in unit.path.strip("/").split("/") if pk] or [unit.pk]
    for wave in _ambassadorship_waves(year).filter(pulse__units__in=above).distinct():
        pulse = wave.pulse
        if not pulse.profession_groups and not pulse.part_time_only and pulse.min_age is None:
            return wave
    return None
