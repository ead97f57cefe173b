from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "bemanna.plan"
    verbose_name = "Handlingsplan"
