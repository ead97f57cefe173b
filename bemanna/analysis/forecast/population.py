"""Demand drivers: a population projection by age group and care weights per profession group.

The demographic index of a profession group in year t is
    Σ_age-group population(age group, t) · weight(group, age group) / the same in the base year,
so a group whose work follows the old (e.g. nurses) grows with the number of people over 80,
while administration follows the population as a whole.

Example:
    >>> projection = demo_projection(2025, 2027)
    >>> index = demographic_index(projection, {"Sjuksköterskor": CARE_WEIGHTS["vård"]}, 2025)
    >>> index.filter(pl.col("year") == 2025)["index"].to_list()
    [1.0]
"""

from __future__ import annotations

import polars as pl

AGE_GROUPS = ("0–19", "20–64", "65–79", "80+")
# Relative use of each profession group's work per inhabitant, by age group. Rough shape of
# Swedish health-care consumption by age (SKR/Socialstyrelsen); editable per scenario.
CARE_WEIGHTS: dict[str, dict[str, float]] = {
    "vård": {"0–19": 0.6, "20–64": 1.0, "65–79": 2.6, "80+": 4.8},
    "psykiatri": {"0–19": 1.2, "20–64": 1.0, "65–79": 0.6, "80+": 0.6},
    "barnmorska": {"0–19": 0.0, "20–64": 1.0, "65–79": 0.0, "80+": 0.0},
    "tandvård": {"0–19": 1.2, "20–64": 1.0, "65–79": 1.2, "80+": 0.8},
    "befolkning": {"0–19": 1.0, "20–64": 1.0, "65–79": 1.0, "80+": 1.0},
}
# Which weight set a profession group follows by default (others follow the population).
GROUP_WEIGHTS = {
    "Sjuksköterskor": "vård",
    "Specialistsjuksköterskor": "vård",
    "Undersköterskor": "vård",
    "Läkare": "vård",
    "Rehabilitering": "vård",
    "Biomedicinska analytiker": "vård",
    "Psykologer och kuratorer": "psykiatri",
    "Barnmorskor": "barnmorska",
    "Tandvård": "tandvård",
}
# Region Demo's county: about 130,000 inhabitants in 2025, ageing like a Norrland county.
DEMO_BASE = {"0–19": 27_500, "20–64": 72_000, "65–79": 22_500, "80+": 8_000}
DEMO_TREND = {"0–19": -0.004, "20–64": -0.002, "65–79": 0.008, "80+": 0.035}


def weights_for(groups: list[str]) -> dict[str, dict[str, float]]:
    """The default care weights for each profession group."""
    return {g: CARE_WEIGHTS[GROUP_WEIGHTS.get(g, "befolkning")] for g in groups}


def demo_projection(first_year: int, last_year: int) -> pl.DataFrame:
    """A plausible county projection (year, age_group, population) for Region Demo."""
    rows = [
        (year, group, round(DEMO_BASE[group] * (1 + DEMO_TREND[group]) ** (year - 2025)))
        for year in range(first_year, last_year + 1)
        for group in AGE_GROUPS
    ]
    return pl.DataFrame(
        rows,
        schema={"year": pl.Int64, "age_group": pl.String, "population": pl.Int64},
        orient="row",
    )


def demographic_index(
    projection: pl.DataFrame, weights: dict[str, dict[str, float]], base_year: int
) -> pl.DataFrame:
    """group, year, index (1.0 in the base year) from a projection and care weights."""
    missing = set(AGE_GROUPS) - set(projection["age_group"].unique().to_list())
    if missing:
        raise ValueError(f"the population projection lacks the age groups {sorted(missing)}")
    if base_year not in projection["year"].to_list():
        raise ValueError(f"the population projection has no figures for {base_year}")
    weight_rows = [(g, a, w) for g, per_age in weights.items() for a, w in per_age.items()]
    weight_frame = pl.DataFrame(
        weight_rows,
        schema={"group": pl.String, "age_group": pl.String, "weight": pl.Float64},
        orient="row",
    )
    load = (
        projection.join(weight_frame, on="age_group")
        .group_by("group", "year")
        .agg((pl.col("population") * pl.col("weight")).sum().alias("load"))
    )
    base = load.filter(pl.col("year") == base_year).select("group", pl.col("load").alias("base"))
    return (
        load.join(base, on="group")
        .select("group", "year", (pl.col("load") / pl.col("base")).alias("index"))
        .sort("group", "year")
    )
