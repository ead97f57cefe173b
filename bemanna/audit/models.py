from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did or saw what, when, over which scope. Never holds personal data itself."""

    class Action(models.TextChoices):
        IMPORT = "import", _("Import")
        IMPORT_REFUSED = "import_refused", _("Import refused")
        VIEW_PERSONS = "view_persons", _("Person-level view")
        DEMO_BUILT = "demo_built", _("Demo region built")
        UNIT_MOVED = "unit_moved", _("Unit moved")
        PULSE_WAVE_OPENED = "pulse_wave_opened", _("Pulse wave opened")
        PULSE_SHEETS_PRINTED = "pulse_sheets", _("Pulse invitation sheets printed")
        EXPORTED = "exported", _("Results exported")
        PLAN_CHANGED = "plan_changed", _("Proposal or action changed")
        HEALTH_VIEWED = "health_viewed", _("Sick-leave worklist viewed")
        HEALTH_RECORDED = "health_recorded", _("Early-intervention call recorded")
        HEALTH_DELETED = "health_deleted", _("Health data deleted after the retention period")
        REPORT = "report", _("Board report generated")
        TABLE_CHANGED = "table_changed", _("HR table changed")
        REGISTER_EXTRACT = "register_extract", _("Register extract (GDPR art. 15)")
        PERSON_ERASED = "person_erased", _("Person erased (GDPR art. 17)")
        RETENTION_DELETED = "retention_deleted", _("Data deleted after its retention period")
        BACKUP = "backup", _("Database backed up or restored")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOCKED_OUT = "locked_out", _("Locked out after repeated failed logins")
        USER_CHANGED = "user_changed", _("User created or changed")
        USER_DELETED = "user_deleted", _("User deleted")
        PASSWORD_CHANGED = "password_changed", _("Password set")
        ROLE_CHANGED = "role_changed", _("Role changed")
        ROLE_MAPPING_CHANGED = "role_mapping", _("Single sign-on role mapping changed")
        SECOND_FACTOR_CHANGED = "second_factor", _("Second factor enrolled or removed")
        LOCKOUT_LIFTED = "lockout_lifted", _("Login lockout lifted")
        INVITE_COUNTED = "invite_counted", _("Pulse invitees counted before saving")
        YEARS_REOPENED = "years_reopened", _("Closed years reopened")

    created = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("done by"),
    )
    actor_name = models.CharField(_("done by (name)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    scope = models.CharField(_("concerns"), max_length=200, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.scope}"


def log_action(actor, action: str, *, scope: str = "", **detail) -> AuditEntry:
    """Write one audit entry; `actor` may be None for the command line."""
    name = getattr(actor, "username", "") or "cli"
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=name,
        action=action,
        scope=scope[:200],
        detail=detail,
    )
