"""Pulse workflows: open a wave, send and remind, take an answer exactly once, close, report.

Everything a person can see of the answers — pages, charts, the Excel export — comes from
`wave_report`, the one place where the anonymity thresholds and the complementary
suppression are applied.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bemanna.analysis import coarsen, enps
from bemanna.analysis.disclosure import ancestors, visible_units
from bemanna.answering import Refused
from bemanna.answering.codes import hash_code, link, new_code
from bemanna.answering.storage import rewrite_in_key_order, shuffled
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org import frozen
from bemanna.org.models import Unit
from bemanna.pulse.models import (
    Invitation,
    InvitationCode,
    ItemAnswer,
    Pulse,
    Purpose,
    Question,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
    WaveTally,
)
from bemanna.workforce.models import Employment, EmploymentForm

HME_FIELDS = ("hme", "hme_motivation", "hme_leadership", "hme_governance")
MAIL_BATCH = 200


class AnswerRefused(Refused):
    """Why an invitation cannot be used: 'unknown', 'used' or 'closed'."""


# --- Who is asked ---------------------------------------------------------------------------


class Asked(NamedTuple):
    unit: int
    email: str
    group: str
    born: int


# The age bands a retirement survey is broken down by (the year minus the birth year).
AGE_BANDS = (("60–61", 60, 61), ("62–64", 62, 64), ("65+", 65, 200))


def segment_of(pulse: Pulse, asked: Asked, on: datetime.date) -> str:
    """The breakdown a targeted survey keeps with each answer: the profession group for
    part-timers, the age band for staff 60+; nothing for an ambassadorship pulse."""
    if pulse.purpose == Purpose.PART_TIME:
        return asked.group or ""
    if pulse.purpose == Purpose.RETIREMENT:
        age = on.year - asked.born
        return next((name for name, low, high in AGE_BANDS if low <= age <= high), "")
    return ""


def population(pulse: Pulse, on: datetime.date) -> dict[int, Asked]:
    """person id → (unit id, e-mail, profession group, birth year) for everyone the pulse
    asks on a date.

    Monthly-paid staff employed on the date in the pulse's units (with everything below),
    narrowed by profession group, part time and age; the largest employment decides the unit.
    """
    paths = [unit.path for unit in pulse.units.all()]
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
        # From the first response count shown, the wave's figures are over this tree.
        tree=frozen.snapshot(),
    )
    asked = population(pulse, opens)
    Invitation.objects.bulk_create(
        Invitation(
            wave=wave,
            person_id=person,
            unit_id=one.unit,
            by_email=bool(one.email),
            segment=segment_of(pulse, one, opens),
        )
        for person, one in asked.items()
    )
    log_action(actor, AuditEntry.Action.PULSE_WAVE_OPENED, scope=str(wave), invitations=len(asked))
    return wave


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
    everyone sent one who has not answered and has not been reminded). Returns how many.

    Work goes in batches: codes are stored (hashed) and the batch is sent, then marked.
    A failure part-way leaves the rest unmarked, and running again sends only to them.
    """
    pending = wave.invitations.filter(by_email=True, person__isnull=False)
    if reminder:
        pending = pending.filter(sent=True, used=False, reminded=False)
    else:
        pending = pending.filter(sent=False)
    kind = InvitationCode.Kind.REMINDER if reminder else InvitationCode.Kind.EMAIL
    sent = 0
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
    """New codes for the printed invitations of a unit (with everything below).

    One code for each unused invitation without an e-mail address; printing again replaces
    the codes printed before, which then stop working.
    """
    if wave.status != WaveStatus.OPEN:
        raise AnswerRefused("closed")
    with transaction.atomic():
        invitations = list(
            wave.invitations.filter(
                by_email=False, used=False, unit__path__startswith=unit.path
            ).order_by("unit__path", "pk")
        )
        InvitationCode.objects.filter(
            invitation__in=invitations, kind=InvitationCode.Kind.SHEET
        ).delete()
        codes = issue_codes(invitations, InvitationCode.Kind.SHEET)
    return [codes[i.pk] for i in invitations]


