"""Early intervention (seed 004): occupational health calls the manager when a sick-leave
spell reaches day 8–10, and records the call and whether a rehabilitation meeting was booked.

Person-level spells are health data: only the occupational-health role sees them (every view
audit-logged); HR sees counts per month; everything is deleted after the retention period.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from bemanna import generation
from bemanna.analysis import kpi
from bemanna.audit.models import AuditEntry, log_action
from bemanna.keyfigures.models import (
    EarlyContact,
    KeptHealthYear,
    ScheduledHours,
    SickLeaveSpell,
)
from bemanna.keyfigures.services import prune_kept_health, published_health
from bemanna.org.models import Level, Unit
from bemanna.workforce.models import Employment

FIRST_DAY, LAST_DAY = 8, 10  # the days on which the call is due
LATE_DAY = 14  # a spell not called by now (a weekend, a holiday) still shows, marked late
RETRY_DAYS = 28  # a call that did not reach the manager is tried again until this day


def day_of(spell: SickLeaveSpell, today: datetime.date) -> int:
    """The spell's day number today (its first day is day 1)."""
    return (today - spell.start).days + 1


def spell_ends(candidates: QuerySet[SickLeaveSpell], until: datetime.date) -> dict[int, Any]:
    """For each candidate row that starts a spell, the last day of its whole spell (None
    while open); rows that only continue an earlier row (kpi.continuous_spells: no gap between
    them, as when the extent changes) are left out: they start no new spell and no new call.

    Only rows that end at most a day before the earliest candidate can be left unread: no
    other row can join a candidate's spell, before it or after."""
    first = candidates.aggregate(first=Min("start"))["first"]
    if first is None:
        return {}
    rows = (
        SickLeaveSpell.objects.filter(
            person_id__in=candidates.values("person_id"), start__lte=until
        )
        .exclude(end__lt=first - datetime.timedelta(days=1))
        .values_list("pk", "person_id", "start", "end")
    )
    frame = pl.DataFrame(
        list(rows),
        schema={"pk": pl.Int64, "person": pl.Int64, "start": pl.Date, "end": pl.Date},
        orient="row",
    )
    far = datetime.date(9999, 12, 31)
    chains = kpi.continuous_spells(frame, far).filter(
        pl.col("pk").is_in(list(candidates.values_list("pk", flat=True)))
        & (pl.col("start") == pl.col("spell_start"))
    )
    return {
        pk: (None if last == far else last)
        for pk, last in chains.select("pk", "spell_last").iter_rows()
    }


def worklist(today: datetime.date, *, retry: bool = False) -> list[dict]:
    """Spells at day 8–14 today, running today and not yet called, oldest first. A spell
    is its continuous period (a row that continues another starts no new count of days).

    With `retry`: the spells called without reaching the manager, still running, from day 8
    up to RETRY_DAYS, to call again."""
    if retry:
        candidates = SickLeaveSpell.objects.filter(
            start__gte=today - datetime.timedelta(days=RETRY_DAYS - 1),
            start__lte=today - datetime.timedelta(days=FIRST_DAY - 1),
            contact__manager_reached=False,
        )
    else:
        candidates = SickLeaveSpell.objects.filter(
            start__gte=today - datetime.timedelta(days=LATE_DAY - 1),
            start__lte=today - datetime.timedelta(days=FIRST_DAY - 1),
            contact__isnull=True,
        )
    ends = spell_ends(candidates, today)
    return describe_all(
        [
            spell
            for spell in candidates.select_related("person").order_by("start", "pk")
            # back at work (the whole spell over): no call
            if spell.pk in ends and (ends[spell.pk] is None or ends[spell.pk] >= today)
        ],
        today,
    )


def recent_calls(today: datetime.date, days: int = 30) -> list[dict]:
    contacts = list(
        EarlyContact.objects.filter(
            called_on__gte=today - datetime.timedelta(days=days), spell__isnull=False
        )
        .select_related("spell__person", "recorded_by")
        .order_by("-called_on", "pk")
    )
    described = describe_all([c.spell for c in contacts], today)
    return [{**row, "contact": c} for row, c in zip(described, contacts, strict=True)]


