"""Importing sick leave and scheduled hours (all or nothing), and computing key figures."""

from __future__ import annotations

import datetime
import hashlib
from typing import IO

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bemanna import bulk
from bemanna.analysis import healthfiles, kpi
from bemanna.audit.models import AuditEntry, log_action
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.workforce.models import Employment, ImportBatch, Person
from bemanna.workforce.services import ImportRefused, ImportReport

KINDS = {
    "sick_leave": (healthfiles.read_spells, SickLeaveSpell, ("start",), ("end", "extent")),
    "hours": (healthfiles.read_hours, ScheduledHours, ("month",), ("hours",)),
}


def import_health_file(
    kind: str,
    source: IO[bytes],
    *,
    filename: str,
    actor=None,
    dry_run: bool = False,
    is_demo: bool = False,
    today: datetime.date | None = None,
) -> ImportReport:
    """Import sick-leave spells or scheduled hours; a row with the same person and start
    (or month) as one already stored replaces it. Raises ImportRefused with every problem."""
    reader, model, keys, values = KINDS[kind]
    data = source.read()
    people = dict(Person.objects.values_list("pseudonym", "pk"))
    result = reader(
        data,
        filename,
        key=settings.PSEUDONYM_KEY.encode(),
        known=people,
        today=today or timezone.localdate(),
    )
    if not result.ok:
        log_action(
            actor,
            AuditEntry.Action.IMPORT_REFUSED,
            scope=filename,
            kind=kind,
            issues=len(result.issues),
        )
        raise ImportRefused(result.issues)
    frame = result.frame
    assert frame is not None
    frame = frame.with_columns(
        pl.col("person").replace_strict(people, return_dtype=pl.Int64).alias("person_id")
    )
    report = ImportReport(
        filename, result.rows, persons=frame["person"].n_unique(), dry_run=dry_run
    )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=kind,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=actor if getattr(actor, "pk", None) else None,
            is_demo=is_demo,
            rows=result.rows,
        )
        existing = pl.DataFrame(
            list(model.objects.values_list("pk", "person_id", *keys)),
            schema={"pk": pl.Int64, "person_id": pl.Int64, **{k: pl.Date for k in keys}},
            orient="row",
        )
        replaced = frame.join(existing, on=["person_id", *keys], how="inner")["pk"].to_list()
        for start in range(0, len(replaced), 5000):
            model.objects.filter(pk__in=replaced[start : start + 5000]).delete()
        bulk.insert_rows(
            model,
            ("person_id", *keys, *values, "batch_id"),
            ((*row, batch.pk) for row in frame.select("person_id", *keys, *values).iter_rows()),
        )
        report.updated, report.created = len(replaced), frame.height - len(replaced)
        report.extra["rows"] = frame.height
        if dry_run:
            transaction.set_rollback(True)
    log_action(
        actor,
        AuditEntry.Action.IMPORT,
        scope=filename,
        kind=kind,
        dry_run=dry_run,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
    )
    return report


def health_frames(first: datetime.date, last: datetime.date):
    """Spells touching, and hours within, a period, with everyone's sex and birth year: read
    once, then cut per unit in polars."""
    spells = SickLeaveSpell.objects.filter(start__lte=last).exclude(end__lt=first)
    hours = ScheduledHours.objects.filter(month__gte=first.replace(day=1), month__lte=last)
    return (
        pl.DataFrame(
            [
                (str(p), s, e, x)
                for p, s, e, x in spells.values_list("person_id", "start", "end", "extent")
            ],
            schema={"person": pl.String, "start": pl.Date, "end": pl.Date, "extent": pl.Float64},
            orient="row",
        ),
        pl.DataFrame(
            [(str(p), m, h) for p, m, h in hours.values_list("person_id", "month", "hours")],
            schema={"person": pl.String, "month": pl.Date, "hours": pl.Float64},
            orient="row",
        ),
        pl.DataFrame(
            [(str(p), x, y) for p, x, y in Person.objects.values_list("pk", "sex", "birth_year")],
            schema={"person": pl.String, "sex": pl.String, "birth_year": pl.Int64},
            orient="row",
        ),
    )


def placements(on: datetime.date) -> dict[int, tuple[int, str]]:
    """Everyone employed on a date → (unit id, unit path) of their largest employment. One
    query; a page cuts it per unit with `people_in`."""
    rows = (
        Employment.objects.filter(start__lte=on)
        .exclude(end__lt=on)
        .order_by("person_id", "-rate", "pk")
        .values_list("person_id", "unit_id", "unit__path")
    )
    chosen: dict[int, tuple[int, str]] = {}
    for person, unit, path in rows:
        chosen.setdefault(person, (unit, path))
    return chosen


def people_in(placed: dict[int, tuple[int, str]], unit) -> list[int]:
    """The people placed in the unit's subtree."""
    return [person for person, (_unit, path) in placed.items() if path.startswith(unit.path)]


def sick_leave(frames, people: list[int], year: int) -> tuple[dict, pl.DataFrame]:
    """Figures 1–7 for some people in a year, and figure 1 per month."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    chosen = pl.Series([str(p) for p in people], dtype=pl.String).implode()
    spells, hours, persons = (frame.filter(pl.col("person").is_in(chosen)) for frame in frames)
    return (
        kpi.sick_leave(spells, hours, persons, start, end),
        kpi.monthly_sick_leave(spells, hours, start, end),
    )
