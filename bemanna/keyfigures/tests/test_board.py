"""Costs, competence plans, targets, early intervention, retention and the board report."""

import datetime
import io

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import early, services
from bemanna.keyfigures.models import (
    CompetencePlan,
    EarlyContact,
    Figure,
    PersonnelCost,
    ScheduledHours,
    SickLeaveSpell,
    Target,
)
from bemanna.pulse.tests.helpers import add_staff
from bemanna.tests.xlsx import Workbook
from bemanna.workforce.models import ImportBatch
from bemanna.workforce.services import ImportRefused

TODAY = datetime.date(2026, 6, 30)
COSTS = "Enhet;Månad;Yrkesgrupp;Egen personal;Inhyrd personal;Bemanningspool\n"
# December's rows, with nothing on them: a closed year's costs are shown once its months are
# all in (the months between without rows are months without costs).
YEAR_END = "A;2025-12;;0;0;0\nB;2025-12;;0;0;0\n"


def _import(kind, text, name=None):
    return services.import_health_file(
        kind, io.BytesIO(text.encode()), filename=name or f"{kind}.csv", today=TODAY
    )


def _page(client, user, **params):
    client.login(username=user, password=PASSWORD)
    return client.get(reverse("keyfigures:page"), params).content.decode()


def _section(page, table_id):
    return page.split(f'id="{table_id}"')[1].split("</table>")[0]


def test_costs_give_the_hired_share_against_the_two_per_cent_target(client, staffed, analyst):
    # Enough people in each ward for its hired share to be shown (`KeyFigures.costs`).
    add_staff(staffed["A"], 6)
    add_staff(staffed["B"], 6)
    _import(
        "costs",
        COSTS + "A;2025-01;;1 000 000;10 000;40\n"
        "A;2025-01;Läkare;;14 000 kr;\n"
        "B;2025-01;;500 000;1 000;\n"  # January's rows cover the staff: the month counts
        "B;2025-01;Läkare;;5 000;\n" + YEAR_END,
    )
    Target.objects.create(figure=Figure.HIRED_SHARE, value=2)
    costs = _section(_page(client, "analyst", unit="R", year=2025), "costs")
    assert "2,0\xa0%" in costs  # 30 000 of 1 500 000 kr, exactly on target: not flagged
    assert "off target" not in costs and "utanför mål" not in costs
    page = _page(client, "analyst", unit="A", year=2025)
    assert "2,4\xa0%" in _section(page, "costs")  # 24 000 of 1 000 000 kr
    assert "utanför mål" in _section(page, "costs")
    # The hired kronor by profession for the region only (beside a unit's share they would
    # give its own-staff cost: `KeyFigures.costs`).
    assert 'id="hired-by-profession"' not in page
    # Nor for the region here: named by A and B, both förvaltning F's, the doctors' 19 000
    # kr, and every group, would be F's hired cost (one branch below the region holds it
    # all: `kpi.cost_parts`; `test_costs_kept` shows the table where it may be shown).
    region = _page(client, "analyst", unit="R", year=2025)
    assert 'id="hired-by-profession"' not in region and "19\xa0000" not in region


def test_a_cost_file_with_errors_names_each_and_writes_nothing(staffed):
    with pytest.raises(ImportRefused) as refused:
        _import(
            "costs",
            COSTS + "X;2025-01;;100;0;0\nA;2025-13;;100;0;0\nA;2025-01;;-5;abc;0\n"
            "A;2025-01;;1;1;1\n",
        )
    found = {(i.row, i.column, i.code) for i in refused.value.issues}
    assert {
        (2, "Enhet", "unknown_unit"),
        (3, "Månad", "bad_month"),
        (4, "Egen personal", "bad_amount"),
        (4, "Inhyrd personal", "bad_amount"),
        (5, None, "duplicate_cost"),
    } <= found
    assert not PersonnelCost.objects.exists()


def test_importing_the_same_month_again_replaces_the_values(staffed):
    _import("costs", COSTS + "A;2025-01;;100;1;0\n")
    report = _import("costs", COSTS + "A;2025-01;;200;2;0\n")
    assert (report.created, report.updated) == (0, 1)
    assert PersonnelCost.objects.get().own_cost == 200


