"""The admin of users, roles, role mappings and second factors: the user administrator's.

The user administrator cannot make anyone a superuser or give per-user permissions, cannot
change their own account, and cannot grant a health role or touch (password, second factor,
role) an account that has one or is a superuser: that takes a superuser, a break-glass
account. So nobody can read health data under another's name by resetting their password.
Every change is in the audit log (signals.py).
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna.accounts.models import (
    HEALTH_ROLES,
    MAPPING_PROTECTED_ROLES,
    Profile,
    Role,
    RoleMapping,
    SingleSignOnIdentity,
)


def protected(user) -> bool:
    """Accounts only a superuser may change: superusers and health roles."""
    if user.is_superuser:
        return True
    profile = Profile.objects.filter(user=user).first()
    return profile is not None and profile.role in HEALTH_ROLES


def may_change(request, user) -> bool:
    if request.user.is_superuser:
        return True
    return user.pk != request.user.pk and not protected(user)


def grantable_roles(request):
    if request.user.is_superuser:
        return Role.choices
    return [(value, label) for value, label in Role.choices if value not in HEALTH_ROLES]


class ProfileForm(forms.ModelForm):
    """A new account's role starts blank, never on the model's default: the admin saves an
    inline only when it changed, so an untouched "Chef" was silently not saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.initial["role"] = ""


class ProfileInline(admin.StackedInline):
    model = Profile
    form = ProfileForm
    can_delete = False

    def get_min_num(self, request, obj=None, **kwargs):
        # A new account must be given a role; an existing one without (a superuser, a
        # single sign-on account no mapping matched) may stay without.
        return 1 if obj is None else 0

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = BLANK_CHOICE_DASH + list(grantable_roles(request))
        return super().formfield_for_choice_field(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.unregister(Group)  # permissions follow the role; groups would bypass it


@admin.register(User)
class BemannaUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("is_active", "profile__role")

    @admin.display(description=_("role"))
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f in ALLOWED_FIELDS]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change(request, obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        profile = Profile.objects.filter(user=user).first()
        staff = user.is_superuser or (
            profile is not None and profile.role in (Role.HR_ADMIN, Role.USER_ADMIN)
        )
        if user.is_staff != staff:
            user.is_staff = staff
            user.save(update_fields=["is_staff"])


# What the user administrator may edit on an account (no superuser, staff or permissions).
ALLOWED_FIELDS = {"username", "password", "first_name", "last_name", "email", "is_active"}


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class BemannaTOTPDeviceAdmin(TOTPDeviceAdmin):
    """A user enrols their own authenticator; the user administrator can only remove one
    (a lost phone), and not for a protected account."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change(request, obj.user))

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):  # django-otp's column, named in English only
        return super().qrcode_link(device)


def own_groups(user) -> set[str]:
    """The groups the user's last single sign-on login carried (none for a local login)."""
    identity = SingleSignOnIdentity.objects.filter(user=user).first()
    return set(identity.groups) if identity is not None else set()


@admin.register(RoleMapping)
class RoleMappingAdmin(admin.ModelAdmin):
    """The user administrator maps groups to the everyday roles (analyst, council, manager).
    A mapping that grants HR admin, occupational health or user admin, and a mapping of a
    group the user administrator is in themself, are a superuser's: otherwise a user
    administrator could remap their own group to HR admin and sign in as one."""

    list_display = ("group", "role", "unit")
    list_filter = ("role",)
    search_fields = ("group", "unit__code", "unit__name")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [
                (value, label)
                for value, label in Role.choices
                if request.user.is_superuser or value not in MAPPING_PROTECTED_ROLES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return form
        forbidden = own_groups(request.user)

        class NotOwnGroupForm(form):
            def clean_group(self):
                group = self.cleaned_data["group"]
                if group in forbidden:
                    raise ValidationError(
                        _(
                            "You are in this group yourself: a mapping for it changes your "
                            "own access, which only a superuser may do."
                        )
                    )
                return group

        return NotOwnGroupForm

    def _may(self, request, obj):
        if obj is None or request.user.is_superuser:
            return True
        return obj.role not in MAPPING_PROTECTED_ROLES and obj.group not in own_groups(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def get_actions(self, request):
        # The bulk delete asks for permission without the objects: a superuser's only.
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions


def name_other_apps_in_bemannas_words() -> None:
    """The admin index names apps and models by their verbose names: django-axes's are
    English words Bemanna's catalogue does not hold (its msgids are not in our source) and
    django-otp's TOTP plugin has none ("Otp_Totp", "TOTP devices"). Ours, in Swedish."""
    apps.get_app_config("axes").verbose_name = _("Lockouts")
    apps.get_app_config("otp_totp").verbose_name = _("Second factor")
    names = {
        AccessAttempt: (_("failed login attempt"), _("failed login attempts")),
        AccessFailureLog: (_("failed login"), _("failed logins")),
        AccessLog: (_("login and logout"), _("logins and logouts")),
        TOTPDevice: (_("authenticator app"), _("authenticator apps")),
    }
    for model, (one, many) in names.items():
        # Not the model's Meta (its original_attrs): no migration follows from this.
        model._meta.verbose_name, model._meta.verbose_name_plural = one, many
    # django-otp's fields have no translatable names: the admin's columns were "user",
    # "created at". Not the field's _verbose_name, which its migrations read.
    fields = {
        "user": _("user"),
        "name": _("name"),
        "created_at": _("created"),
        "last_used_at": _("last used"),
        "confirmed": _("confirmed"),
    }
    for field, name in fields.items():
        TOTPDevice._meta.get_field(field).verbose_name = name


# django-axes's words (its column names, filters and actions), for our catalogue: it has no
# Swedish of its own, and gettext finds them in ours.
AXES_TEXTS = (
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("Path"),
    gettext_noop("HTTP Accept"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("Access lock out"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Clean up expired attempts"),
)


name_other_apps_in_bemannas_words()
