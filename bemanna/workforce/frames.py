"""ORM data as polars frames for the engine; views never do arithmetic on querysets."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

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
from bemanna.workforce.retention import employment_cutoff, final_on, last_final_month

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

    The whole region (no `queryset`) is the extract as published: every closed year and
    every final month of the running year (`retention.last_final_month`) as it stood when
    its figures were first computed, what arrived about it later counting from the day after
    its seam (`publish`, `analysis.published`), so no figure shown of a closed year or a
    final month changes with a later extract. It is read once per data version and process: every
    forecast page starts from it, and an import changes the version."""
    global _region
    if queryset is not None:
        return _derived(_raw(queryset))
    today = today or timezone.localdate()
    version = data_version()
    # HR's Yrkesgrupper page regroups a code without an import (`_derived` reads it).
    regrouped = tuple(GroupMapping.objects.aggregate(Max("updated"), Count("pk")).values())
    # A month becoming final keeps the rows then, not at the next import: kept with that
    # import's late rows, its figures shown before would change.
    final = last_final_month(today)
    key = (version, regrouped, employment_cutoff(today), final, _kept_years())
    if _region is None or _region[0] != key:
        raw = _raw(Employment.objects.all())
        rows = _as_published(raw, today)
        if publish(rows, version[0], final):
            key = (version, regrouped, employment_cutoff(today), final, _kept_years())
            rows = _as_published(raw, today)
        _region = (key, _derived(rows))
    return _region[1]


def forget() -> None:
    """Drop the cached region (the tests start each case from an empty cache)."""
    global _region
    _region = None
    _kept.clear()


def seam(year: int, month: int = 12) -> datetime.date:
    """The last day a kept period's rows say for good: the day it is final
    (`retention.final_on`; 1 February for a closed year). Whether someone whose job ended on
    New Year's Eve left in that year turns on whether they were back by then
    (`stock.MOVE_DAYS`)."""
    return final_on(datetime.date(year, month, 1))


def _kept_years() -> tuple[tuple, ...]:
    # When it was taken too: a rolled-back test's next extract may have the same id.
    return tuple(
        KeptYear.objects.values_list(
            "year", "month", "extract_id", "extract__pruned", "extract__taken"
        )
    )


def prune_kept(today: datetime.date) -> None:
    """Delete from the kept extracts what the retention job deleted from the extract: the
    employments that ended before `employment_cutoff`, and anyone no longer a person here
    (but the erased, `detach_kept`: their rows go by the date alone)."""
    cutoff = employment_cutoff(today)
    people = pl.Series(list(Person.objects.values_list("pk", flat=True)), dtype=pl.Int64)
    for extract in KeptExtract.objects.all():
        rows = published.from_bytes(extract.rows, RAW)
        kept = rows.filter(
            (pl.col("end").is_null() | (pl.col("end") >= cutoff))
            & (pl.col("person").is_in(people.implode()) | published.detached("person"))
        )
        if kept.height < rows.height:
            extract.rows = published.to_bytes(kept)
            extract.pruned += 1
            extract.save(update_fields=["rows", "pruned"])
    _kept.clear()


def detached_ids() -> set[int]:
    """The ids the kept extracts give erased people (`detach_kept`)."""
    taken: set[int] = set()
    for extract in KeptExtract.objects.all():
        rows = published.from_bytes(extract.rows, RAW)
        taken |= set(rows.filter(published.detached("person"))["person"].to_list())
    return taken


def detach_kept(surrogates: Mapping[int, int]) -> None:
    """Give the kept extracts' rows of people about to be erased the ids `surrogates`
    (`published.surrogates`), linked to no one: the periods shown from them stay as shown.
    Deleted, a closed year's figures before minus after would be the erased person's (their
    unit, years and reason for leaving, to the one who erased them), and their rows go with
    the years anyway (`prune_kept`). Inside the erasure's transaction."""
    for extract in KeptExtract.objects.all():
        rows = published.from_bytes(extract.rows, RAW)
        moved = published.rekey(rows, "person", surrogates)
        if moved is not None:
            extract.rows = published.to_bytes(moved)
            extract.save(update_fields=["rows"])
    _kept.clear()


def publish(rows: pl.DataFrame, batch: int, final: datetime.date) -> bool:
    """Keep `rows` (the extract as published now, `_as_published`) as the rows of every
    period not yet kept (closed years and final months up to the month `final`, from the
    extract's first year on); True when it kept any. Two processes at once keep one.

    A year's final months are kept one by one while it runs; once the year itself is kept
    (its December final), their rows are in the year's, which were published over them, so
    they are deleted."""
    if rows.is_empty():
        return False
    first = min(rows["start"].min().year, final.year)  # type: ignore[union-attr]
    kept = KeptYear.objects.values_list("year", "month")
    periods = published.periods_to_keep(first, final, list(kept))
    if not periods:
        return False
    with transaction.atomic():
        extract = KeptExtract.objects.create(batch=batch, rows=published.to_bytes(rows))
        keep_periods(extract, KeptYear, "extract", periods)
    return True


def keep_periods(kept, period, link: str, periods: list[published.Period]) -> None:
    """Link `kept` (rows just stored: a `KeptExtract` or a `KeptHealth`) to the `periods` it
    is the first to show, as rows of `period` (`KeptYear`, `KeptHealthYear`; `link` names
    their foreign key, whose reverse is `years`). Another process may have linked a period
    first; a closed year's months go, as the year's rows hold them; rows left without a
    period go too. Inside the caller's transaction."""
    period.objects.bulk_create(
        [period(year=year, month=month, **{link: kept}) for year, month in periods],
        ignore_conflicts=True,
    )
    closed = period.objects.filter(month=12).values("year")
    period.objects.filter(year__in=closed, month__lt=12).delete()
    type(kept).objects.filter(years__isnull=True).delete()


def _as_published(raw: pl.DataFrame, today: datetime.date) -> pl.DataFrame:
    """`raw` with each kept extract's days up to the seam of its last period."""
    last = published.last_periods(_kept_years())
    cutoff = employment_cutoff(today)
    kept = []
    for key in last:
        if key not in _kept:
            _kept[key] = published.from_bytes(KeptExtract.objects.get(pk=key[0]).rows, RAW)
        # What the retention job deleted from the extract is gone from the kept rows too
        # (`prune_kept` deletes it there; until it has run, it is left out here).
        rows = _kept[key].filter(pl.col("end").is_null() | (pl.col("end") >= cutoff))
        kept.append((rows, seam(*last[key])))
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
