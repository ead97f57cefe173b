"""Forecast speed: 15 years × 1,000 Monte Carlo draws for 4,500, 10,000 and 300,000 employees.

Timed in a fresh process per size (so the peak memory is the size's own): the fit (exit rates
and baseline from the extract) and the projection. The reference is the same cohort model
written plainly in numpy (`_reference`), the strongest honest way to do the same work.
Goals: projection ≤ 1.5× the reference; fit + projection for 10,000 employees under 1 s and
for 300,000 under 5 s. "lever s" is what changing a lever costs on the page: 500 draws plus
the waterfall.
"""

from __future__ import annotations

import datetime
import json
import statistics
import subprocess
import sys
import time

import numpy as np

from bemanna.bench import peak_mb

SIZES = (4_500, 10_000, 300_000)
DRAWS = 1000
YEARS = 15
AS_OF = datetime.date(2025, 12, 31)


def _prepare(employees: int):  # type: ignore[no-untyped-def]
    from bemanna.analysis import demo
    from bemanna.analysis.forecast import (
        baseline,
        demo_projection,
        demographic_index,
        estimate_rates,
        weights_for,
    )
    from bemanna.analysis.forecast.frames import from_extract

    region = demo.build_region(employees, seed=3, today=datetime.date(2026, 6, 30))
    staff = from_extract(region.employments)
    start = time.perf_counter()  # what a new extract costs before the first forecast
    base = baseline(staff, AS_OF)
    rates = estimate_rates(staff, AS_OF)
    fit = time.perf_counter() - start
    index = demographic_index(
        demo_projection(2025, 2025 + YEARS), weights_for(list(base.groups)), 2025
    )
    return base, rates, index, fit


def _reference(base, rates, index, draws: int) -> float:  # type: ignore[no-untyped-def]
    """The same cohort model, written plainly in numpy; returns seconds for `draws` draws.

    What a good engineer would write for the same work: people counted per (draw, group,
    age) cell, each year aged, binomial exits with each draw's own hazards, exits split into
    retirements, Poisson hires spread over the entry ages, the maintained stock refilled to
    demand, and supply, demand and gap recorded, on two threads like the engine. It shares
    only the inputs (hazards, demand) with the engine, not its simulation code.
    """
    from concurrent.futures import ThreadPoolExecutor

    from bemanna.analysis.forecast.levers import Levers
    from bemanna.analysis.forecast.model import _demand, _hazard_arrays, _index_array

    demand = _demand(
        base, _index_array(index, base.groups, base.year, base.year + YEARS), Levers(), YEARS
    )
    entry = base.hire_ages.copy()
    entry[:, -1] = 0.0
    entry /= np.maximum(entry.sum(axis=1, keepdims=True), 1e-12)
    entrant_fte = (entry * base.rate).sum(axis=1) / 100.0

    def chunk(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        p_ret, p_oth = _hazard_arrays(rates, base.groups, Levers(), n, rng)
        p_exit = 1.0 - (1.0 - p_ret[:, None, :]) * (1.0 - p_oth)
        p_split = np.divide(
            np.broadcast_to(p_ret[:, None, :], p_exit.shape),
            p_exit,
            out=np.zeros_like(p_exit),
            where=p_exit > 0,
        )
        supply = np.repeat(base.headcount[None].astype(np.int64), n, axis=0)
        kept = supply.copy()
        gap = np.zeros((n, len(base.groups), YEARS + 1))
        for t in range(1, YEARS + 1):
            for stock in (supply, kept):
                last = stock[:, :, -1].copy()
                stock[:, :, 1:] = stock[:, :, :-1]
                stock[:, :, 0] = 0
                stock[:, :, -1] += last
                exits = rng.binomial(stock, p_exit)
                stock -= exits
                if stock is kept:
                    rng.binomial(exits, p_split)  # retirements among the exits
            hires = rng.poisson(np.broadcast_to(base.hires_per_year, (n, len(base.groups))))
            spread = hires[:, :, None] * entry[None]
            whole = np.floor(spread)
            supply += (whole + (rng.random(spread.shape) < spread - whole)).astype(np.int64)
            own = (kept * base.rate).sum(axis=2) / 100.0
            need = np.maximum(0.0, demand[:, t] - base.hired_fte - own) / np.maximum(
                entrant_fte, 1e-9
            )
            spread = need[:, :, None] * entry[None]
            whole = np.floor(spread)
            kept += (whole + (rng.random(spread.shape) < spread - whole)).astype(np.int64)
            gap[:, :, t] = demand[:, t] - (supply * base.rate).sum(axis=2) / 100.0
        return gap

    start = time.perf_counter()
    halves = (draws // 2, draws - draws // 2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(chunk, halves, (1, 2)))
    return time.perf_counter() - start


def measure(employees: int) -> dict[str, float]:
    from bemanna.analysis.forecast import project

    base, rates, index, fit = _prepare(employees)
    horizon = base.year + YEARS
    project(base, rates, index, horizon=horizon, draws=50)  # warm up (threads, caches)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        project(base, rates, index, horizon=horizon, draws=DRAWS, seed=1)
        times.append(time.perf_counter() - start)
    from bemanna.analysis.forecast import Levers, waterfall

    levers = Levers(retirement_shift=2, part_time_share=0.5, turnover_change=-0.1)
    previews = []
    for _ in range(3):  # what a lever change costs on the page: 500 draws and the waterfall
        start = time.perf_counter()
        project(base, rates, index, levers, horizon=horizon, draws=500, seed=1)
        waterfall(base, rates, index, levers, horizon=horizon)
        previews.append(time.perf_counter() - start)
    peak = peak_mb()
    references = [_reference(base, rates, index, DRAWS) for _ in range(3)]
    return {
        "seconds": statistics.median(times),
        "peak_mb": peak,
        "reference": statistics.median(references),
        "preview": statistics.median(previews),
        "fit": fit,
        "staff": float(base.headcount.sum()),
    }


def run() -> None:
    print(
        f"Forecast, {YEARS} years × {DRAWS:,} draws: fit (rates and baseline from the extract) "
        "+ projection. Reference: the same cohort model written plainly in numpy."
    )
    print("Goals: projection ≤ 1.5× the reference; fit + projection 10,000 < 1 s, 300,000 < 5 s")
    header = (
        f"{'employees':>10} {'fit s':>6} {'proj. s':>8} {'total s':>8} {'peak MB':>8} "
        f"{'ref. s':>7} {'ratio':>6} {'lever s':>8}"
    )
    print(header)
    print("-" * len(header))
    for employees in SIZES:
        output = subprocess.run(
            [sys.executable, "-m", "bemanna.bench.forecast", str(employees)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figure = json.loads(output.strip().splitlines()[-1])
        ratio = figure["seconds"] / figure["reference"]
        total = figure["fit"] + figure["seconds"]
        print(
            f"{employees:>10,} {figure['fit']:6.2f} {figure['seconds']:8.2f} {total:8.2f} "
            f"{figure['peak_mb']:8.0f} {figure['reference']:7.2f} {ratio:5.2f}× "
            f"{figure['preview']:8.2f}"
        )


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
