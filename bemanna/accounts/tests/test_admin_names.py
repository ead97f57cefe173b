"""Issue 18, the new user's finding 5: the admin index named django-axes's and django-otp's
apps and models in English ("Access attempts", "Otp_Totp", "TOTP devices")."""

from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.tests.test_cli import swedish

ENGLISH = ("Access attempts", "Access failures", "Access logs", "Otp_Totp", "TOTP devices", "Axes")


def test_the_admin_index_names_other_apps_in_swedish(client, superuser):
    client.login(username="root", password=PASSWORD)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Spärrar" in page and "Andra faktor" in page
    for name in ENGLISH:
        assert f">{name}<" not in page, name


def test_each_name_has_its_swedish_text():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    sv = swedish()
    with translation.override(None):
        for model in (AccessAttempt, AccessFailureLog, AccessLog, TOTPDevice):
            for name in (model._meta.verbose_name, model._meta.verbose_name_plural):
                assert str(name) in sv, name
