"""Class 3 for the key figures' profession groups, as an analyst would try it (review item
M1): read "sick leave per profession group" for 2025, move a one-person code to another
group on HR's Yrkesgrupper page, read again. A year begun keeps the code → group map of its
first view (`PublishedYear.groups`), so nothing shown changes; with the kept map ignored
(the mutation), Sjuksköterskor before minus after is the lone person's sick leave."""

import datetime

import pytest

from bemanna.keyfigures import services
from bemanna.keyfigures.models import PublishedYear, ScheduledHours, SickLeaveSpell
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames
from bemanna.workforce.forms import GroupMappingForm
from bemanna.workforce.models import Employment, GroupMapping, Profession
from bemanna.workforce.services import save_group_mapping

TODAY = datetime.date(2026, 2, 1)
NURSES, ASSISTANTS = "Sjuksköterskor", "Undersköterskor"


def _remap(group: str) -> None:
    row = GroupMapping.objects.filter(code="LONE").first()  # as the page edits a row
    form = GroupMappingForm(data={"code": "LONE", "group": group, "note": ""}, instance=row)
    assert form.is_valid(), form.errors
    save_group_mapping(form, actor=None)


def _setup(db):
    """Ten nurses and ten assistants (no sick leave), and one person of code LONE (grouped
    under its own name until HR maps it to the nurses), sick all of March 2025."""
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    people = add_staff(region, 10, group=NURSES) + add_staff(region, 10, group=ASSISTANTS)
    [lone] = add_staff(region, 1, group="Övriga")
    lone_code = Profession.objects.create(code="LONE", name="Ensam", skr_group="Ensam")
    Employment.objects.filter(person=lone).update(profession=lone_code)
    _remap(NURSES)
    assert Profession.objects.get(code="LONE").skr_group == NURSES
    for person in [*people, lone]:
        for month in range(1, 13):
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    # 1 March to 31 March at 100 %: the month's 160 hours (the whole month scheduled).
    SickLeaveSpell.objects.create(
        person=lone, start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31), extent=100
    )
    return region


def _per_group(region) -> dict[str, tuple[int, float]]:
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    return {r["group"]: (r["people"], r["sick"]) for r in data.groups(region, 2025)}


def _insider(db):
    region = _setup(db)
    before = _per_group(region)
    _remap(ASSISTANTS)
    assert Profession.objects.get(code="LONE").skr_group == ASSISTANTS
    return before, _per_group(region)


def test_a_kept_year_keeps_its_groups_after_a_code_is_remapped(db):
    before, after = _insider(db)
    # By hand: 11 nurses (the lone person among them), sick 160 hours in all; 10 assistants.
    assert before == {NURSES: (11, 160.0), ASSISTANTS: (10, 0.0)}
    assert after == before
    assert PublishedYear.objects.get(year=2025).groups["LONE"] == NURSES
    # A year not begun is not kept: the new grouping shows from the next year on.
    future = services.published_groups([2027], TODAY)
    assert future == {}


def test_the_mutation_todays_groups_give_the_person_away(db, monkeypatch):
    monkeypatch.setattr(services, "published_groups", lambda years, today: {})
    before, after = _insider(db)
    assert after == {NURSES: (10, 0.0), ASSISTANTS: (11, 160.0)}
    # Nurses before minus after: one person, 160 sick hours.
    lost = before[NURSES][0] - after[NURSES][0], before[NURSES][1] - after[NURSES][1]
    assert lost == (1, 160.0)


def test_the_cache_key_moves_with_a_remap(db):
    _setup(db)
    services._computed.clear()
    frames.forget()
    first = services.key_figures(2025, TODAY)
    assert services.key_figures(2025, TODAY) is first
    _remap(ASSISTANTS)
    assert services.key_figures(2025, TODAY) is not first


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_year_kept_before_the_map_keeps_todays_from_then_on(db, year):
    _setup(db)
    PublishedYear.objects.create(year=year, tree=[], min_group=5, groups=None)
    assert services.published_groups([year], TODAY)[year]["LONE"] == NURSES
    _remap(ASSISTANTS)
    assert services.published_groups([year], TODAY)[year]["LONE"] == NURSES
