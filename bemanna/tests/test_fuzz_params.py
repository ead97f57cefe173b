"""Every GET parameter of every page, malformed, as every role: never a 500.

The routes come from the URL configuration; each view's parameters are read from its own
source (`request.GET.get("x")`, `getlist`, and the helpers that read `?unit=` and `?date=`),
so a new page or parameter is fuzzed without being listed here.
"""

from __future__ import annotations

import inspect
import re

import pytest
from django.db import connection
from django.urls import get_resolver, reverse

from bemanna.accounts.tests.test_access_matrix import (  # noqa: F401 (fixtures)
    ALL_ROLES,
    DEFAULT_LIKE,
    EXPECTED,
    users,
)

# The views' parameter handling, not SQL: `make test` runs this on SQLite only; the
# PostgreSQL run of the suite runs every other test.
pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="parameter handling, not SQL: run on SQLite"
)

BAD_VALUES = [
    "abc",
    "",
    "-1",
    "99999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "%00<script>",
    "x" * 3000,
]
# Helpers that read a parameter for the view.
HELPERS = {
    "_unit(": "unit",
    "AsOfForm": "date",
    "requested_unit(": "unit",
    "requested_year": "year",
}
READS = re.compile(r"GET\.(?:get|getlist)\(\s*\"(\w+)\"|\"(\w+)\" in request\.GET")


def _view_of(route: str):
    namespace, _, name = route.rpartition(":")
    resolver = get_resolver()
    for part in filter(None, namespace.split(":")):
        resolver = next(p for p in resolver.url_patterns if getattr(p, "namespace", None) == part)
    pattern = next(p for p in resolver.url_patterns if getattr(p, "name", None) == name)
    return pattern.callback


def _source(view) -> str:
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    try:
        return inspect.getsource(view)
    except (OSError, TypeError):
        return ""


def parameters(route: str) -> set[str]:
    view = _view_of(route)
    source = _source(view)
    # The module's own helpers the view calls (`_results(request, …)`, `_as_of(request)`).
    module = inspect.getmodule(inspect.unwrap(view))
    for name in set(re.findall(r"\b(_?\w+)\(request", source)):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper is not inspect.unwrap(view):
            source += _source(helper)
    found = {a or b for a, b in READS.findall(source)}
    found |= {param for helper, param in HELPERS.items() if helper in source}
    return found


FUZZED = sorted(
    (route, param)
    for route in EXPECTED
    if not route.startswith("admin:") and route not in ("set_language",)
    for param in parameters(route)
)


def test_the_fuzzer_finds_the_parameters_of_the_known_culprits():
    assert ("forecast:compare", "s") in FUZZED
    assert ("forecast:backtest", "fit_year") in FUZZED
    assert ("keyfigures:page", "year") in FUZZED or any(
        p == "year" for r, p in FUZZED if r.startswith("keyfigures:")
    )
    assert len(FUZZED) >= 15


def _reaching(expected: dict) -> list[str]:
    """The roles for whom the page itself answers (200): the others are turned away before
    any parameter is read, so fuzzing them tests nothing."""
    roles = [
        role
        for role in ALL_ROLES
        if expected.get(role, expected.get(DEFAULT_LIKE.get(role, ""))) == 200
    ]
    return roles or ["anonymous"]


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize(("route", "param"), FUZZED)
def test_no_malformed_parameter_gives_a_500(client, route, param, django_user_model):
    args, expected = EXPECTED[route]
    url = reverse(route, args=args)
    for role in _reaching(expected):
        if role != "anonymous":
            client.force_login(django_user_model.objects.get(username=role))
        else:
            client.logout()
        for value in BAD_VALUES:
            response = client.get(url, {param: value})
            assert response.status_code < 500, (route, role, param, value)
        # A parameter given twice is malformed too.
        response = client.get(url, {param: ["1", "abc"]})
        assert response.status_code < 500, (route, role, param, "twice")
