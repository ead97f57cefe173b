from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "bemanna.forecast"
    verbose_name = _("Forecast")
    label = "forecast"
