"""Logging in: the password form (when local login is on), single sign-on, the second factor."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from bemanna.accounts.middleware import needs_second_factor
from bemanna.accounts.models import Role
from bemanna.accounts.oidc import provider_logout_url
from bemanna.audit.models import AuditEntry, log_action


class LoginView(auth_views.LoginView):
    """The password form, or only the single sign-on button when local login is off."""

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            raise Http404
        return super().post(request, *args, **kwargs)

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
        # A new installation: no one can log in yet, so say how the first account is made.
        context["first_run"] = not get_user_model().objects.exists()
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
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            log_action(user, AuditEntry.Action.LOGIN, scope=user.username, method="second_factor")
            return redirect(_next_url(request))
        log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=user.username, reason="code")
        form.add_error("code", _("Wrong or expired code. Try the code now shown in the app."))
    return render(request, "registration/verify.html", {"form": form, "next": _next_url(request)})


def _enrol_url() -> str:
    return reverse("accounts:enrol")


@login_required
def enrol(request):
    """First login of a user who needs a second factor: scan the QR code, type a code."""
    user = request.user
    if not needs_second_factor(user, request.session) or user.is_verified():
        return redirect(_next_url(request))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:verify")
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

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SingleSignOnCallback(OIDCAuthenticationCallbackView):
    """The provider's answer: the code is exchanged (with the PKCE verifier) for tokens."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self):
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


def locked_out(request, original_response=None, credentials=None):
    """django-axes's answer to a login from a locked-out user name and address."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "registration/locked_out.html", {"lockout_minutes": minutes}, status=429)
