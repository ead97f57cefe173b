"""The board report's one-page summary against figures worked out by hand from their
definitions (an independent controller's check of Region Demo, on small made-up data)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from bemanna import generation
from bemanna import report as spec
from bemanna.analysis import charts
from bemanna.conftest import PASSWORD
from bemanna.forecast.models import Scenario
from bemanna.keyfigures import board
from bemanna.keyfigures.models import CompetencePlan, ScheduledHours
from bemanna.org.models import Level, Unit
from bemanna.pulse import services as pulse_services
from bemanna.pulse.models import Pulse, Wave
from bemanna.pulse.tests.helpers import add_staff, answer, make_tree
from bemanna.tests.test_cli import swedish as _swedish
from bemanna.tests.xlsx import Workbook
from bemanna.workforce.models import Employment, ImportBatch

TODAY = datetime.date(2026, 6, 30)


def _summary_row(unit, year, label, today=TODAY):
    """The summary table's row whose first cell is `label`, in English."""
    with translation.override("en"):
        report = board.build(unit, year, today)
        table = board.summary_sections(report)[0].tables[0]
        return next(row for row in table.rows if row[0] == label)


def _enps_answers(promoters: int, detractors: int, total: int = 10) -> list[int]:
    return [10] * promoters + [0] * detractors + [8] * (total - promoters - detractors)


@pytest.fixture
def waves(db):
    """One ambassadorship pulse over a region of ten, ten answers a wave, each wave's eNPS
    (% promoters − % detractors) chosen by hand:
    2024-03: 3 − 5 of 10 → −20; 2025-03: 5 − 2 → +30; 2025-06: 2 − 3 → −10;
    2026-03: 4 − 0 → +40."""
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    add_staff(region, 10)
    pulse = Pulse.objects.create(name="Ambassadörskap", min_answers=5, min_answers_text=5)
    pulse.units.add(region)
    for opens, promoters, detractors in (
        (datetime.date(2024, 3, 1), 3, 5),
        (datetime.date(2025, 3, 1), 5, 2),
        (datetime.date(2025, 6, 1), 2, 3),
        (datetime.date(2026, 3, 1), 4, 0),
    ):
        wave = pulse_services.open_wave(pulse, opens)
        answer(wave, _enps_answers(promoters, detractors), unit=region)
        pulse_services.close_wave(wave)
    return region


def test_the_enps_trend_compares_the_years_wave_with_the_wave_before_it(waves):
    # 2025: the last wave closed in 2025 (June, −10) against the one before it (March, +30);
    # the 2026 wave (+40) is after the year and never used.
    name, value, before, _target, trend, _sentence = _summary_row(waves, 2025, "eNPS")
    assert (value.value, before.value, trend) == (-10, 30, "down from 30")
    # 2026: March 2026 (+40) against the wave before it, June 2025 (−10), another year's.
    _name, value, before, _target, trend, _sentence = _summary_row(waves, 2026, "eNPS")
    assert (value.value, before.value, trend) == (40, -10, "up from \u221210")  # a real minus
    # 2024: the first wave; nothing before it, whatever closed later.
    _name, value, before, _target, trend, _sentence = _summary_row(waves, 2024, "eNPS")
    assert (value.value, before.value, trend) == (-20, None, "–")


def test_the_gap_headline_is_the_mean_of_the_draws(waves):
    # A skewed gap: its draws' mean (154,2) is not their median (155,8). The summary gives the
    # mean, as the forecast page and `bemanna forecast` do, with P10–P90 beside it.
    with translation.override("en"):
        report = board.build(waves, 2025, TODAY)
        report["forecast"] = {
            "horizon": 2035,
            "gap": {"mean": 154.2, "p10": 52.4, "p50": 155.8, "p90": 254.6},
        }
        table = board.summary_sections(report)[0].tables[0]
    row = table.rows[-1]
    assert row[0] == "Staffing gap in 2035, mean (FTE)"
    assert table.columns[1].text(row[1]) == "154"
    assert row[5] == "P10–P90: 52–255 FTE."


