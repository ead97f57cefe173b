"""The proposal's life, the action plan's follow-up, and the lägesbild."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.forms.models import model_to_dict

from bemanna import generation
from bemanna.audit.models import AuditEntry, log_action
from bemanna.plan.models import (
    ACTION_STATUSES,
    DECISIONS,
    TRANSITIONS,
    EffectFigure,
    Event,
    PlanAction,
    Proposal,
    Source,
    Status,
    new_proposal_id,
)


class IllegalTransition(Exception):
    pass


def _name(actor) -> str:
    """Who did it, as the history shows it: the full name (the login name only without one)."""
    if actor is None or not getattr(actor, "pk", None):
        return "anonym"
    return actor.get_full_name() or actor.username


def _plain(values: dict) -> dict:
    return {k: (str(v) if v is not None else None) for k, v in values.items()}


def record(proposal: Proposal, actor, what: str, before: dict, after: dict) -> None:
    """Keep a change on the proposal's history and in the audit log (before/after)."""
    old = _plain(before)
    changes = {
        key: [old.get(key), value] for key, value in _plain(after).items() if old.get(key) != value
    }
    Event.objects.create(proposal=proposal, actor_name=_name(actor), what=what, changes=changes)
    log_action(
        actor if getattr(actor, "pk", None) else None,
        AuditEntry.Action.PLAN_CHANGED,
        scope=f"förslag {proposal.pk}",
        what=what,
        changes=changes,
    )


@transaction.atomic
def submit(proposal: Proposal, actor) -> Proposal:
    """Keep a new proposal. An anonymous one gets no "submitted" event: its time to the
    second, or its place among the events, would match the sender's request in a server log;
    its history starts from the day it came (`history.describe`)."""
    proposal.status = Status.RECEIVED
    while Proposal.objects.filter(pk=proposal.pk).exists():  # taken (a few in a billion)
        proposal.id = new_proposal_id()
    proposal.save(force_insert=True)
    if proposal.submitted_by_id is not None:
        Event.objects.create(proposal=proposal, actor_name=_name(actor), what="submitted")
    return proposal


@transaction.atomic
def move(
    proposal: Proposal,
    to: str,
    actor,
    *,
    decided_by: str = "",
    decided_on: datetime.date | None = None,
    reference: str = "",
) -> Proposal:
    """Move a proposal on; only the transitions in TRANSITIONS exist."""
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in TRANSITIONS[current.status]:
        raise IllegalTransition(f"{current.status} → {to}")
    if to in DECISIONS and not (decided_by and decided_on):
        raise IllegalTransition("a decision needs who decided and when")
    if to in (Status.ONGOING, Status.DONE, Status.EVALUATED) and not hasattr(current, "action"):
        raise IllegalTransition("the action must be planned first")
    before = _plain(
        model_to_dict(current, fields=["status", "decided_by", "decided_on", "reference"])
    )
    current.status = to
    if to in DECISIONS:
        current.decided_by, current.decided_on, current.reference = (
            decided_by,
            decided_on,
            reference,
        )
    current.save()
    after = model_to_dict(current, fields=["status", "decided_by", "decided_on", "reference"])
    record(current, actor, f"status {to}", before, after)
    return current


def pulse_unit_of(figure: EffectFigure):
    """The unit whose eNPS a figure read from the pulse follows: the action's, or the
    region's for an action of the whole region."""
    from bemanna.org.models import Unit

    return figure.action.unit or Unit.objects.region()


def figure_series(figure: EffectFigure) -> list[tuple[datetime.date, float]]:
    """The figure's measured values over time: typed in, or read from the pulse."""
    if figure.source == Source.MANUAL:
        return [(v.measured_on, v.value) for v in figure.values.all()]
    unit = pulse_unit_of(figure)
    if unit is None:
        return []
    # Closed waves change only when one closes (a new import generation): kept until then.
    return generation.remembered(
        "plan-pulse-series",
        (unit.pk, unit.path, figure.action.start),
        lambda: _pulse_series(figure, unit),
    )


def _pulse_series(figure: EffectFigure, unit) -> list[tuple[datetime.date, float]]:
    from bemanna.pulse.models import Wave, WaveStatus
    from bemanna.pulse.results import wave_reports

    closed = Wave.objects.filter(status=WaveStatus.CLOSED)
    # The region's main pulse: the one with the most closed waves.
    main = (
        closed.values("pulse_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("pulse_id", flat=True)
    ).first()
    waves = list(
        closed.filter(pulse_id=main, closes__gte=figure.action.start)
        .select_related("pulse")
        .order_by("opens")
    )
    reports = wave_reports(waves)
    series = []
    for wave in waves:
        result = reports[wave.pk].result(unit)  # None below the anonymity threshold
        # A band ("≥ 50") is not a number that was published: no point for it.
        if result.score is not None and not result.score.banded:
            series.append((wave.closes, result.score.value))
    return series


@dataclass
class FigureStatus:
    figure: EffectFigure
    series: list[tuple[datetime.date, float]]
    # An eNPS of a unit the reader may not open in the pulse (`plan.views.action_detail`).
    withheld: bool = False

    @property
    def latest(self) -> float | None:
        return self.series[-1][1] if self.series else None

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (1 = reached; may be negative)."""
        if self.latest is None or self.figure.target == self.figure.baseline:
            return None
        return (self.latest - self.figure.baseline) / (self.figure.target - self.figure.baseline)


@dataclass
class ActionStatus:
    action: PlanAction
    notes: list = field(default_factory=list)  # since the period's start
    figures: list[FigureStatus] = field(default_factory=list)
    overdue: bool = False


def lagesbild(since: datetime.date, today: datetime.date, actions=None) -> dict:
    """Actions by area, each with what happened since `since`, effect so far, and flags."""
    actions = (
        actions
        if actions is not None
        else PlanAction.objects.filter(proposal__status__in=ACTION_STATUSES)
    )
    actions = (
        actions.select_related("proposal__area", "work_group", "owner", "unit")
        .prefetch_related("notes", "figures__values")
        .order_by("proposal__area__position", "work_group__name", "end")
    )
    areas: dict[str, list[ActionStatus]] = {}
    for action in actions:
        state = ActionStatus(
            action=action,
            notes=[n for n in action.notes.all() if n.written_on >= since],
            figures=[FigureStatus(f, figure_series(f)) for f in action.figures.all()],
            overdue=action.end < today
            and action.proposal.status in (Status.DECIDED, Status.ONGOING),
        )
        areas.setdefault(action.proposal.area.name, []).append(state)
    counts = {
        status: sum(
            1 for states in areas.values() for s in states if s.action.proposal.status == status
        )
        for status in ACTION_STATUSES
    }
    return {"since": since, "today": today, "areas": areas, "counts": counts}
