"""The long-term sick leave month by month (an insider's fifth round): the running year's
figures are shown anew each time a month becomes final, and a unit's long-term hours of the
year to date beside the month before's are that month's. In a ward whose five long-term
sick were back by September and one colleague has been on a long spell since 1 September,
November's year to date minus October's was her 160 hours: health data about one person.

In the running year only the region shows figure 2 and the count of the long-term sick, and
only if its year to date differs from each earlier month's by 0 or at least k people; a
unit shows them once the year has closed (one figure of the year, decided on its own).
Without the rule (the mutation) the ward's two views give her November.
"""

import datetime

import polars as pl
import pytest
from django.utils import timezone

from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames

YEAR = 2026
MONTH = 160.0
TREE = {"R": None, "C": "R", "W1": "C", "W2": "C", "W3": "C"}
OCTOBER_FINAL = datetime.date(2026, 12, 6)  # 32 days after 31 October
NOVEMBER_FINAL = datetime.date(2027, 1, 2)
CLOSED = datetime.date(2027, 2, 2)
LOCALDATE = timezone.localdate


def _key_figures(monkeypatch, today: datetime.date) -> services.KeyFigures:
    """The key figures as computed on `today`."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else today)
    services._computed.clear()
    frames.forget()
    return services.KeyFigures(YEAR, today)


@pytest.fixture
def wards(db, monkeypatch):
    units = make_tree(TREE)
    hours, spells = [], []
    # W1: five on a spell 1 March – 31 August, one from 1 September (open); W2 five and
    # W3 six from 1 March (open). Twenty staff a ward, 160 hours every month.
    plan = {
        "W1": [(datetime.date(YEAR, 3, 1), datetime.date(YEAR, 8, 31))] * 5
        + [(datetime.date(YEAR, 9, 1), None)],
        "W2": [(datetime.date(YEAR, 3, 1), None)] * 5,
        "W3": [(datetime.date(YEAR, 3, 1), None)] * 6,
    }
    for code, spans in plan.items():
        for index, person in enumerate(add_staff(units[code], 20)):
            hours += [
                ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=MONTH)
                for m in range(1, 13)
            ]
            if index < len(spans):
                start, end = spans[index]
                spells.append(SickLeaveSpell(person=person, start=start, end=end, extent=100))
    ScheduledHours.objects.bulk_create(hours)
    SickLeaveSpell.objects.bulk_create(spells)

    def figures(today):
        found = _key_figures(monkeypatch, today)
        return {
            code: (found.year_row(units[code], YEAR) or {}).get("long") for code in ("R", "C", "W1")
        } | {"count": {code for code in TREE if units[code].pk in found.long_term_units(YEAR)}}

    return figures


def test_the_running_year_shows_the_long_term_figures_for_the_region_only(wards):
    october, november = wards(OCTOBER_FINAL), wards(NOVEMBER_FINAL)
    assert october["W1"] is None and november["W1"] is None
    assert october["C"] is None and november["C"] is None
    # By hand, the region's long-term hours of the year to date: W1's five 6 × 160 each,
    # her 2 (October) or 3 (November) × 160, W2's five and W3's six 8 or 9 × 160 each.
    assert october["R"] == pytest.approx((5 * 6 + 2 + 11 * 8) * MONTH)
    assert november["R"] == pytest.approx((5 * 6 + 3 + 11 * 9) * MONTH)
    # The count of the long-term sick on each month's last day: 11 on 30 September, 12 on
    # 31 October, when she passed 60 days; the region's two counts would say so (1 < k).
    assert october["count"] == november["count"] == set()
    # Closed, the year is one figure: W1's six long-term sick pass k on their own.
    closed = wards(CLOSED)
    assert closed["W1"] == pytest.approx((5 * 6 + 4) * MONTH)
    assert closed["C"] == pytest.approx((5 * 6 + 4 + 11 * 10) * MONTH)
    assert closed["count"] == set()  # the region's 31 December beside its 30 September


def test_the_mutation_gives_one_colleagues_november(wards, monkeypatch):
    monkeypatch.setattr(services.KeyFigures, "_monthly_rule", lambda self, year, views, own: own)
    october, november = wards(OCTOBER_FINAL), wards(NOVEMBER_FINAL)
    assert november["W1"] - october["W1"] == pytest.approx(MONTH)  # her November alone


def test_a_region_whose_month_is_one_persons_shows_nothing_for_it(db, monkeypatch):
    # A region of twenty whose five long-term sick ended in August and one began on
    # 1 September: its year to date in November beside October's is hers, so neither the
    # region nor (once closed) any unit shows the long-term hours for the year.
    units = make_tree({"R": None, "W": "R"})
    people = add_staff(units["W"], 20)
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=MONTH)
        for person in people
        for m in range(1, 13)
    )
    SickLeaveSpell.objects.bulk_create(
        [
            SickLeaveSpell(
                person=person,
                start=datetime.date(YEAR, 3, 1),
                end=datetime.date(YEAR, 8, 31),
                extent=100,
            )
            for person in people[:5]
        ]
        + [SickLeaveSpell(person=people[5], start=datetime.date(YEAR, 9, 1), extent=100)]
    )
    for today in (NOVEMBER_FINAL, CLOSED):
        found = _key_figures(monkeypatch, today)
        assert found.long_share_units(YEAR) == set()
        assert (found.year_row(units["R"], YEAR) or {}).get("long") is None


def test_the_page_says_why_the_units_long_term_figures_wait(db):
    from django.utils import translation

    from bemanna.keyfigures.summary import year_notes

    with translation.override("en"):
        running = year_notes(YEAR, OCTOBER_FINAL)
        closed = year_notes(YEAR, CLOSED)
    said = "is shown for the region only until the year has closed"
    assert any(said in note for note in running)
    assert not any(said in note for note in closed)


JANUARY_FINAL = datetime.date(YEAR, 3, 5)
FEBRUARY_FINAL = datetime.date(YEAR, 4, 2)


def _long_before_february(db):
    """A region of twenty: five on long spells 1 October – 31 January, and one colleague on
    a spell from 15 December (still open) with scheduled hours in January only (on leave
    from February): her spell passes 60 days on 12 February, after January's page was
    shown, and every long-term hour of the year is January's."""
    units = make_tree({"R": None, "W": "R"})
    people = add_staff(units["W"], 20)
    her = people[5]
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=MONTH)
        for person in people
        for m in range(1, 13)
        if person != her or m == 1
    )
    SickLeaveSpell.objects.bulk_create(
        [
            SickLeaveSpell(
                person=person,
                start=datetime.date(YEAR - 1, 10, 1),
                end=datetime.date(YEAR, 1, 31),
                extent=100,
            )
            for person in people[:5]
        ]
        + [SickLeaveSpell(person=her, start=datetime.date(YEAR - 1, 12, 15), extent=100)]
    )
    return units


