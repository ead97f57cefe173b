"""Friendly error pages: no stack trace ever reaches a user."""

from django.shortcuts import render


def _page(request, status):
    return render(request, "error.html", {"status": status}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400)


def permission_denied(request, exception=None):
    return _page(request, 403)


def page_not_found(request, exception=None):
    return _page(request, 404)


def server_error(request):
    return _page(request, 500)
