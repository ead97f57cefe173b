"""What Historik may show of its years: one decision for the whole region, the page reads it.

* FTE, ages and sexes follow the forecast's rule (`analysis.forecast.shown.decide`) on each
  day the page counts on (each 31 December, each month's end of the last two years), over
  the year's kept tree and k, from the region's people in their main jobs
  (`stock.main_jobs`): a unit's FTE, 60+ share and pyramid only where the rule shows the
  unit, a profession group's figures only where the rule shows it on its own on the page.
* The 31 Decembers are decided side by side as well (`analysis.forecast.over_time`), with
  the forecasts on those base dates: no unit's or group's FTE (or forecast) on one of them
  minus another's is 1..k-1 people's who came, left, moved or changed their rate, and no
  60+ share minus another year's is 1..k-1 people's who came, left or turned 60. A closed
  year's decisions, once made, are kept with it (`PublishedYear.history`) and taken as given
  after: when the ten years move on, the new first year is not decided again without the
  year before it, and the new last year is decided against the year just left as well. A
  unit or group shown before that year and in none since stays hidden (`_long_hidden`):
  the people of those years are no longer in the data to decide against.
* The leavers by end reason follow `history.split_shown` over the year's kept tree
  (`split_as_allowed`).

Each is decided once per data version, trees and ks, kept in the shared cache (every server
process reads it; `warm` decides it after an import) and in this module (the test set-up
clears it with `clear`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import polars as pl
from django.utils import timezone

from bemanna import generation
from bemanna.analysis import stock
from bemanna.analysis.forecast import history as past
from bemanna.analysis.forecast import over_time
from bemanna.analysis.forecast import shown as forecast_shown
from bemanna.forecast import frames, years
from bemanna.org import frozen, thresholds
from bemanna.org.models import PublishedYear, Unit
from bemanna.workforce.retention import last_closed_year


def clear() -> None:
    """Forget every kept decision (the data's version can repeat in rolled-back tests)."""
    _SEQUENCE.clear()
    _SAME_DAY.clear()
    _YEAR_ENDS.clear()
    _SPLITS.clear()
    _DECIDED.clear()
    _PYRAMIDS.clear()
    _MAIN.clear()
    _MAIN_OF.clear()


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


# Each person once on a day, in their main job in the region, for the region's frame read.
_MAIN: dict[datetime.date, pl.DataFrame] = {}
_MAIN_OF: list[pl.DataFrame] = []
# Per page years' trees and ks, what `shown.decide` shows on each day the page counts on.
_DECIDED: dict[tuple, dict[datetime.date, forecast_shown.Shown]] = {}


def main_jobs(day: datetime.date) -> pl.DataFrame:
    """`stock.main_jobs` of the region on `day`, kept while the region's frame is the same
    (`frames.employments` reads it again for every data version)."""
    region = frames.employments()
    if not _MAIN_OF or _MAIN_OF[0] is not region:
        _MAIN.clear()
        _MAIN_OF[:] = [region]
    if day not in _MAIN:
        _MAIN[day] = stock.main_jobs(region, day)
    return _MAIN[day]


def _days(kept: years.Years) -> list[datetime.date]:
    """The days the page counts people on: each year's 31 December, and each month's end of
    the last two years (the months' table)."""
    ends = [year_end(year) for year in range(kept.first, kept.last + 1)]
    months = [
        _month_end(year, month) for year in (kept.last - 1, kept.last) for month in range(1, 13)
    ]
    return sorted(set(ends + months))


def decisions(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    """On each day the page counts on, what the forecast's rule shows (`shown.decide`) over
    the day's year's kept tree and k, from the region's people in their main jobs: the units
    whose FTE, ages and sexes may be shown, and the groups each unit shows on its own. For
    the whole region once per data version, trees and ks."""
    return _region_wide(_DECIDED, "history-decided", kept, _decided)


def _decided(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    # Each day on its own (`same_day`), then the 31 Decembers side by side (`sequence`).
    return {**same_day(kept), **sequence(kept).history}


def same_day(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    """On each day the page counts on, `shown.decide` over the day's year's kept tree and k
    from the region's people in their main jobs, each day on its own."""
    return _region_wide(_SAME_DAY, "history-same-day", kept, _same_day)


def _same_day(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    ends = year_ends(kept)
    return {day: ends[day] if day in ends else _decide_day(kept, day) for day in _days(kept)}


def year_ends(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    """`same_day` of the 31 Decembers alone (what a forecast's decision needs, without the
    months'): for the whole region once per data version, trees and ks."""
    return _region_wide(_YEAR_ENDS, "history-year-ends", kept, _year_ends)


def _year_ends(kept: years.Years) -> dict[datetime.date, forecast_shown.Shown]:
    ends = (year_end(year) for year in range(kept.first, kept.last + 1))
    return {day: _decide_day(kept, day) for day in ends}


def _decide_day(kept: years.Years, day: datetime.date) -> forecast_shown.Shown:
    parents = {pk: u.parent_id for pk, u in kept.trees[day.year].items()}
    return forecast_shown.decide(parents, forecast_shown.counts(main_jobs(day)), kept.ks[day.year])


@dataclass(frozen=True)
class Sequence:
    """The 31 Decembers decided side by side (`over_time`): what Historik shows of each
    year's FTE and groups, of its 60+ shares, and what a forecast on each may show."""

    history: dict[datetime.date, forecast_shown.Shown]
    ages: dict[datetime.date, forecast_shown.Shown]
    forecasts: dict[datetime.date, forecast_shown.Shown]


# Per person on a day: in the unit at all, their rate, aged 60 or over that year.
_FIGURES = ("present", "rate")
_AGES = ("old",)


def sequence(kept: years.Years) -> Sequence:
    """The 31 Decembers of Historik's years, each over its kept tree and k, and the same
    days as a forecast's base date over today's tree and k, decided one after the other
    (each day after the days before it; on a day, Historik before the forecast), so that
    none of them differs from an earlier one by 1..k-1 people's rates or ages. Where today's
    tree and k are the year's, the forecast's day is Historik's (the same figures). For the
    whole region once per data version, trees and ks."""
    return _region_wide(_SEQUENCE, "history-sequence-kept", kept, _sequence)


def _sequence(kept: years.Years) -> Sequence:
    # A closed year's 31 December, once decided, keeps its decision (`PublishedYear.history`):
    # when the window moves on a year, the new first year would otherwise be decided again
    # without the year before it, and show what the day before it hid beside that year's
    # figures (shown the day before).
    stored, dropped = kept_decisions(kept), _dropped(kept)
    found = _decided_over_time(kept, stored, dropped)
    new = {
        year: (found.history[year_end(year)], found.ages[year_end(year)])
        for year in range(kept.first, kept.last + 1)
        if year not in stored
    }
    if not new:
        return found
    frozen.keep_history({year: _stored(*pair) for year, pair in new.items()})
    # Another process may have kept some first: theirs stands, and the years after are
    # decided against it.
    again = kept_decisions(kept)
    if any(again.get(year, pair) != pair for year, pair in new.items()):
        return _decided_over_time(kept, again, dropped)
    return found


# The version of the rule `sequence` decides by, kept with each year's decisions: 2 since
# sums of blocks of two days are compared (`over_time.few_apart`), 3 since units and groups
# of two days are solved together (`crossing`), 4 since every set of people they give is
# searched (not only one or two sets of the same figures) and the first year's on its own,
# 5 since three years in a row are solved together too.
# A year kept by an older rule is decided again, within what it showed (`_bounds`).
RULE = 5


def _current(stored: dict, k: int) -> bool:
    """Whether a year's kept decisions stand: by this rule and with the year's k."""
    fte, ages = (_shown(stored[part]) for part in ("fte", "ages"))
    return fte.k == ages.k == k and stored.get("rule", 1) == RULE


def kept_decisions(
    kept: years.Years,
) -> dict[int, tuple[forecast_shown.Shown, forecast_shown.Shown]]:
    """Per year of the page whose 31 December was decided before (`PublishedYear.history`),
    its decisions of the FTE and the 60+ shares, those with the year's k and by this `RULE`
    (a k raised since, or a rule made stricter, decides the year again)."""
    found = {}
    for year, stored in frozen.histories(range(kept.first, kept.last + 1)).items():
        if _current(stored, kept.ks[year]):
            found[year] = (_shown(stored["fte"]), _shown(stored["ages"]))
    return found


def _bounds(kept: years.Years) -> dict[int, tuple[forecast_shown.Shown, forecast_shown.Shown]]:
    """Per year decided before with a lower k than the year's now (the setting was raised)
    or by an older rule: its decisions of the FTE and the 60+ shares, which the new ones
    stay within. Decided afresh, the higher k or the stricter rule may show a unit the
    first decision hid (hiding others instead), and the page before beside the page after
    would give the hidden units' figures."""
    bounds = {}
    for year, stored in frozen.histories(range(kept.first, kept.last + 1)).items():
        if not _current(stored, kept.ks[year]):
            bounds[year] = (_shown(stored["fte"]), _shown(stored["ages"]))
    return bounds


def _long_hidden(kept: years.Years) -> dict[str, tuple[frozenset[int], frozenset[str]]]:
    """Per figure ("fte", "ages"), the units and groups the page showed in a year before the
    year the window has just left and in none of the years since: a new year is decided
    against the window and that year only (the people of the years before are no longer in
    the data), so its figure beside the one shown more than ten years before could be the
    few who came, left or changed their rate in between (a ward under k for ten years, or
    hidden for ten years by one person's change, shown again). They stay hidden in the new
    years; one shown in any year since is decided against that year. A unit below one shown
    then counts as shown (`_below_shown`)."""
    dropped = kept.first - 1
    trees = dict(PublishedYear.objects.filter(year__lt=dropped).values_list("year", "tree"))
    stored = frozen.histories_before(kept.last + 1)
    found = {}
    for part in ("fte", "ages"):
        old_units: set[int] = set()
        old_groups: set[str] = set()
        recent_units: set[int] = set()
        recent_groups: set[str] = set()
        for year, history in stored.items():
            decision = _shown(history[part])
            if year < dropped:
                old_units.update(decision.units, _below_shown(trees.get(year), decision.units))
                old_groups |= decision.groups
            else:
                recent_units |= decision.units
                recent_groups |= decision.groups
        found[part] = (frozenset(old_units - recent_units), frozenset(old_groups - recent_groups))
    return found


def _below_shown(tree: dict | None, shown: frozenset[int]) -> set[int]:
    """The units below a unit of `shown` in a year's kept tree: a hidden one may have been
    all of a shown unit's block (its figure the shown unit's minus those shown below), and
    that year's people, which would say, are no longer in the data."""
    if tree is None:
        return set()
    parents = {pk: unit.parent_id for pk, unit in frozen.units_of(tree).items()}
    below = set()
    for unit in parents:
        parent = parents.get(unit)
        while parent is not None:
            if parent in shown:
                below.add(unit)
                break
            parent = parents.get(parent)
    return below


def _without(
    decision: forecast_shown.Shown, hidden: tuple[frozenset[int], frozenset[str]]
) -> forecast_shown.Shown:
    """`decision` with the units and groups in `hidden` hidden too (`_within`)."""
    units, groups = hidden
    if not units and not groups:
        return decision
    bound = replace(
        decision,
        units=decision.units - units,
        pages=decision.pages - units,
        groups=decision.groups - groups,
    )
    return _within(decision, bound)


def _within(decision: forecast_shown.Shown, bound: forecast_shown.Shown) -> forecast_shown.Shown:
    """`decision` showing nothing `bound` did not: a unit, page or group hidden more joins
    the block above it, whose residual stays a sum of residuals of 0 or at least k."""
    units = decision.units & bound.units
    return replace(
        decision,
        units=units,
        pages=decision.pages & bound.pages & units,
        groups=decision.groups & bound.groups,
    )


def _stored(fte: forecast_shown.Shown, ages: forecast_shown.Shown) -> dict:
    return {"k": fte.k, "rule": RULE, "fte": _as_json(fte), "ages": _as_json(ages)}


def _as_json(decision: forecast_shown.Shown) -> dict:
    return {
        "k": decision.k,
        "units": sorted(int(u) for u in decision.units),
        "pages": sorted(int(u) for u in decision.pages),
        "groups": sorted(str(g) for g in decision.groups),
    }


def _shown(stored: dict) -> forecast_shown.Shown:
    return forecast_shown.Shown(
        int(stored["k"]),
        frozenset(int(u) for u in stored["units"]),
        frozenset(int(u) for u in stored["pages"]),
        frozenset(str(g) for g in stored["groups"]),
    )


def _dropped(
    kept: years.Years,
) -> tuple[int, dict, forecast_shown.Shown, forecast_shown.Shown] | None:
    """The year the window has just left (the page showed it until the year after the last
    closed), if its decisions are kept: the year, its kept tree and its decisions of the FTE
    and of the 60+ shares. Its people on 31 December are all still in the data (the history
    kept, `retention.employment_cutoff`, reaches back to the month before it)."""
    year = kept.first - 1
    row = PublishedYear.objects.filter(year=year, history__isnull=False).first()
    if row is None:
        return None
    parents = {pk: u.parent_id for pk, u in frozen.units_of(row.tree).items()}
    return year, parents, _shown(row.history["fte"]), _shown(row.history["ages"])


def _counted(year: int) -> pl.DataFrame:
    """The people on the year's 31 December in their main jobs, with what they add to the
    figures decided side by side: 1 (present), their rate, 1 if aged 60 or over."""
    return main_jobs(year_end(year)).with_columns(
        pl.lit(1.0).alias("present"),
        (pl.lit(year) - pl.col("birth_year") >= 60).cast(pl.Float64).alias("old"),
    )


def _decided_over_time(
    kept: years.Years,
    stored: dict[int, tuple[forecast_shown.Shown, forecast_shown.Shown]],
    dropped: tuple | None,
) -> Sequence:
    """`sequence` with the years in `stored` taken as decided (`over_time`'s `fixed`), after
    the year the window has just left (`_dropped`), as it was decided: the page showed it the
    day before, so the years are decided against it too (the last year's FTE minus its own
    would otherwise be the few who came or left in between)."""
    today = dict(Unit.objects.values_list("pk", "parent_id"))
    k_today = thresholds.min_group()
    own = year_ends(kept)  # Historik's 31 Decembers on their own
    releases: list[over_time.Release] = []
    fixed: dict[int, forecast_shown.Shown] = {}
    if dropped is not None:
        year, parents, fte, _ages = dropped
        fixed[len(releases)] = fte
        releases.append(over_time.Release(year_end(year), parents, _counted(year), fte))
    before = len(releases)
    bounds = _bounds(kept)
    long_hidden = _long_hidden(kept)
    mine: dict[datetime.date, int] = {}
    theirs: dict[datetime.date, int] = {}
    same: dict[datetime.date, set] = {}
    for year in range(kept.first, kept.last + 1):
        day = year_end(year)
        parents = {pk: u.parent_id for pk, u in kept.trees[year].items()}
        people = _counted(year)
        mine[day] = len(releases)
        if year in stored:
            fixed[len(releases)] = stored[year][0]
        alone = _within(own[day], bounds[year][0]) if year in bounds else own[day]
        if year not in stored:
            alone = _without(alone, long_hidden["fte"])
        releases.append(over_time.Release(day, parents, people, alone))
        if (parents, kept.ks[year]) != (today, k_today):
            cells = forecast_shown.counts(people)
            theirs[day] = len(releases)
            # Its pages start from Historik's of that day that hold the same people: decided
            # afresh, the greedy choice over today's tree took other pages (two clinics, not
            # their förvaltning), which `nothing_new` then dropped, and a förvaltning whose
            # people a move inside it left alone lost its groups, and with them the inputs
            # set per group (an insider's twenty-fifth round: HS's 2025 gap 26.0 → 20.8).
            same[day] = over_time.same_people(parents, today, people)
            shown = forecast_shown.decide(today, cells, k_today, pages=set(alone.pages) & same[day])
            releases.append(over_time.Release(day, today, people, shown))
    decided = over_time.over_time(releases, _FIGURES, fixed)
    # A forecast over today's tree shows only what Historik shows that day of the same
    # people: a unit whose people differ between the trees, or one Historik hides, would
    # beside Historik's units be the moved units' figures or a hidden unit's, which the year
    # before may single out (three releases; `over_time` pairs two). So it tells nothing new.
    for day, i in theirs.items():
        decided[i] = nothing_new(decided[i], decided[mine[day]], same[day])
    # The 60+ shares likewise, each year from its FTE's decision.
    ordered = [*range(before), *mine.values()]
    fixed_ages = {0: dropped[3]} if dropped is not None else {}
    fixed_ages |= {before + year - kept.first: pair[1] for year, pair in stored.items()}
    ages_bounds = {before + year - kept.first: pair[1] for year, pair in bounds.items()}
    new_years = {before + year - kept.first for year in range(kept.first, kept.last + 1)}
    new_years -= {before + year - kept.first for year in stored}

    def ages_shown(n: int, i: int) -> forecast_shown.Shown:
        shown = _within(decided[i], ages_bounds[n]) if n in ages_bounds else decided[i]
        return _without(shown, long_hidden["ages"]) if n in new_years else shown

    ages = over_time.over_time(
        [replace(releases[i], shown=ages_shown(n, i)) for n, i in enumerate(ordered)],
        _AGES,
        fixed_ages,
    )[before:]
    return Sequence(
        history={day: decided[i] for day, i in mine.items()},
        ages=dict(zip(mine, ages, strict=True)),
        forecasts={day: decided[theirs.get(day, i)] for day, i in mine.items()},
    )


def nothing_new(
    forecast: forecast_shown.Shown, history: forecast_shown.Shown, same: set
) -> forecast_shown.Shown:
    """A forecast's decision over another tree than Historik's on the same day, narrowed to
    the units (and pages and groups) Historik shows there with the same people (`same`):
    each of its figures is then one of Historik's."""
    return replace(
        forecast,
        units=forecast.units & history.units & same,
        pages=forecast.pages & history.pages & same,
        groups=forecast.groups & history.groups,
    )


# What a year's row or a month's says of its people's ages, sexes and employment rates.
_PERSONAL = ("fte", "share_60_plus")


def as_decided(
    rows: pl.DataFrame,
    unit: Unit,
    group: str,
    decided: dict[datetime.date, forecast_shown.Shown],
    ages: dict[datetime.date, forecast_shown.Shown],
) -> pl.DataFrame:
    """The year rows as the forecast's rule allows them on each 31 December (`shown.decide`).

    All groups: the headcount, hires and leavers of any unit (who works there is known to
    its colleagues); the FTE and the share aged 60 or over only of a unit the rule shows (a
    unit of one or two, or a parent beside its units, would give a person's employment rate
    and birth year away). A group: its row only in the years the rule shows it on its own on
    this page (the group minus the rest, or a page minus the pages below it, would be a few
    people's figures). The 60+ share, moreover, only where `ages` (`sequence`) shows it:
    beside another year's, it is no fewer than k people's who came, left or turned 60."""
    shown = _hidden_where(
        rows, [_allowed(unit, group, decided[year_end(y)]) for y in rows["year"]], group
    )
    old = [_allowed(unit, group, ages[year_end(y)]) for y in rows["year"]]
    return shown.with_columns(
        pl.when(pl.Series(old, dtype=pl.Boolean))
        .then(pl.col("share_60_plus"))
        .otherwise(None)
        .alias("share_60_plus")
    )


def months_as_decided(
    months: pl.DataFrame, unit: Unit, group: str, decided: dict[datetime.date, forecast_shown.Shown]
) -> list[dict]:
    """The months' rows by the same rule, decided on each month's last day, without their
    FTE: a month with one hire or one leaver changed the unit's FTE by that person's rate
    (994 such months on the demo), and colleagues know who came or went."""
    ends = [_month_end(int(m[:4]), int(m[5:])) for m in months["month"]]
    allowed = [_allowed(unit, group, decided[day]) for day in ends]
    return _hidden_where(months, allowed, group).drop("fte", strict=False).to_dicts()


def groups_of(
    unit: Unit, decided: dict[datetime.date, forecast_shown.Shown], span, every: bool = False
) -> set[str]:
    """The groups the unit's page shows on their own on the 31 Decembers of the years in
    `span`: in any of them, or in `every` one (the growth table compares two years)."""
    found = [set(decided[year_end(year)].groups_of(unit.pk)) for year in span]
    if not found:
        return set()
    return set.intersection(*found) if every else set.union(*found)


def _allowed(unit: Unit, group: str, decision: forecast_shown.Shown) -> bool:
    if group == past.ALL:
        return unit.pk in decision.units
    return group in decision.groups_of(unit.pk)


def _hidden_where(frame: pl.DataFrame, allowed: list[bool], group: str) -> pl.DataFrame:
    """`frame` with its rows not `allowed` hidden: the personal columns (all groups) or every
    figure (a group)."""
    hidden = [
        c
        for c in frame.columns
        if c in _PERSONAL or (group != past.ALL and c not in ("year", "month", "group"))
    ]
    keep = pl.Series(allowed, dtype=pl.Boolean)
    return frame.with_columns(
        pl.when(keep).then(pl.col(c)).otherwise(None).alias(c) for c in hidden
    )


def pyramid(
    kept: years.Years,
    unit: Unit,
    group: str,
    decided: dict[datetime.date, forecast_shown.Shown],
) -> tuple[list[dict], int] | None:
    """The age pyramid of the last year as the rules allow it: None where the unit (or the
    group) is not shown on its 31 December; else the cells (sex × band) shown on their own and
    the people of the rest together, 0 or at least k (`pyramids`). A shown unit of 30 with
    one man of 60–64 would give that colleague's age band: the cells are a partition of the
    same people as the tree, decided over it as the groups are."""
    if not _allowed(unit, group, decided[max(decided)]):
        return None
    whole, by_group = pyramids(kept)
    cells = whole if group == past.ALL else by_group
    if unit.pk not in cells.pages:
        return None
    named = None if group == past.ALL else group
    rows = kept.pyramid(group).to_dicts()
    shown = [r for r in rows if past.pyramid_cell(r, named) in cells.groups]
    return shown, sum(r["headcount"] for r in rows) - sum(r["headcount"] for r in shown)


def pyramids(kept: years.Years) -> tuple[forecast_shown.Shown, forecast_shown.Shown]:
    """The pyramid's cells (sex × band, and group × sex × band) that the pages may show on
    their own on the last 31 December (`shown.decide` over the year's kept tree): for the
    whole region once per data version, trees and ks."""
    return _region_wide(_PYRAMIDS, "history-pyramids", kept, _pyramids)


def _pyramids(kept: years.Years) -> tuple[forecast_shown.Shown, forecast_shown.Shown]:
    people = main_jobs(year_end(kept.last))
    parents = {pk: u.parent_id for pk, u in kept.trees[kept.last].items()}
    k = kept.ks[kept.last]
    return (
        forecast_shown.decide(parents, past.pyramid_cells(people, kept.last), k),
        forecast_shown.decide(parents, past.pyramid_cells(people, kept.last, by_group=True), k),
    )


_PYRAMIDS: dict[tuple, tuple[forecast_shown.Shown, forecast_shown.Shown]] = {}
_SEQUENCE: dict[tuple, Sequence] = {}
_SAME_DAY: dict[tuple, dict[datetime.date, forecast_shown.Shown]] = {}
_YEAR_ENDS: dict[tuple, dict[datetime.date, forecast_shown.Shown]] = {}
_SPLITS: dict[tuple, dict[int, tuple[set, set, dict]]] = {}


def split_as_allowed(rows: pl.DataFrame, unit: Unit, group: str, kept: years.Years) -> pl.DataFrame:
    """The year rows with "of which retirement", "of which own request" and "left before
    retirement" (the leavers minus the retirements) as the tree's rule allows them.

    The two reasons are counts of the region's leavers, decided for every unit at once
    (`history.split_shown`: no page minus the pages below it, nor a page's leavers of other
    reasons, is 1..k-1 people) over the year's kept tree and k; a page not allowed to show
    them shows none, and the same reasons on every page. Per profession group they are never
    shown: the group's figures beside everyone's would give a small group's reason away (the
    unit tree and the groups are two partitions of the same people)."""
    hidden = pl.lit(None, dtype=pl.Int64)
    columns = ("leavers_retirement", "leavers_own_request", "before_retirement")
    if group != past.ALL:
        return rows.with_columns(
            *[hidden.alias(c) for c in columns],
            pl.lit(None, dtype=pl.Float64).alias("before_retirement_share"),
        )
    splits = _splits(kept)
    shown = []
    for year in rows["year"].to_list():
        pages, parts, cells = splits.get(year, (set(), set(), {}))
        inside = kept.inside[year]
        counts = {
            reason: sum(n for (u, r), n in cells.items() if r == reason and u in inside)
            for reason in past.SPLIT
        }
        # A year the exit survey splits per block shows none here (`years.shown_per_block`).
        allowed = unit.pk in pages and year not in kept.by_block
        shown.append(
            {
                "year": year,
                **{
                    f"leavers_{r}": counts[r] if allowed and r in parts else None
                    for r in past.SPLIT
                },
            }
        )
    split = pl.DataFrame(
        shown,
        schema={
            "year": rows.schema["year"],
            "leavers_retirement": pl.Int64,
            "leavers_own_request": pl.Int64,
        },
    )
    average = ((pl.col("headcount") + pl.col("headcount_start")) / 2).clip(1)
    before = pl.col("leavers") - pl.col("leavers_retirement")
    return (
        rows.drop("leavers_retirement", "leavers_own_request")
        .join(split, on="year", how="left")
        .with_columns(
            before.cast(pl.Int64).alias("before_retirement"),
            (before / average).alias("before_retirement_share"),
        )
        .select(rows.columns)
    )


def _splits(kept: years.Years) -> dict[int, tuple[set, set, dict]]:
    """Per year of the page, the pages and reasons `history.split_shown` allows over the
    year's kept tree and k, and the region's leavers per (unit, reason): for the whole region
    once per data version and trees."""
    return _region_wide(_SPLITS, "history-splits", kept, _split)


def _split(kept: years.Years) -> dict[int, tuple[set, set, dict]]:
    region = frames.employments().rename({"unit_id": "unit"})
    leavers = past.region_leavers(region, kept.first, kept.last)
    found = {}
    for year in range(kept.first, kept.last + 1):
        parents = {pk: u.parent_id for pk, u in kept.trees[year].items()}
        rows = leavers.filter(pl.col("year") == year)
        cells = {(u, r): n for _year, u, r, n in rows.iter_rows() if u in parents}
        pages, parts = past.split_shown(parents, cells, kept.ks[year])
        found[year] = (pages, parts, cells)
    return found


def warm(today: datetime.date | None = None) -> None:
    """Decide, for the current data, what Historik shows of its years (the same for every
    unit: the decisions are the region's), so that no one's first view after an import waits
    for them (about 8 s on the demo) and every server process reads them from the shared
    cache (`generation.register_warmer`)."""
    today = today or timezone.localdate()
    root = Unit.objects.region()
    if root is None or frames.employments().is_empty():
        return
    kept = years.Years(frames.employments(), root, last_closed_year(today), main_jobs)
    sequence(kept)
    decisions(kept)
    _splits(kept)
    pyramids(kept)


def _region_wide(store: dict, name: str, kept: years.Years, compute: Callable) -> Any:
    """`compute(kept)` for the whole region, kept in `store` (this process, the latest only)
    and in the shared cache under `name` (every process), per data version, trees and ks."""
    key = _trees_key(kept)
    if key not in store:
        found = generation.remembered(name, key, lambda: compute(kept))
        store.clear()
        store[key] = found
    return store[key]


def _trees_key(kept: years.Years) -> tuple:
    """The data version, the page years' kept trees and their ks, today's tree and k (the
    forecasts'): what a decision for the whole region depends on."""
    trees = {
        year: tuple(sorted((pk, u.parent_id) for pk, u in kept.trees[year].items()))
        for year in range(kept.first, kept.last + 1)
    }
    today = tuple(sorted(Unit.objects.values_list("pk", "parent_id")))
    return (
        frames.data_version(),
        tuple(trees.items()),
        tuple(kept.ks.items()),
        today,
        thresholds.min_group(),
    )


def fte(unit: Unit, year: int, today: datetime.date) -> float | None:
    """*Historik*'s FTE of `unit` on 31 December `year`, for another page to show the same
    figure by the same decision (the key figures): its people in their main jobs in the
    unit's subtree over the year's kept tree, or None where *Historik* does not show it
    (`decisions`: beside another year it would be a few people's rates), for a year not
    closed (`last_closed_year`: the running year, whose FTE moves with each hire and leaver,
    and in January the year just ended) and before *Historik*'s ten years."""
    last = last_closed_year(today)
    if not last - years.YEARS + 1 <= year <= last:
        return None
    kept = years.Years(frames.employments(), unit, last, main_jobs)
    day = year_end(year)
    if unit.pk not in decisions(kept)[day].units:
        return None
    people = main_jobs(day).filter(pl.col("unit_id").is_in(list(kept.inside[year])))
    return round(float(people["rate"].sum() or 0) / 100, 6)


def forecast(on: datetime.date) -> forecast_shown.Shown | None:
    """What a forecast on the base date `on` may show (`sequence`): None when `on` is not
    one of Historik's 31 Decembers (the last ten closed years, `last_closed_year`), or there
    is no unit."""
    root = Unit.objects.region()
    if root is None:
        return None
    last = last_closed_year(timezone.localdate())
    kept = years.Years(frames.employments(), root, last, main_jobs)
    return sequence(kept).forecasts.get(on)