def describe(spell: SickLeaveSpell, today: datetime.date) -> dict:
    """What occupational health needs for the call: the unit and its manager, the spell's
    start, day and extent, and the employee's reference (no name is ever stored)."""
    return describe_all([spell], today)[0]


def describe_all(spells: list[SickLeaveSpell], today: datetime.date) -> list[dict]:
    """`describe` for each spell, in a fixed number of queries however many there are: the
    employments of their people, and the unit tree with its managers, read once."""
    if not spells:
        return []
    first, last = min(s.start for s in spells), max(s.start for s in spells)
    employments: dict[int, list[Employment]] = defaultdict(list)
    for employment in (
        Employment.objects.filter(person_id__in={s.person_id for s in spells}, start__lte=last)
        .exclude(end__lt=first)
        .select_related("profession")
        .order_by("-rate", "pk")
    ):
        employments[employment.person_id].append(employment)
    units = {unit.pk: unit for unit in Unit.objects.select_related("manager__profile")}
    rows = []
    for spell in spells:
        # The largest employment on the spell's first day (then the first made).
        employment = next(
            (
                e
                for e in employments[spell.person_id]
                if e.start <= spell.start and (e.end is None or e.end >= spell.start)
            ),
            None,
        )
        unit = units.get(employment.unit_id) if employment else None
        chain = _ancestors(unit, units)  # from the root down to the unit
        manager, manager_unit = _nearest(chain)
        day = day_of(spell, today)
        rows.append(
            {
                "spell": spell,
                "day": day,
                "late": day > LAST_DAY,
                "unit": unit,
                "manager": manager,
                "manager_unit": manager_unit,
                "phone": _phone(manager),
                # The förvaltning the unit belongs to (itself when it is one), for the filter.
                "administration": next((u for u in chain if u.level == Level.ADMINISTRATION), None),
                "profession": employment.profession if employment else None,
            }
        )
    return rows


def nearest_manager(unit):
    """The manager to call: the unit's own, or the nearest one up the unit tree (a ward
    without a manager account is called through the clinic's manager). (manager, unit)."""
    if unit is None:
        return None, None
    return _nearest(unit.ancestors())


def _nearest(chain: list[Unit]):
    """(manager, unit) of the lowest unit of a chain from the root that has a manager."""
    return next(
        ((above.manager, above) for above in reversed(chain) if above.manager_id is not None),
        (None, None),
    )


def _ancestors(unit: Unit | None, units: dict[int, Unit]) -> list[Unit]:
    """`Unit.ancestors()` from units already read."""
    if unit is None:
        return []
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return [units[pk] for pk in ids if pk in units]


def _phone(manager) -> str:
    profile = getattr(manager, "profile", None) if manager is not None else None
    return getattr(profile, "phone", "") or ""


EARLY_COUNTS = ("due", "calls", "reached", "meetings")


def counts(year: int) -> list[dict]:
    """Per month of a year: spells that reached day 8, calls made, managers reached and
    rehabilitation meetings booked. Only counts, for the whole region. Without any sick leave
    imported there is nothing to count: None ("–" on the page), not 0, as in the board report.

    Only the months kept as first shown (final, and with their sick leave kept:
    `services.published_health`), as the key figures show them: a month still open would
    change with a spell registered late, and before minus after would be one person's."""
    kept = _kept_through()
    months = [datetime.date(year, month, 1) for month in range(1, 13)]
    if not SickLeaveSpell.objects.exists() or kept is None:
        return [{"month": month, **dict.fromkeys(EARLY_COUNTS)} for month in months]
    calls = dict.fromkeys(range(1, 13))
    rows = (
        EarlyContact.objects.filter(called_on__year=year)
        .annotate(m=ExtractMonth("called_on"))
        .values("m")
        .annotate(
            calls=Count("pk"),
            reached=Count("pk", filter=Q(manager_reached=True)),
            meetings=Count("pk", filter=Q(rehab_meeting=True)),
        )
    )
    for row in rows:
        calls[row["m"]] = row
    # The spells change only with an import (or the retention run): kept until the next.
    due = generation.remembered("early-due", (year, kept), lambda: _due(year))
    # A month whose calls retention has deleted shows none ("–"), not 0.
    gone = _calls_from(timezone.localdate())
    return [
        {"month": month, **dict.fromkeys(EARLY_COUNTS)}
        if month > kept
        else {
            "month": month,
            "due": due[month.month],
            **(
                dict.fromkeys(EARLY_COUNTS[1:])
                if month < gone
                else {
                    name: (calls[month.month] or {}).get(name, 0)
                    for name in ("calls", "reached", "meetings")
                }
            ),
        }
        for month in months
    ]


