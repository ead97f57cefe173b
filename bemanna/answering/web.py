"""From an invitation link to the answer page, with nothing about the code in any log.

The link carries its code after "#" (`/svar/kod/#CODE`): browsers never send that part to
the server, so no web server, proxy or gunicorn access log sees it. The code page's script
(`static/bemanna/answer-link.js`) takes the code out of the address bar and posts it; a
printed slip's code is typed into the same form. A good code is handed to the answer page
in a cookie holding not the code but its keyed hash (`codes.hash_code`) and the time, sealed
with AES-GCM under a key derived from the server's: valid for four hours, opaque to anyone
without the key. Whoever sees the cookie cannot type the code on another device, read it off,
or match it to the stored hash of an invitation (and so to a person) or to the moment it was
opened; and nothing is written on the server about who opened what, or when.
"""

from __future__ import annotations

import base64
import binascii
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from bemanna.answering import Refused
from bemanna.answering.codes import Hashed, hash_code, link
from bemanna.answering.limits import Window

COOKIE_MAX_AGE = 4 * 3600  # an answer started in the morning can be sent after lunch
GUESSES_ALLOWED = 10  # wrong codes per client per window, then a pause
GUESS_WINDOW = 3600
GUESSES = Window("answer-guesses", GUESSES_ALLOWED, GUESS_WINDOW)


@dataclass(frozen=True)
class Door:
    """One survey's way in: its code page and answer page (URL names), its cookie, and the
    template that says why a code was refused."""

    code_page: str
    answer_page: str
    cookie: str
    refused_template: str

    def link(self, code: str) -> str:
        return link(self.code_page, code)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


def no_store(response: HttpResponse) -> HttpResponse:
    """Nothing of an answer page is kept by the browser's or any proxy's cache."""
    response["Cache-Control"] = "no-store"
    return response


def too_many_guesses(request) -> bool:
    return GUESSES.exceeded(request)


def count_guess(request) -> None:
    GUESSES.count(request)


def refuse(request, door: Door, reason: str, status: int) -> HttpResponse:
    page = render(request, door.refused_template, {"reason": reason}, status=status)
    return no_store(page)


# Stands for the visitor's CSRF token in a page rendered once (`same_for_everyone`): letters
# and digits only, as a real token, so that no escaping can change it.
CSRF_SLOT = "bemannacsrfslot" + "0" * 49
_PAGES: dict[tuple[str, str, str], str] = {}


def same_for_everyone(request, template: str) -> HttpResponse:
    """A page that is the same for every anonymous visitor in a language but for the CSRF
    token (the thank-you page after an answer): rendered once per process, language and path,
    with each visitor's own token put in. Rendering it each time was a sixth of an answer
    post's time (issue 19). A signed-in user, a message waiting to be shown or a query string
    gets the page rendered as usual. The template must use nothing of its context but what
    base.html does (the language, the user, the messages, the path)."""
    if request.GET or request.user.is_authenticated or len(get_messages(request)):
        return render(request, template)
    key = (template, translation.get_language(), request.path)
    page = _PAGES.get(key)
    if page is None:
        # Only this app's own answer paths come here: a handful of keys.
        page = _PAGES[key] = render_to_string(template, {"csrf_token": CSRF_SLOT}, request)
    return HttpResponse(page.replace(CSRF_SLOT, get_token(request)))


def _keys() -> list[AESGCM]:
    """The cookie's keys: derived from the server's key (and its fallbacks, so a key
    rotation does not throw away answers in progress)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        AESGCM(salted_hmac("bemanna.answering.cookie", "key", secret, algorithm="sha256").digest())
        for secret in secrets
    ]


def seal(door: Door, digest: str, now: float | None = None) -> str:
    """The cookie's value: the code's keyed hash and the time it was opened, encrypted and
    authenticated for this door (another survey's cookie does not open this one)."""
    issued = int(time.time() if now is None else now)
    nonce = os.urandom(12)
    sealed = _keys()[0].encrypt(nonce, f"{digest}:{issued}".encode(), door.cookie.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def unseal(door: Door, token: str, now: float | None = None) -> str:
    """The keyed hash in a cookie made by `seal` less than four hours ago; Refused
    ("unknown") for anything else: made up, altered, another door's, or too old."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise Refused("unknown") from None
    for key in _keys():
        try:
            plain = key.decrypt(raw[:12], raw[12:], door.cookie.encode()).decode()
        except (InvalidTag, ValueError):
            continue
        digest, _sep, issued = plain.rpartition(":")
        age = (time.time() if now is None else now) - int(issued)
        if 0 <= age <= COOKIE_MAX_AGE:
            return digest
        break
    raise Refused("unknown")


def forget(response: HttpResponse, door: Door) -> HttpResponse:
    response.delete_cookie(door.cookie, path=reverse(door.answer_page), samesite="Strict")
    return response


def code_page(request, door: Door, find: Callable[[str], object], template: str):
    """GET: the code form (filled in and posted by the page's script when the link carried
    a code); POST: check the code and move on to the answer page."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return hand_over(request, door, form.cleaned_data["code"], find)
    return no_store(render(request, template, {"form": form}))


def hand_over(request, door: Door, code: str, find: Callable[[str], object]) -> HttpResponse:
    """Check a code (within the guessing limit) and hand it to the answer page in a cookie
    for that one path: the code's keyed hash sealed (`seal`), never the code; HttpOnly,
    SameSite=Strict, Secure in production, for four hours."""
    if too_many_guesses(request):
        return refuse(request, door, "guesses", 429)
    try:
        find(code)
    except Refused as refused:
        if refused.reason == "unknown":
            count_guess(request)
        return refuse(request, door, refused.reason, 404 if refused.reason == "unknown" else 410)
    response = redirect(door.answer_page)
    response.set_cookie(
        door.cookie,
        seal(door, hash_code(code)),
        max_age=COOKIE_MAX_AGE,
        path=reverse(door.answer_page),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return no_store(response)


def invitation(request, door: Door, find: Callable[[str], object]):
    """The invitation behind the answer cookie, or the page to show instead (the code page
    when there is no cookie; why not, when the invitation is used or closed)."""
    token = request.COOKIES.get(door.cookie, "")
    if not token:
        return no_store(redirect(door.code_page))
    if too_many_guesses(request):
        return refuse(request, door, "guesses", 429)
    try:
        return find(Hashed(unseal(door, token)))  # made up or too old: "unknown"
    except Refused as refused:
        if refused.reason == "unknown":
            # A made-up cookie is a guess like any other.
            count_guess(request)
            return forget(no_store(redirect(door.code_page)), door)
        return forget(refuse(request, door, refused.reason, 410), door)