def test_a_gap_range_across_zero_reads_to_not_a_dash_on_the_page_pdf_and_workbook(waves):
    """ "−12 – 29" reads as a subtraction: a range with a negative bound is "−12 till 29"
    ("−12 to 29") in the summary (page, PDF, workbook) and in the forecast paragraph."""
    minus = "\u2212"
    with translation.override("en"):
        report = board.build(waves, 2025, TODAY)
        gap = [{"year": 2035, "series": "Gap", "p10": -12.3, "p50": 8.0, "p90": 29.4}]
        report["specs"]["gap"] = charts.band_spec(
            gap, labels={"year": "Year", "value": "FTE"}, title="Gap"
        )
        report.update(
            scenario=Scenario(name="Nuläge"),
            gaps=[],
            forecast={
                "horizon": 2035,
                "gap": {"mean": 8.4, "p10": -12.3, "p50": 8.0, "p90": 29.4},
                "need_per_year": 40,
                "notes": [],
            },
        )
        summary = board.summary_sections(report)
        page = " ".join(BeautifulSoup(board.html(report), "html.parser").get_text().split())
        book = Workbook(spec.xlsx(spec.Report("x", sections=summary)))
    said = f"P10–P90: {minus}12 to 29 FTE."
    assert summary[0].tables[0].rows[-1][5] == said
    assert said in page  # the page, and the PDF drawn from it
    assert f"(P10–P90 {minus}12 to 29);" in page
    assert f"{minus}12 – 29" not in page and f"{minus}12–29" not in page
    assert said in [cell for sheet in book.sheets for row in book.rows(sheet) for cell in row]
    sv = _swedish()
    assert sv["%(low)s to %(high)s"] == "%(low)s till %(high)s"
    assert sv["P10–P90: %(range)s FTE."] == "P10–P90: %(range)s årsarbetare."


def test_the_year_befores_turnover_is_shown_beside_the_years(db):
    # Twenty monthly paid since 2015; two leave in 2024 (May, August); in 2025 one leaves
    # (March) and one is hired (February). Leavers / the average of the headcount on
    # 31 December the year before and that year:
    # 2024: 2 / ((20 + 18) / 2) = 10,53 %; 2025: 1 / ((18 + 18) / 2) = 5,56 %.
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    people = add_staff(region, 21)
    for person, end in zip(
        people,
        (datetime.date(2024, 5, 31), datetime.date(2024, 8, 31), datetime.date(2025, 3, 31)),
        strict=False,
    ):
        Employment.objects.filter(person=person).update(end=end, end_reason="own_request")
    Employment.objects.filter(person=people[-1]).update(start=datetime.date(2025, 2, 1))
    # Scheduled hours in January of each year (the hire's in March), so the region's figures
    # rest on enough people to be shown.
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(year, 3 if hired else 1, 1), hours=160)
        for year in (2024, 2025)
        for person, hired in ((p, p == people[-1]) for p in people)
        if not (hired and year == 2024)
    )
    _name, value, before, _target, trend, _sentence = _summary_row(
        region, 2025, "Leavers / average headcount"
    )
    assert value.value == pytest.approx(1 / 18)
    assert before.value == pytest.approx(2 / 19)
    assert trend == "down from 10.5\xa0%"
    # The 2024 report shows the same 2024 figure.
    _name, value, _before, _target, _trend, _sentence = _summary_row(
        region, 2024, "Leavers / average headcount"
    )
    assert value.value == pytest.approx(2 / 19)


