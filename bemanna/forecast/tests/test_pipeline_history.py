"""The education pipeline's default from the region's history (issue 14, item 9): hires
right after studies per group, by a plain rule, counted here by hand."""

import datetime

import polars as pl
import pytest
from django.urls import reverse
from django.utils import timezone

from bemanna.analysis.graduates import graduate_hires
from bemanna.forecast.models import EducationPipeline
from bemanna.org.models import Level, Unit
from bemanna.workforce.models import Employment, Person, Profession

D = datetime.date


def _frame(rows):
    return pl.DataFrame(
        rows,
        schema={
            "person": pl.Int64,
            "group": pl.String,
            "birth_year": pl.Int64,
            "form": pl.String,
            "start": pl.Date,
        },
        orient="row",
    )


def test_the_rule_by_hand():
    frame = _frame(
        [
            # 1: nurse at 25 in 2025: counts (SSK 2025).
            (1, "SSK", 2000, "permanent", D(2025, 8, 15)),
            # 2: hourly in 2022 while studying, then fixed-term nurse at 24 in 2023: counts
            # in 2023 (SSK 2023); the hourly job is not the first employment.
            (2, "SSK", 1999, "hourly", D(2022, 6, 1)),
            (2, "SSK", 1999, "fixed_term", D(2023, 1, 9)),
            # 3: first employment at 31: does not count.
            (3, "SSK", 1993, "permanent", D(2024, 2, 1)),
            # 4: exactly 30 that year: counts (USK 2024); a second employment later does not.
            (4, "USK", 1994, "permanent", D(2024, 3, 1)),
            (4, "USK", 1994, "permanent", D(2025, 3, 1)),
            # 5: first employed 2021, before the three years: does not count.
            (5, "USK", 1998, "permanent", D(2021, 9, 1)),
            # 6: only hourly: never counts.
            (6, "USK", 2003, "hourly", D(2025, 6, 1)),
        ]
    )
    found = {g: (p, h) for g, p, h in graduate_hires(frame, 2025).iter_rows()}
    # SSK: persons 1 and 2 over 2023–2025 → 2 / 3 a year; USK: person 4 → 1 / 3.
    assert found == {"SSK": (pytest.approx(2 / 3), 2), "USK": (pytest.approx(1 / 3), 1)}


def _hire(region, profession, number, born, start):
    person = Person.objects.create(pseudonym=f"p{number}", birth_year=born, sex="K")
    Employment.objects.create(
        key=f"e{number}",
        person=person,
        unit=region,
        profession=profession,
        form="permanent",
        rate=100,
        start=start,
    )


@pytest.fixture
def history(db):
    """Nurses (SSK): five first employed at 30 or younger in the last three years, one at
    40. Assistant nurses (USK): two, at 22 and 24."""
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    nurse = Profession.objects.create(code="222101", name="Sjuksköterska", skr_group="SSK")
    assistant = Profession.objects.create(code="532101", name="Undersköterska", skr_group="USK")
    last = timezone.localdate().year - 1
    nurses = [
        (last - 25, D(last, 8, 1)),
        (last - 23, D(last - 1, 8, 1)),
        (last - 24, D(last - 2, 9, 1)),
        (last - 26, D(last, 2, 1)),
        (last - 30, D(last - 1, 3, 1)),
        (last - 40, D(last, 1, 1)),
    ]
    for number, (born, start) in enumerate(nurses):
        _hire(region, nurse, number, born, start)
    for number, (born, start) in enumerate(
        [(last - 22, D(last, 6, 1)), (last - 24, D(last, 9, 1))]
    ):
        _hire(region, assistant, 10 + number, born, start)
    return last


def test_the_page_shows_the_default_with_its_source_and_hr_overrides_it(client, analyst, history):
    client.force_login(analyst)
    page = client.get(reverse("forecast:pipeline")).content.decode()
    table = page.split('id="pipeline-history"')[1].split("</table>")[0]
    # Five nurses at 30 or younger in the last three years, the one at 40 not: 5 / 3 a year.
    assert "1,7" in table
    assert f"5 hires after studies in {history - 2}–{history}" in table or (
        f"5 anställda direkt efter studier {history - 2}–{history}" in table
    )
    assert "?default=SSK#edit" in table
    form = client.get(reverse("forecast:pipeline"), {"default": "SSK"}).content.decode()
    assert 'name="students" value="2"' in form and 'value="SSK"' in form
    # HR saves its own figures: the row wins, the history says so.
    row = {"group": "SSK", "students": "10", "completion": "90", "hired": "50", "source": "x"}
    assert client.post(reverse("forecast:pipeline"), row).status_code == 302
    assert EducationPipeline.objects.get(group="SSK").students == 10
    page = client.get(reverse("forecast:pipeline")).content.decode()
    assert "?default=SSK" not in page


def test_a_group_of_fewer_than_k_hires_shows_no_number(client, analyst, history, settings):
    """Two assistant nurses hired after studies (review item L4): "2 hires" or 0,7 a year
    would tell a planner that those two, whom they may know, were first employed young."""
    settings.MIN_GROUP = 5
    client.force_login(analyst)
    page = client.get(reverse("forecast:pipeline")).content.decode()
    table = page.split('id="pipeline-history"')[1].split("</table>")[0]
    [usk] = [row for row in table.split("<tr")[1:] if 'data-group="USK"' in row]
    assert "fewer than 5" in usk or "färre än 5" in usk
    assert "0,7" not in usk and "2 hires" not in usk and "2 anställda" not in usk
    assert "?default=USK" not in table
    # Nor offered by hand-made link: the form comes empty.
    form = client.get(reverse("forecast:pipeline"), {"default": "USK"}).content.decode()
    assert 'value="USK"' not in form and 'name="students" value=' not in form
