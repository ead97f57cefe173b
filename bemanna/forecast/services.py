"""Run forecasts on the database's workforce, with caches keyed on the data's version."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import polars as pl
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bemanna import generation
from bemanna.analysis import kpi
from bemanna.analysis.forecast import (
    TOTAL,
    Baseline,
    Forecast,
    Levers,
    OutOfRange,
    Rates,
    baseline,
    demographic_index,
    estimate_rates,
    project,
    weights_for,
)
from bemanna.analysis.forecast import cost as kronor
from bemanna.analysis.forecast import effects as lever_effects
from bemanna.analysis.forecast import shown as disclosure
from bemanna.analysis.forecast.model import OTHER, pooled_part_time
from bemanna.analysis.forecast.population import CARE_WEIGHTS
from bemanna.analysis.stock import people_on
from bemanna.forecast import frames, labels, shown_past, tables, years
from bemanna.forecast.models import Scenario
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.workforce import frames as workforce_frames
from bemanna.workforce.retention import last_closed_year

CACHE_SIZE = 16
_prepared: OrderedDict[tuple, Prepared] = OrderedDict()
_results: OrderedDict[tuple, Result] = OrderedDict()
_rates: OrderedDict[tuple, Rates] = OrderedDict()
_shown: OrderedDict[tuple, disclosure.Shown] = OrderedDict()
_steps: OrderedDict[tuple, np.ndarray] = OrderedDict()
_prices: OrderedDict[tuple, kronor.Prices | None] = OrderedDict()
_part_time: OrderedDict[tuple, dict[str, tuple[int, int, float]]] = OrderedDict()


class ForecastError(Exception):
    """Something the user can fix (no staff on the base date, a projection too short)."""


@dataclass(frozen=True)
class Prepared:
    key: tuple  # what the preparation depends on: data version, date, unit, inputs
    staff: pl.DataFrame  # the unit's subtree
    rates: Rates  # fitted on the whole region: more data, steadier rates
    base: Baseline
    index: pl.DataFrame
    demo_projection: bool = False  # demand follows Region Demo's made-up county


@dataclass(frozen=True)
class Result:
    forecast: Forecast
    waterfall: pl.DataFrame  # step, effect, p10, p90: the mean over the draws (FTE)
    prepared: Prepared
    levers: Levers
    steps: dict  # step → the gap at the horizon of every draw [D, G] (what kronor value)
    groups: tuple[str, ...] = ()  # the groups the bands show (`model.OTHER` the rest)
    withheld: bool = False  # levers set for groups this unit does not show were left out


def _remember(cache: OrderedDict, key: tuple, value):
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    return value


def _kept(store: OrderedDict, name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()` kept in this process (`store`, the newest `CACHE_SIZE`) and in the cache
    every worker shares, in the current generations (`generation.remembered`)."""
    if key in store:
        store.move_to_end(key)
        return store[key]
    return _remember(store, key, generation.remembered(name, key, compute, generation.TOPICS))


def prepare(scenario: Scenario, unit: Unit) -> Prepared:
    problem = base_date_problem(scenario.base_date)
    if problem:
        raise ForecastError(problem)
    inputs = scenario.inputs or {}
    allowed = shown(scenario.base_date)
    groups = allowed.groups_of(unit.pk)
    key = (
        frames.data_version(),
        scenario.base_date,
        unit.pk,
        unit.path,
        scenario.projection_id,
        json.dumps(inputs, sort_keys=True),
        allowed.k,
        tuple(sorted(groups)),
    )
    return _kept(_prepared, "forecast-prepared", key, lambda: _prepare(scenario, unit, key, groups))


