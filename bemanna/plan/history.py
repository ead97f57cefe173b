"""A proposal's history as people read it: in Swedish, with full names.

Events keep what happened as a short code ("submitted", "status decided", "assessed",
"action planned", "action note") and the changed fields with their stored values, so the
history can be shown in any language; this module turns them into sentences, field labels
and value labels, and login names into full names.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from bemanna.plan.models import Event, PlanAction, Proposal, Status, StatusNote


def full_name(user) -> str:
    """A person as the pages name them: the full name, else the login name."""
    if user is None:
        return "–"
    return user.get_full_name() or user.username


def _what(code: str) -> str:
    if code.startswith("status "):
        value = code.removeprefix("status ")
        label = Status(value).label if value in Status.values else value
        return _("Status changed to: %(status)s") % {"status": label}
    return {
        "submitted": _("Proposal received"),
        "assessed": _("The council's assessment"),
        "action planned": _("Action planned"),
        "action edit": _("Action changed"),
        "action note": _("Status note written"),
        "action figure": _("Effect measure added"),
        "action value": _("Measured value added"),
    }.get(code, code)


def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for model in (StatusNote, PlanAction, Proposal):
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                labels[field.name] = str(field.verbose_name)
    return labels


def _value(key: str, value, users: dict[str, str]) -> str:
    if value in (None, ""):
        return "–"
    if key == "status" and value in Status.values:
        return str(Status(value).label)
    if key == "owner" and str(value) in users:
        return users[str(value)]
    return str(value)


def describe(proposal: Proposal) -> list[dict]:
    """Each of the proposal's events as {at, who, what, changes: [(label, before, after)],
    day}. An anonymous proposal's history starts with the day it came (`day`: no time of
    day), kept on the proposal, not as an event (`services.submit`)."""
    events = list(proposal.events.all())
    User = get_user_model()
    by_login = {
        u.username: full_name(u)
        for u in User.objects.filter(username__in={e.actor_name for e in events})
    }
    owners = {
        str(value)
        for event in events
        for key, change in event.changes.items()
        if key == "owner"
        for value in change
        if value
    }
    by_id = {
        str(u.pk): full_name(u)
        for u in User.objects.filter(pk__in=[int(o) for o in owners if o.isdigit()])
    }
    labels = _labels()
    received = []
    if proposal.submitted_by_id is None and not any(e.what == "submitted" for e in events):
        received = [
            {
                "at": proposal.submitted_on,
                "day": True,
                "who": "anonym",
                "what": _what("submitted"),
                "changes": [],
            }
        ]
    return received + [
        {
            "at": event.at,
            "day": False,
            "who": by_login.get(event.actor_name, event.actor_name),
            "what": _what(event.what),
            "changes": [
                (
                    labels.get(key, key).capitalize(),
                    _value(key, change[0], by_id),
                    _value(key, change[1], by_id),
                )
                for key, change in event.changes.items()
            ],
        }
        for event in events
    ]


def inbox_order(proposal: Proposal) -> tuple:
    """New and unassessed proposals first (the oldest of them on top, it has waited longest),
    then the rest by priority."""
    waiting = proposal.status in (Status.RECEIVED, Status.PREPARING) and proposal.priority is None
    if waiting:
        return (0, proposal.submitted_on, proposal.pk)
    return (1, -(proposal.priority or -1), -proposal.pk)


__all__ = ["Event", "describe", "full_name", "inbox_order"]
