"""Sick leave and scheduled hours: health data, kept per pseudonymous person only.

Only aggregates are shown, and to managers only for groups large enough (see views); the
person-level rows are never shown on a page.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.keyfigures import figures
from bemanna.org.models import PublishedYear as PublishedYear  # shared with the history page
from bemanna.org.models import Unit
from bemanna.workforce.models import ImportBatch, Person


class SickLeaveSpell(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # open while the person is still sick
    extent = models.FloatField(validators=[MinValueValidator(1), MaxValueValidator(100)])
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "start"], name="one_spell_a_start")
        ]

    def __str__(self) -> str:
        return f"{self.start}"


class ScheduledHours(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first of the month
    hours = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(400)])
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="one_schedule_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class CompetencePlan(models.Model):
    """Whether a person has an individual competence plan (the latest import says).

    When the person is erased, the row stays without them, under the id their rows in the
    kept copies got (`detached`, `published.surrogates`), as long as those rows do
    (`services.prune_kept_health`): the share of a plan file's day counts them
    (`KeyFigures.staff`), and without their plan it would move by theirs."""

    person = models.OneToOneField(Person, null=True, on_delete=models.CASCADE, related_name="+")
    detached = models.IntegerField(null=True, blank=True)
    has_plan = models.BooleanField()
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return str(self.has_plan)


class PlanStatus(models.Model):
    """Who had a competence plan as a plan file left it (`CompetencePlan` after its import),
    one row a person and file, kept with the file's import batch: each file moves the day
    whose staff the share counts, and its share beside an earlier file's is shown only where
    the people whose presence or plan differ between the two are 0 or at least k
    (`KeyFigures._plan_units`). An erased person's rows stay under their kept id
    (`detached`), as their `CompetencePlan` does."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, null=True, on_delete=models.CASCADE, related_name="+")
    detached = models.IntegerField(null=True, blank=True)
    has_plan = models.BooleanField()

    def __str__(self) -> str:
        return str(self.has_plan)


