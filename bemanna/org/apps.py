from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "bemanna.org"
    label = "org"