def test_the_competence_plan_share_is_shown_only_for_its_snapshots_year(client, analyst):
    # Ten staff at the end of 2025, two of them hired in 2025; the plan file, imported on
    # 20 November 2025, says five have a plan (both hired in 2025 among them): 5 / 10 = 50 %.
    # Applied to 2024's eight it would say 3 / 8 = 38 %, a figure no one measured.
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    people = add_staff(region, 10)
    Employment.objects.filter(person__in=people[8:]).update(start=datetime.date(2025, 2, 1))
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(year, 3, 1), hours=160)
        for year in (2024, 2025, 2026)
        for person in (people if year > 2024 else people[:8])
    )
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.PLANS, filename="planer.csv")
    ImportBatch.objects.filter(pk=batch.pk).update(
        created=datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)
    )
    for index, person in enumerate(people):
        CompetencePlan.objects.create(person=person, has_plan=index >= 5, batch=batch)
    from bemanna.keyfigures import services

    services._keep_statuses(batch)  # as the import does
    label = "Staff with an individual competence plan"
    _name, value, _before, _target, _trend, sentence = _summary_row(region, 2025, label)
    assert value.value == pytest.approx(5 / 10)
    assert sentence.endswith("Snapshot of 2025-11-20.")
    for year in (2024, 2026):
        _name, value, _before, _target, _trend, sentence = _summary_row(region, year, label)
        assert value.value is None
        assert sentence.endswith(
            "Competence plans exist only as a snapshot (of 2025-11-20): no share for another year."
        )
    # The key-figure page says the same beside the share (in the user's language).
    client.login(username="analyst", password=PASSWORD)
    with translation.override("sv"):
        expected = translation.gettext(
            "Competence plans exist only as a snapshot (of %(date)s): no share for another year."
        ) % {"date": "2025-11-20"}
        shown = translation.gettext("Snapshot of %(date)s.") % {"date": "2025-11-20"}
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2024}).content.decode()
    assert expected in page.split('id="plan-note"')[1].split("</span>")[0]
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    row = page.split('id="plan-note"')[1].split("</tr>")[0]
    assert shown in row and "50\xa0%" in row


def _ambassadorship_rows(unit, year):
    """The board report's ambassadorship table (wave, eNPS, …) as the page and workbook get it."""
    with translation.override("en"):
        report = board.build(unit, year, TODAY)
        section = next(s for s in board.sections(report) if s.heading == "Ambassadorship")
    return [row[:2] for row in section.tables[0].rows] if section.tables else []


def test_the_ambassadorship_section_lists_only_waves_closed_by_the_years_end(waves):
    # The fixture's waves open 2024-03, 2025-03, 2025-06, 2026-03; each closes weeks after
    # it opens, in the same year. A 2025 report lists the three up to June 2025, not 2026's.
    in_2025 = [["2024-03", -20], ["2025-03", 30], ["2025-06", -10]]
    assert _ambassadorship_rows(waves, 2025) == in_2025
    assert _ambassadorship_rows(waves, 2024) == [["2024-03", -20]]
    assert _ambassadorship_rows(waves, 2026) == [
        ["2024-03", -20],
        ["2025-03", 30],
        ["2025-06", -10],
        ["2026-03", 40],
    ]
    # The page lists the same waves.
    page = board.html(board.build(waves, 2024, TODAY))
    listed = page.split('id="pulse"')[1]
    assert "2024-03" in listed and "2025-03" not in listed


def test_a_wave_closing_after_new_year_belongs_to_the_next_years_report(waves):
    # The June 2025 wave kept open over the new year (closes 5 January 2026): not in 2025's
    # report; one closing on 31 December is.
    june = Wave.objects.get(opens=datetime.date(2025, 6, 1))
    Wave.objects.filter(pk=june.pk).update(closes=datetime.date(2026, 1, 5))
    assert _ambassadorship_rows(waves, 2025) == [["2024-03", -20], ["2025-03", 30]]
    assert ["2025-06", -10] in _ambassadorship_rows(waves, 2026)
    Wave.objects.filter(pk=june.pk).update(closes=datetime.date(2025, 12, 31))
    generation.bump()  # a change the report's cache does not see on its own (an update())
    assert _ambassadorship_rows(waves, 2025)[-1] == ["2025-06", -10]


