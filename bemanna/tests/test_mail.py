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
