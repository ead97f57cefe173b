"""Key-figure speed: sick leave (figures 1 and 2) for every unit's subtree × 120 months from
300,000 employees' spells and scheduled hours, and per unit and year with people counts and
standard errors.

The engine (`kpi.person_months_by_year`, `unit_months`, `unit_years`) places each person
month by month in their largest employment, joins each person's adjacent spells, caps
overlapping spells and computes the error of each figure, one year at a time. The reference
computes only the bare sums directly in polars: spells cut by month, sick hours = hours × days
/ days in month × extent, joined to a fixed unit per person, summed per unit and month and
rolled up the tree. Goals: the engine ≤ 3× the reference, under 30 s and under 2 GB peak
memory (the input itself, 36 million months of scheduled hours, is about 1 GB of it). Each
runs in its own process (peak memory is per step, input included).
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import time

import numpy as np
import polars as pl

from bemanna.bench import peak_mb

EMPLOYEES = 300_000
MONTHS = 120
FIRST = datetime.date(2016, 1, 1)
LAST = datetime.date(2025, 12, 31)
LEAVES, SECTIONS, DIVISIONS = 3_000, 300, 30
GOAL_SECONDS, GOAL_MB = 30, 2_000


def _data(seed: int = 5) -> dict[str, pl.DataFrame]:
    """Synthetic but realistic: a four-level tree, everyone employed for the whole decade at
    75–100 %, one in ten moving once, 2.6 spells a person a year (a few long, some open)."""
    rng = np.random.default_rng(seed)
    parents = {0: None}
    parents |= {d: 0 for d in range(1, DIVISIONS + 1)}
    sections = range(DIVISIONS + 1, DIVISIONS + SECTIONS + 1)
    parents |= {s: 1 + (s % DIVISIONS) for s in sections}
    first_leaf = DIVISIONS + SECTIONS + 1
    leaves = np.arange(first_leaf, first_leaf + LEAVES)
    parents |= {int(leaf): int(sections[leaf % SECTIONS]) for leaf in leaves}
    person = np.arange(EMPLOYEES)
    unit = rng.choice(leaves, EMPLOYEES)
    rate = rng.choice([75.0, 80.0, 100.0], EMPLOYEES)
    movers = rng.random(EMPLOYEES) < 0.1
    moved_on = np.datetime64(FIRST) + rng.integers(300, 3300, EMPLOYEES).astype("timedelta64[D]")
    start = np.full(EMPLOYEES, np.datetime64("2010-01-01"))
    employments = pl.DataFrame(
        {
            "person": np.concatenate([person, person[movers]]),
            "unit": np.concatenate([unit, rng.choice(leaves, movers.sum())]),
            "rate": np.concatenate([rate, rate[movers] + 1]),
            "start": np.concatenate([start, moved_on[movers]]),
            "end": pl.Series(
                np.concatenate(
                    [
                        np.where(movers, moved_on - np.timedelta64(1, "D"), np.datetime64("NaT")),
                        np.full(movers.sum(), np.datetime64("NaT")),
                    ]
                )
            ),
        }
    ).with_columns(pl.col("start").cast(pl.Date), pl.col("end").cast(pl.Date))
    months = pl.date_range(FIRST, LAST, "1mo", eager=True)
    # A cross join builds the 36 million rows in place (numpy's repeat and tile took a
    # third more memory than the frame itself).
    hours = (
        pl.DataFrame({"person": person, "hours": rate * 1.65})
        .join(pl.DataFrame({"month": months}), how="cross")
        .select("person", "month", "hours")
    )
    spells_count = int(EMPLOYEES * 2.6 * MONTHS / 12)
    day = rng.integers(0, (LAST - FIRST).days, spells_count)
    length = np.where(
        rng.random(spells_count) < 0.04,
        rng.integers(60, 240, spells_count),
        rng.integers(1, 13, spells_count),
    )
    begin = np.datetime64(FIRST) + day.astype("timedelta64[D]")
    end = begin + (length - 1).astype("timedelta64[D]")
    spells = pl.DataFrame(
        {
            "person": rng.integers(0, EMPLOYEES, spells_count),
            "start": pl.Series(begin).cast(pl.Date),
            "end": pl.Series(np.where(end > np.datetime64(LAST), np.datetime64("NaT"), end)).cast(
                pl.Date
            ),
            "extent": rng.choice([25.0, 50.0, 100.0], spells_count, p=[0.1, 0.2, 0.7]),
        }
    )
    return {"parents": parents, "employments": employments, "hours": hours, "spells": spells}


def _engine(data) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    from bemanna.analysis import kpi

    pairs = kpi.subtree_pairs(data["parents"])
    per_month, per_year = [], []
    # One year at a time (`kpi.person_months_by_year`): the same rows as the whole decade at
    # once, in a tenth of the memory.
    for _year, months in kpi.person_months_by_year(
        data["spells"], data["hours"], data["employments"], FIRST, LAST
    ):
        per_month.append(kpi.unit_months(months, pairs))
        per_year.append(kpi.unit_years(months, pairs))
        del months
    return pl.concat(per_month).height, pl.concat(per_year).height


def _reference(data) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    from bemanna.analysis import kpi

    pairs = kpi.subtree_pairs(data["parents"])
    home = (
        data["employments"].sort("rate", descending=True).unique("person").select("person", "unit")
    )
    spells = data["spells"].with_columns(pl.col("end").fill_null(LAST).alias("last"))
    spells = spells.with_columns(
        ((pl.col("last") - pl.col("start")).dt.total_days() >= 59).alias("long"),
        pl.date_ranges(
            pl.col("start").dt.truncate("1mo"), pl.col("last").dt.truncate("1mo"), "1mo"
        ).alias("month"),
    ).explode("month")
    month_end = pl.col("month").dt.month_end()
    sick = (
        spells.join(data["hours"], on=["person", "month"])
        .with_columns(
            (
                pl.col("hours")
                * (
                    (
                        pl.min_horizontal("last", month_end) - pl.max_horizontal("start", "month")
                    ).dt.total_days()
                    + 1
                )
                / month_end.dt.day()
                * pl.col("extent")
                / 100
            ).alias("sick")
        )
        .group_by("person", "month")
        .agg(pl.col("sick").sum(), pl.col("sick").filter("long").sum().alias("long"))
    )
    leaf = (
        data["hours"]
        .join(sick, on=["person", "month"], how="left")
        .join(home, on="person")
        .group_by("unit", "month")
        .agg(pl.col("hours").sum(), pl.col("sick").sum(), pl.col("long").sum())
    )
    rolled = (
        leaf.join(pairs, on="unit")
        .group_by("ancestor", "month")
        .agg(pl.col("hours").sum(), pl.col("sick").sum(), pl.col("long").sum())
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
    )
    yearly = rolled.group_by("ancestor", pl.col("month").dt.year()).agg(pl.col("sick").sum())
    return rolled.height, yearly.height


def measure(step: str) -> dict:
    data = _data()
    started = time.perf_counter()
    rows = (_engine if step == "engine" else _reference)(data)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    return {"seconds": seconds, "peak_mb": peak, "rows": rows}


def run() -> None:
    print(
        f"Key figures, {EMPLOYEES:,} employees × {MONTHS} months, "
        f"{LEAVES + SECTIONS + DIVISIONS + 1:,} units (goal: ≤ 3× the bare polars sums)"
    )
    results = {}
    for step in ("reference", "engine"):
        output = subprocess.run(
            [sys.executable, "-m", "bemanna.bench.keyfigures", step],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[step] = json.loads(output.strip().splitlines()[-1])
    engine, reference = results["engine"], results["reference"]
    print(f"{'step':>10} {'seconds':>8} {'peak MB':>8}  rows (unit × month, unit × year)")
    for name in ("reference", "engine"):
        r = results[name]
        print(f"{name:>10} {r['seconds']:8.2f} {r['peak_mb']:8.0f}  {r['rows']}")
    print(
        f"ratio engine / reference: {engine['seconds'] / reference['seconds']:.2f}× (goal ≤ 3); "
        f"engine {engine['seconds']:.0f} s (goal < {GOAL_SECONDS}), "
        f"peak {engine['peak_mb']:,.0f} MB (goal < {GOAL_MB:,})"
    )


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
