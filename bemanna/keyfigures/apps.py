from django.apps import AppConfig


class KeyFiguresConfig(AppConfig):
    name = "bemanna.keyfigures"
    verbose_name = "Nyckeltal"
