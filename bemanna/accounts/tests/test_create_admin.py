"""The first administrator of a new installation: the command, and the page that says how."""

import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.accounts.models import Profile, Role
from bemanna.audit.models import AuditEntry

PASSWORD = "lugn-havsorn-fyrtio-sju"


def create(monkeypatch, *args, password=PASSWORD):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("create_admin", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_an_empty_installation_says_how_to_make_the_first_admin(client, db):
    page = client.get("/", follow=True)
    html = page.content.decode()
    assert page.status_code == 200
    assert "bemanna create_admin" in html
    assert 'name="password"' not in html  # no login form that cannot work


def test_the_empty_installation_says_a_superuser_grants_occupational_health(client, db):
    """As the README: the user administrator adds analysts, managers and the council;
    occupational health is granted by a superuser (the user administrator cannot)."""
    html = client.get("/", follow=True).content.decode()
    assert "bemanna createsuperuser" in html
    for claim in ("rådet, företagshälsan)", "the council, occupational health)"):
        assert claim not in html


def test_create_admin_makes_an_hr_admin_who_enrols_a_second_factor(
    client, db, monkeypatch, settings
):
    settings.OTP_REQUIRED = True
    out = create(monkeypatch, "--username=anna", "--name=Anna Ek", "--email=anna@region.se")
    user = get_user_model().objects.get(username="anna")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Ek", "anna@region.se")
    assert user.profile.role == Role.HR_ADMIN
    assert user.is_staff and not user.is_superuser
    assert "QR" in out  # how the second factor is set up
    assert AuditEntry.objects.filter(action=AuditEntry.Action.USER_CHANGED).exists()
    # The login page is now a login form, and the password leads to enrolling the app.
    assert 'name="password"' in client.get("/konto/login/").content.decode()
    answer = client.post("/konto/login/", {"username": "anna", "password": PASSWORD})
    assert answer.status_code == 302
    assert client.get(answer.url, follow=True).request["PATH_INFO"] == "/konto/tvafaktor/ny/"
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_user_administrator_is_made_the_same_way(db, monkeypatch):
    out = create(monkeypatch, "--username=bo", "--name=Bo", "--email=", "--role=behorighet")
    user = get_user_model().objects.get(username="bo")
    assert user.profile.role == Role.USER_ADMIN
    assert user.is_staff and not user.is_superuser
    assert "QR" in out


@pytest.mark.parametrize(
    "args, password, message",
    [
        (("--username=anna", "--name=A", "--email=x"), PASSWORD, "x"),  # not an address
        (("--username=anna", "--name=A", "--email=a@b.se"), "demo", "."),  # too short
        (("--username=anna", "--name=A", "--email=a@b.se"), "", "stdin|standard"),
        (("--name=A", "--email=a@b.se"), PASSWORD, "option|alternativ"),  # no user name
    ],
)
def test_bad_input_is_one_line_and_creates_nobody(db, monkeypatch, args, password, message):
    with pytest.raises(CommandError, match=message):
        create(monkeypatch, *args, password=password)
    assert not get_user_model().objects.exists()


def test_an_existing_user_name_is_refused(db, monkeypatch):
    create(monkeypatch, "--username=anna", "--name=A", "--email=")
    with pytest.raises(CommandError, match="anna"):
        create(monkeypatch, "--username=anna", "--name=B", "--email=")
    assert get_user_model().objects.count() == 1


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_password_the_validators_refuse_is_asked_for_again(db, monkeypatch):
    """The new user's finding 9: a short password on the terminal ended the command after
    all four questions; now it says why and asks for the password again."""
    from django.utils import translation

    monkeypatch.setattr(sys, "stdin", Terminal())
    typed = iter(["kort", "kort", "olika-lösen-ett-1", "olika-lösen-två-2", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    out, err = io.StringIO(), io.StringIO()
    with translation.override("sv"):
        call_command(
            "create_admin", "--username=anna", "--name=A", "--email=", stdout=out, stderr=err
        )
    assert get_user_model().objects.get(username="anna").check_password(PASSWORD)
    assert next(typed, None) is None  # asked three times
    said = err.getvalue()
    assert "för kort" in said
    assert len(said.strip().splitlines()) == 2  # the validator's message, then "differed"


def test_createsuperuser_is_create_admin_s_break_glass_account_in_swedish(db, monkeypatch):
    """Issue 18: the README's `bemanna createsuperuser` was Django's, in English ("Username
    (leave blank to use 'root')", "Password:", "Superuser created successfully."). It is
    create_admin's superuser: Swedish, the password validators, a second factor at login."""
    import subprocess
    from pathlib import Path

    from bemanna import cli

    assert cli.translate(["createsuperuser", "--username=nod"]) == [
        "create_admin",
        "--role",
        "superuser",
        "--username=nod",
    ]
    from django.utils import translation

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    out = io.StringIO()
    with translation.override("sv"):
        call_command(
            *cli.translate(["createsuperuser", "--username=nod", "--name=Nöd Konto"]),
            "--email=nod@region.se",
            "--password-stdin",
            stdout=out,
        )
    user = get_user_model().objects.get(username="nod")
    assert user.is_superuser and user.is_staff and user.check_password(PASSWORD)
    assert not Profile.objects.filter(user=user).exists()
    said = out.getvalue()
    assert said.startswith("Skapade nod som superanvändare.\n")
    assert "Administration › Användare" in said and "QR" in said
    # The help names the role, in Swedish, from the shell as well.
    root = Path(__file__).resolve().parents[3]
    shown = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "createsuperuser", "--help"],
        capture_output=True,
        text=True,
        cwd=root,
    ).stdout
    assert "superuser: nödkontot (som bemanna createsuperuser)" in " ".join(shown.split())


def test_the_role_is_lower_case_mid_sentence(db, monkeypatch):
    """ "Skapade bo som Behörighetsadministratör." had the label's capital mid-sentence."""
    from django.utils import translation

    with translation.override("sv"):
        said = create(monkeypatch, "--username=bo", "--name=Bo", "--email=", "--role=behorighet")
        assert said.startswith("Skapade bo som behörighetsadministratör.\n")
        said = create(monkeypatch, "--username=anna", "--name=A", "--email=")
        assert said.startswith("Skapade anna som HR-administratör.\n")
