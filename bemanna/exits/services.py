"""The life of an exit-survey invitation: made from an end date, e-mailed, answered exactly
once, let go of its employment when its window closes."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bemanna.answering import Refused, rows
from bemanna.answering.codes import claim_tag, hash_code, link, new_code
from bemanna.answering.storage import rewrite_in_key_order
from bemanna.exits.models import (
    ExitAnswer,
    ExitClaim,
    ExitInvitation,
    ExitInvited,
    ExitSurveyConfig,
)
from bemanna.mail import is_demo_address
from bemanna.workforce.models import Employment, EmploymentForm

LOOK_BACK_DAYS = 30  # an end date already passed is still asked about, if this recent
MAIL_BATCH = 200


class ExitRefused(Refused):
    """Why an exit invitation cannot be used: unknown, used or closed."""


def key_hash(employment_key: str) -> str:
    secret = settings.PSEUDONYM_KEY.encode()
    return hmac.new(secret, f"exit:{employment_key}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def invite_leavers(today: datetime.date, *, without_address: list | None = None) -> int:
    """An invitation for every employment ending in the coming `days_before` days or in the
    last month, unless hourly paid, ended for an excluded reason, moving on within the
    region (another employment continues), or already invited. Never twice. The
    invitations made for a leaver without an e-mail address (never mailed) are appended to
    `without_address`, when given, so the schedule can say so."""
    config = ExitSurveyConfig.current()
    ending = (
        Employment.objects.filter(
            end__gte=today - datetime.timedelta(days=LOOK_BACK_DAYS),
            end__lte=today + datetime.timedelta(days=config.days_before),
        )
        .exclude(form=EmploymentForm.HOURLY)
        .exclude(end_reason__in=config.excluded_end_reasons or [])
        .select_related("profession", "person")
    )
    made = 0
    for employment in ending:
        assert employment.end is not None
        staying = (
            Employment.objects.filter(person_id=employment.person_id)
            .exclude(pk=employment.pk)
            .exclude(form=EmploymentForm.HOURLY)
            .filter(start__lte=employment.end + datetime.timedelta(days=1))
            .exclude(end__lte=employment.end)
            .exists()
        )
        if staying:
            continue  # a move within the region is not a leaver
        key = key_hash(employment.key)
        if ExitInvited.objects.filter(key_hash=key).exists():
            continue
        ExitInvited.objects.create(key_hash=key)
        opens = today
        ExitInvitation.objects.create(
            employment=employment,
            unit_id=employment.unit_id,
            group=employment.profession.skr_group or employment.profession.name,
            year=employment.end.year,
            end_reason=employment.end_reason or "",
            opens=opens,
            closes=max(opens, employment.end) + datetime.timedelta(days=config.window_days),
            by_email=bool(employment.person.email),
        )
        if without_address is not None and not employment.person.email:
            without_address.append(employment.pk)
        made += 1
    return made


def answer_url(code: str) -> str:
    """The e-mailed link: the code page with the code after '#', never sent to a server."""
    return link("exits:code", code)


def pending_mail() -> tuple[int, int]:
    """The invitations waiting for their e-mail: (to a real address, to a demo address that
    `bemanna.mail` never mails)."""
    emails = ExitInvitation.objects.filter(
        by_email=True, sent=False, employment__isnull=False
    ).values_list("employment__person__email", flat=True)
    demo = sum(1 for email in emails if is_demo_address(email))
    return len(emails) - demo, demo


def send_invitations(limit: int | None = None) -> int:
    """E-mail each new invitation its single-use link; a failure part-way leaves the rest
    for the next run."""
    pending = ExitInvitation.objects.filter(
        by_email=True, sent=False, employment__isnull=False
    ).select_related("employment__person")
    sent = 0
    with mail.get_connection() as connection:
        while limit is None or sent < limit:
            batch = list(pending.order_by("pk")[:MAIL_BATCH])
            if not batch:
                break
            codes = {}
            with transaction.atomic():
                for invitation in batch:
                    code = new_code()
                    invitation.code_hash = hash_code(code)
                    invitation.save(update_fields=["code_hash"])
                    codes[invitation.pk] = code
            messages = []
            for invitation in batch:
                with translation.override("sv"):
                    body = render_to_string(
                        "exits/email/invitation.txt",
                        {
                            "url": answer_url(codes[invitation.pk]),
                            "code": codes[invitation.pk],
                            "code_url": f"{settings.BASE_URL}{reverse('exits:code')}",
                            "closes": invitation.closes,
                        },
                    )
                messages.append(
                    mail.EmailMessage(
                        "Varför slutar du? En anonym fråga från din arbetsgivare",
                        body,
                        settings.DEFAULT_FROM_EMAIL,
                        [invitation.employment.person.email],
                    )
                )
            connection.send_messages(messages)
            ExitInvitation.objects.filter(pk__in=[i.pk for i in batch]).update(sent=True)
            sent += len(batch)
    return sent


@transaction.atomic
def close_expired(today: datetime.date) -> int:
    """Past its window an invitation is deleted, with its employment and its code: what it
    knew (unit, group, end date, whether it was used) would point to the leaver. The
    answers of its year are then rewritten in random-key order, so the order they are
    stored in no longer follows the order they came in (nor the leavers' end dates)."""
    expired = ExitInvitation.objects.filter(closes__lt=today)
    years = set(expired.values_list("year", flat=True))
    closed, _by_model = expired.delete()
    # A year's claims all at once, when none of its invitations is open any more.
    still_open = ExitInvitation.objects.filter(year__in=years).values_list("year", flat=True)
    ExitClaim.objects.filter(year__in=years - set(still_open)).delete()
    if years:
        rewrite_in_key_order(ExitAnswer.objects.filter(year__in=years))
    return closed


def find(code: str, today: datetime.date) -> ExitInvitation:
    invitation = ExitInvitation.objects.filter(code_hash=hash_code(code)).first()
    if invitation is None:
        raise ExitRefused("unknown")
    if invitation.used or ExitClaim.objects.filter(tag=claimed_tag(invitation.pk)).exists():
        raise ExitRefused("used")
    if not invitation.opens <= today <= invitation.closes:
        raise ExitRefused("closed")
    return invitation


def submit(
    invitation_id: int,
    *,
    main_reason,
    other_reasons: list[str],
    come_back: str,
    enps: int | None,
    would_have_stayed: str,
    today: datetime.date,
) -> None:
    """Store one answer exactly once: the invitation is read, its keyed tag claimed
    (`ExitClaim`, unique: of any number of posts one writes) and the answer inserted, in one
    transaction; the invitation's row is not written, and no statement holds both the
    invitation and the answer (`pulse.services.submit_answer`, the same)."""
    answer = ExitAnswer(
        main_reason=main_reason,
        other_reasons=sorted(set(other_reasons) - {main_reason.code}),
        come_back=come_back,
        enps=enps,
        would_have_stayed=would_have_stayed.strip()[:4000],
    )
    quote = connection.ops.quote_name
    day = connection.ops.adapt_datefield_value(today)
    with transaction.atomic(), rows.bound_cursor() as cursor:
        cursor.execute(
            f"SELECT unit_id, {quote('group')}, year FROM exits_exitinvitation "
            "WHERE id = %s AND NOT used AND opens <= %s AND closes >= %s",
            [invitation_id, day, day],
        )
        found = cursor.fetchone()
        claimed = found is not None and _claim(cursor, invitation_id, found[2])
        if claimed:
            answer.unit, answer.group, answer.year = found
            cursor.execute(rows.insert_sql(ExitAnswer), rows.insert_values(answer))
    if not claimed:
        used = ExitClaim.objects.filter(tag=claimed_tag(invitation_id)).exists()
        raise ExitRefused("used" if used else "closed")


def claimed_tag(invitation_id: int) -> str:
    """The tag a used exit invitation is kept under until its year's have all closed
    (`ExitClaim`)."""
    return claim_tag("exit", invitation_id)


def _claim(cursor, invitation_id: int, year: int) -> bool:
    cursor.execute(
        "INSERT INTO exits_exitclaim (tag, year) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        [claimed_tag(invitation_id), year],
    )
    return cursor.rowcount == 1
