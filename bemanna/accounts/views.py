"""Logging in: the password form (when local login is on), single sign-on, the second factor."""

from __future__ import annotations

import base64
import datetime
import math
from urllib.parse import urlencode

import segno
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from bemanna.accounts import access
from bemanna.accounts.backends import UNKNOWN_USERNAME, known_username
from bemanna.accounts.middleware import needs_second_factor
from bemanna.accounts.models import PasswordSetByAdministrator, Role
from bemanna.accounts.oidc import (
    REFUSED_GROUPS_LEFT_OUT,
    REFUSED_USERNAME_TAKEN,
    discovered_settings,
    provider_logout_url,
)
from bemanna.answering.limits import client_address
from bemanna.audit.models import AuditEntry, log_action


class LoginView(auth_views.LoginView):
    """The password form, or only the single sign-on button when local login is off."""

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_redirect_url(self):
        # Opening Bemanna's address sends here with next=/ (the organisation page): that is
        # no page asked for, so each role lands on its own start (a manager on *Start*,
        # issue 18), on the password and the single sign-on path alike.
        target = super().get_redirect_url()
        return "" if target == reverse("workforce:home") else target

    def get_default_redirect_url(self):
        # The user administrator sees no data: their work is in the admin.
        if getattr(self.request.user, "profile", None) is not None and (
            self.request.user.profile.role == Role.USER_ADMIN
        ):
            return reverse("admin:index")
        return super().get_default_redirect_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["local_login"] = settings.LOCAL_LOGIN
        context["sso"] = settings.OIDC_ENABLED
        # A new installation: no one can log in yet, so say how the first account is made
        # (with single sign-on the first login makes its own account: the button stays).
        context["first_run"] = not settings.OIDC_ENABLED and not get_user_model().objects.exists()
        return context


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("The code is six digits.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: "abc" would be read by redirect() as a view's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def verify(request):
    """The second factor: a code from the authenticator app."""
    user = request.user
    if not needs_second_factor(user, request.session) or user.is_verified():
        return redirect(_next_url(request))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(f"{_enrol_url()}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttled_seconds(user)
        if wait:
            log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=user.username, reason="wait")
            # django-otp refuses every code, the right one too, for 1, 2, 4 … seconds after
            # a wrong one: say so, or the right code reads as "wrong or expired".
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes in a row: wait %(seconds)s second, then type the "
                    "code the app shows then.",
                    "Too many wrong codes in a row: wait %(seconds)s seconds, then type the "
                    "code the app shows then.",
                    wait,
                )
                % {"seconds": wait},
            )
            return render(
                request, "registration/verify.html", {"form": form, "next": _next_url(request)}
            )
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            log_action(user, AuditEntry.Action.LOGIN, scope=user.username, method="second_factor")
            return redirect(_next_url(request))
        log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=user.username, reason="code")
        form.add_error("code", _("Wrong or expired code. Try the code now shown in the app."))
    return render(request, "registration/verify.html", {"form": form, "next": _next_url(request)})


def _throttled_seconds(user) -> int:
    """Whole seconds until the user's authenticator takes a code again (0: it does now)."""
    waits = []
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append((data["locked_until"] - timezone.now()).total_seconds())
    return max(1, math.ceil(max(waits))) if waits else 0


def _enrol_url() -> str:
    return reverse("accounts:enrol")


@login_required
def enrol(request):
    """First login of a user who needs a second factor: scan the QR code, type a code.

    Only after a password the user set themself (or a superuser or the command line set): a
    password set by the user administrator could be theirs to log in with, and enrolling
    their own phone would make them that user for good."""
    user = request.user
    if not needs_second_factor(user, request.session) or user.is_verified():
        return redirect(_next_url(request))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:verify")
    set_by_admin = PasswordSetByAdministrator.objects.filter(user=user).first()
    if set_by_admin is not None:
        # Whoever set this password (the user administrator) could log in with it: they must
        # not be the one to enrol the first device. The user asks a superuser instead.
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        log_action(
            None,
            AuditEntry.Action.LOGIN_FAILED,
            scope=user.username,
            reason="enrolment_refused_password_set_by_admin",
            password_set_by=set_by_admin.set_by,
        )
        return render(request, "registration/enrol_refused.html", status=403)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Bemanna", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("Wrong or expired code. Try the code now shown in the app."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "registration/enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": qr.svg_inline(scale=4, title=_("QR code for the authenticator app")),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )


