"""Retention for every kind of data Bemanna keeps, applied by `bemanna run_schedule`.

Each rule names what it deletes, after how long (a setting, with a default that follows
common Swedish practice for an analysis copy of HR data; the region's records-management
plan decides in the end), the date each row counts from, and how many rows are due. The
same rules feed the *Gallring* page (what goes at the next run, and when the next rows
become due) and the deletion, so the page cannot promise what the schedule does not do.

Health data (sick-leave spells, scheduled hours, occupational health's calls) keeps its own
rule in `keyfigures.early.delete_expired` (whole calendar years, as the key figures' trend);
this module shows it and calls it. Deleted rows are gone from the database, not flagged; on
SQLite the file is then vacuumed and its write-ahead log truncated, so the old pages are not
left in the file; PostgreSQL's tables are vacuumed. Each run's counts go to the audit log
(counts only).

Files: Bemanna keeps no uploaded file. An upload is read in memory (or in a temporary file
Django deletes at the end of the request); what is kept of an import is its record (file
name, SHA-256, row counts), which the `imports` rule deletes.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bemanna import generation
from bemanna.audit.models import AuditEntry, log_action
from bemanna.exits.models import ExitAnswer, ExitBlockTree, ExitSurveyConfig
from bemanna.exits.results import block_of
from bemanna.keyfigures import early
from bemanna.keyfigures.models import EarlyContact, ScheduledHours, SickLeaveSpell
from bemanna.plan.models import Proposal, Status
from bemanna.pulse.models import Response, Wave, WaveStatus
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, ImportBatch, Person
from bemanna.workforce.retention import employment_cutoff, employment_due, years_before

FINISHED = (Status.REJECTED, Status.EVALUATED)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day where it is shorter).

    Examples:
        >>> months_before(datetime.date(2026, 5, 31), 3)
        datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Pending:
    due: int  # rows the next run deletes
    next_due: datetime.date | None  # when the next rows after those become due


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    kept: str  # how long, as the page says it
    setting: str
    pending: Callable[[datetime.date], Pending]
    apply: Callable[[datetime.date], int] | None  # None: deleted by another part (health)


# -- Employments and persons -----------------------------------------------------------------


def _dated(queryset: QuerySet, field: str, cutoff: datetime.date, becomes_due) -> Pending:
    """Rows whose `field` is before the cutoff are due; the earliest later one is next."""
    due = queryset.filter(**{f"{field}__lt": cutoff}).count()
    first = queryset.filter(**{f"{field}__gte": cutoff}).aggregate(first=Min(field))["first"]
    if isinstance(first, datetime.datetime):
        first = timezone.localdate(first)
    return Pending(due, becomes_due(first) if first else None)


def _after_years(years: int):
    return lambda day: _plus_years(day, years) + datetime.timedelta(days=1)


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _employments_pending(today: datetime.date) -> Pending:
    return _dated(
        Employment.objects.filter(end__isnull=False),
        "end",
        employment_cutoff(today),
        employment_due,
    )


def _orphans() -> QuerySet[Person]:
    """Persons with no employment, spell or hours left: nothing to keep them for."""
    return (
        Person.objects.filter(employments__isnull=True)
        .exclude(pk__in=SickLeaveSpell.objects.values("person_id"))
        .exclude(pk__in=ScheduledHours.objects.values("person_id"))
    )


def _delete_employments(today: datetime.date) -> int:
    deleted = Employment.objects.filter(end__lt=employment_cutoff(today)).delete()[0]
    # A person's competence plan and open invitations go with them.
    _orphans().delete()
    frames.prune_kept(today)  # and the rows kept as the closed years were first shown
    return deleted


# -- Pulse waves and exit answers ------------------------------------------------------------


def _waves_before(cutoff: datetime.date) -> QuerySet[Wave]:
    return Wave.objects.filter(status=WaveStatus.CLOSED, closes__lt=cutoff)


def _waves_pending(today: datetime.date) -> Pending:
    years = settings.RETAIN_ANSWERS_YEARS
    cutoff = years_before(today, years)
    due = Response.objects.filter(wave__in=_waves_before(cutoff)).count()
    later = Wave.objects.filter(status=WaveStatus.CLOSED, closes__gte=cutoff)
    first = later.aggregate(first=Min("closes"))["first"]
    return Pending(due, _after_years(years)(first) if first else None)


def _delete_waves(today: datetime.date) -> int:
    waves = _waves_before(years_before(today, settings.RETAIN_ANSWERS_YEARS))
    # Answers first (they protect their wave); invitations, tallies and dialogues go with it.
    deleted = Response.objects.filter(wave__in=waves).delete()[1].get(Response._meta.label, 0)
    waves.delete()
    return deleted


def _block_end(year: int) -> datetime.date:
    return datetime.date(block_of(year, ExitSurveyConfig.current().pool_years)[1], 12, 31)


def _exit_years(today: datetime.date, years: int) -> tuple[list[int], datetime.date | None]:
    """Years whose whole block ended more than `years` ago, and when the next block is due.
    Whole blocks only: deleting one year of a block would change a figure already shown,
    and the difference would give that year's answers away."""
    cutoff = years_before(today, years)
    due, later = [], []
    for year in ExitAnswer.objects.values_list("year", flat=True).distinct():
        (due if _block_end(year) < cutoff else later).append(year)
    next_due = min((_after_years(years)(_block_end(y)) for y in later), default=None)
    return due, next_due


