"""The review's M3: an account made by single sign-on before accounts were matched on issuer
and subject has no stored identity, and its owner's next login is refused as "user name
taken". `bemanna link_sso_account` joins the two on the operator's word, audit-logged."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bemanna.accounts.models import Role, SingleSignOnIdentity
from bemanna.audit.models import AuditEntry, log_action
from bemanna.conftest import make_user

ISSUER = "https://login.region.example/o"


@pytest.fixture
def old_sso_account(db, settings):
    settings.OIDC_OP_ISSUER = ISSUER
    user = make_user("anna", Role.ANALYST)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture(autouse=True)
def _english():
    """The command's refusals are read in English here (the command line speaks Swedish)."""
    with translation.override("en"):
        yield


def link(*args: str) -> str:
    out = StringIO()
    call_command("link_sso_account", *args, stdout=out)
    return out.getvalue()


def test_the_command_joins_the_account_with_the_configured_issuer(old_sso_account):
    said = link("anna", "--subject", "a1b2-c3")
    identity = SingleSignOnIdentity.objects.get(user=old_sso_account)
    assert (identity.issuer, identity.subject) == (ISSUER, "a1b2-c3")
    assert "a1b2-c3" in said
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.USER_CHANGED, scope="anna", detail__sso_linked=True
    )
    assert entry.actor_name == "cli"
    assert entry.detail == {"sso_linked": True, "issuer": ISSUER, "subject": "a1b2-c3"}


def test_another_issuer_can_be_given(old_sso_account):
    link("anna", "--subject", "s", "--issuer", "https://other.example")
    assert SingleSignOnIdentity.objects.get(user=old_sso_account).issuer == "https://other.example"


def test_without_a_subject_it_lists_the_refused_logins_and_joins_nothing(old_sso_account):
    log_action(
        None,
        AuditEntry.Action.LOGIN_FAILED,
        scope="anna",
        reason="sso_username_taken",
        issuer=ISSUER,
        subject="sub-from-the-token",
    )
    out = StringIO()
    with pytest.raises(CommandError, match="--subject"):
        call_command("link_sso_account", "anna", stdout=out)
    assert f"--issuer {ISSUER} --subject sub-from-the-token" in out.getvalue()
    assert not SingleSignOnIdentity.objects.exists()


def test_a_subject_already_joined_is_refused(old_sso_account):
    other = make_user("bo", Role.MANAGER)
    SingleSignOnIdentity.objects.create(user=other, issuer=ISSUER, subject="taken")
    with pytest.raises(CommandError, match="already joined to the account bo"):
        link("anna", "--subject", "taken")
    assert not SingleSignOnIdentity.objects.filter(user=old_sso_account).exists()
    assert not AuditEntry.objects.filter(detail__sso_linked=True).exists()


def test_an_account_already_joined_is_not_joined_again(old_sso_account):
    SingleSignOnIdentity.objects.create(user=old_sso_account, issuer=ISSUER, subject="first")
    with pytest.raises(CommandError, match="already joined to the subject first"):
        link("anna", "--subject", "second")
    assert SingleSignOnIdentity.objects.get(user=old_sso_account).subject == "first"


def test_unknown_user_superuser_and_missing_issuer_are_refused(old_sso_account, settings):
    with pytest.raises(CommandError, match="No account has the user name nobody"):
        link("nobody", "--subject", "s")
    make_user("root", Role.HR_ADMIN, is_superuser=True)
    with pytest.raises(CommandError, match="superuser"):
        link("root", "--subject", "s")
    settings.OIDC_OP_ISSUER = ""
    with pytest.raises(CommandError, match="No issuer"):
        link("anna", "--subject", "s")
    assert not SingleSignOnIdentity.objects.exists()
