"""The running year's months never change once shown (issue 12, class 3: time): the insider
reads the key figures of 2026 on 1 June, HR imports an extract with a leaver of 10 March
registered late and a sick-leave file with a spell of February registered late, and the
insider reads them again. Recomputed from the new files, ward A's months would move by
exactly that one nurse's leaving and sick leave.

A month is final 32 days after it ends (`retention.last_final_month`: on 1 June, January
to April), the running year shows its final months only, and they are kept when they
become final, like a closed year (`workforce.frames.publish`, `keyfigures.services.
published_health`): the page says the same after the imports, and the late rows count from
the day after the last kept month's seam. With the months not kept (the mutation) the page
changes. When the year closes, its months' kept rows are deleted and the year's are kept
instead, and January to April say what they said in June.
"""

import datetime
import io

import polars as pl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis import published
from bemanna.conftest import EXTRACT_HEADER, PASSWORD
from bemanna.keyfigures import services
from bemanna.keyfigures.models import KeptHealthYear
from bemanna.org.models import Unit
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, KeptExtract, KeptYear
from bemanna.workforce.services import import_employments, import_units
from bemanna.workforce.tests.test_published_years import ROW, UNITS

JUNE = datetime.date(2026, 6, 1)
IDS = [1000 + n for n in range(12)] + [2000 + n for n in range(12)]
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 6)]


def _extract(late: bool) -> bytes:
    rows = [
        ROW.format(
            id=person, unit="A" if person < 2000 else "B", start="2020-01-01", end="", why=""
        )
        for person in IDS
    ]
    if late:  # 1011 left ward A on 10 March 2026, registered after April was shown
        rows[11] = ROW.format(
            id=1011, unit="A", start="2020-01-01", end="2026-03-10", why="Egen begäran"
        )
    return (EXTRACT_HEADER + "\n".join(rows) + "\n").encode()


def _file(kind: str, text: str, today: datetime.date) -> None:
    source = io.BytesIO(text.encode())
    services.import_health_file(kind, source, filename=f"{kind}.csv", today=today)


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: JUNE)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract(late=False)), filename="hr.csv", today=JUNE)
    hours = "".join(f"{i};{m};160\n" for i in IDS for m in MONTHS)
    _file("hours", "Anst.nr;Månad;Timmar\n" + hours, JUNE)
    # Eight nurses of A and B off sick in January 2026.
    spells = "".join(f"{i};2026-01-05;2026-01-16;100\n" for i in IDS[:4] + IDS[12:16])
    _file("sick_leave", "Anst.nr;Från;Till;Omfattning\n" + spells, JUNE)


def _look(client) -> str:
    client.login(username="analyst", password=PASSWORD)
    text = []
    for code in ("R", "A", "B"):
        page = client.get(reverse("keyfigures:page"), {"year": 2026, "unit": code})
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        text += [" ".join(t.get_text(" ", strip=True).split()) for t in soup.select("table")]
    return "\n".join(text)


def _late_rows() -> None:
    import_employments(io.BytesIO(_extract(late=True)), filename="hr-2.csv", today=JUNE)
    # Nurse 1010 of ward A, 2–20 February 2026, registered now.
    _file("sick_leave", "Anst.nr;Från;Till;Omfattning\n1010;2026-02-02;2026-02-20;100\n", JUNE)


def _months(today: datetime.date) -> list[tuple]:
    """The region's sick leave per month of 2026, January to April."""
    figures = services.key_figures(2026, today)
    monthly = figures.monthly(Unit.objects.get(code="R"), 2026)
    return monthly.filter(pl.col("month") <= datetime.date(2026, 4, 1)).sort("month").rows()


def test_the_running_year_shows_its_final_months_only(region):
    months = services.key_figures(2026, JUNE).monthly(Unit.objects.get(code="R"), 2026)
    # On 1 June April is the last final month: May has hours, and is not shown yet.
    assert months["month"].to_list() == [datetime.date(2026, m, 1) for m in range(1, 5)]
    # By hand: January, 8 nurses 12 of 31 days at 100 % of 160 hours, of 24 · 160 hours.
    january = months.row(0, named=True)
    assert january["share"] == pytest.approx(8 * 160 * 12 / 31 / (24 * 160))


