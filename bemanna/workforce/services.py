"""Import workflows: validate the whole file first, then write everything or nothing."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from bemanna.analysis.extract import Issue, read_extract
from bemanna.analysis.unittree import read_unit_tree
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org.models import Unit
from bemanna.workforce.models import Employment, ImportBatch, Person, Profession

Progress = Callable[[str, int, int], None]
CHUNK = 5_000


class ImportRefused(Exception):
    """The file has problems; nothing was written. `issues` lists every one."""

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        super().__init__(f"{len(issues)} problem(s)")
        self.issues = issues


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

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _no_progress(step: str, done: int, total: int) -> None:
    return None


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
        _Bytes(data),
        filename=filename,
        pseudonym_key=_pseudonym_key(),
        known_units=Unit.objects.values_list("code", flat=True),
        today=today,
        max_bytes=max_bytes,
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
    frame = result.frame
    assert frame is not None
    report = ImportReport(
        filename,
        result.rows,
        employments=frame.height,
        persons=frame["person"].n_unique(),
        units=frame["unit_code"].n_unique(),
        dry_run=dry_run,
    )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.EMPLOYMENTS,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=_user(actor),
            is_demo=is_demo,
            rows=result.rows,
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
    log_action(
        actor,
        AuditEntry.Action.IMPORT,
        scope=filename,
        kind="employments",
        dry_run=dry_run,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
    )
    return report


class _Bytes:
    """A minimal read() wrapper so the engine can take bytes already in memory."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self) -> bytes:
        return self._data


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


def _upsert_persons(frame, report: ImportReport) -> dict[str, int]:
    people = frame.select("person", "birth_year", "sex").unique("person", keep="first")
    existing = {
        pseudonym: (birth_year, sex, pk)
        for pseudonym, birth_year, sex, pk in Person.objects.values_list(
            "pseudonym", "birth_year", "sex", "pk"
        ).iterator(chunk_size=CHUNK)
    }
    create, update = [], []
    for pseudonym, birth_year, sex in people.iter_rows():
        current = existing.get(pseudonym)
        if current is None:
            create.append(Person(pseudonym=pseudonym, birth_year=birth_year, sex=sex))
        elif current[:2] != (birth_year, sex):
            update.append(
                Person(pk=current[2], pseudonym=pseudonym, birth_year=birth_year, sex=sex)
            )
    Person.objects.bulk_create(create, batch_size=CHUNK)
    Person.objects.bulk_update(update, ["birth_year", "sex"], batch_size=CHUNK)
    report.extra["persons_created"] = len(create)
    report.extra["persons_updated"] = len(update)
    report.updated += len(update)
    found = (
        dict(
            Person.objects.filter(pseudonym__in=[p.pseudonym for p in create]).values_list(
                "pseudonym", "pk"
            )
        )
        if create
        else {}
    )
    return {**{k: v[2] for k, v in existing.items()}, **found}


def _upsert_employments(frame, units, professions, persons, batch, report, progress) -> None:
    fields = (
        "key",
        "pk",
        "unit_id",
        "profession_id",
        "person_id",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
    )
    rows = Employment.objects.values_list(*fields).iterator(chunk_size=CHUNK)
    existing = {row[0]: row[1:] for row in rows}
    create: list[Employment] = []
    update: list[Employment] = []
    total = frame.height
    columns = (
        "employment_key",
        "person",
        "unit_code",
        "profession_code",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
    )
    for index, (key, person, unit, profession, form, rate, start, end, reason) in enumerate(
        frame.select(columns).iter_rows()
    ):
        values = (
            units[unit],
            professions[profession],
            persons[person],
            form,
            Decimal(str(round(rate, 2))).quantize(Decimal("0.01")),
            start,
            end,
            reason or "",
        )
        current = existing.get(key)
        if current is None:
            create.append(_employment(key, values, batch))
        elif current[1:] != values:
            employment = _employment(key, values, batch)
            employment.pk = current[0]
            update.append(employment)
        else:
            report.unchanged += 1
        if index % CHUNK == 0:
            progress("write", index, total)
    Employment.objects.bulk_create(create, batch_size=CHUNK)
    Employment.objects.bulk_update(
        update,
        ["unit", "profession", "person", "form", "rate", "start", "end", "end_reason", "batch"],
        batch_size=CHUNK,
    )
    progress("write", total, total)
    report.created += len(create)
    report.updated += len(update)


def _employment(key: str, values: tuple, batch: ImportBatch) -> Employment:
    unit, profession, person, form, rate, start, end, reason = values
    return Employment(
        key=key,
        unit_id=unit,
        profession_id=profession,
        person_id=person,
        form=form,
        rate=rate,
        start=start,
        end=end,
        end_reason=reason,
        batch=batch,
    )


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
        _Bytes(data),
        filename=filename,
        existing_codes=Unit.objects.values_list("code", flat=True),
        usernames=users,
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
            if (unit.name, unit.level) != (name, level) or (
                manager and unit.manager_id != manager_id
            ):
                unit.name, unit.level = name, level
                unit.manager_id = manager_id if manager else unit.manager_id
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
