"""Local login: lockout, the second factor, idle sessions, the audit log of logins."""

import base64
import datetime
import hashlib
import hmac
import ipaddress
import re
import struct
import time
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.answering.limits import client_address
from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD

LOGIN = "/konto/login/"


def totp(key: bytes, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 from its definition: HOTP (RFC 4226) over the count of 30-second steps."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def test_our_totp_matches_the_rfc_6238_vectors():
    key = b"12345678901234567890"
    assert totp(key, at=59, digits=8) == "94287082"
    assert totp(key, at=1111111109, digits=8) == "07081804"


def post_login(client, username, password, address="10.1.1.1", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


# Lockout ----------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_that_user_name_from_that_address(client, analyst):
    for _ in range(5):
        answer = post_login(client, "analyst", "wrong")
        assert answer.status_code in (200, 429)
    locked = post_login(client, "analyst", PASSWORD)
    assert locked.status_code == 429
    assert "15" in locked.content.decode()  # the minutes to wait
    assert "_auth_user_id" not in client.session
    # The same user from another address is not locked out: an outsider guessing at a user
    # name cannot shut its owner out.
    other = post_login(client, "analyst", PASSWORD, address="10.2.2.2")
    assert other.status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).count() >= 5
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOCKED_OUT, scope="analyst").exists()


def test_the_locked_out_page_says_until_when_and_whom_to_ask(client, analyst, settings):
    settings.LOGIN_HELP = "IT-servicedesken, 010-123 45 67"
    for _ in range(5):
        post_login(client, "analyst", "wrong")
    before = timezone.localtime()
    page = post_login(client, "analyst", PASSWORD)
    assert page.status_code == 429
    text = page.content.decode()
    assert 'id="locked-out"' in text and "IT-servicedesken, 010-123 45 67" in text
    # Until the last failure plus 15 minutes, as a clock time, and about 15 minutes from now.
    until = {(before + datetime.timedelta(minutes=m)).strftime("%H:%M") for m in (14, 15, 16)}
    assert any(time in text for time in until), text
    assert "15" in text
    assert "Django" not in text and "Account locked" not in text  # not a default page


def test_hr_admin_sees_the_lockouts_and_lifts_one(client, analyst, hr_admin, manager):
    for _ in range(5):
        post_login(client, "analyst", "wrong", address="10.3.3.3")
    post_login(client, "manager", "wrong", address="10.4.4.4")  # one failure: no lockout
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("accounts:lockouts"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "10.3.3.3" in text and ">analyst<" in text
    assert "10.4.4.4" not in text  # not locked out
    attempt = re.search(r'name="attempt" value="(\d+)"', text).group(1)
    lifted = client.post(reverse("accounts:lockouts"), {"attempt": attempt}, follow=True)
    assert 'id="no-lockouts"' in lifted.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOCKOUT_LIFTED)
    assert entry.actor == hr_admin and entry.scope == "analyst"
    assert entry.detail == {"address": "10.3.3.3"}
    client.logout()
    assert post_login(client, "analyst", PASSWORD, address="10.3.3.3").status_code == 302
    # Lifting an unknown or ended lockout changes nothing and says so.
    client.logout()
    client.login(username="hr_admin", password=PASSWORD)
    for chosen in ("99999", "abc", ""):
        again = client.post(reverse("accounts:lockouts"), {"attempt": chosen}, follow=True)
        assert again.status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOCKOUT_LIFTED).count() == 1


def test_a_user_name_that_is_no_accounts_is_never_shown_or_kept(client, analyst, hr_admin, caplog):
    """The review's L5: a password typed into the user-name field was kept by django-axes
    and shown on the lockouts page (with the address) and in the audit log."""
    from axes.models import AccessAttempt

    typed = "Sommar2026!hemligt"
    for _ in range(5):
        post_login(client, typed, "wrong", address="10.5.5.5")
        post_login(client, "analyst", "wrong", address="10.6.6.6")
    # An unknown name is locked like a known one: every unknown name from that address.
    assert post_login(client, "another-unknown", "x", address="10.5.5.5").status_code == 429
    assert post_login(client, "analyst", PASSWORD, address="10.5.5.5").status_code == 302
    client.logout()
    client.login(username="hr_admin", password=PASSWORD)
    text = client.get(reverse("accounts:lockouts")).content.decode()
    assert typed not in text
    assert "(okänt användarnamn)" in text and "10.5.5.5" in text
    assert ">analyst<" in text and "10.6.6.6" in text
    assert not AccessAttempt.objects.filter(username=typed).exists()
    assert not AuditEntry.objects.filter(scope__contains="Sommar").exists()
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED, scope="analyst").count()
        == 5
    )
    assert typed not in caplog.text
    # A record kept before this change (the raw name in axes's table) is not shown either.
    AccessAttempt.objects.filter(ip_address="10.5.5.5").update(username=typed)
    text = client.get(reverse("accounts:lockouts")).content.decode()
    assert typed not in text and "(okänt användarnamn)" in text
    attempt = AccessAttempt.objects.get(ip_address="10.5.5.5").pk
    lifted = client.post(reverse("accounts:lockouts"), {"attempt": attempt}, follow=True)
    assert typed not in lifted.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOCKOUT_LIFTED)
    assert entry.scope == "(unknown)"
    assert not AccessAttempt.objects.filter(ip_address="10.5.5.5").exists()


