from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.org.models import Unit


class Sex(models.TextChoices):
    WOMAN = "K", _("Woman")
    MAN = "M", _("Man")


class EmploymentForm(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    HOURLY = "hourly", _("Hourly paid")


class EndReason(models.TextChoices):
    OWN_REQUEST = "own_request", _("Own request")
    RETIREMENT = "retirement", _("Retirement")
    DISABILITY_PENSION = "disability_pension", _("Disability pension")
    DISMISSAL = "dismissal", _("Dismissal")
    DEATH = "death", _("Death")
    FIXED_TERM_ENDED = "fixed_term_ended", _("Fixed term ended")
    OTHER = "other", _("Other")


class Profession(models.Model):
    """A profession (befattning), keyed by AID code or name, in an SKR profession group."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    skr_group = models.CharField(_("SKR profession group"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self) -> str:
        return self.name


class GroupMapping(models.Model):
    """HR's own row mapping an AID or BSK code to an SKR profession group, on top of the
    shipped, versioned table (`analysis/professions.py`): it wins over the shipped row for
    its code; the extract's own Yrkesgrupp still wins over both."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    group = models.CharField(_("SKR profession group"), max_length=120)
    note = models.CharField(_("note"), max_length=400, blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("SKR group mapping")
        verbose_name_plural = _("SKR group mappings")

    def __str__(self) -> str:
        return f"{self.code} → {self.group}"


class Person(models.Model):
    """An employee, known only by a keyed pseudonym: never by personnummer or name."""

    pseudonym = models.CharField(max_length=64, unique=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # Only for pulse invitations; from the extract's optional E-post column.
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.pseudonym[:10]


class PersonAlias(models.Model):
    """Another keyed pseudonym of a person: of the Anst.nr an HR extract gave beside the
    personnummer, so that the sick-leave, hours and plan files may name people by either
    (as the README's examples do). Never the number itself."""

    pseudonym = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self) -> str:
        return self.pseudonym[:10]


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        EMPLOYMENTS = "employments", _("Employments")
        UNITS = "units", _("Unit tree")
        SICK_LEAVE = "sick_leave", _("Sick-leave spells")
        HOURS = "hours", _("Scheduled hours")
        COSTS = "costs", _("Personnel costs")
        PLANS = "plans", _("Competence plans")
        KOLADA = "kolada", _("Kolada: other regions' key figures")

    kind = models.CharField(_("kind of file"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, db_index=True)
    created = models.DateTimeField(_("imported"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("imported by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # An HR extract's codes without an SKR group: [code, name, rows], most rows first.
    unmapped = models.JSONField(_("codes without an SKR group"), default=list, blank=True)
    # An HR extract's end reasons the reader did not know, counted as "other": [value, rows].
    unknown_reasons = models.JSONField(_("unknown end reasons"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.created:%Y-%m-%d})"


class Employment(models.Model):
    key = models.CharField(max_length=255, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employments")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="employments")
    form = models.CharField(_("employment form"), max_length=16, choices=EmploymentForm.choices)
    rate = models.DecimalField(_("employment rate %"), max_digits=5, decimal_places=2)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL)

    class Meta:
        indexes = [models.Index(fields=["start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lte=100), name="rate_0_100"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="end_after_start",
            ),
        ]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"{self.person} {self.profession} {self.unit.code} {self.start}"


class KeptExtract(models.Model):
    """The HR extract's rows as published when one or more periods (closed years, or final
    months of the year not yet closed) were first shown (`frames.employments`): every figure
    of those periods is computed from these rows up to the last one's seam for good, and what
    arrives about them later counts from the day after (`analysis.published`). The rows are
    the extract as every earlier kept one had published it then, so the last kept rows hold
    what every earlier period showed. Person ids only (no personnummer, no name), as in
    `Employment`; the retention job deletes from it what it deletes from `Employment`."""

    taken = models.DateTimeField(auto_now_add=True)
    batch = models.PositiveIntegerField()  # the latest import then (`frames.data_version`)
    pruned = models.PositiveIntegerField(default=0)  # times the retention job rewrote it
    rows = models.BinaryField()  # Parquet: `frames.RAW`'s columns

    class Meta:
        verbose_name = _("kept extract")
        verbose_name_plural = _("kept extracts")

    def __str__(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M}"


class KeptYear(models.Model):
    """A period first shown and the extract its figures were first computed from: a closed
    year (`month` 12, its December's), or a final month of the year not yet closed
    (`retention.last_final_month`). Once the year is closed, its months' rows are the year's
    (`frames.publish` deletes them)."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(default=12)
    extract = models.ForeignKey(KeptExtract, on_delete=models.PROTECT, related_name="years")

    class Meta:
        ordering = ["year", "month"]
        verbose_name = _("kept period")
        verbose_name_plural = _("kept periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="kept_year_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}" if self.month == 12 else f"{self.year}-{self.month:02d}"
