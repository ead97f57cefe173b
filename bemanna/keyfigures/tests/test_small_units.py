"""Small units on the key-figure page, found by an insider review: last year's months of a
unit hidden last year, and staff figures and turnover of a unit the tree's rule hides."""

import datetime

from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.keyfigures.summary import summary
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 2, 1)


def _hours(people, years):
    for person in people:
        for year in years:
            for month in range(1, 13):
                ScheduledHours.objects.create(
                    person=person, month=datetime.date(year, month, 1), hours=160
                )


def _region():
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    small = Unit.objects.create(code="U", name="U", parent=region)
    other = Unit.objects.create(code="V", name="V", parent=region)
    _hours(add_staff(other, 8), (2024, 2025))
    return region, small


def test_the_monthly_chart_leaves_out_a_year_in_which_the_unit_was_hidden(db):
    _region_, unit = _region()
    early = add_staff(unit, 3)  # 2024: only these three
    late = add_staff(unit, 3)
    Employment.objects.filter(person__in=late).update(start=datetime.date(2025, 1, 1))
    _hours(early, (2024, 2025))
    _hours(late, (2025,))
    # One of the three off sick all of May 2024: a third of U's hours that month.
    SickLeaveSpell.objects.create(
        person=early[0], start=datetime.date(2024, 5, 1), end=datetime.date(2024, 5, 31), extent=100
    )
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    assert unit.pk not in data.shown_units(2024) and unit.pk in data.shown_units(2025)
    spec = summary(data, unit, manager=True)["monthly_spec"]
    series = {point["series"] for point in spec["data"]["values"]}
    assert series == {"2025"}


def test_staff_figures_and_turnover_of_a_hidden_unit_are_hidden_for_every_role(db):
    _region_, unit = _region()
    people = add_staff(unit, 3)
    _hours(people, (2025,))
    Employment.objects.filter(person=people[0]).update(
        end=datetime.date(2025, 8, 31), end_reason="own_request"
    )
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    assert unit.pk not in data.shown_units(2025)
    for manager in (True, False):  # a manager, and an analyst, the council or HR
        page = summary(data, unit, manager=manager)
        assert page["staff"] == {"headcount": None, "fte": None, "plan_coverage": None}
        assert page["turnover"] is None
