"""The forecast in kronor on the page and in the Excel report, against the imported costs."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.forecast import services
from bemanna.forecast.tests.test_views import as_number, demo, figure, login  # noqa: F401
from bemanna.tests.xlsx import Workbook
from bemanna.workforce.models import Employment


def own_cost_per_fte(base_date):
    """Kronor per FTE and year by hand: the last twelve months of own-staff cost up to the
    base date over the average FTE (monthly-paid people on the 15th, rates added up to at
    most 100 %) of the units with costs in those months."""
    from bemanna.keyfigures.models import PersonnelCost

    rows = [r for r in PersonnelCost.objects.all() if r.month <= base_date]
    last = max(r.month for r in rows)
    months = [
        datetime.date(
            (last.year * 12 + last.month - 1 - k) // 12,
            (last.year * 12 + last.month - 1 - k) % 12 + 1,
            1,
        )
        for k in range(12)
    ]
    used = [r for r in rows if r.month in months]
    units = {r.unit_id for r in used}
    employments = list(
        Employment.objects.filter(unit_id__in=units, form__in=["permanent", "fixed_term"])
    )
    total_fte = 0.0
    for month in months:
        day = month.replace(day=15)
        rate = {}
        for e in employments:
            if e.start <= day and (e.end is None or e.end >= day):
                rate[e.person_id] = rate.get(e.person_id, 0.0) + float(e.rate)
        total_fte += sum(min(r, 100.0) for r in rate.values()) / 100.0
    return sum(r.own_cost for r in used) / (total_fte / 12)


def test_the_page_shows_the_gap_in_kronor_from_the_imported_costs(client, demo):  # noqa: F811
    login(client, "analytiker")
    scenario = demo["Handlingsplan 2035"]
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "R"})
    assert page.status_code == 200
    price = own_cost_per_fte(scenario.base_date)
    assert 500_000 < price < 1_000_000  # the demo's 60 000 kr a month, and a sanity bound
    # The demo's own cost is not split by group: every group has the region's price, so the
    # cost's P50 is the price × the P50 of the total gap (a percentile scales with a price).
    gap = as_number(figure(page, "gap"))
    shown = as_number(figure(page, "gap_kr").removesuffix("kr"))
    assert abs(shown - price * gap) <= 0.5 * price + 1  # the page's gap is rounded
    result = services.run_forecast(scenario, scenario_unit())
    exact = result.forecast.measure("gap_fte").filter(
        result.forecast.measure("gap_fte")["year"] == scenario.horizon
    )["p50"][0]
    assert shown == pytest.approx(price * exact, abs=1)
    assert figure(page, "gap_kr").endswith("kr")
    assert " " in figure(page, "gap_kr") or "\xa0" in figure(page, "gap_kr")  # grouped
    # The hired-staff answer is there, and dearer than own staff where there is a shortage.
    hired = as_number(figure(page, "hired_kr").removesuffix("kr"))
    assert hired > 0
    soup = BeautifulSoup(page.content, "html.parser")
    assert len(soup.select("table#cost-years tbody tr")) == scenario.horizon - 2025 + 1
    assert soup.select_one("table#waterfall thead").get_text().count("kr") == 1

    # The Excel report carries the same figure.
    xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": "R"})
    book = Workbook(xlsx.content)
    # (Labels through gettext: the Swedish catalogue is regenerated after merging.)
    with translation.override("sv"):
        sheet, label = (
            translation.gettext("Cost"),
            translation.gettext("Cost of the gap at the horizon, P50 (kr a year)"),
        )
    assert sheet in book.sheets
    facts = book.pairs("Sammanfattning")
    cell = float(facts[label])
    assert cell == pytest.approx(price * exact, abs=1)
    assert round(cell) == shown
    years = book.rows(sheet)
    assert float(years[scenario.horizon - 2025 + 1][2]) == pytest.approx(cell)
    # The waterfall in kronor: each step's FTE × the price, and the steps add up.
    start = [row[0] for row in years].index("Steg")
    steps = [row for row in years[start + 1 :] if row[0]]
    steps = steps[: [row[0] for row in steps].index("Scenario") + 1]
    assert [row[0] for row in steps][:3] == ["Utgångsläge", "Fler heltider", "Senare pension"]
    for _label, fte, kr in (row[:3] for row in steps):
        assert float(kr) == pytest.approx(float(fte) * price, abs=1)
    effects = [float(row[2]) for row in steps]
    assert sum(effects[:-1]) == pytest.approx(effects[-1], abs=1)


def scenario_unit():
    from bemanna.org.models import Unit

    return Unit.objects.get(code="R")


def test_without_imported_costs_the_page_says_so_and_shows_no_kronor(client, demo):  # noqa: F811
    from bemanna.keyfigures.models import PersonnelCost

    PersonnelCost.objects.all().delete()
    login(client, "analytiker")
    scenario = demo["Nuläge"]
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "R"})
    assert page.status_code == 200
    assert figure(page, "no_cost")
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("[data-figure=gap_kr]") is None
    assert not re.search(r"\d kr\b", soup.select_one("main").get_text().replace("\xa0", " "))
    xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": "R"})
    with translation.override("sv"):
        assert translation.gettext("Cost") not in Workbook(xlsx.content).sheets
