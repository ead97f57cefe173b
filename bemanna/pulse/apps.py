from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "bemanna.pulse"
    label = "pulse"

    def ready(self):
        # Each module of bemanna/pulse/kinds/ registers a kind of survey.
        from bemanna.pulse import kinds

        kinds.autodiscover()
