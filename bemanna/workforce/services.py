"""Import workflows: validate the whole file first, then write everything or nothing."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext_noop, ngettext

from bemanna import bulk
from bemanna.accounts.models import Role
from bemanna.analysis import professions as skr_groups
from bemanna.analysis.extract import Issue, read_extract, unknown_reasons
from bemanna.analysis.unittree import read_unit_tree
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org.models import Unit
from bemanna.workforce.models import (
    Employment,
    GroupMapping,
    ImportBatch,
    Person,
    PersonAlias,
    Profession,
)
from bemanna.workforce.retention import employment_cutoff

Progress = Callable[[str, int, int], None]
CHUNK = 5_000


class ImportRefused(Exception):
    """The file has problems; nothing was written. `issues` lists every one."""

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        super().__init__(f"{len(issues)} problem(s)")
        # In the file's order (the readers collect them check by check): the file's own
        # problems first, then row by row.
        self.issues = tuple(sorted(issues, key=lambda issue: issue.row or 0))


@dataclass
class ImportReport:
    filename: str
    rows: int
    employments: int = 0
    persons: int = 0
    units: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    extra: dict[str, int] = field(default_factory=dict)
    # Profession codes neither the extract's Yrkesgrupp nor the shipped table (version
    # `skr_groups.VERSION`) put in an SKR group: (code, name, rows); listed to the user.
    unmapped: tuple[tuple[str, str, int], ...] = ()
    # End reasons as the extract wrote them that the reader did not know: (value, rows),
    # most rows first; each counted as "other" (Övrigt), and listed to the user.
    unknown_reasons: tuple[tuple[str, int], ...] = ()
    # Employments that ended before `retention_cutoff`: past retention, so not stored (the
    # schedule would delete them at its next run).
    past_retention: int = 0
    retention_cutoff: datetime.date | None = None
    # What else the user should know, said after the summary (already in their language).
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def left_out(report: ImportReport) -> str:
    """What an HR extract's import left out as past retention, and why ("" if nothing)."""
    if not report.past_retention or report.retention_cutoff is None:
        return ""
    count = report.past_retention
    return ngettext(
        "%(count)d employment that ended before %(date)s was left out: employments are "
        "kept for the %(years)d last closed years.",
        "%(count)d employments that ended before %(date)s were left out: employments are "
        "kept for the %(years)d last closed years.",
        count,
    ) % {
        "count": count,
        "date": report.retention_cutoff.isoformat(),
        "years": settings.RETAIN_EMPLOYMENT_YEARS,
    }


def code_and_name(code: str, name: str) -> str:
    """An unmapped profession as the user knows it: "222101 Sjuksköterska", or only the
    title when the extract gave no AID (its code is then the Befattning itself)."""
    return code if not name or name == code else f"{code} {name}"


def _no_progress(step: str, done: int, total: int) -> None:
    return None


# Sent after a region's own HR extract has been written from the Import page or the command
# line (`announce`), with `actor`: apps above this one prepare what a region's data needs
# (the forecast makes its baseline scenario) without this app importing them. The demo, and
# code importing through the service directly, send nothing.
employments_imported = Signal()


def announce(report: ImportReport, *, actor=None) -> list[str]:
    """Tell the apps above that an HR extract was imported, unless nothing was written; what
    they say they made (a receiver returns a sentence, or None) is for the user."""
    if report.dry_run or not report.changed:
        return []
    answers = employments_imported.send(sender=ImportReport, actor=_user(actor))
    return [str(said) for _receiver, said in answers if said]


def _pseudonym_key() -> bytes:
    return settings.PSEUDONYM_KEY.encode()