def test_the_forecast_gaps_are_one_table_on_the_page_and_in_excel(waves):
    """The gaps table is declared once (the report spec): the page (and so the PDF) and the
    workbook show the same groups, columns and figures, rounded the same way."""
    gaps = [
        {"group": "Sjuksköterskor", "p10": 12.4, "p50": 20.6, "p90": 31.5, "need": 14.2},
        {"group": "Undersköterskor", "p10": -3.6, "p50": 4.4, "p90": 9.5, "need": 8.0},
    ]
    band = [{"year": 2035, "series": "Gap", "p10": 8.8, "p50": 25.0, "p90": 41.0}]
    with translation.override("sv"):
        report = board.build(waves, 2025, TODAY)
        report.update(
            scenario=Scenario(name="Huvudscenario"),  # unsaved: only its name is read
            forecast={
                "horizon": 2035,
                "gap": {"mean": 25.2, "p10": 8.8, "p50": 25.0, "p90": 41.0},
                "need_per_year": 22.2,
                "notes": [],
            },
            gaps=gaps,
        )
        report["specs"]["gap"] = charts.band_spec(
            band, labels={"year": "År", "value": "Årsarbetare"}, title="Gap"
        )
        page = board.html(report)
        book = Workbook(board.xlsx(report))
    with translation.override("sv"):
        header = [
            translation.gettext("Profession group"),
            translation.gettext("Gap %(year)s, P50") % {"year": 2035},
            "P10",
            "P90",
            translation.gettext("Recruitment need a year"),
        ]
    # By hand: whole FTE, half up as written (20,6 → 21; −3,6 → −4; 9,5 → 10; 4,4 → 4).
    table = BeautifulSoup(page, "html.parser").select_one("table#gaps")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == header
    assert [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")
    ] == [
        ["Sjuksköterskor", "21", "12", "32", "14"],
        ["Undersköterskor", "4", "\u22124", "10", "8"],
    ]
    rows = book.rows("Prognos")
    top = rows.index(header)
    assert rows[top + 1][:5] == ["Sjuksköterskor", "21", "12", "32", "14"]
    assert rows[top + 2][:5] == ["Undersköterskor", "4", "-4", "10", "8"]
    assert rows[top + 3][0] is None  # the two groups, nothing more


@pytest.mark.parametrize("day", ["the plan file's", "the page's last (the mutation)"])
def test_the_competence_plan_share_does_not_move_with_the_months(db, monkeypatch, day):
    # Twenty staff; the plan file of 20 November 2026 says twelve have a plan. One without a
    # plan left on 15 October. On 20 November the running year ends with September (October
    # is final on 2 December): 12 / 20. On 6 December it ends with October, and counted on
    # the page's last day the share would be 12 / 19: the two days at full precision (the
    # board workbook) gave away that the one who left had no plan. Counted on the plan
    # file's day (the last final month's end when it came), it stays 12 / 20.
    from bemanna.keyfigures import services
    from bemanna.keyfigures.tests.plans import twenty_with_plans

    if day != "the plan file's":
        monkeypatch.setattr(services.KeyFigures, "_plan_day", lambda self: self.end)
        # and without the plan days decided against each other (the next test's rule,
        # which would hide the second day's share as well)
        last_file = services.plan_files
        monkeypatch.setattr(services, "plan_files", lambda: last_file()[-1:])
    region, _people = twenty_with_plans(0, datetime.date(2026, 10, 15))
    shares = []
    localdate = timezone.localdate
    for today in (datetime.date(2026, 11, 20), datetime.date(2026, 12, 6)):
        monkeypatch.setattr(
            "django.utils.timezone.localdate",
            lambda *a, today=today: localdate(*a) if a else today,
        )
        services._computed.clear()
        generation.bump()
        shares.append(services.key_figures(2026, today).staff(region)["plan_coverage"])
    if day == "the plan file's":
        assert shares == [pytest.approx(12 / 20), pytest.approx(12 / 20)]
    else:
        assert shares == [pytest.approx(12 / 20), pytest.approx(12 / 19)]


def _plan_share(monkeypatch, region, today: datetime.date) -> float | None:
    """The region's competence-plan share as the key figures give it on `today`."""
    from bemanna.keyfigures import services

    localdate = timezone.localdate
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: localdate(*a) if a else today)
    services._computed.clear()
    generation.bump()
    return services.key_figures(2026, today).staff(region)["plan_coverage"]