def test_each_months_view_counts_a_spell_long_as_that_month_did(db, monkeypatch):
    units = _long_before_february(db)
    january = _key_figures(monkeypatch, JANUARY_FINAL)
    # By hand: on 31 January her spell was 48 days, so January's page had the five's 160
    # hours each and none of hers; February's would add her January.
    assert (january.year_row(units["R"], YEAR) or {}).get("long") == pytest.approx(5 * MONTH)
    february = _key_figures(monkeypatch, FEBRUARY_FINAL)
    assert february.long_share_units(YEAR) == set()
    assert (february.year_row(units["R"], YEAR) or {}).get("long") is None


def test_the_mutation_counted_as_today_and_gave_her_january(db, monkeypatch):
    units = _long_before_february(db)

    def as_today(self, year):
        months = self.person_months.filter(
            (pl.col("month").dt.year() == year) & (pl.col("long") > 0)
        )
        return [
            months.filter(pl.col("month") <= month)
            .group_by("person")
            .agg(pl.col("long").sum().alias("value"))
            for month in self._months(year)
        ]

    monkeypatch.setattr(services.KeyFigures, "_long_hours_to_date", as_today)
    january = _key_figures(monkeypatch, JANUARY_FINAL).year_row(units["R"], YEAR) or {}
    february = _key_figures(monkeypatch, FEBRUARY_FINAL).year_row(units["R"], YEAR) or {}
    assert february["long"] - january["long"] == pytest.approx(MONTH)  # her January alone
