from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bemanna.accounts"
    label = "accounts"

    def ready(self):
        from bemanna import checks  # noqa: F401  (registers the system checks)
        from bemanna.accounts import signals  # noqa: F401  (the audit log of accounts)
