"""Proposals, the action plan and its effect follow-up (lägesbild).

A proposal moves through a fixed life (`TRANSITIONS`); a decided one becomes an action with an
effect plan (figures with baseline, target and when to measure), dated status notes in the
work groups' own words (gjort / pågår / planerat) and outcome values. Every change is kept as
an event on the proposal and in the audit log.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.org.models import Unit


class Area(models.Model):
    """Behålla, Rekrytera, Utveckla — data, not code."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class WorkGroup(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    lead = models.CharField(_("lead"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("work group")
        verbose_name_plural = _("work groups")

    def __str__(self) -> str:
        return self.name


class Origin(models.TextChoices):
    WORK_GROUP = "work_group", _("Work group")
    UNION = "union", _("Union")
    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Manager")
    COUNCIL = "council", _("The council")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    PREPARING = "preparing", _("Being prepared")
    DECIDED = "decided", _("Decided")
    REJECTED = "rejected", _("Rejected")
    FORWARDED = "forwarded", _("Forwarded to the management group")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Carried out")
    EVALUATED = "evaluated", _("Evaluated")


TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.PREPARING, Status.REJECTED),
    Status.PREPARING: (Status.DECIDED, Status.REJECTED, Status.FORWARDED),
    Status.FORWARDED: (Status.DECIDED, Status.REJECTED),
    Status.DECIDED: (Status.ONGOING,),
    Status.ONGOING: (Status.DONE,),
    Status.DONE: (Status.EVALUATED,),
    Status.REJECTED: (),
    Status.EVALUATED: (),
}
# A decision (decided, rejected, forwarded) records who decided, when, and the reference.
DECISIONS = (Status.DECIDED, Status.REJECTED, Status.FORWARDED)
ACTION_STATUSES = (Status.DECIDED, Status.ONGOING, Status.DONE, Status.EVALUATED)

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


def new_proposal_id() -> int:
    """A random ten-digit number: a proposal's id (and its address) says nothing of when it
    came compared with the others, so an anonymous one cannot be placed between two named."""
    return 10**9 + secrets.randbelow(9 * 10**9)


class Proposal(models.Model):
    id = models.BigIntegerField(primary_key=True, default=new_proposal_id, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("area"))
    suggested_group = models.ForeignKey(
        WorkGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("suggested work group"),
    )
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices)
    # None when sent anonymously: nothing is kept that points to the sender, nor a time
    # finer than the day (no "submitted" event with its second, a random id).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    # The council's assessment, 1–5 each.
    effect = models.PositiveSmallIntegerField(
        _("expected effect"), null=True, blank=True, validators=SCALE
    )
    certainty = models.PositiveSmallIntegerField(
        _("certainty of effect"), null=True, blank=True, validators=SCALE
    )
    cost = models.PositiveSmallIntegerField(_("cost"), null=True, blank=True, validators=SCALE)
    time_to_effect = models.PositiveSmallIntegerField(
        _("time to effect"), null=True, blank=True, validators=SCALE
    )
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title

    @property
    def priority(self) -> int | None:
        """0–100: effect × certainty first (effect that can be ensured), then cheap and quick.

        Examples: effect 5, certainty 5, cost 1, time 1 → 100; effect 3, certainty 2,
        cost 3, time 4 → round(100 · 6/25 · (2 + 1 + 2)/10) = 12.
        """
        effect, certainty, cost, time = (
            self.effect,
            self.certainty,
            self.cost,
            self.time_to_effect,
        )
        if effect is None or certainty is None or cost is None or time is None:
            return None
        return round(100 * (effect * certainty / 25) * ((5 - cost) + (5 - time) + 2) / 10)

    def allowed(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class Event(models.Model):
    """One change of a proposal or its action: who, when, what before and after."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor_name = models.CharField(max_length=150)
    what = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.what

    @property
    def label(self) -> str:
        """What happened, in the user's language ('status decided' → 'Status: Beslutad')."""
        if self.what.startswith("status "):
            status = _("Status")
            return f"{status}: {Status(self.what[7:]).label}"
        label = EVENT_LABELS.get(self.what) or EVENT_LABELS.get(self.what.split(" ")[0])
        return str(label or self.what)

    @property
    def readable_changes(self) -> list[tuple[str, str | None, str | None]]:
        """(field's name, before, after), named and valued as the forms show them."""
        rows = []
        for key, (before, after) in self.changes.items():
            name, show = key, (lambda value: value)
            for model in (Proposal, PlanAction):
                try:
                    field = model._meta.get_field(key)
                except FieldDoesNotExist:
                    continue
                name = str(getattr(field, "verbose_name", key)).capitalize()
                if getattr(field, "choices", None):
                    labels = {str(value): str(label) for value, label in field.flatchoices}
                    show = lambda value, labels=labels: labels.get(value, value)  # noqa: E731
                break
            rows.append((name, show(before), show(after)))
        return rows


class PlanAction(models.Model):
    """A decided proposal being carried out, with its effect plan."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="action")
    work_group = models.ForeignKey(
        WorkGroup, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("work group")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("concerns unit (empty: the whole region)"),
    )
    budget_msek = models.DecimalField(
        _("budget (MSEK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["proposal__area__position", "end"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.proposal.title

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end is before the start.")})


class NoteKind(models.TextChoices):
    DONE = "done", _("What is done")
    ONGOING = "ongoing", _("What is ongoing")
    PLANNED = "planned", _("What is planned")


class StatusNote(models.Model):
    """Vad är gjort / Vad pågår / Vad finns planerat, dated."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=NoteKind.choices)
    text = models.TextField(_("text"))
    author_name = models.CharField(max_length=150)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    ENPS = "enps", _("eNPS from the pulse (the action's unit)")


class EffectFigure(models.Model):
    """A figure that should move: baseline, target, and when to measure."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="figures")
    name = models.CharField(_("figure"), max_length=120)
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    measure = models.CharField(_("unit of measure"), max_length=30, blank=True)
    baseline = models.FloatField(_("baseline"))
    target = models.FloatField(_("target"))
    measure_on = models.DateField(_("measure by"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class EffectValue(models.Model):
    figure = models.ForeignKey(EffectFigure, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    author_name = models.CharField(max_length=150)

    class Meta:
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.figure} {self.measured_on}"


# The history's entries, by the first word of Event.what.
EVENT_LABELS = {
    "submitted": _("Submitted"),
    "assessed": _("Assessed"),
    "action planned": _("Action planned"),
    "action": _("Action changed"),
}