def test_single_sign_on_is_not_counted_with_the_unknown_user_names(rf):
    """Single sign-on carries no user name: axes keeps it apart (None), so five mistyped
    names from a hospital's shared address do not lock single sign-on from there."""
    from bemanna.accounts.backends import UNKNOWN_USERNAME, lockout_username

    request = rf.get("/konto/sso/svar/")
    assert lockout_username(request, {"code_verifier": "x", "nonce": "y"}) is None
    assert lockout_username(request, None) is None
    assert lockout_username(request, {"username": "nobody"}) == UNKNOWN_USERNAME


def test_only_hr_admin_and_user_admin_lift_lockouts(client, analyst, manager, user_admin):
    for name in ("analyst", "manager"):
        client.login(username=name, password=PASSWORD)
        assert client.get(reverse("accounts:lockouts")).status_code == 403
        assert client.post(reverse("accounts:lockouts"), {"attempt": "1"}).status_code == 403
    client.login(username="user_admin", password=PASSWORD)
    assert client.get(reverse("accounts:lockouts")).status_code == 200


def test_four_wrong_passwords_do_not_lock(client, analyst):
    for _ in range(4):
        post_login(client, "analyst", "wrong")
    assert post_login(client, "analyst", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, analyst, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1/32")]
    # The client writes any X-Forwarded-For it likes; the proxy appends the real address.
    for fake in range(5):
        post_login(
            client,
            "analyst",
            "wrong",
            address="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{fake}, 198.51.100.7",
        )
    locked = post_login(
        client, "analyst", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out.
    other = post_login(
        client, "analyst", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other.status_code == 302


def test_client_address_trusts_only_the_proxies_entries(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2")
    settings.TRUSTED_PROXIES = []
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1/32")]
    assert client_address(request) == "2.2.2.2"
    # 2.2.2.2 a proxy of ours too: the address it saw.
    settings.TRUSTED_PROXIES += [ipaddress.ip_network("2.2.2.2/32")]
    assert client_address(request) == "1.1.1.1"
    # A request that does not come from a trusted proxy: its header is not believed.
    direct = rf.get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_address(direct) == "192.0.2.9"


# The audit log of logins --------------------------------------------------------------------


def test_login_logout_and_failure_are_in_the_audit_log(client, analyst):
    post_login(client, "analyst", "wrong")
    failed = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert failed.scope == "analyst" and "wrong" not in str(failed.detail)
    post_login(client, "analyst", PASSWORD)
    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGIN).detail == {"method": "local"}
    client.post(reverse("accounts:logout"))
    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGOUT).actor == analyst


# The second factor ------------------------------------------------------------------------


@pytest.fixture
def second_factor(settings):
    settings.OTP_REQUIRED = True


def enrol(client, user):
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code
    secret = re.search(r'id="totp-key">([A-Z2-7]+)<', page.content.decode()).group(1)
    key = base64.b32decode(secret)
    code = totp(key)
    answer = client.post(reverse("accounts:enrol"), {"code": code})
    assert answer.status_code == 302
    return key, code


def test_hr_admin_must_enrol_and_then_give_a_code_at_each_login(client, hr_admin, second_factor):
    assert post_login(client, "hr_admin", PASSWORD).status_code == 302
    # Everything but the second-factor pages sends the user there.
    import_page = reverse("workforce:import")
    answer = client.get(import_page)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("accounts:verify"))
    assert client.get(answer["Location"])["Location"].startswith(reverse("accounts:enrol"))
    key, used = enrol(client, hr_admin)
    assert client.get(import_page).status_code == 200
    assert TOTPDevice.objects.get(user=hr_admin).confirmed
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SECOND_FACTOR_CHANGED, scope="hr_admin"
    ).exists()

    client.post(reverse("accounts:logout"))
    post_login(client, "hr_admin", PASSWORD)
    assert client.get(import_page).status_code == 302
    # The enrolment page cannot replace a confirmed device.
    assert client.get(reverse("accounts:enrol"))["Location"] == reverse("accounts:verify")
    wrong = client.post(reverse("accounts:verify"), {"code": "000000", "next": import_page})
    # (Unless 000000 is a code django-otp takes now: one step either side.)
    if "000000" not in (totp(key, time.time() + drift) for drift in (-30, 0, 30)):
        assert wrong.status_code == 200
        assert AuditEntry.objects.filter(
            action=AuditEntry.Action.LOGIN_FAILED, detail__reason="code"
        ).exists()
    # A wrong guess throttles the device for a second (django-otp). The code used at
    # enrolment cannot be used again (replay); the next 30-second step's code can.
    time.sleep(1.1)
    replay = client.post(reverse("accounts:verify"), {"code": used, "next": import_page})
    assert replay.status_code == 200
    time.sleep(2.1)
    right = client.post(
        reverse("accounts:verify"), {"code": totp(key, time.time() + 30), "next": import_page}
    )
    assert right["Location"] == import_page
    assert client.get(import_page).status_code == 200


