"""What *Historik* and *Träffsäkerhet* show of a unit, kept until the data change (issue 19).

Both pages were computed at every request though nothing they show changes between imports:
*Historik* rebuilt each closed year's kept tree, its rows, months, pyramid and charts
(about 0.3 s of a worker's time on Region Demo), *Träffsäkerhet* fitted the rates and ran
300 draws (about 0.25 s) and drew its chart. Each is now computed once per import generation
(`generation.remembered`, the cache every server process shares) and warmed after an import
(`warm`), so a page is its access check, its unit list and its template.

What is kept is decided from the data alone, for the unit: the rows the region-wide decisions
(`shown_past`, `services.shown`) allow, the same for every role that may open the unit, whose
access the view checks before it asks here (as the forecast's export and the board report).
So the key is what the figures depend on: the unit and where it sits, the group or fit year
and years asked for (only a group or year the page offers: a made-up one is never a key),
today (the closed years) and the first day of the history kept, k, the data's version and
the language (the charts' labels and number format), in the current generation (an import,
a unit moved, a group remapped, a wave closed or the retention run: computed anew).
"""

from __future__ import annotations

import datetime

import polars as pl
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna import generation
from bemanna import report as drawing
from bemanna.analysis import charts
from bemanna.analysis.forecast import backtest as backtesting
from bemanna.analysis.forecast import history as past
from bemanna.analysis.forecast import shown as disclosure
from bemanna.forecast import context, frames, shown_past, years
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.workforce.retention import employment_cutoff, last_closed_year


def _parts(unit: Unit, today: datetime.date, *more) -> tuple:
    return (unit.pk, unit.path, *_data(today), thresholds.min_group(), *more)


def _data(today: datetime.date) -> tuple:
    """Today, the first day of the history kept (BEMANNA_RETAIN_EMPLOYMENT_YEARS may change
    at a restart, and the cache outlives it) and the data's version."""
    return (today, employment_cutoff(today), frames.data_version())


def history(unit: Unit, group: str, today: datetime.date) -> dict:
    """*Historik*'s figures of `unit` for `group` (all groups when the page does not offer
    it): the groups offered, the rows, months, growth and charts, and the years notes name."""
    last = last_closed_year(today)
    made: list[years.Years] = []

    def kept() -> years.Years:  # built once, for both entries, only when one is computed
        if not made:
            made.append(years.Years(frames.employments(), unit, last, shown_past.main_jobs))
        return made[0]

    offered = generation.remembered(
        "history-groups", _parts(unit, today), lambda: _history_groups(kept(), unit, last)
    )
    if group not in offered["groups"]:
        group = past.ALL
    page = generation.remembered(
        "history-page",
        _parts(unit, today, group, get_language()),
        lambda: _history_page(kept(), unit, group, last),
    )
    return {**offered, **page, "group": group, "last": last}


def _history_groups(kept: years.Years, unit: Unit, last: int) -> dict:
    table = kept.table()
    decided = shown_past.decisions(kept)
    own = shown_past.groups_of(unit, decided, range(kept.first, last + 1))
    return {
        "groups": sorted(own & set(table["group"].to_list())) if table is not None else [],
        "other_tree": ", ".join(str(year) for year in kept.other_tree),
        "by_block": ", ".join(str(year) for year in sorted(kept.by_block)),
    }


def _history_page(kept: years.Years, unit: Unit, group: str, last: int) -> dict:
    table = kept.table()
    if table is None:
        return {"table": None}
    decided = shown_past.decisions(kept)
    rows = shown_past.split_as_allowed(
        table.filter(pl.col("group") == group).sort("year"), unit, group, kept
    )
    rows = shown_past.as_decided(rows, unit, group, decided, shown_past.sequence(kept).ages)
    both = shown_past.groups_of(unit, decided, (last - 3, last), every=True)
    return {
        "table": rows.to_dicts(),
        # The months per group are not shown: a January of a shown group beside its flows
        # gave the 31 December count the year's row hides, and a month's one leaver of a
        # group, dated by the unit page's headcounts, a colleague's profession.
        "months": (
            shown_past.months_as_decided(kept.monthly(group), unit, group, decided)
            if group == past.ALL
            else None
        ),
        "growth": past.largest_growth(
            table.filter(pl.col("group").is_in([past.ALL, *both])), last - 3, last
        ).to_dicts(),
        "first_growth": last - 3,
        "charts": history_charts(rows, last, shown_past.pyramid(kept, unit, group, decided)),
    }


