"""Reading sick-leave spells and scheduled hours: the same rules as the HR extract.

Both files name the person by Personnummer or Anst.nr, which becomes the same keyed pseudonym
as in the HR extract; a personnummer is never kept. As in the extract, a file with a
Personnummer column names every row by it (a row with only an Anst.nr is refused). Every
problem is listed with file, row, column and reason; a file with any problem gives no frame.

Sick-leave spells: ``Personnummer|Anst.nr; Från; Till (empty while open); Omfattning (%)``.
Scheduled hours: ``Personnummer|Anst.nr; Månad (YYYY-MM); Timmar``.
Competence plans: ``Personnummer|Anst.nr; Kompetensplan (ja/nej)``.

Personnel costs are per unit, not per person:
``Enhet; Månad; Yrkesgrupp (optional); Egen personal (kr); Inhyrd personal (kr);
Bemanningspool (timmar)``. A row without a profession group holds the unit's costs that are
not split by profession; hired staff by profession (locum doctors, agency nurses) go on rows
with one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

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
PLAN_COLUMNS = {
    **PERSON,
    "has_plan": ("kompetensplan", "individuellkompetensplan", "harkompetensplan", "plan"),
}
COST_COLUMNS = {
    "unit": ("enhet", "enhetskod", "kostnadsställe", "ksställe", "unit", "unitcode"),
    "month": ("månad", "period", "month"),
    "profession_group": ("yrkesgrupp", "professiongroup", "yrke"),
    "own_cost": ("egenpersonal", "egenpersonalkr", "lönekostnad", "ownstaff", "ownstaffcost"),
    "hired_cost": ("inhyrdpersonal", "inhyrdpersonalkr", "inhyrd", "hyrpersonal", "hiredstaff"),
    "pool_hours": (
        "bemanningspool",
        "bemanningspooltimmar",
        "pooltimmar",
        "staffingpool",
        "poolhours",
    ),
}
OPTIONAL = {"end", "profession_group"}
AMOUNTS = ("own_cost", "hired_cost", "pool_hours")  # a cost file needs at least one
YES = ("ja", "j", "yes", "y", "1", "x", "sant", "true")
NO = ("nej", "n", "no", "0", "falskt", "false")
LABELS = {
    "start": "Från",
    "end": "Till",
    "extent": "Omfattning",
    "month": "Månad",
    "hours": "Timmar",
    "has_plan": "Kompetensplan",
    "unit": "Enhet",
    "profession_group": "Yrkesgrupp",
    "own_cost": "Egen personal",
    "hired_cost": "Inhyrd personal",
    "pool_hours": "Bemanningspool",
}
MESSAGES.update(
    {
        "bad_extent": gettext_noop("The extent must be a number from 1 to 100 (per cent)."),
        "bad_month": gettext_noop("Not a month; write it as YYYY-MM."),
        "bad_hours": gettext_noop("Hours must be a number from 0 to 400."),
        "other_identifier": gettext_noop(
            "This row names the person by Anst.nr only, but the file has a Personnummer "
            "column: then every row must give a Personnummer, as in the HR extract. Give it, "
            "or leave the column out and name everyone by Anst.nr."
        ),
        "unknown_person": gettext_noop(
            "Nobody with this identity is in the imported HR extract: import the extract "
            "first. Employments that ended longer ago than the retention time are not kept."
        ),
        "duplicate_key": gettext_noop("The same person and {what} appear earlier, on row {first}."),
        "duplicate_person": gettext_noop("The same person appears earlier, on row {first}."),
        "bad_yes_no": gettext_noop("Write ja or nej."),
        "bad_amount": gettext_noop("Not an amount in kronor (0 or more, e.g. 1 234 567,50)."),
        "bad_pool_hours": gettext_noop("Staffing-pool hours must be a number, 0 or more."),
        "duplicate_cost": gettext_noop(
            "The same unit, month and profession group appear earlier, on row {first}."
        ),
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


def read_plans(
    data: bytes, name: str, *, key: bytes, known: Iterable[str], today: datetime.date
) -> ExtractResult:
    """Competence plans as person, has_plan (bool), row."""
    return _read(data, name, PLAN_COLUMNS, key, known, today, _plans)


def read_costs(data: bytes, name: str, *, units: Iterable[str]) -> ExtractResult:
    """Personnel costs as unit (code), month (first day), profession_group ("" when not
    split), own_cost, hired_cost (kronor), pool_hours, row; `units` are the known codes."""
    raw, out, frame = _open(data, name, COST_COLUMNS, by_person=False, one_of=AMOUNTS)
    if raw is None or frame is None:
        return ExtractResult(name, None, tuple(out.issues), raw.height if raw is not None else 0)
    out.check(pl.col("unit").is_null(), "unit", "required", show_value=False)
    known = pl.Series(list(units), dtype=pl.String).implode()
    out.check(pl.col("unit").is_not_null() & ~pl.col("unit").is_in(known), "unit", "unknown_unit")
    frame = _month(frame, out).with_columns(
        pl.col("profession_group").fill_null(""),
        *(_amount(column).alias(f"{column}_value") for column in AMOUNTS),
    )
    for column in ("own_cost", "hired_cost"):
        value = pl.col(f"{column}_value")
        out.check(
            pl.col(column).is_not_null() & (value.is_null() | (value < 0)), column, "bad_amount"
        )
    pool = pl.col("pool_hours_value")
    out.check(
        pl.col("pool_hours").is_not_null() & (pool.is_null() | (pool < 0)),
        "pool_hours",
        "bad_pool_hours",
    )
    out.flush(frame)
    _first_duplicates(
        frame.filter(pl.col("month_date").is_not_null()),
        ["unit", "month_date", "profession_group"],
        "",
        out,
        "duplicate_cost",
    )
    if out.issues:
        return ExtractResult(name, None, tuple(out.issues), raw.height)
    return ExtractResult(
        name,
        frame.select(
            "unit",
            pl.col("month_date").alias("month"),
            "profession_group",
            *(pl.col(f"{c}_value").fill_null(0.0).alias(c) for c in AMOUNTS),
            "_row",
        ),
        (),
        raw.height,
    )


def _amount(column: str) -> pl.Expr:
    """Kronor or hours as Swedes write them: spaces (also non-breaking) between thousands,
    a decimal comma, maybe "kr"."""
    return (
        pl.col(column)
        .str.replace_all(r"[\s\u00a0\u202f]|kr\.?$", "")
        .str.replace(",", ".")
        .cast(pl.Float64, strict=False)
    )


def _open(
    data: bytes,
    name: str,
    columns: dict[str, tuple[str, ...]],
    *,
    by_person: bool = True,
    one_of: tuple[str, ...] = (),
) -> tuple[pl.DataFrame | None, _Collector, pl.DataFrame | None]:
    """The file's cells under canonical names, or None with the issues collected. Every
    column is required except the optional ones, the person columns (one of them is needed
    when `by_person`), and `one_of` (at least one of which is needed)."""
    out = _Collector(name, NAMES)
    try:
        raw = read_table(data, name)
    except _Refused as refused:
        out.issues.append(refused.issue)
        return None, out, None
    mapping = out.map_headers(raw.columns, columns)
    present = set(mapping.values())
    if by_person and not present & set(PERSON):
        out.add(1, None, None, "missing_person_column")
    skipped = {*PERSON, *OPTIONAL, *one_of}
    required = [c for c in columns if c not in skipped]
    if one_of and not present & set(one_of):
        required.append(one_of[0])
    for column in required:
        if column not in present:
            out.add(1, NAMES.get(column, column), None, "missing_column")
    if out.issues:
        return raw, out, None
    if raw.height == 0:
        out.issues.append(Issue(name, None, None, None, "no_rows"))
        return raw, out, None
    frame = cells(raw, mapping)
    missing = [c for c in columns if c not in PERSON and c not in frame.columns]
    return (
        raw,
        out,
        frame.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing),
    )


def _read(data, name, columns, key, known, today, rows_check) -> ExtractResult:  # type: ignore[no-untyped-def]
    raw, out, frame = _open(data, name, columns)
    if raw is None or frame is None:
        return ExtractResult(name, None, tuple(out.issues), raw.height if raw is not None else 0)
    # As the HR extract: with a Personnummer column, every row is named by it. A row named by
    # Anst.nr alone says so (it read "A value is required." under Personnummer, beside the
    # number it did give), and the whole file is refused.
    person_column = "personnummer" if "personnummer" in frame.columns else "employee_number"
    missing = pl.col(person_column).is_null()
    if person_column == "personnummer" and "employee_number" in frame.columns:
        by_number = missing & pl.col("employee_number").is_not_null()
        out.check(by_number, "employee_number", "other_identifier")
        missing = missing & pl.col("employee_number").is_null()
    out.check(missing, person_column, "required", show_value=False)
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


def _first_duplicates(
    frame: pl.DataFrame, keys: list[str], what: str, out: _Collector, code: str = "duplicate_key"
) -> None:
    first = frame.group_by(keys).agg(pl.col("_row").min().alias("_first"))
    repeated = frame.join(first, on=keys).filter(pl.col("_row") != pl.col("_first"))
    for row, first_row in repeated.select("_row", "_first").sort("_row").iter_rows():
        out.add(row, None, None, code, what=what, first=first_row)


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


def _month(frame: pl.DataFrame, out: _Collector) -> pl.DataFrame:
    frame = frame.with_columns(
        (pl.col("month").str.slice(0, 7) + "-01")
        .str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        .alias("month_date"),
    )
    out.check(pl.col("month_date").is_null(), "month", "bad_month")
    return frame


def _plans(frame: pl.DataFrame, out: _Collector) -> pl.DataFrame:
    answer = pl.col("has_plan").str.to_lowercase()
    frame = frame.with_columns(
        pl.when(answer.is_in(YES)).then(True).when(answer.is_in(NO)).then(False).alias("plan")
    )
    out.check(pl.col("plan").is_null(), "has_plan", "bad_yes_no")
    out.flush(frame)
    _first_duplicates(
        frame.filter(pl.col("person").is_not_null()), ["person"], "", out, "duplicate_person"
    )
    return frame.select("person", pl.col("plan").alias("has_plan"), "_row")


def _hours(frame: pl.DataFrame, out: _Collector) -> pl.DataFrame:
    frame = _month(frame, out).with_columns(parse_number("hours").alias("hours_value"))
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


# The last month's scheduled hours are in when at least this share as many people have hours
# in it as in the month before: a file of one area's hours, or the first of several, would
# otherwise be kept as the month's (`keyfigures.services`), and its sick leave with it.
COMPLETE_SHARE = 0.8


class Months(NamedTuple):
    """What the scheduled hours hold: the last month whose hours are in (`complete_through`),
    and the month after it if it has some, with its people and the month before's."""

    complete: datetime.date | None
    partial: tuple[datetime.date, int, int] | None


