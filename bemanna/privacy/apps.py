from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Data protection across the apps: the register extract (and erasure) and retention.

    Both read or delete data of every app, so this app lives at project level, above all of
    them; no app imports it."""

    name = "bemanna.privacy"
    label = "privacy"
