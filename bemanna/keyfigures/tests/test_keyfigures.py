"""Sick-leave and hours imports (all or nothing, clear errors) and the key-figure page."""

import datetime
import io
import re

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Person
from bemanna.workforce.services import ImportRefused

TODAY = datetime.date(2026, 6, 30)


def _import(kind, text, **kwargs):
    return services.import_health_file(
        kind, io.BytesIO(text.encode()), filename=f"{kind}.csv", today=TODAY, **kwargs
    )


def _problems(kind, text):
    with pytest.raises(ImportRefused) as refused:
        _import(kind, text)
    return [(i.row, i.column, i.code) for i in refused.value.issues]


def test_spells_and_hours_are_imported_under_the_extracts_pseudonyms(staffed):
    report = _import(
        "sick_leave",
        "Anst.nr;Från;Till;Omfattning\n1001;2025-01-11;2025-01-20;100\n1002;2025-11-01;;50\n",
    )
    assert (report.created, report.updated) == (2, 0)
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;155\n1002;2025-11;120,5\n")
    assert ScheduledHours.objects.get(month=datetime.date(2025, 11, 1)).hours == 120.5
    assert SickLeaveSpell.objects.get(start=datetime.date(2025, 11, 1)).end is None
    # The same spell again, with a new end: replaced, not added.
    again = _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1002;2025-11-01;2025-12-31;50\n")
    assert (again.created, again.updated) == (0, 1)
    assert SickLeaveSpell.objects.count() == 2


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "sick_leave",
            "Anst.nr;Från;Till;Omfattning\n9999;2025-01-01;;100\n",
            (2, "Anst.nr", "unknown_person"),
        ),
        (
            "sick_leave",
            "Anst.nr;Från;Till;Omfattning\n1001;2025-13-01;;100\n",
            (2, "Från", "bad_date"),
        ),
        (
            "sick_leave",
            "Anst.nr;Från;Till;Omfattning\n1001;2025-02-01;2025-01-01;100\n",
            (2, "Till", "end_before_start"),
        ),
        (
            "sick_leave",
            "Anst.nr;Från;Till;Omfattning\n1001;2025-01-01;;150\n",
            (2, "Omfattning", "bad_extent"),
        ),
        (
            "sick_leave",
            "Anst.nr;Från;Omfattning;Läkare\n1001;2025-01-01;100;x\n",
            (1, "Läkare", "unknown_header"),
        ),
        (
            "sick_leave",
            "Anst.nr;Till;Omfattning\n1001;2025-01-01;100\n",
            (1, "Från", "missing_column"),
        ),
        (
            "sick_leave",
            "Anst.nr;Från;Till;Omfattning\n1001;2025-01-01;;100\n1001;2025-01-01;;50\n",
            (3, None, "duplicate_key"),
        ),
        ("hours", "Anst.nr;Månad;Timmar\n1001;jan;155\n", (2, "Månad", "bad_month")),
        ("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;-4\n", (2, "Timmar", "bad_hours")),
        (
            "hours",
            "Personnummer;Månad;Timmar\n19700101-1235;2025-01;155\n",
            (2, "Personnummer", "pnr_checksum"),
        ),
    ],
)
def test_a_bad_file_names_row_column_and_reason_and_writes_nothing(staffed, kind, text, expected):
    assert expected in _problems(kind, text)
    assert not SickLeaveSpell.objects.exists() and not ScheduledHours.objects.exists()


def _hours(people, hours=160):
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=datetime.date(2025, 3, 1), hours=hours) for p in people
    )


def test_the_page_shows_skr_figures_and_the_trend(client, staffed, analyst):
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1001;2025-03-01;2025-03-31;100\n")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;80\n")
    _hours(add_staff(staffed["A"], 4, born=1980))  # four women of 45 in A
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    table = page.split('id="sick-leave"')[1].split("</table>")[0]
    assert "18,2\xa0%" in table  # 160 sick hours of 160 + 80 + 4 · 160
    # One man (1002) and one over 50 (1001): women/men and the age bands would give them.
    assert "20,0\xa0%" not in table and table.count(">–<") >= 5
    assert "<svg" in page and 'id="turnover"' in page
    assert 'id="groups"' not in page  # one assistant nurse (1002) beside five nurses


def test_the_page_shows_women_men_and_groups_of_five(client, staffed, analyst):
    # As above with five more men of 35 (assistant nurses) from the start (added after 2025
    # was shown they would not count: a closed year is computed from its first rows):
    # women/men and the groups can be shown; the age bands not (1001 alone is 50 or older).
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1001;2025-03-01;2025-03-31;100\n")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;80\n")
    _hours(add_staff(staffed["A"], 4, born=1980))  # four women of 45 in A
    men = add_staff(staffed["A"], 5, born=1990, group="Undersköterskor")
    Person.objects.filter(pk__in=[p.pk for p in men]).update(sex="M")
    _hours(men)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    table = page.split('id="sick-leave"')[1].split("</table>")[0]
    rows = {r.split("</td>")[0].split(">")[-1]: r for r in table.split("<tr")[2:]}
    assert "20,0\xa0%" in rows["Kvinnor (3)"]  # 160 of 5 · 160
    assert "0,0\xa0%" in rows["Män (4)"]
    assert all(">–<" in rows[name] for name in ("30–49 år (6)", "50 år eller äldre (7)"))
    groups = page.split('id="groups"')[1].split("</table>")[0]
    assert "Sjuksköterskor" in groups and "Undersköterskor" in groups


def test_a_manager_sees_no_figure_for_fewer_than_five_people(client, staffed, manager):
    # F has three people: 1001, 1002 (A) and 1003 (B). Nothing may be shown for them.
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1001;2025-03-01;;100\n")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;80\n")
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025}).content.decode()
    assert 'id="hidden"' in page and "66,7" not in page and 'id="long-term"' not in page


def test_a_manager_cannot_work_out_a_small_unit_from_its_parent_and_sibling(
    client, staffed, manager
):
    newcomers = add_staff(staffed["A"], 6, born=1985)  # A: 8 people; B: 1 (1003)
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;160\n1003;2025-03;160\n")
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=datetime.date(2025, 3, 1), hours=160) for p in newcomers
    )
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025}).content.decode()
    children = page.split('id="children"')[1].split("</table>")[0]
    # B is too small, and A would be F minus B: both hidden, in both sick-leave columns.
    rows = children.split("<tr data-unit")[1:]
    assert [len(re.findall(r">\s*dold\s*<", row)) for row in rows] == [2, 2]
    assert 'id="sick-leave"' in page  # F itself (9 people) is shown


def test_an_analyst_sees_no_figure_for_fewer_than_five_people_either(client, staffed, analyst):
    # Sick leave is health data: the thresholds hold for every role, not only managers.
    _import("hours", "Anst.nr;Månad;Timmar\n1003;2025-03;160\n")
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "B", "year": 2025}).content.decode()
    assert 'id="hidden"' in page and 'id="sick-leave"' not in page