@transaction.atomic
def close_wave(wave: Wave) -> None:
    """End the window: no code works any more, no invitation says who it was for, and
    nothing stored keeps the order people were invited or answered in.

    The wave keeps the unit tree it was opened with: its results never change with a move."""
    InvitationCode.objects.filter(invitation__wave=wave).delete()
    forget_invitations(wave)
    # The answers (and their items) again, sorted by their random keys: see answering.storage.
    rewrite_in_key_order(Response.objects.filter(wave=wave))
    rewrite_in_key_order(ItemAnswer.objects.filter(response__wave=wave))
    wave.status = WaveStatus.CLOSED
    if wave.tree is None:  # opened before trees were kept
        wave.tree = frozen.snapshot()
    wave.save(update_fields=["status", "tree"])


def forget_invitations(wave: Wave) -> None:
    """Replace a wave's invitations by the same number of rows in random order, each with
    only its unit, segment and whether it was used.

    Invitations are made in the order of the people invited; their ids, and their storage
    order, would join `used` back to the staff list. The per-invitation e-mail, sent and
    reminder flags would tell who had no address or had not answered by the reminder:
    they are kept only as the wave's counts.
    """
    rows = list(wave.invitations.values_list("unit_id", "segment", "used"))
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
            Invitation(wave=wave, unit_id=unit, segment=segment, used=used)
            for unit, segment, used in shuffled(rows)
        ),
        batch_size=5000,
    )


