"""Authentication backends: the lockout in front, passwords, and permissions from the role.

A user's Django permissions (what the admin offers) follow from their role alone, never from
groups or per-user grants, so that nobody can widen their own rights in the admin:

* HR admin: every model but the accounts (users, roles, role mappings, second-factor devices,
  lockouts) and the health data.
* User admin: the accounts, and reading the audit log; nothing else.
* Superuser: everything (a break-glass account made with `bemanna createsuperuser`, not an
  everyday role).
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from bemanna.accounts.models import Role

# Apps that hold users, roles and how they log in.
ACCOUNT_APPS = {"auth", "accounts", "otp_totp", "otp_static", "axes"}
# Models that hold health data (occupational health's alone).
HEALTH_MODELS = {"keyfigures.sickleavespell", "keyfigures.earlycontact"}


# What the lockouts, django-axes's records and the audit log hold instead of a typed user name
# that is no account's: what someone typed in the user-name field may be their password. No
# account can have this name (Django's user names have no brackets or spaces).
UNKNOWN_USERNAME = "(unknown)"


def known_username(typed: object) -> str:
    """The typed user name when it is an account's, else UNKNOWN_USERNAME."""
    from django.contrib.auth import get_user_model

    name = str(typed or "")[:150]
    if name and get_user_model().objects.filter(username=name).exists():
        return name
    return UNKNOWN_USERNAME


def lockout_username(request, credentials=None) -> str | None:
    """django-axes's AXES_USERNAME_CALLABLE: the lockout pair and axes's records use the user
    name only when it is an account's; every unknown name from one address is one pair. A
    single sign-on login carries no user name (None, as axes had it): mistyped names must not
    lock single sign-on out of a shared address."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "data", request.POST).get("username")
    return None if typed is None else known_username(typed)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes's check, skipped for logins without a request (the test client's
    `login()`): every login through a web page carries one."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def role_permissions(user) -> set[str]:
    """Every "app_label.codename" permission the user's role gives."""
    from django.contrib.auth.models import Permission

    if not user.is_active or user.is_anonymous:
        return set()
    profile = getattr(user, "profile", None)
    role = profile.role if profile is not None else None
    if user.is_superuser:
        role = "superuser"
    cache_name = "_bemanna_role_perms"
    cached = getattr(user, cache_name, None)
    if cached is not None and cached[0] == role:
        return cached[1]
    perms: set[str] = set()
    if role in (Role.HR_ADMIN, Role.USER_ADMIN):
        rows = Permission.objects.values_list(
            "content_type__app_label", "content_type__model", "codename"
        )
        for app, model, codename in rows:
            account = app in ACCOUNT_APPS
            if role == Role.HR_ADMIN:
                granted = not account and f"{app}.{model}" not in HEALTH_MODELS
            else:
                granted = (account or (app == "audit" and codename.startswith("view_"))) and not (
                    app == "auth" and model in ("group", "permission")
                )
            if granted:
                perms.add(f"{app}.{codename}")
    setattr(user, cache_name, (role, perms))
    return perms


class RoleBackend(ModelBackend):
    """Passwords (only while local login is on); permissions from the role alone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LOCAL_LOGIN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None:
            return set()
        return role_permissions(user_obj)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(app_label + ".") for p in self.get_all_permissions(user_obj))
