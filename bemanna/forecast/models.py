import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.forecast import Levers
from bemanna.workforce.retention import last_closed_year


class PopulationProjection(models.Model):
    """A county population projection by age group and year (SCB publishes one per county)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("population projection")
        verbose_name_plural = _("population projections")

    def __str__(self) -> str:
        return self.name


class PopulationFigure(models.Model):
    projection = models.ForeignKey(
        PopulationProjection, on_delete=models.CASCADE, related_name="figures"
    )
    year = models.PositiveSmallIntegerField()
    age_group = models.CharField(max_length=10)
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["projection", "year", "age_group"], name="one_figure_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.age_group}: {self.population}"


def default_base_date() -> datetime.date:
    return datetime.date(last_closed_year(timezone.localdate()), 12, 31)


class Scenario(models.Model):
    """A named set of forecast assumptions: levers, horizon, draws, population projection."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    base_date = models.DateField(_("base date"), default=default_base_date)
    horizon = models.PositiveSmallIntegerField(_("horizon (year)"), default=2035)
    draws = models.PositiveIntegerField(_("Monte Carlo draws"), default=1000)
    seed = models.PositiveIntegerField(_("random seed"), default=1)
    projection = models.ForeignKey(
        PopulationProjection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("population projection"),
    )
    levers = models.JSONField(default=dict, blank=True)
    # Per profession group: hired-staff FTE, vacant FTE and sick leave %, when known.
    inputs = models.JSONField(default=dict, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    is_main = models.BooleanField(_("main scenario (used in the board report)"), default=False)
    # Which targeted surveys set levers: [{"lever", "survey", "closes", "answers", "groups",
    # "fallback"}], cited on the page and in the report.
    survey_sources = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-is_main", "name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name

    def get_levers(self) -> Levers:
        return Levers.from_dict(self.levers or {})

    def copy(self, *, name: str, author) -> "Scenario":
        """A new scenario with the same assumptions, remembering where it came from."""
        return Scenario.objects.create(
            name=name,
            description=self.description,
            author=author,
            base_date=self.base_date,
            horizon=self.horizon,
            draws=self.draws,
            seed=self.seed,
            projection=self.projection,
            levers=self.levers,
            inputs=self.inputs,
            survey_sources=self.survey_sources,
            copied_from=self,
        )


class GroupCost(models.Model):
    """What a profession group's own staff cost and what hired staff cost instead, kept by HR.

    The row with a blank group holds every other group (it cannot be deleted). A row seeded
    with Bemanna (`is_default`) says where its figures come from; HR replaces them with the
    region's own salaries and prices and the page then shows who changed what and when.
    """

    group = models.CharField(_("profession group"), max_length=120, unique=True, blank=True)
    monthly_salary = models.PositiveIntegerField(
        _("average monthly salary, full time (kr)"),
        validators=[MinValueValidator(10_000), MaxValueValidator(300_000)],
    )
    social_fees = models.DecimalField(
        _("personnel overhead, PO (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hired_factor = models.DecimalField(
        _("hired staff cost × own staff cost"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(5)],
    )
    source = models.CharField(_("source"), max_length=400)
    is_default = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["group"]
        verbose_name = _("cost per profession group")
        verbose_name_plural = _("costs per profession group")

    def __str__(self) -> str:
        return self.group or str(_("Every other group"))

    def per_fte_year(self) -> float:
        """Own staff's cost per FTE and year: 12 × the monthly salary × (1 + PO)."""
        return 12 * self.monthly_salary * (1 + float(self.social_fees) / 100)


class EducationPipeline(models.Model):
    """Graduates a profession group can expect each year from the region's educations, kept
    by HR: students a year × who complete × share the region hires. Each row feeds the
    forecast's education lever for its group (a scenario's own value for the group wins)."""

    group = models.CharField(_("profession group"), max_length=120, unique=True)
    students = models.PositiveIntegerField(
        _("students a year"), validators=[MaxValueValidator(10_000)]
    )
    completion = models.DecimalField(
        _("who complete (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hired = models.DecimalField(
        _("of them hired by the region (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("source"), max_length=400)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["group"]
        verbose_name = _("education pipeline")
        verbose_name_plural = _("education pipelines")

    def __str__(self) -> str:
        return self.group

    def hires_per_year(self) -> float:
        return self.students * float(self.completion) / 100 * float(self.hired) / 100
