"""Issue 18: units imported, the HR extract not yet. The unit page said "Inga anställda detta
datum." and Historik "Inga personaluppgifter för den här enheten.", and neither what to
import next; now both say so, with the Import page for HR, and nothing once it is there."""

import pytest
from django.utils import translation

SAYS = "Inget HR-uttag är importerat ännu."
LINK = 'href="/personal/import/"'


@pytest.mark.parametrize("path", ["/enhet/R/", "/kompetensforsorjning/historik/?unit=R"])
def test_a_page_without_the_extract_says_to_import_it(client, org, hr_admin, analyst, path):
    client.force_login(hr_admin)
    with translation.override("sv"):
        html = client.get(path, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert SAYS in html
    assert "Importera HR-uttaget (en rad per anställning)." in html and LINK in html
    client.force_login(analyst)
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert SAYS in html and "HR importerar först HR-uttaget." in html
    assert LINK not in html


@pytest.mark.parametrize("path", ["/enhet/C/", "/kompetensforsorjning/historik/?unit=R"])
def test_with_the_extract_it_is_not_said(client, staffed, hr_admin, path):
    """Once imported, a unit with no one on the date is just that, not a missing import."""
    from bemanna.workforce.models import Employment

    assert Employment.objects.exists()
    client.force_login(hr_admin)
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert SAYS not in html
    assert 'id="no-extract"' not in html