def _prepare(scenario: Scenario, unit: Unit, key: tuple, groups: frozenset[str]) -> Prepared:
    """The unit's baseline and demographic index; `groups`: those it shows on their own.

    The scenario's inputs per group act as the levers do: a group's sick leave and what its
    demand follows apply only where the group is shown on its own (elsewhere the defaults),
    and the region's hired staff and vacancies of the other groups come to the unit by its
    share of those groups' FTE together, not one by one. Set for a hidden group, an input
    would otherwise move the unit's total by that group's FTE or demand."""
    inputs = scenario.inputs or {}
    region = frames.employments()
    if region.is_empty():
        raise ForecastError(_("There is no workforce data yet: import the HR extract first."))
    hidden = _region_groups() - groups
    # Each person once, where their main job is on the base date, as the decision of what
    # is shown counts them: a second job elsewhere adds no one to that unit's forecast.
    staff = frames.staff_of(region, unit, scenario.base_date)
    # Hired staff and vacancies are known for the whole region: a unit's forecast gets the
    # share of them that its own FTE is of the group's FTE in the region (of the hidden
    # groups' FTE together, for each of them).
    share = _fte_share(staff, region, scenario.base_date, hidden)
    base = baseline(
        staff,
        scenario.base_date,
        hired_fte=_apportion(inputs.get("hired_fte"), share),
        vacancies=_apportion(inputs.get("vacancies"), share),
        sick_leave={
            g: value for g, value in (inputs.get("sick_leave") or {}).items() if g not in hidden
        },
    )
    if base.headcount.sum() == 0:
        raise ForecastError(
            _("%(unit)s has no employees on the base date %(date)s.")
            % {"unit": unit.name, "date": scenario.base_date.isoformat()}
        )
    rates = region_rates(region, scenario.base_date)
    population = frames.projection(scenario.projection)
    index = pl.DataFrame(schema={"group": pl.String, "year": pl.Int64, "index": pl.Float64})
    if not population.is_empty():
        try:
            weights = weights_for(list(base.groups))
            for group, profile in inputs.get("weights", {}).items():
                if group in weights and group not in hidden and profile in CARE_WEIGHTS:
                    weights[group] = CARE_WEIGHTS[profile]
            index = demographic_index(population, weights, scenario.base_date.year)
        except ValueError as error:
            raise ForecastError(
                _("The population projection cannot be used: %(reason)s") % {"reason": error}
            ) from None
    demo = bool(scenario.projection and scenario.projection.is_demo)
    return Prepared(key, staff, rates, base, index, demo)


def region_rates(region: pl.DataFrame, base_date) -> Rates:
    """The exit rates fitted on the whole region: once per extract and base date, shared by
    every unit, page and worker (Django's cache is a directory all workers read). The key is
    the extract's content, so a restored or rebuilt database never meets stale rates."""
    content = int(region.hash_rows(seed=7).sum()) if region.height else 0
    key = (content, region.height, base_date)
    if key in _rates:
        _rates.move_to_end(key)
        return _rates[key]
    shared_key = f"forecast-rates:{content:x}:{region.height}:{base_date.isoformat()}"
    rates = cache.get(shared_key)
    if rates is None:
        rates = estimate_rates(region, base_date)
        cache.set(shared_key, rates, timeout=None)
    return _remember(_rates, key, rates)


def _fte_share(
    staff: pl.DataFrame, region: pl.DataFrame, on, hidden: Collection[str] = ()
) -> dict[str, float]:
    """group → the unit's share of the region's FTE in it; the `hidden` groups all get the
    unit's share of their FTE together (as they are shown: merged)."""

    def fte(frame: pl.DataFrame) -> dict[str, float]:
        sums = people_on(frame, on).group_by("group").agg(pl.col("rate").sum())
        return dict(sums.iter_rows())

    mine, whole = fte(staff), fte(region)
    share = {group: mine.get(group, 0.0) / total for group, total in whole.items() if total}
    pooled = sum(whole.get(g, 0.0) for g in hidden)
    together = sum(mine.get(g, 0.0) for g in hidden) / pooled if pooled else 0.0
    return share | {group: together for group in hidden}


def _apportion(values: dict[str, float] | None, share: dict[str, float]) -> dict[str, float]:
    return {group: value * share.get(group, 0.0) for group, value in (values or {}).items()}


def _out_of_range(error: OutOfRange) -> str:
    if error.name == "horizon":
        return _("horizon must be 1–40 years after %(year)s (got %(horizon)s)") % {
            "year": error.base_year,
            "horizon": error.got,
        }
    return _("draws must be 1–100000 (got %(draws)s)") % {"draws": error.got}