def _exits_pending(today: datetime.date) -> Pending:
    years, next_due = _exit_years(today, settings.RETAIN_ANSWERS_YEARS)
    return Pending(ExitAnswer.objects.filter(year__in=years).count(), next_due)


def _delete_exits(today: datetime.date) -> int:
    years, _next = _exit_years(today, settings.RETAIN_ANSWERS_YEARS)
    deleted = ExitAnswer.objects.filter(year__in=years).delete()[0]
    if years:
        ExitBlockTree.objects.filter(end__lte=max(years)).delete()
    return deleted


# -- Comments --------------------------------------------------------------------------------


def _comments(today: datetime.date) -> tuple[QuerySet, QuerySet, datetime.date | None]:
    years = settings.RETAIN_COMMENTS_YEARS
    cutoff = years_before(today, years)
    pulse = Response.objects.filter(wave__in=_waves_before(cutoff)).exclude(comment="")
    exit_years, exit_next = _exit_years(today, years)
    exits = ExitAnswer.objects.filter(year__in=exit_years).exclude(would_have_stayed="")
    later = (
        Response.objects.exclude(comment="")
        .filter(wave__status=WaveStatus.CLOSED, wave__closes__gte=cutoff)
        .aggregate(first=Min("wave__closes"))["first"]
    )
    pulse_next = _after_years(years)(later) if later else None
    dates = [d for d in (pulse_next, exit_next) if d]
    return pulse, exits, min(dates, default=None)


def _comments_pending(today: datetime.date) -> Pending:
    pulse, exits, next_due = _comments(today)
    return Pending(pulse.count() + exits.count(), next_due)


def _delete_comments(today: datetime.date) -> int:
    pulse, exits, _next = _comments(today)
    return pulse.update(comment="") + exits.update(would_have_stayed="")


# -- Proposals, audit log, import records ----------------------------------------------------


def _finished_proposals():
    return Proposal.objects.filter(status__in=FINISHED).annotate(last=Max("events__at"))


def _proposals_pending(today: datetime.date) -> Pending:
    years = settings.RETAIN_PROPOSALS_YEARS
    cutoff = years_before(today, years)
    lasts = [
        timezone.localdate(p.last) if p.last else p.submitted_on for p in _finished_proposals()
    ]
    due = sum(1 for last in lasts if last < cutoff)
    later = [last for last in lasts if last >= cutoff]
    return Pending(due, _after_years(years)(min(later)) if later else None)


