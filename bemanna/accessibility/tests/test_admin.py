"""Django's admin as HR uses it, with the fixes axe asked for (the axe walk runs on it too)."""

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from bemanna.conftest import PASSWORD
from bemanna.exits.models import ExitReason


def test_an_editable_list_names_each_field_by_column_and_row(client, hr_admin):
    client.login(username=hr_admin.username, password=PASSWORD)
    page = client.get(reverse("admin:exits_exitreason_changelist"))
    soup = BeautifulSoup(page.content, "html.parser")
    fields = soup.select("#result_list input[name^=form-]:not([type=hidden])")
    with translation.override("sv"):
        columns = [
            capfirst(ExitReason._meta.get_field(n).verbose_name) for n in ("position", "active")
        ]
        expected = {f"{c}: {r}" for r in ExitReason.objects.all() for c in columns}
    assert len(expected) == 2 * ExitReason.objects.count() > 0
    assert {f["aria-label"] for f in fields} == expected


def test_the_admin_has_bemannas_name_and_its_fixes(client, hr_admin):
    client.login(username=hr_admin.username, password=PASSWORD)
    page = client.get(reverse("admin:index")).content.decode()
    assert "bemanna/admin.css" in page and "bemanna/admin.js" in page
    assert "Django" not in BeautifulSoup(page, "html.parser").get_text()
