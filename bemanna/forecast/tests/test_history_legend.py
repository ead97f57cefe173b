"""Historik's legend says the rule its "Left" column counts by: a break of more than 31 days
without a monthly-paid employment is a departure; a shorter one is not."""

import datetime

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment

LEGEND = (
    "Headcount and FTE on 31 December, monthly-paid staff. Left: a break of more than 31 days "
    "without a monthly-paid employment in the region is a departure, counted in the year the "
    "employment ended; a shorter break, or a move inside the region, is not. Hired: people "
    "new to the region or back after such a break. Turnover = leavers / average headcount "
    "(1 January and 31 December)."
)


def _back(person, *, ended: datetime.date, returned: datetime.date) -> None:
    """The person's employment ends on `ended`; a new one starts on `returned`."""
    first = Employment.objects.get(person=person)
    first.end = ended
    first.save()
    Employment.objects.create(
        key=f"{first.key}-2",
        person=person,
        unit=first.unit,
        profession=first.profession,
        form=first.form,
        rate=first.rate,
        start=returned,
    )


def test_the_history_legend_states_the_31_day_rule_the_table_counts_by(client, analyst):
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    away, moved, *_rest = add_staff(region, 12)
    # 31 March → 10 May: 39 days without an employment, a departure in 2024 and a hire.
    _back(away, ended=datetime.date(2024, 3, 31), returned=datetime.date(2024, 5, 10))
    # 30 June → 20 July: 19 days, neither.
    _back(moved, ended=datetime.date(2024, 6, 30), returned=datetime.date(2024, 7, 20))
    client.login(username="analyst", password=PASSWORD)
    page = BeautifulSoup(
        client.get(reverse("forecast:history"), {"unit": "R"}).content, "html.parser"
    )
    year = next(row for row in page.select("table#history tbody tr") if row.td.get_text() == "2024")
    cells = [td.get_text(strip=True) for td in year.find_all("td")]
    # Year, employees, FTE, hired, left: twelve on 31 December, one hired and one left.
    assert (cells[1], cells[3], cells[4]) == ("12", "1", "1")
    assert legend() in " ".join(page.select_one("p.help").get_text().split())


def legend() -> str:
    """The page's legend in Swedish, as the catalogue at hand has it."""
    with translation.override("sv"):
        return translation.gettext(LEGEND)