def _imported_on(day):
    """Date the plan file's import: the plans are a snapshot of that day, shown for its year."""
    ImportBatch.objects.filter(kind=ImportBatch.Kind.PLANS).update(
        created=datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    )


def test_competence_plan_coverage_and_its_errors(client, staffed, analyst):
    # Seven more in A with scheduled hours (2001–2007), so that the region passes the
    # threshold for every role, and those with a plan and those without are five each.
    from bemanna.conftest import EXTRACT_ROWS, extract_csv
    from bemanna.workforce.services import import_employments

    added = [
        f"200{i};1980;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-03-01;;"
        for i in range(1, 8)
    ]
    import_employments(
        io.BytesIO(extract_csv(EXTRACT_ROWS + added)), filename="hr.csv", today=TODAY
    )
    hours = "".join(f"200{i};2025-{m:02d};160\n" for i in range(1, 8) for m in range(1, 13))
    _import("hours", "Anst.nr;Månad;Timmar\n" + hours)
    _import(
        "plans", "Anst.nr;Kompetensplan\n1001;ja\n1002;Nej\n1003;x\n2001;ja\n2002;ja\n2003;ja\n"
    )
    _imported_on(datetime.date(2025, 12, 31))  # the plans describe the end of 2025
    assert CompetencePlan.objects.filter(has_plan=True).count() == 5
    # The file's plans are kept with it, to decide the next file's day against this one's.
    from bemanna.keyfigures.models import PlanStatus

    assert sorted(PlanStatus.objects.values_list("has_plan", flat=True)) == [False] + [True] * 5
    staff = _section(_page(client, "analyst", unit="R", year=2025), "staff")
    assert "50\xa0%" in staff  # five of the ten employed at the end of 2025 (1001–1003, 7)
    with pytest.raises(ImportRefused) as refused:
        _import("plans", "Anst.nr;Kompetensplan\n1001;kanske\n1001;ja\n")
    codes = {(i.row, i.code) for i in refused.value.issues}
    assert codes == {(2, "bad_yes_no"), (3, "duplicate_person")}


def test_a_manager_sees_no_coverage_for_fewer_than_five(client, staffed, manager):
    _import("plans", "Anst.nr;Kompetensplan\n1001;ja\n1002;nej\n1003;ja\n")
    _imported_on(datetime.date(2025, 12, 31))
    staff = _section(_page(client, "manager", unit="F", year=2025), "staff")
    plan_row = next(row for row in staff.split("<tr") if "kompetensplan" in row)
    assert '<td class="num">–</td>' in plan_row and "67\xa0%" not in staff


def test_a_units_target_is_the_nearest_one_above_it(staffed):
    Target.objects.create(figure=Figure.SICK_LEAVE, value=5)
    Target.objects.create(figure=Figure.SICK_LEAVE, unit=staffed["F"], value=7)
    targets = services.Targets()
    parents = {u.pk: u.parent_id for u in staffed.values()}
    assert targets.for_unit(Figure.SICK_LEAVE, staffed["A"].pk, parents) == pytest.approx(0.07)
    assert targets.for_unit(Figure.SICK_LEAVE, staffed["R"].pk, parents) == pytest.approx(0.05)
    assert targets.for_unit(Figure.ENPS, staffed["A"].pk, parents) is None
    assert services.off_target(Figure.SICK_LEAVE, 0.08, 0.07)
    assert not services.off_target(Figure.PLAN_COVERAGE, 0.9, 0.8)


def test_off_target_and_significantly_moved_units_are_listed(client, staffed, analyst):
    people = add_staff(staffed["A"], 30)
    months = [datetime.date(y, m, 1) for y in (2024, 2025) for m in range(1, 13)]
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=m, hours=160) for p in people for m in months
    )
    # 2024: hardly anyone sick; 2025: a third of them sick for a month.
    SickLeaveSpell.objects.bulk_create(
        SickLeaveSpell(
            person=p, start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31), extent=100
        )
        for p in people[:10]
    )
    Target.objects.create(figure=Figure.SICK_LEAVE, value=2)
    attention = _section(_page(client, "analyst", unit="R", year=2025), "attention")
    assert "Avdelning A" in attention
    assert "mål 2,0\xa0%" in attention and "signifikant" in attention


