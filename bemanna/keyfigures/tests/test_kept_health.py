"""A closed year's sick leave never changes because of later rows (issue 12): the insider
reads the key figures of 2025, HR imports a sick-leave file with a spell of one nurse in
October 2025 registered late, and the insider reads them again. Recomputed from the new
file, every figure of ward A and the region for 2025 would move by that one nurse's sick
hours, health data of one person.

A closed year's key figures are computed from the spells and hours as they stood when they
were first shown (`services.published_health`, `analysis.published`): the page says the
same after the import, and the spell's part after the year counts where it falls. With the
kept rows ignored (the mutation) the page changes.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis import published
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import services
from bemanna.keyfigures.models import KeptHealthYear
from bemanna.org.models import Unit
from bemanna.workforce import frames
from bemanna.workforce.services import import_employments, import_units
from bemanna.workforce.tests.test_published_years import UNITS, _extract

TODAY = datetime.date(2026, 6, 1)
IDS = [1000 + n for n in range(6, 12)] + [2000 + n for n in range(12)]  # employed all 2025


def _file(kind: str, text: str) -> None:
    source = io.BytesIO(text.encode())
    services.import_health_file(kind, source, filename=f"{kind}.csv", today=TODAY)


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract(late=False)), filename="hr.csv", today=TODAY)
    months = [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01", "2026-02"]
    _file(
        "hours",
        "Anst.nr;Månad;Timmar\n" + "".join(f"{i};{m};160\n" for i in IDS for m in months),
    )
    # Seven of A's and B's nurses off sick in spring 2025.
    _file(
        "sick_leave",
        "Anst.nr;Från;Till;Omfattning\n"
        + "".join(f"{i};2025-03-01;2025-03-20;100\n" for i in IDS[:4] + IDS[6:9]),
    )


def _look(client) -> str:
    client.login(username="analyst", password=PASSWORD)
    text = []
    for code in ("R", "A", "B"):
        page = client.get(reverse("keyfigures:page"), {"year": 2025, "unit": code})
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        text += [" ".join(t.get_text(" ", strip=True).split()) for t in soup.select("table")]
    return "\n".join(text)


def _late_spell() -> None:
    # Nurse 1010 of ward A, 1 October 2025 and on into March 2026, registered now.
    _file("sick_leave", "Anst.nr;Från;Till;Omfattning\n1010;2025-10-01;2026-03-15;100\n")


def test_a_closed_years_sick_leave_shows_the_same_after_a_late_spell(client, region):
    before = _look(client)
    assert "2025" in before
    # 2025, and 2026's final months that have hours (on 1 June April is final; the hours
    # run to February).
    assert set(KeptHealthYear.objects.values_list("year", "month")) == {
        (2025, 12),
        (2026, 1),
        (2026, 2),
    }
    _late_spell()
    after = _look(client)
    assert [line for line in after.splitlines() if line not in before.splitlines()] == []
    assert after == before
    # The spell's part after the kept months counts: January and February 2026 were kept
    # with 2025 (the last months with hours), so from 1 March, by hand 15 days.
    spells, _hours = services.published_health(TODAY)
    late = spells.filter(spells["start"] > datetime.date(2025, 12, 31))
    assert late.select("start", "end", "extent").rows() == [
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 15), 100.0)
    ]


def test_the_mutation_without_the_kept_rows_changes_the_year(client, region, monkeypatch):
    before = _look(client)
    monkeypatch.setattr(services.KeptHealthYear.objects, "values_list", _nothing_kept)
    _late_spell()
    assert _look(client) != before


def _nothing_kept(*args, **kwargs):
    class Rows(list):
        pass

    return Rows()


def test_the_retention_job_deletes_from_the_kept_rows_too(client, region, settings):
    _look(client)
    settings.HEALTH_DATA_YEARS = 1  # in 2026 only 2026's spells and hours are kept
    from bemanna.keyfigures import early
    from bemanna.keyfigures.models import KeptHealth

    early.delete_expired(TODAY)
    [row] = KeptHealth.objects.all()
    # By hand: every spell ended in March 2025, and the hours left are 2026's two months.
    assert published.from_bytes(row.spells, services.SPELLS).height == 0
    hours = published.from_bytes(row.hours, services.HOURS)
    assert hours.height == len(IDS) * 2 and hours["month"].min() == datetime.date(2026, 1, 1)
    assert row.pruned == 1


def _corrected_sex() -> None:
    # HR corrects nurse 2000 of ward B: a man born 1990, not a woman born 1975.
    text = _extract(late=False).decode().replace("2000;1975;K;", "2000;1990;M;")
    import_employments(io.BytesIO(text.encode()), filename="hr-2.csv", today=TODAY)


def test_a_corrected_sex_or_birth_year_changes_no_closed_year(client, region):
    before = _look(client)
    assert "Kvinnor (3)" in before
    _corrected_sex()
    after = _look(client)
    assert [line for line in after.splitlines() if line not in before.splitlines()] == []


def test_the_mutation_with_todays_sex_changes_the_women(client, region, monkeypatch):
    before = _look(client)
    monkeypatch.setattr(
        services.KeyFigures, "persons_in", lambda self, year: self.persons, raising=True
    )
    _corrected_sex()
    assert _look(client) != before


def test_the_second_of_the_two_files_is_no_late_row(client, db, analyst, monkeypatch):
    # A new region imports its hours, looks at the key figures, then imports its spells:
    # nothing is kept until both are in, so 2025's sick leave is the spells' (by hand: seven
    # nurses 20 of 31 March days at 100 % of 160 hours, of 18 · 12 · 160 hours).
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract(late=False)), filename="hr.csv", today=TODAY)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    rows = "".join(f"{i};{m};160\n" for i in IDS for m in months)
    _file("hours", "Anst.nr;Månad;Timmar\n" + rows)
    _look(client)
    assert not KeptHealthYear.objects.exists()
    _file(
        "sick_leave",
        "Anst.nr;Från;Till;Omfattning\n"
        + "".join(f"{i};2025-03-01;2025-03-20;100\n" for i in IDS[:4] + IDS[6:9]),
    )
    figures = services.key_figures(2025, TODAY)
    region = Unit.objects.get(code="R")
    expected = 7 * 160 * 20 / 31 / (len(IDS) * 12 * 160)
    assert figures.sick_leave(region, 2025)["total"] == pytest.approx(expected)
    assert KeptHealthYear.objects.filter(year=2025).exists()