def run_forecast(
    scenario: Scenario,
    unit: Unit,
    *,
    levers: Levers | None = None,
    draws: int | None = None,
    horizon: int | None = None,
) -> Result:
    own = levers if levers is not None else scenario.get_levers()
    levers = tables.with_pipeline(own)
    # 0 is refused by the engine, not replaced by the scenario's value.
    horizon = scenario.horizon if horizon is None else horizon
    draws = scenario.draws if draws is None else draws
    prepared = prepare(scenario, unit)
    allowed = shown(scenario.base_date)
    if unit.pk not in allowed.units:
        raise ForecastError(refused(unit, allowed.k))
    groups = allowed.groups_of(unit.pk)
    # The part-time lever over the page's pools at the region's rates: over the unit's own
    # cells a sweep of its target gave each cell's part-time rate (`model.pooled_part_time`).
    # (The result keeps the unit's own preparation; only the runs see the pools.)
    pooled = replace(
        prepared,
        key=(*prepared.key, "part-time pools", tuple(sorted(groups))),
        base=pooled_part_time(
            prepared.base, _region_part_time(scenario.base_date), groups, allowed.k
        ),
    )
    # A lever set for one group applies only where that group is shown on its own: with and
    # without it, a total that holds the group merged would give its demand or FTE away.
    # Decided before the key, so that the lever changes nothing here, not even the cache.
    hidden = _region_groups() - groups
    levers = levers.without_groups(hidden)
    withheld = own.without_groups(hidden) != own  # the page says so (`notes`)
    key = (
        prepared.key,
        allowed.k,
        tuple(sorted(groups)),
        json.dumps(levers.to_dict(), sort_keys=True),
        horizon,
        draws,
        scenario.seed,
    )
    if key in _results:
        return replace(_results[key], withheld=withheld)
    # Kept in Django's cache too (a directory every server process reads), in the current
    # generations: the first view in each gunicorn worker took 7–16 s when only the process
    # kept it, and the import's warming (the board report's forecast section) now serves
    # the main scenario's page as well (issue 19).
    # It is kept without its preparation (the unit's staff, kept once under its own key above),
    # so that each lever tried writes only the forecast's own arrays.
    shared = generation.cache_key("forecast-result", key, generation.TOPICS)
    kept = cache.get(shared)
    if kept is None:
        result = run_prepared(
            pooled,
            levers,
            horizon=horizon,
            draws=draws,
            seed=scenario.seed,
            shown=groups,
            remember=_step_keeper(pooled, horizon, draws, scenario.seed),
        )
        result = replace(result, prepared=prepared)
        cache.set(shared, replace(result, prepared=None), timeout=generation.TIMEOUT)
    else:
        result = replace(kept, prepared=prepared)
    return replace(_remember(_results, key, result), withheld=withheld)


def _step_keeper(prepared: Prepared, horizon: int, draws: int, seed: int) -> lever_effects.Remember:
    """Keeps the gap draws of the effects' steps (`effects.step_draws`: the baseline, each
    lever alone) by their levers and all else the run rests on (the preparation's key,
    horizon, draws, seed), in this process and in the shared cache in the current
    generations: someone trying levers moves one at a time, and each preview would otherwise
    simulate the baseline and every other lever again (most of its time, issue 19). The
    draws are the same numbers a new run would give: a run is a function of these."""

    def remember(levers: Levers, compute: Callable[[], np.ndarray]) -> np.ndarray:
        key = (
            prepared.key,
            json.dumps(levers.to_dict(), sort_keys=True),
            horizon,
            draws,
            seed,
        )
        return _kept(_steps, "forecast-step", key, compute)

    return remember


def _region_part_time(on) -> dict[str, tuple[int, int, float]]:
    """Per profession group, the region's people on `on` (in their main jobs), its
    part-timers (under 100 %) and the sum of their rates: once per data version and day
    (every forecast and preview asks)."""
    key = (frames.data_version(), on)
    if key not in _part_time:
        people = shown_past.main_jobs(on).filter(pl.col("group").is_not_null())
        part = pl.col("rate") < 100
        rows = people.group_by("group").agg(
            pl.len().alias("n"),
            part.sum().alias("part"),
            pl.col("rate").filter(part).sum().alias("rates"),
        )
        found = {g: (int(n), int(p), float(r or 0.0)) for g, n, p, r in rows.iter_rows()}
        return _remember(_part_time, key, found)
    return _part_time[key]


def _region_groups() -> set[str]:
    """Every profession group in the HR extract: those a lever may name."""
    return set(frames.employments()["group"].drop_nulls().unique().to_list())


def shown(on) -> disclosure.Shown:
    """Which units' forecasts on the base date `on` may be shown, and which profession groups
    on their own (`analysis.forecast.shown`), decided beside Historik's years and the
    forecasts on their other 31 Decembers (`shown_past.sequence`): the one decision the
    page, its charts, every export, the comparison, the command line and the backtest
    follow. A base date that is not one of those days shows nothing (`base_date_problem`)."""
    k = thresholds.min_group()
    tree = tuple(sorted(Unit.objects.values_list("pk", "parent_id")))
    key = (frames.data_version(), on, k, tree, last_closed_year(timezone.localdate()))
    if key in _shown:
        _shown.move_to_end(key)
        return _shown[key]
    decided = shown_past.forecast(on)
    if decided is None:
        decided = disclosure.Shown(k, frozenset(), frozenset(), frozenset())
    return _remember(_shown, key, decided)