def test_reimporting_a_spell_keeps_its_call(staffed, occ_health):
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1001;2026-06-20;;100\n")
    spell = SickLeaveSpell.objects.get()
    EarlyContact.objects.create(spell=spell, called_on=TODAY, rehab_meeting=True)
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1001;2026-06-20;2026-07-10;100\n")
    assert SickLeaveSpell.objects.get().pk == spell.pk
    assert EarlyContact.objects.get().spell_id == spell.pk


def _spells(*rows):
    text = "Anst.nr;Från;Till;Omfattning\n" + "".join(f"{r}\n" for r in rows)
    _import("sick_leave", text)


def test_the_worklist_holds_spells_at_day_8_to_10_and_late_ones(staffed):
    today = datetime.date(2026, 6, 30)
    _spells(
        "1001;2026-06-22;;100",  # day 9: due
        "1002;2026-06-26;;100",  # day 5: not yet
        "1003;2026-06-18;2026-06-24;50",  # back at work on day 7
    )
    people = add_staff(staffed["A"], 2)
    SickLeaveSpell.objects.create(person=people[0], start=datetime.date(2026, 6, 18), extent=50)
    SickLeaveSpell.objects.create(person=people[1], start=datetime.date(2026, 6, 1), extent=50)
    rows = early.worklist(today)
    assert [(r["day"], r["late"]) for r in rows] == [(13, True), (9, False)]
    assert rows[1]["unit"] == staffed["A"]


def test_a_continuation_row_starts_no_new_call_and_keeps_its_spell_on_the_list(staffed):
    today = datetime.date(2026, 6, 30)
    _spells(
        # 1001: day 1–5 at 100 %, then 50 % from 27 Jun: one spell, day 9 today, due once.
        "1001;2026-06-22;2026-06-26;100",
        "1001;2026-06-27;;50",
        # 1002: 100 % until 22 Jun, 50 % from 23 Jun (day 8 of the continuation row, but
        # day 18 of the spell): no new call.
        "1002;2026-06-13;2026-06-22;100",
        "1002;2026-06-23;;50",
        # 1003: a one-day gap: a new spell, day 8 today.
        "1003;2026-06-01;2026-06-21;100",
        "1003;2026-06-23;;100",
    )
    rows = early.worklist(today)
    assert [(r["spell"].start, r["day"]) for r in rows] == [
        (datetime.date(2026, 6, 22), 9),
        (datetime.date(2026, 6, 23), 8),
    ]
    # Counted the same way: the spells reaching day 8 in June are 1001's, 1002's and both of
    # 1003's; none in July (1001's 50 % row alone would reach its "day 8" on 4 July). (The
    # page shows a month's counts once it is final and kept: `early.counts`.)
    due = early._due(2026)
    assert (due[6], due[7]) == (4, 0)


def _computed(figures, unit, year):
    """A unit's figures 1 and 2 for a year as computed, before the disclosure rule (one
    person's figure 2 is never shown: `KeyFigures.long_share_units`)."""
    rows = figures.unit_years.filter((pl.col("unit") == unit.pk) & (pl.col("year") == year))
    return rows.row(0, named=True)


def test_a_spell_continued_from_before_the_period_is_long_in_the_key_figures(staffed):
    # 1 Nov – 31 Dec 2024 at 100 %, 1 – 31 Jan 2025 at 50 %: one spell of 92 days; 2025's
    # figure 2 holds January's hours as long-term although the January row is 31 days.
    _spells("1001;2024-11-01;2024-12-31;100", "1001;2025-01-01;2025-01-31;50")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;160\n")
    spells, _hours, _people = services.health_frames(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), TODAY
    )
    assert spells.height == 2
    figures = services.KeyFigures(2025, TODAY)
    row = _computed(figures, staffed["R"], 2025)
    assert row["sick"] == pytest.approx(80.0) and row["long_share"] == pytest.approx(1.0)


