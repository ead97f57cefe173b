"""The forecast in kronor on the page and in the Excel report, against the imported costs."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.forecast import services
from bemanna.forecast.tests.test_views import as_number, bounds, demo, figure, login  # noqa: F401
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


def _table():
    from bemanna.forecast.models import GroupCost

    return {
        r.group: 12 * r.monthly_salary * (1 + float(r.social_fees) / 100)
        for r in GroupCost.objects.all()
    }


def prices_by_hand(groups, base_date, shown=None):
    """Each group's price: its row in the cost table (12 × salary × (1 + PO)), else the
    region's imported average (no demo cost row is split by group for own staff). A group
    the page does not show on its own (not in `shown`) at the row for every other group:
    the page values those groups as one."""
    table = _table()
    average = own_cost_per_fte(base_date)
    return [table.get(g, average) if shown is None or g in shown else table[""] for g in groups]


def listed_by_hand(groups, base_date, shown):
    """The prices the page lists: each group it shows on its own, then the rest's."""
    every = prices_by_hand(groups, base_date)
    rest = [_table()[""]] if any(g not in shown for g in groups) else []
    return [p for g, p in zip(groups, every, strict=True) if g in shown] + rest


def valued(draws, price):
    """The mean over draws of Σ over groups of gap × price, in plain Python."""
    totals = [sum(g * p for g, p in zip(row, price, strict=True)) for row in draws]
    return sum(totals) / len(totals)


def test_the_page_shows_the_gap_in_kronor_from_the_table_and_the_imported_costs(client, demo):  # noqa: F811
    login(client, "analytiker")
    scenario = demo["Handlingsplan 2035"]
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "R"})
    assert page.status_code == 200
    assert 500_000 < own_cost_per_fte(scenario.base_date) < 1_000_000  # 60 000 kr a month
    result = services.run_forecast(scenario, scenario_unit())
    groups = result.prepared.base.groups
    price = prices_by_hand(groups, scenario.base_date, result.groups)
    # The seeded nurses' row: 12 × 34 800 × 1.5228 (SCB 2019, SKR's PO for regions 2023).
    assert price[groups.index("Sjuksköterskor")] == pytest.approx(635_921.28)
    horizon = [[float(v) for v in row[:, -1]] for row in result.forecast.gap_draws]
    exact = valued(horizon, price)
    shown = as_number(figure(page, "gap_kr").removesuffix("kr"))
    assert shown == pytest.approx(exact, abs=1)
    # The headline gap is the mean of the same draws, like the waterfall's steps.
    gap_mean = sum(sum(row) for row in horizon) / len(horizon)
    assert as_number(figure(page, "gap")) == round(gap_mean)
    assert figure(page, "gap_kr").endswith("kr")
    assert " " in figure(page, "gap_kr") or "\xa0" in figure(page, "gap_kr")  # grouped
    hired = as_number(figure(page, "hired_kr").removesuffix("kr"))
    assert hired > 0
    soup = BeautifulSoup(page.content, "html.parser")
    assert len(soup.select("table#cost-years tbody tr")) == scenario.horizon - 2025 + 1
    # Each lever's effect in kronor by hand: its own run minus the baseline, draw by draw.
    baseline = [[float(v) for v in row] for row in result.steps["baseline"]]
    retire = [[float(v) for v in row] for row in result.steps["retirement_shift"]]
    effect = valued(retire, price) - valued(baseline, price)
    row = soup.select_one("table#waterfall tr[data-step=retirement_shift]")
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert as_number(cells[3].removesuffix("kr")) == pytest.approx(effect, abs=1)
    low, high = bounds(cells[4].removesuffix("kr"))
    assert low <= high

    # The Excel report carries the same figures, and the steps add up to the headline.
    xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": "R"})
    book = Workbook(xlsx.content)
    # (Labels through gettext: the Swedish catalogue is regenerated after merging.)
    with translation.override("sv"):
        sheet, label = (
            translation.gettext("Cost"),
            translation.gettext("Cost of the gap at the horizon, mean (kr a year)"),
        )
    assert sheet in book.sheets
    facts = book.pairs("Sammanfattning")
    cell = float(facts[label])
    assert cell == pytest.approx(exact, abs=1)
    years = book.rows(sheet)
    start = [row[0] for row in years].index("Steg")
    steps = [row for row in years[start + 1 :] if row[0]]
    steps = steps[: [row[0] for row in steps].index("Scenario") + 1]
    assert [row[0] for row in steps][:3] == ["Utgångsläge", "Fler heltider", "Senare pension"]
    effects = [float(row[2]) for row in steps]
    assert sum(effects[:-1]) == pytest.approx(effects[-1], abs=1)
    assert effects[-1] == pytest.approx(exact, abs=1)


def test_the_compare_page_shows_each_scenarios_gap_in_kronor(client, demo):  # noqa: F811
    login(client, "analytiker")
    chosen = [demo["Nuläge"], demo["Handlingsplan 2035"]]
    page = client.get(reverse("forecast:compare"), {"unit": "R", "s": [s.pk for s in chosen]})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    cells = soup.select("[data-figure=compare_gap_kr]")
    for scenario, cell in zip(chosen, cells, strict=True):
        result = services.run_forecast(scenario, scenario_unit())
        price = prices_by_hand(result.prepared.base.groups, scenario.base_date, result.groups)
        horizon = [[float(v) for v in row[:, -1]] for row in result.forecast.gap_draws]
        mean = as_number(cell.get_text(strip=True).split("kr")[0])
        assert mean == pytest.approx(valued(horizon, price), abs=1)


def scenario_unit():
    from bemanna.org.models import Unit

    return Unit.objects.get(code="R")


def test_without_costs_or_a_cost_table_the_page_says_so_and_shows_no_kronor(client, demo):  # noqa: F811
    from bemanna.forecast.models import GroupCost
    from bemanna.keyfigures.models import PersonnelCost

    PersonnelCost.objects.all().delete()
    GroupCost.objects.all().delete()
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


def test_a_lever_moved_prices_nothing_again_and_a_new_cost_row_is_used(demo, monkeypatch):  # noqa: F811
    # The prices rest on the extract, the imported costs and the cost table, never on the
    # levers: each lever preview priced every group anew (issue 19).
    from bemanna.analysis.forecast import Levers
    from bemanna.forecast.models import GroupCost

    scenario = demo["Handlingsplan 2035"]
    result = services.run_forecast(scenario, scenario_unit())
    services.cost(scenario, result)
    groups, shown = result.prepared.base.groups, result.groups

    def priced(*args, **kwargs):
        raise AssertionError("priced again")

    monkeypatch.setattr(services.kronor, "prices", priced)
    moved = services.run_forecast(
        scenario, scenario_unit(), levers=Levers(productivity=1.0), draws=50
    )
    again = services.cost(scenario, moved)
    assert again.prices.own.tolist() == pytest.approx(
        listed_by_hand(groups, scenario.base_date, shown)
    )
    monkeypatch.undo()
    # The nurses' row of the cost table changed: priced anew, with the new row.
    row = GroupCost.objects.get(group="Sjuksköterskor")
    row.monthly_salary = 40_000
    row.save()
    changed = services.cost(scenario, moved)
    nurses = changed.prices.groups.index("Sjuksköterskor")
    assert changed.prices.own[nurses] == pytest.approx(12 * 40_000 * 1.5228)
    assert changed.prices.own.tolist() == pytest.approx(
        listed_by_hand(groups, scenario.base_date, shown)
    )
