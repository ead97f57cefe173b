from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "bemanna.workforce"
    label = "workforce"
