"""Region Demo's key-figure targets and a year of occupational health's calls."""

from __future__ import annotations

import datetime

import numpy as np
from django.db.models import Q

from bemanna.keyfigures.early import FIRST_DAY, LATE_DAY
from bemanna.keyfigures.models import EarlyContact, Figure, SickLeaveSpell, Target
from bemanna.org.models import Unit

# The region's targets (per cent; points for eNPS), and one förvaltning with its own.
TARGETS = {
    Figure.SICK_LEAVE: 6.0,
    Figure.LONG_SHARE: 40.0,
    Figure.HIRED_SHARE: 2.0,  # the national target
    Figure.PLAN_COVERAGE: 80.0,
    Figure.TURNOVER: 10.0,
    Figure.ENPS: 10.0,
}
UNIT_TARGETS = {("HS", Figure.SICK_LEAVE): 6.5}


def add_keyfigure_demo(today: datetime.date, seed: int = 1) -> None:
    for figure, value in TARGETS.items():
        Target.objects.update_or_create(figure=figure, unit=None, defaults={"value": value})
    for (code, figure), value in UNIT_TARGETS.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            Target.objects.update_or_create(figure=figure, unit=unit, defaults={"value": value})
    rng = np.random.default_rng(seed)
    # Calls for the spells that reached day 8 in the last year, up to a week ago (the newest
    # are today's worklist): most called, most managers reached, a third to a meeting.
    eighth = datetime.timedelta(days=FIRST_DAY - 1)
    spells = SickLeaveSpell.objects.filter(
        start__gte=today - datetime.timedelta(days=365), start__lte=today - eighth * 3
    )
    contacts = []
    for spell in spells.order_by("pk"):
        if spell.end is not None and spell.end < spell.start + eighth:
            continue
        if rng.random() < 0.85:
            contacts.append(
                EarlyContact(
                    spell=spell,
                    called_on=spell.start
                    + eighth
                    + datetime.timedelta(days=int(rng.integers(0, 3))),
                    manager_reached=bool(rng.random() < 0.9),
                    rehab_meeting=bool(rng.random() < 0.3),
                )
            )
    # One call of this week that did not reach the manager, on a spell still running, so the
    # worklist's "call again" list has a row to show.
    retry = (
        SickLeaveSpell.objects.filter(
            start__gte=today - datetime.timedelta(days=LATE_DAY - 1),
            start__lte=today - eighth - datetime.timedelta(days=1),
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .order_by("start", "pk")
        .first()
    )
    if retry is not None:
        contacts.append(
            EarlyContact(
                spell=retry,
                called_on=retry.start + eighth,
                manager_reached=False,
                rehab_meeting=False,
            )
        )
    EarlyContact.objects.bulk_create(contacts, ignore_conflicts=True)
