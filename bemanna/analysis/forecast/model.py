"""Stock-and-flow projection of supply and demand per profession group, with Monte Carlo.

The workforce on the base date is held as cohorts (profession group × one-year age, the age
attained in the base year). Each projection year the cohorts first turn the age they attain
that year, then lose people by retirement and by other attrition at that age (binomial draws,
with the hazards themselves drawn from their posterior and moved in each year by the swing
between years the history shows, `dispersion`, so every kind of uncertainty shows in the
band); everyone attaining 69 leaves in that year (LAS). This is the age convention the
rates are fitted on (see `rates`): age = calendar year − birth year, in fit and projection
alike, so the stock at the end of a year holds nobody aged 69 or over. Two stocks run side by
side:

* **supply**: today's staff plus recruitment at the pace of the last years (and planned
  education inflow): it shows whether today's way of recruiting keeps up with demand;
* **maintained**: the same staff, refilled each year to demand: its exits give the
  recruitment need, `retirements + other leavers + max(0, demand(t) − demand(t−1))`.

Demand is base FTE (own + hired-staff FTE + vacancies) × demographic index × productivity,
with task shifting between groups. Results are P10/P50/P90 over draws, per group and in total
(totals are summed per draw before taking quantiles, which is the only correct way).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import polars as pl

from bemanna.analysis.forecast import dispersion, shrinkage
from bemanna.analysis.forecast.levers import RANGES, Levers
from bemanna.analysis.forecast.rates import AGES, BANDS, MAX_AGE, MIN_AGE, Rates
from bemanna.analysis.stock import MONTHLY_PAID, people_on, presence_spells

TOTAL = "Alla yrkesgrupper"
# The profession groups a page may not show on their own, added up draw by draw into one row
# (`merge_groups`): never a real group's figures.
OTHER = "Övriga yrkesgrupper"
MEASURES = (
    "supply_fte",
    "supply_headcount",
    "demand_fte",
    "gap_fte",
    "retirements",
    "other_leavers",
    "recruitment_need",
    "supply_exits",
    "supply_hires",
)
DEFAULT_SICK_LEAVE = 5.5  # % of scheduled time, a typical Swedish region
A = len(AGES)


@dataclass(frozen=True)
class Baseline:
    """Today's workforce as cohort arrays, plus the demand inputs per group."""

    year: int
    groups: tuple[str, ...]
    headcount: np.ndarray  # [G, A] people
    rate: np.ndarray  # [G, A] mean employment rate (%) of those people
    part_time_share: np.ndarray  # [G, A] share working under 100 %
    part_time_rate: np.ndarray  # [G, A] mean rate of the part-timers
    hire_ages: np.ndarray  # [G, A] distribution of the age at hire (rows sum to 1)
    hired_fte: np.ndarray  # [G] hired-staff FTE equivalents
    vacancies: np.ndarray  # [G] vacant FTE
    sick_leave: np.ndarray  # [G] sick leave, % of scheduled time
    hires_per_year: np.ndarray  # [G] people new to the region per year, recently

    @property
    def own_fte(self) -> np.ndarray:
        return np.asarray((self.headcount * self.rate).sum(axis=1) / 100.0)


def baseline(
    employments: pl.DataFrame,
    as_of: datetime.date,
    *,
    hired_fte: dict[str, float] | None = None,
    vacancies: dict[str, float] | None = None,
    sick_leave: dict[str, float] | None = None,
    hire_window_years: int = 5,
) -> Baseline:
    """Cohorts on `as_of` from employments (person, group, birth_year, form, rate, start, end).

    A person with several employments counts once, in the group of their largest one, with
    their rates added up (at most 100 %).
    """
    people = people_on(employments, as_of).with_columns(
        (as_of.year - pl.col("birth_year")).clip(MIN_AGE, MAX_AGE).alias("age")
    )
    groups = tuple(sorted(set(employments["group"].drop_nulls().unique().to_list())))
    index = {g: i for i, g in enumerate(groups)}
    cells = people.group_by("group", "age").agg(
        pl.len().alias("n"),
        pl.col("rate").mean().alias("rate"),
        (pl.col("rate") < 100).mean().alias("pt_share"),
        pl.col("rate").filter(pl.col("rate") < 100).mean().alias("pt_rate"),
    )
    shape = (len(groups), A)
    headcount = np.zeros(shape)
    rate = np.full(shape, 100.0)
    pt_share = np.zeros(shape)
    pt_rate = np.full(shape, 100.0)
    for group, age, n, mean_rate, share, part in cells.iter_rows():
        g, a = index[group], age - MIN_AGE
        headcount[g, a], rate[g, a], pt_share[g, a] = n, mean_rate, share
        pt_rate[g, a] = part if part is not None else 100.0
    # Where a group has no one of an age, borrow the group's mean rate for future entrants.
    for g in range(len(groups)):
        if headcount[g].sum():
            mean = (headcount[g] * rate[g]).sum() / headcount[g].sum()
            rate[g, headcount[g] == 0] = mean

    since = datetime.date(as_of.year - hire_window_years + 1, 1, 1)
    hires = employments.filter(
        pl.col("form").is_in(MONTHLY_PAID) & pl.col("start").is_between(since, as_of)
    ).select(
        "group",
        (pl.col("start").dt.year() - pl.col("birth_year")).clip(MIN_AGE, MAX_AGE).alias("age"),
    )
    # Hires by the same rule as the departures the rates are fitted on (presence_spells):
    # someone returning after more than 31 days away is hired again.
    first = presence_spells(employments.filter(pl.col("start") <= as_of)).filter(
        pl.col("start") >= since
    )
    hires_per_year = np.zeros(len(groups))
    for group, n in first.group_by("first_group").len().iter_rows():
        hires_per_year[index[group]] = n / hire_window_years
    hire_ages = np.zeros(shape)
    for group, age, n in hires.group_by("group", "age").len().iter_rows():
        hire_ages[index[group], age - MIN_AGE] = n
    regional = hire_ages.sum(axis=0) + 1e-9
    regional /= regional.sum()
    counts = hire_ages.sum(axis=1, keepdims=True)
    # Few hires in a group: lean on the regional age profile (50 pseudo-hires).
    hire_ages = (hire_ages + 50 * regional) / (counts + 50)

    def per_group(values: dict[str, float] | None, default: float) -> np.ndarray:
        values = values or {}
        return np.array([float(values.get(g, default)) for g in groups])

    return Baseline(
        year=as_of.year,
        groups=groups,
        headcount=headcount,
        rate=rate,
        part_time_share=pt_share,
        part_time_rate=pt_rate,
        hire_ages=hire_ages,
        hired_fte=per_group(hired_fte, 0.0),
        vacancies=per_group(vacancies, 0.0),
        sick_leave=per_group(sick_leave, DEFAULT_SICK_LEAVE),
        hires_per_year=hires_per_year,
    )


