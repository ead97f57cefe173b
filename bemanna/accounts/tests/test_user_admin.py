"""The finding: HR admin was a superuser and could set occupational health's password and read
health data under its name. Now no everyday role is a superuser; users and roles are the user
administrator's, who cannot grant a health role, touch a health account or change their own,
and every change of a user, role or password is in the audit log."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.accounts.models import Profile, Role, RoleMapping
from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD, make_user

NEW_PASSWORD = "a new long passphrase 9281"


def set_password(client, user):
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )


def test_no_demo_persona_is_a_superuser(db):
    from bemanna.demo import DEMO_USERS, _create_users

    _create_users()
    User = get_user_model()
    assert not User.objects.filter(is_superuser=True).exists()
    assert {name for name, _r, _u in DEMO_USERS} <= set(
        User.objects.values_list("username", flat=True)
    )
    # The accounts that see person-level data or the accounts have a second factor.
    with_device = set(TOTPDevice.objects.values_list("user__username", flat=True))
    assert with_device == {"hr", "fhv", "behorighet"}


def test_hr_admin_cannot_touch_accounts(client, hr_admin, occ_health):
    client.login(username="hr_admin", password=PASSWORD)
    assert set_password(client, occ_health).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_rolemapping_changelist")).status_code == 403
    occ_health.refresh_from_db()
    assert occ_health.check_password(PASSWORD)
    # ... nor read health data, in the pages or in the admin.
    assert client.get(reverse("keyfigures:worklist")).status_code == 403
    assert not hr_admin.has_perm("keyfigures.view_sickleavespell")
    assert hr_admin.has_perm("org.change_unit")


def test_user_admin_cannot_set_a_health_accounts_password(client, user_admin, occ_health):
    client.login(username="user_admin", password=PASSWORD)
    assert set_password(client, occ_health).status_code == 403
    occ_health.refresh_from_db()
    assert occ_health.check_password(PASSWORD)
    change = client.get(reverse("admin:auth_user_change", args=[occ_health.pk]))
    assert change.status_code in (200, 403)
    if change.status_code == 200:  # a view-only page at most
        assert b'name="username"' not in change.content


def test_user_admin_sets_an_analysts_password_and_it_is_logged(client, user_admin, analyst):
    client.login(username="user_admin", password=PASSWORD)
    assert set_password(client, analyst).status_code == 302
    analyst.refresh_from_db()
    assert analyst.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.PASSWORD_CHANGED, scope="analyst"
    ).latest("pk")
    assert entry.actor == user_admin
    assert NEW_PASSWORD not in str(entry.detail)


def test_user_admin_cannot_change_their_own_account(client, user_admin):
    client.login(username="user_admin", password=PASSWORD)
    assert set_password(client, user_admin).status_code == 403
    assert (
        client.get(reverse("admin:auth_user_change", args=[user_admin.pk])).status_code
        in (
            302,
            403,
        )
        or b'name="username"'
        not in client.get(reverse("admin:auth_user_change", args=[user_admin.pk])).content
    )


def user_form(user, role, **extra):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(user.profile.pk),
        "profile-0-user": str(user.pk),
        "profile-0-role": role,
    }
    data.update(extra)
    return data


def test_user_admin_cannot_grant_a_health_role_nor_superuser(client, user_admin, analyst):
    client.login(username="user_admin", password=PASSWORD)
    url = reverse("admin:auth_user_change", args=[analyst.pk])
    page = client.get(url).content.decode()
    assert 'value="occ_health"' not in page
    assert "is_superuser" not in page and "user_permissions" not in page
    answer = client.post(url, user_form(analyst, Role.OCCUPATIONAL_HEALTH, is_superuser="on"))
    assert answer.status_code == 200  # the form refuses the role
    analyst.refresh_from_db()
    assert analyst.profile.role == Role.ANALYST and not analyst.is_superuser


def test_a_role_change_is_logged_and_sets_admin_access(client, user_admin, analyst):
    client.login(username="user_admin", password=PASSWORD)
    url = reverse("admin:auth_user_change", args=[analyst.pk])
    answer = client.post(url, user_form(analyst, Role.HR_ADMIN))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    analyst.refresh_from_db()
    assert Profile.objects.get(user=analyst).role == Role.HR_ADMIN
    assert analyst.is_staff and not analyst.is_superuser
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.ROLE_CHANGED, scope="analyst"
    ).latest("pk")
    assert entry.actor == user_admin
    assert entry.detail == {"old": "analyst", "new": "hr_admin"}


def test_user_admin_edits_the_role_mapping_but_not_to_a_health_role(client, user_admin, org):
    client.login(username="user_admin", password=PASSWORD)
    add = reverse("admin:accounts_rolemapping_add")
    answer = client.post(add, {"group": "G-chefer", "role": Role.MANAGER, "unit": org["F"].pk})
    assert answer.status_code == 302
    assert RoleMapping.objects.filter(group="G-chefer", unit=org["F"]).exists()
    logged = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_MAPPING_CHANGED)
    assert logged.actor == user_admin and logged.scope == "G-chefer"
    refused = client.post(add, {"group": "G-fhv", "role": Role.OCCUPATIONAL_HEALTH})
    assert refused.status_code == 200
    assert not RoleMapping.objects.filter(group="G-fhv").exists()
    health = RoleMapping.objects.create(group="G-fhv2", role=Role.OCCUPATIONAL_HEALTH)
    delete = reverse("admin:accounts_rolemapping_delete", args=[health.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_user_admin_sees_no_data(client, user_admin, staffed):
    client.login(username="user_admin", password=PASSWORD)
    assert client.get(reverse("workforce:persons", args=["A"])).status_code == 403
    assert client.get(reverse("keyfigures:worklist")).status_code == 403
    assert client.get(reverse("admin:org_unit_changelist")).status_code == 403


def test_a_superuser_may_reset_a_health_account(client, superuser, occ_health):
    client.login(username="root", password=PASSWORD)
    assert set_password(client, occ_health).status_code == 302
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.PASSWORD_CHANGED, scope="occ_health"
    ).latest("pk")
    assert entry.actor == superuser


def test_changes_outside_the_admin_are_logged_as_the_command_line(db):
    user = make_user("someone", Role.ANALYST)
    user.is_active = False
    user.save()
    entries = AuditEntry.objects.filter(scope="someone").order_by("pk")
    actions = [e.action for e in entries]
    assert AuditEntry.Action.USER_CHANGED in actions
    assert AuditEntry.Action.PASSWORD_CHANGED in actions
    assert AuditEntry.Action.ROLE_CHANGED in actions
    deactivated = entries.filter(action=AuditEntry.Action.USER_CHANGED).last()
    assert deactivated.detail == {"is_active": [True, False]}
    assert {e.actor_name for e in entries} == {"cli"}


@pytest.mark.parametrize("field", ["is_superuser", "is_staff"])
def test_the_user_admins_form_has_no_privilege_fields(client, user_admin, analyst, field):
    client.login(username="user_admin", password=PASSWORD)
    page = client.get(reverse("admin:auth_user_change", args=[analyst.pk])).content.decode()
    assert f'name="{field}"' not in page


def test_the_user_admin_lands_in_the_admin(client, user_admin):
    answer = client.post(
        reverse("accounts:login"), {"username": "user_admin", "password": PASSWORD}
    )
    assert answer["Location"] == reverse("admin:index")


def test_an_earlier_demo_gets_its_accounts_brought_up_to_date(db):
    from bemanna.demo import build_demo
    from bemanna.workforce.models import ImportBatch

    ImportBatch.objects.create(kind="units", filename="enheter.csv", sha256="0", is_demo=True)
    old_hr = make_user("hr", Role.HR_ADMIN, is_staff=True, is_superuser=True)
    assert not build_demo().built
    old_hr.refresh_from_db()
    assert not old_hr.is_superuser and old_hr.is_staff
    assert TOTPDevice.objects.filter(user=old_hr, confirmed=True).exists()
    assert RoleMapping.objects.filter(group="bemanna-hr", role=Role.HR_ADMIN).exists()


def test_user_admin_cannot_enrol_the_first_second_factor_of_an_hr_admin(
    client, user_admin, hr_admin, settings
):
    """The review's H1b: the user administrator set an HR admin's password (or removed their
    device), logged in with it and enrolled their own phone as the first device. Now a
    password set by the user administrator logs in but cannot enrol a first device."""
    from bemanna.accounts.models import PasswordSetByAdministrator

    TOTPDevice.objects.create(user=hr_admin, name="hr's phone", confirmed=True)
    client.login(username="user_admin", password=PASSWORD)
    device = TOTPDevice.objects.get(user=hr_admin)
    removed = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert removed.status_code == 302
    assert set_password(client, hr_admin).status_code == 302
    assert PasswordSetByAdministrator.objects.get(user=hr_admin).set_by == "user_admin"

    settings.OTP_REQUIRED = True
    client.logout()
    answer = client.post(
        reverse("accounts:login"), {"username": "hr_admin", "password": NEW_PASSWORD}
    )
    assert answer.status_code == 302  # the password works ...
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 403  # ... but enrols nothing
    assert b'id="totp-key"' not in page.content and b"<svg" not in page.content
    assert b'id="enrol-refused"' in page.content
    refused = client.post(reverse("accounts:enrol"), {"code": "123456"})
    assert refused.status_code == 403
    assert not TOTPDevice.objects.filter(user=hr_admin).exists()
    assert client.get(reverse("workforce:import")).status_code == 302
    logged = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED, scope="hr_admin")
    assert logged.last().detail == {
        "reason": "enrolment_refused_password_set_by_admin",
        "password_set_by": "user_admin",
    }


def test_a_rehash_at_login_keeps_the_password_set_by_the_user_administrator_blocked(
    client, user_admin, hr_admin, settings
):
    """The review's M4: Django re-hashes a password at login when the hasher or its
    iteration count changed, saving it with no logged-in actor. That save cleared the
    record, so the user administrator logging in with the password they set could enrol
    their own phone after all."""
    from bemanna.accounts.models import PasswordSetByAdministrator

    # Production's hasher first (the suite's is MD5, for speed: `conftest`).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client.login(username="user_admin", password=PASSWORD)
    assert set_password(client, hr_admin).status_code == 302
    client.logout()
    hr_admin.refresh_from_db()
    assert hr_admin.password.startswith("pbkdf2_sha256$")
    # A newer installation prefers another hasher: the next login re-hashes the password.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    settings.OTP_REQUIRED = True
    answer = client.post(
        reverse("accounts:login"), {"username": "hr_admin", "password": NEW_PASSWORD}
    )
    assert answer.status_code == 302
    hr_admin.refresh_from_db()
    assert hr_admin.password.startswith("md5$")  # the re-hash did happen
    assert PasswordSetByAdministrator.objects.get(user=hr_admin).set_by == "user_admin"
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 403 and b'id="totp-key"' not in page.content


def test_an_actorless_save_of_a_new_password_keeps_the_block_and_the_command_line_lifts_it(
    user_admin, hr_admin
):
    """Outside a request a password change lifts the block only when a command says it
    sets the password on the operator's word."""
    from bemanna.accounts.middleware import _actor, setting_password_on_command_line
    from bemanna.accounts.models import PasswordSetByAdministrator

    token = _actor.set(user_admin)
    hr_admin.set_password(NEW_PASSWORD)
    hr_admin.save()
    _actor.reset(token)
    hr_admin.set_password(NEW_PASSWORD)  # the same password, hashed again with a new salt
    hr_admin.save(update_fields=["password"])
    assert PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()
    with setting_password_on_command_line():
        hr_admin.set_password(NEW_PASSWORD + "!")
        hr_admin.save()
    assert not PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()


