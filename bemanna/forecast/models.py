import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.forecast import Levers


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
    return datetime.date(timezone.localdate().year - 1, 12, 31)


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
