"""Forecasts on two base dates side by side (issue 12, "time differences", an insider's fourth
review of Region Demo): two forecasts a day apart differed by the people who came or left that
day, so a leaver's rate and, from the last year with retirements, birth year could be read
(FT101011: born 1959). Forecasts on year-end base dates a year apart do the same for a unit
where one person came.

A forecast now starts on 31 December of one of Historik's ten years only, and the forecasts
on those days are decided side by side with each other and with Historik's years
(`shown_past.sequence`, `over_time`). The attacker reads every unit's workbook on both base
dates and subtracts the base year's supply: with one nurse hired in 2025 (born 1962, 75 %),
the region, her clinic and her ward differ by her alone, and it finds her rate; with the
rule, none of them is shown on the later date, and nothing else differs.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from bemanna.analysis.forecast import over_time
from bemanna.conftest import PASSWORD
from bemanna.forecast import services
from bemanna.forecast.forms import ScenarioForm
from bemanna.forecast.models import Scenario
from bemanna.pulse.tests.helpers import add_staff, staffed_tree
from bemanna.tests.xlsx import Workbook
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
TREE = {"R": None, "RS": "R", "RS1": "RS", "RS2": "RS", "HS": "R", "HS1": "HS", "HS2": "HS"}
# Nurses born 1980 at 100 % since 2015, by hand; RS1 gets one more in March 2025.
STAFF = {
    "RS1": {"Sjuksköterskor": 6},
    "RS2": {"Sjuksköterskor": 7},
    "HS1": {"Sjuksköterskor": 8},
    "HS2": {"Sjuksköterskor": 9},
}
HIRE = {"unit": "RS1", "born": 1962, "rate": 75, "start": datetime.date(2025, 3, 1)}


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = staffed_tree(TREE, STAFF)
    (hire,) = add_staff(units[HIRE["unit"]], 1, rate=HIRE["rate"], born=HIRE["born"])
    Employment.objects.filter(person=hire).update(start=HIRE["start"])
    frames.forget()
    scenarios = {
        year: Scenario.objects.create(
            name=f"Nuläge {year}", base_date=datetime.date(year, 12, 31), draws=100, levers={}
        )
        for year in (2024, 2025)
    }
    assert client.login(username="analyst", password=PASSWORD)
    return units, scenarios


def _supply(client, scenario, code):
    """The base year's supply (FTE) of all groups from the unit's workbook, or None."""
    export = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": code})
    if export.status_code != 200:
        return None
    with translation.override("sv"):
        total = translation.gettext("All profession groups")
        measure = translation.gettext("Supply (FTE)")
    year = scenario.base_date.year
    for row in Workbook(export.content).rows("Per yrkesgrupp")[1:]:
        if (row[0], row[2]) == (total, measure) and row[1] and int(float(row[1])) == year:
            return float(row[6])
    raise AssertionError(f"no supply row for {code} in {year}")


def attack(client, scenarios):
    """Per unit shown on both base dates, the base year's supply the later minus the
    earlier: a difference other than 0 where 1..k-1 people came or went is theirs."""
    found = []
    for code in TREE:
        before, after = (_supply(client, scenarios[y], code) for y in (2024, 2025))
        if None not in (before, after) and round(after - before, 2):
            found.append((code, round(after - before, 2)))
    return found


def test_the_forecasts_of_two_years_give_no_one_away(client, region):
    _units, scenarios = region
    assert attack(client, scenarios) == []
    # By hand: on 31 December 2024 every unit holds 6–30 nurses and shows its forecast.
    assert _supply(client, scenarios[2024], "R") == pytest.approx(30.0)
    # On 31 December 2025 the region, RS and RS1 differ from 2024 by the one nurse hired:
    # refused. RS2, HS, HS1 and HS2 did not change: shown, the same as in 2024.
    for code in ("R", "RS", "RS1"):
        assert _supply(client, scenarios[2025], code) is None, code
    assert _supply(client, scenarios[2025], "HS") == pytest.approx(17.0)
    page = client.get(reverse("forecast:scenario", args=[scenarios[2025].pk]), {"unit": "R"})
    with translation.override("sv"):
        reason = services.refused(region[0]["R"], 5)
    assert reason in page.content.decode()


def test_with_each_date_decided_on_its_own_the_attacker_finds_her_rate(client, region, monkeypatch):
    monkeypatch.setattr(
        over_time, "over_time", lambda releases, figures, fixed=None: [r.shown for r in releases]
    )
    found = attack(client, region[1])
    assert ("R", 0.75) in found and ("RS1", 0.75) in found


@pytest.mark.parametrize(
    "day",
    [datetime.date(2025, 6, 30), datetime.date(2025, 12, 30), datetime.date(2015, 12, 31)],
)
def test_a_base_date_is_a_31_december_of_historiks_years(region, day):
    form = ScenarioForm(
        data={"name": "Mitt i året", "base_date": day.isoformat(), "horizon": 2035, "draws": 200}
    )
    assert not form.is_valid() and "base_date" in form.errors
    with translation.override("sv"):
        said = services.base_date_problem(day)
    assert "31 december" in said and "2016–2025" in said
    # A scenario saved with such a date (before this rule) says so instead of a forecast.
    scenario = Scenario.objects.create(name="Gammal", base_date=day, levers={})
    with pytest.raises(services.ForecastError) as refused:
        services.run_forecast(scenario, region[0]["R"])
    assert str(refused.value) == services.base_date_problem(day)