def test_a_spell_continued_after_the_period_counts_up_to_the_years_end(staffed):
    # 25 – 31 Dec 2025 at 100 %, 1 Jan – 22 Feb 2026 at 50 %: one spell of 60 days (7 + 31 +
    # 22). 2025's figure 2 counts it up to 31 December, 7 days: not long, as it was before
    # the 2026 row came (a closed year never changes); 2026's counts it from 25 December:
    # long. Rows starting after the period are not fetched for it.
    _spells(
        "1001;2025-12-25;2025-12-31;100",
        "1001;2026-01-01;2026-02-22;50",
        "1002;2025-03-01;2025-03-05;100",
        "1002;2026-01-01;2026-01-31;100",
    )
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-12;155\n1001;2026-01;160\n")
    spells, _hours, _people = services.health_frames(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), TODAY
    )
    assert spells.height == 2
    row = _computed(services.KeyFigures(2025, TODAY), staffed["R"], 2025)
    assert row["sick"] == pytest.approx(155 * 7 / 31) and row["long_share"] == 0.0
    row = _computed(services.KeyFigures(2026, TODAY), staffed["R"], 2026)
    assert row["sick"] == pytest.approx(160 * 0.5) and row["long_share"] == pytest.approx(1.0)
    # The ten-year window of the 2026 page gives 2025 as its own page did.
    earlier = _computed(services.KeyFigures(2026, TODAY), staffed["R"], 2025)
    assert earlier["long_share"] == 0.0


def test_occupational_health_records_a_call_and_the_spell_leaves_the_list(
    client, staffed, occ_health, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    _spells("1001;2026-06-22;;100")
    spell = SickLeaveSpell.objects.get()
    client.login(username="occ_health", password=PASSWORD)
    page = client.get(reverse("keyfigures:worklist")).content.decode()
    assert reverse("keyfigures:call", args=[spell.pk]) in page
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_VIEWED).exists()
    url = reverse("keyfigures:call", args=[spell.pk])
    future = client.post(url, {"called_on": "2026-07-05", "manager_reached": "on"})
    assert future.status_code == 200 and "framtiden" in future.content.decode()
    before = client.post(url, {"called_on": "2026-06-01", "manager_reached": "on"})
    assert "innan sjukfrånvaron" in before.content.decode()
    assert not EarlyContact.objects.exists()
    done = client.post(
        url, {"called_on": "2026-06-30", "manager_reached": "on", "rehab_meeting": "on"}
    )
    assert done.status_code == 302
    contact = EarlyContact.objects.get()
    assert contact.rehab_meeting and contact.recorded_by == occ_health
    page = client.get(reverse("keyfigures:worklist")).content.decode()
    assert _section(page, "worklist").count("<tr") == 2  # the header and "nothing to call"


def test_a_call_in_a_closed_year_is_refused(client, staffed, occ_health, monkeypatch):
    # A closed year's calls are counted on the key figures and the board report: a call
    # recorded in it afterwards (or an old one changed) would be that one spell's.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    _spells("1001;2025-10-06;2026-01-31;100")
    spell = SickLeaveSpell.objects.get()
    client.login(username="occ_health", password=PASSWORD)
    url = reverse("keyfigures:call", args=[spell.pk])
    refused = client.post(url, {"called_on": "2025-10-14", "rehab_meeting": "on"})
    assert refused.status_code == 200 and "2025 är avslutat" in refused.content.decode()
    assert not EarlyContact.objects.exists()
    EarlyContact.objects.create(spell=spell, called_on=datetime.date(2025, 10, 14))
    changed = client.post(url, {"called_on": "2026-01-05", "rehab_meeting": "on"})
    assert changed.status_code == 200 and "kan inte ändras" in changed.content.decode()
    assert not EarlyContact.objects.get().rehab_meeting


def test_a_call_in_a_final_month_is_refused(client, staffed, occ_health, monkeypatch):
    # On 30 June April is final (32 days after it ends) and its counts are shown for good;
    # May is not final yet, so a call made then can still be recorded.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    _spells("1001;2026-04-06;2026-06-30;100")
    spell = SickLeaveSpell.objects.get()
    client.login(username="occ_health", password=PASSWORD)
    url = reverse("keyfigures:call", args=[spell.pk])
    refused = client.post(url, {"called_on": "2026-04-20", "rehab_meeting": "on"})
    assert refused.status_code == 200 and "2026-04 är slutlig" in refused.content.decode()
    assert not EarlyContact.objects.exists()
    done = client.post(url, {"called_on": "2026-05-04", "rehab_meeting": "on"})
    assert done.status_code == 302
    assert EarlyContact.objects.get().called_on == datetime.date(2026, 5, 4)


