"""Single sign-on against a real OpenID Connect provider on loopback.

The provider is django-oauth-toolkit (scripts/oidc_provider.py), started as a server of its
own with an RSA key made at start; Bemanna runs on pytest-django's live server. An HTTP client
follows the real flow: Bemanna redirects to the provider (state, nonce, PKCE challenge), the
user signs in there, the provider redirects back with a code, Bemanna exchanges it (with the
PKCE verifier) and checks the signed ID token, then maps the groups to a role.
"""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from bemanna.accounts.models import Role, RoleMapping
from bemanna.audit.models import AuditEntry

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "oidc_provider.py"
USERS = ("anna:anna-pw:bemanna-hr,lunch-club", "bo:bo-pw:chefer-f", "eve:eve-pw:unknown")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def provider(live_server, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("idp") / "provider.log"
    args = [sys.executable, str(SCRIPT), "--port", str(port), "--client-url", live_server.url]
    for user in USERS:
        args += ["--user", user]
    with log.open("w") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the OIDC provider did not start:\n{log.read_text()}")
        time.sleep(0.5)
    yield issuer
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(provider, settings, org, transactional_db):
    """Bemanna configured for the provider as the BEMANNA_OIDC_* variables would."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "bemanna"
    settings.OIDC_RP_CLIENT_SECRET = "bemanna-demo-secret"
    settings.OIDC_OP_ISSUER = provider
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{provider}/logout/"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "bemanna.accounts.oidc.RoleMappingBackend",
    ]
    # As settings.py does from the variables: logging out may redirect to the provider.
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    origin = provider.rsplit("/o", 1)[0]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**policy, "form-action": ["'self'", origin]}}
    # The live server speaks plain HTTP; a Secure cookie would never come back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    # Single sign-on leaves the second factor to the provider, even for HR admin.
    settings.OTP_REQUIRED = True
    RoleMapping.objects.create(group="bemanna-hr", role=Role.HR_ADMIN)
    RoleMapping.objects.create(group="chefer-f", role=Role.MANAGER, unit=org["F"])
    return provider


def sign_in(base: str, username: str, password: str) -> tuple[requests.Session, requests.Response]:
    """Start at Bemanna's SSO link, sign in at the provider's own form, follow back."""
    browser = requests.Session()
    page = browser.get(f"{base}/konto/sso/", timeout=30)
    authorize = next(r for r in page.history if "/o/authorize/" in r.headers.get("Location", ""))
    query = parse_qs(urlparse(authorize.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # base64url SHA-256, no padding
    assert query["response_type"] == ["code"]
    assert "/login/" in page.url and "Local identity provider" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    following = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": following.replace("&amp;", "&"),
        },
        timeout=60,
    )
    return browser, answer


def test_sso_creates_the_user_with_the_mapped_role_and_logs_out_at_the_provider(sso, live_server):
    browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    assert answer.url.startswith(live_server.url)
    assert any("/konto/sso/svar/?" in r.headers.get("Location", "") for r in answer.history)
    anna = get_user_model().objects.get(username="anna")
    assert anna.profile.role == Role.HR_ADMIN
    assert anna.email == "anna@region.example"
    assert anna.is_staff and not anna.is_superuser
    assert not anna.has_usable_password()
    # Logged in, and no second factor asked: the import page is HR admin's.
    page = browser.get(
        f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False, timeout=30
    )
    assert page.status_code == 200, page.headers.get("Location")
    login = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN, actor=anna)
    assert login.detail == {"method": "sso"}

    # Logging out ends the provider's session too (RP-initiated logout) and comes back.
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    out = browser.post(
        f"{live_server.url}/konto/logout/", data={"csrfmiddlewaretoken": csrf}, timeout=30
    )
    assert any("/o/logout/?" in r.headers.get("Location", "") for r in out.history)
    assert out.url == f"{live_server.url}/konto/login/"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGOUT, actor=anna).exists()
    again = browser.get(f"{live_server.url}/konto/sso/", timeout=30)
    assert "Local identity provider" in again.text  # the provider asks for the password again


def test_a_manager_group_gives_its_unit_and_later_logins_follow_the_groups(sso, live_server, org):
    sign_in(live_server.url, "bo", "bo-pw")
    bo = get_user_model().objects.get(username="bo")
    assert bo.profile.role == Role.MANAGER
    org["F"].refresh_from_db()
    assert org["F"].manager == bo
    assert not bo.is_staff
    # HR moves the group to unit G: the next login manages G, no longer F.
    RoleMapping.objects.filter(group="chefer-f").update(unit=org["G"])
    sign_in(live_server.url, "bo", "bo-pw")
    org["F"].refresh_from_db()
    org["G"].refresh_from_db()
    assert org["F"].manager is None and org["G"].manager == bo


def test_a_user_whose_groups_map_to_no_role_is_refused(sso, live_server):
    browser, answer = sign_in(live_server.url, "eve", "eve-pw")
    assert answer.url == f"{live_server.url}/konto/login/"
    assert "ingen roll i Bemanna" in answer.text or "no role in Bemanna" in answer.text
    assert not get_user_model().objects.filter(username="eve").exists()
    refused = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED, scope="eve")
    assert refused.detail == {"reason": "sso_no_role"}
    assert (
        browser.get(
            f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False
        ).status_code
        == 302
    )


def test_with_local_login_off_the_password_form_is_gone(sso, client, settings, hr_admin):
    from bemanna.conftest import PASSWORD

    settings.LOCAL_LOGIN = False
    page = client.get("/konto/login/")
    assert b'name="password"' not in page.content
    assert b"/konto/sso/" in page.content
    assert (
        client.post("/konto/login/", {"username": "hr_admin", "password": PASSWORD}).status_code
        == 404
    )
    assert not client.login(username="hr_admin", password=PASSWORD)


def test_the_mapping_table_decides_role_and_units(org, settings):
    from bemanna.accounts.oidc import mapped_access

    settings.OIDC_GROUPS_CLAIM = "roles"
    settings.OIDC_UNITS_CLAIM = "units"
    RoleMapping.objects.create(group="chefer-a", role=Role.MANAGER, unit=org["A"])
    RoleMapping.objects.create(group="analytiker", role=Role.ANALYST)
    assert mapped_access({"roles": ["okänd"]}) == (None, [])
    role, units = mapped_access({"roles": ["chefer-a"], "units": "C, B"})
    assert role == Role.MANAGER
    assert sorted(u.code for u in units) == ["A", "B", "C"]
    # Several roles: one wins by the stated precedence, and only managers get units.
    role, units = mapped_access({"roles": ["chefer-a", "analytiker"], "units": ["C"]})
    assert (role, units) == (Role.ANALYST, [])
    # A unit code in the claim alone gives no role.
    assert mapped_access({"units": "A"}) == (None, [])


def test_a_half_configured_single_sign_on_is_a_check_error(settings):
    from bemanna.checks import single_sign_on_is_complete

    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_ISSUER = ""
    errors = single_sign_on_is_complete(None)
    assert [e.id for e in errors] == ["bemanna.E002"]
    assert "BEMANNA_OIDC_ISSUER" in errors[0].msg
    # The issuer alone is enough: the endpoints come from its discovery document.
    settings.OIDC_OP_ISSUER = "https://idp.example/o"
    for name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS", "LOGOUT"):
        setattr(settings, f"OIDC_OP_{name}_ENDPOINT", "")
    assert single_sign_on_is_complete(None) == []


@pytest.fixture
def by_discovery(sso, settings):
    """Only BEMANNA_OIDC_ISSUER (with the client id and secret): no endpoint variable."""
    from bemanna.accounts import oidc

    for name in oidc.DISCOVERED:
        setattr(settings, name, "")
    oidc._discovered.clear()
    oidc._failed_at.clear()
    yield sso
    oidc._discovered.clear()
    oidc._failed_at.clear()


def test_the_provider_serves_its_discovery_document(provider):
    document = requests.get(f"{provider}/.well-known/openid-configuration", timeout=30).json()
    assert document["issuer"] == provider
    for key in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        assert document[key].startswith(provider + "/"), key
    assert document["end_session_endpoint"] == f"{provider}/logout/"


def test_sso_configured_from_the_issuer_alone(by_discovery, live_server, settings):
    from bemanna.accounts import oidc

    assert settings.OIDC_OP_TOKEN_ENDPOINT == "" and settings.OIDC_OP_JWKS_ENDPOINT == ""
    browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    assert answer.url.startswith(live_server.url)
    assert get_user_model().objects.get(username="anna").profile.role == Role.HR_ADMIN
    assert oidc._discovered[by_discovery]["token_endpoint"] == f"{by_discovery}/token/"
    page = browser.get(f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False)
    assert page.status_code == 200
    # Logging out finds the provider's end-session page in the document too.
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    out = browser.post(f"{live_server.url}/konto/logout/", data={"csrfmiddlewaretoken": csrf})
    assert any("/o/logout/?" in r.headers.get("Location", "") for r in out.history)


def test_an_endpoint_variable_overrides_discovery(by_discovery, settings):
    from bemanna.accounts import oidc

    settings.OIDC_OP_USER_ENDPOINT = "https://elsewhere.example/userinfo"
    assert oidc.oidc_setting("OIDC_OP_USER_ENDPOINT") == "https://elsewhere.example/userinfo"
    assert oidc.oidc_setting("OIDC_OP_TOKEN_ENDPOINT") == f"{by_discovery}/token/"
    backend = oidc.RoleMappingBackend()
    userinfo, jwks = backend.OIDC_OP_USER_ENDPOINT, backend.OIDC_OP_JWKS_ENDPOINT
    assert userinfo == "https://elsewhere.example/userinfo"
    assert jwks == f"{by_discovery}/.well-known/jwks.json"


def test_an_unreachable_issuer_is_said_on_the_login_page(by_discovery, client, settings):
    from bemanna.accounts import oidc

    settings.OIDC_OP_ISSUER = f"http://127.0.0.1:{free_port()}/o"  # nothing listens there
    answer = client.get("/konto/sso/", follow=True)
    assert answer.redirect_chain[-1][0] == "/konto/login/"
    text = answer.content.decode()
    assert "cannot be reached" in text or "går inte att nå" in text
    with pytest.raises(oidc.DiscoveryError):  # retried only after a minute
        oidc.provider_configuration(settings.OIDC_OP_ISSUER)
    # A document that names another issuer is refused, not used.
    settings.OIDC_OP_ISSUER = by_discovery + "-other"
    oidc._failed_at.clear()
    with pytest.raises(oidc.DiscoveryError):
        oidc.provider_configuration(settings.OIDC_OP_ISSUER)


def test_sso_matches_on_issuer_and_subject_not_on_the_user_name(sso, live_server):
    """The review's H1a: the account was found by the user-name claim. Now the ID token's
    issuer and subject are stored at the first login and matched on from then on."""
    from bemanna.accounts.models import SingleSignOnIdentity

    sign_in(live_server.url, "anna", "anna-pw")
    anna = get_user_model().objects.get(username="anna")
    identity = SingleSignOnIdentity.objects.get(user=anna)
    assert identity.issuer == sso
    assert identity.subject and identity.subject != "anna"
    assert identity.groups == ["bemanna-hr", "lunch-club"]
    # Renamed here (or at the provider): the next login still finds the same account.
    anna.username = "anna.andersson"
    anna.save()
    browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    assert not get_user_model().objects.filter(username="anna").exists()
    assert list(get_user_model().objects.filter(sso_identity__subject=identity.subject)) == [anna]
    page = browser.get(f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False)
    assert page.status_code == 200


def test_sso_never_takes_over_a_local_account_with_the_same_user_name(sso, live_server):
    from bemanna.accounts.models import SingleSignOnIdentity
    from bemanna.conftest import PASSWORD, make_user

    local = make_user("anna", Role.ANALYST)
    browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    assert answer.url == f"{live_server.url}/konto/login/"
    assert "tillhör redan ett annat konto" in answer.text or "already belongs" in answer.text
    local.refresh_from_db()
    assert local.check_password(PASSWORD)
    assert local.profile.role == Role.ANALYST and not local.is_staff
    assert not SingleSignOnIdentity.objects.exists()
    refused = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED, scope="anna")
    assert refused.detail["reason"] == "sso_username_taken"
    assert refused.detail["issuer"] == sso
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN, actor=local).exists()
    page = browser.get(f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False)
    assert page.status_code == 302


def test_an_account_made_by_single_sign_on_before_is_joined_by_the_operator(sso, live_server):
    """The review's M3: an account made by single sign-on before identities were stored is
    refused as "user name taken" at its owner's next login; the operator joins it with
    `bemanna link_sso_account` from the refusal's subject, and the login then opens it."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from bemanna.conftest import make_user

    old = make_user("anna", Role.HR_ADMIN, is_staff=True)
    old.set_unusable_password()  # as the earlier single sign-on made its accounts
    old.save()
    _browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    assert answer.url == f"{live_server.url}/konto/login/"
    listing = StringIO()
    with pytest.raises(CommandError):
        call_command("link_sso_account", "anna", stdout=listing)
    found = re.search(r"--issuer (\S+) --subject (\S+)", listing.getvalue())
    assert found and found.group(1) == sso
    call_command("link_sso_account", "anna", "--subject", found.group(2), stdout=StringIO())
    browser, answer = sign_in(live_server.url, "anna", "anna-pw")
    page = browser.get(f"{live_server.url}{reverse('workforce:import')}", allow_redirects=False)
    assert page.status_code == 200
    assert get_user_model().objects.filter(username="anna").count() == 1
    login = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN, scope="anna")
    assert login.actor == old and login.detail == {"method": "sso"}


