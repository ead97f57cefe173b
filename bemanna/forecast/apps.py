from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "bemanna.forecast"
    verbose_name = _("Forecast")
    label = "forecast"

    def ready(self):
        # A region's first HR extract gets the baseline scenario "Nuläge" (services).
        from bemanna.forecast import services
        from bemanna.workforce.services import employments_imported

        employments_imported.connect(
            services.baseline_made, dispatch_uid="forecast-baseline", weak=False
        )
        # What Historik shows of its years is decided for the region before anyone asks.
        from bemanna import generation
        from bemanna.forecast import pages, shown_past

        generation.register_warmer("history", shown_past.warm)
        # Then the pages the whole-region roles open first: Historik and Träffsäkerhet.
        generation.register_warmer("history-pages", pages.warm)