def test_bemanna_set_password_lifts_the_block_and_is_audit_logged(
    user_admin, hr_admin, monkeypatch
):
    """`bemanna changepassword` (Django's, as set_password) is the operator's word: the
    account may enrol its second factor afterwards; the change is in the audit log."""
    from django.contrib.auth.management.commands import changepassword
    from django.core.management import call_command

    from bemanna.accounts.middleware import _actor
    from bemanna.accounts.models import PasswordSetByAdministrator

    token = _actor.set(user_admin)
    hr_admin.set_password(NEW_PASSWORD)
    hr_admin.save()
    _actor.reset(token)
    assert PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt="": "Ny-lösen-9x!")
    before = AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGED).count()
    call_command("set_password", hr_admin.username, stdout=io.StringIO())
    hr_admin.refresh_from_db()
    assert hr_admin.check_password("Ny-lösen-9x!")
    assert not PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()
    after = AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGED).count()
    assert after == before + 1


@pytest.mark.parametrize("who", ["the user", "a superuser"])
def test_a_password_set_by_the_user_or_a_superuser_allows_enrolment(
    client, hr_admin, user_admin, superuser, settings, who
):
    from bemanna.accounts.middleware import _actor
    from bemanna.accounts.models import PasswordSetByAdministrator

    token = _actor.set(user_admin)
    hr_admin.set_password(NEW_PASSWORD)
    hr_admin.save()
    _actor.reset(token)
    assert PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()
    token = _actor.set(hr_admin if who == "the user" else superuser)
    hr_admin.set_password(NEW_PASSWORD + "!")
    hr_admin.save()
    _actor.reset(token)
    assert not PasswordSetByAdministrator.objects.filter(user=hr_admin).exists()
    settings.OTP_REQUIRED = True
    client.post(reverse("accounts:login"), {"username": "hr_admin", "password": NEW_PASSWORD + "!"})
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200 and b'id="totp-key"' in page.content


