"""Pulse measurement of ambassadorship: pulses, their waves, invitations and answers.

Trust is built into the tables: an answer (`Response`) carries its wave and the unit it is
counted in, and nothing else: no person, no invitation, no token, no address, no time. An
invitation only knows whether it has been used. Tokens are stored hashed.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.disclosure import MIN_K
from bemanna.org.models import Unit
from bemanna.workforce.models import Person

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().upper().encode()).hexdigest()


def new_token() -> str:
    """A single-use code: 12 characters from a 32-letter alphabet (60 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class Schedule(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Pulse(models.Model):
    """A recurring measurement: who is asked, what, how often, and how anonymity is kept."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    schedule = models.CharField(
        _("schedule"), max_length=12, choices=Schedule.choices, default=Schedule.QUARTERLY
    )
    window_days = models.PositiveSmallIntegerField(
        _("answer window (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    units = models.ManyToManyField(Unit, verbose_name=_("units (with everything below)"))
    include_hme = models.BooleanField(_("include SKR's nine HME items"), default=True)
    include_comment = models.BooleanField(_("ask for a free-text why"), default=True)
    min_answers = models.PositiveSmallIntegerField(
        _("fewest answers shown for a group"), default=5, validators=[MinValueValidator(MIN_K)]
    )
    min_answers_text = models.PositiveSmallIntegerField(
        _("fewest answers for comments and distributions"),
        default=10,
        validators=[MinValueValidator(MIN_K)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pulse")
        verbose_name_plural = _("pulses")

    def __str__(self) -> str:
        return self.name

    def has_answers(self) -> bool:
        return Response.objects.filter(wave__pulse=self).exists()

    def clean(self):
        if self.min_answers_text < self.min_answers:
            raise ValidationError(_("Comments need at least as many answers as figures."))
        if self.pk and self.has_answers():
            stored = Pulse.objects.get(pk=self.pk)
            if (
                self.min_answers < stored.min_answers
                or self.min_answers_text < stored.min_answers_text
            ):
                raise ValidationError(
                    _("Anonymity settings cannot be loosened once answers exist.")
                )


class WaveStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Wave(models.Model):
    """One round of a pulse, with its answer window."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="waves")
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    status = models.CharField(max_length=8, choices=WaveStatus.choices, default=WaveStatus.OPEN)

    class Meta:
        ordering = ["pulse", "opens"]
        constraints = [models.UniqueConstraint(fields=["pulse", "opens"], name="one_wave_a_day")]

    def __str__(self) -> str:
        return f"{self.pulse} {self.opens:%Y-%m-%d}"


class Invitation(models.Model):
    """Someone's single-use right to answer one wave. Knows only *whether* it was used."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # NULL, not "", once the code is gone: many invitations may lack one, and "" is not unique.
    token_hash = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="one_invitation_a_wave")
        ]

    def __str__(self) -> str:
        return f"{self.wave} #{self.pk}"


class Response(models.Model):
    """One confirmed answer: which wave and which unit it counts for, and the answers.

    A random primary key (not a sequence) and no time stamp keep it from being matched to the
    invitation that was used at the same moment.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    enps = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    comment = models.TextField(blank=True)
    language = models.CharField(max_length=2, default="sv")

    class Meta:
        indexes = [models.Index(fields=["wave", "unit"])]

    def __str__(self) -> str:
        return str(self.wave)


class ItemAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="items")
    item = models.CharField(max_length=32)
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    def __str__(self) -> str:
        return self.item