def import_employments(
    source: IO[bytes],
    *,
    filename: str,
    actor=None,
    dry_run: bool = False,
    is_demo: bool = False,
    max_bytes: int | None = None,
    progress: Progress = _no_progress,
    today: datetime.date | None = None,
) -> ImportReport:
    """Import an HR extract of employments; raise ImportRefused with every issue if invalid."""
    data = source.read()
    progress("read", 0, 1)
    result = read_extract(
        io.BytesIO(data),
        filename=filename,
        pseudonym_key=_pseudonym_key(),
        known_units=Unit.objects.values_list("code", flat=True),
        today=today,
        max_bytes=max_bytes,
        group_overrides=group_overrides(),
    )
    progress("read", 1, 1)
    if not result.ok:
        log_action(
            actor,
            AuditEntry.Action.IMPORT_REFUSED,
            scope=filename,
            kind="employments",
            issues=len(result.issues),
        )
        raise ImportRefused(result.issues)
    assert result.frame is not None
    # The schedule's retention rule: rows it would delete at its next run are not stored.
    # (Not the demo's: its made-up history is compared with the frame it was made from.)
    cutoff = employment_cutoff(today or timezone.localdate())
    kept = pl.col("end").is_null() | (pl.col("end") >= cutoff) | pl.lit(is_demo)
    frame = result.frame.filter(kept)
    report = ImportReport(
        filename,
        result.rows,
        employments=frame.height,
        persons=frame["person"].n_unique(),
        units=frame["unit_code"].n_unique(),
        dry_run=dry_run,
        unmapped=tuple(skr_groups.unmapped(frame).iter_rows()),
        unknown_reasons=tuple(unknown_reasons(frame).iter_rows()),
        past_retention=result.frame.height - frame.height,
        retention_cutoff=cutoff,
    )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.EMPLOYMENTS,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=_user(actor),
            is_demo=is_demo,
            rows=result.rows,
            unmapped=[list(row) for row in report.unmapped],
            unknown_reasons=[list(row) for row in report.unknown_reasons],
        )
        units = dict(Unit.objects.values_list("code", "pk"))
        professions = _upsert_professions(frame)
        persons = _upsert_persons(frame, report)
        _upsert_employments(frame, units, professions, persons, batch, report, progress)
        if dry_run or not report.changed:
            # Same file again, or a dry run: leave no trace but the audit entry below.
            transaction.set_rollback(True)
    if not dry_run and report.changed:
        ImportBatch.objects.filter(pk=batch.pk).update(
            created_count=report.created, updated_count=report.updated
        )
    if not dry_run:
        # Also when nothing else changed: an extract imported before aliases were kept.
        _upsert_aliases(frame)
    log_action(
        actor,
        AuditEntry.Action.IMPORT,
        scope=filename,
        kind="employments",
        dry_run=dry_run,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        past_retention=report.past_retention,
    )
    return report


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _upsert_professions(frame) -> dict[str, int]:
    rows = (
        frame.select("profession_code", "profession_name", "skr_group")
        .unique(subset="profession_code", keep="first", maintain_order=True)
        .iter_rows()
    )
    existing = {p.code: p for p in Profession.objects.all()}
    create, update = [], []
    for code, name, group in rows:
        group = group or ""
        current = existing.get(code)
        if current is None:
            create.append(Profession(code=code, name=name or code, skr_group=group or name))
        elif (name and current.name != name) or (group and current.skr_group != group):
            current.name = name or current.name
            current.skr_group = group or current.skr_group
            update.append(current)
    Profession.objects.bulk_create(create, batch_size=CHUNK)
    Profession.objects.bulk_update(update, ["name", "skr_group"], batch_size=CHUNK)
    return dict(Profession.objects.values_list("code", "pk"))


