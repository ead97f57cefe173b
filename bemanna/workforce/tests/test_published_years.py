"""A closed year never changes because of later rows (issues 12 and 14): the insider reads
every page about 2025, HR imports next month's extract with a late leaver of November 2025
and a late hire of September 2025, and the insider reads them again. Recomputed from the new
extract, 2025's leavers, its 31 December headcount and the key figures' staff would move by
exactly those two people, one of them on a ward whose figures are otherwise hidden.

The closed year is computed from the extract as it stood when 2025 was first shown
(`workforce.frames.employments`, `analysis.published`): both pages say the same after the
import, and the late rows count from the day after the last kept seam: on 1 June 2026 that is
April's (a month is final 32 days after it ends, and kept then), so from 2 June. With the
kept extract ignored (the mutation) the pages change.
"""

import datetime
import io

import polars as pl
import pytest
from bs4 import BeautifulSoup
from django.db.models import Q
from django.urls import reverse

from bemanna.analysis import published
from bemanna.conftest import EXTRACT_HEADER, PASSWORD
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, KeptExtract, KeptYear
from bemanna.workforce.services import import_employments, import_units

TODAY = datetime.date(2026, 6, 1)
UNITS = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\nR;Region;;region;\nA;A;R;enhet;\nB;B;R;enhet;\n"
ROW = "{id};1975;K;{unit};222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;{start};{end};{why}"


def _extract(late: bool) -> bytes:
    rows = []
    for n in range(12):  # A: twelve nurses since 2020, six of whom left in June 2025
        left = n < 6
        rows.append(
            ROW.format(
                id=1000 + n,
                unit="A",
                start="2020-01-01",
                end="2025-06-30" if left else "",
                why="Egen begäran" if left else "",
            )
        )
    for n in range(12):  # B: twelve nurses since 2020
        rows.append(ROW.format(id=2000 + n, unit="B", start="2020-01-01", end="", why=""))
    if late:
        # Registered after 2025 was shown: 1011 left A on 10 November, 2099 began in B in
        # September.
        rows[11] = ROW.format(
            id=1011, unit="A", start="2020-01-01", end="2025-11-10", why="Pension"
        )
        rows.append(ROW.format(id=2099, unit="B", start="2025-09-01", end="", why=""))
    return (EXTRACT_HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract(late=False)), filename="hr.csv", today=TODAY)


def _looks(client) -> dict[str, str]:
    client.login(username="analyst", password=PASSWORD)
    seen = {}
    for code in ("R", "A", "B"):
        soup = BeautifulSoup(
            client.get(reverse("forecast:history"), {"unit": code}).content, "html.parser"
        )
        seen[f"history {code}"] = " ".join(
            " ".join(el.get_text(" ", strip=True).split())
            for el in soup.select("table#history, table#growth, table#months")
        )
    page = client.get(reverse("keyfigures:page"), {"year": 2025})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    seen["key figures"] = " ".join(
        " ".join(t.get_text(" ", strip=True).split()) for t in soup.select("table")
    )
    return seen


def _late_import() -> None:
    import_employments(io.BytesIO(_extract(late=True)), filename="hr-2.csv", today=TODAY)


def test_a_closed_year_shows_the_same_after_late_rows(client, region):
    before = _looks(client)
    assert "2025" in before["history A"] and before["key figures"]
    _late_import()
    after = _looks(client)
    assert after == before
    # The year was kept once, from the first extract, with every year before it and the
    # running year's final months (on 1 June, January to April).
    assert KeptYear.objects.get(year=2025).extract == KeptExtract.objects.get()
    assert set(KeptYear.objects.values_list("year", "month")) == {
        (year, 12) for year in range(2020, 2026)
    } | {(2026, month) for month in range(1, 5)}


def test_late_rows_count_from_the_day_after_the_seam(client, region):
    _looks(client)
    _late_import()
    rows = frames.employments()
    seam = datetime.date(2026, 6, 1)
    # By hand: 1011 was employed every day of 2025 as shown, and of 2026's final months
    # (January to April, kept on 1 June as April became final), and leaves on the last
    # kept seam, for the reason HR gave; 2099 is hired the next day.
    late = rows.filter(pl.col("person").is_in(_late())).sort("start")
    assert late.select("start", "end", "end_reason").rows() == [
        (datetime.date(2020, 1, 1), seam, "retirement"),
        (seam + datetime.timedelta(days=1), None, None),
    ]
    # Everyone else's rows are the new extract's, untouched.
    others = rows.filter(~pl.col("person").is_in(_late()))
    assert others.height == 23 and others["start"].unique().to_list() == [datetime.date(2020, 1, 1)]


def _late() -> list[int]:
    """1011 and 2099, as the new extract has them."""
    return list(
        Employment.objects.filter(
            Q(end=datetime.date(2025, 11, 10)) | Q(start=datetime.date(2025, 9, 1))
        ).values_list("person_id", flat=True)
    )


def test_the_mutation_without_the_kept_extract_changes_the_year(client, region, monkeypatch):
    before = _looks(client)
    monkeypatch.setattr(frames, "_as_published", lambda raw, today: raw)
    _late_import()
    frames.forget()
    after = _looks(client)
    assert after["history A"] != before["history A"]
    assert after["history R"] != before["history R"]
    assert after["key figures"] != before["key figures"]


def test_the_retention_job_deletes_from_the_kept_extract_too(client, region, settings):
    _looks(client)
    settings.RETAIN_EMPLOYMENT_YEARS = 1  # the six who left A in June 2025 are past it
    from bemanna.privacy import retention

    # From 1 February 2027 only 2026 is kept, with December 2025: by hand the cutoff is
    # 30 November 2025.
    retention._delete_employments(datetime.date(2027, 2, 1))
    [extract] = KeptExtract.objects.all()
    kept = published.from_bytes(extract.rows, frames.RAW)
    # By hand: 24 people in the first extract, 6 of them gone.
    assert kept.height == 18 and kept["end"].null_count() == 18
    assert extract.pruned == 1
    assert frames.employments().height == 18


def test_reopening_a_year_computes_it_from_the_rows_as_they_are(client, region):
    from django.core.management import call_command

    from bemanna.audit.models import AuditEntry

    before = _looks(client)
    _late_import()
    out = io.StringIO()
    call_command("reopen_years", "2025", stdout=out)  # without --yes: says what it would do
    assert "2025" in out.getvalue() and KeptYear.objects.filter(year=2025).exists()
    call_command("reopen_years", "2025", "--yes", stdout=io.StringIO())
    assert sorted(KeptYear.objects.values_list("year", flat=True)) == list(range(2020, 2025))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.YEARS_REOPENED).count() == 1
    after = _looks(client)
    # 2025 is kept anew, from the extract as it is now: A's 2025 has the late leaver.
    assert after["history A"] != before["history A"]
    assert KeptYear.objects.get(year=2025).extract != KeptYear.objects.get(year=2024).extract
    assert (
        KeptYear.objects.get(year=2026, month=4).extract == KeptYear.objects.get(year=2025).extract
    )
