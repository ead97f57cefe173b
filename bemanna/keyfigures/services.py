"""Importing sick leave and scheduled hours (all or nothing), and computing key figures."""

from __future__ import annotations

import datetime
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from bemanna import bulk
from bemanna.analysis import healthfiles, kpi, published
from bemanna.analysis.disclosure import (
    ancestors,
    pages_and_partitions,
    visible_units_of_people,
    visible_units_of_populations,
)
from bemanna.analysis.forecast import history, over_time
from bemanna.analysis.forecast import shown as forecast_shown
from bemanna.audit.models import AuditEntry, log_action
from bemanna.forecast import shown_past
from bemanna.forecast.years import shown_per_block
from bemanna.keyfigures import figures
from bemanna.keyfigures.models import (
    CompetencePlan,
    Figure,
    KeptCosts,
    KeptCostsYear,
    KeptHealth,
    KeptHealthYear,
    PersonnelCost,
    PlanStatus,
    PublishedYear,
    ScheduledHours,
    SickLeaveSpell,
    Target,
)
from bemanna.org import frozen, thresholds
from bemanna.org.models import Unit
from bemanna.workforce.frames import detached_ids as frames_detached_ids
from bemanna.workforce.frames import employments as employments_frame
from bemanna.workforce.frames import keep_periods
from bemanna.workforce.models import (
    Employment,
    EmploymentForm,
    GroupMapping,
    ImportBatch,
    Person,
    PersonAlias,
    Profession,
)
from bemanna.workforce.retention import first_whole_year, last_final_month, month_end
from bemanna.workforce.services import ImportRefused, ImportReport

KINDS = {
    # kind: reader, model, key columns besides the person (or unit), value columns
    "sick_leave": (healthfiles.read_spells, SickLeaveSpell, ("start",), ("end", "extent")),
    "hours": (healthfiles.read_hours, ScheduledHours, ("month",), ("hours",)),
    "plans": (healthfiles.read_plans, CompetencePlan, (), ("has_plan",)),
    "costs": (
        healthfiles.read_costs,
        PersonnelCost,
        ("month", "profession_group"),
        ("own_cost", "hired_cost", "pool_hours"),
    ),
}
KEY_TYPES = {"start": pl.Date, "month": pl.Date, "profession_group": pl.String}


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
    """Import sick-leave spells, scheduled hours, competence plans or personnel costs; a row
    with the same person (or unit) and key as one already stored replaces its values in place
    (so what refers to a spell, like an early-intervention call, stays). Raises ImportRefused
    with every problem."""
    reader, model, keys, values = KINDS[kind]
    data = source.read()
    if kind == "costs":
        owners = dict(Unit.objects.values_list("code", "pk"))
        owner, owner_id = "unit", "unit_id"
        result = reader(data, filename, units=owners)
    else:
        # A person by the pseudonym of the extract's identity, or of the Anst.nr it gave
        # beside a personnummer (`PersonAlias`).
        owners = {
            **dict(PersonAlias.objects.values_list("pseudonym", "person_id")),
            **dict(Person.objects.values_list("pseudonym", "pk")),
        }
        owner, owner_id = "person", "person_id"
        result = reader(
            data,
            filename,
            key=settings.PSEUDONYM_KEY.encode(),
            known=owners,
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
        pl.col(owner).replace_strict(owners, return_dtype=pl.Int64).alias(owner_id)
    )
    report = ImportReport(
        filename,
        result.rows,
        persons=frame["person"].n_unique() if owner == "person" else 0,
        dry_run=dry_run,
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
            list(model.objects.values_list("pk", owner_id, *keys)),
            schema={"pk": pl.Int64, owner_id: pl.Int64, **{k: KEY_TYPES[k] for k in keys}},
            orient="row",
        )
        matched = frame.join(existing, on=[owner_id, *keys], how="left")
        replaced = matched.filter(pl.col("pk").is_not_null())
        model.objects.bulk_update(
            [
                model(pk=pk, batch_id=batch.pk, **dict(zip(values, rest, strict=True)))
                for pk, *rest in replaced.select("pk", *values).iter_rows()
            ],
            [*values, "batch"],
            batch_size=2000,
        )
        bulk.insert_rows(
            model,
            (owner_id, *keys, *values, "batch_id"),
            (
                (*row, batch.pk)
                for row in matched.filter(pl.col("pk").is_null())
                .select(owner_id, *keys, *values)
                .iter_rows()
            ),
        )
        report.updated, report.created = replaced.height, frame.height - replaced.height
        report.extra["rows"] = frame.height
        if kind == "plans":
            _keep_statuses(batch)
        if kind == "hours":
            report.notes = _hours_notes()
        if kind == "costs":
            report.notes = _cost_notes(frame, today or timezone.localdate())
        # The import history's Nya / Ändrade columns, as for the HR extract.
        ImportBatch.objects.filter(pk=batch.pk).update(
            created_count=report.created, updated_count=report.updated
        )
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


def _keep_statuses(batch: ImportBatch) -> None:
    """Who has a plan as the plan file leaves it, kept with the file (`PlanStatus`)."""
    bulk.insert_rows(
        PlanStatus,
        ("batch_id", "person_id", "detached", "has_plan"),
        (
            (batch.pk, *row)
            for row in CompetencePlan.objects.values_list("person_id", "detached", "has_plan")
        ),
    )


def _hours_notes() -> tuple[str, ...]:
    """What the scheduled hours stored now leave out of the key figures, if anything: a last
    month with fewer people than `healthfiles.COMPLETE_SHARE` of the month before's."""
    hours = pl.DataFrame(
        list(ScheduledHours.objects.values_list("person_id", "month")),
        schema={"person": pl.Int64, "month": pl.Date},
        orient="row",
    )
    partial = healthfiles.complete_through(hours).partial
    if partial is None:
        return ()
    month, people, before = partial
    return (
        ngettext(
            "%(month)s has scheduled hours for %(people)s person, %(before)s the month before: "
            "its sick leave is counted once the rest of its hours are imported (or the next "
            "month's).",
            "%(month)s has scheduled hours for %(people)s people, %(before)s the month before: "
            "its sick leave is counted once the rest of its hours are imported (or the next "
            "month's).",
            people,
        )
        % {
            "month": date_format(month, "YEAR_MONTH_FORMAT"),
            "people": people,
            "before": before,
        },
    )


def _cost_notes(imported: pl.DataFrame, today: datetime.date) -> tuple[str, ...]:
    """What of the costs stored now the key figures leave out: the file's rows about months
    already shown (`published_costs` keeps them as first shown), and the first month not
    yet shown whose costs cover less than `COST_COVERAGE` of the staff."""
    notes = []
    stored = _as_published_costs(_cost_rows())
    kept = max(_kept_cost_periods(), default=None)
    if kept is not None:
        seam = datetime.date(*kept, 1)
        rows = imported.filter(pl.col("month") <= seam).select(
            pl.col("unit_id").alias("unit"), *list(COSTS)[1:]
        )
        shown = stored.filter(pl.col("month") <= seam)
        late = rows.cast(COSTS).join(shown, on=list(COSTS), how="anti").height  # changed
        if late:
            notes.append(
                ngettext(
                    "%(rows)s row is about a month whose key figures have been shown (up to "
                    "%(month)s): the month stays as first shown, and the row counts nowhere.",
                    "%(rows)s rows are about months whose key figures have been shown (up to "
                    "%(month)s): those months stay as first shown, and the rows count nowhere.",
                    late,
                )
                % {"rows": late, "month": date_format(seam, "YEAR_MONTH_FORMAT")}
            )
    if not stored.is_empty():
        waiting = _first_uncovered(stored, stored["month"].max(), today)  # type: ignore[arg-type]
        if waiting is not None:
            month, share = waiting
            notes.append(
                gettext(
                    "%(month)s has costs for the units of %(share)s %% of the staff: it and "
                    "the months after it are counted once the rest of its costs are imported."
                )
                % {
                    "month": date_format(month, "YEAR_MONTH_FORMAT"),
                    "share": int(100 * share),
                }
            )
    return tuple(notes)


def health_frames(first: datetime.date, last: datetime.date, today: datetime.date):
    """Spells touching, and hours within, a period, with everyone's sex and birth year, as
    published (`published_health`: a closed year's as its key figures were first shown).

    The earlier rows of the people on sick leave in the period come too: a row that continues
    one from before the period belongs to the same spell, whose length counts from its first
    day (kpi.continuous_spells). Rows starting after `last` do not: a spell's length counts
    up to the period's end at most (kpi.spell_days), so they change no figure of it."""
    spells, hours = published_health(today)
    touching = spells.filter(
        (pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= first))
    )["person"].unique()
    return (
        spells.filter(pl.col("person").is_in(touching.implode()) & (pl.col("start") <= last)),
        hours.filter(pl.col("month").is_between(first.replace(day=1), last)),
        pl.DataFrame(
            list(Person.objects.values_list("pk", "sex", "birth_year")),
            schema={"person": pl.Int64, "sex": pl.String, "birth_year": pl.Int64},
            orient="row",
        ),
    )