def history_charts(rows: pl.DataFrame, last: int, pyramid: tuple[list[dict], int] | None):
    year, people = _("Year"), _("People")
    staff = [
        {"year": r["year"], "series": label, "value": r[key]}
        for key, label in (("headcount", _("Headcount 31 Dec")), ("fte", _("FTE")))
        for r in rows.iter_rows(named=True)
        if r[key] is not None  # hidden by the forecast's rule (`_as_decided`)
    ]
    flows = [
        {"year": r["year"], "series": label, "value": r[key]}
        for r in rows.iter_rows(named=True)
        for key, label in (
            ("hires", _("Hired")),
            ("leavers", _("Left")),
            ("before_retirement", _("Left before retirement")),
        )
        if r[key] is not None  # hidden by the tree's rule (`_split_as_allowed`)
    ]
    age_labels = {"K": _("Women"), "M": _("Men"), "band": _("Age"), "headcount": people}
    drawn = None
    if pyramid and pyramid[0]:
        # The pyramid with its text alternative: a sentence and its people as a table.
        shown = {(row["band"], row["sex"]): row["headcount"] for row in pyramid[0]}
        bands = list(dict.fromkeys(row["band"] for row in pyramid[0]))
        data = drawing.Table(
            [
                drawing.Column(_("Age")),
                drawing.Column(_("Women"), "int"),
                drawing.Column(_("Men"), "int"),
            ],
            [[band, shown.get((band, "K")), shown.get((band, "M"))] for band in bands],
        )
        spec = charts.age_pyramid_spec(
            pyramid[0], labels=age_labels, title=_("Age structure %(year)s") % {"year": last}
        )
        alt = _("People per age band, women to the left and men to the right.")
        drawn = drawing.figure_html(drawing.Chart(spec, alt, data))
    return {
        "stock": rendering.svg(
            charts.lines_spec(staff, labels={"year": year, "value": people}, title=_("Staff"))
        ),
        "flows": rendering.svg(
            charts.lines_spec(
                flows, labels={"year": year, "value": people}, title=_("Hired and left"), bars=True
            )
        ),
        "pyramid": drawn,
        "pyramid_rest": pyramid[1] if pyramid else 0,
    }


def first_end(today: datetime.date) -> datetime.date | None:
    """The earliest end date in the history kept (where a backtest's window may start)."""

    def earliest() -> tuple[datetime.date | None]:
        found = frames.employments()["end"].min()
        return (found if isinstance(found, datetime.date) else None,)  # a tuple: never None

    return generation.remembered("backtest-first-end", _data(today), earliest)[0]


def backtest(
    unit: Unit, fit_year: int, years_: int, allowed: disclosure.Shown, today: datetime.date
) -> dict:
    """*Träffsäkerhet*'s figures of `unit` fitted on `fit_year` and run `years_` years, the
    groups merged as `allowed` (`services.shown` on the fit year's 31 December) shows them:
    the table, its summary, coverage and chart, or the error saying why there is none."""
    groups = tuple(sorted(allowed.groups_of(unit.pk)))
    return generation.remembered(
        "backtest-page",
        _parts(unit, today, fit_year, years_, allowed.k, groups, get_language()),
        lambda: _backtest(unit, fit_year, years_, groups),
    )