def _delete_proposals(today: datetime.date) -> int:
    cutoff = years_before(today, settings.RETAIN_PROPOSALS_YEARS)
    due = [
        p.pk
        for p in _finished_proposals()
        if (timezone.localdate(p.last) if p.last else p.submitted_on) < cutoff
    ]
    # Events, the action, its notes and its effect figures go with the proposal.
    return Proposal.objects.filter(pk__in=due).delete()[1].get(Proposal._meta.label, 0)


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _audit_cutoff(today: datetime.date) -> datetime.date:
    return months_before(today, settings.RETAIN_AUDIT_MONTHS)


def _audit_pending(today: datetime.date) -> Pending:
    months = settings.RETAIN_AUDIT_MONTHS
    cutoff = _moment(_audit_cutoff(today))
    due = AuditEntry.objects.filter(created__lt=cutoff).count()
    first = AuditEntry.objects.filter(created__gte=cutoff).aggregate(first=Min("created"))
    day = timezone.localdate(first["first"]) if first["first"] else None
    return Pending(due, _months_after(day, months) if day else None)


def _months_after(day: datetime.date, months: int) -> datetime.date:
    return months_before(day, -months) + datetime.timedelta(days=1)


def _delete_audit(today: datetime.date) -> int:
    return AuditEntry.objects.filter(created__lt=_moment(_audit_cutoff(today))).delete()[0]


def _imports_cutoff(today: datetime.date) -> datetime.datetime:
    return _moment(years_before(today, settings.RETAIN_IMPORTS_YEARS))


def _imports_pending(today: datetime.date) -> Pending:
    return _dated(
        ImportBatch.objects.all(),
        "created",
        _imports_cutoff(today),
        _after_years(settings.RETAIN_IMPORTS_YEARS),
    )


def _delete_imports(today: datetime.date) -> int:
    # The rows they brought keep their own rules; only the record of the import goes (and
    # a plan file's record of who had a plan, `PlanStatus`, with it). Counted: the imports.
    _total, deleted = ImportBatch.objects.filter(created__lt=_imports_cutoff(today)).delete()
    return deleted.get(ImportBatch._meta.label, 0)


# -- Health data (deleted by keyfigures.early) -----------------------------------------------


def _health_pending(model, field: str, which: int):
    def pending(today: datetime.date) -> Pending:
        cutoff = early.health_cutoffs(today)[which]
        queryset = (
            model.objects.all() if field != "end" else model.objects.filter(end__isnull=False)
        )
        first = queryset.filter(**{f"{field}__gte": cutoff}).aggregate(first=Min(field))["first"]
        due = queryset.filter(**{f"{field}__lt": cutoff}).count()
        if first is None:
            return Pending(due, None)
        if which == 0:  # whole calendar years: due on 1 January after the last year kept
            return Pending(due, datetime.date(first.year + settings.HEALTH_DATA_YEARS, 1, 1))
        # Whole months: due on the first day of the month after the last month kept.
        months = settings.EARLY_CONTACT_MONTHS + 1
        return Pending(due, months_before(first.replace(day=1), -months))

    return pending