def test_user_admin_cannot_grant_hr_admin_or_remap_their_own_group(
    client, user_admin, superuser, org
):
    """The review's M4: the user administrator could remap the group that made them user
    administrator to HR admin and sign in again as one."""
    from bemanna.accounts.models import SingleSignOnIdentity

    SingleSignOnIdentity.objects.create(
        user=user_admin, issuer="https://idp.example", subject="42", groups=["it-behorighet"]
    )
    own = RoleMapping.objects.create(group="it-behorighet", role=Role.USER_ADMIN)
    hr = RoleMapping.objects.create(group="hr", role=Role.HR_ADMIN)
    analysts = RoleMapping.objects.create(group="analytiker", role=Role.ANALYST)
    client.login(username="user_admin", password=PASSWORD)

    def change(mapping, **data):
        url = reverse("admin:accounts_rolemapping_change", args=[mapping.pk])
        return client.post(url, {"group": mapping.group, "role": mapping.role, **data})

    add = reverse("admin:accounts_rolemapping_add")
    # Their own mapping: neither changed nor deleted.
    assert change(own, role=Role.HR_ADMIN).status_code == 403
    delete = reverse("admin:accounts_rolemapping_delete", args=[own.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # No new mapping that grants HR admin, occupational health or user admin ...
    for role in (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.USER_ADMIN):
        assert client.post(add, {"group": "ny-grupp", "role": role}).status_code == 200
    assert not RoleMapping.objects.filter(group="ny-grupp").exists()
    # ... nor an everyday role to their own group, nor an everyday mapping turned into one.
    answer = client.post(add, {"group": "it-behorighet", "role": Role.MANAGER, "unit": org["F"].pk})
    assert answer.status_code == 200
    assert change(analysts, role=Role.HR_ADMIN).status_code == 200
    assert change(analysts, group="it-behorighet").status_code == 200
    # An HR admin mapping is not theirs to move to another group or delete, one by one ...
    assert change(hr, group="annan-grupp").status_code == 403
    # ... or in bulk from the list.
    changelist = reverse("admin:accounts_rolemapping_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [hr.pk], "post": "yes"}
    )
    assert set(RoleMapping.objects.values_list("group", "role")) == {
        ("it-behorighet", Role.USER_ADMIN),
        ("hr", Role.HR_ADMIN),
        ("analytiker", Role.ANALYST),
    }
    # An everyday mapping of another group is theirs.
    assert change(analysts, role=Role.COUNCIL).status_code == 302
    analysts.refresh_from_db()
    assert analysts.role == Role.COUNCIL

    client.logout()
    client.login(username="root", password=PASSWORD)
    assert client.post(add, {"group": "hr-2", "role": Role.HR_ADMIN}).status_code == 302
    assert change(own, role=Role.ANALYST).status_code == 302


def test_user_admin_gets_a_start_text_of_their_own_and_no_data_menu(client, user_admin, org):
    # Issue 18: the user administrator saw a manager's "ask HR to make you the manager" and
    # the data pages in the menu; they have no data, only the accounts.
    client.login(username="user_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("workforce:home")).content.decode()
    assert "As user administrator you see no data in Bemanna." in page
    assert "Ask HR to make you the manager" not in page
    menu = page.split('aria-label="Main menu"')[1].split("</nav>")[0]
    hrefs = set(re.findall(r'href="([^"]+)"', menu))
    assert hrefs == {reverse("admin:index"), reverse("accounts:lockouts")}
