"""Key-figure speed: sick leave (figures 1 and 2) for every unit's subtree × 120 months from
300,000 employees' spells and scheduled hours, and per unit and year with people counts and
standard errors.

The engine (`kpi.person_months_by_year`, `unit_months`, `unit_years`, what the key-figure
page computes) places each person month by month in their largest employment, joins each
person's adjacent spells, caps overlapping spells and computes the error of each figure, one
year at a time. The references compute only the bare sums: spells cut by month, sick hours =
hours × days / days in month × extent, a fixed unit per person, summed per unit and month
and rolled up the tree; once in lean polars (`_polars`) and once in lean numpy on a people ×
months grid (`_numpy`), the way the engine itself works, and the same sums (checked on
30,000 people). The ratio is against the faster. Goals: the engine ≤ 3× that, under 30 s
and under 2 GB peak memory (the input itself, 36 million months of scheduled hours, is
about 1 GB of it). Each runs in its own process (peak memory is per step, input included).
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


def _home(employments: pl.DataFrame) -> pl.DataFrame:
    """The references' simplification: one unit per person for the whole decade (their
    largest employment), not one per month."""
    return employments.sort("rate", descending=True).unique("person").select("person", "unit")


def _polars(data) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The bare sums in lean polars: each spell cut by month into a factor (days / days in
    month × extent / 100, and its long-term part) summed per person and month, one join of
    those to the scheduled hours, one group-by per unit and month, the small table rolled up
    the tree through the (unit, ancestor) pairs."""
    rolled = _polars_sums(data)
    yearly = rolled.group_by("unit", pl.col("month").dt.year()).agg(pl.col("sick").sum())
    return rolled.height, yearly.height


def _polars_sums(data) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    from bemanna.analysis import kpi

    pairs = kpi.subtree_pairs(data["parents"])
    spells = data["spells"].with_columns(pl.col("end").fill_null(LAST).alias("last"))
    month = pl.col("month")
    month_end = month.dt.month_end()
    covered = (
        pl.min_horizontal("last", month_end) - pl.max_horizontal("start", "month")
    ).dt.total_days() + 1
    factor = covered / month_end.dt.day() * pl.col("extent") / 100
    factors = (
        spells.lazy()
        .select(
            "person",
            pl.date_ranges(
                pl.col("start").dt.truncate("1mo"), pl.col("last").dt.truncate("1mo"), "1mo"
            ).alias("month"),
            "start",
            "last",
            "extent",
            ((pl.col("last") - pl.col("start")).dt.total_days() >= 59).alias("long"),
        )
        .explode("month")
        .group_by("person", "month")
        .agg(factor.sum().alias("sick"), factor.filter("long").sum().alias("long"))
    )
    leaf = (
        data["hours"]
        .lazy()
        .join(factors, on=["person", "month"], how="left")
        .join(_home(data["employments"]).lazy(), on="person")
        .group_by("unit", "month")
        .agg(
            pl.col("hours").sum(),
            (pl.col("hours") * pl.col("sick")).sum().alias("sick"),
            (pl.col("hours") * pl.col("long")).sum().alias("long"),
        )
        .collect()
    )
    sums = [pl.col("hours").sum(), pl.col("sick").sum(), pl.col("long").sum()]
    return (
        leaf.join(pairs, on="unit")
        .group_by("ancestor", "month")
        .agg(sums)
        .rename({"ancestor": "unit"})
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
    )