def complete_through(hours: pl.DataFrame) -> Months:
    """The last month with scheduled hours, unless fewer people have hours in it than
    `COMPLETE_SHARE` of those in the month before: then that month, and the last is
    `partial`. Only the last month can be: once a later month's hours are in, the region has
    moved on (a month after a real fall in staff is as complete as it gets).

    Examples:
        >>> day = datetime.date
        >>> hours = pl.DataFrame({"person": [1, 2, 3, 4, 1, 2, 3, 4, 1],
        ...     "month": [day(2026, 1, 1)] * 4 + [day(2026, 2, 1)] * 4 + [day(2026, 3, 1)]})
        >>> complete_through(hours)
        Months(complete=datetime.date(2026, 2, 1), partial=(datetime.date(2026, 3, 1), 1, 4))
        >>> complete_through(hours.filter(pl.col("month") < day(2026, 3, 1))).partial is None
        True
    """
    if hours.is_empty():
        return Months(None, None)
    last: datetime.date = hours["month"].max()  # type: ignore[assignment]
    before = _previous_month(last)
    people = (
        hours.filter(pl.col("month").is_in([last, before]))
        .group_by("month")
        .agg(pl.col("person").n_unique())
    )
    count = dict(people.iter_rows())
    if count.get(last, 0) < COMPLETE_SHARE * count.get(before, 0):
        return Months(before, (last, count.get(last, 0), count[before]))
    return Months(last, None)


def _previous_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
