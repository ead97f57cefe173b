"""Sick leave and scheduled hours: health data, kept per pseudonymous person only.

Only aggregates are shown, and to managers only for groups large enough (see views); the
person-level rows are never shown on a page.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

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
