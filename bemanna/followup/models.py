"""Themes for the pulse's comments (HR's list, with keywords), and the nudges already sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bemanna.analysis import themes

# The region's starting list (migration 0002 writes it; the demo writes it again after a test
# database is flushed).
DEFAULT_THEMES = (
    (
        "Arbetsbelastning",
        "arbetsbelastning, stress, hinner, hinna, för få, underbemann, "
        "tempo, övertid, press, sjuk, slit, trött",
    ),
    (
        "Bemanning och schema",
        "schema, bemanning, helg, natt, kväll, pass, ledig, semester, "
        "vikarie, inhyrd, bemanningsföretag",
    ),
    (
        "Ledarskap",
        "chef, ledning, ledare, ledarskap, lyssnar, återkoppling, förtroende, uppskattning, stöd",
    ),
    (
        "Kollegor och samarbete",
        "kolleg, arbetskamrat, samarbete, gemenskap, team, stämning, sammanhållning, hjälps",
    ),
    ("Lön och villkor", "lön, löne, ersättning, förmån, villkor, tillägg, pension"),
    (
        "Utveckling och kompetens",
        "utveckl, utbildning, kompetens, lär, karriär, specialist, handledning, introduktion",
    ),
    (
        "Arbetsmiljö och lokaler",
        "arbetsmiljö, lokal, utrustning, datorer, system, journal, ljud, parkering, omklädning",
    ),
    (
        "Meningsfullt arbete",
        "meningsfull, patient, stolt, roligt, trivs, glädje, engagemang, bidra",
    ),
)


class CommentTheme(models.Model):
    """A theme the comments are grouped by; HR edits the list and its Swedish keywords."""

    name = models.CharField(_("theme"), max_length=80, unique=True)
    keywords = models.TextField(
        _("keywords"),
        help_text=_(
            "Separated by commas or new lines. A keyword matches the start of a word, "
            "in any case: “stress” also finds “stressigt”."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("comment theme")
        verbose_name_plural = _("comment themes")

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return themes.keywords(self.keywords)

    @classmethod
    def table(cls) -> dict[str, list[str]]:
        return {t.name: t.keyword_list() for t in cls.objects.filter(active=True)}

    @classmethod
    def seed_defaults(cls) -> None:
        for position, (name, words) in enumerate(DEFAULT_THEMES):
            cls.objects.get_or_create(name=name, defaults={"keywords": words, "position": position})


class NudgeKind(models.TextChoices):
    RESULTS_READY = "results_ready", _("Results are ready")
    DIALOGUE_DUE = "dialogue_due", _("The team dialogue is due")
    ACTION_OVERDUE = "action_overdue", _("An action is overdue")
    LOW_RESPONSE = "low_response", _("Low response rate before the wave closes")
    HR_DIGEST = "hr_digest", _("Weekly digest to HR of what is overdue")


class NudgeSent(models.Model):
    """A reminder that went out: each (kind, key) once, never twice."""

    kind = models.CharField(max_length=16, choices=NudgeKind.choices)
    key = models.CharField(max_length=120)  # what it was about, e.g. "wave 7, unit 12"
    to = models.EmailField()
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "to"], name="one_nudge_each")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
