import datetime
import io

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError

from bemanna.mail import NoMailServer, RefusingBackend
from bemanna.pulse import services
from bemanna.pulse.models import Invitation, InvitationCode, Pulse
from bemanna.pulse.tests.helpers import add_staff


def test_without_a_mail_server_nothing_is_sent_or_printed(capsys):
    message = EmailMessage(
        "Pulsmätning", "Din kod: K7Q2-XM4P-9RTA", to=["anna@region.test"], from_email="b@x"
    )
    with pytest.raises(NoMailServer, match="BEMANNA_EMAIL_HOST"):
        RefusingBackend().send_messages([message])
    printed = capsys.readouterr()
    assert "K7Q2" not in printed.out + printed.err
    assert RefusingBackend().send_messages([]) == 0


def test_production_without_a_mail_server_refuses_and_says_so(staffed, settings):
    settings.EMAIL_BACKEND = "bemanna.mail.RefusingBackend"
    add_staff(staffed["A"], 3)
    pulse = Pulse.objects.create(name="Puls")
    pulse.units.add(staffed["R"])
    today = "2026-06-30"
    out = io.StringIO()
    services.open_wave(pulse, datetime.date(2026, 6, 30))
    with pytest.raises(CommandError, match="no mail server is configured"):
        call_command("run_schedule", f"--today={today}", stdout=out)
    # Nothing counted as sent; the next run with a mail server sends them all.
    assert not Invitation.objects.filter(sent=True).exists()
    assert Invitation.objects.filter(by_email=True).count() >= 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("run_schedule", f"--today={today}", stdout=io.StringIO())
    assert len(mail.outbox) == Invitation.objects.filter(by_email=True).count()
    assert not Invitation.objects.filter(by_email=True, sent=False).exists()
    assert InvitationCode.objects.exists()


def test_the_pulse_page_says_why_nothing_was_e_mailed(client, staffed, hr_admin, settings):
    from bemanna.conftest import PASSWORD

    settings.EMAIL_BACKEND = "bemanna.mail.RefusingBackend"
    add_staff(staffed["A"], 2)
    pulse = Pulse.objects.create(name="Puls")
    pulse.units.add(staffed["R"])
    client.login(username="hr_admin", password=PASSWORD)
    page = client.post(f"/puls/{pulse.pk}/omgangar/", {"action": "open"}, follow=True)
    assert "ingen e-postserver är inställd" in page.content.decode()
    assert not Invitation.objects.filter(sent=True).exists()


class _Inbox:
    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


@pytest.fixture
def guarded_smtp(settings):
    """A real SMTP server on loopback behind the backend Bemanna configures for a mail host."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "bemanna.mail.SmtpBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_a_real_mail_server_gets_real_addresses_but_never_the_demo_s(guarded_smtp):
    sent = mail.send_mass_mail(
        [
            ("a", "b", "x@region.se", ["anna@region.se", "karin.lund@regiondemo.invalid"]),
            ("a", "b", "x@region.se", ["per@regiondemo.se"]),  # a demo built before .invalid
        ]
    )
    assert sent == 1
    assert guarded_smtp.recipients == ["anna@region.se"]


@pytest.mark.one_database  # the mail backends' guard, whatever the database
def test_the_demo_and_its_schedule_mail_nobody(db, tmp_path, guarded_smtp, caplog):
    """Region Demo, then a month of `bemanna run_schedule` with a real mail server: pulse
    invitations and reminders, exit-survey invitations and the nudges all find only made-up
    addresses, and not one reaches the server."""
    import logging

    from bemanna.exits.models import ExitInvitation
    from bemanna.followup.models import NudgeSent

    today = datetime.date(2026, 6, 30)
    call_command(
        "demo",
        employees=300,
        seed=5,
        today=today,
        directory=tmp_path,
        no_xlsx=True,
        stdout=io.StringIO(),
    )
    caplog.set_level(logging.INFO, logger="bemanna.mail")
    for day in range(0, 35, 7):
        call_command(
            "run_schedule", f"--today={today + datetime.timedelta(days=day)}", stdout=io.StringIO()
        )
    assert guarded_smtp.recipients == []
    # The paths ran: mail was due, and each message was dropped at the guard.
    assert ExitInvitation.objects.filter(sent=True, employment__isnull=False).exists()
    assert NudgeSent.objects.exists()
    assert any("Not mailed" in record.getMessage() for record in caplog.records)
