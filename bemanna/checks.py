"""System checks: production must not run with the development secrets."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def secrets_are_set(app_configs, **kwargs):
    if settings.DEBUG or not settings.SECRET_KEY_IS_DEFAULT:
        return []
    return [
        Error(
            "BEMANNA_SECRET_KEY and BEMANNA_PSEUDONYM_KEY must be set to long random values "
            "when BEMANNA_DEBUG is off.",
            id="bemanna.E001",
        )
    ]