SPELLS = {"person": pl.Int64, "start": pl.Date, "end": pl.Date, "extent": pl.Float64}
HOURS = {"person": pl.Int64, "month": pl.Date, "hours": pl.Float64}
_kept_health: dict[tuple, tuple[pl.DataFrame, pl.DataFrame]] = {}


def published_health(today: datetime.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every sick-leave spell and month of scheduled hours, each closed year's and each final
    month's of the running year (`retention.last_final_month`) as they stood when its key
    figures were first computed (`KeptHealth`, kept then): a spell or hours registered later
    about a kept period count nowhere, the part of a spell after it where it is
    (`analysis.published`). Recomputed from each new file, a period's sick leave before
    minus after would be one person's.

    A last month whose hours are not all in yet (`healthfiles.complete_through`: a file of
    one area's) is left out, hours and so sick leave, as a month without any: kept with part
    of its hours, its sick leave would stay without the rest."""
    spells = with_since(spells_now())
    hours = pl.DataFrame(
        list(ScheduledHours.objects.values_list("person_id", "month", "hours")),
        schema=HOURS,
        orient="row",
    )
    shown_spells, shown_hours = _as_published_health(spells, hours)
    months = healthfiles.complete_through(shown_hours)
    if _publish_health(shown_spells, shown_hours, last_final_month(today), months.complete):
        shown_spells, shown_hours = _as_published_health(spells, hours)
    partial = months.partial and months.partial[0]
    if partial and (partial.year, partial.month) > max(_kept_health_periods(), default=(0, 0)):
        shown_hours = shown_hours.filter(pl.col("month") < partial)
    return shown_spells, shown_hours


def _kept_health_periods() -> list[published.Period]:
    return list(KeptHealthYear.objects.values_list("year", "month"))


def _as_published_health(
    spells: pl.DataFrame, hours: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The spells and hours with each kept period's rows up to its end."""
    # When it was taken too: a rolled-back test's next row may have the same id.
    last = published.last_periods(
        KeptHealthYear.objects.values_list(
            "year", "month", "kept_id", "kept__pruned", "kept__taken"
        )
    )
    if not last:
        return spells, hours
    people = pl.Series(list(Person.objects.values_list("pk", flat=True)), dtype=pl.Int64)
    chain_spells, chain_hours = [], []
    for key in last:
        if key not in _kept_health:
            row = KeptHealth.objects.get(pk=key[0])
            _kept_health[key] = (
                _kept_spells(row.spells),
                published.from_bytes(row.hours, HOURS),
            )
        kept_spells, kept_hours = _kept_health[key]
        # Whom the retention job deleted is gone from the kept rows too (`prune_kept_health`
        # deletes the rest of what it deleted); the erased stay (`detach_kept_health`).
        alive = pl.col("person").is_in(people.implode()) | published.detached("person")
        seam = month_end(datetime.date(*last[key], 1))
        chain_spells.append((kept_spells.filter(alive), seam))
        chain_hours.append((kept_hours.filter(alive), seam))
    return published.chain(chain_spells, spells), published.chain_months(chain_hours, hours)


def prune_kept_health(oldest: datetime.date) -> None:
    """Delete from the kept sick-leave rows what the retention job deleted (`early.
    delete_expired`): spells ended and hours of months before `oldest`, and anyone no longer
    a person here (but the erased, `detach_kept_health`: their rows go by the date alone)."""
    people = pl.Series(list(Person.objects.values_list("pk", flat=True)), dtype=pl.Int64)
    alive = pl.col("person").is_in(people.implode()) | published.detached("person")
    for row in KeptHealth.objects.all():
        spells, hours = (
            published.from_bytes(row.spells, SPELLS),
            published.from_bytes(row.hours, HOURS),
        )
        kept_spells = spells.filter(alive & (pl.col("end").is_null() | (pl.col("end") >= oldest)))
        kept_hours = hours.filter(alive & (pl.col("month") >= oldest))
        if kept_spells.height < spells.height or kept_hours.height < hours.height:
            row.spells, row.hours = published.to_bytes(kept_spells), published.to_bytes(kept_hours)
            row.pruned += 1
            row.save(update_fields=["spells", "hours", "pruned"])
    _kept_health.clear()
    # An erased person's plan goes once no kept extract has a row of theirs (the retention
    # run after `frames.prune_kept` deleted the last): until then a plan file's day may
    # count them, whatever plan file came after.
    detached = CompetencePlan.objects.filter(person__isnull=True)
    statuses = PlanStatus.objects.filter(person__isnull=True)
    if detached.exists() or statuses.exists():  # (reading every kept extract only then)
        kept = frames_detached_ids()
        detached.exclude(detached__in=kept).delete()
        statuses.exclude(detached__in=kept).delete()


def detached_health_ids() -> set[int]:
    """The ids the kept sick leave gives erased people (`detach_kept_health`)."""
    taken: set[int] = set()
    for row in KeptHealth.objects.all():
        for blob, schema in ((row.spells, SPELLS), (row.hours, HOURS)):
            rows = published.from_bytes(blob, schema)
            taken |= set(rows.filter(published.detached("person"))["person"].to_list())
    return taken


def detach_kept_health(surrogates: dict[int, int]) -> None:
    """Give the kept sick leave's rows of people about to be erased the ids `surrogates`,
    as `workforce.frames.detach_kept` does the kept extracts' (the same ids, so each stays
    in the units the kept extract puts them): a kept month's sick leave and day-8 counts
    stay as shown. Inside the erasure's transaction."""
    for row in KeptHealth.objects.all():
        spells = published.from_bytes(row.spells, SPELLS)
        hours = published.from_bytes(row.hours, HOURS)
        moved_spells = published.rekey(spells, "person", surrogates)
        moved_hours = published.rekey(hours, "person", surrogates)
        if moved_spells is None and moved_hours is None:
            continue
        row.spells = published.to_bytes(spells if moved_spells is None else moved_spells)
        row.hours = published.to_bytes(hours if moved_hours is None else moved_hours)
        row.save(update_fields=["spells", "hours"])
    _kept_health.clear()


def with_since(spells: pl.DataFrame) -> pl.DataFrame:
    """`spells` with `since`, each row's spell's first day (`kpi.continuous_spells`): cut at
    a kept period's seam (`analysis.published`), a late spell still counts its length, and
    its day 8, from the day it began (`early._reached`)."""
    joined = kpi.continuous_spells(spells, datetime.date(9999, 12, 31))
    return joined.select(*SPELLS, pl.col("spell_start").alias("since"))


def _kept_spells(blob: bytes) -> pl.DataFrame:
    """Kept spells, with `since`; rows kept before it was have their own start, from which
    the figures then counted (`kpi.continuous_spells` joins them as it did)."""
    spells = published.from_bytes(blob, SPELLS)
    if "since" in spells.columns:
        return spells.cast({"since": pl.Date})
    return spells.with_columns(since=pl.col("start"))


def spells_now() -> pl.DataFrame:
    """Every sick-leave spell as it is stored now (not as published)."""
    return pl.DataFrame(
        list(SickLeaveSpell.objects.values_list("person_id", "start", "end", "extent")),
        schema=SPELLS,
        orient="row",
    )


def _publish_health(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    final: datetime.date,
    complete: datetime.date | None,
) -> bool:
    """Keep the rows (as published now) as every period's not yet kept, up to the final
    month `final` or the last month whose scheduled hours are in (`complete`) if earlier
    (from the first year with any); True when it kept any. A year's months are deleted once
    the year is kept, as `frames.publish` does.

    Only once both files are in, and a month only once its hours are: a region imports its
    sick-leave spells and its hours one after the other (and the Import page computes the
    figures after each), and the second file is no late row of the first: kept before it
    came, the months' sick leave would stay without it."""
    if spells.is_empty() or complete is None:
        return False
    final = min(final, complete)
    starts = [d for d in (spells["start"].min(), hours["month"].min()) if d is not None]
    first = min(min(starts).year, final.year)
    periods = published.periods_to_keep(first, final, _kept_health_periods())
    if not periods:
        return False
    batch = ImportBatch.objects.aggregate(latest=Max("pk"))["latest"] or 0
    with transaction.atomic():
        row = KeptHealth.objects.create(
            batch=batch, spells=published.to_bytes(spells), hours=published.to_bytes(hours)
        )
        keep_periods(row, KeptHealthYear, "kept", periods)
    return True


def _every_month(
    parents: dict[int, int | None], people: pl.DataFrame, k: int, shown: set[int]
) -> set[int]:
    """The units of `shown` that pass the tree rule (`disclosure.visible_units_of_people`)
    in each month of `people` (person, unit, month) too, within these same units: none of
    their monthly figures, and no parent's month minus its shown children's, is of 1 to
    k − 1 people. A unit with no one in a month has no figure then (its year is of the
    other months)."""
    months = people.partition_by("month", as_dict=True)
    while True:
        kept = set(shown)
        for frame in months.values():
            members = dict(frame.group_by("unit").agg(pl.col("person")).rows())
            inside = _subtree_members(parents, members)
            fine = visible_units_of_people(parents, members, k=k, within=kept)
            kept = {unit for unit in kept if unit in fine or not inside.get(unit)}
        if kept == shown:
            return shown
        shown = kept


def _subtree_members(
    parents: dict[int, int | None], members: dict[int, list[int]]
) -> dict[int, bool]:
    """Which units have anyone in their subtree."""
    anyone: dict[int, bool] = {}
    for unit in members:
        while unit is not None and not anyone.get(unit):
            anyone[unit] = True
            unit = parents.get(unit)
    return anyone


def _employments(first: datetime.date, last: datetime.date, today: datetime.date) -> pl.DataFrame:
    """The employments touching a period, from the extract as published (a closed year as
    it was first shown: `workforce.frames.employments`)."""
    region = employments_frame(today=today)
    return region.filter(
        (pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= first))
    ).select(
        pl.col("person"),
        pl.col("unit_id").alias("unit"),
        pl.col("rate"),
        pl.col("start"),
        pl.col("end"),
        pl.col("group"),  # today's: a kept year reads its own (`published_groups`)
        pl.col("profession").alias("code"),
    )


COSTS = {
    "unit": pl.Int64,
    "month": pl.Date,
    "profession_group": pl.String,
    "own_cost": pl.Float64,
    "hired_cost": pl.Float64,
    "pool_hours": pl.Float64,
}
_kept_costs: dict[tuple, pl.DataFrame] = {}


def _cost_rows() -> pl.DataFrame:
    rows = PersonnelCost.objects.values_list(
        "unit_id", "month", "profession_group", "own_cost", "hired_cost", "pool_hours"
    )
    return pl.DataFrame(list(rows), schema=COSTS, orient="row")


def published_costs(today: datetime.date) -> pl.DataFrame:
    """Every unit's personnel costs a month, each closed year's and each final month's of
    the running year (`retention.last_final_month`) as they stood when its key figures were
    first computed (`KeptCosts`, kept then): a row imported later about a kept period counts
    nowhere. Recomputed from each new file, the region's kronor before and after one ward's
    late row were that ward's (an insider's thirteenth round: October's costs in two files,
    the second one ward's, gave its own-staff cost to the krona), and so were a closed
    year's before and after a corrected row.

    A final month not yet kept whose cost rows cover less than `COST_COVERAGE` of the
    staff (`kpi.cost_coverage`) is neither shown nor kept, nor is any month after it, until
    the rest are in: shown with one ward's costs, the region's month was that ward's (a row
    for a later month let it through when the last month stored was the measure, an
    insider's fourteenth round)."""
    return costs_and_wait(today)[0]


OUTSIDE = -1  # the branch of a unit no year's region holds (`with_branches`)


def with_branches(
    costs: pl.DataFrame, trees: Mapping[int, Mapping[int, int | None]]
) -> pl.DataFrame:
    """`costs` with each row's `branch` (`kpi.branches`) in its year's tree (year → unit →
    parent, as the year's key figures are computed: `published_trees`), which `kpi.cost_parts`
    decides a group's kronor on. A unit outside the tree, and every unit of a tree without one
    region, are one branch together (`OUTSIDE`): taken each as its own, a year kept with two
    roots priced a group two wards of one clinic named (an insider's twentieth round)."""
    rows = [
        (year, unit, branch)
        for year, parents in trees.items()
        for unit, branch in kpi.branches(parents).items()
    ]
    mapping = pl.DataFrame(
        rows, schema={"_year": pl.Int32, "unit": pl.Int64, "branch": pl.Int64}, orient="row"
    )
    return (
        costs.with_columns(pl.col("month").dt.year().alias("_year"))
        .join(mapping, on=["_year", "unit"], how="left")
        .with_columns(pl.col("branch").fill_null(OUTSIDE))
        .drop("_year")
    )


def costs_for_forecast(today: datetime.date) -> pl.DataFrame:
    """The costs as shown (`published_costs`), each row with its branch in its year's tree
    (`with_branches`): what the forecast prices from."""
    costs = published_costs(today)
    years = sorted(set(costs["month"].dt.year().to_list()))
    trees, _k = published_trees(years, today)
    parents = {
        year: {pk: unit.parent_id for pk, unit in units.items()} for year, units in trees.items()
    }
    return with_branches(costs, parents)


def costs_and_wait(today: datetime.date) -> tuple[pl.DataFrame, datetime.date | None]:
    """`published_costs`, and the first month that waits for more of its costs (None if
    none does): no month from it on, and none of its year once that has closed."""
    costs = _cost_rows()
    shown = _as_published_costs(costs)
    final = last_final_month(today)
    waiting = _first_uncovered(shown, final, today)
    through = final if waiting is None else (waiting[0] - datetime.timedelta(days=1)).replace(day=1)
    if _publish_costs(shown, through):
        shown = _as_published_costs(costs)
    # No month after the last final one: not judged on its coverage yet, a thin December
    # read in January priced a closed year the key figures held back (an insider's
    # eighteenth round).
    shown = shown.filter(pl.col("month") <= final)
    if waiting is None:
        return shown, None
    month = waiting[0]
    return _whole_years(shown.filter(pl.col("month") < month), month, final), month


def _whole_years(costs: pl.DataFrame, waiting: datetime.date, final: datetime.date) -> pl.DataFrame:
    """`costs` without the year of the month `waiting` once that year has closed: shown as
    the year with nine months, then with twelve, a group's hired cost moved by one unit's
    quarter (an insider's sixteenth round)."""
    if waiting.replace(month=12) > final:
        return costs
    return costs.filter(pl.col("month").dt.year() != waiting.year)


# A month's costs count once the units with cost rows (or below one) hold this share of the
# monthly-paid staff: the rest of a file in parts, or a unit without costs, would otherwise
# be kept out of the month for good, or the month shown as one area's. At 80 % one
# förvaltning of 80.5 % stood for the region's month (an insider's fifteenth round).
COST_COVERAGE = 0.95


def _first_uncovered(
    costs: pl.DataFrame, through: datetime.date, today: datetime.date
) -> tuple[datetime.date, float] | None:
    """The first month after the last kept period, up to `through`, whose cost rows cover
    less than `COST_COVERAGE` of the staff, and the share they cover; None if none does.
    A month with no row at all counts as one without costs when a later month has rows."""
    if costs.is_empty():
        return None
    kept = max(_kept_cost_periods(), default=None)
    first = (
        costs["month"].min()
        if kept is None
        else month_end(datetime.date(*kept, 1)) + datetime.timedelta(days=1)
    )
    assert isinstance(first, datetime.date)
    if first > through:
        return None
    months = pl.date_range(first, through, "1mo", eager=True).to_list()
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    coverage = kpi.cost_coverage(costs, employments_frame(today=today), parents, months)
    # A month without a single row before one with rows is a month without costs, not a
    # file still to come: it adds nothing, and waiting for it would hold every month after.
    booked = set(costs["month"].unique().to_list())
    last = max(booked)
    thin = [m for m in months if coverage[m] < COST_COVERAGE and (m in booked or m > last)]
    return (thin[0], coverage[thin[0]]) if thin else None


def _kept_cost_periods() -> list[published.Period]:
    return list(KeptCostsYear.objects.values_list("year", "month"))


def _as_published_costs(costs: pl.DataFrame) -> pl.DataFrame:
    """The cost rows with each kept period's months as kept."""
    last = published.last_periods(
        KeptCostsYear.objects.values_list("year", "month", "kept_id", "kept__taken")
    )
    kept = []
    for key, period in last.items():
        if key not in _kept_costs:
            _kept_costs[key] = published.from_bytes(KeptCosts.objects.get(pk=key[0]).rows, COSTS)
        kept.append((_kept_costs[key], month_end(datetime.date(*period, 1))))
    return published.chain_months(kept, costs)


def _publish_costs(costs: pl.DataFrame, final: datetime.date) -> bool:
    """Keep the cost rows (as published now) as every period's not yet kept, up to the
    month `final` (from the first year with any); True when it kept any."""
    if costs.is_empty():
        return False
    first = min(costs["month"].min().year, final.year)  # type: ignore[union-attr]
    periods = published.periods_to_keep(first, final, _kept_cost_periods())
    if not periods:
        return False
    batch = ImportBatch.objects.aggregate(latest=Max("pk"))["latest"] or 0
    with transaction.atomic():
        row = KeptCosts.objects.create(batch=batch, rows=published.to_bytes(costs))
        keep_periods(row, KeptCostsYear, "kept", periods)
    return True


YEARS = 10  # the trend shown, and what the board report looks back over
_computed: OrderedDict[tuple, KeyFigures] = OrderedDict()


def key_figures(year: int, today: datetime.date) -> KeyFigures:
    """`KeyFigures` for a year, kept for the next request while the data stay the same (an
    import, a unit moved or a target changed makes a new one)."""
    key = (
        year,
        today,
        ImportBatch.objects.aggregate(latest=Max("pk"))["latest"],
        SickLeaveSpell.objects.count(),
        ScheduledHours.objects.count(),
        PersonnelCost.objects.count(),
        Employment.objects.count(),
        tuple(Unit.objects.values_list("pk", "parent_id").order_by("pk")),
        # HR's Yrkesgrupper page regroups codes without an import: a worker must not serve
        # figures over the grouping before it beside another's over the grouping after.
        tuple(GroupMapping.objects.aggregate(Max("updated"), Count("pk")).values()),
        tuple(Profession.objects.values_list("pk", "skr_group").order_by("pk")),
    )
    if key not in _computed:
        _computed[key] = KeyFigures(year, today)
        while len(_computed) > 4:
            _computed.popitem(last=False)
    figures = _computed[key]
    figures.targets = Targets()  # cheap, and edited in the admin without an import
    return figures


# A unit's hired share as a fraction, rounded as the page writes it in per cent:
# `KeyFigures.costs`.
SHARE_DECIMALS = figures.FIGURES["hired_share"].decimals + 2


def first_year(year: int, today: datetime.date) -> int:
    """The first year a year's key figures show: ten years back, none before the oldest
    kept whole (`retention.first_whole_year`)."""
    return max(year - YEARS + 1, min(first_whole_year(today), year))


class KeyFigures:
    """Every key figure for every unit's subtree over ten years up to a year, computed once
    for the region (the page, the board report and the bench read from it).

    People are placed, month by month, in the unit of their largest employment that month,
    so a person who leaves or moves during the year counts where they were. What anyone may
    see (every role: sick leave is health data) is decided once per year for the whole tree:
    `shown_units` (no figure resting on fewer than `threshold()` people, nothing from which a
    hidden unit could be worked out) and `partitions` (on which units' pages each flat
    partition, profession group, women/men or age band, may be shown, and which parts:
    `disclosure.pages_and_partitions`, so no unit, page or other partition minus a group
    gives anyone away); and `long_share_units` (figure 2 and the long-term hours, which are
    the sick leave of the few on a long spell, decided over the tree on those few).
    """

    def __init__(self, year: int, today: datetime.date) -> None:
        self.year = year
        # Ten years, none before the oldest kept whole (`retention.first_whole_year`): an
        # older year's leavers are deleted, and its figures would move every 1 February.
        self.first = datetime.date(first_year(year, today), 1, 1)
        # A year not closed counts its final months only (`retention.last_final_month`):
        # the months after still change with late rows, and before minus after would be
        # one person's.
        self.end = min(datetime.date(year, 12, 31), month_end(last_final_month(today)))
        self.today = today
        # Each year over the tree (and k) its figures were first shown with, the running
        # year too: moving a unit later changes nothing shown for a year, nor for the
        # months of the running year already shown (`PublishedYear`, `keeps_tree`).
        self.trees, self.ks = published_trees(range(self.first.year, year + 1), today)
        # And the profession groups (a code remapped on HR's Yrkesgrupper page counts in its
        # new group from the next year on: "per group" before minus after is no one's).
        groups = published_groups(range(self.first.year, year + 1), today)
        self.units = self.trees[year]
        self.parents = {pk: unit.parent_id for pk, unit in self.units.items()}
        self.paths = {pk: _path(self.parents, pk) for pk in self.parents}
        spells, hours, self.persons = health_frames(self.first, self.end, today)
        # The years with scheduled hours: sick leave is a share of them, so a year without
        # any has no sick-leave figures (the staff figures need only the HR extract).
        self.hours_years = set(hours["month"].dt.year().unique().to_list())
        self.spells = kpi.continuous_spells(spells, self.end)  # joined once, not per figure
        self._pairs: dict[tuple, pl.DataFrame] = {}
        pairs = {
            year: self._pairs_of(tree)
            for tree, years in _years_by_tree(self.trees).items()
            for year in years
        }
        # A year at a time: the same rows as the ten years at once, in a tenth of the memory.
        months, years = [], []
        for year_, frame in kpi.person_months_by_year(
            self.spells,
            hours,
            _employments(self.first, self.end, today),
            self.first,
            self.end,
            joined=True,
        ):
            if year_ in groups:
                kept = pl.col("code").replace_strict(
                    groups[year_], default=pl.col("group"), return_dtype=pl.String
                )
                frame = frame.with_columns(kept.alias("group"))
            frame = frame.drop("code")
            months.append(frame)
            years.append(kpi.unit_years(frame, pairs[year_]))
        self.person_months = pl.concat(months, how="vertical")
        # Every unit's figures 1 and 2 as computed, before anything is hidden: read `years`.
        self.unit_years = pl.concat(years, how="vertical").sort("unit", "year")
        self._years: pl.DataFrame | None = None
        # Costs each year over the tree its other figures are (a closed year's kept tree), so
        # a unit moved later moves no closed year's costs from one clinic to another; shown
        # as `costs` lets them.
        costs, self.costs_waiting = costs_and_wait(today)
        costs = costs.filter(pl.col("month").is_between(self.first, self.end))
        year_of = pl.col("month").dt.year()
        self._all_costs = pl.concat(
            [
                kpi.personnel_costs(costs.filter(year_of == year_), pairs[year_])
                for year_ in sorted(pairs)
            ],
            how="vertical",
        )
        self._costs: pl.DataFrame | None = None
        self.cost_rows = costs
        self.targets = Targets()  # read afresh by `key_figures` each time
        self._shown: dict[int, set[int]] = {}
        self._persons: dict[int, pl.DataFrame] = {}
        self._subtrees: dict[tuple[int, int], list[int]] = {}
        self._partitions: dict[int, dict[str, tuple[set, set]]] = {}
        self._staff_units: dict[int, set[int]] = {}
        self._plan_shown: dict[datetime.date, set[int]] = {}
        self._long_term: dict[int, set[int]] = {}
        self._long_share: dict[int, set[int]] = {}
        self._leavers: dict[int, dict[tuple[int, str], int]] = {}
        self._own_request: dict[int, set[int]] = {}

    def _pairs_of(self, tree: tuple) -> pl.DataFrame:
        if tree not in self._pairs:
            self._pairs[tree] = kpi.subtree_pairs(dict(tree))
        return self._pairs[tree]

    def tree(self, year: int) -> dict[int, int | None]:
        """Unit → parent as the year's figures are computed (its kept tree once closed)."""
        units = self.trees.get(year, self.units)
        return {pk: unit.parent_id for pk, unit in units.items()}

    def region(self, year: int) -> set[int]:
        """The region of the year's tree (`kpi.region`), or none: what only the region shows
        is shown for the whole organisation only, never for a second root (a ward of fifteen
        made one showed its pay month by month, an insider's thirteenth round)."""
        region = kpi.region(self.tree(year))
        return set() if region is None else {region}

    def persons_in(self, year: int) -> pl.DataFrame:
        """Everyone's sex and birth year as a year's figures count them: from the extract as
        published (`employments_frame`), their last row begun by the year's end, so a sex or
        birth year corrected after a year was shown changes nothing of it (the partitions'
        figures before minus after would be that person's); from the person otherwise."""
        if year not in self._persons:
            rows = (
                employments_frame(today=self.today)
                .filter(pl.col("start") <= _year_end(year))
                .sort("start")
                .group_by("person")
                .last()
                .select("person", "sex", "birth_year")
            )
            rest = self.persons.join(rows, on="person", how="anti")
            self._persons[year] = pl.concat([rows, rest.select(rows.columns)], how="vertical")
        return self._persons[year]

    def threshold(self, year: int) -> int:
        """k for a year: the k it was first shown with, for good; the setting for a year not
        yet shown. Decided again with a raised k, the units shown were another set, not a
        smaller one (complementary suppression is not monotone in k), and a unit shown before
        less one shown after was a group of 1..k-1 (an insider's nineteenth round, on the
        pulse); a raised setting applies to the years first shown after."""
        return self.ks.get(year) or threshold()

    # --- what may be shown (every role) ---------------------------------------------------

    def _people(self, year: int) -> pl.DataFrame:
        """Who was placed where in a year, with the parts of each flat partition."""
        age = pl.col("month").dt.year() - pl.col("birth_year")
        band = pl.lit(None, dtype=pl.String)
        for name, (low, high) in kpi.AGE_BANDS.items():
            band = pl.when(age.is_between(low, high)).then(pl.lit(name)).otherwise(band)
        return (
            self.person_months.filter(pl.col("month").dt.year() == year)
            .join(self.persons_in(year), on="person")
            .with_columns(
                # Anyone of no recorded sex is a part of their own (never shown on a page,
                # but counted, so that the parts still add up to everyone).
                pl.col("sex").replace_strict({"K": "women", "M": "men"}, default="unknown"),
                band.alias("age"),
            )
        )

    def shown_units(self, year: int) -> set[int]:
        """The units whose subtree's figures may be shown for a year, for everyone.

        Over the year's people (distinct: someone who moved during the year counts where
        they were, but as one person of the clinic above both wards, not two), and over each
        month's with scheduled hours (`_every_month`): the months are shown one by one on
        the page's chart, and a year of three people and two who came in December is
        those three's."""
        if year not in self._shown:
            people = self._people(year)
            members = dict(people.group_by("unit").agg(pl.col("person")).rows())
            shown = visible_units_of_people(self.tree(year), members, k=self.threshold(year))
            self._shown[year] = _every_month(
                self.tree(year), people.filter(pl.col("hours") > 0), self.threshold(year), shown
            )
        return self._shown[year]

    def long_term_units(self, year: int) -> set[int]:
        """The units whose count of people on long-term sick leave (a spell of 60 days or
        more running on the year's last day, or the last final month's in the running year)
        may be shown for a year, for everyone.

        A count is the number of a subtree's people, so it is decided over the tree as the
        year's other figures are (`disclosure.visible_units_of_people` on the long-term sick
        placed in each unit during the year), inside the units whose figures are shown: a
        parent's count minus its shown children's is never 1..k-1 people (hiding a count
        under k alone let a clinic of 8 beside its ward of 7 give the other ward's one)."""
        if year not in self._long_term:
            on = min(self.end, _year_end(year))
            sick = kpi.long_term_sick_on(self.spells, on).implode()
            members = dict(
                self._people(year)
                .filter(pl.col("person").is_in(sick))
                .group_by("unit")
                .agg(pl.col("person"))
                .rows()
            )
            own = visible_units_of_people(
                self.tree(year), members, k=self.threshold(year), within=self.shown_units(year)
            )

            def views() -> list[pl.DataFrame]:
                placed = self._people(year).select("person", "month")
                found = []
                for month in self._months(year):
                    sick = kpi.long_term_sick_on(self.spells, month_end(month)).implode()
                    found.append(
                        placed.filter((pl.col("month") <= month) & pl.col("person").is_in(sick))
                        .select("person")
                        .unique()
                        .with_columns(pl.lit(1.0).alias("value"))
                    )
                return found

            self._long_term[year] = self._monthly_rule(year, views, own)
        return self._long_term[year]

    def _months(self, year: int) -> list[datetime.date]:
        """The first days of the year's months whose figures have been shown month by month
        (the running year's final ones; every month of a closed year)."""
        last = min(self.end, _year_end(year))
        if last.year < year:
            return []
        return [datetime.date(year, month, 1) for month in range(1, last.month + 1)]

    def _monthly_rule(
        self, year: int, views: Callable[[], list[pl.DataFrame]], own: set[int]
    ) -> set[int]:
        """Of `own` (the units the year's own rule shows), those that may show a long-term
        figure for the year. The running year's figures are shown anew each time a month
        becomes final, and beside the month before, a unit's year to date is that month's:
        one colleague's long-term sick leave in November, or their passing 60 days (an
        insider's fifth round). Decided month by month against every earlier month, few
        units would keep it (the demo's 2025: 13 of 52); so in the running year only the
        region shows it, and only if the whole region's year to date differs from each
        earlier month's by 0 or at least k people (`views`: one frame per month, person and
        their figure so far); a unit once its year has closed, when the figure is one
        figure of the year. A closed year whose region fails the test shows it for no unit
        (the region's would be the sum of its parts)."""
        top = own & self.region(year)
        steady = bool(top) and _differ_by_none_or_k(views(), self.threshold(year))
        if self.end < _year_end(year):
            return top if steady else set()
        return own if steady or not top else set()

    def long_share_units(self, year: int) -> set[int]:
        """The units whose long-term sick leave (figure 2, the hours in spells of 60 days or
        more, and their share of the scheduled hours) may be shown for a year, for everyone.

        Those hours are the sick leave of the few on such a spell: in a ward of 25 with one
        of them, "65 %" says that colleague is on long-term sick leave. So the figure rests
        on the people it is made of, decided over the tree as the count of the long-term
        sick is (`long_term_units`): everyone with long-term hours (sick hours of a spell of
        60 days or more, spells joined by `kpi.continuous_spells`) in a month placed in a
        unit during the year, put through `disclosure.visible_units_of_people` inside the
        units whose figures are shown. Someone on such a spell in months without scheduled
        hours adds nothing to the figure, so does not count towards k either. No
        page, and no parent minus its shown children, shows the long-term hours of 1..k-1
        people (nor of none, so that hidden never tells that someone is)."""
        if year not in self._long_share:
            members = dict(
                self.person_months.filter(
                    (pl.col("month").dt.year() == year) & (pl.col("long") > 0)
                )
                .group_by("unit")
                .agg(pl.col("person"))
                .rows()
            )
            own = visible_units_of_people(
                self.tree(year), members, k=self.threshold(year), within=self.shown_units(year)
            )

            self._long_share[year] = self._monthly_rule(
                year, lambda: self._long_hours_to_date(year), own
            )
        return self._long_share[year]

    def _long_hours_to_date(self, year: int) -> list[pl.DataFrame]:
        """Each of the year's months shown (`_months`): everyone's long-term hours of the
        year up to its end (person, value) as that month's page counted them, a spell long
        by its length up to the month's last day (`kpi.spell_days`). Not today's count: a
        spell from 15 September is long from 13 November, and October's page had none of
        its hours; counted as today, October beside November differs by no one where she
        had no scheduled hours in November, while the two pages differ by her September
        and October (an insider's eighth round, by code reading)."""
        rows = self.person_months.filter(pl.col("month").dt.year() == year)
        # Whose hours are long today: a spell long on an earlier day is long today too.
        people = rows.filter(pl.col("long") > 0)["person"].unique().implode()
        hours = rows.filter(pl.col("person").is_in(people)).select("person", "month", "hours")
        spells = self.spells.filter(pl.col("person").is_in(people))
        first = datetime.date(year, 1, 1)
        return [
            kpi.sick_hours(spells, hours.filter(pl.col("month") <= month), first, month_end(month))
            .group_by("person")
            .agg(pl.col("long").sum().alias("value"))
            .filter(pl.col("value") > 0)
            for month in self._months(year)
        ]

    @property
    def costs(self) -> pl.DataFrame:
        """Every unit's subtree's personnel costs a year (`kpi.personnel_costs`), with what
        may not be shown null: below the region no kronor of own or hired staff, and the
        hired staff's share of the own-staff cost where `_share_units` allows it.

        The own-staff cost is the pay of a unit's people, and it moves with anyone's pay:
        each month made final, a ward's cost to date grew by a month's pay (beside
        Historik's one leaver, her rate: an insider's eighth round); a closed year beside
        the year before was the pay of the one who came or left, of a temporary employee
        on neither 31 December, of two hourly-paid in a ward of their own, of a nurse lent
        to another ward for five months, of someone's unpaid leave or long sick leave (the
        ninth to eleventh rounds). No rule on the employments sees all of what moves a
        unit's pay, so no unit below the region shows it in kronor, nor its hired cost
        (beside the share, the hired cost gives the own cost back). The share is the key
        figure (the 2 % target); a ratio of two unknown sums gives no one's pay. The
        region shows all three; the pool's hours are shown for every unit."""
        if self._costs is None:
            years = self._all_costs["year"].unique().to_list()
            roots = {(unit, year) for year in years for unit in self.region(year)}
            shares = {(unit, year) for year in years for unit in self._share_units(year)}
            keys = list(self._all_costs.select("unit", "year").iter_rows())
            at_root = pl.Series([key in roots for key in keys], dtype=pl.Boolean)
            share = pl.Series([key in shares for key in keys], dtype=pl.Boolean)
            # Below the region the share as the page writes it (a tenth of a per cent), for
            # every reader of it: near a target the board wrote up to four decimals, and with
            # the region's kronor two units' shares solve for their own-staff costs (O_A +
            # O_B = O_R, s_A·O_A + s_B·O_B = H_R), a year beside the next to within a month
            # of one leaver's pay (an insider's twelfth round); a target moved in small steps
            # read the share off the "off target" flag to any precision.
            written = pl.when(at_root).then(pl.col("hired_share"))
            written = written.otherwise(pl.col("hired_share").round(SHARE_DECIMALS))
            self._costs = self._all_costs.with_columns(
                *(
                    pl.when(at_root).then(pl.col(name)).otherwise(None).alias(name)
                    for name in ("own_cost", "hired_cost")
                ),
                pl.when(share).then(written).otherwise(None).alias("hired_share"),
            )
        return self._costs

    def _share_units(self, year: int) -> set[int]:
        """The units whose hired share may be shown for a year: where the staff figures are
        (`staff_units`), once the year has closed; in the running year the region's only
        (its months to date beside each other are the region's pay)."""
        shown = self.staff_units(year)
        if self.end < _year_end(year):
            return self.region(year) & shown
        return shown

    @property
    def years(self) -> pl.DataFrame:
        """Figures 1 and 2 for every unit's subtree and year (`kpi.unit_years`), the
        long-term hours and figure 2 null where `long_share_units` hides them: the page,
        the board report and its charts read them from here."""
        if self._years is None:
            frame = self.unit_years
            shown = pl.Series(
                [
                    unit in self.long_share_units(year)
                    for unit, year in frame.select("unit", "year").iter_rows()
                ],
                dtype=pl.Boolean,
            )
            self._years = frame.with_columns(
                pl.when(shown).then(pl.col(name)).otherwise(None).alias(name)
                for name in ("long", "long_share")
            )
        return self._years

    def _region_leavers(self, year: int) -> dict[tuple[int, str], int]:
        """The year's leavers of the region per (unit of their last employment in the
        year's tree, reason), the permanent own-request leavers as `history.OWN_PERMANENT`."""
        if year not in self._leavers:
            # One pass over the region's spells for every year of the figures, not one a
            # year (a year outside them, alone).
            first, last = self.first.year, self.end.year
            span = range(first, last + 1) if first <= year <= last else range(year, year + 1)
            trees = {y: self.tree(y) for y in span}
            region = employments_frame(today=self.today).rename({"unit_id": "unit"})
            rows = history.region_leavers(region, span[0], span[-1], permanent=True, until=self.end)
            self._leavers.update({y: {} for y in span})
            for found, unit, reason, n in rows.iter_rows():
                if unit in trees[found]:
                    self._leavers[found][(unit, reason)] = n
        return self._leavers[year]

    def own_request_units(self, year: int) -> set[int]:
        """The units whose own-request turnover of the permanent staff may be shown for a
        year, for everyone (their staff figures shown too, and at least k permanent staff
        on both days: `summary.turnover`).

        The rate beside the headcounts pins its count of leavers (one leaver of at most 29
        people is 3.4 %), so the count is decided over the year's tree as a part of
        Historik's split of the leavers by reason (`history.own_request_shown`): no page,
        no page minus the pages below it and no Historik "own request" minus the permanent
        ones is 1..k-1 people. It counts those who left the region, by the unit of their
        last employment (a move inside the region is no departure). A year whose leavers by
        reason the exit survey shows per block (as Historik, `years.shown_per_block`) shows
        it for the region alone: a unit's block of own requests minus one year's permanent
        ones would give the rest, while the region's year beside the units' blocks pins no
        unit's year. The region's count and its non-permanent own requests (the block minus
        the years' rates) must then be 0 or at least k each."""
        if year not in self._own_request:
            if year in shown_per_block([year]):
                k = self.threshold(year)
                leavers = self._region_leavers(year)
                counts = [
                    sum(n for (_u, r), n in leavers.items() if r == reason)
                    for reason in (history.OWN_PERMANENT, "own_request")
                ]
                safe = all(n == 0 or n >= k for n in counts)
                self._own_request[year] = (self.region(year) if safe else set()) & self.staff_units(
                    year
                )
                return self._own_request[year]
            shown = history.own_request_shown(
                self.tree(year), self._region_leavers(year), self.threshold(year)
            )
            self._own_request[year] = shown & self.staff_units(year)
        return self._own_request[year]

    def own_requests(self, unit, year: int) -> int:
        """The permanent staff's own-request leavers of the region in a year whose last
        employment was in `unit`'s subtree of the year's tree."""
        inside = set(self.subtree(unit, year))
        return sum(
            n
            for (pk, reason), n in self._region_leavers(year).items()
            if pk in inside and reason == history.OWN_PERMANENT
        )

    def partitions(self, year: int) -> dict[str, tuple[set, set]]:
        """Per flat partition (group, sex, age): the pages it may be shown on, and its parts.

        The three are decided together (`disclosure.pages_and_partitions`: every cell of
        group × sex × age band left after merging the hidden parts passes the tree and page
        rule), so no partition set against another gives anyone away (the women who are not
        midwives, when every midwife is a woman). Every page shows the same parts of each.
        Women/men and the age bands (the law's figures 3–7) are kept first: a profession
        group gives way before them (`OBLIGATORY`)."""
        if year not in self._partitions:
            people = self._people(year)
            parents = self.tree(year)
            k = self.threshold(year)
            rows = people.group_by("unit", *PARTITIONS).agg(pl.col("person").n_unique()).rows()
            cells = {(unit, tuple(parts)): n for unit, *parts, n in rows if unit in parents}
            allowed: list[set] | None = None
            while True:
                pages, parts = pages_and_partitions(
                    parents, cells, k, self.shown_units(year), allowed, keep=OBLIGATORY
                )
                # The cells count someone who moved in each unit they were in; every part
                # and rest shown on a page must also hold 0 or k *different* people.
                few = self._too_few(people, year, pages, parts, k)
                if not few:
                    break
                allowed = [{p for p in shown if (i, p) not in few} for i, shown in enumerate(parts)]
            self._partitions[year] = {
                name: (pages, shown) for name, shown in zip(PARTITIONS, parts, strict=True)
            }
        return self._partitions[year]

    def _too_few(
        self, people: pl.DataFrame, year: int, pages: set, parts: list[set], k: int
    ) -> set:
        """The parts to hide, as (partition's index, part), because a part or the rest of its
        partition shown on a page holds 1 to k − 1 different people, over the year or in a
        month with hours (the smallest shown part, for a small rest). As for the units
        (`_every_month`): the women of a clinic, five over the year but three in most months,
        are those three."""
        few: set[tuple[int, str]] = set()
        working = pl.col("hours") > 0
        for page in pages:
            inside = pl.Series(self.subtree(_Page(page), year), dtype=pl.Int64).implode()
            here = people.filter(pl.col("unit").is_in(inside))
            for i, (name, shown) in enumerate(zip(PARTITIONS, parts, strict=True)):
                if not shown:
                    continue
                counts = dict(here.group_by(name).agg(pl.col("person").n_unique()).rows())
                monthly = (
                    here.filter(working)
                    .group_by("month", name)
                    .agg(pl.col("person").n_unique().alias("n"))
                    .filter(pl.col("n") < k)
                )
                small = set(monthly[name].to_list())
                few |= {(i, p) for p in shown if 0 < counts.get(p, 0) < k or p in small}
                outside = ~pl.col(name).is_in(list(shown)).fill_null(False)
                rest = here.filter(outside)
                rest_months = (
                    rest.filter(working).group_by("month").agg(pl.col("person").n_unique())
                )
                if 0 < rest["person"].n_unique() < k or (
                    rest_months.height and rest_months["person"].min() < k  # type: ignore[operator]
                ):
                    few.add((i, min(shown, key=lambda p: (counts.get(p, 0), str(p)))))
        return few

    def parts_shown(self, unit, year: int, partition: str) -> set:
        pages, parts = self.partitions(year)[partition]
        return parts if unit.pk in pages else set()

    # --- reading -------------------------------------------------------------------------

    def subtree(self, unit, year: int | None = None) -> list[int]:
        """The units of `unit`'s subtree in a year's tree (by default the page's year)."""
        year = self.year if year is None else year
        if (year, unit.pk) not in self._subtrees:
            parents = self.tree(year)
            self._subtrees[(year, unit.pk)] = [
                pk for pk in parents if unit.pk in ancestors(parents, pk)
            ]
        return self._subtrees[(year, unit.pk)]

    def children(self, unit) -> list[Unit]:
        """The units directly below `unit` in the page's year's tree, as they were named."""
        below = [u for u in self.units.values() if u.parent_id == unit.pk]
        return sorted(below, key=lambda u: u.code)

    def year_row(self, unit, year: int) -> dict | None:
        rows = self.years.filter((pl.col("unit") == unit.pk) & (pl.col("year") == year))
        return rows.row(0, named=True) if rows.height else None

    def people(self, unit, year: int) -> int:
        """The people a unit's figures of a year rest on (what `shown_units` counts)."""
        rows = self.unit_years.filter((pl.col("unit") == unit.pk) & (pl.col("year") == year))
        return int(rows["people"][0]) if rows.height else 0

    def sick_leave(self, unit, year: int) -> dict:
        """Figures 1–7 (with the people and hours behind each) for the subtree and a year."""
        frame = self._inside(unit, year).select("person", "month", "hours", "sick", "long")
        found = kpi.figures(
            frame, self.persons_in(year), self.spells, min(self.end, _year_end(year))
        )
        if unit.pk not in self.long_share_units(year):  # the few's long-term sick leave
            found["long_share"] = None
        return found

    def groups(self, unit, year: int) -> list[dict]:
        """Figure 1 per profession group in the subtree, for the groups `partitions` allows
        on this unit's page."""
        shown = self.parts_shown(unit, year, "group")
        return [r for r in kpi.by_group(self._inside(unit, year)).to_dicts() if r["group"] in shown]

    def monthly(self, unit, year: int) -> pl.DataFrame:
        return kpi.monthly_shares(self._inside(unit, year))

    def _inside(self, unit, year: int) -> pl.DataFrame:
        """The person-months of the unit's subtree in a year."""
        inside = pl.Series(self.subtree(unit, year), dtype=pl.Int64).implode()
        return self.person_months.filter(
            pl.col("unit").is_in(inside) & (pl.col("month").dt.year() == year)
        )

    def cost_row(self, unit, year: int) -> dict | None:
        rows = self.costs.filter((pl.col("unit") == unit.pk) & (pl.col("year") == year))
        return rows.row(0, named=True) if rows.height else None

    def hired_by_profession(self, unit, year: int) -> list[tuple[str, float]]:
        """The hired staff's cost by profession group: for the region only (a unit's hired
        kronor beside its share would give its own-staff cost, `costs`), once the year has
        closed (month by month, a group's year to date grew by the month's rows of the few
        units naming it), each group no branch below the region holds more than
        `kpi.DOMINANCE` of, the rest pooled (`kpi.hired_by_profession`: a group only one
        ward named was its hired cost, an insider's fifteenth round; two wards of one
        clinic, or one ward renamed, its clinic's or its own, the nineteenth)."""
        if unit.pk not in self.region(year) or self.end < _year_end(year):
            return []
        inside = pl.Series(self.subtree(unit, year), dtype=pl.Int64).implode()
        rows = self.cost_rows.filter(
            pl.col("unit").is_in(inside) & (pl.col("month").dt.year() == year)
        )
        rows = with_branches(rows, {year: self.tree(year)})
        return [
            (gettext("Other profession groups") if group is None else group, amount)
            for group, amount in kpi.hired_by_profession(rows, dominance=kpi.DOMINANCE)
        ]

    def staff(self, unit) -> dict:
        """Monthly-paid headcount on the last day, FTE (*Historik*'s on 31 December of a closed
        year, where it shows it: `shown_past.fte`; None otherwise) and the share with an
        individual competence plan of the staff on the plan file's day (`_plan_day`; None
        when no plan file was imported, or its day is in another year: the plans are a
        snapshot and say nothing of another year's staff)."""
        inside = self.subtree(unit)
        people = self._own_staff_on(self.end, inside)
        # The FTE is Historik's, by its decision: beside another year's, or another day's
        # in the running year, a unit's FTE would be the rates of the few who came or left.
        fte = shown_past.fte(unit, self.year, self.today)
        coverage = None
        day = self._plan_day()
        if day is not None and unit.pk in self._plan_units(day):
            staff = self._own_staff_on(day, inside)
            # An erased person's plan is under the id of their kept rows (`detached`).
            plans = dict(
                CompetencePlan.objects.filter(Q(person_id__in=staff) | Q(detached__in=staff))
                .annotate(key=Coalesce("person_id", "detached"))
                .values_list("key", "has_plan")
            )
            coverage = sum(1 for person in staff if plans.get(person)) / len(staff)
        return {"headcount": len(people), "fte": fte, "plan_coverage": coverage}

    def _plan_day(self) -> datetime.date | None:
        """The day whose staff the competence-plan coverage counts: the end of the last
        final month on the day the plan file came (`plans_snapshot`); None if not in the
        page's year (nor by its last day). Counted at the page's last day, the share moved
        with each month made final, and at full precision the shares of two days gave the
        plan of the one who left between them."""
        snapshot = plans_snapshot()
        if snapshot is None:
            return None
        day = plan_day(snapshot)
        return day if day.year == self.year and day <= self.end else None

    def _plan_units(self, day: datetime.date) -> set[int]:
        """The units whose competence-plan coverage may be shown: their staff on the plan's
        day passes the tree rule (`disclosure.visible_units_of_people`), inside the units
        whose staff figures are shown, and differs from every earlier plan file's (its day's
        staff, its plans: `PlanStatus`) by 0 or at least k people who came, left or whose
        plan came or went (`over_time`): beside the share shown before, a unit's one
        newcomer was theirs (16 of 25 with a plan, then 17 of 26), or one colleague's new
        plan (6 of 10, then 7 of 10)."""
        if day not in self._plan_shown:
            files = [(d, b) for d, b in plan_files() if self.first <= d <= day]
            statuses = _plan_statuses([b for _d, b in files])
            if not set(b for _d, b in files) <= set(statuses["batch"].to_list()):
                # A file imported before the plans were kept (migration keyfigures 0013
                # kept the last one's): who had a plan then is not known, and beside its
                # shares a later file's could be one colleague's plan. None is shown until
                # it has left the ten years.
                self._plan_shown[day] = set()
                return self._plan_shown[day]
            people = [
                self._monthly_paid_on(d)
                .join(statuses.filter(pl.col("batch") == b), on="person", how="left")
                .with_columns(pl.lit(1.0).alias("present"), pl.col("plan").fill_null(0.0))
                for d, b in files
            ]
            # The earlier files as if every unit had been shown on their days (what they
            # showed then, over the staff units of their time, is not decided again).
            k = self.threshold(self.year)
            earlier = {
                i: forecast_shown.Shown(k, frozenset(self.tree(d.year)), frozenset(), frozenset())
                for i, (d, _b) in enumerate(files[:-1])
            }
            releases = [
                over_time.Release(
                    d,
                    self.tree(d.year),
                    staff,
                    earlier[i] if i in earlier else self._plan_own(d, staff),
                )
                for i, ((d, _b), staff) in enumerate(zip(files, people, strict=True))
            ]
            decided = over_time.over_time(releases, ["present", "plan"], earlier)[-1]
            self._plan_shown[day] = set(decided.units)
        return self._plan_shown[day]

    def _plan_own(self, day: datetime.date, staff: pl.DataFrame) -> forecast_shown.Shown:
        """The plan day's own decision, inside the units whose staff figures its year's page
        shows: its staff, those with a plan and those without, each through the tree rule
        (`disclosure.visible_units_of_populations`). A share is a count of each: 14 of 15
        with a plan said that one colleague had none (an insider's eighth round), as the
        own-request turnover's leavers are decided on their own count."""

        def members(frame: pl.DataFrame) -> dict:
            return dict(frame.group_by("unit_id").agg(pl.col("person")).rows())

        k = self.threshold(day.year)
        with_plan = pl.col("plan") > 0
        units = visible_units_of_populations(
            self.tree(day.year),
            [members(staff), members(staff.filter(with_plan)), members(staff.filter(~with_plan))],
            k=k,
            within=self.staff_units(day.year),
        )
        return forecast_shown.Shown(k, frozenset(units), frozenset(), frozenset())

    def _own_staff_on(self, day: datetime.date, units: list[int]) -> set[int]:
        """The monthly-paid staff of `units` on a day (`_monthly_paid_on`)."""
        active = self._monthly_paid_on(day).filter(pl.col("unit_id").is_in(units))
        return set(active["person"].to_list())

    def _monthly_paid_on(self, day: datetime.date) -> pl.DataFrame:
        """The employments running on a day of the monthly paid (as SKR counts staff: not
        the hourly paid), from the extract as published."""
        return employments_frame(today=self.today).filter(
            (pl.col("start") <= day)
            & (pl.col("end").is_null() | (pl.col("end") >= day))
            & (pl.col("form") != EmploymentForm.HOURLY)
        )

    def staff_units(self, year: int | None = None) -> set[int]:
        """The units whose staff figures of the page's year (headcount, FTE and competence
        plans on its last day, and turnover) may be shown, for everyone; of an earlier year
        (`year`, the year before's turnover) as that year's own page decides it.

        They count other people than the sick leave (the staff on the last day; everyone
        monthly paid during the year, whom turnover counts as at its start, hired or left), so
        the sick leave's units are not enough: a clinic's year-end headcount minus its
        shown wards' could be a hidden ward's two. Each population is put through the same
        rule (`disclosure.visible_units_of_populations`), inside the sick leave's units."""
        year = self.year if year is None else year
        if year not in self._staff_units:
            parents = self.tree(year)
            end = min(self.end, datetime.date(year, 12, 31))
            first = datetime.date(year, 1, 1) - datetime.timedelta(days=1)
            rows = (
                employments_frame(today=self.today)
                .filter(
                    (pl.col("start") <= end) & (pl.col("end").is_null() | (pl.col("end") >= first))
                )
                .select("unit_id", "person", "end", "form")
                .iter_rows()
            )
            during: dict[int, set[int]] = {}
            last_day: dict[int, set[int]] = {}
            for unit, person, until, form in rows:
                # Turnover and the staff count the monthly paid only: hourly staff would
                # pad a unit's population past k while its figures rest on fewer.
                if unit not in parents or form == EmploymentForm.HOURLY:
                    continue
                during.setdefault(unit, set()).add(person)
                if until is None or until >= end:
                    last_day.setdefault(unit, set()).add(person)
            # Not inside the sick leave's units: these figures come from the HR extract
            # alone and are decided on the people they count (no hours file needed).
            self._staff_units[year] = visible_units_of_populations(
                parents, [last_day, during], k=self.threshold(year)
            )
        return self._staff_units[year]

    def visible(self, unit) -> set[int]:
        """The units of the subtree whose figures may be shown this year: one decision for
        the whole tree, so no two pages can be set against each other."""
        return self.shown_units(self.year) & set(self.subtree(unit))

    def attention(self, unit, visible: set[int], names) -> list[dict]:
        """Units in the subtree, down to two levels below the unit (`visible` ones only), off
        target this year, or whose sick leave moved significantly since last year."""
        near = {unit.pk} | {
            pk
            for pk in self.subtree(unit)
            if self.parents.get(pk) == unit.pk or self.parents.get(self.parents.get(pk)) == unit.pk
        }
        shown = visible & near
        now = {
            r["unit"]: r
            for r in self.years.filter(pl.col("year") == self.year).iter_rows(named=True)
        }
        before = {
            r["unit"]: r
            for r in self.years.filter(pl.col("year") == self.year - 1).iter_rows(named=True)
        }
        costs = {
            r["unit"]: r
            for r in self.costs.filter(pl.col("year") == self.year).iter_rows(named=True)
        }
        rows = []
        for pk in sorted(shown, key=lambda p: self.paths.get(p, "")):
            issues = []
            row = now.get(pk)
            if row is not None:
                for figure, value in (
                    (Figure.SICK_LEAVE, row["share"]),
                    (Figure.LONG_SHARE, row["long_share"]),
                ):
                    target = self.targets.for_unit(figure, pk, self.parents)
                    if off_target(figure, value, target):
                        issues.append(("target", names[figure], value, target))
                earlier = before.get(pk)
                comparable = earlier is not None and pk in self.shown_units(self.year - 1)
                if comparable and kpi.significant(
                    row["share"], row["se"], earlier["share"], earlier["se"]
                ):
                    issues.append(
                        ("moved", names[Figure.SICK_LEAVE], row["share"], earlier["share"])
                    )
            cost = costs.get(pk)
            if cost is not None and cost["hired_share"] is not None:
                target = self.targets.for_unit(Figure.HIRED_SHARE, pk, self.parents)
                if off_target(Figure.HIRED_SHARE, cost["hired_share"], target):
                    issues.append(
                        ("target", names[Figure.HIRED_SHARE], cost["hired_share"], target)
                    )
            if issues:
                rows.append({"unit": pk, "path": self.paths[pk], "issues": issues})
        return rows


@dataclass(frozen=True)
class _Page:
    """A unit by its key only (what `KeyFigures.subtree` needs)."""

    pk: int


class Targets:
    """The targets set, read once; a unit's target is the nearest one above it."""

    def __init__(self) -> None:
        self.by_unit: dict[tuple[str, int | None], float] = {
            (figure, unit): value
            for figure, unit, value in Target.objects.values_list("figure", "unit_id", "value")
        }

    def for_unit(self, figure: str, unit: int | None, parents: dict) -> float | None:
        """The target as a share (0–1) for share figures, as points for eNPS."""
        node = unit
        while node is not None:
            if (figure, node) in self.by_unit:
                return _scaled(figure, self.by_unit[(figure, node)])
            node = parents.get(node)
        value = self.by_unit.get((figure, None))
        return None if value is None else _scaled(figure, value)


def _scaled(figure: str, value: float) -> float:
    """A target as entered (per cent for a share) → as the figure is computed."""
    return value / figures.FIGURES[figure].target_scale


def _differ_by_none_or_k(views: list[pl.DataFrame], k: int) -> bool:
    """Whether the last of `views` (person, value) differs from each earlier one in 0 or
    at least k people's values (someone absent has 0)."""
    if not views:
        return True
    last = views[-1]
    for earlier in views[:-1]:
        both = earlier.join(last, on="person", how="full", coalesce=True, suffix="_last")
        differing = both.filter(
            (pl.col("value").fill_null(0.0) - pl.col("value_last").fill_null(0.0)).abs() > 1e-6
        ).height
        if 0 < differing < k:
            return False
    return True


def plan_day(imported: datetime.date) -> datetime.date:
    """The day whose staff a plan file imported on `imported` counts: the end of the last
    final month then (a file of 5 January counts 30 November)."""
    return month_end(last_final_month(imported))


def plan_files() -> list[tuple[datetime.date, int]]:
    """Each plan file (its import batch) with the day whose staff its coverage counted
    (`plan_day`), oldest first."""
    batches = ImportBatch.objects.filter(kind=ImportBatch.Kind.PLANS).order_by("created", "pk")
    return [
        (plan_day(timezone.localdate(created)), pk)
        for pk, created in batches.values_list("pk", "created")
    ]


def _plan_statuses(batches: list[int]) -> pl.DataFrame:
    """batch, person (an erased person's kept id), plan (1.0 or 0.0) of these plan files."""
    rows = PlanStatus.objects.filter(batch_id__in=batches).values_list(
        "batch_id", "person_id", "detached", "has_plan"
    )
    return pl.DataFrame(
        [(b, p if p is not None else d, float(h)) for b, p, d, h in rows],
        schema={"batch": pl.Int64, "person": pl.Int64, "plan": pl.Float64},
        orient="row",
    )


def plans_snapshot() -> datetime.date | None:
    """The day the competence plans describe: the last plan file's import (the file is a
    snapshot of who has a plan that day, kept as it is until the next one). None when there
    are no plans, or none came from a file."""
    if not CompetencePlan.objects.exists():
        return None
    latest = ImportBatch.objects.filter(kind=ImportBatch.Kind.PLANS).aggregate(Max("created"))
    found = latest["created__max"]
    return timezone.localdate(found) if found else None


def off_target(figure: str | None, value: float | None, target: float | None) -> bool:
    return figure is not None and figures.FIGURES[figure].off_target(value, target)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


PARTITIONS = ("group", "sex", "age")
# The partitions of the sick-leave figures the law asks for (women, men, the age bands): a
# profession group gives way first when not everything can be shown together.
OBLIGATORY = frozenset({PARTITIONS.index("sex"), PARTITIONS.index("age")})


def threshold() -> int:
    """The fewest people behind a key figure anyone sees: the installation's k
    (BEMANNA_MIN_GROUP), read in one place."""
    return thresholds.min_group()


def keeps_tree(year: int, today: datetime.date) -> bool:
    """Whether a year's figures, once computed, keep the tree they were computed over: every
    year begun, the running one too. Its months already shown would otherwise move with a
    unit moved mid-year, and the view before minus the view after gives the unit away; so a
    reorganisation shows in the key figures from the next year on."""
    return datetime.date(year, 1, 1) <= today


def published_trees(
    years, today: datetime.date
) -> tuple[dict[int, dict[int, Unit]], dict[int, int]]:
    """Per year, the units (with their parents) its figures are computed over, and the k it
    was first shown with: a year keeps the tree and k of the first time its figures were
    computed (`PublishedYear`, created then, `keeps_tree`), while running or after it
    ended; a year not yet begun is computed over today's tree."""
    years = list(years)
    closed = [year for year in years if keeps_tree(year, today)]
    # One row a year, shared with the history page (org.frozen): whichever shows it first
    # keeps the tree; the key figures keep their profession groups with it.
    return frozen.year_trees(years, closed, threshold(), profession_groups)


def profession_groups() -> dict[str, str]:
    """Profession code → the group its people count in today: its SKR group (the extract's,
    or mapped from the tables and HR's rows on import or on the Yrkesgrupper page), else its
    name."""
    rows = Profession.objects.values_list("code", "skr_group", "name")
    return {code: group or name for code, group, name in rows}


def published_groups(years, today: datetime.date) -> dict[int, dict[str, str]]:
    """Per kept year (`published_trees` keeps it first), the profession code → group map of
    the first time its figures were computed. Remapping a code later changes nothing shown
    for a year begun: "sick leave per group" before minus after a one-person code is moved
    would be that person's. A code not in the map (a profession new since) counts in its
    group of today. A year kept before the map was (its `groups` empty) keeps today's."""
    kept = PublishedYear.objects.filter(year__in=[y for y in years if keeps_tree(y, today)])
    found: dict[int, dict[str, str]] = {}
    for row in kept:
        if row.groups is None:
            PublishedYear.objects.filter(pk=row.pk, groups__isnull=True).update(
                groups=profession_groups()
            )
            row.refresh_from_db(fields=["groups"])
        found[row.year] = row.groups
    return found


def _years_by_tree(trees: dict[int, dict[int, Unit]]) -> dict[tuple, list[int]]:
    """The years computed over each distinct tree (unit → parent pairs, sorted)."""
    grouped: dict[tuple, list[int]] = {}
    for year, units in trees.items():
        key = tuple(sorted((pk, unit.parent_id) for pk, unit in units.items()))
        grouped.setdefault(key, []).append(year)
    return grouped


def _path(parents: dict[int, int | None], unit: int) -> str:
    """ "/1/7/42/" for a unit of a (kept) tree, as `Unit.path` is built."""
    return "/" + "".join(f"{pk}/" for pk in reversed(ancestors(parents, unit)))
