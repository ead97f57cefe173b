"""The own-staff cost is the pay of a unit's people (an insider's eighth round). In the running
year its total to date grew by a month's pay each time a month became final: a ward's
month's increase beside the month before's, with Historik's one leaver that month, was her
rate (the demo's 60,000 kr an FTE-month: 0.80 FTE). And a unit of two showed its two's pay.

A closed year beside the year before was the pay of the one who came or left (the ninth
round). A unit shows it once its year has closed, only where the year's figures are shown
(`KeyFigures.staff_units`, decided over the tree) and where Historik shows its FTE on 31
December (decided against every earlier year); the running year, for the region only. The
hired staff's cost and the pool's hours are purchases, shown for every unit. Without the rule
(the mutation) three pages a month apart give the leaver's rate.
"""

import datetime

import pytest
from django.utils import timezone

from bemanna.keyfigures import services
from bemanna.keyfigures.models import PersonnelCost
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TREE = {"R": None, "C": "R", "W1": "C", "W2": "C", "W3": "C", "V": "R"}
STAFF = {"W1": 10, "W2": 10, "W3": 2, "V": 12}
PAY = 60_000.0  # a month's own-staff cost of one full-time person
SEPTEMBER_FINAL = datetime.date(2026, 11, 3)
OCTOBER_FINAL = datetime.date(2026, 12, 6)
NOVEMBER_FINAL = datetime.date(2027, 1, 5)
CLOSED = datetime.date(2027, 2, 2)
LOCALDATE = timezone.localdate


@pytest.fixture
def region(db):
    """Each unit's people on 100 % all of 2025 and 2026, one in W1 on 80 % who leaves on
    15 October 2026; the costs are each month's pay of those employed in it."""
    units = make_tree(TREE)
    for code, count in STAFF.items():
        add_staff(units[code], count)
    leaver = add_staff(units["W1"], 1, rate=80)[0]
    Employment.objects.filter(person=leaver).update(
        end=datetime.date(2026, 10, 15), end_reason="own_request"
    )
    rows = []
    for code, count in STAFF.items():
        for year in (2025, 2026):
            for month in range(1, 13):
                there = count + (0.8 if code == "W1" and (year, month) <= (2026, 10) else 0)
                rows.append(
                    PersonnelCost(
                        unit=units[code],
                        month=datetime.date(year, month, 1),
                        profession_group="",
                        own_cost=there * PAY,
                        hired_cost=1_000.0,
                    )
                )
    PersonnelCost.objects.bulk_create(rows)
    return units


def _costs(monkeypatch, units, year, today):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else today)
    services._computed.clear()
    frames.forget()
    data = services.KeyFigures(year, today)
    return {code: data.cost_row(unit, year) for code, unit in units.items()}


def test_a_closed_year_shows_each_units_own_cost_where_its_figures_are(region, monkeypatch):
    costs = _costs(monkeypatch, region, 2025, OCTOBER_FINAL)
    # By hand: W1's ten and the leaver's 0.8 for twelve months; W3's two are under k, and
    # C less W1 and W2 would be W3's, so one of W1 and W2 is hidden with it.
    assert costs["W3"]["own_cost"] is None and costs["W3"]["hired_share"] is None
    assert costs["R"]["own_cost"] == pytest.approx((10.8 + 10 + 2 + 12) * 12 * PAY)
    assert costs["V"]["own_cost"] == pytest.approx(12 * 12 * PAY)
    shown = {code for code in ("W1", "W2") if costs[code]["own_cost"] is not None}
    assert len(shown) < 2 and costs["C"]["own_cost"] == pytest.approx((10.8 + 10 + 2) * 12 * PAY)
    # The hired staff's cost is a purchase: every unit's.
    assert all(costs[code]["hired_cost"] == pytest.approx(12_000.0) for code in STAFF)


def test_the_running_year_shows_the_own_cost_for_the_region_only(region, monkeypatch):
    october = _costs(monkeypatch, region, 2026, OCTOBER_FINAL)
    november = _costs(monkeypatch, region, 2026, NOVEMBER_FINAL)
    for costs, months in ((october, 10), (november, 11)):
        assert {code for code in TREE if costs[code]["own_cost"] is not None} == {"R"}
        assert costs["W1"]["hired_cost"] == pytest.approx(months * 1_000.0)
    # By hand: 34.8 people's pay for ten months, 34 for November.
    assert october["R"]["own_cost"] == pytest.approx(34.8 * 10 * PAY)
    assert november["R"]["own_cost"] == pytest.approx((34.8 * 10 + 34) * PAY)
    # Closed, the year is one figure a unit.
    closed = _costs(monkeypatch, region, 2026, CLOSED)
    assert closed["V"]["own_cost"] == pytest.approx(12 * 12 * PAY)