def test_shown_months_stay_the_same_after_late_rows(client, region):
    before = _look(client)
    assert set(KeptYear.objects.values_list("year", "month")) >= {(2026, m) for m in range(1, 5)}
    assert not KeptYear.objects.filter(year=2026, month=5).exists()
    _late_rows()
    after = _look(client)
    assert [line for line in after.splitlines() if line not in before.splitlines()] == []
    assert after == before
    # By hand: 1011 worked every day of January to April as shown, and leaves on the seam
    # of April (1 June, the day it became final); the late February spell counts nowhere.
    person = Employment.objects.get(end=datetime.date(2026, 3, 10)).person_id
    rows = frames.employments().filter(pl.col("person") == person)
    assert rows.select("end", "end_reason").rows() == [(JUNE, "own_request")]
    spells, _hours = services.published_health(JUNE)
    february = spells.filter(pl.col("start") >= datetime.date(2026, 2, 1))
    assert february.is_empty()


def test_the_mutation_without_kept_months_changes_them(client, region, monkeypatch):
    before = _look(client)
    keep = published.periods_to_keep

    def closed_years_only(first, final, kept):
        return [period for period in keep(first, final, kept) if period[1] == 12]

    monkeypatch.setattr(published, "periods_to_keep", closed_years_only)
    KeptYear.objects.filter(month__lt=12).delete()
    KeptHealthYear.objects.filter(month__lt=12).delete()
    frames.forget()
    _late_rows()
    assert _look(client) != before


def test_a_closed_year_keeps_what_its_months_showed(client, region, monkeypatch):
    shown = _months(JUNE)
    _look(client)
    _late_rows()
    february = datetime.date(2027, 2, 1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: february)
    frames.forget()
    assert _months(february) == shown
    # The year is kept now, and its months' rows are deleted: the year's hold them.
    periods = set(KeptYear.objects.values_list("year", "month"))
    assert (2026, 12) in periods and not {p for p in periods if p[0] == 2026 and p[1] < 12}
    assert KeptExtract.objects.count() == 2  # 2020–2025 with 2026's months, and 2026
    # The sick leave has hours to May only: kept to May, not closed (no month without hours).
    assert set(KeptHealthYear.objects.filter(year=2026).values_list("month", flat=True)) == {
        1,
        2,
        3,
        4,
        5,
    }


def _turnover_look(client) -> str:
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"year": 2026, "unit": "A"})
    soup = BeautifulSoup(page.content, "html.parser")
    return " ".join(soup.select_one("table#turnover").get_text(" ", strip=True).split())


def _first_of_the_month_after_next(month: datetime.date) -> datetime.date:
    index = month.year * 12 + month.month - 1 + 2
    return datetime.date(index // 12, index % 12 + 1, 1)


@pytest.mark.parametrize("rule", ["32 days", "the first of the month after next"])
def test_a_return_within_31_days_cannot_undo_a_final_months_leaver(
    client, db, analyst, monkeypatch, rule
):
    # 1000 left ward A on 31 October 2026. A return by 2 December (31 days between) would
    # make it a move, so October is final on 2 December, not on the 1st (November has 30
    # days). Kept on the 1st (the mutation), a return on 2 December registered later takes
    # back a leaver shown: one person's departure.
    from bemanna.workforce import retention

    if rule != "32 days":
        monkeypatch.setattr(retention, "final_on", _first_of_the_month_after_next)
        monkeypatch.setattr(frames, "final_on", _first_of_the_month_after_next)
    day = datetime.date(2026, 12, 2) if rule == "32 days" else datetime.date(2026, 12, 1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: day)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    rows = _extract(late=False).decode().splitlines()
    rows[1] = ROW.format(
        id=1000, unit="A", start="2020-01-01", end="2026-10-31", why="Egen begäran"
    )
    import_employments(io.BytesIO(("\n".join(rows) + "\n").encode()), filename="hr.csv", today=day)
    before = _turnover_look(client)
    # By hand: 1 leaver of 12 on 1 January and 12 on 31 October (her last day), 8,3 %.
    assert "Avgångar / genomsnittligt antal anställda 8,3 %" in before
    back = ROW.format(id=1000, unit="A", start="2026-12-02", end="", why="")
    again = ("\n".join([*rows, back]) + "\n").encode()
    import_employments(io.BytesIO(again), filename="hr-2.csv", today=day)
    after = _turnover_look(client)
    assert (after == before) == (rule == "32 days")


@pytest.mark.parametrize("since", ["the day it began", "the seam (the mutation)"])
def test_a_late_spell_counts_its_length_and_day_8_from_the_day_it_began(region, monkeypatch, since):
    # Nurse 1010 of ward A is off sick 16 March – 31 May 2026, registered on 1 June, when
    # March and April were kept without her. She counts from 1 May (the day after April's
    # seam), but her spell began on 16 March: in May it is 77 days long, a long spell
    # (figure 2), and it reached day 8 on 23 March, a month kept without it: in no month.
    # Counted from the seam (the mutation), May's spell is 31 days and reaches day 8 on 8 May.
    from bemanna.keyfigures import early

    if since != "the day it began":
        monkeypatch.setattr(services, "with_since", lambda spells: spells)
    services.published_health(JUNE)  # as the key figures' page computes them on 1 June
    _file("sick_leave", "Anst.nr;Från;Till;Omfattning\n1010;2026-03-16;2026-05-31;100\n", JUNE)
    july = datetime.date(2026, 7, 3)  # May is final on 2 July
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: july)
    frames.forget()
    figures = services.key_figures(2026, july)
    may = figures.person_months.filter(pl.col("month") == datetime.date(2026, 5, 1))
    assert (2026, 5) in set(KeptHealthYear.objects.values_list("year", "month"))
    # By hand: her 160 hours of May at 100 %, of 24 nurses' 160 hours each.
    assert may["sick"].sum() == pytest.approx(160.0)
    assert may["hours"].sum() == pytest.approx(24 * 160.0)
    day_8 = {row["month"].month: row["due"] for row in early.counts(2026)}
    if since == "the day it began":
        assert may["long"].sum() == pytest.approx(160.0)
        assert day_8[3] == day_8[4] == day_8[5] == 0
    else:
        assert may["long"].sum() == 0
        assert day_8[5] == 1
    assert day_8[1] == 8  # the eight of January: 5 January + 7 days = 12 January