def base_date_problem(on) -> str | None:
    """Why a forecast cannot stand on the base date `on`, or None. A forecast starts on a
    31 December of the last ten closed years: two forecasts a day apart would differ by the
    people who came or left that day (a leaver's rate and birth year), and a 31 December is
    decided beside every other one and Historik's years (`shown`)."""
    last = last_closed_year(timezone.localdate())
    first = last - years.YEARS + 1
    if (on.month, on.day) == (12, 31) and first <= on.year <= last:
        return None
    return _(
        "The base date must be 31 December of one of the years %(first)s–%(last)s (got "
        "%(date)s): forecasts start on the last day of a closed year."
    ) % {"first": first, "last": last, "date": on.isoformat()}


def refused(unit: Unit, k: int) -> str:
    """Why a unit's forecast is not shown."""
    return _(
        "The forecast of %(unit)s is not shown: too few people (fewer than %(k)s, or so few "
        "beside the units below it, or beside another year, that the difference would be "
        "fewer than %(k)s). Choose the unit above it."
    ) % {"unit": unit.name, "k": k}


def prepare_frames(
    staff: pl.DataFrame, base_date, population: pl.DataFrame, *, demo_projection: bool = False
) -> Prepared:
    """The same preparation on frames (an HR extract read straight from a file)."""
    base = baseline(staff, base_date)
    if base.headcount.sum() == 0:
        raise ForecastError(
            _("There are no employees on the base date %(date)s.") % {"date": base_date.isoformat()}
        )
    index = pl.DataFrame(schema={"group": pl.String, "year": pl.Int64, "index": pl.Float64})
    if not population.is_empty():
        index = demographic_index(population, weights_for(list(base.groups)), base_date.year)
    rates = estimate_rates(staff, base_date)
    return Prepared(("frames", base_date), staff, rates, base, index, demo_projection)


def notes(result: Result) -> list[str]:
    """What the forecast could not do as asked, for the page, the reports and the command
    line: an extract without end reasons (the retirement/other split then comes from a
    national hazard), a lever naming a profession group that is not among the staff (that
    part changes nothing), levers for groups the unit does not show on their own (left out),
    and demand following Region Demo's made-up population projection, or
    no projection at all (demand then stays as on the base date)."""
    found = []
    if not result.prepared.rates.reasons_known:
        found.append(
            _(
                "The HR extract has no end reasons for the last five years: who left is known, "
                "why is not. Retirements are estimated as the share of each age's exits that a "
                "national retirement hazard expects; the rest count as other leavers."
            )
        )
    for step, group in result.levers.unknown_groups(result.prepared.base.groups):
        found.append(
            _("%(lever)s: there is no profession group “%(group)s”, so it is not applied.")
            % {"lever": labels.LEVERS.get(step, step), "group": group}
        )
    if result.withheld:
        found.append(
            _(
                "Levers set for a profession group that this unit does not show on its own "
                "are not applied here."
            )
        )
    if result.prepared.demo_projection:
        found.append(_("Population projection: Region Demo's example — import the county's own."))
    elif result.prepared.index.is_empty():
        found.append(
            _(
                "Population projection: none imported — demand is held at the base date's "
                "level (import the county's on the Population projections page and make a "
                "scenario with it)."
            )
        )
    return found


def run_prepared(
    prepared: Prepared,
    levers: Levers,
    *,
    horizon: int,
    draws: int,
    seed: int,
    shown: frozenset[str] | None = None,
    remember: lever_effects.Remember | None = None,
) -> Result:
    """The forecast of a preparation; `shown`: the groups it may show on their own (the
    others merged into `model.OTHER` after the projection), None for every group (an
    extract read from a file by its owner); `remember`: keeps the effects' steps
    (`effects.step_draws`, `_step_keeper`)."""
    try:
        forecast = project(
            prepared.base,
            prepared.rates,
            prepared.index,
            levers,
            horizon=horizon,
            draws=draws,
            seed=seed,
            shown=shown,
        )
    except OutOfRange as error:
        raise ForecastError(_out_of_range(error)) from None
    except ValueError as error:
        raise ForecastError(str(error)) from None
    assert forecast.gap_draws is not None
    steps = lever_effects.step_draws(
        prepared.base,
        prepared.rates,
        prepared.index,
        levers,
        forecast.gap_draws,
        horizon=horizon,
        draws=draws,
        seed=seed,
        remember=remember,
    )
    table = lever_effects.effects(steps).rename({"mean": "effect"})
    groups = tuple(
        g for g in forecast.bands["group"].unique(maintain_order=True).to_list() if g != TOTAL
    )
    return Result(forecast, table, prepared, levers, steps, groups)


