"""Other regions' published key figures, from Kolada's open data (files in, no network).

The file is Kolada's data in long form, one value a row, as its API and CSV download give it:

``kpi; municipality_id; municipality; period; gender; value``

* ``kpi``: the KPI id (``N60030``); only the ids the key figures name are read.
* ``municipality_id``: ``0000`` for the whole country (Riket), ``0001``–``0025`` for the
  regions; a municipality's or a group's id is refused (this is a regional comparison).
* ``municipality``: the name (optional).
* ``period``: the year.
* ``gender``: ``T`` (total), ``K`` (women) or ``M`` (men); optional, T when missing.
* ``value``: the published value as Kolada writes it (per cent for shares, 0–100 for HME),
  decimal point or comma. An empty value (Kolada published none) is skipped and counted.

Rows of a known KPI with a gender the key figures do not use are skipped and counted too.
Every other problem is listed with file, row, column and reason; a file with any problem
gives no frame.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from bemanna.analysis.extract import (
    MESSAGES,
    ExtractResult,
    Issue,
    _Collector,
    _Refused,
    cells,
    gettext_noop,
    normalise_header,
    parse_number,
    read_table,
)

NATION = "0000"
REGIONS = range(1, 26)  # Kolada's region ids 0001–0025 (the county codes)
COLUMNS = {
    "kpi": ("kpi", "kpiid", "nyckeltal", "nyckeltalsid", "kpi_id"),
    "area": ("municipalityid", "kommunid", "regionid", "områdesid", "municipality_id"),
    "area_name": ("municipality", "municipalityname", "kommun", "region", "namn", "område"),
    "year": ("period", "år", "year"),
    "gender": ("gender", "kön", "kon", "sex"),
    "value": ("value", "värde", "varde"),
}
OPTIONAL = {"area_name", "gender"}
LABELS = {
    "kpi": "kpi",
    "area": "municipality_id",
    "area_name": "municipality",
    "year": "period",
    "gender": "gender",
    "value": "value",
}
GENDERS = {"t": "T", "total": "T", "k": "K", "kvinnor": "K", "m": "M", "män": "M"}
MESSAGES.update(
    {
        "unknown_kpi": gettext_noop("Unknown KPI id; the key figures read: {known}."),
        "bad_area": gettext_noop(
            "Not the country (0000) or a region (0001–0025): municipalities and groups are "
            "not compared."
        ),
        "bad_period": gettext_noop("The period must be a year from 2000 to 2100."),
        "bad_gender": gettext_noop("Gender must be T (total), K (women) or M (men)."),
        "bad_value": gettext_noop("The value must be a number from 0 to 100."),
        "duplicate_benchmark": gettext_noop(
            "The same KPI, area, period and gender appear earlier, on row {first}."
        ),
    }
)


def read(data: bytes, name: str, *, kpis: Mapping[tuple[str, str], float]) -> ExtractResult:
    """Kolada rows as kpi, area, area_name, year, gender, value (the published number times
    the KPI's scale: `kpis` maps (KPI id, gender) to it), row. Skipped rows are those read
    minus the frame's."""
    out = _Collector(name, LABELS)
    try:
        raw = read_table(data, name)
    except _Refused as refused:
        return ExtractResult(name, None, (refused.issue,), 0)
    mapping = out.map_headers(raw.columns, COLUMNS)
    present = set(mapping.values())
    for column in COLUMNS:
        if column not in OPTIONAL and column not in present:
            out.add(1, LABELS[column], None, "missing_column")
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    if raw.height == 0:
        return ExtractResult(name, None, (Issue(name, None, None, None, "no_rows"),), 0)
    frame = cells(raw, mapping)
    if "area_name" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("area_name"))
    if "gender" not in frame.columns:
        frame = frame.with_columns(pl.lit("T").alias("gender"))
    known_ids = sorted({kpi for kpi, _gender in kpis})
    area = pl.col("area")
    frame = frame.with_columns(
        pl.col("kpi").str.to_uppercase().alias("kpi"),
        pl.col("gender")
        .map_elements(lambda text: GENDERS.get(normalise_header(text)), return_dtype=pl.String)
        .alias("gender_code"),
        pl.col("year").cast(pl.Int64, strict=False).alias("year_value"),
        parse_number("value").alias("number"),
        (area.str.contains(r"^\d{4}$") & area.cast(pl.Int64, strict=False).is_in(list(REGIONS)))
        .or_(area == NATION)
        .fill_null(False)
        .alias("area_ok"),
    )
    out.check(pl.col("kpi").is_null(), "kpi", "required", show_value=False)
    out.check(
        pl.col("kpi").is_not_null() & ~pl.col("kpi").is_in(known_ids),
        "kpi",
        "unknown_kpi",
        known=", ".join(known_ids),
    )
    out.check(~pl.col("area_ok"), "area", "bad_area")
    out.check(~pl.col("year_value").is_between(2000, 2100).fill_null(False), "year", "bad_period")
    out.check(pl.col("gender_code").is_null(), "gender", "bad_gender")
    out.check(
        pl.col("value").is_not_null() & ~pl.col("number").is_between(0, 100).fill_null(False),
        "value",
        "bad_value",
    )
    out.flush(frame)
    keys = ["kpi", "area", "year_value", "gender_code"]
    keyed = frame.drop_nulls(keys)
    first = keyed.group_by(keys).agg(pl.col("_row").min().alias("_first"))
    repeated = keyed.join(first, on=keys).filter(pl.col("_row") != pl.col("_first"))
    for row, first_row in repeated.select("_row", "_first").sort("_row").iter_rows():
        out.add(row, None, None, "duplicate_benchmark", first=first_row)
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    scales = pl.DataFrame(
        [(kpi, gender, scale) for (kpi, gender), scale in kpis.items()],
        schema={"kpi": pl.String, "gender_code": pl.String, "scale": pl.Float64},
        orient="row",
    )
    kept = frame.filter(pl.col("number").is_not_null()).join(
        scales, on=["kpi", "gender_code"], how="inner", maintain_order="left"
    )
    return ExtractResult(
        name,
        kept.select(
            "kpi",
            "area",
            pl.col("area_name").fill_null(""),
            pl.col("year_value").alias("year"),
            pl.col("gender_code").alias("gender"),
            (pl.col("number") * pl.col("scale")).alias("value"),
            "_row",
        ),
        (),
        raw.height,
    )


def compare(rows: pl.DataFrame) -> dict[tuple[str, str], dict[str, float | int | None]]:
    """Per (kpi, gender): the nation's value and the median of the regions' values, with how
    many regions published one. `rows`: kpi, area, gender, value for one year."""
    result: dict[tuple[str, str], dict[str, float | int | None]] = {}
    for (kpi, gender), group in rows.group_by(["kpi", "gender"], maintain_order=True):
        nation = group.filter(pl.col("area") == NATION)["value"]
        regions = group.filter(pl.col("area") != NATION)["value"]
        result[(str(kpi), str(gender))] = {
            "nation": float(nation[0]) if nation.len() else None,
            "median": float(regions.median()) if regions.len() else None,  # type: ignore[arg-type]
            "regions": regions.len(),
        }
    return result
