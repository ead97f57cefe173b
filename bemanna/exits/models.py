"""The exit survey (seeds 002, 003): why people leave, asked anonymously when an employment
ends, and shown only in groups large enough, pooled over fixed blocks of years.

An invitation knows its employment only until its window closes, and is then deleted; an
answer never knows its invitation. What an answer keeps is what the results are broken down
by: the unit and the profession group (both sealed, `answering.sealed`) and the year the
employment ended. Its key is random,
and the answers of a year are rewritten in key order whenever an invitation of that year
closes (`services.close_expired`), so the stored order does not follow arrival.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.disclosure import MIN_K
from bemanna.answering.sealed import SealedCharField, SealedIntegerField
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.workforce.models import EndReason


class ExitReason(models.Model):
    """A reason a leaver can give; the list is HR's to change (admin)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered in the survey"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("exit reason")
        verbose_name_plural = _("exit reasons")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str = "sv") -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class ExitSurveyConfig(models.Model):
    """The exit survey's settings (one row)."""

    excluded_end_reasons = models.JSONField(
        _("end reasons not asked"),
        default=list,
        blank=True,
        help_text=_("HR system end reasons that get no invitation, e.g. death."),
    )
    min_answers = models.PositiveSmallIntegerField(
        _("fewest answers behind a figure"),
        default=thresholds.min_group,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(50)],
    )
    pool_years = models.PositiveSmallIntegerField(
        _("years pooled in each result"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "Results are shown for fixed blocks of this many calendar years (e.g. 2024–2025), "
            "the same for every unit and group, once the block has ended."
        ),
    )
    window_days = models.PositiveSmallIntegerField(
        _("days to answer"), default=30, validators=[MinValueValidator(7), MaxValueValidator(90)]
    )
    days_before = models.PositiveSmallIntegerField(
        _("invite this many days before the last day"),
        default=14,
        validators=[MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("exit-survey settings")
        verbose_name_plural = _("exit-survey settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> ExitSurveyConfig:
        config, _created = cls.objects.get_or_create(
            pk=1, defaults={"excluded_end_reasons": [EndReason.DEATH]}
        )
        return config

    def clean(self):
        unknown = set(self.excluded_end_reasons or []) - set(EndReason.values)
        if unknown:
            raise ValidationError(
                {"excluded_end_reasons": _("Unknown end reason: %(r)s") % {"r": ", ".join(unknown)}}
            )
        if self.min_answers is not None and self.min_answers < thresholds.min_group():
            # As a pulse's: the installation's k binds every figure (round 24).
            raise ValidationError(
                {
                    "min_answers": _("At least the installation's threshold, %(k)s.")
                    % {"k": thresholds.min_group()}
                }
            )
        if self.pk and ExitAnswer.objects.exists():
            stored = ExitSurveyConfig.objects.get(pk=self.pk)
            if self.min_answers < stored.min_answers or self.pool_years != stored.pool_years:
                # A lower threshold, or blocks cut differently, would let one subtract old
                # results from new ones.
                raise ValidationError(
                    _(
                        "Once answers exist the threshold can only be raised, and the years "
                        "pooled cannot change."
                    )
                )


class ExitInvited(models.Model):
    """That an employment has had its invitation (a keyed hash of its key): never twice,
    even after the invitation has let go of the employment."""

    key_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.key_hash[:10]


class ExitInvitation(models.Model):
    employment = models.ForeignKey(
        "workforce.Employment", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=120, blank=True)
    year = models.PositiveSmallIntegerField()  # the year the employment ends
    end_reason = models.CharField(max_length=20, blank=True)
    opens = models.DateField()
    closes = models.DateField()
    # NULL, not "", once the code is gone: many invitations without one, yet each code unique.
    code_hash = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001
    by_email = models.BooleanField(default=False)
    sent = models.BooleanField(default=False)
    used = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["closes"]), models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.year}"


class ExitClaim(models.Model):
    """An exit invitation used, under its keyed tag (`answering.codes.claim_tag`), not its
    id: the invitation's row is not written when it is used, so the transaction that stored
    the answer (PostgreSQL's `xmin`), the write-ahead log, or two copies of the database
    around it name no leaver (an insider's twentieth round: one join on `xmin` named every
    answer of an open window). Deleted with the other claims of its year once every
    invitation of the year has closed: deleted with its own invitation, a claim that went the
    night one leaver's window closed paired its tag with that leaver, and its transaction
    with the answer's (an insider's twenty-first round)."""

    tag = models.CharField(max_length=64, primary_key=True)
    year = models.PositiveSmallIntegerField(db_index=True)  # the invitation's

    def __str__(self) -> str:
        return self.tag


class ComeBack(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class ExitAnswer(models.Model):
    """One leaver's answer: not linked to the invitation, so not to the person. Its unit (an
    id) and profession group are sealed (`answering.sealed`): most of a region's cells of
    unit, group and year hold one leaver, whom the HR tables name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    unit = SealedIntegerField()
    group = SealedCharField(blank=True)
    year = models.PositiveSmallIntegerField()
    main_reason = models.ForeignKey(ExitReason, on_delete=models.PROTECT, related_name="+")
    other_reasons = models.JSONField(default=list, blank=True)  # reason codes
    come_back = models.CharField(max_length=5, choices=ComeBack.choices, blank=True)
    enps = models.PositiveSmallIntegerField(null=True, validators=[MaxValueValidator(10)])
    would_have_stayed = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.year}"


class ExitBlockTree(models.Model):
    """The unit tree a block of years was first shown over (org.frozen): the block is always
    computed over it, so moving a unit later changes nothing that was shown."""

    start = models.PositiveSmallIntegerField()
    end = models.PositiveSmallIntegerField()
    tree = models.JSONField()
    # The thresholds (k, k_text) the block was first shown with, for good: decided again
    # with a raised one, the units shown were another set, not a smaller one, and a unit
    # shown before less one shown after was a group of 1..k-1 (an insider's nineteenth
    # round). A raised setting applies to the blocks shown after.
    min_group = models.PositiveSmallIntegerField(null=True)
    min_group_text = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["start", "end"], name="one_tree_a_block")]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
