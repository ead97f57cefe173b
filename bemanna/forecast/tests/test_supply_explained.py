"""Supply counts the scenario's hired staff; the page and the reports say so in one sentence,
and the base year's supply is what the sentence says, worked out by hand."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.forecast.models import Scenario
from bemanna.keyfigures import board
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.tests.xlsx import Workbook

SENTENCE = (
    "Supply counts the scenario's hired staff beside the own staff (their FTE, less what the "
    "lever replaces with own staff), as demand does: in the base year it is the own staff's "
    "FTE plus the hired FTE."
)


@pytest.fixture
def scenario(db):
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    add_staff(region, 10, rate=80)  # 10 × 0,8 = 8 own FTE
    return Scenario.objects.create(
        name="Nuläge",
        base_date=datetime.date(2025, 12, 31),
        horizon=2028,
        draws=50,
        is_main=True,
        inputs={"hired_fte": {"Sjuksköterskor": 2.5}},
    )


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_base_years_supply_is_own_plus_hired_fte_and_the_page_says_so(
    client, analyst, scenario
):
    with translation.override("sv"):
        sentence = translation.gettext(SENTENCE)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "R"})
    assert sentence in _words(BeautifulSoup(page.content, "html.parser").get_text())
    html = client.get(reverse("forecast:export", args=[scenario.pk, "html"]), {"unit": "R"})
    assert sentence in _words(BeautifulSoup(html.content, "html.parser").get_text())
    # The workbook: the base year's supply is 10 × 0,8 own FTE + 2,5 hired = 10,5.
    xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": "R"})
    rows = Workbook(xlsx.content).rows("Per år")
    supply = rows[0].index("Tillgång (årsarbetare) P50")
    base = next(row for row in rows if row[0] == "2025")
    assert float(base[supply]) == pytest.approx(10 * 0.8 + 2.5)
    # The board report's forecast section says it too.
    with translation.override("sv"):
        report = board.build(Unit.objects.get(code="R"), 2025, datetime.date(2026, 6, 30))
        forecast = board._forecast_section(report)
    assert sentence in forecast.text
