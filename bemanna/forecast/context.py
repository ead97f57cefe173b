"""What a forecast page, report or export shows: tables and chart specs, in one place.

The web page, the PDF/HTML report and the Excel workbook all take their figures and charts
from here, so they cannot disagree.
"""

from __future__ import annotations

import decimal

import polars as pl
from django.utils.translation import gettext as _

from bemanna.analysis import charts
from bemanna.analysis.forecast import TOTAL
from bemanna.analysis.forecast.history import ALL
from bemanna.forecast import labels
from bemanna.forecast.services import Cost, Result, notes

TABLE_MEASURES = (
    "supply_fte",
    "demand_fte",
    "gap_fte",
    "supply_headcount",
    "retirements",
    "other_leavers",
    "recruitment_need",
)


# A chart carries its figures to the precision the page shows them (FTE and people to one
# decimal), not to the float's last digit: an SVG's labels and coordinates are read as
# easily as a table, and two previews told apart in the seventh decimal give a figure away.
CHART_DECIMALS = 1


def rounded(rows: list[dict], decimals: int = CHART_DECIMALS) -> list[dict]:
    """A chart's rows with every non-integer number rounded to `decimals`."""
    return [
        {k: round(v, decimals) if isinstance(v, float) else v for k, v in row.items()}
        for row in rows
    ]


# The measures that count people: whole numbers wherever a forecast is shown (page, workbook,
# report), P10–P90 and mean alike. A band's quantile falls between two draws (250,9 leavers)
# and a mean is not a person: the FTE measures keep their decimals.
PEOPLE = frozenset(
    (
        "supply_headcount",
        "retirements",
        "other_leavers",
        "recruitment_need",
        "supply_exits",
        "supply_hires",
    )
)


def whole(value: float | None) -> int | None:
    """A count of people as a whole number, half up as the page's rounding (250,5 → 251).

    Examples:
        >>> whole(250.9), whole(250.5), whole(3.49), whole(None)
        (251, 251, 3, None)
    """
    if value is None:
        return None
    return int(decimal.Decimal(repr(float(value))).quantize(0, decimal.ROUND_HALF_UP))


def group_label(group: str) -> str:
    return str(labels.TOTAL) if group in (TOTAL, ALL) else group


def by_year(result: Result, group: str = TOTAL) -> list[dict]:
    """Rows per year with each measure's P10/P50/P90 for one group (or the total); people
    (`PEOPLE`) as whole numbers."""
    bands = result.forecast.bands.filter(pl.col("group") == group)
    years = sorted(set(bands["year"].to_list()))
    lookup = {
        (m, y): tuple(whole(v) for v in (p10, p50, p90)) if m in PEOPLE else (p10, p50, p90)
        for m, y, p10, p50, p90 in bands.select("measure", "year", "p10", "p50", "p90").iter_rows()
    }
    return [
        {"year": year, "cells": [lookup.get((m, year)) for m in TABLE_MEASURES]} for year in years
    ]


def largest_gaps(result: Result, n: int = 20) -> list[dict]:
    forecast = result.forecast
    need = (
        forecast.bands.filter(pl.col("measure") == "recruitment_need")
        .group_by("group")
        .agg(pl.col("p50").mean().alias("need"))
    )
    gaps = forecast.largest_gaps(n).join(need, on="group", how="left")
    return gaps.select("group", "p10", "p50", "p90", "need").to_dicts()


def gap_spec(result: Result, group: str = TOTAL) -> dict:
    rows = (
        result.forecast.bands.filter(
            (pl.col("group") == group) & pl.col("measure").is_in(["supply_fte", "demand_fte"])
        )
        .with_columns(
            pl.col("measure")
            .replace_strict({m: str(labels.MEASURES[m]) for m in ("supply_fte", "demand_fte")})
            .alias("series")
        )
        .select("year", "series", "p10", "p50", "p90")
        .to_dicts()
    )
    return charts.band_spec(
        rounded(rows),
        labels={"year": _("Year"), "value": _("FTE")},
        title=_("Supply and demand, %(group)s") % {"group": group_label(group)},
    )


def gap_band_spec(result: Result, group: str = TOTAL) -> dict:
    rows = (
        result.forecast.measure("gap_fte", group)
        .with_columns(pl.lit(str(labels.MEASURES["gap_fte"])).alias("series"))
        .select("year", "series", "p10", "p50", "p90")
        .to_dicts()
    )
    return charts.band_spec(
        rounded(rows),
        labels={"year": _("Year"), "value": _("FTE")},
        title=_("Gap (demand − supply), P10–P90"),
    )


