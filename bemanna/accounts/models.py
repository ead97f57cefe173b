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
# Roles only a superuser may grant (or take over by setting a password): health data.
HEALTH_ROLES = (Role.OCCUPATIONAL_HEALTH,)


class Profile(models.Model):
    """A user's role; a manager's scope is the units where they are `Unit.manager`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MANAGER)
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