@dataclass(frozen=True)
class Cost:
    """The forecast in kronor (see `analysis.forecast.cost`)."""

    prices: kronor.Prices
    gap: pl.DataFrame  # year, p10, p50, p90, mean: the gap's cost
    hired: pl.DataFrame  # the same for filling the shortage with hired staff
    waterfall: pl.DataFrame  # step, mean, p10, p90 in kronor a year


def cost(scenario: Scenario, result: Result) -> Cost | None:
    """The result in kronor from the imported personnel costs and HR's cost table; None
    when neither prices every group (the page then says so and shows no kronor)."""
    forecast, prepared = result.forecast, result.prepared
    if forecast.gap_draws is None:
        return None
    table = tables.cost_table()
    hired_fte = (scenario.inputs or {}).get("hired_fte")
    # Kept by all they are made of (the extract and costs by their version, the cost table
    # by its rows): a lever moved changes none of it, and each preview priced it anew.
    key = (
        frames.data_version(),
        frames.costs_day(),
        prepared.base.groups,
        scenario.base_date,
        json.dumps(hired_fte, sort_keys=True),
        tuple(sorted(table.items())),
        thresholds.min_group(),
    )
    if key in _prices:
        _prices.move_to_end(key)
        prices = _prices[key]
    else:
        prices = kronor.prices(
            frames.costs(),
            frames.employments(),
            prepared.base.groups,
            scenario.base_date,
            table=table,
            hired_fte=hired_fte,
            min_people=thresholds.min_group(),
            dominance=kpi.DOMINANCE,
        )
        _remember(_prices, key, prices)
    if prices is None:
        return None
    # The groups the page does not show on their own are valued as one, at the table's
    # price for every other group (`cost.on_page`).
    shown = set(result.groups)
    page = kronor.on_page(prices, shown, table.get(kronor.OTHER), OTHER)
    if page is None:
        return None
    gap = kronor.merged(forecast.gap_draws, prices.groups, shown)
    steps = {step: kronor.merged(v, prices.groups, shown) for step, v in result.steps.items()}
    return Cost(
        page,
        kronor.gap_cost(gap, page.own, forecast.base_year),
        kronor.hired_cost(gap, page.hired, forecast.base_year),
        lever_effects.effects(steps, page.own),
    )


def clear_caches() -> None:
    """Forget every prepared forecast, in this process and in the shared cache (tests roll
    the database back, or change it without an import, under the caches)."""
    forget_in_process()
    generation.start_new("forecast")


def forget_in_process() -> None:
    """Forget what this process keeps (as a fresh server process would not have it)."""
    _prepared.clear()
    _results.clear()
    _rates.clear()
    _shown.clear()
    _steps.clear()
    _prices.clear()
    _part_time.clear()
    shown_past.clear()  # the forecasts' decisions are the sequence's
    workforce_frames.forget()
    frames.forget()


BASELINE = "Nuläge"


def ensure_baseline(*, actor=None, **signal) -> Scenario | None:
    """A region's first scenario, made after its first HR extract: today's recruitment and
    leaving, no levers, the main scenario of the board report. Made once, when the region has
    no scenario at all (one deleted or renamed since is the region's choice); the demo makes
    its own and announces no import."""
    if Scenario.objects.exists():
        return None
    with translation.override(settings.LANGUAGE_CODE):
        description = _(
            "As today: recruitment and leaving at the rates of the last five years, no levers. "
            "Made at the first import; copy it to try levers."
        )
    return Scenario.objects.create(
        name=BASELINE, description=description, is_main=True, levers={}, author=actor
    )


def baseline_made(*, actor=None, **signal) -> str | None:
    """After an HR extract's import (the workforce app's signal): make the baseline scenario
    if the region has none, and say so in the user's language (None if it was not made)."""
    scenario = ensure_baseline(actor=actor)
    if scenario is None:
        return None
    return _(
        "Made the forecast scenario “%(name)s” (today's recruitment and leaving, no levers): "
        'see the Forecast page, or bemanna forecast --scenario "%(name)s".'
    ) % {"name": scenario.name}
