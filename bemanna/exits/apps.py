from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExitsConfig(AppConfig):
    name = "bemanna.exits"
    verbose_name = _("Exit survey")

    def ready(self):
        # The history page (a floor below) shows the leavers by reason per year, but not for
        # the years this survey shows them per block: it is told which years those are.
        from bemanna.exits import results
        from bemanna.forecast import years

        years.register_surveyed(results.surveyed)
