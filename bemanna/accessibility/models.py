"""A report of an accessibility fault, sent from the accessibility statement to HR."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FaultReport(models.Model):
    page = models.CharField(_("Page"), max_length=300, blank=True)
    description = models.TextField(_("What does not work"))
    contact = models.CharField(
        _("E-mail or phone, if you want an answer"), max_length=200, blank=True
    )
    received = models.DateTimeField(_("Received"), auto_now_add=True)
    handled = models.BooleanField(_("Handled"), default=False)

    class Meta:
        ordering = ["-received"]
        verbose_name = _("accessibility fault report")
        verbose_name_plural = _("accessibility fault reports")

    def __str__(self) -> str:
        return f"{self.received:%Y-%m-%d} {self.description[:60]}"