class SingleSignOn(OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider (state, nonce and PKCE challenge)."""

    get_settings = staticmethod(discovered_settings)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        if not self.OIDC_OP_AUTH_ENDPOINT:
            # No endpoint given and the provider's discovery document could not be read.
            messages.error(
                request,
                _(
                    "The region's single sign-on cannot be reached just now. Try again in a "
                    "minute; if it persists, tell the IT service desk."
                ),
            )
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)


class SingleSignOnCallback(OIDCAuthenticationCallbackView):
    """The provider's answer: the code is exchanged (with the PKCE verifier) for tokens."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self):
        if getattr(self.request, "bemanna_sso_refusal", "") == REFUSED_USERNAME_TAKEN:
            messages.error(
                self.request,
                _(
                    "Single sign-on did not log you in: your user name already belongs to "
                    "another account in Bemanna, which single sign-on may not take over. Ask "
                    "the user administrator; the refusal is in the audit log."
                ),
            )
            return redirect("accounts:login")
        if getattr(self.request, "bemanna_sso_refusal", "") == REFUSED_GROUPS_LEFT_OUT:
            messages.error(
                self.request,
                _(
                    "Single sign-on did not log you in: the identity provider left out your "
                    "groups (Entra ID does so for a user in more than 200 groups). Ask IT to "
                    "send app roles instead; the refusal is in the audit log."
                ),
            )
            return redirect("accounts:login")
        messages.error(
            self.request,
            _(
                "Single sign-on did not log you in: your account has no role in Bemanna, or "
                "the identity provider refused. Ask the user administrator."
            ),
        )
        return redirect("accounts:login")


@require_POST
def logout(request):
    """Log out here and, after single sign-on, at the identity provider too."""
    target = provider_logout_url(request) if settings.OIDC_ENABLED else None
    auth_logout(request)
    return redirect(target or settings.LOGOUT_REDIRECT_URL)


def _cooloff() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def current_lockouts():
    """The user name and address pairs locked out now: as many failures as the limit, the
    last one within the lockout time (django-axes's rule)."""
    since = timezone.now() - _cooloff()
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gt=since
    ).order_by("-attempt_time")


def _shown_username(known: str) -> str:
    """A user name as the lockouts page shows it: an account's, or "(unknown user name)" (what
    was typed may have been a password; records from before axes kept it are hidden too)."""
    return _("(unknown user name)") if known == UNKNOWN_USERNAME else known


def locked_out(request, original_response=None, credentials=None):
    """django-axes's answer to a login from a locked-out user name and address: until when,
    and whom to ask (BEMANNA_LOGIN_HELP) to lift it sooner."""
    username = str((credentials or {}).get("username") or request.POST.get("username") or "")
    attempt = (
        current_lockouts()
        .filter(username=known_username(username), ip_address=client_address(request))
        .first()
    )
    until = attempt.attempt_time + _cooloff() if attempt is not None else None
    if until is not None:
        left = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    else:
        left = round(settings.AXES_COOLOFF_TIME * 60)
    context = {
        "lockout_minutes": left,
        "until": timezone.localtime(until) if until is not None else None,
        "login_help": settings.LOGIN_HELP,
    }
    return render(request, "registration/locked_out.html", context, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def lockouts(request):
    """HR admin and the user administrator see the current lockouts and can lift one; each
    lifting is in the audit log."""
    if not access.lifts_lockouts(request.user):
        raise PermissionDenied
    if request.method == "POST":
        chosen = request.POST.get("attempt", "")
        attempt = current_lockouts().filter(pk=chosen).first() if chosen.isdigit() else None
        if attempt is None:
            messages.error(request, _("That lockout has already ended or been lifted."))
        else:
            address = attempt.ip_address
            AccessAttempt.objects.filter(username=attempt.username, ip_address=address).delete()
            known = known_username(attempt.username)
            log_action(
                request.user, AuditEntry.Action.LOCKOUT_LIFTED, scope=known, address=address or ""
            )
            messages.success(
                request,
                _("The lockout of %(username)s from %(address)s is lifted.")
                % {"username": _shown_username(known), "address": address},
            )
        return redirect("accounts:lockouts")
    rows = [
        {
            "attempt": a,
            "username": _shown_username(known_username(a.username)),
            "until": timezone.localtime(a.attempt_time + _cooloff()),
        }
        for a in current_lockouts()
    ]
    return render(request, "registration/lockouts.html", {"rows": rows})
