from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", _("HR administrator")
    ANALYST = "analyst", _("HR analyst")
    MANAGER = "manager", _("Manager")
    COUNCIL = "council", _("Competence-supply council")
    OCCUPATIONAL_HEALTH = "occ_health", _("Occupational health")
    USER_ADMIN = "user_admin", _("User administrator")


# Roles whose local login needs a second factor: person-level data or the accounts.
SECOND_FACTOR_ROLES = (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.USER_ADMIN)
# Roles whose single sign-on mapping only a superuser may create or change.
MAPPING_PROTECTED_ROLES = (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.USER_ADMIN)
# Roles only a superuser may grant (or take over by setting a password): health data.
HEALTH_ROLES = (Role.OCCUPATIONAL_HEALTH,)


class Profile(models.Model):
    """A user's role; a manager's scope is the units where they are `Unit.manager`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MANAGER)
    # How occupational health reaches a manager (the e-mail is the user's own).
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class RoleMapping(models.Model):
    """Single sign-on: a group (or app role) in the identity provider's token gives a role and,
    for managers, a unit. Edited by the user administrator; health roles by a superuser."""

    group = models.CharField(
        _("group or role claim"),
        max_length=200,
        help_text=_("The value as the identity provider sends it (Entra: the group's object id)."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("unit managed"),
        help_text=_("For managers: the unit (with everything below it) the group manages."),
    )

    class Meta:
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["group", "role", "unit"], name="unique_role_mapping")
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()}" + (
            f" ({self.unit})" if self.unit else ""
        )


class SingleSignOnIdentity(models.Model):
    """Who a single sign-on account is at the identity provider: the issuer and subject
    (`iss` + `sub`) of its ID token, fixed at its first login and matched on thereafter.

    A user name can be reused or renamed at the provider; the subject cannot. The groups of
    the last login are kept so that a user administrator's own mapping can be recognised."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity"
    )
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=255)
    groups = models.JSONField(_("groups at the last login"), default=list, blank=True)
    first_login = models.DateTimeField(_("first login"), auto_now_add=True)
    last_login = models.DateTimeField(_("last login"), auto_now=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="unique_sso_identity")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer} {self.subject})"


class PasswordSetByAdministrator(models.Model):
    """The account's current password was set by a user administrator, not by its owner or a
    superuser. It still logs in, but it cannot enrol a first second factor: whoever set the
    password could otherwise enrol their own phone and be HR admin from then on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_set_by_admin"
    )
    set_by = models.CharField(_("set by"), max_length=150)
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("password set by an administrator")
        verbose_name_plural = _("passwords set by an administrator")

    def __str__(self) -> str:
        return f"{self.user} ({self.set_by})"