def test_the_mutation_gives_the_leavers_rate(region, monkeypatch):
    monkeypatch.setattr(services.KeyFigures, "_cost_units", lambda self, year: set(self.tree(year)))
    september, october, november = (
        _costs(monkeypatch, region, 2026, today)["W1"]["own_cost"]
        for today in (SEPTEMBER_FINAL, OCTOBER_FINAL, NOVEMBER_FINAL)
    )
    assert ((october - september) - (november - october)) / PAY == pytest.approx(0.8)  # hers
    assert _costs(monkeypatch, region, 2025, OCTOBER_FINAL)["W3"]["own_cost"] == pytest.approx(
        2 * 12 * PAY
    )  # the two's pay


def _closed_years(monkeypatch, units):
    """Each closed year's own-staff cost of W1 as the page of 6 December 2026 shows it."""
    return {
        year: _costs(monkeypatch, units, year, OCTOBER_FINAL)["W1"]["own_cost"]
        for year in (2023, 2024, 2025)
    }


def _two_wards(db, extra):
    """W1 and W2 of ten full-time staff each since 2015 (W1 none when `extra` is hourly),
    and in W1 one person, or two hourly-paid, of `extra` (form, rate, start, end, pay); the
    costs 2023–2025 each month's pay of those employed in it, theirs `pay` FTE-months."""
    form, rate, start, end, pay = extra
    units = make_tree({"R": None, "C": "R", "W1": "C", "W2": "C"})
    base = {"W1": 0 if form == "hourly" else 10, "W2": 10}
    for code, count in base.items():
        add_staff(units[code], count)
    for person in add_staff(units["W1"], 2 if form == "hourly" else 1, rate=rate, form=form):
        Employment.objects.filter(person=person).update(start=start, end=end)
    rows = []
    for code in ("W1", "W2"):
        for year in (2023, 2024, 2025):
            for month in range(1, 13):
                day = datetime.date(year, month, 1)
                there = code == "W1" and start <= day and (end is None or day <= end)
                rows.append(
                    PersonnelCost(
                        unit=units[code],
                        month=day,
                        profession_group="",
                        own_cost=(base[code] + (pay if there else 0)) * PAY,
                        hired_cost=0.0,
                    )
                )
    PersonnelCost.objects.bulk_create(rows)
    return units


LEAVER = ("permanent", 100, datetime.date(2015, 1, 1), datetime.date(2024, 6, 30), 1.0)
TEMP = ("fixed_term", 75, datetime.date(2024, 3, 1), datetime.date(2024, 10, 31), 0.75)
HOURLY = ("hourly", 0, datetime.date(2015, 1, 1), None, 0.4)


@pytest.fixture
def mid_year_leaver(db):
    """W1 and W2 of ten each, and in W1 one more on 100 % who left on 30 June 2024."""
    return _two_wards(db, LEAVER)


def test_a_closed_year_beside_another_is_never_one_persons_pay(mid_year_leaver, monkeypatch):
    # An insider's ninth round: Tandklinik Myrviken 2's 2024 beside its 2025 was −480,000 kr,
    # its one leaver's eight months. W1's 31 December differs from 2023's by her alone, so
    # Historik shows its FTE in 2023 only, and so the cost.
    costs = _closed_years(monkeypatch, mid_year_leaver)
    assert costs[2023] == pytest.approx(11 * 12 * PAY)  # by hand: ten and her, all year
    assert costs[2024] is None and costs[2025] is None


def _no_rule_over_years(monkeypatch, units):
    """The mutation: each closed year decided on its own (no Historik, no earlier years)."""
    from bemanna.forecast import shown_past

    everything = {unit.pk for unit in units.values()}
    monkeypatch.setattr(shown_past, "fte_units", lambda year, today: everything)
    monkeypatch.setattr(
        services.KeyFigures,
        "_cost_years",
        lambda self: {year: self._cost_own(year) for year in range(2015, 2027)},
    )


def test_the_mutation_gives_the_mid_year_leavers_months(mid_year_leaver, monkeypatch):
    _no_rule_over_years(monkeypatch, mid_year_leaver)
    costs = _closed_years(monkeypatch, mid_year_leaver)
    assert (costs[2024] - costs[2025]) / PAY == pytest.approx(6)  # her six months of 2024


