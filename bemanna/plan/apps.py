from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "bemanna.plan"
    verbose_name = _("Proposals and actions")
