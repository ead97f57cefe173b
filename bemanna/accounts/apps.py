from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bemanna.accounts"
    verbose_name = _("Accounts and roles")
    label = "accounts"

    def ready(self):
        from bemanna import checks  # noqa: F401  (registers the system checks)
        from bemanna.accounts import signals  # noqa: F401  (the audit log of accounts)
