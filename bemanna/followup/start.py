"""What a manager's start page says to do now, for the units they manage and everything below.

Every figure comes from the page it links to (`WaveReport`, `StatementReport`, the key
figures' `summary`), so the start page shows nothing those pages would not show the same
manager: a response rate only where the open wave's page shows it, the weakest statements
only where the statement page shows them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from bemanna.accounts import access
from bemanna.keyfigures import services as keyfigures
from bemanna.keyfigures.summary import summary
from bemanna.org.models import Unit
from bemanna.plan.models import PlanAction, Status
from bemanna.pulse import statements
from bemanna.pulse.models import Action, ActionStatus, Dialogue, Pulse, Purpose, WaveStatus
from bemanna.pulse.results import WaveReport
from bemanna.workforce.retention import last_closed_year

OPEN_ACTIONS = (ActionStatus.PLANNED, ActionStatus.ONGOING)


def dialogue_days() -> int:
    """Days after a wave closes by which the team dialogue is due."""
    return int(getattr(settings, "DIALOGUE_DUE_DAYS", 30))


@dataclass(frozen=True)
class ToDo:
    """One action on the manager's list: from a team dialogue or from the region's plan."""

    text: str
    unit: Unit | None
    due: datetime.date
    status: str
    url: str
    source: str  # "dialogue" or "plan"
    pk: int

    def overdue(self, today: datetime.date) -> bool:
        return self.due < today


@dataclass
class Start:
    unit: Unit
    open_waves: list[dict] = field(default_factory=list)
    dialogues_due: list[dict] = field(default_factory=list)
    weakest: list = field(default_factory=list)
    strongest: list = field(default_factory=list)
    statement_wave: object = None
    statement_pulse: Pulse | None = None
    actions: list[ToDo] = field(default_factory=list)
    off_target: list[dict] = field(default_factory=list)
    key_year: int | None = None


def ambassadorship_pulses() -> list[Pulse]:
    return list(Pulse.objects.filter(purpose=Purpose.AMBASSADORSHIP).order_by("name"))


def open_waves(unit: Unit) -> list[dict]:
    """Each open wave with the unit's response rate where the threshold allows it."""
    rows = []
    for pulse in ambassadorship_pulses():
        wave = pulse.waves.filter(status=WaveStatus.OPEN).order_by("-opens").first()
        if wave is None:
            continue
        result = WaveReport(wave).result(unit)
        if not result.invited:
            continue
        rows.append({"pulse": pulse, "wave": wave, "result": result})
    return rows


def dialogues_due(user, today: datetime.date) -> list[dict]:
    """For each unit the user manages: the last closed wave's dialogue, if not yet held."""
    managed = list(Unit.objects.filter(manager=user).order_by("path"))
    rows = []
    for pulse in ambassadorship_pulses():
        wave = pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens").first()
        if wave is None:
            continue
        held = set(Dialogue.objects.filter(wave=wave).values_list("unit_id", flat=True))
        for unit in managed:
            asked = wave.invitations.filter(unit__path__startswith=unit.path).exists()
            if unit.pk in held or not asked:
                continue
            due = wave.closes + datetime.timedelta(days=dialogue_days())
            rows.append(
                {"pulse": pulse, "wave": wave, "unit": unit, "due": due, "late": due < today}
            )
    return rows


def actions(user, today: datetime.date) -> list[ToDo]:
    """Open actions of the user's units (team dialogues) and of the plan (owned, or of the
    user's units), overdue first, then by due date."""
    units = access.visible_units(user)
    found = [
        ToDo(
            a.text,
            a.unit,
            a.due,
            a.get_status_display(),
            reverse("pulse:dialogue", args=[a.dialogue.wave_id, a.unit.code]),
            "dialogue",
            a.pk,
        )
        for a in Action.objects.filter(unit__in=units, status__in=OPEN_ACTIONS).select_related(
            "unit", "dialogue"
        )
    ]
    plan = PlanAction.objects.filter(
        Q(owner=user) | Q(unit__in=units),
        proposal__status__in=(Status.DECIDED, Status.ONGOING),
    ).select_related("proposal", "unit")
    found += [
        ToDo(
            a.proposal.title,
            a.unit,
            a.end,
            a.proposal.get_status_display(),
            reverse("plan:action", args=[a.pk]),
            "plan",
            a.pk,
        )
        for a in plan
    ]
    return sorted(found, key=lambda a: (not a.overdue(today), a.due, a.text))


def weakest_statements(unit: Unit) -> tuple[list, list, object, Pulse | None]:
    """The unit's three weakest and three strongest HME statements in the last closed wave,
    where the statement page shows them."""
    for pulse in ambassadorship_pulses():
        wave = pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens").first()
        if wave is None:
            continue
        ranked = statements.hme_ranked(statements.statement_report(wave).statements(unit))
        return ranked[:3], list(reversed(ranked[-3:])) if len(ranked) > 3 else [], wave, pulse
    return [], [], None, None


def off_target(unit: Unit, today: datetime.date) -> tuple[list[dict], int]:
    """Key figures off target in the unit's subtree (the last closed year), from the key-figure
    page's own summary: the units listed there under attention, and the unit's own eNPS,
    turnover and plan coverage."""
    year = last_closed_year(today)
    shown = summary(keyfigures.key_figures(year, today), unit, manager=True)
    rows = [
        {
            "unit": row["unit_name"],
            "figure": str(name),
            "value": value,
            "target": target,
            "share": True,
        }
        for row in shown["attention"]
        for kind, name, value, target in row["issues"]
        if kind == "target"
    ]
    labels, targets = shown["labels"], shown["targets"]
    for flag, name, value in (
        ("plan_off", "plan_coverage", shown["staff"]["plan_coverage"]),
        ("turnover_off", "turnover", (shown["turnover"] or {}).get("leavers")),
        ("enps_off", "enps", shown["values"].get("enps")),
    ):
        if shown.get(flag):
            figure = next(f for f in targets if str(f) == name)
            rows.append(
                {
                    "unit": unit.name,
                    "figure": str(labels.get(name, name)),
                    "value": value,
                    "target": targets[figure],
                    "share": name != "enps",
                }
            )
    return rows, year


def start_for(user, unit: Unit, today: datetime.date) -> Start:
    weakest, strongest, wave, pulse = weakest_statements(unit)
    figures, year = off_target(unit, today)
    return Start(
        unit=unit,
        open_waves=open_waves(unit),
        dialogues_due=dialogues_due(user, today),
        weakest=weakest,
        strongest=strongest,
        statement_wave=wave,
        statement_pulse=pulse,
        actions=actions(user, today),
        off_target=figures,
        key_year=year,
    )