def _second_file(created: datetime.date) -> ImportBatch:
    """A second plan file's import record, made on `created`."""
    second = ImportBatch.objects.create(kind=ImportBatch.Kind.PLANS, filename="planer2.csv")
    ImportBatch.objects.filter(pk=second.pk).update(
        created=datetime.datetime.combine(created, datetime.time(12), tzinfo=datetime.UTC)
    )
    return second


def _only_the_last_file(monkeypatch) -> None:
    """The mutation: no earlier plan file is decided against."""
    from bemanna.keyfigures import services

    last_file = services.plan_files
    monkeypatch.setattr(services, "plan_files", lambda: last_file()[-1:])


@pytest.mark.parametrize("rule", [True, False])
def test_a_new_plan_file_does_not_give_away_who_came_or_left(db, monkeypatch, rule):
    # An insider (round 5) read the share on two plan files' days: twenty staff, twelve with
    # a plan, on the first file's day (30 September: 12 / 20); one without a plan left on
    # 15 October, and a second file came on 6 December (its day: 31 October, 12 / 19).
    # Beside the first, the second share says the one who left had no plan. The second day
    # is decided against the first (`over_time`): its staff differ by one person, so the
    # share is not shown. Without it (the mutation: no earlier plan days) 12 / 19 is.
    from bemanna.keyfigures import services
    from bemanna.keyfigures.tests.plans import twenty_with_plans

    if not rule:
        _only_the_last_file(monkeypatch)
    region, _people = twenty_with_plans(0, datetime.date(2026, 10, 15))
    assert _plan_share(monkeypatch, region, datetime.date(2026, 11, 20)) == pytest.approx(12 / 20)
    services._keep_statuses(_second_file(datetime.date(2026, 12, 6)))  # the same plans again
    if rule:
        days = [day for day, _batch in services.plan_files()]
        assert days == [datetime.date(2026, 9, 30), datetime.date(2026, 10, 31)]
    second = _plan_share(monkeypatch, region, datetime.date(2026, 12, 6))
    assert second == (None if rule else pytest.approx(12 / 19))


def test_the_plan_note_names_the_year_of_the_staff_counted():
    # A file of 5 January 2027 counts the staff of 30 November 2026 (the last final month
    # then): its share is 2026's, and the note on 2026's page says so, not "no share".
    from bemanna.keyfigures.summary import plan_note

    with translation.override("en"):
        assert plan_note(2026, datetime.date(2027, 1, 5)) == "Snapshot of 2027-01-05."
        assert plan_note(2027, datetime.date(2027, 1, 5)).startswith(
            "Competence plans exist only as a snapshot"
        )


@pytest.mark.parametrize("rule", [True, False])
def test_a_new_plan_file_does_not_give_away_whose_plan_came(db, monkeypatch, rule):
    # An insider (round 6): the same twenty staff on both files' day (30 September), twelve
    # with a plan in the first file (20 November), thirteen in the second (25 November):
    # 12 / 20, then 13 / 20 is one colleague's new plan. Each file's plans are kept
    # (`PlanStatus`) and the second is decided against the first with the plan as a figure:
    # one person differs, so the share is not shown. Without the earlier files (the
    # mutation) 13 / 20 is.
    from bemanna.keyfigures import services
    from bemanna.keyfigures.tests.plans import twenty_with_plans

    if not rule:
        _only_the_last_file(monkeypatch)
    region, people = twenty_with_plans(0, datetime.date(2027, 6, 30))  # no one leaves
    assert _plan_share(monkeypatch, region, datetime.date(2026, 11, 20)) == pytest.approx(12 / 20)
    second = _second_file(datetime.date(2026, 11, 25))
    CompetencePlan.objects.filter(person=people[0]).update(has_plan=True, batch=second)
    services._keep_statuses(second)
    share = _plan_share(monkeypatch, region, datetime.date(2026, 11, 25))
    assert share == (None if rule else pytest.approx(13 / 20))


