from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bemanna.accounts"
    label = "accounts"

    def ready(self):
        from bemanna import checks  # noqa: F401  (registers the system checks)