def test_the_page_says_why_a_units_own_cost_waits(db):
    from django.utils import translation

    from bemanna.keyfigures.summary import year_notes

    with translation.override("en"):
        running = year_notes(2026, OCTOBER_FINAL)
        closed = year_notes(2026, CLOSED)
    said = "The own-staff cost (and the hired staff's share of it) of 2026 is shown for the region"
    assert any(note.startswith(said) for note in running)
    assert not any(note.startswith(said) for note in closed)


@pytest.mark.parametrize("rule", [True, False])
def test_a_temporary_employees_pay_is_no_years_difference(db, monkeypatch, rule):
    # An insider's tenth round: a fixed-term employee in W1 from 1 March to 31 October 2024
    # at 75 % is there on neither 31 December, so Historik's FTE does not see her; W1's
    # 2024 beside its 2023 was her 360,000 kr. Her months differ between the years, so 2024
    # hides W1 and with it one more unit below the clinic; 2025 is 2023's people again.
    units = _two_wards(db, TEMP)
    if not rule:
        _no_rule_over_years(monkeypatch, units)
    costs = {year: _costs(monkeypatch, units, year, OCTOBER_FINAL) for year in (2023, 2024, 2025)}
    if not rule:
        difference = costs[2024]["W1"]["own_cost"] - costs[2023]["W1"]["own_cost"]
        assert difference / PAY == pytest.approx(0.75 * 8)  # hers
        return
    assert costs[2023]["W1"]["own_cost"] == pytest.approx(10 * 12 * PAY)
    assert costs[2024]["W1"]["own_cost"] is None
    assert costs[2024]["C"]["own_cost"] is None or costs[2024]["W2"]["own_cost"] is None
    assert costs[2025]["W1"]["own_cost"] == costs[2023]["W1"]["own_cost"]


@pytest.mark.parametrize("rule", [True, False])
def test_a_ward_of_hourly_staff_is_no_clinic_less_its_other_ward(db, monkeypatch, rule):
    # An insider's tenth round: W1's only staff, two hourly-paid, were no one to the staff
    # figures' rule (monthly paid), so the clinic less W2 was their pay. Everyone paid in
    # the year counts now: W1's two hide W1, and the clinic or W2 with it.
    units = _two_wards(db, HOURLY)
    if not rule:
        monkeypatch.setattr(
            services.KeyFigures, "_cost_own", lambda self, year: set(self.tree(year))
        )
    costs = _costs(monkeypatch, units, 2025, OCTOBER_FINAL)
    if not rule:
        assert (costs["C"]["own_cost"] - costs["W2"]["own_cost"]) / PAY == pytest.approx(12 * 0.4)
        return
    assert costs["W1"]["own_cost"] is None
    # No shown unit less W2 is W1 (the region and the clinic are W1 and W2 alike).
    assert costs["W2"]["own_cost"] is None or (
        costs["C"]["own_cost"] is None and costs["R"]["own_cost"] is None
    )


def test_a_years_decision_is_the_same_on_every_pages_year(db, monkeypatch):
    # The running year's page reads nine closed years back, the last closed year's ten. A
    # leaver of June 2016 hides W1's 2017 beside 2016 on the 2025 page; decided over the
    # running page's years alone (2017 first, nothing before it) 2017 was shown there, and
    # its hired share beside 2016's on the other page gave her months.
    units = make_tree({"R": None, "C": "R", "W1": "C", "W2": "C"})
    add_staff(units["W1"], 10)
    add_staff(units["W2"], 10)
    leaver = add_staff(units["W1"], 1)[0]
    Employment.objects.filter(person=leaver).update(
        end=datetime.date(2016, 6, 30), end_reason="own_request"
    )
    PersonnelCost.objects.bulk_create(
        PersonnelCost(
            unit=units[code],
            month=datetime.date(year, month, 1),
            profession_group="",
            own_cost=(10 + (code == "W1" and (year, month) <= (2016, 6))) * PAY,
            hired_cost=10_000.0,
        )
        for code in ("W1", "W2")
        for year in range(2016, 2027)
        for month in range(1, 13)
    )

    def w1(page_year):
        monkeypatch.setattr(
            "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else OCTOBER_FINAL
        )
        services._computed.clear()
        frames.forget()
        data = services.key_figures(page_year, OCTOBER_FINAL)
        return {
            year: (data.cost_row(units["W1"], year) or {}).get("own_cost")
            for year in range(max(2016, page_year - 9), min(page_year, 2025) + 1)
        }

    closed, running = w1(2025), w1(2026)
    assert closed[2016] == pytest.approx(10.5 * 12 * PAY) and closed[2017] is None
    assert all(running[year] == closed[year] for year in running)
