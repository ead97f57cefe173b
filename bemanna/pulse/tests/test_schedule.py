"""The life of a wave: opening on schedule, e-mail and reminders, closing, over real SMTP."""

import datetime
import io
import re
import socket

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bemanna.conftest import TODAY
from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import Invitation, InvitationCode, Pulse, Schedule
from bemanna.pulse.tests.helpers import add_staff

LINK = re.compile(r"/svar/kod/#([A-Z0-9]{12})\b")


@pytest.fixture
def pulse(staffed):
    add_staff(staffed["A"], 4)
    add_staff(staffed["C"], 2, email=False)
    item = Pulse.objects.create(
        name="Kvartalspuls",
        schedule=Schedule.QUARTERLY,
        first_opens=datetime.date(2026, 1, 15),
        window_days=14,
        reminder_after_days=7,
    )
    item.units.add(staffed["R"])
    return item


def test_opening_dates_follow_the_schedule():
    pulse = Pulse(schedule=Schedule.QUARTERLY, first_opens=datetime.date(2025, 11, 30))
    assert pulse.opening_dates(datetime.date(2026, 6, 1)) == [
        datetime.date(2025, 11, 30),
        datetime.date(2026, 2, 28),  # no 30 February: the month's last day
        datetime.date(2026, 5, 30),
    ]
    pulse.schedule = Schedule.MONTHLY
    assert len(pulse.opening_dates(datetime.date(2026, 11, 29))) == 12
    pulse.schedule = Schedule.ONCE
    assert pulse.opening_dates(datetime.date(2030, 1, 1)) == [datetime.date(2025, 11, 30)]
    assert pulse.opening_dates(datetime.date(2025, 1, 1)) == []


def test_the_population_can_be_narrowed(staffed):
    add_staff(staffed["A"], 2, rate=80, group="Undersköterskor")
    add_staff(staffed["A"], 3, born=1960)
    pulse = Pulse.objects.create(name="Smal")
    pulse.units.add(staffed["F"])
    everyone = services.population(pulse, TODAY)
    assert len(everyone) == 3 + 2 + 3  # 1001, 1002, 1003 and the new ones in A
    pulse.part_time_only = True
    assert len(services.population(pulse, TODAY)) == 2 + 2  # 1002 (75.5 %), 1003 (50 %)
    pulse.part_time_only, pulse.min_age = False, 60
    # Born 1960 (66), 1962 (1003, 64); 1001 is 56, 1002 is 41.
    assert len(services.population(pulse, TODAY)) == 3 + 1
    pulse.min_age, pulse.profession_groups = None, ["Undersköterskor"]
    assert len(services.population(pulse, TODAY)) == 2 + 1  # the new ones and 1002


def test_run_schedule_opens_sends_reminds_and_closes_once(pulse, mailoutbox):
    opened = datetime.date(2026, 4, 15)
    first = services.run_schedule(opened)
    # The January wave's window had passed; only April's opens.
    assert [w.opens for w in first.opened] == [opened]
    wave = first.opened[0]
    assert wave.invitations.count() == 3 + 4 + 2
    # Everyone with an address got one e-mail; the two without wait for a printed sheet.
    assert first.invited == len(mailoutbox) == 3 + 4 - 3  # 1001–1003 have no address
    assert services.run_schedule(opened).invited == 0  # the same day again: nothing more
    assert len(mailoutbox) == 4

    code = LINK.search(mailoutbox[0].body).group(1)
    assert "Så skyddas din anonymitet" in mailoutbox[0].body
    assert not InvitationCode.objects.filter(code_hash=code).exists()  # only hashes stored
    invitation = services.find_invitation(code, opened)
    services.submit_answer(invitation.pk, score=9, items={}, comment="", today=opened)

    assert services.run_schedule(opened + datetime.timedelta(days=6)).reminded == 0
    reminders = services.run_schedule(opened + datetime.timedelta(days=7))
    # Everyone e-mailed, the one who answered too: nothing says who has answered.
    assert reminders.reminded == 4
    assert len(mailoutbox) == 8 and "Påminnelse" in mailoutbox[-1].subject
    assert "Har du redan svarat" in mailoutbox[-1].body
    reminded = {m.to[0]: LINK.search(m.body).group(1) for m in mailoutbox[4:]}
    with pytest.raises(services.AnswerRefused, match="used"):  # the answered one's opens nothing
        services.find_invitation(reminded[mailoutbox[0].to[0]], opened)
    assert services.run_schedule(opened + datetime.timedelta(days=8)).reminded == 0
    # The first link still works beside the reminder's.
    unanswered = [m for m in mailoutbox[:4] if m.to != mailoutbox[0].to][0]
    assert services.find_invitation(LINK.search(unanswered.body).group(1), opened)

    closing = services.run_schedule(wave.closes + datetime.timedelta(days=1))
    assert closing.closed == [wave]
    assert not InvitationCode.objects.exists()
    assert not Invitation.objects.exclude(person=None).exists()
    assert Invitation.objects.filter(used=True).count() == 1  # the response rate survives
    with pytest.raises(services.AnswerRefused):
        services.find_invitation(code, opened)
    again = services.run_schedule(wave.closes + datetime.timedelta(days=1))
    assert (again.opened, again.closed, again.invited) == ([], [], 0)


