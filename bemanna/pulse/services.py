"""Pulse workflows: open a wave, send and remind, take an answer exactly once, close.

What may be shown of the answers is decided in `bemanna.pulse.results` (`WaveReport`).
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bemanna.analysis import disclosure, enps
from bemanna.answering import Refused, rows
from bemanna.answering.codes import claim_tag, hash_code, link, new_code
from bemanna.answering.storage import rewrite_in_key_order, shuffled
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org import frozen
from bemanna.org.models import Unit
from bemanna.pulse import kinds
from bemanna.pulse.models import (
    Claim,
    Invitation,
    InvitationCode,
    ItemAnswer,
    Pulse,
    Question,
    Response,
    Wave,
    WaveStatus,
    WaveTally,
)
from bemanna.pulse.results import HME_FIELDS
from bemanna.workforce.models import Employment, EmploymentForm

MAIL_BATCH = 200


class AnswerRefused(Refused):
    """Why an invitation cannot be used: 'unknown', 'used' or 'closed'."""


# --- Who is asked ---------------------------------------------------------------------------


class Asked(NamedTuple):
    unit: int
    email: str
    group: str
    born: int


def segment_of(pulse: Pulse, asked: Asked, on: datetime.date) -> str:
    """The breakdown a survey keeps with each answer, as its kind (`bemanna.pulse.kinds`)
    declares it: the profession group for part-timers, the age band for staff 60+; nothing
    for an ambassadorship pulse."""
    kind = kinds.get(pulse.purpose)
    return kind.segment(asked, on) if kind else ""


def population(
    pulse: Pulse, on: datetime.date, *, units: Iterable[Unit] | None = None
) -> dict[int, Asked]:
    """person id → (unit id, e-mail, profession group, birth year) for everyone the pulse
    asks on a date.

    Monthly-paid staff employed on the date in the pulse's units (with everything below),
    narrowed by profession group, part time and age; the largest employment decides the unit.
    `units` stands in for the pulse's own when it is not saved yet (the count on the
    creation page).
    """
    paths = [unit.path for unit in (pulse.units.all() if units is None else units)]
    if not paths:
        return {}
    active = (
        Employment.objects.filter(start__lte=on)
        .exclude(end__lt=on)
        .exclude(form=EmploymentForm.HOURLY)
        .order_by("person_id", "-rate", "pk")
        .values_list(
            "person_id",
            "unit_id",
            "unit__path",
            "rate",
            "profession__skr_group",
            "person__birth_year",
            "person__email",
        )
    )
    groups = set(pulse.profession_groups or [])
    total_rate: dict[int, float] = defaultdict(float)
    chosen: dict[int, tuple[int, str, str, int]] = {}
    for person, unit, path, rate, group, born, email in active:
        total_rate[person] += float(rate)
        if person not in chosen and any(path.startswith(p) for p in paths):
            chosen[person] = (unit, email, group, born)
    result = {}
    for person, (unit, email, group, born) in chosen.items():
        if groups and group not in groups:
            continue
        if pulse.part_time_only and total_rate[person] >= 100:
            continue
        if pulse.min_age is not None and on.year - born < pulse.min_age:
            continue
        result[person] = Asked(unit, email, group or "", born)
    return result


# --- The life of a wave ---------------------------------------------------------------------


@transaction.atomic
def open_wave(pulse: Pulse, opens: datetime.date, *, actor=None) -> Wave:
    """Start a wave: one invitation per person in the pulse's population, no codes yet.

    Codes are made when they go out (`send_invitations`, `sheet_codes`) and only their
    hashes are kept.
    """
    wave = Wave.objects.create(
        pulse=pulse,
        opens=opens,
        closes=opens + datetime.timedelta(days=pulse.window_days - 1),
        # From the first response count shown, the wave's figures are over this tree, and
        # with these thresholds.
        tree=frozen.snapshot(),
        min_answers=pulse.min_answers,
        min_answers_text=pulse.min_answers_text,
    )
    asked = population(pulse, opens)
    counted = counting_units(wave, Counter(one.unit for one in asked.values()))
    Invitation.objects.bulk_create(
        Invitation(
            wave=wave,
            person_id=person,
            unit_id=one.unit,
            counted_unit_id=counted[one.unit],
            by_email=bool(one.email),
            segment=segment_of(pulse, one, opens),
        )
        for person, one in asked.items()
    )
    log_action(actor, AuditEntry.Action.PULSE_WAVE_OPENED, scope=str(wave), invitations=len(asked))
    return wave


def counting_units(wave: Wave, invited: Mapping[int, int]) -> dict[int, int]:
    """Each invited unit → the unit its answers are stored under (`disclosure.counting_units`
    over the wave's own tree and thresholds)."""
    parents = {pk: unit.parent_id for pk, unit in frozen.units_of(wave.tree).items()}
    return disclosure.counting_units(parents, invited, wave.k)


def issue_codes(invitations: Iterable[Invitation], kind: str) -> dict[int, str]:
    codes = {invitation.pk: new_code() for invitation in invitations}
    InvitationCode.objects.bulk_create(
        InvitationCode(invitation_id=pk, code_hash=hash_code(code), kind=kind)
        for pk, code in codes.items()
    )
    return codes


def answer_url(code: str) -> str:
    """The invitation link: the code page with the code after '#', never sent to a server."""
    return link("pulse:code", code)


def _message(wave: Wave, code: str, address: str, *, reminder: bool) -> mail.EmailMessage:
    pulse = wave.pulse
    context = {
        "pulse": pulse,
        "wave": wave,
        "code": code,
        "url": answer_url(code),
        "code_url": f"{settings.BASE_URL}{reverse('pulse:code')}",
        "reminder": reminder,
        "english": "en" in pulse.language_list(),
    }
    with translation.override("sv"):
        body = render_to_string("pulse/email/invitation.txt", context)
    subject = (f"Påminnelse: {pulse.name}" if reminder else f"{pulse.name}: din röst, anonymt") + (
        " / Reminder" if reminder and context["english"] else ""
    )
    return mail.EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def send_invitations(wave: Wave, *, reminder: bool = False, limit: int | None = None) -> int:
    """E-mail a fresh single-use link to everyone not yet sent one (or, for a reminder, to
    everyone sent one and not yet reminded). Returns how many.

    The reminder goes to those who have answered too (its link then opens nothing): the
    database does not say who has answered while the window is open (`Claim`), and reminder
    codes kept for those who had not would say it, and narrow down whose the answers coming
    after them are.

    Work goes in batches: codes are stored (hashed) and the batch is sent, then marked.
    A failure part-way leaves the rest unmarked, and running again sends only to them.
    """
    pending = wave.invitations.filter(by_email=True, person__isnull=False)
    sent = 0
    if reminder:
        pending = pending.filter(sent=True, reminded=False)
        # An erased person's invitation (no one's now: `privacy.extract.erase`) is reminded
        # as it would have been, without a message: the wave's count of reminders stays
        # that of everyone e-mailed.
        sent = wave.invitations.filter(
            by_email=True, person__isnull=True, sent=True, reminded=False
        ).update(reminded=True)
    else:
        pending = pending.filter(sent=False)
    kind = InvitationCode.Kind.REMINDER if reminder else InvitationCode.Kind.EMAIL
    with mail.get_connection() as connection:
        while limit is None or sent < limit:
            size = MAIL_BATCH if limit is None else min(MAIL_BATCH, limit - sent)
            batch = list(pending.select_related("person").order_by("pk")[:size])
            if not batch:
                return sent
            with transaction.atomic():
                codes = issue_codes(batch, kind)
            messages = [
                _message(wave, codes[i.pk], i.person.email, reminder=reminder) for i in batch
            ]
            connection.send_messages(messages)
            flag = "reminded" if reminder else "sent"
            Invitation.objects.filter(pk__in=[i.pk for i in batch]).update(**{flag: True})
            sent += len(batch)
    return sent


def sheet_codes(wave: Wave, unit: Unit) -> list[str]:
    """Codes for the printed invitations of a unit (with everything below): one for each
    invitation without an e-mail address that has had none printed.

    Each is printed once. Printed again for those who had not answered, the slips' number
    said how many of the unit's paper invitees had answered (whether the one had, in a ward
    with one); printed for everyone, a slip of someone who had answered would reach someone
    who had not, and open nothing. Invitations printed before a wave opened none: so the
    first print is everyone's, whatever was answered by e-mail. A lost slip is not replaced.
    """
    if wave.status != WaveStatus.OPEN:
        raise AnswerRefused("closed")
    with transaction.atomic():
        # Unit by unit, but in a random order inside each: in the order invitations were made
        # (the staff list's) whoever hands the slips out would know whose code is whose.
        invitations = sorted(
            shuffled(
                wave.invitations.filter(
                    # (Not one whose person was erased: it stays only to be counted.)
                    by_email=False,
                    person__isnull=False,
                    unit__path__startswith=unit.path,
                )
                .exclude(codes__kind=InvitationCode.Kind.SHEET)
                .select_related("unit")
            ),
            key=lambda invitation: invitation.unit.path,
        )
        codes = issue_codes(invitations, InvitationCode.Kind.SHEET)
    return [codes[i.pk] for i in invitations]


@transaction.atomic
def close_wave(wave: Wave) -> None:
    """End the window: no code works any more, no invitation says who it was for, and
    nothing stored keeps the order people were invited or answered in.

    The wave keeps the unit tree it was opened with: its results never change with a move.
    The wave's row is locked first: an answer being stored holds it (`_store_in_one_transaction`)
    and is in before the invitations are counted, or finds the window closed."""
    Wave.objects.select_for_update().filter(pk=wave.pk).exists()
    InvitationCode.objects.filter(invitation__wave=wave).delete()
    forget_invitations(wave)
    Claim.objects.filter(wave=wave).delete()
    # The answers (and their items) again, sorted by their random keys: see answering.storage.
    rewrite_in_key_order(Response.objects.filter(wave=wave))
    rewrite_in_key_order(ItemAnswer.objects.filter(response__wave=wave))
    wave.status = WaveStatus.CLOSED
    if wave.tree is None:  # opened before trees were kept
        wave.tree = frozen.snapshot()
    wave.save(update_fields=["status", "tree"])


def forget_invitations(wave: Wave) -> None:
    """Replace a wave's invitations by the same number of rows in random order, each with
    only the unit it is counted in (as its answer is) and whether it was used. The segment
    goes too: nothing reads it after close, and in a cell of unit and segment with one
    person `used` said whether they had answered.

    Invitations are made in the order of the people invited; their ids, and their storage
    order, would join `used` back to the staff list. The per-invitation e-mail, sent and
    reminder flags would tell who had no address or had not answered by the reminder:
    they are kept only as the wave's counts.
    """
    used = used_invitations(wave)
    rows = [
        (counted or unit, was_used or pk in used)
        for pk, counted, unit, was_used in wave.invitations.values_list(
            "pk", "counted_unit_id", "unit_id", "used"
        )
    ]
    WaveTally.objects.update_or_create(
        wave=wave,
        defaults=wave.invitations.aggregate(
            by_email=Count("id", filter=Q(by_email=True)),
            sent=Count("id", filter=Q(sent=True)),
            reminded=Count("id", filter=Q(reminded=True)),
        ),
    )
    wave.invitations.all().delete()
    Invitation.objects.bulk_create(
        (
            Invitation(wave=wave, unit_id=unit, counted_unit_id=unit, used=used)
            for unit, used in shuffled(rows)
        ),
        batch_size=5000,
    )


def claimed_tag(invitation_id: int) -> str:
    """The tag a used pulse invitation is kept under while its window is open (`Claim`)."""
    return claim_tag("pulse", invitation_id)


def used_invitations(wave: Wave) -> set[int]:
    """The ids of an open wave's invitations that have been used: only the code key matches
    a claim to its invitation, so each invitation's tag is made and looked for."""
    tags = set(Claim.objects.filter(wave=wave).values_list("tag", flat=True))
    if not tags:
        return set()
    return {pk for pk in wave.invitations.values_list("pk", flat=True) if claimed_tag(pk) in tags}


def claim(wave: Wave, invitation_ids: Iterable[int]) -> None:
    """Keep these invitations of an open wave as used (the demo's answers, made in bulk)."""
    Claim.objects.bulk_create(
        (Claim(tag=claimed_tag(pk), wave=wave) for pk in invitation_ids), batch_size=5000
    )


def is_used(invitation: Invitation) -> bool:
    return invitation.used or Claim.objects.filter(tag=claimed_tag(invitation.pk)).exists()


def invitation_counts(wave: Wave) -> dict[str, int]:
    """Invited, by e-mail, sent, reminded and answered: from the invitations (and the claims,
    while the wave is open), from its tally once closed."""
    counts = wave.invitations.aggregate(
        invited=Count("id"),
        by_email=Count("id", filter=Q(by_email=True)),
        sent=Count("id", filter=Q(sent=True)),
        reminded=Count("id", filter=Q(reminded=True)),
        answered=Count("id", filter=Q(used=True)),
    )
    counts["answered"] += Claim.objects.filter(wave=wave).count()
    tally = WaveTally.objects.filter(wave=wave).first()
    if tally is not None:
        counts.update(by_email=tally.by_email, sent=tally.sent, reminded=tally.reminded)
    return counts


@dataclass
class ScheduleReport:
    opened: list[Wave] = field(default_factory=list)
    invited: int = 0
    reminded: int = 0
    closed: list[Wave] = field(default_factory=list)


def run_schedule(
    today: datetime.date, *, actor=None, progress: Callable[[str], None] | None = None
) -> ScheduleReport:
    """Do what is due today; running it again the same day does nothing more.

    Closes waves whose window has passed, opens scheduled waves whose window is still open,
    sends invitations not yet sent and reminders that are due.
    """
    say = progress or (lambda _text: None)
    report = ScheduleReport()
    for wave in Wave.objects.filter(status=WaveStatus.OPEN, closes__lt=today):
        close_wave(wave)
        report.closed.append(wave)
        say(f"closed {wave}")
    for pulse in Pulse.objects.filter(active=True):
        existing = set(pulse.waves.values_list("opens", flat=True))
        for opens in pulse.opening_dates(today):
            closes = opens + datetime.timedelta(days=pulse.window_days - 1)
            if opens not in existing and closes >= today:
                report.opened.append(open_wave(pulse, opens, actor=actor))
                say(f"opened {report.opened[-1]}")
    for wave in Wave.objects.filter(status=WaveStatus.OPEN).select_related("pulse"):
        report.invited += send_invitations(wave)
        reminder = wave.reminder_on
        if reminder is not None and reminder <= today:
            report.reminded += send_invitations(wave, reminder=True)
    return report


# --- Answering ------------------------------------------------------------------------------


def find_invitation(code: str, today: datetime.date) -> Invitation:
    """The open, unused invitation behind a code, or AnswerRefused saying why not.

    Its wave, pulse and the pulse's questions come with it in one statement (`pulse.questions
    .all()` asks nothing more): the answer page asks for them on every request, and building
    the query through the ORM each time cost more than running it (`answering.rows`).
    """
    invitation = _invitation_by_hash(hash_code(code))
    if invitation is None:
        raise AnswerRefused("unknown")
    if is_used(invitation):
        raise AnswerRefused("used")
    wave = invitation.wave
    if wave.status != WaveStatus.OPEN or not wave.opens <= today <= wave.closes:
        raise AnswerRefused("closed")
    return invitation


_BY_CODE = (
    rows.Columns(Invitation, "i"),
    rows.Columns(Wave, "w", skip=("tree",)),  # the unit tree at opening: no answer needs it
    rows.Columns(Pulse, "p"),
    rows.Columns(Question, "q"),
)


@functools.cache
def _by_code_sql(vendor: str) -> str:
    invitation, wave, pulse, question = _BY_CODE
    return (
        f"SELECT {invitation.sql()}, {wave.sql()}, {pulse.sql()}, {question.sql()} "  # noqa: S608
        "FROM pulse_invitationcode c "
        "JOIN pulse_invitation i ON i.id = c.invitation_id "
        "JOIN pulse_wave w ON w.id = i.wave_id "
        "JOIN pulse_pulse p ON p.id = w.pulse_id "
        "LEFT JOIN pulse_question q ON q.pulse_id = p.id "
        "WHERE c.code_hash = %s ORDER BY q.position, q.id"
    )


def _invitation_by_hash(code_hash: str) -> Invitation | None:
    with connection.cursor() as cursor:
        cursor.execute(_by_code_sql(connection.vendor), [code_hash])
        found = cursor.fetchall()
    if not found:
        return None
    first, start, loaded = found[0], 0, []
    for columns in _BY_CODE[:3]:
        loaded.append(columns.reader()(first[start : start + len(columns)]))
        start += len(columns)
    invitation, wave, pulse = loaded
    read_question = _BY_CODE[3].reader()
    questions = [read_question(row[start:]) for row in found if row[start] is not None]
    pulse_field = Question._meta.get_field("pulse")
    for question in questions:
        pulse_field.set_cached_value(question, pulse)
    # As prefetch_related leaves it: pulse.questions.all() is this list, without a query.
    prefetched = Question.objects.all()
    prefetched._result_cache = questions
    prefetched._prefetch_done = True
    pulse._prefetched_objects_cache = {"questions": prefetched}
    wave.pulse = pulse
    invitation.wave = wave
    return invitation


def hme_indices(items: dict[str, int]) -> dict[str, float | None]:
    """One respondent's HME and sub-indices (0–100) from items keyed as in enps.HME_KEYS."""
    answers = {enps.HME_KEYS[key]: value for key, value in items.items() if key in enps.HME_KEYS}
    if not answers:
        return dict.fromkeys(HME_FIELDS)
    result = enps.hme([answers])
    values = (result.total, result.motivation, result.leadership, result.governance)
    return {
        name: None if math.isnan(value) else value
        for name, value in zip(HME_FIELDS, values, strict=True)
    }


def submit_answer(
    invitation: int | Invitation,
    *,
    score: int,
    items: dict[str, int],
    comment: str,
    today: datetime.date,
) -> None:
    """Store one answer for an invitation, exactly once, however often it is posted.

    The invitation row is only read: that it was used is kept as a `Claim` under its keyed
    tag, inserted in the same transaction as the answer, whose uniqueness refuses every
    post but the first. So the transaction that stored an answer (PostgreSQL's `xmin`, a
    write-ahead log's frames, two copies of the database) names no invitation, and the
    answer takes the invitation's wave, unit and segment without a link back to it.

    Four statements in one transaction (on SQLite a write transaction, BEGIN IMMEDIATE, as
    every write there), none holding both the invitation and the answer: the statement that
    reads the invitation is the one that may wait (for the wave's lock), and on PostgreSQL the
    values go apart from the statements (`answering.rows.bound_cursor`), so neither what
    `pg_stat_activity` shows of a connection nor a slow statement's logged text pairs an
    invitation with an answer (an insider's twentieth round: one statement with its values
    written in did both). The SQL is written from the models' fields (`answering.rows`),
    without the ORM's cost of building it each time.
    """
    enps.classify(score)  # refuses a score outside 0–10
    invitation_id = invitation.pk if isinstance(invitation, Invitation) else invitation
    # Wave, unit and segment are set from the invitation.
    answer = Response(enps=score, comment=comment.strip()[:4000], **hme_indices(items))
    answers = [
        ItemAnswer(response_id=answer.pk, item=item, value=value)
        for item, value in items.items()
        if value is not None
    ]
    stored = _store_in_one_transaction(invitation_id, today, answer, answers)
    if not stored:
        # The codes stay until the window closes, so a second try meets "already used".
        used = Claim.objects.filter(tag=claimed_tag(invitation_id)).exists()
        raise AnswerRefused("used" if used else "closed")


# The answer's columns taken from the invitation's (nothing that points back to it).
FROM_INVITATION = {"wave_id": "wave_id", "unit_id": "counted_unit_id", "segment": "segment"}


def _invitation_sql(lock: bool) -> str:
    """The invitation's wave, counting unit and segment, if its wave's window is open. On
    PostgreSQL the wave's row is share-locked (never the invitation's: a lock writes the
    transaction into the row), so `close_wave`, which locks it first, waits for the answer or
    closes first."""
    return (
        "SELECT " + ", ".join(f"i.{column}" for column in FROM_INVITATION.values()) + " "
        "FROM pulse_invitation i WHERE i.id = %s AND i.wave_id IN "
        "(SELECT w.id FROM pulse_wave w WHERE w.id = i.wave_id AND w.status = %s "
        "AND w.opens <= %s AND w.closes >= %s" + (" FOR SHARE" if lock else "") + ")"
    )


def _invitation_params(invitation_id: int, today: datetime.date) -> list:
    day = connection.ops.adapt_datefield_value(today)
    return [invitation_id, WaveStatus.OPEN.value, day, day]


CLAIM_SQL = "INSERT INTO pulse_claim (tag, wave_id) VALUES (%s, %s) ON CONFLICT DO NOTHING"


def _store_in_one_transaction(
    invitation_id: int, today: datetime.date, answer: Response, answers: list[ItemAnswer]
) -> bool:
    lock = connection.vendor == "postgresql"
    with transaction.atomic(), rows.bound_cursor() as cursor:
        cursor.execute(_invitation_sql(lock), _invitation_params(invitation_id, today))
        found = cursor.fetchone()
        if found is None:
            return False
        cursor.execute(CLAIM_SQL, [claimed_tag(invitation_id), found[0]])
        if cursor.rowcount != 1:
            return False
        for name, value in zip(FROM_INVITATION, found, strict=True):
            setattr(answer, name, value)
        cursor.execute(rows.insert_sql(Response), rows.insert_values(answer))
        if answers:
            cursor.executemany(
                rows.insert_sql(ItemAnswer), [rows.insert_values(item) for item in answers]
            )
    return True