def test_hr_sees_counts_of_calls_never_the_spells(client, staffed, analyst, hr_admin):
    _spells("1001;2025-03-03;;100", "1002;2025-03-20;2025-03-22;100")
    # A month's counts are shown once its sick leave is kept (final, with its hours).
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;160\n")
    spell = SickLeaveSpell.objects.get(start=datetime.date(2025, 3, 3))
    EarlyContact.objects.create(
        spell=spell, called_on=datetime.date(2025, 3, 11), manager_reached=True, rehab_meeting=True
    )
    page = _page(client, "analyst", unit="R", year=2025)
    march = _section(page, "early").split("<tr>")[4]
    assert [cell.split("<")[0] for cell in march.split('class="num">')[1:]] == ["1", "1", "1", "1"]
    assert spell.person.pseudonym[:10] not in page
    client.login(username="hr_admin", password=PASSWORD)
    assert client.get(reverse("keyfigures:worklist")).status_code == 403


def test_early_intervention_without_sick_leave_shows_a_dash_not_0(client, staffed, analyst):
    # Nothing imported: "–" in every cell, as the board report says for no data; with one
    # spell imported (none reaching day 8 in March) the cells are counts again, 0.
    body = _section(_page(client, "analyst", unit="R", year=2025), "early").split("<tbody>")[1]
    cells = [cell.split("<")[0].strip() for cell in body.split('class="num">')[1:]]
    assert len(cells) == 48 and set(cells) == {"–"}
    _spells("1001;2025-06-02;2025-06-03;100")
    body = _section(_page(client, "analyst", unit="R", year=2025), "early").split("<tbody>")[1]
    cells = [cell.split("<")[0].strip() for cell in body.split('class="num">')[1:]]
    assert len(cells) == 48 and set(cells) == {"–"}  # no hours: no month's sick leave is kept
    months = "".join(f"1001;2025-{m:02d};160\n" for m in range(1, 13))
    _import("hours", "Anst.nr;Månad;Timmar\n" + months)
    body = _section(_page(client, "analyst", unit="R", year=2025), "early").split("<tbody>")[1]
    cells = [cell.split("<")[0].strip() for cell in body.split('class="num">')[1:]]
    assert len(cells) == 48 and set(cells) == {"0"}


def test_run_schedule_deletes_health_data_past_retention(staffed, settings):
    settings.HEALTH_DATA_YEARS = 2
    settings.EARLY_CONTACT_MONTHS = 6
    _spells(
        "1001;2023-05-01;2023-05-20;100", "1001;2025-01-10;2025-01-20;100", "1002;2026-01-05;;100"
    )
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2024-12;160\n1001;2025-01;160\n")
    recent = SickLeaveSpell.objects.get(start=datetime.date(2026, 1, 5))
    EarlyContact.objects.create(spell=recent, called_on=datetime.date(2026, 1, 12))
    out = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", "--today=2026-09-01", stdout=out)
    assert "1 sick-leave spell(s)" in out.getvalue()
    assert sorted(SickLeaveSpell.objects.values_list("start", flat=True)) == [
        datetime.date(2025, 1, 10),
        datetime.date(2026, 1, 5),
    ]
    assert list(ScheduledHours.objects.values_list("month", flat=True)) == [
        datetime.date(2025, 1, 1)
    ]
    assert not EarlyContact.objects.exists()  # called more than six months ago
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_DELETED).exists()


@pytest.fixture
def figures(staffed):
    _spells("1001;2025-03-01;2025-03-31;100")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;80\n")
    # Four more in A, so that the region's figures rest on enough people (six).
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=datetime.date(2025, 3, 1), hours=160)
        for p in add_staff(staffed["A"], 4)
    )
    # And five in B (no hours), so that the units' hired shares are shown: F less A is not
    # B's one.
    add_staff(staffed["B"], 5)
    # B's row too, with nothing on it: a month counts once its rows cover 80 % of the staff.
    _import("costs", COSTS + "A;2025-03;;1 000 000;50 000;0\nB;2025-03;;0;0;0\n" + YEAR_END)
    Target.objects.create(figure=Figure.HIRED_SHARE, value=2)
    return staffed