@dataclass(frozen=True)
class Forecast:
    """Bands per group, year and measure: p10, p50, p90, mean."""

    bands: pl.DataFrame
    base_year: int
    horizon: int
    draws: int
    seed: int
    # The gap of every draw [D, G, T+1]: what its cost in kronor is valued on, per draw.
    gap_draws: np.ndarray | None = field(default=None, repr=False, compare=False)

    def measure(self, name: str, group: str = TOTAL) -> pl.DataFrame:
        return self.bands.filter((pl.col("measure") == name) & (pl.col("group") == group))

    def largest_gaps(self, n: int = 10) -> pl.DataFrame:
        """Groups by median gap at the horizon, largest first."""
        return (
            self.bands.filter(
                (pl.col("measure") == "gap_fte")
                & (pl.col("year") == self.horizon)
                & (pl.col("group") != TOTAL)
            )
            .sort("p50", descending=True)
            .head(n)
        )


def _hazard_arrays(
    rates: Rates,
    groups: tuple[str, ...],
    levers: Levers,
    draws: int,
    rng: np.random.Generator | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Yearly exit probabilities: retirement [D, A] and other attrition [D, G, A].

    Each kind of draw has its own stream (spawned from `rng`), so a lever that draws (a
    survey's uncertain shift) leaves the other draws as they are without it."""
    ret_rng, shift_rng, other_rng = rng.spawn(3) if rng is not None else (None, None, None)
    ret = rates.retirement
    exposure = ret["exposure"].to_numpy()
    mean = ret["hazard"].to_numpy()
    # Posterior of a Poisson rate with the shrinkage prior: Gamma(events + w·prior, exposure + w)
    alpha = mean * (exposure + 20.0)
    if ret_rng is not None:
        lam = ret_rng.gamma(
            np.maximum(alpha, 1e-9), 1.0 / (exposure + 20.0), size=(draws, len(mean))
        )
    else:
        lam = np.broadcast_to(mean, (draws, len(mean)))
    ages = ret["age"].to_numpy()
    full = np.zeros((draws, A))
    full[:, ages - MIN_AGE] = lam
    if levers.retirement_shift or levers.retirement_shift_error:
        # Retiring k years later: the hazard at age a becomes the hazard at a − k. A shift
        # from a survey is uncertain: each draw takes its own, around the estimate.
        shifts = np.full(draws, levers.retirement_shift)
        if shift_rng is not None and levers.retirement_shift_error > 0:
            low, high = RANGES["retirement_shift"]
            shifts = np.clip(
                shift_rng.normal(levers.retirement_shift, levers.retirement_shift_error, draws),
                low,
                high,
            )
        shifted = np.empty_like(full)
        for d in range(draws):
            shifted[d] = np.interp(AGES - shifts[d], AGES, full[d], left=0.0)
        full = shifted
    p_ret = 1.0 - np.exp(-full)
    p_ret[:, -1] = 1.0  # LAS: everyone leaves at 69

    band_of_age = np.zeros(A, dtype=np.int64)
    for b, (_label, low, high) in enumerate(BANDS):
        band_of_age[(low <= AGES) & (high >= AGES)] = b
    # Each draw takes its own hazards from their posterior (the rate uncertainty in the band).
    bands = tuple(label for label, _l, _h in BANDS)
    lam_gb = shrinkage.draw_rates(rates.other, groups, bands, draws, other_rng)
    lam_gb = lam_gb * (1.0 + levers.turnover_change)
    # Row-major [D, G, A] like the stocks (a gather on the last axis comes out age-major).
    p_oth = 1.0 - np.exp(-np.ascontiguousarray(lam_gb[:, :, band_of_age]))
    return p_ret, p_oth


def _demand(base: Baseline, index: np.ndarray, levers: Levers, years: int) -> np.ndarray:
    """Demand FTE [G, T+1] for the base year and each year after it."""
    base_demand = base.own_fte + base.hired_fte + base.vacancies
    t = np.arange(years + 1)
    productivity = np.array([levers.productivity_for(g) for g in base.groups])
    factor = (1.0 - productivity[:, None] / 100.0) ** t[None, :]
    demand = base_demand[:, None] * index * factor
    for shift in levers.task_shifts:
        if shift.from_group in base.groups and shift.to_group in base.groups:
            f, to = base.groups.index(shift.from_group), base.groups.index(shift.to_group)
            moved = demand[f] * (1.0 - (1.0 - shift.share_per_year) ** t)
            demand[f] = demand[f] - moved
            demand[to] = demand[to] + moved
    return np.asarray(demand)


def _index_array(
    index: pl.DataFrame, groups: tuple[str, ...], base_year: int, horizon: int
) -> np.ndarray:
    years = list(range(base_year, horizon + 1))
    out = np.ones((len(groups), len(years)))
    if index.is_empty():
        return out
    available = set(index["year"].to_list())
    missing = [y for y in years if y not in available]
    if missing:
        raise ValueError(
            f"the population projection ends before the horizon (no figures for {missing[0]})"
        )
    lookup = {(g, y): v for g, y, v in index.select("group", "year", "index").iter_rows()}
    for g, group in enumerate(groups):
        for t, year in enumerate(years):
            out[g, t] = lookup.get((group, year), 1.0)
    return out


def _simulate(
    base: Baseline,
    p_ret: np.ndarray,
    p_oth: np.ndarray,
    demand: np.ndarray,
    levers: Levers,
    years: int,
    rng: np.random.Generator | None,
    shocks: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Run both stocks; return arrays [D, G, T+1] for each measure.

    `shocks`: each draw's multiplier of the retirement and of the other hazards in each year
    ([D, T] each, `year_shocks`), or none: the same hazards every year.

    Common random numbers: every kind of draw has its own stream, spawned from `rng` for
    each year (`_Streams`), and every cell takes one uniform for its exits (`_Binomial`), so the
    supply stock of a run with a lever that only changes demand (or the rate people work at)
    meets exactly the same exits and hires as the run without it, and a lever that changes
    who leaves meets the same uniform in each cell (fewer exits where its probability is
    lower, never more)."""
    draws = p_ret.shape[0]
    streams = _Streams(rng, years) if rng is not None else None
    groups = len(base.groups)
    stochastic = rng is not None
    dtype = np.int64 if stochastic else np.float64
    pairs = [levers.part_time_for(g) for g in base.groups]
    share = np.array([p[0] for p in pairs])[:, None]
    target = np.array([p[1] for p in pairs])[:, None]
    raised = base.part_time_share * np.maximum(0.0, target - base.part_time_rate)
    rate = base.rate + share * raised
    # The rate each draw's own staff work at: with a survey's uncertainty, each draw takes its
    # own willing share (one factor for all groups, around each group's estimate).
    supply_rate = np.broadcast_to(rate, (draws, groups, A))
    if streams is not None and levers.part_time_share_error > 0 and share.any():
        mean = float(np.mean(share[share > 0]))
        factor = np.clip(
            streams.part_time.normal(1.0, levers.part_time_share_error / mean, draws), 0.0, None
        )
        supply_rate = base.rate + np.minimum(factor[:, None, None] * share, 1.0) * raised
    availability = (1.0 - (base.sick_leave - levers.sick_leave_pp) / 100.0) / (
        1.0 - base.sick_leave / 100.0
    )
    hired_kept = base.hired_fte * (1.0 - levers.hired_replaced)
    fte_per_head = np.where(
        base.headcount.sum(axis=1) > 0,
        (base.headcount * rate).sum(axis=1) / np.maximum(base.headcount.sum(axis=1), 1) / 100.0,
        1.0,
    )
    # Entrants join after the year's exits, at the age they attain that year: never 69 (LAS).
    entry_ages = base.hire_ages.copy()
    entry_ages[:, -1] = 0.0
    entry_ages /= np.maximum(entry_ages.sum(axis=1, keepdims=True), 1e-12)
    entrant_fte = (entry_ages * rate).sum(axis=1) / 100.0 * availability
    out = {m: np.zeros((draws, groups, years + 1)) for m in MEASURES}
    p_tot = 1.0 - (1.0 - p_ret[:, None, :]) * (1.0 - p_oth)
    share_ret = np.divide(
        np.broadcast_to(p_ret[:, None, :], p_tot.shape),
        p_tot,
        out=np.zeros_like(p_tot),
        where=p_tot > 0,
    )
    first_old = int(np.argmax(p_ret.max(axis=0) > 0))
    # Nobody retires before the first age with a retirement hazard: split there on.
    old = slice(first_old, None)
    in_year = _YearHazards(p_ret, p_oth, shocks, old) if shocks is not None else None
    demand_heads = demand / np.maximum(fte_per_head * availability, 1e-9)[:, None]
    graduates = np.zeros(groups)
    for item in levers.education:
        if item.group in base.groups:
            graduates[base.groups.index(item.group)] += (
                item.students * item.completion * item.share_hired
            )
    hires_per_year = graduates + base.hires_per_year * (1.0 + levers.recruitment_change)

    def run(batch: slice) -> None:
        """The draws of `batch`, year by year. Each kind of draw takes its numbers from its
        stream in the order of the draws, so batches give what the whole chunk at once would
        (to the number, where every cell is searched by `_Binomial`), on arrays small enough
        to stay in the processor's cache."""
        size = len(range(*batch.indices(draws)))
        supply = np.broadcast_to(base.headcount, (size, groups, A)).astype(dtype)
        kept = supply.copy()
        staff_rate = supply_rate[batch]
        exit_table: Any = p_tot[batch]
        split_table: Any = share_ret[batch, :, old]
        if stochastic:
            exit_table, split_table = _Binomial(exit_table), _Binomial(split_table)
        res = {m: v[batch] for m, v in out.items()}  # views: written through to `out`
        scratch = _Scratch(supply.shape) if stochastic else None
        # With the years' swing, each year's hazards of the batch's draws, into arrays kept
        # between years; the tables take them in place of the fixed ones (`_Binomial.set`).
        hazards = in_year.batch(batch) if in_year is not None else None

        def fte(stock: np.ndarray) -> np.ndarray:
            """Own staff's FTE [D, G] of a stock."""
            if scratch is None:
                return np.asarray((stock * staff_rate).sum(axis=2) / 100.0 * availability)
            product = np.multiply(stock, staff_rate, out=scratch.spread)
            return np.asarray(product.sum(axis=2) / 100.0 * availability)

        def record(t: int) -> None:
            own = fte(supply)
            res["supply_fte"][:, :, t] = own + hired_kept
            res["supply_headcount"][:, :, t] = supply.sum(axis=2)
            res["demand_fte"][:, :, t] = demand[:, t]
            res["gap_fte"][:, :, t] = demand[:, t] - res["supply_fte"][:, :, t]

        record(0)
        for t in range(1, years + 1):
            year = streams.year(t) if streams is not None else None
            if hazards is not None:
                p_year, split = hazards(t)
                if stochastic:
                    exit_table.set(p_year)
                    split_table.set(split)
                else:
                    exit_table, split_table = p_year, split
            for stock, is_kept in ((supply, False), (kept, True)):
                kind = _KEPT if is_kept else _SUPPLY
                _age(stock, scratch.people if scratch is not None else None)
                exits = _draw(stock, exit_table, _of(year, kind + _EXITS))
                stock -= exits
                if not is_kept:
                    res["supply_exits"][:, :, t] = exits.sum(axis=2)
                if is_kept:  # only the maintained stock's exits are reported, so only split those
                    retired = _draw(exits[:, :, old], split_table, _of(year, _SPLIT))
                    res["retirements"][:, :, t] = retired.sum(axis=2)
                    res["other_leavers"][:, :, t] = exits.sum(axis=2) - res["retirements"][:, :, t]
                for grant in levers.study_grants:
                    _move(
                        stock,
                        base.groups,
                        grant.from_group,
                        grant.to_group,
                        grant.per_year,
                        stochastic,
                    )
                # The supply stock also recruits at the recent pace.
                inflow = hires_per_year if not is_kept else graduates
                if inflow.any():
                    heads = inflow[None, :].repeat(size, axis=0)
                    if year is not None:
                        heads = year[kind + _HEADS].poisson(heads).astype(np.float64)
                    before = stock.sum(axis=2)
                    _add(stock, heads, entry_ages, _of(year, kind + _SPREAD), scratch)
                    if not is_kept:
                        res["supply_hires"][:, :, t] = stock.sum(axis=2) - before
            # Refill the maintained stock to demand (own staff's share of it).
            own_kept = fte(kept)
            missing_fte = np.maximum(0.0, demand[:, t] - hired_kept - own_kept)
            hires = missing_fte / np.maximum(entrant_fte, 1e-9)
            _add(kept, hires, entry_ages, _of(year, _REFILL), scratch)
            res["recruitment_need"][:, :, t] = (
                res["retirements"][:, :, t]
                + res["other_leavers"][:, :, t]
                + np.maximum(0.0, demand_heads[:, t] - demand_heads[:, t - 1])
            )
            record(t)

    per_batch = max(1, _BATCH_CELLS // (groups * A))
    for first in range(0, draws, per_batch):
        run(slice(first, first + per_batch))
    return out


# Draws are run in batches of about this many cells (draws × groups × ages): the arrays of a
# batch stay in a core's cache between the steps of a year (2 MB on the bench machine).
_BATCH_CELLS = 80_000


def year_shocks(
    rates: Rates, draws: int, years: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each draw's multipliers of the retirement and of the other hazards per projected
    year ([D, T] each, `dispersion.multipliers`), or None when the history showed no
    variation between its years beyond chance. Drawn from the run's own generator, which no
    other draw uses (they all have spawned streams), so nothing else changes with them."""
    if rates.retirement_years == rates.other_years == dispersion.YearEffect():
        return None
    return (
        dispersion.multipliers(rates.retirement_years, draws, years, rng),
        dispersion.multipliers(rates.other_years, draws, years, rng),
    )


class _YearHazards:
    """A year's exit probabilities with its multipliers on the hazards: p = 1 − (1 − p̂)^θ
    for each kind, so the total is 1 − (1 − p_ret)(1 − p_oth) as without them, and the share
    of the exits that are retirements (on the ages from the first with a retirement hazard)."""

    def __init__(
        self,
        p_ret: np.ndarray,
        p_oth: np.ndarray,
        shocks: tuple[np.ndarray, np.ndarray],
        old: slice,
    ) -> None:
        with np.errstate(divide="ignore"):  # p = 1 (LAS at 69): log 0 = −inf, stays p = 1
            self.log_ret, self.log_oth = np.log1p(-p_ret), np.log1p(-p_oth)
        self.shocks, self.old = shocks, old

    def __call__(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """Year `t`'s exit probabilities [D, G, A] and retirement shares [D, G, old ages]."""
        return self.batch(slice(None))(t)

    def batch(self, draws: slice) -> _BatchHazards:
        """The hazards of the draws in `draws`, year by year, into arrays of their own."""
        return _BatchHazards(
            self.log_ret[draws],
            self.log_oth[draws],
            (self.shocks[0][draws], self.shocks[1][draws]),
            self.old,
        )


class _BatchHazards:
    """`_YearHazards` for a batch of draws: each year's probabilities are written into the
    same two arrays (what a `_Binomial` set to them reads until the next year)."""

    def __init__(
        self,
        log_ret: np.ndarray,
        log_oth: np.ndarray,
        shocks: tuple[np.ndarray, np.ndarray],
        old: slice,
    ) -> None:
        self.log_ret, self.log_oth, self.shocks, self.old = log_ret, log_oth, shocks, old
        self.p_year = np.empty(log_oth.shape)
        self.split = np.empty(self.p_year[:, :, old].shape)
        self._retire = np.empty(self.split.shape)

    def __call__(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        ret, oth = (s[:, t - 1, None] for s in self.shocks)
        # Survival (1 − p̂)^θ = exp(θ · log(1 − p̂)), in place: a few passes over the cells.
        kept_ret = np.exp(ret * self.log_ret)  # [D, A]
        kept = np.multiply(oth[:, :, None], self.log_oth, out=self.p_year)
        np.exp(kept, out=kept)
        kept *= kept_ret[:, None, :]
        p_year = np.subtract(1.0, kept, out=kept)
        total = p_year[:, :, self.old]
        retire = self._retire
        np.copyto(retire, 1.0 - kept_ret[:, None, self.old])
        split = self.split
        split.fill(0.0)
        np.divide(retire, total, out=split, where=total > 0)
        return p_year, split


# The kinds of yearly draws (`_Streams.year`): a stock's offset plus what is drawn.
_SUPPLY, _KEPT = 0, 3
_EXITS, _HEADS, _SPREAD = 0, 1, 2
_SPLIT, _REFILL = 6, 7
_KINDS = 8


class _Streams:
    """One run's random streams: one per kind of draw, and per year for the yearly ones, all
    spawned from the run's generator in a fixed order whatever the levers (numpy's binomial
    and Poisson use as many numbers as their arguments need, so one shared stream would
    part ways between runs with and without a lever after the first differing draw)."""

    def __init__(self, rng: np.random.Generator, years: int) -> None:
        self.part_time, *each_year = rng.spawn(1 + years)
        self._years = [year.spawn(_KINDS) for year in each_year]

    def year(self, t: int) -> list[np.random.Generator]:
        """The generators of year `t` (1 = the first projected year), by kind: the same
        generators (where the previous batch of draws left them) each time it is asked."""
        return self._years[t - 1]


def _of(year: list[np.random.Generator] | None, kind: int) -> np.random.Generator | None:
    return year[kind] if year is not None else None


def _age(stock: np.ndarray, buffer: np.ndarray | None = None) -> None:
    """Move every cohort to the age it attains in the new year. Anyone already at 69 (on the
    base date, someone who turned 69 in December) stays in the 69 cell, which leaves in full.
    `buffer`: an array like `stock` to copy it through (none allocated)."""
    if buffer is None:
        buffer = stock.copy()
    else:
        np.copyto(buffer, stock)
    stock[:, :, 1:] = buffer[:, :, :-1]
    stock[:, :, 0] = 0
    stock[:, :, -1] += buffer[:, :, -1]


def _draw(stock: Any, probability: Any, rng: np.random.Generator | None) -> Any:
    """Binomial exits per cell (`probability` a `_Binomial`), or their expectation (an
    array) without a generator."""
    if rng is None:
        return stock * probability
    return probability.draw(stock, rng)


# numpy's binomial inverts the distribution function where n·min(p, 1 − p) ≤ 30 and uses
# BTPE above; `_Binomial` does the same, so its draws are numpy's (the same numbers from the
# same stream, wherever every cell is small).
_INVERSION_LIMIT = 30.0
# The inversion's search gathers the cells still searching when they have fallen under this
# share of the cells it goes over (a pass over every cell is cheaper than gathering many).
_GATHER_BELOW = 0.25


class _Binomial:
    """Binomial draws with probabilities [D, G, A] and a new number of trials each year.

    numpy's `Generator.binomial` goes cell by cell and computes (1 − p)^n with a scalar `exp`
    and `log` in every cell, every year: it was most of the projection's time. Without the
    years' swing each draw's hazards are the same every year, so what depends only on them is
    computed here once (with it, once a year: `set`, shared by both stocks' draws), and
    the inversion runs over the whole array at a time. It is numpy's own inversion, step for
    step (for p > 1/2 the count of the complement, as numpy), so it gives numpy's numbers from
    the same stream: every cell takes one uniform, empty or not, and its count is the first x
    whose distribution function reaches the uniform. So a run in which a lever empties or
    fills a cell stays on the same numbers as the run without it, and the same uniform gives
    each cell's count monotonically in its size and probability (on either side of 1/2).
    Cells with n·min(p, 1 − p) > 30 (several hundred people) take numpy's BTPE draw after
    the uniforms, as numpy would.

    Examples:
        >>> p = np.array([[0.05, 0.1, 0.7, 1.0], [0.0, 0.3, 0.5, 0.9]])
        >>> n = np.array([[5, 12, 9, 4], [7, 0, 20, 3]])
        >>> ours = _Binomial(p).draw(n, np.random.default_rng(3))
        >>> ours.tolist()
        [[0, 0, 5, 4], [0, 0, 10, 3]]
        >>> # numpy takes no uniform for an empty cell or p = 0: give it one as we do
        >>> theirs = np.random.default_rng(3).binomial(np.maximum(n, 1), np.maximum(p, 1e-300))
        >>> bool((ours == np.where(n == 0, 0, theirs)).all())
        True
    """

    def __init__(self, probability: np.ndarray) -> None:
        # Work arrays, used again at every draw and every `set` (see `_Scratch`).
        size = probability.size
        self._uniform, self._n, self._mass, self._step = (np.empty(size) for _ in range(4))
        self._big, self._going = np.empty(size, dtype=bool), np.empty(size, dtype=bool)
        self._count = np.empty(size, dtype=np.int64)
        self._flip = np.empty(probability.shape, dtype=bool)
        # Flat, in the stock's (row-major) order: numpy's p for the search, log q and p/q, and
        # the largest n searched (inf at p = 0).
        self.small, self.log_q, self.ratio, self.most = (np.empty(size) for _ in range(4))
        self.set(np.ascontiguousarray(probability))

    def set(self, probability: np.ndarray) -> None:
        """Draw with `probability` (contiguous, the table's shape) from now on: what depends
        on it computed anew, into the table's own arrays. The table reads `probability`
        itself (the cells drawn by BTPE) until the next `set`: the caller keeps it unchanged.
        The years' swing sets each year's probabilities: a few passes over the cells, a year,
        against the draws' search of every cell twice a year."""
        self.probability = probability
        flip = np.greater(probability, 0.5, out=self._flip)
        self.flip = flip if flip.any() else None
        small, q = self.small, self.log_q  # q: 1 − p before its log, in log_q's array
        np.subtract(1.0, probability.reshape(-1), out=q)
        np.minimum(probability.reshape(-1), q, out=small)
        np.subtract(1.0, small, out=q)
        np.divide(small, q, out=self.ratio)
        np.log(q, out=q)
        with np.errstate(divide="ignore"):
            np.divide(_INVERSION_LIMIT, small, out=self.most)

    def draw(self, stock: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """The counts, for `stock` [D, G, A] trials per cell: the table's own array, good
        until its next draw."""
        rest = rng.random(out=self._uniform)
        n = self._n
        np.copyto(n.reshape(stock.shape), stock)
        ratio = self.ratio
        big = np.greater(n, self.most, out=self._big)  # numpy's rule: n·p > 30, p ≤ 1/2
        # P(X = 0) = q^n, then P(X = k) = P(X = k − 1) · (n − k + 1)/k · p/q; the count is the
        # number of k at which the distribution function is still below the uniform.
        mass = np.multiply(n, self.log_q, out=self._mass)
        np.exp(mass, out=mass)
        rest -= mass  # the uniform less the distribution function, at k = 0
        has_big = bool(big.any())
        if has_big:
            np.putmask(rest, big, -1.0)  # drawn by BTPE below, no search
        going = np.greater(rest, 0.0, out=self._going)
        total = self._count
        np.copyto(total, going)
        # The search goes on over the cells still searching: over the whole array while they
        # are many, over those alone (gathered anew each time they have fallen to a quarter)
        # when they are few. `count` is the count of the cells in `at` (None: every cell).
        count, at = total, None
        live = np.count_nonzero(going)
        step = self._step
        k = 0
        while live:
            if live < _GATHER_BELOW * going.size:
                keep = np.flatnonzero(going)
                if at is not None:
                    total[at] = count
                at = keep if at is None else at[keep]
                rest, mass, n, ratio = rest[keep], mass[keep], n[keep], ratio[keep]
                count = count[keep]
                step, going = np.empty_like(mass), np.empty(keep.size, dtype=bool)
            k += 1
            np.subtract(n, k - 1, out=step)
            step *= ratio
            step *= 1.0 / k
            mass *= step
            rest -= mass
            np.greater(rest, 0.0, out=going)
            count += going
            live = np.count_nonzero(going)
        if at is not None:
            total[at] = count
        result = total.reshape(stock.shape)
        np.minimum(result, stock, out=result)  # rounding can leave the search a hair past n
        if self.flip is not None:
            np.subtract(stock, result, out=result, where=self.flip)
        if has_big:
            cells = big.reshape(stock.shape)
            result[cells] = rng.binomial(stock[cells], self.probability[cells])
        return result


def _move(
    stock: np.ndarray,
    groups: tuple[str, ...],
    source: str,
    target: str,
    count: int,
    stochastic: bool,
) -> None:
    if source not in groups or target not in groups or count <= 0:
        return
    f, to = groups.index(source), groups.index(target)
    pool = stock[:, f, :]
    total = pool.sum(axis=1, keepdims=True)
    wanted = np.minimum(count, total) * pool / np.maximum(total, 1)
    moved = np.minimum(np.rint(wanted), pool).astype(stock.dtype) if stochastic else wanted
    stock[:, f, :] -= moved
    stock[:, to, :] += moved


class _Scratch:
    """Work arrays shaped like a batch's stock, used again every year: a new array of this
    size each time costs the system's page faults, more than the arithmetic on it."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.spread, self.whole = np.empty(shape), np.empty(shape)
        self.uniform = np.empty(shape, dtype=np.float32)
        self.up = np.empty(shape, dtype=bool)
        self.people = np.empty(shape, dtype=np.int64)


def _add(
    stock: np.ndarray,
    heads: np.ndarray,
    ages: np.ndarray,
    rng: np.random.Generator | None,
    scratch: _Scratch | None = None,
) -> None:
    """Add `heads` [D, G] people to the stock, spread over ages by `ages` [G, A].

    With draws, whole people: each cell's expected share is rounded up or down at random,
    which keeps the expected number of hires exact (plain rounding would lose a small group's
    hires, spread thin over 52 ages).
    """
    if rng is None:
        stock += heads[:, :, None] * ages[None, :, :]
        return
    scratch = scratch or _Scratch(stock.shape)
    spread, whole = scratch.spread, scratch.whole
    np.multiply(heads[:, :, None], ages[None, :, :], out=spread)
    np.floor(spread, out=whole)
    spread -= whole  # the fraction of a person, which joins with that probability
    uniform = rng.random(dtype=np.float32, out=scratch.uniform)
    np.less(uniform, spread, out=scratch.up)
    np.add(stock, whole, out=stock, casting="unsafe")  # whole numbers: exact
    stock += scratch.up


class OutOfRange(ValueError):
    """A run's horizon (1–40 years after the base year) or draws (1–100000) out of range;
    `name` and `got` let the web app and the command line say it in the user's language."""

    def __init__(self, name: str, got: int, base_year: int | None = None) -> None:
        self.name, self.got, self.base_year = name, got, base_year
        super().__init__(
            f"horizon must be 1–40 years after {base_year} (got {got})"
            if name == "horizon"
            else f"draws must be 1–100000 (got {got})"
        )


def _setup(
    base: Baseline, index: pl.DataFrame, levers: Levers | None, horizon: int
) -> tuple[Levers, int, np.ndarray]:
    """Validated levers, the number of years, and demand [G, T+1], for one run."""
    levers = levers or Levers()
    levers.validate()
    years = horizon - base.year
    if years < 1 or years > 40:
        raise OutOfRange("horizon", horizon, base.year)
    demand = _demand(base, _index_array(index, base.groups, base.year, horizon), levers, years)
    return levers, years, demand


def simulate(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers | None = None,
    *,
    horizon: int = 2035,
    draws: int = 1000,
    seed: int = 1,
    workers: int = 2,
) -> dict[str, np.ndarray]:
    """Every draw: measure -> array [draws, groups, years] (base year first)."""
    if draws < 1 or draws > 100_000:
        raise OutOfRange("draws", draws)
    levers, years, demand = _setup(base, index, levers, horizon)
    # A fixed number of chunks with their own streams keeps results identical for a seed,
    # whatever the number of cores; numpy releases the GIL, so two threads use two cores.
    chunks = [c for c in np.array_split(np.arange(draws), max(1, min(workers, draws))) if len(c)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))

    def run(chunk: np.ndarray, stream: np.random.SeedSequence) -> dict[str, np.ndarray]:
        rng = np.random.default_rng(stream)
        p_ret, p_oth = _hazard_arrays(rates, base.groups, levers, len(chunk), rng)
        shocks = year_shocks(rates, len(chunk), years, rng)
        return _simulate(base, p_ret, p_oth, demand, levers, years, rng, shocks)

    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        parts = list(pool.map(run, chunks, streams))
    return {m: np.concatenate([p[m] for p in parts], axis=0) for m in MEASURES}


def project(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers | None = None,
    *,
    horizon: int = 2035,
    draws: int = 1000,
    seed: int = 1,
    workers: int = 2,
    shown: Collection[str] | None = None,
) -> Forecast:
    """Monte Carlo forecast from the base year to `horizon` (reproducible by `seed`).

    `shown`: the groups whose bands may be shown on their own; the others' are merged into
    `OTHER` after the projection (`merge_groups`), so the model runs on the true groups."""
    result = simulate(
        base, rates, index, levers, horizon=horizon, draws=draws, seed=seed, workers=workers
    )
    names, merged = base.groups, result
    if shown is not None:
        names, merged = merge_groups(result, base.groups, shown)
    # The gap of every draw stays per true group: what it is valued on in kronor (a total)
    # must not change with what a page may show.
    return Forecast(
        _bands(merged, names, base.year, horizon, {m: v.sum(axis=1) for m, v in result.items()}),
        base.year,
        horizon,
        draws,
        seed,
        result["gap_fte"],
    )


def pooled_part_time(
    base: Baseline,
    region: Mapping[str, tuple[int, int, float]],
    shown: Collection[str],
    k: int,
) -> Baseline:
    """`base` with the part-time share and rate of every (group, age) replaced by the
    region's of the group's *pool* on a page: a group the page shows on its own is a pool,
    every other group together is one (the page's merged row). `region`: per group, its
    people, its part-timers and the sum of their rates on the base date. A pool with fewer
    than k part-timers takes the whole region's.

    The part-time lever raises a cell by share × max(0, target − rate). Over the unit's own
    cells (one group, one year of age), a sweep of the target gave every kink, and so each
    cell's part-time rate: one part-timer's rate where the cell had one (an insider's
    twenty-sixth round: 1 143 people on Region Demo, a manager's own units among them). Over
    the pools the kinks lie at the region's rates and each weighs a headcount the page shows.

    Example:
        >>> shape = (2, A)
        >>> base = Baseline(2025, ("A", "B"), np.ones(shape), np.full(shape, 90.0),
        ...     np.full(shape, 0.5), np.full(shape, 70.0), np.ones(shape) / A, np.zeros(2),
        ...     np.zeros(2), np.zeros(2), np.zeros(2))
        >>> region = {"A": (10, 5, 400.0), "B": (10, 2, 150.0)}
        >>> pooled = pooled_part_time(base, region, {"A"}, 5)
        >>> pooled.part_time_share[:, 0].tolist(), pooled.part_time_rate[:, 0].tolist()
        ([0.5, 0.35], [80.0, 78.57142857142857])
    """
    every = (sum(n for n, _p, _s in region.values()), sum(p for _n, p, _s in region.values()))
    rates_sum = sum(s for _n, _p, s in region.values())

    def figures(groups: Collection[str]) -> tuple[float, float]:
        people = sum(region.get(g, (0, 0, 0.0))[0] for g in groups)
        part = sum(region.get(g, (0, 0, 0.0))[1] for g in groups)
        rates = sum(region.get(g, (0, 0, 0.0))[2] for g in groups)
        if part < k:
            people, part, rates = every[0], every[1], rates_sum
        if part < k or not people:
            return 0.0, 100.0  # too few part-timers in the whole region: no one to raise
        return part / people, rates / part

    rest = [g for g in base.groups if g not in shown]
    share = np.zeros_like(base.part_time_share)
    rate = np.full_like(base.part_time_rate, 100.0)
    for g, group in enumerate(base.groups):
        share[g], rate[g] = figures([group] if group in shown else rest)
    return replace(base, part_time_share=share, part_time_rate=rate)


def merge_groups(
    values: dict[str, np.ndarray], groups: tuple[str, ...], shown: Collection[str]
) -> tuple[tuple[str, ...], dict[str, np.ndarray]]:
    """The measures [D, G, ...] with the groups not in `shown` added up, draw by draw, into
    one group `OTHER` (last): every measure is a count or FTE of the group's own people, so
    the sum of the draws is the merged group's draw, and the total is unchanged. With no
    group shown there is no group at all (the one row would be the total).

    Examples:
        >>> values = {"supply_fte": np.array([[[1.0], [2.0], [4.0]]])}
        >>> names, merged = merge_groups(values, ("a", "b", "c"), {"b"})
        >>> names, merged["supply_fte"][0, :, 0].tolist()
        (('b', 'Övriga yrkesgrupper'), [2.0, 5.0])
        >>> merge_groups(values, ("a", "b", "c"), set())[1]["supply_fte"].shape
        (1, 0, 1)
    """
    keep = [g for g, group in enumerate(groups) if group in shown and group != OTHER]
    rest = [g for g in range(len(groups)) if g not in keep]
    if not keep:
        return (), {m: v[:, :0] for m, v in values.items()}
    names = tuple(groups[g] for g in keep) + ((OTHER,) if rest else ())
    merged = {}
    for measure, v in values.items():
        parts = [v[:, keep]]
        if rest:
            parts.append(v[:, rest].sum(axis=1, keepdims=True))
        merged[measure] = np.concatenate(parts, axis=1)
    return names, merged


def expected(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers | None = None,
    *,
    horizon: int = 2035,
) -> dict[str, np.ndarray]:
    """The expected path (no random draws): [G, T+1] per measure. Fast; used by waterfalls."""
    levers, years, demand = _setup(base, index, levers, horizon)
    p_ret, p_oth = _hazard_arrays(rates, base.groups, levers, 1, None)
    result = _simulate(base, p_ret, p_oth, demand, levers, years, None)
    return {m: v[0] for m, v in result.items()}


def waterfall(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers,
    *,
    horizon: int = 2035,
    group: str | None = None,
) -> pl.DataFrame:
    """Each active lever's separate effect on the gap (FTE) at the horizon.

    Rows: the baseline gap, one row per lever (its effect alone), the interaction of the
    levers together, and the scenario's gap. The effects add up to the scenario exactly.
    """

    def pick(values: np.ndarray) -> float:
        return float(values[base.groups.index(group), -1] if group else values[:, -1].sum())

    baseline_gap = float(pick(expected(base, rates, index, Levers(), horizon=horizon)["gap_fte"]))
    rows = [("baseline", baseline_gap, baseline_gap)]
    total = baseline_gap
    for name in levers.active():
        gap = float(
            pick(expected(base, rates, index, levers.single(name), horizon=horizon)["gap_fte"])
        )
        rows.append((name, gap - baseline_gap, 0.0))
        total += gap - baseline_gap
    scenario_gap = float(pick(expected(base, rates, index, levers, horizon=horizon)["gap_fte"]))
    if len(levers.active()) > 1:  # one lever alone has no interaction
        rows.append(("interaction", scenario_gap - total, 0.0))
    rows.append(("scenario", scenario_gap, scenario_gap))
    return pl.DataFrame(
        rows, schema={"step": pl.String, "effect": pl.Float64, "level": pl.Float64}, orient="row"
    )


def _bands(
    result: dict[str, np.ndarray],
    groups: tuple[str, ...],
    base_year: int,
    horizon: int,
    totals: dict[str, np.ndarray] | None = None,
) -> pl.DataFrame:
    """Bands per group and of the total; `totals` [D, T+1] per measure: the true groups'
    sum when `result` holds fewer (merged) groups."""
    years = np.arange(base_year, horizon + 1)
    frames = []
    names = [*groups, TOTAL]
    for measure, values in result.items():
        total = values.sum(axis=1) if totals is None else totals[measure]
        with_total = np.concatenate([values, total[:, None]], axis=1)
        q = np.quantile(with_total, [0.1, 0.5, 0.9], axis=0)  # [3, G+1, T+1]
        mean = with_total.mean(axis=0)
        frames.append(
            pl.DataFrame(
                {
                    "group": np.repeat(names, len(years)),
                    "year": np.tile(years, len(names)),
                    "measure": measure,
                    "p10": q[0].ravel(),
                    "p50": q[1].ravel(),
                    "p90": q[2].ravel(),
                    "mean": mean.ravel(),
                }
            )
        )
    bands = pl.concat(frames)
    # Flows happen during a year: the base year has none.
    flows = ("retirements", "other_leavers", "recruitment_need", "supply_exits", "supply_hires")
    return bands.filter(~(pl.col("measure").is_in(flows) & (pl.col("year") == base_year)))
