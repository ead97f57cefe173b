from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "bemanna.pulse"
    label = "pulse"