def _upsert_persons(frame: pl.DataFrame, report: ImportReport) -> dict[str, int]:
    # A person's address is the first one given in the extract; none given keeps the old one.
    people = (
        frame.sort(pl.col("email").is_null())
        .select("person", "birth_year", "sex", pl.col("email").fill_null(""))
        .unique("person", keep="first", maintain_order=True)
    )
    existing = _frame(
        Person.objects.values_list("pseudonym", "birth_year", "sex", "email", "pk"),
        {
            "person": pl.String,
            "old_year": pl.Int64,
            "old_sex": pl.String,
            "old_email": pl.String,
            "pk": pl.Int64,
        },
    )
    joined = people.join(existing, on="person", how="left").with_columns(
        pl.when(pl.col("email") == "")
        .then(pl.col("old_email").fill_null(""))
        .otherwise(pl.col("email"))
        .alias("email")
    )
    new = joined.filter(pl.col("pk").is_null())
    changed = joined.filter(
        pl.col("pk").is_not_null()
        & (
            (pl.col("birth_year") != pl.col("old_year"))
            | (pl.col("sex") != pl.col("old_sex"))
            | (pl.col("email") != pl.col("old_email"))
        )
    )
    columns = ("person", "birth_year", "sex", "email")
    bulk.insert_rows(
        Person, ("pseudonym", "birth_year", "sex", "email"), new.select(columns).iter_rows()
    )
    Person.objects.bulk_update(
        [
            Person(pk=pk, pseudonym=p, birth_year=y, sex=x, email=e)
            for p, y, x, e, pk in changed.select(*columns, "pk").iter_rows()
        ],
        ["birth_year", "sex", "email"],
        batch_size=CHUNK,
    )
    report.updated += changed.height
    return dict(Person.objects.values_list("pseudonym", "pk").iterator(chunk_size=CHUNK))


def _upsert_aliases(frame: pl.DataFrame) -> None:
    """Keep each Anst.nr pseudonym the extract gave beside a personnummer as another name of
    the person (`PersonAlias`), moved to the new person if the number changed hands."""
    pairs = dict(
        frame.filter(pl.col("number_alias").is_not_null())
        .select("number_alias", "person")
        .unique("number_alias")
        .iter_rows()
    )
    if not pairs:
        return
    persons = dict(Person.objects.values_list("pseudonym", "pk").iterator(chunk_size=CHUNK))
    wanted = {alias: persons[person] for alias, person in pairs.items() if person in persons}
    with transaction.atomic():
        existing = dict(PersonAlias.objects.values_list("pseudonym", "person_id"))
        moved = [a for a, pk in wanted.items() if a in existing and existing[a] != pk]
        PersonAlias.objects.filter(pseudonym__in=moved).delete()
        PersonAlias.objects.bulk_create(
            [
                PersonAlias(pseudonym=alias, person_id=pk)
                for alias, pk in wanted.items()
                if alias not in existing or alias in moved
            ],
            batch_size=CHUNK,
        )


def _frame(rows, schema: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema, orient="row")


EMPLOYMENT_FIELDS = (
    "unit_id",
    "profession_id",
    "person_id",
    "form",
    "rate",
    "start",
    "end",
    "end_reason",
)


