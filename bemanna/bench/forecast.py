"""Forecast speed: 15 years × 1,000 Monte Carlo draws for 4,500, 10,000 and 300,000 employees.

The reference is the straightforward pandas way to run the same model: for each draw and
year, a random number per employee row decides who leaves, survivors age a year, and new
hires are appended as rows (for the supply and the maintained stock alike). It is run for a
few draws and scaled to 1,000 (it is linear in draws), as running it in full would take hours.
Goals: ≥ 50× faster than the reference; 10,000 employees under 1 s; 300,000 under 5 s.
"lever s" is what changing a lever costs on the page: 500 draws plus the waterfall.
"""

from __future__ import annotations

import datetime
import json
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

SIZES = (4_500, 10_000, 300_000)
DRAWS = 1000
YEARS = 15
REFERENCE_DRAWS = {4_500: 10, 10_000: 5, 300_000: 1}
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
    base = baseline(staff, AS_OF)
    rates = estimate_rates(staff, AS_OF)
    index = demographic_index(
        demo_projection(2025, 2025 + YEARS), weights_for(list(base.groups)), 2025
    )
    return base, rates, index


def _reference(base, rates, index, draws: int) -> float:  # type: ignore[no-untyped-def]
    """The same model, row by row in pandas; returns seconds for `draws` draws."""
    import pandas as pd

    from bemanna.analysis.forecast.levers import Levers
    from bemanna.analysis.forecast.model import (
        _demand,
        _hazard_arrays,
        _index_array,
    )

    rng = np.random.default_rng(1)
    groups, ages = np.nonzero(base.headcount)
    counts = base.headcount[groups, ages].astype(int)
    staff = pd.DataFrame(
        {
            "group": np.repeat(groups, counts),
            "age": np.repeat(ages, counts),
            "rate": np.repeat(base.rate[groups, ages], counts),
        }
    )
    demand = _demand(
        base, _index_array(index, base.groups, base.year, base.year + YEARS), Levers(), YEARS
    )
    hire_ages = base.hire_ages
    start = time.perf_counter()
    for _draw in range(draws):
        p_ret, p_oth = _hazard_arrays(rates, base.groups, Levers(), 1, rng)
        supply, kept = staff.copy(), staff.copy()
        records = []
        for t in range(1, YEARS + 1):
            for name in ("supply", "kept"):
                frame = supply if name == "supply" else kept
                p = 1 - (1 - p_ret[0, frame["age"].to_numpy()]) * (
                    1 - p_oth[0, frame["group"].to_numpy(), frame["age"].to_numpy()]
                )
                frame = frame[rng.random(len(frame)) >= p].copy()
                frame["age"] += 1
                frame = frame[frame["age"] < hire_ages.shape[1]]
                if name == "supply":
                    hires = rng.poisson(base.hires_per_year)
                else:
                    fte = (
                        frame.groupby("group")["rate"]
                        .sum()
                        .reindex(range(len(base.groups)), fill_value=0.0)
                        .to_numpy()
                        / 100
                    )
                    hires = np.maximum(0, np.ceil(demand[:, t] - fte)).astype(int)
                new_groups = np.repeat(np.arange(len(base.groups)), hires)
                new_ages = np.array(
                    [rng.choice(hire_ages.shape[1], p=hire_ages[g]) for g in new_groups], dtype=int
                )
                new = pd.DataFrame(
                    {"group": new_groups, "age": new_ages, "rate": base.rate[new_groups, new_ages]}
                )
                frame = pd.concat([frame, new], ignore_index=True)
                records.append(frame.groupby("group")["rate"].sum())
                if name == "supply":
                    supply = frame
                else:
                    kept = frame
        del records
    return time.perf_counter() - start


def measure(employees: int) -> dict[str, float]:
    from bemanna.analysis.forecast import project

    base, rates, index = _prepare(employees)
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sample = REFERENCE_DRAWS[employees]
    reference = _reference(base, rates, index, sample) * DRAWS / sample
    return {
        "seconds": statistics.median(times),
        "peak_mb": peak,
        "reference": reference,
        "preview": statistics.median(previews),
        "reference_draws": sample,
        "staff": float(base.headcount.sum()),
    }


def run() -> None:
    print(
        f"Forecast, {YEARS} years × {DRAWS:,} draws (goals: ≥ 50× the pandas reference; "
        "10,000 < 1 s; 300,000 < 5 s)"
    )
    header = (
        f"{'employees':>10} {'seconds':>8} {'peak MB':>8} {'reference s':>12} {'speed-up':>9} "
        f"{'lever s':>8}  note"
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
        speedup = figure["reference"] / figure["seconds"]
        print(
            f"{employees:>10,} {figure['seconds']:8.2f} {figure['peak_mb']:8.0f} "
            f"{figure['reference']:12.1f} {speedup:8.0f}× {figure['preview']:8.2f}  "
            f"reference timed on {figure['reference_draws']:.0f} draws, scaled to {DRAWS}"
        )


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