def test_the_board_report_in_three_formats(client, figures, analyst):
    client.login(username="analyst", password=PASSWORD)
    url = reverse("keyfigures:report")
    html = client.get(url, {"unit": "R", "year": 2025}).content.decode()
    # 160 sick hours of 160 + 80 + 4 · 160 = 880 scheduled.
    for part in ('id="sick-leave"', 'id="costs"', "18,2\xa0%", "5,0\xa0%", "<svg"):
        assert part in html
    assert "Handlingsplanen" in html and "Ambassadörskap" in html
    pdf = client.get(url, {"unit": "R", "year": 2025, "format": "pdf"})
    assert (
        pdf.content.startswith(b"%PDF") and "lagesrapport-2025-r.pdf" in pdf["Content-Disposition"]
    )
    xlsx = client.get(url, {"unit": "R", "year": 2025, "format": "xlsx"})
    import zipfile

    book = zipfile.ZipFile(io.BytesIO(xlsx.content))
    sheets = book.read("xl/workbook.xml").decode()
    assert "Nyckeltal" in sheets and "Handlingsplan" in sheets
    assert any(name.startswith("xl/media/") for name in book.namelist())  # the charts
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REPORT).count() == 3
    _the_board_workbook_holds_the_figures(Workbook(xlsx.content))


def _the_board_workbook_holds_the_figures(book):
    """The cells of the Excel report, read back: 160 sick hours of 880 scheduled, 50 000 kr
    hired against 1 000 000 kr own staff, on a 2 % target."""
    assert book.sheets == [
        "Sammanfattning",
        "Nyckeltal",
        "Underliggande enheter",
        "Prognos",
        "Ambassadörskap",
        "Handlingsplan",
    ]
    hired = "Inhyrd personal, andel av kostnaden för egen personal"
    # The summary first: each figure with its value, the year before, its target.
    summary = {row[0]: row[1:] for row in book.rows("Sammanfattning") if row[0]}
    # As the page shows it (18,2 %): the cell holds no more precision than the page.
    assert summary["Total sjukfrånvaro (1)"][0] == "0.182"
    assert [float(summary[hired][0]), summary[hired][1], float(summary[hired][2])] == [
        pytest.approx(0.05),
        None,  # no costs for 2024
        pytest.approx(0.02),
    ]
    assert "3,0" in summary[hired][4]  # 5 % against 2 %: three percentage points over
    rows = book.rows("Nyckeltal")
    with translation.override("sv"):
        note, chart = translation.gettext("Note"), translation.gettext("Chart: %(title)s")
    assert rows[3] == ["Mått", "2025", "2024", "Regionen", "Mål", note]
    facts = book.pairs("Nyckeltal")
    # As the page shows it (18,2 %), no more: the cell holds no full-precision float.
    assert facts["Total sjukfrånvaro (1)"] == "0.182"
    assert [row[0] for row in rows[4:11]] == [
        "Total sjukfrånvaro (1)",
        "Andel i sjukperioder om 60 dagar eller mer (2)",
        "Kvinnor (3)",
        "Män (4)",
        "29 år eller yngre (5)",
        "30–49 år (6)",
        "50 år eller äldre (7)",
    ]
    assert float(facts[hired]) == pytest.approx(50_000 / 1_000_000)
    assert float(facts["Inhyrd personal (kr)"]) == 50_000
    assert float(facts["Egen personal (kr)"]) == 1_000_000
    assert facts["Andel med individuell kompetensplan"] is None  # no plan file imported
    units = book.rows("Underliggande enheter")
    header = units.index(["Enhet", "Total sjukfrånvaro (1)", rows[5][0], hired, None])
    assert units[header + 1][0] == "Förvaltning F"
    assert float(units[header + 1][3]) == pytest.approx(0.05)
    attention = [row for row in units if row[0] == "Avdelning A"]
    assert attention == [["Avdelning A", hired, "0.05", "mål", "0.02"]]
    # The trend, the monthly and the cost chart beside the figures, as pictures, each with
    # its data as a table below the figures (the text alternative).
    assert len(book.pictures("Nyckeltal")) == 3
    assert sum(1 for row in rows if row[0] and row[0].startswith(chart % {"title": ""})) == 3
    assert book.pictures("Prognos") == []  # no scenario: no gap chart
    assert book.rows("Prognos") == [["Prognos"], ["Inget prognosscenario ännu."]]


