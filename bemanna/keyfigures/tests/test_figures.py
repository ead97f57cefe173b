"""The table of key figures: the page, the board report and the targets read it, so a figure
added to it shows up in each with its label and format, and a target is entered in its unit."""

import math

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.keyfigures import figures as table
from bemanna.keyfigures import services, summary
from bemanna.keyfigures.admin import TargetForm
from bemanna.keyfigures.models import Figure, Target
from bemanna.keyfigures.tests.test_board import figures  # noqa: F401 - a fixture used below
from bemanna.tests.xlsx import Workbook


def test_the_targets_choices_are_the_figures_with_a_direction():
    assert Figure.choices == [(row.name, row.label) for row in table.with_targets()]
    assert [name for name, _label in Figure.choices] == [
        "sick_leave",
        "long_share",
        "turnover",
        "hired_share",
        "plan_coverage",
        "enps",
    ]


def test_the_hired_staff_label_is_written_once():
    hired = str(table.FIGURES["hired_share"].label)
    assert hired == "Inhyrd personal, andel av kostnaden för egen personal"
    assert str(Figure.HIRED_SHARE.label) == hired
    assert str(table.labels()["hired_share"]) == hired


@pytest.mark.parametrize(
    ("figure", "value", "ok"),
    [
        ("hired_share", 2, True),
        ("hired_share", 150, False),  # a share is entered in per cent: at most 100
        ("hired_share", -1, False),
        ("enps", -40, True),  # points may be negative
    ],
)
def test_a_target_is_entered_in_the_figures_unit(db, figure, value, ok):
    form = TargetForm({"figure": figure, "value": value})
    assert form.is_valid() is ok, form.errors
    if not ok:
        assert "value" in form.errors


def test_a_figure_has_its_number_format_in_a_spreadsheet():
    assert table.FIGURES["sick_leave"].excel_format == "0.0%"
    assert table.FIGURES["plan_coverage"].excel_format == "0%"
    assert table.FIGURES["hired_cost"].excel_format == "# ##0"
    assert table.FIGURES["fte"].excel_format == "# ##0.0"


def test_a_target_is_compared_in_the_figures_unit_and_direction():
    assert services._scaled("hired_share", 2) == pytest.approx(0.02)
    assert services._scaled("enps", 10) == 10
    assert services.off_target("hired_share", 0.03, 0.02)  # lower is better
    assert services.off_target("plan_coverage", 0.7, 0.8)  # higher is better
    assert not services.off_target("enps", 20, 10)
    assert not services.off_target(None, 1.0, 0.0)  # a figure without a target


VACANCIES = table.KeyFigure(
    "vacancy_share",
    "Vacant posts, share of all posts",  # (a real row marks its label for translation)
    table.Unit.SHARE,
    1,
    table.Direction.LOWER,
)


@pytest.fixture
def vacancies(monkeypatch):
    """A new figure: its row in the table, and its value where summary computes the rest."""
    monkeypatch.setitem(table.FIGURES, "vacancy_share", VACANCIES)
    computed = summary.values
    monkeypatch.setattr(
        summary, "values", lambda result: computed(result) | {"vacancy_share": 0.125}
    )


@pytest.mark.usefixtures("figures", "analyst", "vacancies")
def test_a_figure_added_to_the_table_is_in_the_page_the_report_and_the_targets(client):
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    assert page.context["labels"]["vacancy_share"] == "Vacant posts, share of all posts"
    staff = _rows(page.content, "staff")
    assert staff[-1] == ["Vacant posts, share of all posts", "12,5\xa0%", ""]  # in its format
    board = client.get(reverse("keyfigures:report"), {"unit": "R", "year": 2025})
    assert _rows(board.content, "staff")[-1] == staff[-1]  # the board's HTML and PDF

    xlsx = client.get(reverse("keyfigures:report"), {"unit": "R", "year": 2025, "format": "xlsx"})
    facts = Workbook(xlsx.content).pairs("Nyckeltal")
    assert float(facts["Vacant posts, share of all posts"]) == 0.125
    assert services._scaled("vacancy_share", 5) == pytest.approx(0.05)
    assert services.off_target("vacancy_share", 0.125, 0.05)

    # With a target (entered in per cent, as the row's unit says) it is shown against it, on
    # the page and on the board report's first page: 12,5 % is above 5 %, lower being good.
    Target.objects.create(figure="vacancy_share", value=5)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    row = BeautifulSoup(page.content, "html.parser").select("table#staff tr")[-1]
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")] == [
        "Vacant posts, share of all posts",
        "12,5\xa0%",
        "mål 5,0\xa0% utanför mål",
    ]
    assert row["class"] == ["off-target"]
    board = client.get(reverse("keyfigures:report"), {"unit": "R", "year": 2025})
    summary_rows = {r[0]: r for r in _rows(board.content, "summary-figures") if r}
    assert summary_rows["Vacant posts, share of all posts"][1:4] == ["12,5\xa0%", "–", "5,0\xa0%"]


def test_a_target_is_entered_in_the_unit_of_any_figure(monkeypatch):
    """A target of kronor, people or hours is any amount from 0 (the ±100 of points would
    refuse every real one); the range is the row's alone, checked by the model."""
    cost = table.KeyFigure(
        "agency_cost", "Agency cost (SEK)", table.Unit.SEK, 0, table.Direction.LOWER
    )
    monkeypatch.setitem(table.FIGURES, "agency_cost", cost)
    assert cost.target_range == (0, math.inf)
    Target(figure="agency_cost", value=5_000_000).clean()
    with pytest.raises(ValidationError) as error:
        Target(figure="agency_cost", value=-1).clean()
    assert error.value.message_dict["value"] == ["Ett mål för Agency cost (SEK) är 0 eller mer."]
    with pytest.raises(ValidationError):
        Target(figure="enps", value=101).clean()


def test_every_figure_with_a_target_fits_the_targets_column():
    longest = Target._meta.get_field("figure").max_length
    assert all(len(row.name) <= longest for row in table.with_targets())


@pytest.mark.usefixtures("figures", "analyst")
def test_without_the_row_the_figure_is_nowhere(client):
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    assert _rows(page.content, "staff")[-1][0] == "HME totalindex"
    xlsx = client.get(reverse("keyfigures:report"), {"unit": "R", "year": 2025, "format": "xlsx"})
    assert "Vacant posts, share of all posts" not in Workbook(xlsx.content).pairs("Nyckeltal")


def test_the_page_shows_a_figure_in_the_tables_unit_and_decimals():
    from django.utils import translation

    from bemanna.keyfigures.templatetags.keyfigures import figure

    with translation.override("sv"):
        assert figure(2 / 3, "plan_coverage") == "67\xa0%"
        assert figure(0.05, "hired_share") == "5,0\xa0%"
        assert figure(2.255, "fte") == "2,3"
        assert figure(1_000_000, "own_cost") == "1\xa0000\xa0000"  # a no-break space
        assert figure(None, "enps") == figure("", "hme") == "–"


def _rows(content, table_id):
    table = BeautifulSoup(content, "html.parser").select_one(f"table#{table_id}")
    return [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tr")]