def _calls_from(today: datetime.date) -> datetime.date:
    """The first day whose calls are kept (`health_cutoffs`): the first of a month."""
    return health_cutoffs(today)[1]


def _kept_through() -> datetime.date | None:
    """The first day of the last month whose sick leave is kept as first shown (a final month
    with its hours in, kept when the key figures are computed: `services.published_health`),
    or None. Read, not kept here: stitching the sick leave on every request took the key
    figures' page from 0.3 to 1.1 s."""
    last = KeptHealthYear.objects.order_by("-year", "-month").values_list("year", "month").first()
    return datetime.date(last[0], last[1], 1) if last else None


def _due(year: int) -> dict[int, int]:
    """Per month of a year: the spells that reached day 8 in it, from the spells as
    published (`services.published_health`: a kept month's as they were first shown, so a
    spell registered late changes no month shown)."""
    spells, _hours = published_health(timezone.localdate())
    return _reached(spells, year)


def _reached(spells: pl.DataFrame, year: int) -> dict[int, int]:
    """Per month of `year`: the spells of `spells` that reached day 8 in it.

    Day 8 counts from the day a spell began (`spell_start`: its `since`, where a late spell
    was cut at a kept month's seam), and only on a day of the rows (from `spell_first`): a
    late spell that reached it in a month kept without it counts in no month, neither its
    own, kept as shown, nor the month after the seam, where it did not reach it."""
    due = dict.fromkeys(range(1, 13), 0)
    last = datetime.date(year, 12, 31)
    far = datetime.date(9999, 12, 31)
    chains = kpi.continuous_spells(spells.filter(pl.col("start") <= last), far)
    eighth = pl.col("spell_start") + datetime.timedelta(days=FIRST_DAY - 1)
    reached = chains.filter(
        (pl.col("start") == pl.col("spell_first"))
        & (eighth >= pl.col("spell_first"))
        & (eighth.dt.year() == year)
        & (pl.col("spell_last") >= eighth)
    ).select(eighth.dt.month().alias("month"))
    for month in reached["month"].to_list():
        due[month] += 1
    return due


def delete_expired(today: datetime.date) -> dict[str, int]:
    """Delete health data older than the retention periods (settings); log what went."""
    oldest, contact_limit = health_cutoffs(today)
    deleted = {
        "contacts": EarlyContact.objects.filter(called_on__lt=contact_limit).delete()[0],
        # (A spell's own call record goes with it.)
        "spells": SickLeaveSpell.objects.filter(end__lt=oldest)
        .delete()[1]
        .get(SickLeaveSpell._meta.label, 0),
        "hours": ScheduledHours.objects.filter(month__lt=oldest).delete()[0],
    }
    prune_kept_health(oldest)  # and from the rows kept as the closed years were shown
    if any(deleted.values()):
        generation.bump()  # the key figures and the counts were computed from them
    # That the rule ran, not how many rows went, nor whether any did: a run's count, or
    # the pending count on the retention page, before minus after an erasure would be the
    # erased person's sick spells, months of hours and calls (health data), to HR admin.
    log_action(None, AuditEntry.Action.HEALTH_DELETED, scope=f"before {oldest.isoformat()}")
    return deleted


def health_cutoffs(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Spells ended and hours before the first date go; calls made before the second."""
    oldest = datetime.date(today.year - settings.HEALTH_DATA_YEARS + 1, 1, 1)
    return oldest, _months_before(today, settings.EARLY_CONTACT_MONTHS)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` before `day`'s: calls go by whole months, so a
    month's counts on the key figures go all at once, not a day's calls at a time (which
    would be those calls' outcomes, before minus after).

    Examples:
        >>> _months_before(datetime.date(2026, 6, 30), 24)
        datetime.date(2024, 6, 1)
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, 1)