def test_the_attention_list_holds_what_is_materially_off_with_precise_values(
    client, staffed, analyst
):
    # Five or more people with scheduled hours in A and in B, so both units are shown.
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=datetime.date(2025, 3, 1), hours=160)
        for unit in ("A", "B")
        for p in add_staff(staffed[unit], 5)
    )
    # A: 2 600 kr of 1 000 000 kr is 0,26 %; B: 1 720 kr is 0,172 %; target 0,2 %. Below the
    # region a share is what the page writes, a tenth of a per cent (`KeyFigures.costs`:
    # more decimals beside the region's kronor gave a unit's own-staff cost): A 0,3 %,
    # B 0,2 %.
    _import(
        "costs", COSTS + "A;2025-03;;1 000 000;2 600;0\nB;2025-03;;1 000 000;1 720;0\n" + YEAR_END
    )
    Target.objects.create(figure=Figure.HIRED_SHARE, value=0.2)
    attention = _section(_page(client, "analyst", unit="R", year=2025), "attention")
    # A is more than a tenth of the target over it.
    assert "Avdelning A" in attention and "0,3\xa0%" in attention
    # B is on it as written, and the region and F (4 320 kr of 2 000 000 kr, 0,216 %; F
    # written 0,2 %) less than a tenth over: none is listed.
    assert "Avdelning B" not in attention and "Förvaltning F" not in attention
    assert "Region Test" not in attention
    # The board report's summary page lists the same, in the same words.
    url = reverse("keyfigures:report")
    board = client.get(url, {"unit": "R", "year": 2025}).content.decode()
    listed = _section(board, "summary-attention")
    assert "Avdelning A" in listed and "0,3\xa0%" in listed and "Avdelning B" not in listed
    assert 'id="summary"' in board and 'id="chart-data"' in board
    # The region's hired share in the summary, its kronor shown beside it: 0,216 % against
    # 0,2 %, written so the difference shows, as 0,22 %.
    figures = _section(board, "summary-figures")
    assert "0,22\xa0%" in figures


def test_the_report_command(figures, tmp_path):
    out = io.StringIO()
    target = tmp_path / "rapport.pdf"
    call_command("report", "--period=2025", f"--out={target}", stdout=out)
    assert target.read_bytes().startswith(b"%PDF") and "Region Test" in out.getvalue()
    with pytest.raises(CommandError, match="format"):
        call_command("report", "--period=2025", f"--out={tmp_path / 'rapport.doc'}")
    with pytest.raises(CommandError, match="finns inte"):
        call_command("report", "--period=2025", "--unit=NOPE", f"--out={target}")
    assert not (tmp_path / "rapport.doc").exists()


def test_costs_are_imported_on_the_web_page_too(client, staffed, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    upload = io.BytesIO((COSTS + "A;2025-01;;100 000;1 000;0\n").encode())
    upload.name = "kostnader.csv"
    response = client.post(reverse("workforce:import"), {"kind": "costs", "file": upload})
    assert response.status_code == 302 and PersonnelCost.objects.get().hired_cost == 1000
    bad = io.BytesIO((COSTS + "Q;2025-01;;100;0;0\n").encode())
    bad.name = "kostnader.csv"
    page = client.post(reverse("workforce:import"), {"kind": "costs", "file": bad})
    assert page.status_code == 400 and "kostnader.csv" in page.content.decode()


def _nurses_and_assistants(staffed, assistants: int) -> None:
    """A: nine nurses (1001 sick all March 2025) and `assistants` assistant nurses (1002 and
    more), 160 hours each in March 2025."""
    _spells("1001;2025-03-01;2025-03-31;100")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;160\n")
    march = datetime.date(2025, 3, 1)
    nurses = add_staff(staffed["A"], 8)
    more = add_staff(staffed["A"], assistants - 1, group="Undersköterskor")
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=march, hours=160) for p in nurses + more
    )


def test_sick_leave_per_profession_group_and_its_partition_rule(client, staffed, analyst, manager):
    _nurses_and_assistants(staffed, 1)
    # A: nine nurses and one assistant nurse (1002): the assistant's sick leave is A's minus
    # the nurses', so neither group is shown, to the analyst or the manager.
    for user in ("analyst", "manager"):
        for unit in ("A", "F"):
            page = _page(client, user, unit=unit, year=2025)
            assert 'id="groups"' not in page and 'id="groups-hidden"' in page


