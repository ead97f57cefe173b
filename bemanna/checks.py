"""System checks: production must not run with the development secrets, nor half an SSO."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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


@register()
def pseudonym_key_is_own(app_configs, **kwargs):
    """Production keeps the pseudonyms under a key of their own, never SECRET_KEY's."""
    if settings.DEBUG or settings.PSEUDONYM_KEY_IS_OWN:
        return []
    return [
        Error(
            "BEMANNA_PSEUDONYM_KEY is not set: when BEMANNA_DEBUG is off the pseudonyms need a "
            "key of their own (a long random value, kept apart from BEMANNA_SECRET_KEY and "
            "never changed once people are imported).",
            hint="To try a command on the demo that `make run` built (with development keys): "
            "BEMANNA_DEBUG=1 .venv/bin/bemanna COMMAND.",
            id="bemanna.E003",
        )
    ]


@register()
def single_sign_on_is_complete(app_configs, **kwargs):
    """A client id without its secret or the provider's issuer would fail only at the first
    login. The endpoints come from the issuer's discovery document unless set one by one."""
    if not settings.OIDC_ENABLED:
        return []
    needed = {
        "BEMANNA_OIDC_CLIENT_SECRET": settings.OIDC_RP_CLIENT_SECRET,
        "BEMANNA_OIDC_ISSUER": settings.OIDC_OP_ISSUER,
    }
    missing = [name for name, value in needed.items() if not value]
    if not missing:
        return []
    return [
        Error(
            "Single sign-on is on (BEMANNA_OIDC_CLIENT_ID) but these are not set: "
            + ", ".join(missing),
            id="bemanna.E002",
        )
    ]


@register(Tags.database)
def sealed_values_open(app_configs, **kwargs):
    """The sealed values answers keep (`answering.sealed`) open with this pseudonym key: a
    changed or lost key makes the exit survey's and targeted surveys' breakdowns unreadable,
    so say so before a page fails. Run by `bemanna check --database default` and `migrate`."""
    from django.core.exceptions import ImproperlyConfigured

    from bemanna.answering.sealed import try_every_sealed_field

    try:
        try_every_sealed_field()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="bemanna.E004")]
    return []
