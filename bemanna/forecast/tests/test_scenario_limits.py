"""The scenario form's min/max attributes are the limits its validation applies (issue 18:
the page allowed 0 for the horizon and the draws; the server wanted 1–40 years, 100–20 000)."""

import re

from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.forecast.forms import ScenarioForm
from bemanna.forecast.models import default_base_date


def _attrs(page: str, name: str) -> dict[str, str]:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return dict(re.findall(r'(min|max)="(\d+)"', tag))


def test_the_page_offers_what_the_server_accepts(client, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("forecast:scenarios")).content.decode()
    year = default_base_date().year
    assert _attrs(page, "draws") == {"min": "100", "max": "20000"}
    assert _attrs(page, "horizon") == {"min": str(year + 1), "max": str(year + 40)}


def _errors(**fields):
    data = {"name": "Prov", "base_date": "2025-12-31", "horizon": 2035, "draws": 1000}
    form = ScenarioForm(data={**data, **fields})
    form.is_valid()
    return set(form.errors)


def test_the_server_accepts_the_limits_and_refuses_beyond(db):
    assert _errors(horizon=2026, draws=100) == set()
    assert _errors(horizon=2065, draws=20_000) == set()
    assert _errors(horizon=2025) == {"horizon"}
    assert _errors(horizon=2066) == {"horizon"}
    assert _errors(draws=99) == {"draws"}
    assert _errors(draws=20_001) == {"draws"}
