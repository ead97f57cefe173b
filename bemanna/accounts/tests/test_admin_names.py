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


def _columns(client, url: str, language: str) -> list[str]:
    """The column headers and filter titles of a changelist as Django's admin shows them."""
    from django.contrib.admin.templatetags.admin_list import result_headers

    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200, url
    changelist = page.context["cl"]
    with translation.override(language):
        headers = [str(header["text"]) for header in result_headers(changelist)]
        return headers + [str(spec.title) for spec in changelist.filter_specs]


def test_every_changelist_names_its_columns_in_swedish(client, superuser):
    """Issue 18: the admin's columns were the fields' English names ("Parent", "Created",
    "Actor"). On each registered model's changelist, as a user sees it in Swedish, no column
    header or filter title is still the English one (unless Swedish writes it the same)."""
    from django.contrib import admin

    client.login(username="root", password=PASSWORD)
    sv = {english.lower(): swedish.lower() for english, swedish in swedish().items()}
    english_left = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        shown = _columns(client, url, "sv")
        english = _columns(client, url, "en")
        assert len(shown) == len(english), url
        for swedish_text, english_text in zip(shown, english, strict=True):
            same_in_swedish = sv.get(english_text.lower()) == english_text.lower()  # "AID"
            if swedish_text == english_text and english_text and not same_in_swedish:
                english_left.append(f"{url}: {english_text}")
    assert not english_left, "\n".join(english_left)