def invitation_counts(wave: Wave) -> dict[str, int]:
    """Invited, by e-mail, sent, reminded and answered: from the invitations while the wave
    is open, from its tally once closed."""
    counts = wave.invitations.aggregate(
        invited=Count("id"),
        by_email=Count("id", filter=Q(by_email=True)),
        sent=Count("id", filter=Q(sent=True)),
        reminded=Count("id", filter=Q(reminded=True)),
        answered=Count("id", filter=Q(used=True)),
    )
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
    """The open, unused invitation behind a code, or AnswerRefused saying why not."""
    found = (
        InvitationCode.objects.select_related("invitation__wave__pulse")
        .filter(code_hash=hash_code(code))
        .first()
    )
    if found is None:
        raise AnswerRefused("unknown")
    invitation = found.invitation
    if invitation.used:
        raise AnswerRefused("used")
    wave = invitation.wave
    if wave.status != WaveStatus.OPEN or not wave.opens <= today <= wave.closes:
        raise AnswerRefused("closed")
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

    Marking the invitation used is a compare-and-set (one UPDATE that also checks the window)
    inside the same transaction as the answer: of any number of simultaneous posts, one
    changes the row and writes; the rest are refused. The answer row is not linked to the
    invitation.
    """
    enps.classify(score)  # refuses a score outside 0–10
    invitation_id = invitation.pk if isinstance(invitation, Invitation) else invitation
    with transaction.atomic():
        # Every condition on the invitation's own row, none through a join: PostgreSQL
        # rechecks a row's own conditions after waiting for a concurrent update, but a
        # joined condition (which Django turns into "id IN (subquery)") would pass again.
        open_waves = Wave.objects.filter(
            status=WaveStatus.OPEN, opens__lte=today, closes__gte=today
        ).values("pk")
        claimed = Invitation.objects.filter(
            pk=invitation_id, used=False, wave_id__in=open_waves
        ).update(used=True)
        if claimed != 1:
            # The codes stay until the window closes, so a second try meets "already used".
            used = Invitation.objects.filter(pk=invitation_id, used=True).exists()
            raise AnswerRefused("used" if used else "closed")
        if not isinstance(invitation, Invitation):
            invitation = Invitation.objects.only("wave_id", "unit_id", "segment").get(
                pk=invitation_id
            )
        response = Response.objects.create(
            wave_id=invitation.wave_id,
            unit_id=invitation.unit_id,
            segment=invitation.segment,
            enps=score,
            comment=comment.strip()[:4000],
            **hme_indices(items),
        )
        ItemAnswer.objects.bulk_create(
            ItemAnswer(response=response, item=item, value=value)
            for item, value in items.items()
            if value is not None
        )


# --- What may be shown ----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int  # 0 when hidden
    mean: float | None = None  # agree scale and number, at the stricter threshold
    shares: tuple[float, ...] | None = None  # single choice, at the stricter threshold


@dataclass(frozen=True)
class UnitResult:
    """One unit's results (its whole subtree) in one wave, with everything hidden as None.

    `score` is what may be shown (`coarsen.Published`): exact, rounded to whole numbers, where
    the split may be shown; coarse (eNPS to the nearest 10, n as a band, no interval) where
    the unit has k answers but not the split. `exact_score` (for significance tests) is only
    there when the split is shown, so nothing finer than the page leaks through a comparison.
    """

    unit: Unit
    invited: int
    answered: int | None  # None when hidden, and after close for a coarse group
    score: coarsen.Published | None  # None when hidden, or while the window is open
    # The stricter threshold: the promoter/passive/detractor split and the comments.
    split_shown: bool = False
    hme: dict[str, float | None] = field(default_factory=dict)
    questions: list[QuestionResult] = field(default_factory=list)
    exact_score: enps.Score | None = None

    @property
    def comments_shown(self) -> bool:
        return self.split_shown  # the same threshold and the same suppression

    @property
    def response_rate(self) -> float | None:
        if self.answered is None or not self.invited:
            return None
        return self.answered / self.invited


AGGREGATES = {
    "n": Count("id"),
    "promoters": Count("id", filter=Q(enps__gte=9)),
    "detractors": Count("id", filter=Q(enps__lte=6)),
    **{f"{name}_n": Count(name) for name in HME_FIELDS},
    **{f"{name}_sum": Sum(name) for name in HME_FIELDS},
}


def _aggregate(waves: list[Wave]) -> tuple[dict, dict, dict]:
    """Today's units, and per wave and unit the invitations and the answers' sums: two queries
    for any number of waves, so a trend or an export costs about one pass over the answers."""
    ids = [wave.pk for wave in waves]
    invited: dict[int, dict[int, int]] = defaultdict(dict)
    for wave_id, unit_id, n in (
        Invitation.objects.filter(wave_id__in=ids)
        .values("wave_id", "unit_id")
        .annotate(n=Count("id"))
        .values_list("wave_id", "unit_id", "n")
    ):
        invited[wave_id][unit_id] = n
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Response.objects.filter(wave_id__in=ids)
        .values("wave_id", "unit_id")
        .annotate(**AGGREGATES)
        .order_by()
    ):
        rows[row["wave_id"]].append(row)
    return {u.pk: u for u in Unit.objects.all()}, invited, rows


def wave_reports(waves: list[Wave]) -> dict[int, WaveReport]:
    """A report for each of several waves (of any pulses) from one pass over the answers."""
    prefetched = _aggregate(waves)
    return {wave.pk: WaveReport(wave, _prefetched=prefetched) for wave in waves}


class WaveReport:
    """Everything that may be shown of one wave, for every unit of the region at once.

    What may be shown is decided once for the whole tree, so every user sees a part of one
    safe set, and nothing can be derived by combining two users', pages' or exports' views:

    * a unit's score, answer count and response rate need k answers and survive the
      complementary suppression of `disclosure.visible_units`;
    * the promoter/passive/detractor split, comments and single-choice shares need the
      stricter threshold, inside the units whose scores are shown;
    * an HME index or an extra question is shown where its own answers pass the same rules;
    * while the window is open only the response count is shown (a score that moves as
      answers arrive would give away each new answer).
    """

    def __init__(self, wave: Wave, *, _prefetched: tuple | None = None) -> None:
        self.wave = wave
        pulse = wave.pulse
        self.is_open = wave.status == WaveStatus.OPEN
        units, invited_rows, rows = _prefetched or _aggregate([wave])
        # Each wave over its own tree: moving a unit later changes nothing shown.
        self.units = units if wave.tree is None else frozen.units_of(wave.tree)
        self.parents = {pk: u.parent_id for pk, u in self.units.items()}
        self._ancestors = {pk: ancestors(self.parents, pk) for pk in self.parents}
        k, k_text = pulse.min_answers, pulse.min_answers_text
        self.k, self.k_text = k, k_text

        self.invited = self._subtree(invited_rows.get(wave.pk, {}).items())
        rows = rows.get(wave.pk, [])
        own = {name: {r["unit_id"]: r[name] or 0 for r in rows} for name in AGGREGATES}
        self.sums = {name: self._subtree(own[name].items()) for name in AGGREGATES}
        self.shown = visible_units(self.parents, own["n"], k)
        self.shown_text = visible_units(self.parents, own["n"], k_text, within=self.shown)
        self.hme_shown = {
            name: visible_units(self.parents, own[f"{name}_n"], k, within=self.shown)
            for name in HME_FIELDS
        }

        self.questions = list(pulse.questions.all())
        self.question_sums: dict[str, dict[str, dict[int, float]]] = {}
        self.question_shown: dict[str, set] = {}
        by_key = {q.key: q for q in self.questions}
        if self.questions:
            answers = (
                ItemAnswer.objects.filter(response__wave=wave, item__in=list(by_key))
                .values("response__unit_id", "item", "value")
                .annotate(n=Count("id"))
            )
            own_q: dict[str, dict[str, dict[int, float]]] = defaultdict(
                lambda: defaultdict(lambda: defaultdict(float))
            )
            for row in answers:
                unit, key, value, n = (
                    row["response__unit_id"],
                    row["item"],
                    row["value"],
                    row["n"],
                )
                own_q[key]["n"][unit] += n
                own_q[key]["sum"][unit] += value * n
                own_q[key][f"choice_{value}"][unit] += n
            for question in self.questions:
                parts = own_q.get(question.key, {})
                self.question_sums[question.key] = {
                    part: self._subtree(values.items()) for part, values in parts.items()
                }
                counts = {u: int(n) for u, n in parts.get("n", {}).items()}
                # Shares and means alike at the stricter threshold, on the question's own
                # count: a mean over the few who answered gives away how many they were.
                self.question_shown[question.key] = visible_units(
                    self.parents, counts, k_text, within=self.shown_text
                )

    def _subtree(self, pairs: Iterable[tuple[int, float]]) -> dict[int, float]:
        totals: dict[int, float] = defaultdict(float)
        for unit, value in pairs:
            for ancestor in self._ancestors.get(unit, ()):
                totals[ancestor] += value or 0
        return totals

    def result(self, unit: Unit) -> UnitResult:
        pk = unit.pk
        unit = self.units.get(pk, unit)  # named as it was when the tree was kept
        invited = int(self.invited.get(pk, 0))
        if pk not in self.shown:
            return UnitResult(unit, invited, None, None)
        n = int(self.sums["n"][pk])
        if self.is_open:
            return UnitResult(unit, invited, n, None)
        promoters, detractors = int(self.sums["promoters"][pk]), int(self.sums["detractors"][pk])
        exact = pk in self.shown_text
        shown = coarsen.publish(
            promoters,
            n - promoters - detractors,
            detractors,
            exact=exact,
            k=self.k,
            k_text=self.k_text,
            population=max(invited, n),
        )
        hme = {
            name: coarsen.publish_mean(
                self.sums[f"{name}_sum"][pk], int(self.sums[f"{name}_n"][pk]), n, exact=exact
            )
            if pk in self.hme_shown[name]
            else None
            for name in HME_FIELDS
        }
        questions = []
        for question in self.questions:
            parts = self.question_sums[question.key]
            answered = int(parts.get("n", {}).get(pk, 0))
            if pk not in self.question_shown[question.key] or not answered:
                questions.append(QuestionResult(question, 0))
            elif question.kind == QuestionKind.CHOICE:
                shares = tuple(
                    coarsen.publish_share(int(parts.get(f"choice_{i}", {}).get(pk, 0)), answered)
                    for i in range(len(question.choice_list()))
                )
                questions.append(QuestionResult(question, answered, shares=shares))
            else:
                mean = coarsen.publish_mean(parts["sum"][pk], answered, n, exact=True, digits=1)
                questions.append(QuestionResult(question, answered, mean=mean))
        return UnitResult(
            unit,
            invited,
            shown.n,  # None for a coarse group: its n only as a band (score.n_text)
            shown,
            split_shown=exact,
            hme=hme,
            questions=questions,
            exact_score=enps.enps(
                promoters, n - promoters - detractors, detractors, max(invited, n)
            )
            if exact
            else None,
        )

    def comments(self, unit: Unit) -> list[str]:
        """The free-text answers of a unit's subtree, when the stricter threshold allows."""
        if self.is_open or unit.pk not in self.shown_text:
            return []
        subtree = [pk for pk, chain in self._ancestors.items() if unit.pk in chain]
        return sorted(
            self.wave.responses.filter(unit_id__in=subtree)
            .exclude(comment="")
            .values_list("comment", flat=True)
        )


def results(wave: Wave, units: list[Unit]) -> dict[int, UnitResult]:
    """Results per requested unit (each covering its subtree), hidden where disclosure forbids."""
    report = WaveReport(wave)
    return {unit.pk: report.result(unit) for unit in units}
