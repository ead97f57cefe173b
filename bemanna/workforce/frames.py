"""ORM data as polars frames for the engine; views never do arithmetic on querysets."""

from __future__ import annotations

import datetime

import polars as pl
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from bemanna.analysis import published
from bemanna.org.models import Unit
from bemanna.workforce.models import (
    Employment,
    GroupMapping,
    ImportBatch,
    KeptExtract,
    KeptYear,
    Person,
    Profession,
)
from bemanna.workforce.retention import closes_on, employment_cutoff, last_closed_year

SCHEMA = {
    "person": pl.Int64,
    "unit_id": pl.Int64,
    "unit_path": pl.String,
    "profession": pl.String,
    "group": pl.String,
    "birth_year": pl.Int64,
    "sex": pl.String,
    "form": pl.String,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
}


def units_frame(units=None) -> pl.DataFrame:
    rows = (units if units is not None else Unit.objects.all()).values_list("pk", "path")
    return pl.DataFrame(list(rows), schema={"unit_id": pl.Int64, "path": pl.String}, orient="row")


def data_version() -> tuple[int, int]:
    """Changes whenever an import changes the workforce data (for caches)."""
    latest = ImportBatch.objects.aggregate(latest=Max("pk"))["latest"] or 0
    return latest, Employment.objects.count()


# What is kept of each row (`KeptExtract`): the path and the group are today's.
RAW = {name: kind for name, kind in SCHEMA.items() if name not in ("unit_path", "group")}
REASONS = ("end_reason",)  # the column saying why a row ended (`published.stitch`)

_region: tuple[tuple, pl.DataFrame] | None = None
_kept: dict[tuple, pl.DataFrame] = {}


def employments(queryset=None, *, today: datetime.date | None = None) -> pl.DataFrame:
    """One row per employment with what the engine needs. `group` is the SKR profession
    group (the profession's name when it has none); `skr_group` is the same column under the
    name the stock module uses.

    The whole region (no `queryset`) is the extract as published: every closed year as it
    stood when its figures were first computed, what arrived about it later counting from
    the day after its seam (`published`, `analysis.published`), so no figure of a closed
    year changes with a later extract. It is read once per data version and process: every
    forecast page starts from it, and an import changes the version."""
    global _region
    if queryset is not None:
        return _derived(_raw(queryset))
    today = today or timezone.localdate()
    version = data_version()
    # HR's Yrkesgrupper page regroups a code without an import (`_derived` reads it).
    regrouped = tuple(GroupMapping.objects.aggregate(Max("updated"), Count("pk")).values())
    key = (version, regrouped, employment_cutoff(today), _kept_years())
    if _region is None or _region[0] != key:
        raw = _raw(Employment.objects.all())
        if publish(raw, version[0], last_closed_year(today)):
            key = (version, regrouped, employment_cutoff(today), _kept_years())
        _region = (key, _derived(_as_published(raw, today)))
    return _region[1]


def forget() -> None:
    """Drop the cached region (the tests start each case from an empty cache)."""
    global _region
    _region = None
    _kept.clear()


def seam(year: int) -> datetime.date:
    """The last day a closed year's kept rows say for good: the day it closes
    (`retention.closes_on`, 1 February). Whether someone whose job ended on New Year's Eve
    left in that year turns on whether they were back by then (`stock.MOVE_DAYS`)."""
    return closes_on(year)


def _kept_years() -> tuple[tuple, ...]:
    # When it was taken too: a rolled-back test's next extract may have the same id.
    return tuple(
        KeptYear.objects.values_list("year", "extract_id", "extract__pruned", "extract__taken")
    )


def prune_kept(today: datetime.date) -> None:
    """Delete from the kept extracts what the retention job deleted from the extract: the
    employments that ended before `employment_cutoff`, and anyone no longer a person here."""
    cutoff = employment_cutoff(today)
    people = pl.Series(list(Person.objects.values_list("pk", flat=True)), dtype=pl.Int64)
    for extract in KeptExtract.objects.all():
        rows = published.from_bytes(extract.rows, RAW)
        kept = rows.filter(
            (pl.col("end").is_null() | (pl.col("end") >= cutoff))
            & pl.col("person").is_in(people.implode())
        )
        if kept.height < rows.height:
            extract.rows = published.to_bytes(kept)
            extract.pruned += 1
            extract.save(update_fields=["rows", "pruned"])
    _kept.clear()


def publish(raw: pl.DataFrame, batch: int, closed: int) -> bool:
    """Keep `raw` as the rows of every closed year not yet kept (up to `closed`, from the
    extract's first year on); True when it kept any. Two processes at once keep one."""
    if raw.is_empty():
        return False
    first = min(raw["start"].min().year, closed)  # type: ignore[union-attr]
    kept = KeptYear.objects.values_list("year", flat=True)
    years = published.years_to_keep(first, closed, kept)
    if not years:
        return False
    with transaction.atomic():
        extract = KeptExtract.objects.create(batch=batch, rows=published.to_bytes(raw))
        KeptYear.objects.bulk_create(
            [KeptYear(year=year, extract=extract) for year in years], ignore_conflicts=True
        )
        if not extract.years.exists():
            extract.delete()
    return True


def _as_published(raw: pl.DataFrame, today: datetime.date) -> pl.DataFrame:
    """`raw` with each kept extract's days up to the seam of its last year."""
    last = published.last_years(_kept_years())
    cutoff = employment_cutoff(today)
    kept = []
    for key in last:
        if key not in _kept:
            _kept[key] = published.from_bytes(KeptExtract.objects.get(pk=key[0]).rows, RAW)
        # What the retention job deleted from the extract is gone from the kept rows too
        # (`prune_kept` deletes it there; until it has run, it is left out here).
        rows = _kept[key].filter(pl.col("end").is_null() | (pl.col("end") >= cutoff))
        kept.append((rows, seam(last[key])))
    return published.chain(kept, raw, reasons=REASONS)


def _raw(queryset) -> pl.DataFrame:
    rows = queryset.values_list(
        "person_id",
        "unit_id",
        "profession__code",
        "person__birth_year",
        "person__sex",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
    )
    data = [
        (person, unit, code, born, sex, form, float(rate), start, end, reason or None)
        for person, unit, code, born, sex, form, rate, start, end, reason in rows
    ]
    return pl.DataFrame(data, schema=RAW, orient="row")


def _derived(raw: pl.DataFrame) -> pl.DataFrame:
    """The unit's path in today's tree and the profession's group as mapped today."""
    paths = dict(Unit.objects.values_list("pk", "path"))
    groups = {
        code: group or name
        for code, group, name in Profession.objects.values_list("code", "skr_group", "name")
    }
    frame = raw.with_columns(
        pl.col("unit_id")
        .replace_strict(paths, default=None, return_dtype=pl.String)
        .alias("unit_path"),
        pl.col("profession")
        .replace_strict(groups, default=None, return_dtype=pl.String)
        .alias("group"),
    ).select(list(SCHEMA))
    return frame.with_columns(pl.col("group").alias("skr_group"))


def employments_frame(unit: Unit, on: datetime.date | None = None) -> pl.DataFrame:
    """Employments in `unit`'s subtree (only those active on `on`, when given), from the
    extract as published (`employments`): a day of a closed year as its figures were shown."""
    frame = employments().filter(pl.col("unit_path").str.starts_with(unit.path))
    if on is not None:
        frame = frame.filter(
            (pl.col("start") <= on) & (pl.col("end").is_null() | (pl.col("end") >= on))
        )
    return frame