@pytest.mark.parametrize("kept", [True, False])
def test_a_file_from_before_the_plans_were_kept_hides_the_later_shares(db, monkeypatch, kept):
    # An insider (round 7): an installation with plan files from before the plans were
    # kept has no record of who had a plan in the older files (the migration keeps the last
    # one's); read as "nobody", a later file with one colleague's plan changed passed beside
    # them. While such a file is among the ten years, no later file's share is shown.
    from bemanna.keyfigures import services
    from bemanna.keyfigures.models import PlanStatus
    from bemanna.keyfigures.tests.plans import twenty_with_plans

    region, _people = twenty_with_plans(0, datetime.date(2027, 6, 30))
    if not kept:
        PlanStatus.objects.all().delete()  # the first file came before the upgrade
    services._keep_statuses(_second_file(datetime.date(2026, 11, 25)))  # nothing changed
    share = _plan_share(monkeypatch, region, datetime.date(2026, 11, 25))
    assert share == (pytest.approx(12 / 20) if kept else None)


@pytest.mark.parametrize("rule", [True, False])
def test_a_share_is_shown_only_where_those_with_and_without_a_plan_are_k(db, monkeypatch, rule):
    # An insider (round 8): a unit of fifteen, fourteen with a plan, showed 93 %: that one
    # colleague has none. Those with a plan and those without are each a count, decided
    # over the tree as the staff are (`_plan_own`): the clinic's 14 + 10 of 30 less ward
    # W2's 10 of 15 would be W1's 14 of 15, so W1 is hidden and with it one more unit.
    # Without the rule (the mutation: the staff alone) W1 shows 14 / 15.
    from bemanna.keyfigures import services
    from bemanna.keyfigures.tests.plans import PLAN_FILE_DAY

    if not rule:
        monkeypatch.setattr(
            services,
            "visible_units_of_populations",
            lambda parents, populations, k, within=None: services.visible_units_of_people(
                parents, populations[0], k=k, within=within
            ),
        )
    units = make_tree({"R": None, "C": "R", "W1": "C", "W2": "C"})
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.PLANS, filename="planer.csv")
    ImportBatch.objects.filter(pk=batch.pk).update(
        created=datetime.datetime.combine(PLAN_FILE_DAY, datetime.time(12), tzinfo=datetime.UTC)
    )
    for code, plans in (("W1", 14), ("W2", 10)):
        for index, person in enumerate(add_staff(units[code], 15)):
            ScheduledHours.objects.bulk_create(
                ScheduledHours(person=person, month=datetime.date(2026, m, 1), hours=160)
                for m in range(1, 11)
            )
            CompetencePlan.objects.create(person=person, has_plan=index < plans, batch=batch)
    services._keep_statuses(batch)
    found = {code: _plan_share(monkeypatch, units[code], PLAN_FILE_DAY) for code in units}
    if not rule:
        assert found["W1"] == pytest.approx(14 / 15)
        return
    assert found["W1"] is None
    # By hand: W2 10 of 15 (5 without), the region 24 of 30 (6 without); C less W2 is W1,
    # so C or W2 goes with it.
    assert found["R"] == pytest.approx(24 / 30)
    assert found["C"] is None or found["W2"] is None


def test_a_hair_off_target_is_off_by_less_than_the_finest_decimal_written():
    # 2,00001 % against 2 %: even three decimals more write both as 2,0000 %, so the gap is
    # "less than 0,0001", never "0,0000 procentenheter".
    with translation.override("en"):
        assert (
            board._sentence("sick_leave", 0.0200001, 0.02, True)
            == "Above the target by less than 0.0001 percentage points."
        )
        assert (
            board._sentence("sick_leave", 0.05, 0.02, True)
            == "Above the target by 3.0 percentage points."
        )
    with translation.override("sv"):
        assert "mindre än 0,0001 procentenheter" in board._sentence(
            "sick_leave", 0.0200001, 0.02, True
        )
