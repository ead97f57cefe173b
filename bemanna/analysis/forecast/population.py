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

from bemanna.analysis.extract import Issue

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


HEADERS = {
    "year": ("år", "year", "prognosår"),
    "age_group": ("åldersgrupp", "ålder", "agegroup", "age", "alder"),
    "population": ("antal", "befolkning", "population", "folkmängd", "count"),
}


def age_group_of(label: str) -> str | None:
    """Map a single age (SCB's '57', '100+') or a group label onto the four age groups.

    Examples:
        >>> [age_group_of(x) for x in ["7", "20-64", "80+", "100+", "80 år och äldre", "x"]]
        ['0–19', '20–64', '80+', '80+', '80+', None]
    """
    text = label.strip().replace("-", "–").replace(" år", "").replace("år", "").strip()
    if text in AGE_GROUPS:
        return text
    if text.endswith(("+", "och äldre", "–w")):
        text = text.split("+")[0].split(" ")[0].split("–")[0]
    if not text.isdigit():
        return None
    age = int(text)
    for group, high in (("0–19", 19), ("20–64", 64), ("65–79", 79)):
        if age <= high:
            return group
    return "80+"


def read_projection(data: bytes, filename: str) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Read year; age (group); population from CSV/XLSX, summing single ages into groups."""
    from bemanna.analysis.extract import _Refused, normalise_header, read_table

    issues: list[Issue] = []
    try:
        raw = read_table(data, filename)
    except _Refused as refused:
        return None, [refused.issue]
    lookup = {normalise_header(w): k for k, words in HEADERS.items() for w in words}
    mapping: dict[str, str] = {}
    for header in raw.columns:
        key = lookup.get(normalise_header(header))
        if key is None:
            issues.append(
                Issue(
                    filename, 1, header, None, "unknown_header", {"known": "År, Åldersgrupp, Antal"}
                )
            )
        elif key not in mapping.values():
            mapping[header] = key
    for key, name in (("year", "År"), ("age_group", "Åldersgrupp"), ("population", "Antal")):
        if key not in mapping.values():
            issues.append(Issue(filename, 1, name, None, "missing_column"))
    if issues:
        return None, issues
    rows = []
    for index, values in enumerate(
        raw.rename(mapping).select("year", "age_group", "population").iter_rows(), start=2
    ):
        year, label, count = (str(v).strip() if v is not None else "" for v in values)
        if not year.isdigit() or not 1900 <= int(year) <= 2200:
            issues.append(
                Issue(
                    filename, index, "År", year, "bad_projection_year", {"low": 1900, "high": 2200}
                )
            )
            continue
        group = age_group_of(label)
        if group is None:
            issues.append(Issue(filename, index, "Åldersgrupp", label, "bad_age_group"))
            continue
        number = count.replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            population = float(number)
        except ValueError:
            issues.append(Issue(filename, index, "Antal", count, "bad_number"))
            continue
        if population < 0:
            issues.append(Issue(filename, index, "Antal", count, "bad_number"))
            continue
        rows.append((int(year), group, population))
    if issues:
        return None, issues
    if not rows:
        return None, [Issue(filename, None, None, None, "no_rows")]
    frame = (
        pl.DataFrame(
            rows,
            schema={"year": pl.Int64, "age_group": pl.String, "population": pl.Float64},
            orient="row",
        )
        .group_by("year", "age_group")
        .agg(pl.col("population").sum().round(0).cast(pl.Int64))
        .sort("year", "age_group")
    )
    for year, groups in frame.group_by("year").agg(pl.col("age_group")).iter_rows():
        missing = sorted(set(AGE_GROUPS) - set(groups))
        if missing:
            issues.append(
                Issue(
                    filename,
                    None,
                    "Åldersgrupp",
                    ", ".join(missing),
                    "missing_age_groups",
                    {"year": year},
                )
            )
    return (None, issues) if issues else (frame, [])