@pytest.mark.parametrize("share", [0.8, 0.0])
def test_a_month_with_part_of_its_hours_is_neither_kept_nor_shown(db, analyst, monkeypatch, share):
    # April 2026 is final on 1 June. HR imports April's scheduled hours for 6 of the 24
    # nurses (one area's file), then the rest. Kept with the first file (the mutation: no
    # share asked of the last month), April's sick leave would stay that of 6 nurses' hours.
    from bemanna.analysis import healthfiles

    monkeypatch.setattr(healthfiles, "COMPLETE_SHARE", share)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: JUNE)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract(late=False)), filename="hr.csv", today=JUNE)
    earlier = [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01", "2026-02", "2026-03"]
    _file(
        "hours",
        "Anst.nr;Månad;Timmar\n" + "".join(f"{i};{m};160\n" for i in IDS for m in earlier),
        JUNE,
    )
    # Four nurses of ward A off sick 6–17 April 2026 (12 of April's 30 days).
    spells = "".join(f"{i};2026-04-06;2026-04-17;100\n" for i in IDS[:4])
    _file("sick_leave", "Anst.nr;Från;Till;Omfattning\n" + spells, JUNE)
    source = io.BytesIO(
        ("Anst.nr;Månad;Timmar\n" + "".join(f"{i};2026-04;160\n" for i in IDS[:6])).encode()
    )
    report = services.import_health_file("hours", source, filename="timmar-1.csv", today=JUNE)

    def april() -> dict | None:
        figures = services.key_figures(2026, JUNE)
        months = figures.monthly(Unit.objects.get(code="R"), 2026)
        rows = months.filter(pl.col("month") == datetime.date(2026, 4, 1))
        return rows.row(0, named=True) if rows.height else None

    first = april()
    rest = io.BytesIO(
        ("Anst.nr;Månad;Timmar\n" + "".join(f"{i};2026-04;160\n" for i in IDS[6:])).encode()
    )
    after = services.import_health_file("hours", rest, filename="timmar-2.csv", today=JUNE)
    second = april()
    kept = set(KeptHealthYear.objects.filter(year=2026).values_list("month", flat=True))
    if share:
        # The first file's April is left out, as a month without hours, and said so.
        assert len(report.notes) == 1 and "6" in report.notes[0] and "24" in report.notes[0]
        assert first is None
        assert after.notes == ()
        # By hand: 4 nurses 12 of 30 days at 100 % of 160 hours, of 24 · 160 hours.
        assert second is not None and second["hours"] == pytest.approx(24 * 160.0)
        assert second["share"] == pytest.approx(4 * 160 * 12 / 30 / (24 * 160))
        assert kept == {1, 2, 3, 4}
    else:
        assert first is not None and first["hours"] == pytest.approx(6 * 160.0)
        assert second is not None and second["hours"] == pytest.approx(6 * 160.0)  # frozen
