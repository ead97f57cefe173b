"""A published year never changes because of later rows (issue 14, item 3; a controller's
case): a nurse leaves on 20 December 2025 and the extract imported in January 2026 shows no
return, so 2025 counted her among its leavers; the next extract, still in January, has her
back on 10 January (a 21-day break: no departure), and 2025's leavers went from 1 to 0.

A December departure is known only 31 days later, so a year is closed from 1 February
(`retention.last_closed_year`): in January 2025 is not in Historik's ten years, not the key
figures' or the board report's default year (and has no FTE there), and not a forecast's
base date; from 1 February it is all of these, with her counted as the data then say.

The expected figures are counted by hand from the rows the test makes: twelve nurses at
100 % since 2015, six more since March 2025, and her rows.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD
from bemanna.forecast import services
from bemanna.forecast.models import default_base_date
from bemanna.keyfigures import services as keyfigures
from bemanna.keyfigures.summary import default_year
from bemanna.org.models import Unit
from bemanna.pulse.tests.helpers import add_staff, hired_on, make_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

JANUARY = datetime.date(2026, 1, 20)
FEBRUARY = datetime.date(2026, 2, 1)
LEFT = datetime.date(2025, 12, 20)
HIRED = datetime.date(2025, 3, 1)
BACK = datetime.date(2026, 1, 10)  # 21 days without an employment: not a departure
NOTE = "2025 is not final until 2026-02-01"


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    """Twelve nurses since 2015 and six more from 1 March 2025 (so that 2025's FTE differs
    from 2024's by more than a few people's rates, and may be shown); the leaver, one of
    the twelve, ends on 20 December 2025 (the January extract)."""
    units = make_tree({"R": None})
    staff = add_staff(units["R"], 12)
    hired_on(add_staff(units["R"], 6), HIRED)
    Employment.objects.filter(person=staff[0]).update(end=LEFT)
    frames.forget()
    client.login(username="analyst", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return staff[0]


def _on(monkeypatch, today: datetime.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: today)


def _returns(person, on: datetime.date) -> None:
    """The next extract: the person has a new employment from `on`."""
    first = Employment.objects.get(person=person)
    Employment.objects.create(
        key=f"{first.key}-back",
        person=person,
        unit=first.unit,
        profession=first.profession,
        form=first.form,
        rate=first.rate,
        start=on,
    )
    frames.forget()


def _history(client) -> tuple[dict[str, list[str]], str]:
    """Historik's rows by year (employees, FTE, hired, left, …) and its text."""
    response = client.get(reverse("forecast:history"), {"unit": "R"})
    page = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in page.select("table#history tbody tr"):
        cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
        rows[cells[0]] = cells[1:]
    return rows, " ".join(page.get_text().split())


def _key_figures_year(client) -> int:
    response = client.get(reverse("keyfigures:page"), {"unit": "R"})
    return response.context["year"]


def test_in_january_the_year_just_ended_is_not_published_as_closed(client, region, monkeypatch):
    _on(monkeypatch, JANUARY)
    rows, text = _history(client)
    # Historik's ten years end with 2024; 2025 is not shown, and the page says why.
    assert sorted(rows) == [str(year) for year in range(2015, 2025)]
    assert NOTE in text
    # The key figures and the board report open on 2024; 2025 has no FTE (not closed).
    assert default_year(JANUARY) == 2024
    assert _key_figures_year(client) == 2024
    assert client.get(reverse("keyfigures:report"), {"unit": "R"}).status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REPORT).get().detail["year"] == 2024
    root = Unit.objects.get(code="R")
    assert keyfigures.key_figures(2025, JANUARY).staff(root)["fte"] is None
    # 2025 may be looked at on the key figures, like the running year, with the note.
    chosen = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    assert NOTE in " ".join(chosen.content.decode().split())
    # A forecast cannot start on 31 December 2025; the default base date is 2024's.
    assert services.base_date_problem(datetime.date(2025, 12, 31)) is not None
    assert services.base_date_problem(datetime.date(2024, 12, 31)) is None
    assert default_base_date() == datetime.date(2024, 12, 31)
    # The next extract, still in January, has her back: nothing published changes.
    _returns(region, BACK)
    again, _text = _history(client)
    assert again == rows


def test_from_1_february_2025_is_closed_and_counts_her_as_the_data_say(client, region, monkeypatch):
    _returns(region, BACK)
    _on(monkeypatch, FEBRUARY)
    rows, text = _history(client)
    assert sorted(rows) == [str(year) for year in range(2016, 2026)]
    assert NOTE not in text
    # By hand: 12 + 6 − 1 = 17 on 31 December 2025 (she is away 21 December – 9 January),
    # six hired, and none left in 2025 (a 21-day break is a move).
    employees, fte, hired, left = rows["2025"][:4]
    assert (employees, hired, left) == ("17", "6", "0")
    assert default_year(FEBRUARY) == 2025
    assert _key_figures_year(client) == 2025
    root = Unit.objects.get(code="R")
    assert keyfigures.key_figures(2025, FEBRUARY).staff(root)["fte"] == pytest.approx(17.0)
    assert fte == "17.0"
    assert services.base_date_problem(datetime.date(2025, 12, 31)) is None
    assert default_base_date() == datetime.date(2025, 12, 31)


def test_a_closed_year_stays_as_published_when_later_rows_come(client, region, monkeypatch):
    """Published on 1 February without a return, 2025 has her as a leaver; a return on
    15 February (57 days away, a departure and a hire) changes 2026, not 2025."""
    _on(monkeypatch, FEBRUARY)
    rows, _text = _history(client)
    employees, _fte, hired, left = rows["2025"][:4]
    assert (employees, hired, left) == ("17", "6", "1")
    _returns(region, datetime.date(2026, 2, 15))
    _on(monkeypatch, datetime.date(2026, 3, 1))
    later, _text = _history(client)
    assert later["2025"] == rows["2025"]


@pytest.mark.parametrize(("today", "base"), [(JANUARY, 2024), (FEBRUARY, 2025)])
def test_region_demo_s_forecasts_start_on_the_last_closed_year(db, today, base):
    from bemanna.demo.forecast import add_forecast_demo
    from bemanna.forecast.models import Scenario

    add_forecast_demo(today)
    assert set(Scenario.objects.values_list("base_date", flat=True)) == {
        datetime.date(base, 12, 31)
    }


@pytest.mark.parametrize(("today", "year"), [(JANUARY, 2024), (FEBRUARY, 2025)])
def test_the_start_page_s_figures_off_target_are_the_last_closed_year_s(
    region, monkeypatch, today, year
):
    from bemanna.followup import start

    asked = []
    real = start.keyfigures.key_figures

    def spy(asked_year, on):
        asked.append(asked_year)
        return real(asked_year, on)

    monkeypatch.setattr(start.keyfigures, "key_figures", spy)
    start.off_target(Unit.objects.get(code="R"), today)
    assert asked == [year]
