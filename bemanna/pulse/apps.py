from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulseConfig(AppConfig):
    name = "bemanna.pulse"
    verbose_name = _("Pulse")
    label = "pulse"

    def ready(self):
        # Each module of bemanna/pulse/kinds/ registers a kind of survey.
        from bemanna.pulse import kinds

        kinds.autodiscover()
