"""Every route × every role. A new route without an expectation in bemanna/routes.ACCESS
fails the suite."""

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.routes import ACCESS, ALL_ROLES, LOGIN, pages, routes

SCENARIO = 1  # the scenario the `users` fixture creates
PULSE = 1  # and its pulse
WAVE = 1  # a closed wave of that pulse
PROPOSAL = 1  # a proposal sent by no_role, decided, with its action (PLAN_ACTION) in unit A
PLAN_ACTION = 1
ACTION = 1  # an action from unit A's dialogue
SPELL = 1  # a sick-leave spell of person 1001

# Who gets what on each route is bemanna/routes.ACCESS, which the page walkers share; the
# paths come from its samples (here: the objects the `users` fixture makes).

# The Django admin: HR admin and user admin; anyone else signed in gets Bemanna's 403 page,
# the signed-out the admin's login page.
ADMIN = (
    {"anonymous": LOGIN} | dict.fromkeys(ALL_ROLES[1:], 403) | {"hr_admin": 200, "user_admin": 200}
)
# Units are HR admin's; users, roles and the SSO mapping the user admin's alone.
ADMIN_UNITS = ADMIN | {"user_admin": 403}
ADMIN_USERS = ADMIN | {"hr_admin": 403}


def test_every_route_has_an_expectation():
    names = {route.name for route in routes()}
    assert names - set(ACCESS) == set(), "add the route to bemanna/routes.ACCESS"
    assert set(ACCESS) - names == set(), "ACCESS names a route that no longer exists"


@pytest.fixture
def users(
    staffed, manager, other_manager, analyst, hr_admin, no_role, council, occ_health, user_admin
):
    import datetime

    from bemanna.forecast.models import Scenario
    from bemanna.org.models import Unit
    from bemanna.pulse.models import Action, Dialogue, Pulse, Wave
    from bemanna.pulse.tests.helpers import add_staff, hired_on
    from bemanna.workforce.models import Employment

    # Enough people in A and B that the forecast of F and the region may be shown (a unit
    # of fewer than k people is refused: the export would redirect back to the page), and
    # since 2024: the first year of k people or more, so that 2025's forecast differs from
    # no shown year by 1..k-1 people (`over_time`).
    for code in ("A", "B"):
        hired_on(add_staff(Unit.objects.get(code=code), 5, email=False), datetime.date(2024, 1, 1))
    pulse = Pulse.objects.create(pk=PULSE, name="Test")
    wave = Wave.objects.create(
        pk=WAVE,
        pulse=pulse,
        opens=datetime.date(2026, 3, 1),
        closes=datetime.date(2026, 3, 14),
        status="closed",
    )
    dialogue = Dialogue.objects.create(
        wave=wave,
        unit=Unit.objects.get(code="A"),
        held_on=datetime.date(2026, 3, 20),
        participants=5,
        discussed="Test",
    )
    from bemanna.plan.models import Area, PlanAction, Proposal

    proposal = Proposal.objects.create(
        pk=PROPOSAL,
        title="Test",
        description="Test",
        area=Area.objects.get_or_create(name="Behålla")[0],
        origin="staff",
        submitted_by=no_role,
        submitted_on=datetime.date(2026, 1, 1),
        status="decided",
    )
    PlanAction.objects.create(
        pk=PLAN_ACTION,
        proposal=proposal,
        unit=Unit.objects.get(code="A"),
        start=datetime.date(2026, 2, 1),
        end=datetime.date(2026, 12, 31),
    )
    Action.objects.create(
        pk=ACTION,
        dialogue=dialogue,
        unit=dialogue.unit,
        text="Test",
        owner="Chef",
        due=datetime.date(2026, 5, 1),
    )

    from bemanna.keyfigures.models import SickLeaveSpell

    SickLeaveSpell.objects.create(
        pk=SPELL,
        person=Employment.objects.order_by("pk").first().person,
        start=datetime.date(2026, 3, 2),
        extent=100,
    )
    Scenario.objects.create(
        pk=SCENARIO, name="Test", base_date=datetime.date(2025, 12, 31), draws=100, horizon=2028
    )
    return {
        "manager": manager,
        "other_manager": other_manager,
        "analyst": analyst,
        "hr_admin": hr_admin,
        "no_role": no_role,
        "council": council,
        "occ_health": occ_health,
        "user_admin": user_admin,
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_gets_what_it_should(client, users, role):
    if role != "anonymous":
        client.login(username=users[role].username, password=PASSWORD)
    found, missing = pages()
    assert missing == [], "the `users` fixture makes no object for these routes"
    cases = [(page.path, page.route.expected(role)) for page in found]
    cases += [
        (reverse("admin:index"), ADMIN[role]),
        (reverse("admin:org_unit_changelist"), ADMIN_UNITS[role]),
        (reverse("admin:auth_user_changelist"), ADMIN_USERS[role]),
        (reverse("admin:accounts_rolemapping_changelist"), ADMIN_USERS[role]),
        (reverse("admin:keyfigures_target_changelist"), ADMIN_UNITS[role]),
    ]
    for name, expected in cases:
        response = client.get(name)
        if expected == LOGIN:
            assert response.status_code == 302, name
            assert "login" in response["Location"], name
        else:
            assert response.status_code == expected, name
