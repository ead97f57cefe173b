"""Friendly error pages: no stack trace ever reaches a user."""

from django.shortcuts import render


class NoUnit(Exception):
    """Raised by a page that needs a unit when the user has none to see yet (an empty
    installation, a manager not yet given a unit): `NoUnitMiddleware` answers with a page
    saying what to import, or whom to ask, instead of a 404."""


class NoUnitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NoUnit):
            return render(request, "no_unit.html")
        return None


def page(request, status: int, reason: str | None = None):
    """Bemanna's error page for `status`, with the reason when there is one to give."""
    return render(request, "error.html", {"status": status, "reason": reason}, status=status)


def bad_request(request, exception=None):
    return page(request, 400)


def permission_denied(request, exception=None):
    return page(request, 403)


def page_not_found(request, exception=None):
    return page(request, 404)


def server_error(request):
    return page(request, 500)
