from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", _("HR administrator")
    ANALYST = "analyst", _("HR analyst")
    MANAGER = "manager", _("Manager")
    COUNCIL = "council", _("Competence-supply council")
    OCCUPATIONAL_HEALTH = "occ_health", _("Occupational health")


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
