from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "bemanna.workforce"
    verbose_name = _("Staff")
    label = "workforce"