class PersonnelCost(models.Model):
    """A unit's personnel costs in a month; hired staff may be split by profession group
    (rows with a group), the rest is on the row without one."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    profession_group = models.CharField(max_length=120, blank=True)
    own_cost = models.FloatField(default=0, validators=[MinValueValidator(0)])
    hired_cost = models.FloatField(default=0, validators=[MinValueValidator(0)])
    pool_hours = models.FloatField(default=0, validators=[MinValueValidator(0)])
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "profession_group"], name="one_cost_row_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


# The key figures a target can be set for, from the table of figures (same values, labels
# and order as before, so the field's choices, and the migrations, are unchanged).
Figure = models.TextChoices(
    "Figure", [(row.name.upper(), (row.name, row.label)) for row in figures.with_targets()]
)
LOWER_IS_BETTER = {
    Figure(row.name) for row in figures.with_targets() if row.direction is figures.Direction.LOWER
}


class Target(models.Model):
    """A target for a figure: for the whole region (no unit) or for a unit and everything
    below it. A unit's target is the one set nearest above it (itself included)."""

    figure = models.CharField(_("figure"), max_length=20, choices=Figure.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole region."),
    )
    # Its range is the figure's row's (`KeyFigure.target_range`), checked in `clean`.
    value = models.FloatField(
        _("target"),
        help_text=_(
            "Per cent for shares (e.g. 2 for 2 %), points for eNPS, otherwise in the figure's unit."
        ),
    )

    class Meta:
        verbose_name = _("key-figure target")
        verbose_name_plural = _("key-figure targets")
        constraints = [
            models.UniqueConstraint(fields=["figure", "unit"], name="one_target_a_unit"),
            models.UniqueConstraint(
                fields=["figure"],
                condition=models.Q(unit__isnull=True),
                name="one_region_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_figure_display()}: {self.value}"

    def clean(self) -> None:
        """The value within its figure's range, as entered (per cent for a share)."""
        row = figures.FIGURES.get(self.figure)
        if row is None or self.value is None:
            return
        low, high = row.target_range
        if low <= self.value <= high:
            return
        values = {"figure": row.label, "low": f"{low:g}", "high": f"{high:g}"}
        message = (
            _("A target for %(figure)s is %(low)s or more.")
            if high == math.inf
            else _("A target for %(figure)s is between %(low)s and %(high)s.")
        )
        raise ValidationError({"value": message % values})


class EarlyContact(models.Model):
    """Occupational health's call to the manager when a spell reaches day 8–10 (seed 004):
    health data, seen only by the occupational-health role and deleted with the spell or after
    `BEMANNA_EARLY_CONTACT_MONTHS`. When its person is erased, the call stays without its
    spell (no person, only the day and the two ticks) until then: the months' counts of calls
    shown (`early.counts`) would otherwise lose it, and before minus after say that the erased
    person was called, and when."""

    spell = models.OneToOneField(
        SickLeaveSpell, null=True, on_delete=models.CASCADE, related_name="contact"
    )
    called_on = models.DateField(_("called on"))
    # Not ticked in advance: a call that did not reach the manager stays on the retry list.
    manager_reached = models.BooleanField(_("manager reached"), default=False)
    rehab_meeting = models.BooleanField(_("rehabilitation meeting booked"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.called_on}"


class Benchmark(models.Model):
    """A key figure Kolada published for the country (area 0000) or a region (0001–0025) in
    a year, scaled as the figures keep it (a share as 0–1). Public data, no person in it."""

    kpi = models.CharField(max_length=20)
    area = models.CharField(max_length=4)
    area_name = models.CharField(max_length=120, blank=True)
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=1)  # T, K or M as Kolada writes it
    value = models.FloatField()
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "area", "year", "gender"], name="one_benchmark_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.area} {self.year} {self.gender}"


class KeptCosts(models.Model):
    """The personnel costs as published when one or more periods' key figures (closed
    years, or final months of the year not yet closed) were first shown
    (`services.published_costs`): those periods' costs are computed from these rows for
    good, and a row arriving later about them counts nowhere (the region's kronor before
    minus after would be one unit's: a ward's month in a second file gave its pay)."""

    taken = models.DateTimeField(auto_now_add=True)
    batch = models.PositiveIntegerField()  # the latest import then
    rows = models.BinaryField()  # Parquet: unit, month, profession_group, own_cost, ...

    def __str__(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M}"


class KeptPeriod(models.Model):
    """A period (a closed year, `month` 12, or a final month) and the rows its key figures
    were first computed from (`kept`, in each subclass)."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(default=12)

    class Meta:
        abstract = True
        ordering = ["year", "month"]

    def __str__(self) -> str:
        return f"{self.year}" if self.month == 12 else f"{self.year}-{self.month:02d}"


class KeptCostsYear(KeptPeriod):
    """A period and the cost rows its key figures were first computed from."""

    kept = models.ForeignKey(KeptCosts, on_delete=models.PROTECT, related_name="years")

    class Meta(KeptPeriod.Meta):
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="kept_costs_year_month_unique")
        ]


class KeptHealth(models.Model):
    """The sick-leave spells and scheduled hours as published when one or more periods'
    key figures (closed years, or final months of the year not yet closed) were first shown
    (`services.published_health`): those periods' figures are computed from these rows up
    to the last one's end for good, and a spell or hours arriving later about them count
    nowhere (a figure before minus after would be one person's sick leave). Person ids only,
    as in `SickLeaveSpell`; a person the retention job deletes is gone from these rows too."""

    taken = models.DateTimeField(auto_now_add=True)
    batch = models.PositiveIntegerField()  # the latest import then
    pruned = models.PositiveIntegerField(default=0)  # times the retention job rewrote it
    spells = models.BinaryField()  # Parquet: person, start, end, extent
    hours = models.BinaryField()  # Parquet: person, month, hours

    def __str__(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M}"


class KeptHealthYear(KeptPeriod):
    """A period and the sick-leave rows its key figures were first computed from."""

    kept = models.ForeignKey(KeptHealth, on_delete=models.PROTECT, related_name="years")

    class Meta(KeptPeriod.Meta):
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="kept_health_year_month_unique")
        ]
