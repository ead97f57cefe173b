"""Pulse measurement of ambassadorship: pulses, their waves, invitations and answers.

Trust is built into the tables: an answer (`Response`) carries its wave and the unit it is
counted in, and nothing else: no person, no invitation, no code, no address, no time, no
language. While the window is open an invitation is not written when it is used: a `Claim`
under a keyed tag says so, which only the code key matches to it. Codes are stored as keyed
hashes (`bemanna.answering.codes`). When a wave closes, its answers are rewritten in random
order and its invitations become an unordered list without person, each saying whether it
was used (`services.close_wave`).
"""

import calendar
import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.disclosure import MIN_K
from bemanna.answering.sealed import SealedCharField
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.pulse import kinds
from bemanna.workforce.models import Person


class Schedule(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Purpose:
    """The codes of the built-in kinds of survey, for code that names one. What a pulse is
    for, its label and all the rest come from its kind (`bemanna.pulse.kinds`)."""

    AMBASSADORSHIP = ""
    PART_TIME = "part_time"
    RETIREMENT = "retirement"


class Languages(models.TextChoices):
    BOTH = "sv,en", _("Swedish and English")
    SWEDISH = "sv", _("Swedish only")


# The fields that choose who is invited, fixed once a pulse has answers (`Pulse.clean`).
TARGETING = ("profession_groups", "part_time_only", "min_age")


def sorted_if_list(value):
    return sorted(value) if isinstance(value, list) else value


class Pulse(models.Model):
    """A recurring measurement: who is asked, what, how often, and how anonymity is kept."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Who is asked: everyone monthly paid in the units' subtrees, narrowed by the filters.
    units = models.ManyToManyField(Unit, verbose_name=_("units (with everything below)"))
    profession_groups = models.JSONField(
        _("profession groups (none: all)"), default=list, blank=True
    )
    part_time_only = models.BooleanField(_("only staff working less than full time"), default=False)
    min_age = models.PositiveSmallIntegerField(
        _("only staff at least this old"),
        null=True,
        blank=True,
        validators=[MinValueValidator(16), MaxValueValidator(80)],
    )
    # What is asked.
    purpose = models.CharField(
        _("purpose"), max_length=kinds.CODE_LENGTH, choices=kinds.choices, blank=True, default=""
    )
    include_hme = models.BooleanField(_("include SKR's nine HME items"), default=True)
    include_comment = models.BooleanField(_("ask for a free-text why"), default=True)
    languages = models.CharField(
        _("languages"), max_length=8, choices=Languages.choices, default=Languages.BOTH
    )
    # When.
    schedule = models.CharField(
        _("schedule"), max_length=12, choices=Schedule.choices, default=Schedule.QUARTERLY
    )
    first_opens = models.DateField(_("first wave opens"), null=True, blank=True)
    window_days = models.PositiveSmallIntegerField(
        _("answer window (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("reminder after (days, 0 = none)"),
        default=7,
        validators=[MaxValueValidator(59)],
    )
    active = models.BooleanField(_("active (new waves open on schedule)"), default=True)
    # Anonymity.
    min_answers = models.PositiveSmallIntegerField(
        _("fewest answers shown for a group"),
        default=thresholds.min_group,
        validators=[MinValueValidator(MIN_K)],
    )
    min_answers_text = models.PositiveSmallIntegerField(
        _("fewest answers for comments and distributions"),
        default=thresholds.min_group_text,
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
        return bool(self.pk) and Response.objects.filter(wave__pulse=self).exists()

    def clean(self):
        # The installation's thresholds bind every figure (README, *Thresholds are the
        # installation's*): a pulse may raise its own, never go below them. HR could set
        # k = k_text = 3 over a population of three (the 56+ of one unit), and a manager
        # read each one's category and comment (an insider's twenty-fourth round).
        floors = {
            "min_answers": thresholds.min_group(),
            "min_answers_text": thresholds.min_group_text(),
        }
        below = {
            name: _("At least the installation's threshold, %(k)s.") % {"k": floor}
            for name, floor in floors.items()
            if getattr(self, name) is not None and getattr(self, name) < floor
        }
        if below:
            raise ValidationError(below)
        if self.min_answers_text < self.min_answers:
            raise ValidationError(_("Comments need at least as many answers as figures."))
        if self.reminder_after_days and self.reminder_after_days >= self.window_days:
            raise ValidationError(
                {"reminder_after_days": _("The reminder must go out before the window closes.")}
            )
        if self.pk and self.has_answers():
            stored = Pulse.objects.get(pk=self.pk)
            if (
                self.min_answers < stored.min_answers
                or self.min_answers_text < stored.min_answers_text
            ):
                raise ValidationError(
                    _("Anonymity settings cannot be loosened once answers exist.")
                )
            # Who is invited decides what past waves show (`WaveReport.chosen_by_person`):
            # cleared, a wave of the 60+ would show each unit's number invited, its 60+ on
            # the wave's day (an insider's eighth round, by code reading). Nor would the
            # waves before and after compare. A new pulse asks someone else.
            changed = [
                name
                for name in TARGETING
                if sorted_if_list(getattr(self, name)) != sorted_if_list(getattr(stored, name))
            ]
            if changed:
                raise ValidationError(
                    {
                        name: _(
                            "Who is invited cannot change once answers exist: start a new "
                            "pulse for other staff."
                        )
                        for name in changed
                    }
                )

    def opening_dates(self, until: datetime.date) -> list[datetime.date]:
        """Every scheduled opening from the first up to and including `until`."""
        if self.first_opens is None or self.first_opens > until:
            return []
        if self.schedule == Schedule.ONCE:
            return [self.first_opens]
        step = 1 if self.schedule == Schedule.MONTHLY else 3
        dates, number = [], 0
        while True:
            month = self.first_opens.month - 1 + step * number
            year = self.first_opens.year + month // 12
            month = month % 12 + 1
            last_day = calendar.monthrange(year, month)[1]
            date = datetime.date(year, month, min(self.first_opens.day, last_day))
            if date > until:
                return dates
            dates.append(date)
            number += 1

    def language_list(self) -> list[str]:
        return self.languages.split(",")


class QuestionKind(models.TextChoices):
    AGREE = "agree", _("Agree scale 1–5")
    CHOICE = "choice", _("Single choice")
    NUMBER = "number", _("Number")


class QuestionRole(models.TextChoices):
    """Which answers a targeted survey's lever is computed from."""

    NONE = "", "–"
    WILLING = "willing", _("Would you? (ja / kanske / nej)")
    NUMBER = "number", _("The rate wanted, or the years longer")


class Question(models.Model):
    """An extra item of a pulse, after the eNPS item (and HME when included)."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question (Swedish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.AGREE
    )
    choices = models.TextField(_("choices, one per line (Swedish)"), blank=True)
    choices_en = models.TextField(_("choices, one per line (English)"), blank=True)
    low = models.SmallIntegerField(_("lowest number"), default=0)
    high = models.SmallIntegerField(_("highest number"), default=100)
    role = models.CharField(max_length=8, choices=QuestionRole.choices, blank=True, default="")

    class Meta:
        ordering = ["pulse", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return f"q{self.pk}"

    def choice_list(self, language: str = "sv") -> list[str]:
        swedish = [c.strip() for c in self.choices.splitlines() if c.strip()]
        english = [c.strip() for c in self.choices_en.splitlines() if c.strip()]
        return english if language == "en" and len(english) == len(swedish) else swedish

    def label(self, language: str = "sv") -> str:
        return self.text_en if language == "en" and self.text_en else self.text

    def clean(self):
        if self.kind == QuestionKind.CHOICE:
            swedish = self.choice_list()
            if len(swedish) < 2:
                raise ValidationError({"choices": _("A single choice needs at least two choices.")})
            english = [c for c in self.choices_en.splitlines() if c.strip()]
            if english and len(english) != len(swedish):
                raise ValidationError(
                    {"choices_en": _("Give as many English choices as Swedish ones.")}
                )
        if self.kind == QuestionKind.NUMBER and self.low >= self.high:
            raise ValidationError({"high": _("The highest number must be above the lowest.")})


class WaveStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Wave(models.Model):
    """One round of a pulse, with its answer window."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="waves")
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    status = models.CharField(max_length=8, choices=WaveStatus.choices, default=WaveStatus.OPEN)
    # The unit tree the wave's results are computed over, kept from the day it opens
    # (org.frozen): moving a unit later must not change what was shown.
    tree = models.JSONField(null=True, blank=True, editable=False)
    # The thresholds the wave opened with: its figures are decided with them for good.
    # Decided again with a raised k, the units shown were another set, not a smaller one, and
    # a unit shown before less one shown after was a group of 1..k-1 (an insider's
    # nineteenth round). Raised on the pulse, they apply to the waves opened after.
    min_answers = models.PositiveSmallIntegerField(null=True, editable=False)
    min_answers_text = models.PositiveSmallIntegerField(null=True, editable=False)

    class Meta:
        ordering = ["pulse", "opens"]
        constraints = [models.UniqueConstraint(fields=["pulse", "opens"], name="one_wave_a_day")]

    def __str__(self) -> str:
        return f"{self.pulse} {self.opens:%Y-%m-%d}"

    @property
    def k(self) -> int:
        """The fewest answers its figures are shown for (the pulse's, kept at opening)."""
        return self.min_answers or self.pulse.min_answers

    @property
    def k_text(self) -> int:
        """The fewest answers for its comments and distributions (kept at opening)."""
        return self.min_answers_text or self.pulse.min_answers_text

    @property
    def reminder_on(self) -> datetime.date | None:
        days = self.pulse.reminder_after_days
        return self.opens + datetime.timedelta(days=days) if days else None


class Invitation(models.Model):
    """Someone's single-use right to answer one wave.

    While the window is open the invitation knows its person (to send the e-mail and the
    reminder) but not whether it was used: answering writes a `Claim`, not this row, so no
    copy of the database, no transaction id and no write-ahead log ties the answer stored in
    the same transaction to a person. When it closes, the person and every code go, and the
    wave's invitations are inserted again in random order keeping only the unit they are
    counted in and `used` (the e-mail, sent and reminder flags become the wave's
    `WaveTally`), so neither their ids nor their order follow the people invited.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # The unit the answer is stored under: the nearest at or above `unit` with at least the
    # wave's k invited in its subtree (`disclosure.counting_units`), so that no stored answer
    # names a team of one or two. Set when the wave opens (and by the migration for every
    # wave before); NULL only in rows an older migration writes.
    counted_unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    by_email = models.BooleanField(default=False)  # else on a printed sheet
    sent = models.BooleanField(default=False)
    reminded = models.BooleanField(default=False)
    used = models.BooleanField(default=False)
    # A targeted survey's breakdown (profession group, or age band), copied to the answer.
    segment = models.CharField(max_length=120, blank=True, default="", db_default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="one_invitation_a_wave")
        ]

    def __str__(self) -> str:
        return f"{self.wave} #{self.pk}"


class Claim(models.Model):
    """An invitation of an open wave used: its keyed tag (`answering.codes.claim_tag`), not
    its id. The tag's uniqueness makes a code count once however often it is posted; at
    close the wave's claims become its invitations' `used` and are deleted."""

    tag = models.CharField(max_length=64, primary_key=True)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.tag


class WaveTally(models.Model):
    """A closed wave's counts of invitations by e-mail, sent and reminded: kept for the waves
    page, no longer per invitation (where they would tell who had no address, or who had
    not answered by the reminder)."""

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, primary_key=True)
    by_email = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    reminded = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.wave)


class InvitationCode(models.Model):
    """The hash of a code that opens an invitation: the e-mailed link, a reminder, a sheet.

    An invitation may have several (the reminder's link works beside the first); all are
    deleted when the window closes.
    """

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail")
        REMINDER = "reminder", _("reminder")
        SHEET = "sheet", _("printed sheet")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)

    def __str__(self) -> str:
        return self.kind


class Response(models.Model):
    """One confirmed answer: which wave and which unit it counts for, and the answers.

    A random primary key (not a sequence) and no time stamp keep it from being matched to the
    invitation that was used at the same moment; at close the wave's answers are rewritten
    in key order, so neither the storage order nor the key order follows arrival. The
    language the form was shown in is not kept: in a small group it could single one out.
    The HME indices are worked out from the items when the answer is stored, so results are
    sums in the database, not a pass over every item.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    enps = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    comment = models.TextField(blank=True)
    hme = models.FloatField(null=True)
    hme_motivation = models.FloatField(null=True)
    hme_leadership = models.FloatField(null=True)
    hme_governance = models.FloatField(null=True)
    # A targeted survey's breakdown (an age band, a profession group), sealed: most cells of
    # unit and segment hold one or two people, whom the HR tables name (`answering.sealed`).
    segment = SealedCharField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["wave", "unit"])]

    def __str__(self) -> str:
        return str(self.wave)


class ItemAnswer(models.Model):
    """One item's answer: an HME item (1–5) or an extra question (its scale, choice index or
    number)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    item = models.CharField(max_length=32)
    value = models.SmallIntegerField()

    class Meta:
        # By answer, with what each answer said: a wave's answers' statements are read from
        # the index alone (the key drivers, `statements._complete_answers`). It stands in for
        # the foreign key's own index, so an answer still writes one index entry per item.
        indexes = [
            models.Index(fields=["response", "item", "value"], name="pulse_item_by_response")
        ]

    def __str__(self) -> str:
        return self.item


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Dialogue(models.Model):
    """The team's conversation about a wave's results, as the manager records it."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="dialogues")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("held on"))
    participants = models.PositiveSmallIntegerField(
        _("how many took part"), validators=[MinValueValidator(1)]
    )
    discussed = models.TextField(_("what was discussed"))
    agreed = models.TextField(_("what the team agreed"), blank=True, default="")
    open_questions = models.TextField(
        _("questions still open, for the next dialogue"), blank=True, default=""
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "unit"], name="one_dialogue_a_wave_and_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.held_on}"


class Action(models.Model):
    """What a team agreed to do after a dialogue; followed up at the next one."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=120)
    due = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text
