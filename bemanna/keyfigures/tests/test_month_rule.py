"""A unit's figures for a year rest on k people in each of its months (issue 12, an insider's
finding): ward w had three nurses all of 2025 and two more who came in December. Counted over
the year it held five people, so its figures were shown, and the monthly sick-leave chart
showed January to November of the three: "0,0 %" said none of them was sick that month, and
the year's figure was theirs too. Each month with hours is now decided over the tree as the
year is (`services._every_month`); the Hypothesis property checks the rule from its
definition on random trees and months."""

import datetime

import polars as pl
import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.conftest import PASSWORD
from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.keyfigures.summary import summary
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, Person

K = 5


def _ward_of_three():
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    big = Unit.objects.create(code="v", name="v", parent=region)
    ward = Unit.objects.create(code="w", name="w", parent=region)
    others = add_staff(big, 20)
    three = add_staff(ward, 3)
    december = add_staff(ward, 2)
    Employment.objects.filter(person__in=december).update(start=datetime.date(2025, 12, 1))
    for person in [*others, *three, *december]:
        months = [12] if person in december else range(1, 13)
        for month in months:
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    SickLeaveSpell.objects.create(
        person=three[0], start=datetime.date(2025, 3, 3), end=datetime.date(2025, 3, 14), extent=100
    )
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, datetime.date(2026, 2, 1)), region, ward


def test_a_ward_of_three_and_two_for_december_is_hidden(db):
    data, region, ward = _ward_of_three()
    # Five different people over the year, three in each month but December.
    assert data.people(ward, 2025) == 5
    assert ward.pk not in data.shown_units(2025)
    page = summary(data, ward, manager=False)
    assert page["hidden"] and page["monthly_spec"] is None
    # The region minus the other ward would be the ward: the other is hidden with it.
    assert data.shown_units(2025) == {region.pk}


def test_the_mutation_over_the_year_alone_shows_the_threes_months(db, monkeypatch):
    monkeypatch.setattr(services, "_every_month", lambda parents, people, k, shown: shown)
    data, region, ward = _ward_of_three()
    assert ward.pk in data.shown_units(2025)
    months = data.monthly(ward, 2025)
    # By hand, March: one of the three sick 12 of 31 days, of three nurses' 160 hours.
    march = months.filter(pl.col("month") == datetime.date(2025, 3, 1)).row(0, named=True)
    assert march["share"] == pytest.approx(160 * 12 / 31 / (3 * 160))


def test_the_page_shows_no_month_of_the_three(client, db, analyst):
    data, region, ward = _ward_of_three()
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"year": 2025, "unit": "w"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "12,9" not in text  # March's 160 · 12/31 of 480 hours
    assert "För få" in text or "för få" in text


# --- the rule from its definition ---------------------------------------------------------

TREE = {"R": None, "a": "R", "b": "R", "a1": "a", "a2": "a", "b1": "b"}


def _below(unit):
    return [u for u, parent in TREE.items() if parent == unit]


def _subtree(unit):
    out = {unit}
    for child in _below(unit):
        out |= _subtree(child)
    return out


@settings(max_examples=60, deadline=None)
@given(
    # Per month, each person's unit: a month places everyone in one unit (`kpi`).
    st.dictionaries(
        st.sampled_from([1, 2, 3]),
        st.dictionaries(st.integers(0, 14), st.sampled_from(sorted(TREE)), max_size=15),
        min_size=1,
    ),
    st.sets(st.sampled_from(sorted(TREE))),
)
def test_every_shown_units_month_holds_0_or_k_people(placed, shown):
    rows = [
        (person, unit, datetime.date(2025, month, 1))
        for month, where in placed.items()
        for person, unit in where.items()
    ]
    people = pl.DataFrame(
        rows, schema={"person": pl.Int64, "unit": pl.String, "month": pl.Date}, orient="row"
    )
    months = {
        month: {unit: {p for p, u in where.items() if u == unit} for unit in TREE}
        for month, where in placed.items()
    }
    kept = services._every_month(TREE, people, K, set(shown))
    assert kept <= set(shown)
    for month, units in months.items():
        members = {unit: set(p) for unit, p in units.items()}
        for unit in kept:
            everyone = set().union(*(members.get(u, set()) for u in _subtree(unit)))
            # A unit's month: no one, or k different people.
            assert len(everyone) == 0 or len(everyone) >= K, (month, unit, everyone)
            # Its residual, down to the shown units below it: no one, or k different people.
            covered = set()
            stack = list(_below(unit))
            while stack:
                child = stack.pop()
                if child in kept:
                    covered |= set().union(*(members.get(u, set()) for u in _subtree(child)))
                else:
                    stack.extend(_below(child))
            rest = everyone - covered
            if any(child in kept for child in _subtree(unit) - {unit}):
                assert len(rest) == 0 or len(rest) >= K, (month, unit, rest)


def _three_men():
    """Region R: twenty women all of 2025, three men all year and two more men in December."""
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    women = add_staff(region, 20)
    men = add_staff(region, 3)
    december = add_staff(region, 2)
    Person.objects.filter(pk__in=[p.pk for p in men + december]).update(sex="M")
    Employment.objects.filter(person__in=december).update(start=datetime.date(2025, 12, 1))
    for person in [*women, *men, *december]:
        for month in [12] if person in december else range(1, 13):
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, datetime.date(2026, 2, 1)), region


def test_a_part_of_three_in_most_months_is_hidden(db):
    # Five men over the year, three in eleven months: figure 4 (men's sick leave) would be
    # those three's. Hidden, and women with them (the rest of the partition: the men).
    data, region = _three_men()
    assert "men" not in data.parts_shown(region, 2025, "sex")
    assert "women" not in data.parts_shown(region, 2025, "sex")


def test_the_mutation_over_the_year_alone_shows_the_three_men(db, monkeypatch):
    def over_the_year(self, people, year, pages, parts, k):  # the old rule: the year only
        few = set()
        for page in pages:
            inside = pl.Series(self.subtree(services._Page(page), year), dtype=pl.Int64)
            here = people.filter(pl.col("unit").is_in(inside.implode()))
            for i, (name, shown) in enumerate(zip(services.PARTITIONS, parts, strict=True)):
                counts = dict(here.group_by(name).agg(pl.col("person").n_unique()).rows())
                few |= {(i, p) for p in shown if 0 < counts.get(p, 0) < k}
        return few

    monkeypatch.setattr(services.KeyFigures, "_too_few", over_the_year)
    data, region = _three_men()
    assert "men" in data.parts_shown(region, 2025, "sex")