def _backtest(unit: Unit, fit_year: int, years_: int, groups: tuple[str, ...]) -> dict:
    # The people of the fit year's end where their main job was, as the decision counts them.
    staff = frames.staff_of(frames.employments(), unit, datetime.date(fit_year, 12, 31))
    try:
        table = backtesting.backtest(staff, fit_year, years_, draws=300, shown=groups)
    except (ValueError, TypeError) as error:
        return {
            "error": _("A backtest needs data up to %(year)s: %(reason)s")
            % {"year": fit_year + years_, "reason": error}
        }
    summary = backtesting.summary(table)
    total = table.filter(pl.col("group") == backtesting.TOTAL)
    series = [
        {
            "year": r["year"],
            "series": _("Forecast"),
            "p10": r["p10"],
            "p50": r["p50"],
            "p90": r["p90"],
        }
        for r in total.iter_rows(named=True)
    ]
    series += [
        {
            "year": r["year"],
            "series": _("Actual"),
            "p10": r["actual"],
            "p50": r["actual"],
            "p90": r["actual"],
        }
        for r in total.iter_rows(named=True)
    ]
    return {
        "table": table.to_dicts(),
        "summary": summary.to_dicts(),
        "total": summary.filter(pl.col("group") == backtesting.TOTAL).to_dicts(),
        "coverage": backtesting.coverage(table),
        "pooled": dict(zip(("inside", "years"), backtesting.pooled(table), strict=True)),
        "goal": backtesting.GOAL,
        "chart": rendering.svg(
            charts.band_spec(
                context.rounded(series),
                labels={"year": _("Year"), "value": _("People")},
                title=_("Still employed of those employed at the end of %(year)s")
                % {"year": fit_year},
            )
        ),
    }


def warm(today: datetime.date | None = None) -> None:
    """Compute, for the current generation, what the whole-region roles open first: each top
    unit's *Historik* (all groups) and *Träffsäkerhet* (its default fit year and years), in
    every language (`generation.register_warmer`, after Historik's decisions); nothing in it
    is any user's, as the pages' entries are not."""
    from bemanna.forecast import services  # the backtest's decision: services.shown

    today = today or timezone.localdate()
    if frames.employments().is_empty():
        return
    for unit in Unit.objects.filter(parent__isnull=True).order_by("code"):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                history(unit, past.ALL, today)
                fit_years = backtest_fit_years(today, first_end(today))
                if not fit_years:
                    continue
                fit_year = default_fit_year(today, fit_years)
                allowed = services.shown(datetime.date(fit_year, 12, 31))
                if unit.pk in allowed.units:
                    backtest(unit, fit_year, DEFAULT_YEARS, allowed, today)


DEFAULT_YEARS = 3  # the years a backtest runs unless asked


def default_fit_year(today: datetime.date, fit_years: list[int]) -> int:
    """The fit year the page opens on: three years before the last closed one, or the first
    the history kept allows."""
    latest = last_closed_year(today)
    return max(latest - 3, fit_years[0]) if fit_years else latest - 3


def backtest_fit_years(today: datetime.date, first_end: datetime.date | None) -> list[int]:
    """The years a backtest may be fitted on: every year of the rates' window (the fit year
    and the ones before it) wholly within the history kept. Employments that ended before
    `employment_cutoff(today)` are not kept, nor did the extract hold those that ended
    before its first recorded end (`first_end`), so an earlier window would miss leavers
    and fit rates far too low (1 of 70 actual values inside the band for 2017 on the demo).

    Examples:
        >>> from django.test import override_settings
        >>> with override_settings(RETAIN_EMPLOYMENT_YEARS=10):
        ...     backtest_fit_years(datetime.date(2026, 6, 30), datetime.date(2014, 3, 1))
        [2020, 2021, 2022, 2023, 2024]
    """
    since = max(employment_cutoff(today), first_end or datetime.date.min)
    first_whole = since.year if (since.month, since.day) == (1, 1) else since.year + 1
    latest = last_closed_year(today)
    return list(range(max(latest - 8, first_whole + backtesting.WINDOW_YEARS - 1), latest))
