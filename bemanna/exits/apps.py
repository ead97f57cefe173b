from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExitsConfig(AppConfig):
    name = "bemanna.exits"
    verbose_name = _("Exit survey")
