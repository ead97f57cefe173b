"""Who may see and do what. Every view asks here; nothing else decides access.

* HR admin: everything but health data and the accounts, including person-level rows and
  the Django admin.
* Analyst: aggregates for the whole region, no person-level rows.
* Manager: aggregates for the subtrees of the units they manage, nothing else.
* Occupational health: the early-intervention worklist (person-level sick leave), nothing
  else.
* User admin: users, roles and the single sign-on role mapping in the admin (never a health
  role, never their own account; `admin.py`), and no data at all.
* Superuser: a break-glass account made on the command line, never an everyday role; seen as
  HR admin in the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from bemanna.accounts.models import Role
from bemanna.org.models import Unit


def role_of(user) -> Role | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.HR_ADMIN
    profile = getattr(user, "profile", None)
    return Role(profile.role) if profile is not None else None


def is_hr_admin(user) -> bool:
    return role_of(user) == Role.HR_ADMIN


def administers_users(user) -> bool:
    return role_of(user) == Role.USER_ADMIN or getattr(user, "is_superuser", False)


def sees_no_data(user) -> bool:
    """The user administrator: accounts only, so no data page in the menu, and a start text
    of their own instead of a manager's "no unit yet"."""
    return role_of(user) == Role.USER_ADMIN


def lifts_lockouts(user) -> bool:
    """Current login lockouts, and lifting one: HR admin and the user administrator."""
    return role_of(user) in (Role.HR_ADMIN, Role.USER_ADMIN)


def sees_whole_region(user) -> bool:
    return role_of(user) in (Role.HR_ADMIN, Role.ANALYST, Role.COUNCIL)


def top_units(user) -> list[Unit]:
    """The highest units a user may open: the roots, or a manager's own units."""
    if sees_whole_region(user):
        return list(Unit.objects.filter(parent__isnull=True))
    if role_of(user) != Role.MANAGER:
        return []
    managed = list(Unit.objects.filter(manager=user).order_by("path"))
    # A manager of both a unit and one below it starts from the higher one only.
    return [u for u in managed if not any(u is not o and u.is_within(o) for o in managed)]


def visible_units(user):
    """A queryset of every unit the user may see aggregates for."""
    if sees_whole_region(user):
        return Unit.objects.all()
    condition = Q(pk__in=[])
    for unit in top_units(user):
        condition |= Q(path__startswith=unit.path)
    return Unit.objects.filter(condition)


def can_view_unit(user, unit: Unit) -> bool:
    if sees_whole_region(user):
        return True
    return any(unit.is_within(top) for top in top_units(user))


def requested_unit(request) -> Unit | None:
    """The unit named by ?unit=CODE, else the user's first top unit, or None when the user
    has no unit at all. As /enhet/CODE/: 404 if there is no such unit, 403 if it is not the
    user's (so no page says more about another unit than that one does)."""
    code = request.GET.get("unit")
    if code:
        unit = get_object_or_404(Unit, code=code)
        require_unit(request.user, unit)
        return unit
    tops = top_units(request.user)
    return tops[0] if tops else None


def require_unit(user, unit: Unit) -> None:
    if not can_view_unit(user, unit):
        raise PermissionDenied


def uses_forecasts(user) -> bool:
    """History, the scenarios and their forecasts: the whole-region roles and managers (a
    manager not yet given a unit is told whom to ask); not a role that never has units."""
    return sees_whole_region(user) or role_of(user) == Role.MANAGER


def uses_admin(user) -> bool:
    """The Django admin: HR admin (units, targets) and the user administrator (accounts);
    anyone else signed in is answered with Bemanna's 403 page, not the admin's login."""
    return is_hr_admin(user) or administers_users(user)


def can_view_persons(user) -> bool:
    """Person-level rows (pseudonym, birth year, rate) are for HR admin only, audit-logged."""
    return is_hr_admin(user)


def sees_staff_details(user) -> bool:
    """The unit page's FTE, ages, sexes, employment rates and forms and profession groups on
    any day: HR admin (who also has the person-level rows) and a manager, for the own
    subtree (the employer's side for those staff). The whole-region roles without person
    rows (analyst, council) see each unit's headcount only: a page counting on any day
    would give, between two days, the rate, age band, sex and profession of whoever came or
    left. They see those figures per year on *Historik*, under its rule."""
    return role_of(user) in (Role.HR_ADMIN, Role.MANAGER)


def can_import(user) -> bool:
    return is_hr_admin(user)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def navigation(request) -> dict[str, object]:
    """Template context: what the menu may offer this user."""
    user = getattr(request, "user", None)
    return {
        "nav_role": role_of(user),
        "nav_can_import": can_import(user),
        "nav_is_admin": uses_admin(user),
        "nav_forecasts": uses_forecasts(user),
        "nav_lockouts": lifts_lockouts(user),
        "nav_can_edit_scenarios": can_edit_scenarios(user),
        "nav_runs_the_plan": runs_the_plan(user),
        "nav_early_intervention": works_early_intervention(user),
        "nav_start": has_start_page(user),
        "nav_analyses": can_edit_scenarios(user),
        "nav_whole_region": sees_whole_region(user),
        "nav_no_data": sees_no_data(user),
        "nav_data_protection": answers_register_requests(user),
    }


def has_start_page(user) -> bool:
    """A manager lands on a page of what to do now for their units."""
    return role_of(user) == Role.MANAGER


def can_edit_scenarios(user) -> bool:
    """HR admins and analysts build scenarios and import population projections."""
    return role_of(user) in (Role.HR_ADMIN, Role.ANALYST)


def can_record_dialogue(user, unit: Unit) -> bool:
    """A manager records the team dialogue for units in their subtree; HR admin for any."""
    if is_hr_admin(user):
        return True
    return role_of(user) == Role.MANAGER and can_view_unit(user, unit)


def works_early_intervention(user) -> bool:
    """Person-level sick leave (the day 8–10 worklist) is for occupational health alone: not
    HR admin, not managers (seed 004; health data)."""
    return role_of(user) == Role.OCCUPATIONAL_HEALTH


def runs_the_plan(user) -> bool:
    """The council (and HR admin) works the proposal inbox and the whole action plan."""
    return role_of(user) in (Role.HR_ADMIN, Role.COUNCIL)


def can_update_action(user, action) -> bool:
    """The council; the action's owner; a manager whose subtree the action concerns."""
    if runs_the_plan(user):
        return True
    if action.owner_id is not None and action.owner_id == getattr(user, "pk", None):
        return True
    return (
        role_of(user) == Role.MANAGER
        and action.unit is not None
        and can_view_unit(user, action.unit)
    )


def answers_register_requests(user) -> bool:
    """Register extracts (GDPR art. 15): HR admin makes the HR part, occupational health the
    health part (sick-leave spells and calls), each under the request's case reference and
    audit-logged. Nobody else reads a person's health data, not even for an extract."""
    return role_of(user) in (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH)


def extracts_health_data(user) -> bool:
    """The health part of a register extract is occupational health's alone."""
    return role_of(user) == Role.OCCUPATIONAL_HEALTH


def erases_persons(user) -> bool:
    """Erasure (GDPR art. 17) is HR admin's, who answers the region's requests."""
    return is_hr_admin(user)


def sees_retention(user) -> bool:
    """What retention will delete next, and when: for HR admin."""
    return is_hr_admin(user)