def _upsert_employments(frame, units, professions, persons, batch, report, progress) -> None:
    """Insert new employments and update changed ones; compare in polars, not row by row."""
    wanted = frame.select(
        pl.col("employment_key").alias("key"),
        pl.col("unit_code").replace_strict(units, return_dtype=pl.Int64).alias("unit_id"),
        pl.col("profession_code")
        .replace_strict(professions, return_dtype=pl.Int64)
        .alias("profession_id"),
        pl.col("person").replace_strict(persons, return_dtype=pl.Int64).alias("person_id"),
        "form",
        pl.col("rate").round(2),
        "start",
        "end",
        pl.col("end_reason").fill_null(""),
    )
    stored = Employment.objects.values_list("key", "pk", *EMPLOYMENT_FIELDS)
    rate_at = 2 + EMPLOYMENT_FIELDS.index("rate")
    types = (pl.Int64, pl.Int64, pl.Int64, pl.String, pl.Float64, pl.Date, pl.Date, pl.String)
    existing = _frame(
        (
            (*row[:rate_at], float(row[rate_at]), *row[rate_at + 1 :])
            for row in stored.iterator(chunk_size=CHUNK)
        ),
        {
            "key": pl.String,
            "pk": pl.Int64,
            **{f"old_{f}": t for f, t in zip(EMPLOYMENT_FIELDS, types, strict=True)},
        },
    )
    joined = wanted.join(existing, on="key", how="left")
    new = joined.filter(pl.col("pk").is_null()).select("key", *EMPLOYMENT_FIELDS)
    # A row the extract no longer has and a new one of the same person and start, each the
    # only one: the same employment, moved to another unit (a reorganisation, a unit
    # renumbered) or given another code. Without an Anställnings-ID the key holds the unit,
    # so it would be a second employment beside the first, which stays open for ever.
    moved = _moved(existing.join(wanted.select("key"), on="key", how="anti"), new)
    new = new.join(moved.select("key"), on="key", how="anti")
    differs = pl.any_horizontal(
        [pl.col(f).ne_missing(pl.col(f"old_{f}")) for f in EMPLOYMENT_FIELDS]
    )
    changed = joined.filter(pl.col("pk").is_not_null() & differs)
    total = new.height
    progress("write", 0, total)
    rows = (
        (key, unit, profession, person, form, f"{rate:.2f}", start, end, reason, batch.pk)
        for key, unit, profession, person, form, rate, start, end, reason in new.iter_rows()
    )
    bulk.insert_rows(
        Employment,
        ("key", *EMPLOYMENT_FIELDS, "batch_id"),
        rows,
        progress=lambda done: progress("write", done, total),
    )
    # Changed rows keep their key; a moved one takes the new row's.
    updates = pl.concat(
        [frame.select("pk", "key", *EMPLOYMENT_FIELDS) for frame in (changed, moved)]
    )
    Employment.objects.bulk_update(
        [
            Employment(
                pk=row["pk"],
                key=row["key"],
                batch=batch,
                rate=Decimal(f"{row['rate']:.2f}"),
                **{f: row[f] for f in EMPLOYMENT_FIELDS if f != "rate"},
            )
            for row in updates.iter_rows(named=True)
        ],
        ["key", *EMPLOYMENT_FIELDS, "batch"],
        batch_size=1000,
    )
    report.created += new.height
    report.updated += changed.height + moved.height
    report.unchanged += joined.height - new.height - moved.height - changed.height


