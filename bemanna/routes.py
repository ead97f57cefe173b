"""Every page of the URL configuration, walked once: its name, a real path (the sample
arguments come from the database), the roles that may open it and the query parameters its
view reads.

Three walkers read it: the page bench (`bemanna/bench/pages.py`), the access matrix and the
parameter fuzz (`bemanna/accounts/tests/test_access_matrix.py`,
`bemanna/tests/test_fuzz_params.py`) and the axe walk (`bemanna/tests/test_accessibility.py`).
A route with parameters needs a row in `SAMPLES` and every route a row in `ACCESS`;
`bemanna/tests/test_routes.py` fails until it has both, so a new page is walked by all of them
without being listed anywhere else. Django's admin is left out (the matrix checks a few of
its pages by name).

The samples work in any database with the objects: Region Demo (the bench, the axe walk) and
the access matrix's few rows alike. Each is the first object of its kind by primary key, and
a unit is a leaf under the unit of the manager persona (`manager` in the tests, `chef` in the
demo).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# The personas of the access matrix. The council sees what an analyst sees, occupational
# health and the user administrator what a user without a role sees, unless a row of ACCESS
# says otherwise.
ROLES = ("anonymous", "no_role", "manager", "other_manager", "analyst", "hr_admin")
ALL_ROLES = (*ROLES, "council", "occ_health", "user_admin")
DEFAULT_LIKE = {"council": "analyst", "occ_health": "no_role", "user_admin": "no_role"}
# Region Demo's accounts, and the persona each one is.
DEMO_ROLES = {
    "hr": "hr_admin",
    "analytiker": "analyst",
    "chef": "manager",
    "rad": "council",
    "fhv": "occ_health",
}
LOGIN = "login"  # redirected to the login page

HR_ONLY = {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:-1], 403) | {"hr_admin": 200}
WHOLE_REGION = HR_ONLY | {"analyst": 200}
SIGNED_IN = {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)
POST_ONLY = {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 405)
ONLY_OCC_HEALTH = (
    {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 403) | {"council": 403, "occ_health": 200}
)
# A unit's own pages, a forecast, an action: the manager of the unit's förvaltning, not the
# other manager; 403 with Bemanna's page for a user without a role (no unit to see).
FORECAST = {"anonymous": LOGIN, "no_role": 403} | dict.fromkeys(ROLES[2:], 200)
# HR's tables behind the forecast and the projections: the scenario builders only.
BUILDERS = HR_ONLY | {"analyst": 200, "council": 403}

# route name -> {role: expected status, or LOGIN}: the access matrix's oracle.
ACCESS: dict[str, dict[str, int | str]] = {
    "workforce:home": {
        "anonymous": LOGIN,
        "no_role": 200,
        "manager": 302,
        "other_manager": 302,
        "analyst": 302,
        "hr_admin": 302,
    },
    "workforce:unit": {
        "anonymous": LOGIN,
        "no_role": 403,
        "manager": 200,
        "other_manager": 403,
        "analyst": 200,
        "hr_admin": 200,
    },
    "workforce:persons": HR_ONLY,
    "workforce:import": HR_ONLY,
    # HR's mapping of AID codes to SKR's profession groups.
    "workforce:groups": HR_ONLY,
    "forecast:history": FORECAST,
    # The scenarios: whoever reads forecasts (a manager not yet given a unit too).
    "forecast:scenarios": FORECAST,
    "forecast:scenario": FORECAST,
    # Previews change nothing but are POST only (they carry the levers).
    "forecast:preview": dict.fromkeys(ROLES, 405) | {"anonymous": LOGIN},
    "forecast:inputs": dict.fromkeys(ROLES, 405) | {"anonymous": LOGIN},
    # The other manager's förvaltning has no monthly-paid staff: back to the page, with why.
    "forecast:export": FORECAST | {"other_manager": 302},
    "forecast:compare": FORECAST,
    "forecast:backtest": FORECAST,
    # Building projections is the analysts' work; the council reads forecasts.
    "forecast:projections": BUILDERS,
    "forecast:costs": BUILDERS,
    "forecast:pipeline": BUILDERS,
    # Answering needs no account: a code, then a page that holds it in a cookie.
    "pulse:answer": dict.fromkeys(ROLES, 302),
    "pulse:code": dict.fromkeys(ROLES, 200),
    "pulse:list": SIGNED_IN,
    # Results, per statement and comments by theme: each user's own units only.
    "pulse:results": SIGNED_IN,
    "pulse:statements": SIGNED_IN,
    # Creating and running pulses, and printing invitations: HR admin.
    "pulse:new": HR_ONLY,
    "pulse:edit": HR_ONLY,
    "pulse:waves": HR_ONLY,
    # The creation page's helpers (HR admin; tested there): how many would be invited and
    # the answer page as a preview (POST, they carry the form), one more extra question
    # (without its number: 400 with the reason).
    "pulse:invite_count": POST_ONLY,
    "pulse:preview": POST_ONLY,
    "pulse:add_question": HR_ONLY | {"hr_admin": 400},
    # Printing makes new codes, so it is POST only; a GET is refused for everyone signed in.
    "pulse:sheets": POST_ONLY,
    # The whole region's results and dialogues: HR admin and analysts.
    "pulse:export": WHOLE_REGION,
    "pulse:dialogues": WHOLE_REGION,
    # The team dialogue of a unit: its manager and HR admin.
    "pulse:dialogue": {
        "anonymous": LOGIN,
        "no_role": 403,
        "manager": 200,
        "other_manager": 403,
        "analyst": 403,
        "hr_admin": 200,
    },
    "pulse:action_status": POST_ONLY,
    # Starting a targeted survey from its template is POST only (HR admin; tested there).
    "pulse:from_template": POST_ONLY,
    # Anyone may send a proposal, signed in or not.
    "plan:propose": dict.fromkeys(ROLES, 200),
    "plan:inbox": SIGNED_IN,
    # A proposal: the council, HR admin, and its sender.
    "plan:proposal": {"anonymous": LOGIN}
    | dict.fromkeys(ROLES[1:], 403)
    | {"no_role": 200, "hr_admin": 200, "council": 200, "occ_health": 403, "user_admin": 403},
    "plan:move": POST_ONLY,
    "plan:actions": SIGNED_IN,
    # The action concerns the manager's unit; the other manager does not see it.
    "plan:action": FORECAST | {"no_role": 404, "other_manager": 404},
    "plan:lagesbild": WHOLE_REGION,
    # Key figures: anyone with a unit to see; without one, a page saying so.
    "keyfigures:page": SIGNED_IN,
    # The board report: the whole-region roles.
    "keyfigures:report": WHOLE_REGION,
    # The region's HME in Kolada's form: the whole-region roles.
    "keyfigures:hme_kolada": WHOLE_REGION,
    # Person-level sick leave: occupational health alone, not even HR admin.
    "keyfigures:worklist": ONLY_OCC_HEALTH,
    "keyfigures:call": ONLY_OCC_HEALTH,
    # The exit survey: answering is public (without a valid code or cookie: not found);
    # results for anyone with a unit to see, a page saying so for the rest.
    "exits:answer": dict.fromkeys(ROLES, 302),
    "exits:code": dict.fromkeys(ROLES, 200),
    "exits:results": SIGNED_IN,
    # A manager's start page; everyone else is sent on to the organisation page.
    "followup:start": {"anonymous": LOGIN}
    | dict.fromkeys(ROLES[1:], 302)
    | {"manager": 200, "other_manager": 200},
    "followup:comments": SIGNED_IN,
    # Data protection: the register extract for HR admin (its HR part) and occupational
    # health (its health part); the result page without a lookup goes back to it; erasure
    # (POST only) and retention are HR admin's.
    "privacy:lookup": HR_ONLY | {"occ_health": 200},
    "privacy:result": HR_ONLY | {"hr_admin": 302, "occ_health": 302},
    "privacy:erase": POST_ONLY,
    "privacy:retention": HR_ONLY,
    # The accessibility statement is for everyone, with or without an account.
    "accessibility:statement": dict.fromkeys(ROLES, 200),
    "accounts:login": dict.fromkeys(ROLES, 200),
    # Current login lockouts: HR admin and the user administrator.
    "accounts:lockouts": {"anonymous": LOGIN}
    | dict.fromkeys(ROLES[1:], 403)
    | {"hr_admin": 200, "user_admin": 200},
    # Monitoring: no login, no data.
    "healthz": dict.fromkeys(ROLES, 200),
    # Logging out is POST only; a GET is refused for everyone.
    "accounts:logout": dict.fromkeys(ROLES, 405),
    # The second factor: a user who needs none (the tests' default) is sent on.
    "accounts:verify": {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 302),
    "accounts:enrol": {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 302),
    # Single sign-on is off unless configured (bemanna/accounts/tests/test_sso.py).
    "accounts:sso": dict.fromkeys(ROLES, 404),
    "accounts:sso_callback": dict.fromkeys(ROLES, 404),
    # Changing language is POST only and harmless; a GET just redirects.
    "set_language": dict.fromkeys(ROLES, 302),
}


# --- Samples: the arguments of one real page of each route with parameters ---


def _first(model: str, **filters: Any) -> Any:
    from django.apps import apps

    app, name = model.split(".")
    return apps.get_model(app, name).objects.filter(**filters).order_by("pk").first()


def _pk(model: str, **filters: Any) -> Any:
    found = _first(model, **filters)
    return None if found is None else found.pk


def _unit() -> str | None:
    """A leaf unit under the manager persona's own unit (a page every role but the council
    may open)."""
    managers = {"manager", *(user for user, role in DEMO_ROLES.items() if role == "manager")}
    own = _first("org.Unit", manager__username__in=managers)
    if own is None:
        return None
    leaf = (
        type(own)
        .objects.filter(path__startswith=own.path, children__isnull=True)
        .order_by("code")
        .first()
    )
    return (leaf or own).code


def _closed_wave() -> Any:
    return _first("pulse.Wave", status="closed")


def _pulse() -> int | None:
    wave = _closed_wave()
    return None if wave is None else wave.pulse_id


def _one(**kwargs: Any) -> list[dict[str, Any]]:
    """The arguments of one page, or none when the database has no object for them."""
    return [] if None in kwargs.values() else [kwargs]


def _scenario() -> list[dict[str, Any]]:
    return _one(pk=_pk("forecast.Scenario"))


# route name -> the arguments of its pages (usually one; none without the objects).
SAMPLES: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "workforce:unit": lambda: _one(code=_unit()),
    "workforce:persons": lambda: _one(code=_unit()),
    "forecast:scenario": _scenario,
    "forecast:preview": _scenario,
    "forecast:inputs": _scenario,
    # The report as a page (the Word-ready HTML) and as a workbook (the PDF has its own test).
    "forecast:export": lambda: [{**k, "fmt": f} for k in _scenario() for f in ("html", "xlsx")],
    "keyfigures:call": lambda: _one(pk=_pk("keyfigures.SickLeaveSpell")),
    "plan:proposal": lambda: _one(pk=_pk("plan.Proposal")),
    "plan:move": lambda: _one(pk=_pk("plan.Proposal")),
    "plan:action": lambda: _one(pk=_pk("plan.PlanAction")),
    "pulse:results": lambda: _one(pk=_pulse()),
    "pulse:statements": lambda: _one(pk=_pulse()),
    "pulse:edit": lambda: _one(pk=_pulse()),
    "pulse:waves": lambda: _one(pk=_pulse()),
    "pulse:export": lambda: _one(pk=_pulse()),
    "pulse:dialogues": lambda: _one(pk=_pulse()),
    "followup:comments": lambda: _one(pk=_pulse()),
    "pulse:sheets": lambda: _one(wave_pk=_pk("pulse.Wave", status="closed")),
    "pulse:dialogue": lambda: _one(wave_pk=_pk("pulse.Wave", status="closed"), code=_unit()),
    "pulse:action_status": lambda: _one(pk=_pk("pulse.Action")),
}


# --- The query parameters a view reads, from its source ---

# Helpers that read a parameter for the view.
HELPERS = {
    "_unit(": "unit",
    "AsOfForm": "date",
    "requested_unit(": "unit",
    "requested_year": "year",
}
READS = re.compile(r"GET\.(?:get|getlist)\(\s*\"(\w+)\"|\"(\w+)\" in request\.GET")


def _source(view: Any) -> str:
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    try:
        return inspect.getsource(view)
    except (OSError, TypeError):
        return ""


def query_parameters(view: Any) -> frozenset[str]:
    """The GET parameters a view reads (`request.GET.get("x")`, `getlist`, and the helpers
    that read `?unit=` and `?date=`), in its own source and its module's helpers it calls
    (`_results(request, …)`), so a new parameter is fuzzed without being listed."""
    source = _source(view)
    module = inspect.getmodule(inspect.unwrap(view))
    for name in set(re.findall(r"\b(_?\w+)\(request", source)):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper is not inspect.unwrap(view):
            source += _source(helper)
    found = {a or b for a, b in READS.findall(source)}
    # A helper's name as a whole word: `access.can_view_unit(` is no `_unit(`.
    found |= {
        param
        for helper, param in HELPERS.items()
        if re.search(r"(?<!\w)" + re.escape(helper), source)
    }
    return frozenset(found)


# --- The walk ---


@dataclass(frozen=True)
class Route:
    name: str  # with its namespaces: "pulse:results"
    pattern: str  # the route as written: "puls/<int:pk>/"
    parameters: tuple[str, ...]  # the path's parameters
    view: Any

    @property
    def access(self) -> Mapping[str, int | str]:
        return ACCESS[self.name]

    def expected(self, role: str) -> int | str:
        """What `role` gets: its row in ACCESS, or that of the role it is like."""
        return self.access.get(role, self.access[DEFAULT_LIKE.get(role, "analyst")])

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles who may open the page (200); the others are turned away."""
        return tuple(role for role in ALL_ROLES if self.expected(role) == 200)

    @property
    def query(self) -> frozenset[str]:
        """The query parameters its view reads: those to fuzz."""
        return query_parameters(self.view)


@dataclass(frozen=True)
class Page:
    route: Route
    path: str

    @property
    def name(self) -> str:
        return self.route.name


def routes() -> Iterator[Route]:
    """Every named route of the URL configuration, the included ones too, but the admin's.
    Needs no database."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: Any, prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin" or str(entry.pattern).startswith("admin/"):
                    continue
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield Route(
                    namespace + entry.name,
                    prefix + str(entry.pattern),
                    tuple(entry.pattern.regex.groupindex),
                    entry.callback,
                )

    yield from walk(get_resolver().url_patterns, "", "")


def pages(names: set[str] | None = None) -> tuple[list[Page], list[str]]:
    """Every page (a route with its sample arguments from the database), and the names of
    the routes with parameters that have no sample object here. `names`: only those."""
    from django.urls import reverse

    found, missing = [], []
    for route in routes():
        if names is not None and route.name not in names:
            continue
        if not route.parameters:
            found.append(Page(route, reverse(route.name)))
            continue
        samples = SAMPLES[route.name]() if route.name in SAMPLES else []
        if not samples:
            missing.append(route.name)
        found += [Page(route, reverse(route.name, kwargs=kwargs)) for kwargs in samples]
    return found, missing
