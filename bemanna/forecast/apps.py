from django.apps import AppConfig


class ForecastConfig(AppConfig):
    name = "bemanna.forecast"
    label = "forecast"