def test_groups_left_out_by_the_provider_are_said_not_taken_for_no_role(db, settings, rf):
    """Entra ID leaves the groups claim out of the token for a user in more than 200 groups
    and names a source for it instead (`_claim_names`): that is no "role missing" but a
    provider set-up to change (app roles), and the refusal says so."""
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from bemanna.accounts.oidc import RoleMappingBackend, groups_left_out
    from bemanna.accounts.views import SingleSignOnCallback

    settings.OIDC_GROUPS_CLAIM = "groups"
    RoleMapping.objects.create(group="bemanna-hr", role=Role.HR_ADMIN)
    overage = {
        "preferred_username": "many",
        "_claim_names": {"groups": "src1"},
        "_claim_sources": {"src1": {"endpoint": "https://graph.microsoft.com/v1.0/me"}},
    }
    assert groups_left_out(overage)
    assert not groups_left_out({"preferred_username": "few", "groups": ["bemanna-hr"]})
    assert not groups_left_out({"preferred_username": "none"})

    request = rf.get("/konto/sso/svar/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    backend = RoleMappingBackend.__new__(RoleMappingBackend)
    backend.request = request
    assert backend.verify_claims(overage) is False
    refused = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED, scope="many")
    assert refused.detail == {"reason": "sso_groups_left_out"}

    view = SingleSignOnCallback()
    view.request = request
    assert view.login_failure()["Location"] == reverse("accounts:login")
    said = " ".join(str(message) for message in get_messages(request))
    assert "left out your groups" in said or "utelämnade dina grupper" in said, said
