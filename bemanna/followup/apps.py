from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "bemanna.followup"
    verbose_name = "Från resultat till åtgärd"
