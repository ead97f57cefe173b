"""Issue 18, the new user's finding 11: every link a role is shown opens for that role, and
a page a role may not use answers Bemanna's 403 page, the same way everywhere.

* The menu offered History to a user without a role (403), and a scenario's results linked
  the cost table for a manager (403).
* `?unit=` of a unit outside the manager's subtree answered 404 on some pages and 403 on
  /enhet/: now 403 for a unit that is not yours, 404 for one that does not exist, on every
  page (so it says no more than /enhet/ always did).
* /admin/ showed a signed-in analyst or manager Django's login form; now Bemanna's 403.
* A user without a role could open the region's scenario list.
"""

import re

import pytest
from django.urls import reverse

from bemanna.accounts.models import Role
from bemanna.accounts.tests.test_access_matrix import SCENARIO, users  # noqa: F401 (fixture)
from bemanna.conftest import make_user
from bemanna.routes import ALL_ROLES, pages

SIGNED_IN_ROLES = [role for role in ALL_ROLES if role != "anonymous"] + ["manager_without_unit"]


@pytest.fixture
def persona(request, client):
    accounts = dict(
        request.getfixturevalue("users"),
        manager_without_unit=make_user("manager_without_unit", Role.MANAGER),
    )

    def login(role):
        client.force_login(accounts[role])

    return login


def links(html: str, within: str | None = None) -> list[str]:
    if within is not None:
        html = html.split(within, 1)[1].split("</nav>", 1)[0]
    found = re.findall(r'href="(/[^"]*)"', html)
    return sorted({link.replace("&amp;", "&") for link in found if "/static/" not in link})


def assert_each_opens(client, found, where):
    for link in found:
        answer = client.get(link)
        assert answer.status_code in (200, 302), (where, link, answer.status_code)


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_every_link_in_the_menu_opens_for_the_role(client, persona, role):
    persona(role)
    page = client.get(reverse("accessibility:statement")).content.decode()
    menu = links(page, within='aria-label="Huvudmeny"')
    assert menu, "the menu was not found"
    assert_each_opens(client, menu, role)


@pytest.mark.parametrize("role", ["manager_without_unit", "no_role"])
def test_the_menu_offers_no_history_to_a_role_without_it(client, persona, role):
    persona(role)
    page = client.get(reverse("accessibility:statement")).content.decode()
    menu = links(page, within='aria-label="Huvudmeny"')
    history = reverse("forecast:history")
    assert (history in menu) == (role == "manager_without_unit")


def test_every_link_of_a_forecast_opens_for_its_manager(client, persona):
    persona("manager")
    page = client.get(reverse("forecast:scenario", args=[SCENARIO]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("forecast:costs") not in html and reverse("forecast:pipeline") not in html
    found = [link for link in links(html) if not link.startswith(reverse("accounts:logout"))]
    assert_each_opens(client, found, "scenario")


def test_the_analyst_still_gets_the_link_to_the_cost_table(client, persona):
    persona("analyst")
    html = client.get(reverse("forecast:scenario", args=[SCENARIO])).content.decode()
    assert reverse("forecast:costs") in html


def unit_pages_of_the_manager():
    """The pages a manager opens that read ?unit= (with their sample arguments); not those
    whose path names the unit (/enhet/A/)."""
    found, _missing = pages()
    return [
        page.path
        for page in found
        if "unit" in page.route.query
        and "code" not in page.route.parameters
        and page.route.expected("manager") == 200
    ]


def test_another_subtrees_unit_is_403_and_an_unknown_one_404_on_every_page(client, persona):
    persona("manager")
    paths = unit_pages_of_the_manager()
    assert reverse("keyfigures:page") in paths and len(paths) >= 5
    assert client.get(reverse("workforce:unit", args=["G"])).status_code == 403
    assert client.get(reverse("workforce:unit", args=["NOPE"])).status_code == 404
    for path in paths:
        other = client.get(path, {"unit": "G"})
        assert other.status_code == 403, path
        assert "error.html" in [t.name for t in other.templates], path
        assert "Förvaltning G" not in other.content.decode(), path
        assert client.get(path, {"unit": "NOPE"}).status_code == 404, path
        assert client.get(path, {"unit": "F"}).status_code == 200, path


@pytest.mark.parametrize("role", ["no_role", "manager", "analyst", "council", "occ_health"])
def test_the_admin_answers_bemanna_s_403_to_a_role_without_it(client, persona, role):
    persona(role)
    for url in (reverse("admin:index"), reverse("admin:login")):
        answer = client.get(url)
        assert answer.status_code == 403, url
        assert "error.html" in [t.name for t in answer.templates], url


@pytest.mark.usefixtures("users")
def test_the_admin_still_sends_the_signed_out_to_log_in(client):
    answer = client.get(reverse("admin:index"))
    assert answer.status_code == 302 and "login" in answer["Location"]


@pytest.mark.parametrize("role", ["no_role", "occ_health", "user_admin"])
def test_a_role_without_units_cannot_open_the_scenario_list(client, persona, role):
    persona(role)
    answer = client.get(reverse("forecast:scenarios"))
    assert answer.status_code == 403
    assert "Test" not in answer.content.decode().split("<main", 1)[-1]
