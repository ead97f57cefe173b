import datetime

import polars as pl
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bemanna import charts as rendering
from bemanna.accounts import access
from bemanna.accounts.models import Role
from bemanna.analysis import charts, kpi
from bemanna.analysis.disclosure import MIN_K, visible_units
from bemanna.analysis.forecast import history
from bemanna.analysis.stock import people_on
from bemanna.keyfigures import services
from bemanna.org.models import Unit
from bemanna.workforce.frames import employments_frame

K = 5  # fewest people behind a key figure a manager sees
PARTITIONS = (("women", "men"), tuple(kpi.AGE_BANDS))


def figure_names() -> dict[str, str]:
    return {
        "total": _("Sick leave, total (1)"),
        "long_share": _("Share in spells of 60 days or more (2)"),
        "women": _("Women (3)"),
        "men": _("Men (4)"),
        "age_29_or_younger": _("29 or younger (5)"),
        "age_30_49": _("30–49 (6)"),
        "age_50_or_older": _("50 or older (7)"),
    }


def _hide_small_groups(figures: dict) -> dict:
    """For managers: no figure for fewer than K people, and no partition (women/men, the age
    bands) with a hidden part, since the total minus the shown parts would give it away."""
    shown = dict(figures)
    if figures["people_total"] < K:
        return {name: None for name in figures} | {"hidden_total": True}
    for parts in PARTITIONS:
        if any(figures[f"people_{p}"] < K for p in parts):
            for p in parts:
                shown[p] = None
    if figures["long_term_sick"] < MIN_K:
        shown["long_term_sick"] = None
    return shown


@login_required
@require_GET
def key_figures(request):
    unit = access.requested_unit(request)
    if unit is None:
        return render(request, "keyfigures/page.html", {"unit": None})
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    year = max(2000, min(year, today.year))
    manager = access.role_of(request.user) == Role.MANAGER
    frames = services.health_frames(datetime.date(year - 1, 1, 1), datetime.date(year, 12, 31))
    end = min(datetime.date(year, 12, 31), today)
    placed = services.placements(end)
    figures, monthly = services.sick_leave(frames, services.people_in(placed, unit), year)
    placed_before = services.placements(datetime.date(year - 1, 12, 31))
    before, before_monthly = services.sick_leave(
        frames, services.people_in(placed_before, unit), year - 1
    )
    region = Unit.objects.filter(parent__isnull=True).first()
    compare = (
        services.sick_leave(frames, services.people_in(placed, region), year)[0]
        if region and region != unit
        else None
    )
    if manager:
        figures, before = _hide_small_groups(figures), _hide_small_groups(before)
    names = figure_names()
    rows = [
        {
            "name": names[key],
            "value": figures.get(key),
            "before": before.get(key),
            "region": compare.get(key) if compare else None,
        }
        for key in names
    ]
    children = list(unit.children.order_by("code"))
    child_rows = _children(frames, unit, children, placed, year, manager) if children else []
    chart = None
    if not figures.get("hidden_total") and monthly.height:
        points = [
            {"year": f"{m:%m}", "series": str(y), "value": 100 * s}
            for frame, y in ((before_monthly, year - 1), (monthly, year))
            for m, s in frame.select("month", "share").iter_rows()
        ]
        chart = rendering.svg(
            charts.lines_spec(
                points,
                labels={"year": _("Month"), "value": _("Sick leave (%)")},
                title=_("Sick leave per month (figure 1)"),
            )
        )
    return render(
        request,
        "keyfigures/page.html",
        {
            "unit": unit,
            "year": year,
            "years": range(today.year - 9, today.year + 1),
            "rows": rows,
            "figures": figures,
            "chart": chart,
            "children": child_rows,
            "turnover": _turnover(unit, year),
            "manager": manager,
        },
    )


def _children(frames, unit, children, placed, year, manager):
    """Figure 1 for each unit below, hidden for managers where the disclosure rule says so:
    fewer than K people, or a group that the unit minus the shown units below would give."""
    tree = dict(Unit.objects.filter(path__startswith=unit.path).values_list("pk", "parent_id"))
    tree[unit.pk] = None
    own: dict[int, int] = {}
    for unit_id, path in placed.values():
        if path.startswith(unit.path):
            own[unit_id] = own.get(unit_id, 0) + 1
    shown = visible_units(tree, own, k=K) if manager else set(tree)
    rows = []
    for child in children:
        value = None
        if child.pk in shown:
            inside = services.people_in(placed, child)
            value = services.sick_leave(frames, inside, year)[0]["total"]
        rows.append({"unit": child, "value": value, "hidden": child.pk not in shown})
    return rows


def _turnover(unit, year):
    frame = employments_frame(unit)
    if frame.height == 0:
        return None
    table = history.yearly(frame, year, year).filter(pl.col("group") == history.ALL)
    if table.height == 0:
        return None
    row = table.row(0, named=True)
    end = datetime.date(year, 12, 31)
    permanent = people_on(frame.filter(frame["form"] == "permanent"), end).height
    return kpi.turnover(
        row["headcount_start"],
        row["headcount"],
        row["hires"],
        row["leavers"],
        row["leavers_own_request"],
        permanent,
    )
