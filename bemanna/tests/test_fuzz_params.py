"""Every GET parameter of every page, malformed, as every role: never a 500.

The pages, the roles that reach them and the parameters their views read come from
`bemanna/routes.py` (the URL configuration, each view's own source), so a new page or
parameter is fuzzed without being listed here.
"""

from __future__ import annotations

import pytest

from bemanna.accounts.tests.test_access_matrix import users  # noqa: F401 (fixture)
from bemanna.routes import pages, routes

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
ROUTES = {route.name: route for route in routes()}
FUZZED = sorted(
    (name, param)
    for name, route in ROUTES.items()
    if name != "set_language"
    for param in route.query
)


def test_the_fuzzer_finds_the_parameters_of_the_known_culprits():
    assert ("forecast:compare", "s") in FUZZED
    assert ("forecast:backtest", "fit_year") in FUZZED
    assert ("keyfigures:page", "year") in FUZZED or any(
        p == "year" for r, p in FUZZED if r.startswith("keyfigures:")
    )
    assert len(FUZZED) >= 15


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize(("route", "param"), FUZZED)
def test_no_malformed_parameter_gives_a_500(client, route, param, django_user_model):
    found, _missing = pages({route})
    url = found[0].path  # the first page of the route (the forecast report: as HTML)
    # The roles for whom the page itself answers (200): the others are turned away before
    # any parameter is read, so fuzzing them tests nothing.
    for role in ROUTES[route].roles or ("anonymous",):
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