def test_the_right_code_too_soon_after_a_wrong_one_is_told_to_wait(client, hr_admin, second_factor):
    """django-otp refuses every code for a second after a wrong one (2, 4 … after more):
    the right code then read "wrong or expired", and a user typing it again at once was
    refused again. The page says to wait, and how long."""
    post_login(client, "hr_admin", PASSWORD)
    key, _used = enrol(client, hr_admin)
    client.post(reverse("accounts:logout"))
    post_login(client, "hr_admin", PASSWORD)
    codes_now = {totp(key, time.time() + shift) for shift in (-30, 0, 30)}
    wrong = next(code for code in ("000000", "111111", "222222") if code not in codes_now)
    assert client.post(reverse("accounts:verify"), {"code": wrong}).status_code == 200
    early = client.post(reverse("accounts:verify"), {"code": totp(key, time.time() + 30)})
    assert early.status_code == 200
    said = " ".join(early.content.decode().split())
    assert "Too many wrong codes in a row: wait 1 second" in said or (
        "För många felaktiga koder i rad: vänta 1 sekund" in said
    ), said
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.LOGIN_FAILED, detail__reason="wait"
    ).exists()
    time.sleep(1.1)
    right = client.post(reverse("accounts:verify"), {"code": totp(key, time.time() + 30)})
    assert right.status_code == 302


@pytest.mark.parametrize("persona", ["occ_health", "user_admin", "superuser"])
def test_health_accounts_and_superusers_need_the_second_factor(
    client, request, persona, second_factor
):
    user = request.getfixturevalue(persona)
    post_login(client, user.username, PASSWORD)
    answer = client.get(reverse("workforce:home"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("accounts:verify"))


def test_an_analyst_needs_no_second_factor(client, analyst, second_factor):
    post_login(client, "analyst", PASSWORD)
    assert client.get(reverse("keyfigures:page")).status_code == 200


def test_a_code_is_six_digits(client, hr_admin, second_factor):
    post_login(client, "hr_admin", PASSWORD)
    client.get(reverse("accounts:enrol"))
    answer = client.post(reverse("accounts:enrol"), {"code": "12ab"})
    assert answer.status_code == 200
    assert not TOTPDevice.objects.filter(user=hr_admin, confirmed=True).exists()


def test_demo_code_prints_the_code_of_the_demo_key(hr_admin):
    from bemanna.demo import DEMO_TOTP_KEY

    TOTPDevice.objects.create(user=hr_admin, key=DEMO_TOTP_KEY, confirmed=True)
    before = totp(bytes.fromhex(DEMO_TOTP_KEY))
    out = StringIO()
    call_command("demo_code", stdout=out)
    after = totp(bytes.fromhex(DEMO_TOTP_KEY))
    assert f"hr_admin: {before}" in out.getvalue() or f"hr_admin: {after}" in out.getvalue()


# Idle sessions ----------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes(client, analyst, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    post_login(client, "analyst", PASSWORD)
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)
    # Each request moves the end on ...
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get(reverse("keyfigures:page")).status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > datetime.timedelta(minutes=29)
    # ... and a session idle past its end is gone.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    answer = client.get(reverse("keyfigures:page"))
    assert answer.status_code == 302 and "login" in answer["Location"]
