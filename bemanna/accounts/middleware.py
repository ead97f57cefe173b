"""Who is acting (for the audit log of account changes), and the second factor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from bemanna.accounts.models import SECOND_FACTOR_ROLES

_actor: ContextVar[object | None] = ContextVar("bemanna_actor", default=None)
_command_line: ContextVar[bool] = ContextVar("bemanna_password_command_line", default=False)
SSO_SESSION_FLAG = "bemanna_sso"


def acting_user():
    """The user of the request being served, or None (the command line)."""
    return _actor.get()


def password_set_on_command_line() -> bool:
    """True inside `setting_password_on_command_line()`: a command (create_admin,
    changepassword) that sets a password on the operator's word, not a save with no actor."""
    return _command_line.get()


@contextmanager
def setting_password_on_command_line() -> Iterator[None]:
    token = _command_line.set(True)
    try:
        yield
    finally:
        _command_line.reset(token)


def current_actor(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        token = _actor.set(user if getattr(user, "is_authenticated", False) else None)
        try:
            return get_response(request)
        finally:
            _actor.reset(token)

    return middleware


def needs_second_factor(user, session) -> bool:
    """A local login by HR admin, user admin, occupational health or a superuser needs a
    second factor; a single sign-on login has had the identity provider's."""
    if not settings.OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    if session.get(SSO_SESSION_FLAG):
        return False
    profile = getattr(user, "profile", None)
    return user.is_superuser or (profile is not None and profile.role in SECOND_FACTOR_ROLES)


def second_factor(get_response):
    """Until the second factor is given, such a user reaches only the pages that ask for it
    (enrolment the first time), logging out, and static files."""

    def middleware(request):
        user = getattr(request, "user", None)
        if needs_second_factor(user, request.session) and not user.is_verified():
            open_paths = (
                reverse("accounts:verify"),
                reverse("accounts:enrol"),
                reverse("accounts:logout"),
                reverse("set_language"),
                "/" + settings.STATIC_URL.lstrip("/"),
            )
            if not request.path.startswith(open_paths):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:verify')}?{query}")
        return get_response(request)

    return middleware
