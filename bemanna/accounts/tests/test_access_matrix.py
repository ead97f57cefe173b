"""Every route × every role. A new route without an expectation here fails the suite."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bemanna.conftest import PASSWORD

ROLES = ("anonymous", "no_role", "manager", "other_manager", "analyst", "hr_admin")
# The council sees what an analyst sees, and occupational health what a user without a role
# sees, unless an expectation says otherwise ("council", "occ_health").
ALL_ROLES = (*ROLES, "council", "occ_health", "user_admin")
DEFAULT_LIKE = {"council": "analyst", "occ_health": "no_role", "user_admin": "no_role"}
LOGIN = "login"  # redirected to the login page
SCENARIO = 1  # the scenario the `users` fixture creates
PULSE = 1  # and its pulse

WAVE = 1  # a closed wave of that pulse
PROPOSAL = 1  # a proposal sent by no_role, decided, with its action (PLAN_ACTION) in unit A
PLAN_ACTION = 1
ACTION = 1  # an action from unit A's dialogue
HR_ONLY = {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:-1], 403) | {"hr_admin": 200}
WHOLE_REGION = HR_ONLY | {"analyst": 200}
SPELL = 1  # a sick-leave spell of person 1001
ONLY_OCC_HEALTH = (
    {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 403) | {"council": 403, "occ_health": 200}
)

# route name -> (args, {role: expected status or LOGIN})
EXPECTED = {
    "workforce:home": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 200,
            "manager": 302,
            "other_manager": 302,
            "analyst": 302,
            "hr_admin": 302,
        },
    ),
    "workforce:unit": (
        ("A",),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 403,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "workforce:persons": (
        ("A",),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 403,
            "other_manager": 403,
            "analyst": 403,
            "hr_admin": 200,
        },
    ),
    "workforce:import": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 403,
            "other_manager": 403,
            "analyst": 403,
            "hr_admin": 200,
        },
    ),
    "forecast:history": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 200,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "forecast:scenarios": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 200,
            "manager": 200,
            "other_manager": 200,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "forecast:scenario": (
        (SCENARIO,),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 200,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    # Previews change nothing but are POST only (they carry the levers).
    "forecast:preview": ((SCENARIO,), dict.fromkeys(ROLES, 405) | {"anonymous": LOGIN}),
    "forecast:inputs": ((SCENARIO,), dict.fromkeys(ROLES, 405) | {"anonymous": LOGIN}),
    # The other manager's förvaltning has no monthly-paid staff: back to the page, with why.
    "forecast:export": (
        (SCENARIO, "html"),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 302,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "forecast:compare": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 200,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "forecast:backtest": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 200,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "forecast:projections": (
        (),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 403,
            "other_manager": 403,
            "analyst": 200,
            "hr_admin": 200,
            "council": 403,  # reads forecasts; building them is the analysts' work
        },
    ),
    # HR's tables behind the forecast (cost per group, education pipeline): the scenario
    # builders only, as the projections.
    **{
        name: (
            (),
            {
                "anonymous": LOGIN,
                "no_role": 403,
                "manager": 403,
                "other_manager": 403,
                "analyst": 200,
                "hr_admin": 200,
                "council": 403,
            },
        )
        for name in ("forecast:costs", "forecast:pipeline")
    },
    # Answering needs no account: a code, then a page that holds it in a cookie.
    "pulse:answer": ((), dict.fromkeys(ROLES, 302)),
    "pulse:code": ((), dict.fromkeys(ROLES, 200)),
    "pulse:list": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    "pulse:results": ((PULSE,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # Creating and running pulses, and printing invitations: HR admin.
    # Per statement: as the results page, each user's own units only.
    "pulse:statements": ((PULSE,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    "pulse:new": ((), HR_ONLY),
    "pulse:edit": ((PULSE,), HR_ONLY),
    "pulse:waves": ((PULSE,), HR_ONLY),
    # Printing makes new codes, so it is POST only; a GET is refused for everyone signed in.
    "pulse:sheets": ((WAVE,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)),
    # The whole region's results and dialogues: HR admin and analysts.
    "pulse:export": ((PULSE,), WHOLE_REGION),
    "pulse:dialogues": ((PULSE,), WHOLE_REGION),
    # The team dialogue of unit A (under F): its manager and HR admin.
    "pulse:dialogue": (
        (WAVE, "A"),
        {
            "anonymous": LOGIN,
            "no_role": 403,
            "manager": 200,
            "other_manager": 403,
            "analyst": 403,
            "hr_admin": 200,
        },
    ),
    "pulse:action_status": ((ACTION,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)),
    # Anyone may send a proposal, signed in or not.
    "plan:propose": ((), dict.fromkeys(ROLES, 200)),
    "plan:inbox": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # A proposal: the council, HR admin, and its sender.
    "plan:proposal": (
        (PROPOSAL,),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], 403)
        | {"no_role": 200, "hr_admin": 200, "council": 200, "occ_health": 403, "user_admin": 403},
    ),
    "plan:move": ((PROPOSAL,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)),
    "plan:actions": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # The action concerns unit A: its manager sees it, the other manager does not.
    "plan:action": (
        (PLAN_ACTION,),
        {
            "anonymous": LOGIN,
            "no_role": 404,
            "manager": 200,
            "other_manager": 404,
            "analyst": 200,
            "hr_admin": 200,
        },
    ),
    "plan:lagesbild": ((), WHOLE_REGION),
    # Key figures: anyone with a unit to see; without one, a page saying so.
    "keyfigures:page": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # Starting a targeted survey from its template is POST only (HR admin; tested there).
    "pulse:from_template": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)),
    # The exit survey: answering is public (without a valid code or cookie: not found);
    # results for anyone with a unit to see, a page saying so for the rest.
    "exits:answer": ((), dict.fromkeys(ROLES, 302)),
    "exits:code": ((), dict.fromkeys(ROLES, 200)),
    "exits:results": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # The board report: the whole-region roles.
    "keyfigures:report": ((), WHOLE_REGION),
    # Person-level sick leave: occupational health alone, not even HR admin.
    "keyfigures:worklist": ((), ONLY_OCC_HEALTH),
    "keyfigures:call": ((SPELL,), ONLY_OCC_HEALTH),
    # A manager's start page; everyone else is sent on to the organisation page.
    "followup:start": (
        (),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], 302)
        | {"manager": 200, "other_manager": 200},
    ),
    # Comments by theme: as the results page, each user's own units only.
    "followup:comments": ((PULSE,), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)),
    # Data protection: the register extract for HR admin (its HR part) and occupational
    # health (its health part); the result page without a lookup goes back to it; erasure
    # (POST only) and retention are HR admin's.
    "privacy:lookup": ((), HR_ONLY | {"occ_health": 200}),
    "privacy:result": ((), HR_ONLY | {"hr_admin": 302, "occ_health": 302}),
    "privacy:erase": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)),
    "privacy:retention": ((), HR_ONLY),
    # The accessibility statement is for everyone, with or without an account.
    "accessibility:statement": ((), dict.fromkeys(ROLES, 200)),
    "accounts:login": ((), dict.fromkeys(ROLES, 200)),
    # Current login lockouts: HR admin and the user administrator.
    "accounts:lockouts": (
        (),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 403) | {"hr_admin": 200, "user_admin": 200},
    ),
    # Monitoring: no login, no data.
    "healthz": ((), dict.fromkeys(ROLES, 200)),
    # Logging out is POST only; a GET is refused for everyone.
    "accounts:logout": ((), dict.fromkeys(ROLES, 405)),
    # The second factor: a user who needs none (the tests' default) is sent on.
    "accounts:verify": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 302)),
    "accounts:enrol": ((), {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 302)),
    # Single sign-on is off unless configured (bemanna/accounts/tests/test_sso.py).
    "accounts:sso": ((), dict.fromkeys(ROLES, 404)),
    "accounts:sso_callback": ((), dict.fromkeys(ROLES, 404)),
    # Changing language is POST only and harmless; a GET just redirects.
    "set_language": ((), dict.fromkeys(ROLES, 302)),
}
# The Django admin: HR admin and user admin; everyone else is sent to the admin's login page.
ADMIN = {
    "anonymous": LOGIN,
    "no_role": LOGIN,
    "manager": LOGIN,
    "other_manager": LOGIN,
    "analyst": LOGIN,
    "hr_admin": 200,
    "user_admin": 200,
}
# Units are HR admin's; users, roles and the SSO mapping the user admin's alone.
ADMIN_UNITS = ADMIN | {"user_admin": 403}
ADMIN_USERS = ADMIN | {"hr_admin": 403}


def route_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_has_an_expectation():
    missing = [
        name for name in route_names() if name not in EXPECTED and not name.startswith("admin:")
    ]
    assert missing == []


@pytest.fixture
def users(
    staffed, manager, other_manager, analyst, hr_admin, no_role, council, occ_health, user_admin
):
    import datetime

    from bemanna.forecast.models import Scenario
    from bemanna.org.models import Unit
    from bemanna.pulse.models import Action, Dialogue, Pulse, Wave

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
    from bemanna.workforce.models import Employment

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
    cases = {
        name: (args, expected.get(role, expected[DEFAULT_LIKE.get(role, "analyst")]))
        for name, (args, expected) in EXPECTED.items()
    }
    cases["admin:index"] = ((), ADMIN.get(role, LOGIN))
    cases["admin:org_unit_changelist"] = ((), ADMIN_UNITS.get(role, LOGIN))
    cases["admin:auth_user_changelist"] = ((), ADMIN_USERS.get(role, LOGIN))
    cases["admin:accounts_rolemapping_changelist"] = ((), ADMIN_USERS.get(role, LOGIN))
    cases["admin:keyfigures_target_changelist"] = ((), ADMIN_UNITS.get(role, LOGIN))
    for name, (args, expected) in cases.items():
        response = client.get(reverse(name, args=args))
        if expected == LOGIN:
            assert response.status_code == 302, name
            assert "login" in response["Location"], name
        else:
            assert response.status_code == expected, name