def facet_spec(result: Result) -> dict:
    gaps = result.forecast.bands.filter(pl.col("measure") == "gap_fte")
    groups = gaps.filter(pl.col("group") != TOTAL)
    if groups.is_empty():  # no group shown on its own (`services.shown`): the total alone
        groups = gaps.with_columns(pl.lit(group_label(TOTAL)).alias("group"))
    rows = (
        groups.with_columns(pl.lit(str(labels.MEASURES["gap_fte"])).alias("series"))
        .select("group", "year", "series", "p10", "p50", "p90")
        .to_dicts()
    )
    return charts.band_facet_spec(
        rounded(rows),
        labels={"year": _("Year"), "value": _("FTE")},
        title=_("Gap per profession group, P10–P90"),
        # Two side by side: three were wider than an A4 page's column, and the PDF shrank
        # the picture and its 12 px text with it.
        columns=2,
    )


def waterfall_rows(result: Result) -> list[dict]:
    """Each step's mean effect on the gap (FTE) over the draws, with its P10 and P90."""
    return [
        {
            "label": str(labels.LEVERS.get(step, step)),
            "effect": effect,
            "p10": p10,
            "p90": p90,
            "kind": "total" if step in ("baseline", "scenario") else "effect",
            "step": step,
        }
        for step, effect, p10, p90 in result.waterfall.iter_rows()
    ]


def waterfall_spec(result: Result) -> dict:
    return charts.waterfall_spec(
        rounded(waterfall_rows(result)),
        labels={"value": _("FTE")},
        title=_("Each lever's effect on the gap in %(year)s") % {"year": result.forecast.horizon},
    )


def supply_explained() -> str:
    """The sentence every forecast page and report gives on what supply counts."""
    return _(
        "Supply counts the scenario's hired staff beside the own staff (their FTE, less what "
        "the lever replaces with own staff), as demand does: in the base year it is the own "
        "staff's FTE plus the hired FTE."
    )


def summary(result: Result) -> dict:
    """The headline: the gap at the horizon as the mean over the draws (the statistic the
    waterfall adds up), with P10–P90; the recruitment need as the P50 a year."""
    forecast = result.forecast
    gap = forecast.measure("gap_fte").filter(pl.col("year") == forecast.horizon).row(0, named=True)
    need = forecast.measure("recruitment_need")
    return {
        "gap": gap,
        "need_per_year": need["p50"].mean(),
        "need_total": need["p50"].sum(),
        "horizon": forecast.horizon,
        "base_year": forecast.base_year,
        "draws": forecast.draws,
        "staff": int(result.prepared.base.headcount.sum()),
        "notes": notes(result),
        "education": [
            {
                "group": item.group,
                "students": item.students,
                "completion": item.completion * 100,
                "hired": item.share_hired * 100,
                "per_year": item.students * item.completion * item.share_hired,
            }
            for item in result.levers.education
        ],
    }


def measure_names() -> list[str]:
    return [str(labels.MEASURES[m]) for m in TABLE_MEASURES]


def cost_summary(result: Result, cost: Cost | None) -> dict | None:
    """The kronor figures of a page or report: at the horizon, per year, per lever and per
    group's price; None when no personnel costs are imported."""
    if cost is None:
        return None
    horizon = result.forecast.horizon
    effects = {step: (mean, p10, p90) for step, mean, p10, p90 in cost.waterfall.iter_rows()}
    prices = cost.prices
    return {
        "gap": cost.gap.filter(pl.col("year") == horizon).row(0, named=True),
        "hired": cost.hired.filter(pl.col("year") == horizon).row(0, named=True),
        "years": [
            {"year": gap["year"], "gap": gap, "hired": hired}
            for gap, hired in zip(
                cost.gap.iter_rows(named=True), cost.hired.iter_rows(named=True), strict=True
            )
        ],
        "waterfall": [
            {
                **step,
                "effect_kr": effects[step["step"]][0],
                "kr_p10": effects[step["step"]][1],
                "kr_p90": effects[step["step"]][2],
            }
            for step in waterfall_rows(result)
        ],
        "prices": [
            {
                "group": group,
                "own": own,
                "hired": hired,
                "own_source": str(own_source),
                "hired_source": str(hired_source),
                "factor": factor,
            }
            for group, own, hired, own_source, hired_source, factor in zip(
                prices.groups,
                prices.own,
                prices.hired,
                prices.own_source,
                prices.hired_source,
                prices.factor,
                strict=True,
            )
            # The groups the forecast shows on their own and one row for the rest
            # (`cost.on_page`): a merged group's own price is the pay of its few people.
        ],
        "first": prices.first,
        "last": prices.last,
    }
