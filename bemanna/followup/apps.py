from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "bemanna.followup"
    verbose_name = _("From results to action")
