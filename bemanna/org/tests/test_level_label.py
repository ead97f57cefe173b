"""A förvaltning is a förvaltning in Swedish, not the system's administration (issue 18:
the unit page said "Systemadministration", its msgid shared with the admin link)."""

from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.org.models import Level


def test_the_level_is_not_the_admin_links_text():
    with translation.override("sv"):
        assert str(Level.ADMINISTRATION.label) == "Förvaltning"
        assert str(Level.ADMINISTRATION.label) != translation.gettext("Administration")


def test_the_unit_page_names_the_level_in_swedish(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("workforce:unit", args=["F"]), HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    # The heading: the unit's name, then its level and code.
    assert '<small class="help">Förvaltning · F</small>' in page.content.decode()