@pytest.mark.parametrize("answered", [0, 1])
def test_each_paper_invitation_is_printed_once(pulse, staffed, answered):
    # Printed again for those who had not answered (the old rule), the second print's number
    # of slips said how many of C's two had answered: here, whether one had.
    wave = services.open_wave(pulse, datetime.date(2026, 4, 15))
    first = services.sheet_codes(wave, staffed["G"])
    assert len(first) == 2  # the two in C without an address
    for code in first[:answered]:
        invitation = services.find_invitation(code, wave.opens)
        services.submit_answer(invitation, score=8, items={}, comment="", today=wave.opens)
    assert services.sheet_codes(wave, staffed["G"]) == []
    # The first slips still work (the one not yet used).
    assert services.find_invitation(first[answered], wave.opens).unit == staffed["C"]


def test_the_schedule_command_reports_what_it_did(pulse, mailoutbox):
    from django.utils import translation

    out = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", "--today=2026-04-15", stdout=out)
    assert "1 wave(s) opened, 4 invitation(s)" in out.getvalue()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_invitations_go_out_over_real_smtp_and_the_link_answers(
    pulse, smtp_server, client, monkeypatch
):
    from django.utils import timezone

    call_command("run_schedule", "--today=2026-04-15", stdout=io.StringIO())
    assert len(smtp_server.messages) == 4
    recipients = sorted(to for tos, _ in smtp_server.messages for to in tos)
    assert recipients == sorted(
        Invitation.objects.filter(by_email=True).values_list("person__email", flat=True)
    )
    body = smtp_server.messages[0][1]
    code = LINK.search(body.replace("=\n", "")).group(1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 4, 16))
    assert client.post(reverse("pulse:code"), {"code": code}).status_code == 302
    page = client.post(reverse("pulse:answer"), {"enps": "10"})
    assert "Tack, ditt svar är sparat" in page.content.decode()


def test_a_mail_server_that_is_down_loses_nothing(pulse, settings, smtp_server):
    good_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = _free_port()  # nothing listens here
    from django.utils import translation

    with (
        pytest.raises(CommandError, match="run again to send the rest"),
        translation.override("en"),
    ):
        call_command("run_schedule", "--today=2026-04-15", stdout=io.StringIO())
    assert Invitation.objects.count() == 9  # the wave is open
    assert not Invitation.objects.filter(sent=True).exists()
    settings.EMAIL_PORT = good_port
    call_command("run_schedule", "--today=2026-04-15", stdout=io.StringIO())
    assert len(smtp_server.messages) == 4
    assert Invitation.objects.filter(sent=True).count() == 4


def test_a_limited_send_leaves_the_rest_for_the_schedule(pulse, mailoutbox):
    wave = services.open_wave(pulse, datetime.date(2026, 4, 15))
    assert services.send_invitations(wave, limit=3) == 3
    assert len(mailoutbox) == 3
    assert services.run_schedule(datetime.date(2026, 4, 15)).invited == 1
    assert Invitation.objects.filter(by_email=True, sent=False).count() == 0


def test_printed_slips_do_not_follow_the_order_people_were_invited_in(db):
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    add_staff(region, 30, email=False)
    pulse = Pulse.objects.create(name="p")
    pulse.units.add(region)
    wave = services.open_wave(pulse, datetime.date(2026, 4, 15))
    codes = services.sheet_codes(wave, region)
    order = [services.find_invitation(code, wave.opens).pk for code in codes]
    assert sorted(order) == sorted(wave.invitations.values_list("pk", flat=True))
    # In invitation order with probability 1/30!: never, unless the slips keep that order.
    assert order != sorted(order)
