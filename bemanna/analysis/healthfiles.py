"""Reading sick-leave spells and scheduled hours: the same rules as the HR extract.

Both files name the person by Personnummer or Anst.nr, which becomes the same keyed pseudonym
as in the HR extract; a personnummer is never kept. Every problem is listed with file, row,
column and reason; a file with any problem gives no frame.

Sick-leave spells: ``Personnummer|Anst.nr; Från; Till (empty while open); Omfattning (%)``.
Scheduled hours: ``Personnummer|Anst.nr; Månad (YYYY-MM); Timmar``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import polars as pl

from bemanna.analysis.extract import (
    DISPLAY,
    MESSAGES,
    ExtractResult,
    Issue,
    _Collector,
    _parse_date,
    _Refused,
    cells,
    gettext_noop,
    identities,
    parse_number,
    read_table,
)

PERSON = {
    "personnummer": ("personnummer", "pnr", "personnr", "personalidentitynumber", "ssn"),
    "employee_number": ("anstnr", "anställningsnummer", "employeenumber", "personalnummer"),
}
SPELL_COLUMNS = {
    **PERSON,
    "start": ("från", "fr", "fromdatum", "startdatum", "from", "start", "sjukfrånvarofrån"),
    "end": ("till", "tom", "tilldatum", "slutdatum", "to", "end"),
    "extent": ("omfattning", "sjukskrivningsgrad", "grad", "extent", "procent"),
}
HOURS_COLUMNS = {
    **PERSON,
    "month": ("månad", "period", "month"),
    "hours": ("timmar", "schemalagdatimmar", "arbetstid", "hours", "scheduledhours"),
}
LABELS = {
    "start": "Från",
    "end": "Till",
    "extent": "Omfattning",
    "month": "Månad",
    "hours": "Timmar",
}
MESSAGES.update(
    {
        "bad_extent": gettext_noop("The extent must be a number from 1 to 100 (per cent)."),
        "bad_month": gettext_noop("Not a month; write it as YYYY-MM."),
        "bad_hours": gettext_noop("Hours must be a number from 0 to 400."),
        "unknown_person": gettext_noop(
            "Nobody with this identity is in the HR extract; import the extract first."
        ),
        "duplicate_key": gettext_noop("The same person and {what} appear earlier, on row {first}."),
    }
)
# How this file's columns are named in messages (the HR extract's own names stay as they are).
NAMES = {**DISPLAY, **LABELS}


def read_spells(
    data: bytes, name: str, *, key: bytes, known: Iterable[str], today: datetime.date
) -> ExtractResult:
    """Spells as person, start, end (null while open), extent (1–100), row."""
    return _read(data, name, SPELL_COLUMNS, key, known, today, _spells)


def read_hours(
    data: bytes, name: str, *, key: bytes, known: Iterable[str], today: datetime.date
) -> ExtractResult:
    """Scheduled hours as person, month (first day), hours, row."""
    return _read(data, name, HOURS_COLUMNS, key, known, today, _hours)


def _read(data, name, columns, key, known, today, rows_check) -> ExtractResult:  # type: ignore[no-untyped-def]
    try:
        raw = read_table(data, name)
    except _Refused as refused:
        return ExtractResult(name, None, (refused.issue,), 0)
    out = _Collector(name, NAMES)
    mapping = out.map_headers(raw.columns, columns)
    present = set(mapping.values())
    person_column = "personnummer" if "personnummer" in present else "employee_number"
    if not present & set(PERSON):
        out.add(1, None, None, "missing_person_column")
    for column in columns:
        if column not in PERSON and column != "end" and column not in present:
            out.add(1, NAMES.get(column, column), None, "missing_column")
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    if raw.height == 0:
        return ExtractResult(name, None, (Issue(name, None, None, None, "no_rows"),), 0)
    frame = cells(raw, mapping)
    if "end" in columns and "end" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("end"))
    out.check(pl.col(person_column).is_null(), person_column, "required", show_value=False)
    ids = identities(
        frame[person_column].drop_nulls().unique().to_list(), person_column, key, today.year
    )
    frame = frame.join(
        ids, left_on=person_column, right_on="raw", how="left", maintain_order="left"
    )
    if person_column == "personnummer":
        for row, code in (
            frame.filter(pl.col("id_error").is_not_null()).select("_row", "id_error").iter_rows()
        ):
            out.add(row, DISPLAY["personnummer"], None, f"pnr_{code}")
    known_people = pl.Series(list(known), dtype=pl.String)
    out.check(
        pl.col("person").is_not_null() & ~pl.col("person").is_in(known_people.implode()),
        person_column,
        "unknown_person",
        show_value=person_column != "personnummer",
    )
    frame = rows_check(frame, out)
    out.flush(frame)
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    return ExtractResult(name, frame, (), raw.height)


def _first_duplicates(frame: pl.DataFrame, keys: list[str], what: str, out: _Collector) -> None:
    first = frame.group_by(keys).agg(pl.col("_row").min().alias("_first"))
    repeated = frame.join(first, on=keys).filter(pl.col("_row") != pl.col("_first"))
    for row, first_row in repeated.select("_row", "_first").iter_rows():
        out.add(row, None, None, "duplicate_key", what=what, first=first_row)


def _spells(frame: pl.DataFrame, out: _Collector) -> pl.DataFrame:
    frame = frame.with_columns(
        _parse_date(frame, "start").alias("start_date"),
        _parse_date(frame, "end").alias("end_date"),
        parse_number("extent").alias("extent_value"),
    )
    out.check(pl.col("start").is_null(), "start", "required", show_value=False)
    out.check(pl.col("start").is_not_null() & pl.col("start_date").is_null(), "start", "bad_date")
    out.check(pl.col("end").is_not_null() & pl.col("end_date").is_null(), "end", "bad_date")
    out.check(~pl.col("extent_value").is_between(1, 100).fill_null(False), "extent", "bad_extent")
    out.flush(frame)
    backwards = frame.filter((pl.col("end_date") < pl.col("start_date")).fill_null(False))
    for row, value, start in backwards.select("_row", "end", "start_date").iter_rows():
        out.add(row, NAMES["end"], value, "end_before_start", start=start.isoformat())
    _first_duplicates(
        frame.filter(pl.col("person").is_not_null()), ["person", "start_date"], LABELS["start"], out
    )
    return frame.select(
        "person",
        pl.col("start_date").alias("start"),
        pl.col("end_date").alias("end"),
        pl.col("extent_value").alias("extent"),
        "_row",
    )


def _hours(frame: pl.DataFrame, out: _Collector) -> pl.DataFrame:
    frame = frame.with_columns(
        (pl.col("month").str.slice(0, 7) + "-01")
        .str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        .alias("month_date"),
        parse_number("hours").alias("hours_value"),
    )
    out.check(pl.col("month_date").is_null(), "month", "bad_month")
    out.check(~pl.col("hours_value").is_between(0, 400).fill_null(False), "hours", "bad_hours")
    out.flush(frame)
    _first_duplicates(
        frame.filter(pl.col("person").is_not_null()), ["person", "month_date"], LABELS["month"], out
    )
    return frame.select(
        "person",
        pl.col("month_date").alias("month"),
        pl.col("hours_value").alias("hours"),
        "_row",
    )
