from django.apps import AppConfig


class ExitsConfig(AppConfig):
    name = "bemanna.exits"
    verbose_name = "Avgångsenkät"