def _moved(gone: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """The new rows (key and fields) that continue a stored row the extract no longer has
    (`gone`: its pk and old fields), with that row's pk: matched on person and start where
    each side has one row alone for them."""
    alone = pl.len().over("person_id", "start") == 1
    old = gone.select(
        "pk", pl.col("old_person_id").alias("person_id"), pl.col("old_start").alias("start")
    ).filter(alone)
    return new.filter(alone).join(old, on=["person_id", "start"], how="inner")


def _non_managers() -> dict[str, str]:
    """User name → role label (English; shown translated) of users who may not be a unit's
    manager."""
    labels = {role.value: role.label for role in Role}
    with translation.override("en"):
        return {
            username: str(labels.get(role, gettext_noop("no role")))
            for username, role in get_user_model()
            .objects.exclude(profile__role=Role.MANAGER)
            .values_list("username", "profile__role")
        }


def import_units(
    source: IO[bytes],
    *,
    filename: str,
    actor=None,
    dry_run: bool = False,
    is_demo: bool = False,
    max_bytes: int | None = None,
) -> ImportReport:
    """Import or update the unit tree; units are matched by code, so renames and moves keep
    their employments."""
    data = source.read()
    users = dict(get_user_model().objects.values_list("username", "pk"))
    result = read_unit_tree(
        io.BytesIO(data),
        filename=filename,
        existing_codes=Unit.objects.values_list("code", flat=True),
        usernames=users,
        non_managers=_non_managers(),
        max_bytes=max_bytes,
    )
    if not result.ok:
        log_action(
            actor,
            AuditEntry.Action.IMPORT_REFUSED,
            scope=filename,
            kind="units",
            issues=len(result.issues),
        )
        raise ImportRefused(result.issues)
    assert result.frame is not None
    report = ImportReport(filename, result.rows, units=result.frame.height, dry_run=dry_run)
    with transaction.atomic():
        by_code = {unit.code: unit for unit in Unit.objects.all()}
        for code, name, parent_code, level, manager, _row in result.frame.iter_rows():
            parent = by_code.get(parent_code) if parent_code else None
            manager_id = users.get(manager) if manager else None
            unit = by_code.get(code)
            if unit is None:
                unit = Unit.objects.create(
                    code=code, name=name, level=level, parent=parent, manager_id=manager_id
                )
                by_code[code] = unit
                report.created += 1
                continue
            changed = False
            # The tree matches the file: an empty Chef cell removes the manager, but a file
            # without the Chef column leaves every manager as it is.
            if not result.has_manager:
                manager_id = unit.manager_id
            if (unit.name, unit.level, unit.manager_id) != (name, level, manager_id):
                unit.name, unit.level, unit.manager_id = name, level, manager_id
                unit.save(update_fields=["name", "level", "manager"])
                changed = True
            if unit.parent_id != (parent.pk if parent else None):
                unit.move_to(parent)
                changed = True
            report.updated += changed
            report.unchanged += not changed
        if report.changed and not dry_run:
            ImportBatch.objects.create(
                kind=ImportBatch.Kind.UNITS,
                filename=filename[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                created_by=_user(actor),
                is_demo=is_demo,
                rows=result.rows,
                created_count=report.created,
                updated_count=report.updated,
            )
        else:
            transaction.set_rollback(True)
    log_action(
        actor,
        AuditEntry.Action.IMPORT,
        scope=filename,
        kind="units",
        dry_run=dry_run,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
    )
    return report


# --- HR's rows on top of the shipped AID → SKR group table ---


def group_overrides() -> dict[str, str]:
    """code → SKR group, HR's rows (they win over the shipped table for their code)."""
    return dict(GroupMapping.objects.values_list("code", "group"))


def last_unmapped() -> list[tuple[str, str, int]]:
    """The codes the last HR extract could not group and no row maps since: (code, name,
    rows), most rows first."""
    batch = (
        ImportBatch.objects.filter(kind=ImportBatch.Kind.EMPLOYMENTS).order_by("-created").first()
    )
    if batch is None:
        return []
    mapped = {**skr_groups.groups(), **group_overrides()}
    return [(code, name, rows) for code, name, rows in batch.unmapped if code not in mapped]


def last_unknown_reasons() -> list[tuple[str, int]]:
    """The end reasons the last HR extract wrote that Bemanna did not know and counted as
    "other": (value, rows), most rows first."""
    batch = (
        ImportBatch.objects.filter(kind=ImportBatch.Kind.EMPLOYMENTS).order_by("-created").first()
    )
    if batch is None:
        return []
    return [(value, rows) for value, rows in batch.unknown_reasons]


def _current_group(code: str) -> str | None:
    return group_overrides().get(code) or skr_groups.groups().get(code)


def save_group_mapping(form, *, actor) -> GroupMapping:
    """Save HR's row for a code and regroup today's profession of that code where its group
    came from the tables (or it had none: its own name); a group the extract gave stays."""
    with transaction.atomic():
        row = form.save(commit=False)
        before_row = GroupMapping.objects.filter(code=row.code).first()
        before = {"group": before_row.group, "note": before_row.note} if before_row else {}
        previous = _current_group(row.code)
        if before_row is not None:
            row.pk = before_row.pk
        row.updated_by = _user(actor)
        row.save()
        _regroup(row.code, previous, row.group)
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"skr_group:{row.code}",
            table="skr_group",
            before=before,
            after={"group": row.group, "note": row.note},
        )
    return row


def delete_group_mapping(row: GroupMapping, *, actor) -> None:
    """Remove HR's row: the code falls back to the shipped table (or its own name)."""
    with transaction.atomic():
        row.delete()
        _regroup(row.code, row.group, skr_groups.groups().get(row.code))
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"skr_group:{row.code}",
            table="skr_group",
            before={"group": row.group, "note": row.note},
            after={},
        )


def _regroup(code: str, previous: str | None, new: str | None) -> None:
    """Today's profession of a code in its new group, unless the extract grouped it."""
    profession = Profession.objects.filter(code=code).first()
    if profession is None:
        return
    if profession.skr_group in {profession.name, previous or profession.name}:
        profession.skr_group = new or profession.name
        profession.save(update_fields=["skr_group"])