def test_sick_leave_per_profession_group_of_five_is_shown(client, staffed, analyst, manager):
    # Five assistant nurses, and both groups are shown, to both. (Added after 2025 was
    # shown, they would not count: a closed year is computed from its first rows.)
    _nurses_and_assistants(staffed, 5)
    for user in ("analyst", "manager"):
        groups = _section(_page(client, user, unit="F", year=2025), "groups")
        # Nurses: 160 sick hours of 9 · 160; assistant nurses: none of 5 · 160.
        assert "Sjuksköterskor" in groups and "11,1\xa0%" in groups
        assert "Undersköterskor" in groups and "0,0\xa0%" in groups


def test_the_board_pdf_is_rendered_once_for_what_it_shows(client, figures, analyst, monkeypatch):
    # WeasyPrint took 3–5 s of each request for Region Demo's report (issue 19): the same
    # report asked again, a minute later too, is the document made the first time (with the
    # time it was made); a change to what it shows makes a new one.
    import types

    from django.utils import timezone

    from bemanna import pdf as pdf_document
    from bemanna.keyfigures import board
    from bemanna.tests import pdf as pdf_text

    made = []
    real = pdf_document.render

    def counted(html):
        made.append(html)
        return real(html)

    monkeypatch.setattr(pdf_document, "render", counted)
    clock = [datetime.datetime(2026, 1, 20, 9, 15, tzinfo=timezone.get_current_timezone())]
    # The report's clock alone (the board module's), the pages' days as they are.
    monkeypatch.setattr(
        board,
        "timezone",
        types.SimpleNamespace(localtime=lambda: clock[0], localdate=timezone.localdate),
    )
    client.login(username="analyst", password=PASSWORD)
    url = reverse("keyfigures:report")
    asked = {"unit": "R", "year": 2025, "format": "pdf"}
    first = client.get(url, asked).content
    clock[0] += datetime.timedelta(minutes=3)
    again = client.get(url, asked).content
    assert len(made) == 1 and again == first
    assert "2026-01-20 09:15" in pdf_text.text(again, 1)  # when it was made
    assert "18,2 %" in pdf_text.text(again)
    # Another target: the report shows it, so a new document is made, stamped anew.
    Target.objects.create(figure=Figure.SICK_LEAVE, value=4)
    changed = client.get(url, asked).content
    assert len(made) == 2 and changed != first
    assert "2026-01-20 09:18" in pdf_text.text(changed, 1)
    assert "2026-01-20 09:18" in made[1] and "09:15" not in made[1]


@pytest.mark.parametrize("whole_months", [True, False])
def test_calls_go_by_whole_months_so_a_months_counts_go_at_once(staffed, monkeypatch, whole_months):
    # An insider read December's calls on the key figures day after day while retention
    # deleted calls 24 months old: each day's drop was one date's calls and their outcome.
    # Calls now go by whole months: June 2024's two calls count until 30 June 2026 and
    # are gone together on 1 July. Counted to the day (the mutation), the count drops
    # between the 15th and the 25th.
    _spells("1001;2024-06-01;2024-06-30;100", "1002;2024-06-03;2024-06-28;100")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2024-06;160\n1002;2024-06;160\n")
    first, second = SickLeaveSpell.objects.order_by("start")
    EarlyContact.objects.create(spell=first, called_on=datetime.date(2024, 6, 10))
    EarlyContact.objects.create(spell=second, called_on=datetime.date(2024, 6, 20))
    if not whole_months:  # calls deleted to the day, and counted as they are
        monkeypatch.setattr(
            early, "_months_before", lambda day, months: day.replace(year=day.year - months // 12)
        )
        monkeypatch.setattr(early, "_calls_from", lambda today: datetime.date.min)
    seen = []
    for day in (datetime.date(2026, 6, 15), datetime.date(2026, 6, 25), datetime.date(2026, 7, 1)):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, day=day: day)
        early.delete_expired(day)
        services.published_health(day)  # as the key figures' page computes them first
        seen.append(early.counts(2024)[5]["calls"])
    assert seen == ([2, 2, None] if whole_months else [1, 0, 0])