def _numpy(data) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The same bare sums in lean numpy: the scheduled hours on a people × months grid,
    each spell's months spelled out with `np.repeat`, every sum one `np.bincount` over
    (unit, month), each unit's months added to its ancestors'. In chunks of rows, so the
    temporary arrays stay small beside the input."""
    rolled = _numpy_sums(data)
    yearly = rolled.group_by("unit", pl.col("month").dt.year()).agg(pl.col("sick").sum())
    return rolled.height, yearly.height


def _numpy_sums(data) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    from bemanna.analysis import kpi

    pairs = kpi.subtree_pairs(data["parents"])
    home = _home(data["employments"])
    people = int(data["hours"]["person"].max()) + 1
    units = int(pairs["unit"].max()) + 1
    unit_of = np.full(people, units)  # one past the units: no one's
    unit_of[home["person"].to_numpy()] = home["unit"].to_numpy()
    size = (units + 1) * MONTHS
    grid = np.zeros(people * MONTHS)
    rows, hours_sum, sick_sum, long_sum = (np.zeros(size) for _ in range(4))
    number = (pl.col("month").dt.year() - FIRST.year) * 12 + pl.col("month").dt.month() - 1
    chunk = 1 << 22
    for part in data["hours"].iter_slices(chunk):
        person = part["person"].to_numpy()
        month = part.select(number.cast(pl.Int64))["month"].to_numpy()
        hours = part["hours"].to_numpy()
        grid[person * MONTHS + month] = hours
        key = unit_of[person] * MONTHS + month
        rows += np.bincount(key, minlength=size)
        hours_sum += np.bincount(key, hours, size)
    for part in data["spells"].iter_slices(chunk // 2):
        start = part["start"].to_numpy().astype("datetime64[D]")
        last = part["end"].fill_null(LAST).to_numpy().astype("datetime64[D]")
        long = (last - start).astype(np.int64) >= 59
        begin = start.astype("datetime64[M]")
        count = (last.astype("datetime64[M]") - begin).astype(np.int64) + 1
        row = np.repeat(np.arange(len(count)), count)
        month_start = begin[row] + (
            np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
        )
        month = (month_start - np.datetime64(FIRST, "M")).astype(np.int64)
        month_end = (month_start + 1).astype("datetime64[D]") - 1
        month_start = month_start.astype("datetime64[D]")
        covered = np.minimum(last[row], month_end) - np.maximum(start[row], month_start)
        person = part["person"].to_numpy()[row]
        sick = (
            grid[person * MONTHS + month]
            * (covered.astype(np.int64) + 1)
            / ((month_end - month_start).astype(np.int64) + 1)
            * part["extent"].to_numpy()[row]
            / 100
        )
        key = unit_of[person] * MONTHS + month
        sick_sum += np.bincount(key, sick, size)
        long_sum += np.bincount(key[long[row]], sick[long[row]], size)
    below, above = pairs["unit"].to_numpy(), pairs["ancestor"].to_numpy()
    totals = []
    for column in (rows, hours_sum, sick_sum, long_sum):
        total = np.zeros((units, MONTHS))
        np.add.at(total, above, column[: units * MONTHS].reshape(units, MONTHS)[below])
        totals.append(total)
    unit, month = np.nonzero(totals[0])
    return pl.DataFrame(
        {
            "unit": unit,
            "month": pl.Series((np.datetime64(FIRST, "M") + month).astype("datetime64[D]")),
            "hours": totals[1][unit, month],
            "sick": totals[2][unit, month],
            "long": totals[3][unit, month],
        }
    ).with_columns((pl.col("sick") / pl.col("hours")).alias("share"))


def measure(step: str) -> dict:
    data = _data()
    started, cpu = time.perf_counter(), time.process_time()
    rows = {"engine": _engine, "polars": _polars, "numpy": _numpy}[step](data)
    seconds = time.perf_counter() - started
    # Processor seconds (all threads) too: on a machine shared with other work they show
    # what the step costs when the wall clock waits for the processor.
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb(), "rows": rows}


def run() -> None:
    print(
        f"Key figures, {EMPLOYEES:,} employees × {MONTHS} months, "
        f"{LEAVES + SECTIONS + DIVISIONS + 1:,} units "
        f"(goal: < {GOAL_SECONDS} s, < {GOAL_MB:,} MB, ≤ 3× the bare sums)"
    )
    results = {}
    for step in ("polars", "numpy", "engine"):
        output = subprocess.run(
            [sys.executable, "-m", "bemanna.bench.keyfigures", step],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[step] = json.loads(output.strip().splitlines()[-1])
    print(
        f"{'step':>10} {'seconds':>8} {'cpu s':>8} {'peak MB':>8}  rows (unit × month, unit × year)"
    )
    for name in ("polars", "numpy", "engine"):
        r = results[name]
        print(f"{name:>10} {r['seconds']:8.2f} {r['cpu']:8.2f} {r['peak_mb']:8.0f}  {r['rows']}")
    engine = results["engine"]
    reference = min(results["polars"], results["numpy"], key=lambda r: r["seconds"])
    print(
        f"ratio engine / the faster bare sums: {engine['seconds'] / reference['seconds']:.2f}× "
        f"(goal ≤ 3); engine {engine['seconds']:.1f} s (goal < {GOAL_SECONDS}), "
        f"peak {engine['peak_mb']:,.0f} MB (goal < {GOAL_MB:,})"
    )


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