def rules() -> list[Rule]:
    s = settings
    return [
        Rule(
            "employments",
            _("Employment rows (and a person with nothing left)"),
            _("the %(n)s last closed years whole, and the month before them")
            % {"n": s.RETAIN_EMPLOYMENT_YEARS},
            "BEMANNA_RETAIN_EMPLOYMENT_YEARS",
            _employments_pending,
            _delete_employments,
        ),
        Rule(
            "sick_leave",
            _("Sick-leave spells"),
            _("the %(n)s latest calendar years") % {"n": s.HEALTH_DATA_YEARS},
            "BEMANNA_HEALTH_DATA_YEARS",
            _health_pending(SickLeaveSpell, "end", 0),
            None,
        ),
        Rule(
            "hours",
            _("Scheduled hours"),
            _("the %(n)s latest calendar years") % {"n": s.HEALTH_DATA_YEARS},
            "BEMANNA_HEALTH_DATA_YEARS",
            _health_pending(ScheduledHours, "month", 0),
            None,
        ),
        Rule(
            "calls",
            _("Occupational health's call records"),
            _("%(n)s months after the call's month") % {"n": s.EARLY_CONTACT_MONTHS},
            "BEMANNA_EARLY_CONTACT_MONTHS",
            _health_pending(EarlyContact, "called_on", 1),
            None,
        ),
        Rule(
            "pulse_answers",
            _("Pulse answers, with their waves, invitations and dialogues"),
            _("%(n)s years after the wave closed") % {"n": s.RETAIN_ANSWERS_YEARS},
            "BEMANNA_RETAIN_ANSWERS_YEARS",
            _waves_pending,
            _delete_waves,
        ),
        Rule(
            "exit_answers",
            _("Exit-survey answers"),
            _("%(n)s years after their block of years ended") % {"n": s.RETAIN_ANSWERS_YEARS},
            "BEMANNA_RETAIN_ANSWERS_YEARS",
            _exits_pending,
            _delete_exits,
        ),
        Rule(
            "comments",
            _("Free-text comments in answers (emptied)"),
            _("%(n)s years after the wave closed or the block ended")
            % {"n": s.RETAIN_COMMENTS_YEARS},
            "BEMANNA_RETAIN_COMMENTS_YEARS",
            _comments_pending,
            _delete_comments,
        ),
        Rule(
            "proposals",
            _("Proposals rejected or evaluated, with their history and action"),
            _("%(n)s years after the last change") % {"n": s.RETAIN_PROPOSALS_YEARS},
            "BEMANNA_RETAIN_PROPOSALS_YEARS",
            _proposals_pending,
            _delete_proposals,
        ),
        Rule(
            "audit",
            _("Audit log entries"),
            _("%(n)s months") % {"n": s.RETAIN_AUDIT_MONTHS},
            "BEMANNA_RETAIN_AUDIT_MONTHS",
            _audit_pending,
            _delete_audit,
        ),
        Rule(
            "imports",
            _("Records of imported files (no file is kept)"),
            _("%(n)s years after the import") % {"n": s.RETAIN_IMPORTS_YEARS},
            "BEMANNA_RETAIN_IMPORTS_YEARS",
            _imports_pending,
            _delete_imports,
        ),
    ]


# Health data's rules: what they will delete is not shown (to HR admin, who alone sees the
# page): before minus after an erasure it would be the erased person's sick spells, months
# of hours and calls, and their first day the year of their oldest.
HEALTH = frozenset({"sick_leave", "hours", "calls"})


def overview(today: datetime.date) -> list[dict]:
    """Each rule with what the next run deletes and when the next rows become due (None for
    health data's, `HEALTH`)."""
    return [
        {"rule": rule, "pending": None if rule.key in HEALTH else rule.pending(today)}
        for rule in rules()
    ]


def apply(today: datetime.date) -> dict[str, int]:
    """Delete everything past its retention period (health data included); log the counts
    and reclaim the space, so the deleted rows are not left in the database file."""
    health = early.delete_expired(today)
    deleted = {rule.key: rule.apply(today) for rule in rules() if rule.apply is not None}
    if any(deleted.values()):
        # The health rows' counts are not logged (`early.delete_expired`, `HEALTH`).
        log_action(None, AuditEntry.Action.RETENTION_DELETED, scope=today.isoformat(), **deleted)
    deleted |= {"sick_leave": health["spells"], "hours": health["hours"]}
    deleted["calls"] = health["contacts"]
    if any(deleted.values()):
        generation.bump()  # the key figures were computed from some of these rows
        reclaim()
    return deleted


def reclaim() -> None:
    """Rewrite the database so deleted rows are gone from the file, not just unlinked."""
    if connection.in_atomic_block:
        return  # VACUUM cannot run in a transaction (a test's); the next run does it
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            cursor.execute("VACUUM")
