"""A person with jobs in two units (an insider review): the decision of what a forecast shows
counts each person once, in the unit of their main job, but the forecast of a unit took every
employment in its subtree. A nurse at 80 % in ward A with a 20 % manager's job in ward B was
a one-person rest group in B's forecast (her birth year by the retirements, her 20 % as the
FTE), a group the decision had counted as nobody, and the wards added up to more people than
their clinic.

The attacker opens B's page and its workbook (on the web and from the command line) and the
backtest, and adds up the wards against the clinic: no row rests on her, and every
headcount of the clinic is its wards' sum.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.forecast.models import Scenario
from bemanna.forecast.tests.test_attacker_forecast import _label, figures
from bemanna.pulse.tests.helpers import add_staff, staffed_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, Profession

TODAY = datetime.date(2026, 6, 1)
BASE_YEAR = 2025
K = 5
TREE = {"R": None, "KL": "R", "A": "KL", "B": "KL"}
# On the base date by hand, each person once where their main job is: the two-job nurse is
# one of A's 9 nurses. Nobody is a manager by their main job.
STAFF = {"A": {"Sjuksköterskor": 8, "Läkare": 6}, "B": {"Sjuksköterskor": 7, "Läkare": 5}}
A_PEOPLE, B_PEOPLE = 8 + 6 + 1, 7 + 5
BORN = 1961


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = staffed_tree(TREE, STAFF)
    (nurse,) = add_staff(units["A"], 1, rate=80, born=BORN)
    manager, _ = Profession.objects.get_or_create(
        code="P-Chefer", defaults={"name": "Chefer", "skr_group": "Chefer"}
    )
    Employment.objects.create(
        key="second-job",
        person=nurse,
        unit=units["B"],
        profession=manager,
        form="permanent",
        rate=20,
        start=datetime.date(2016, 1, 1),
    )
    # Five nurses hired in 2025, so the backtest has data up to the years it checks (five:
    # with one, the forecasts on 31 December 2024 and 2025 would differ by her alone, and
    # the later be refused, `test_attacker_base_dates`).
    late = Employment.objects.filter(unit=units["A"], profession__name="Sjuksköterskor")
    late = late.exclude(person=nurse).order_by("pk").values_list("pk", flat=True)[:5]
    Employment.objects.filter(pk__in=list(late)).update(start=datetime.date(2025, 2, 1))
    scenario = Scenario.objects.create(
        name="Nuläge", base_date=datetime.date(BASE_YEAR, 12, 31), draws=200, levers={}
    )
    from bemanna.conftest import PASSWORD

    assert client.login(username="analyst", password=PASSWORD)
    return units, scenario


def workbook(client, scenario, code):
    xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": code})
    assert xlsx.status_code == 200, code
    return figures({"xlsx": xlsx})


def base(table, measure):
    """group → the base year's mean of a measure."""
    return {g: v for (g, y, m), v in table.items() if y == BASE_YEAR and m == _label(measure)}


def test_a_second_job_adds_no_one_to_its_unit(client, region):
    _units, scenario = region
    total = _label("All profession groups")
    tables = {code: workbook(client, scenario, code) for code in ("KL", "A", "B")}
    heads = {code: base(table, "Supply (headcount)") for code, table in tables.items()}
    # B: its 12 people, every row either empty or of at least k people (no rest group of
    # one: the nurse whose main job is in A), and the manager's group nowhere.
    assert heads["B"][total] == B_PEOPLE
    assert all(n == 0 or n >= K for n in heads["B"].values()), heads["B"]
    assert base(tables["B"], "Supply (FTE)")[total] == pytest.approx(B_PEOPLE)
    assert "Chefer" not in {g for g, _y, _m in tables["B"]}
    # A has her once, at 80 + 20 = 100 %.
    assert heads["A"][total] == A_PEOPLE
    assert base(tables["A"], "Supply (FTE)")[total] == pytest.approx(A_PEOPLE)
    # The clinic (no staff of its own) is its wards added up, group by group and in all.
    for group, n in heads["KL"].items():
        assert n == heads["A"].get(group, 0) + heads["B"].get(group, 0), group
    assert heads["KL"][total] == A_PEOPLE + B_PEOPLE
    # The page shows no row of her either.
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "B"})
    results = BeautifulSoup(page.content, "html.parser").select_one("section#results")
    assert results is not None and "Chefer" not in str(results)
    # Nor the backtest: its people of the fit year's end are B's 12.
    backtest = client.get(reverse("forecast:backtest"), {"unit": "B"})
    assert backtest.status_code == 200 and "Chefer" not in backtest.content.decode()


def test_the_command_line_counts_her_once(region, tmp_path):
    from django.core.management import call_command

    from bemanna.tests.xlsx import Workbook

    call_command("forecast", scenario="Nuläge", unit="B", out=str(tmp_path / "b.xlsx"))
    rows = Workbook((tmp_path / "b.xlsx").read_bytes()).rows("Per yrkesgrupp")
    heads = {
        r[0]: float(r[6])
        for r in rows[1:]
        if r[0]
        and r[1] is not None
        and int(float(r[1])) == BASE_YEAR
        and r[2] == _label("Supply (headcount)")
    }
    assert heads[_label("All profession groups")] == B_PEOPLE
    assert all(n == 0 or n >= K for n in heads.values()), heads
