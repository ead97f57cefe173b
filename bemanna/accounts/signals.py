"""Every login, logout, failed login and lockout, and every change of a user, a role, a
password, a role mapping or a second factor, goes to the audit log.

The changes are caught at the model (signals), so the admin, the command line and single
sign-on are all covered; who made the change is the request's user (`middleware.current_actor`)
or "cli".
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.accounts.backends import known_username
from bemanna.accounts.middleware import acting_user, password_set_on_command_line
from bemanna.accounts.models import PasswordSetByAdministrator, Profile, RoleMapping
from bemanna.audit.models import AuditEntry, log_action

User = get_user_model()
SSO_BACKEND = "bemanna.accounts.oidc.RoleMappingBackend"
SESSION_FLAG = "bemanna_sso"
WATCHED_FIELDS = ("username", "email", "first_name", "last_name", "is_active", "is_staff",
                  "is_superuser")  # fmt: skip


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    sso = getattr(user, "backend", "") == SSO_BACKEND
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = sso
    log_action(user, AuditEntry.Action.LOGIN, scope=user.username, method="sso" if sso else "local")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_action(user, AuditEntry.Action.LOGOUT, scope=user.username)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username")
    if not typed and "code_verifier" in credentials:
        username = "(single sign-on)"
    else:  # what was typed may be a password: an unknown name is not kept
        username = known_username(typed)
    log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=username)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    log_action(None, AuditEntry.Action.LOCKED_OUT, scope=known_username(username))


@receiver(pre_save, sender=User)
def _remember_user(sender, instance, **kwargs):
    old = User.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_old = old


@receiver(post_save, sender=User)
def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    old = getattr(instance, "_audit_old", None)
    actor = acting_user()
    if created or old is None:
        log_action(actor, AuditEntry.Action.USER_CHANGED, scope=instance.username, created=True)
        if instance.has_usable_password():
            log_action(actor, AuditEntry.Action.PASSWORD_CHANGED, scope=instance.username)
            _remember_who_set_the_password(instance, actor)
        return
    changed = {
        field: [getattr(old, field), getattr(instance, field)]
        for field in WATCHED_FIELDS
        if getattr(old, field) != getattr(instance, field)
    }
    if changed:
        log_action(actor, AuditEntry.Action.USER_CHANGED, scope=instance.username, **changed)
    if old.password != instance.password:
        log_action(actor, AuditEntry.Action.PASSWORD_CHANGED, scope=instance.username)
        _remember_who_set_the_password(instance, actor)


def _remember_who_set_the_password(user, actor) -> None:
    """A password set by someone else who is not a superuser (the user administrator) does
    not let its account enrol a first second factor (accounts.views.enrol); one set by the
    user, a superuser or a command that says so (`password_set_on_command_line`) does.

    A save with no actor and no such mark changes nothing: that is Django re-hashing the
    password at login (a new iteration count, another hasher), which must not lift the
    block for whoever logs in with the password the user administrator set."""
    by_other = actor is not None and actor.pk != user.pk and not actor.is_superuser
    if by_other and user.has_usable_password():
        PasswordSetByAdministrator.objects.update_or_create(
            user=user, defaults={"set_by": actor.username}
        )
    elif actor is not None or password_set_on_command_line() or not user.has_usable_password():
        PasswordSetByAdministrator.objects.filter(user=user).delete()


@receiver(post_delete, sender=User)
def _user_deleted(sender, instance, **kwargs):
    log_action(acting_user(), AuditEntry.Action.USER_DELETED, scope=instance.username)


@receiver(pre_save, sender=Profile)
def _remember_role(sender, instance, **kwargs):
    old = Profile.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
    instance._audit_old_role = old if instance.pk else None


@receiver(post_save, sender=Profile)
def _role_saved(sender, instance, created, **kwargs):
    old = getattr(instance, "_audit_old_role", None)
    if created or old != instance.role:
        log_action(
            acting_user(),
            AuditEntry.Action.ROLE_CHANGED,
            scope=instance.user.username,
            old=old or "",
            new=instance.role,
        )


@receiver(post_save, sender=RoleMapping)
@receiver(post_delete, sender=RoleMapping)
def _mapping_changed(sender, instance, created=None, **kwargs):
    log_action(
        acting_user(),
        AuditEntry.Action.ROLE_MAPPING_CHANGED,
        scope=instance.group,
        role=instance.role,
        unit=instance.unit_id,
        deleted=created is None,
    )


@receiver(pre_save, sender=TOTPDevice)
def _remember_device(sender, instance, **kwargs):
    old = TOTPDevice.objects.filter(pk=instance.pk).values_list("confirmed", flat=True).first()
    instance._audit_was_confirmed = bool(old) if instance.pk else False


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
def _device_changed(sender, instance, created=None, **kwargs):
    if created is not None and (
        not instance.confirmed or getattr(instance, "_audit_was_confirmed", False)
    ):
        return  # an enrolment begun, or a verification counted: no new second factor
    log_action(
        acting_user(),
        AuditEntry.Action.SECOND_FACTOR_CHANGED,
        scope=instance.user.username,
        deleted=created is None,
    )
