"""HR's cost table: the page, its validation, its audit trail and its seeded sources."""

import csv
import datetime
from pathlib import Path

import polars as pl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.forecast import cost
from bemanna.audit.models import AuditEntry
from bemanna.forecast import tables
from bemanna.forecast.models import GroupCost

URL = "forecast:costs"


def test_it_seeds_national_figures_with_their_source(db):
    other = GroupCost.objects.get(group="")
    nurses = GroupCost.objects.get(group="Sjuksköterskor")
    assert (other.monthly_salary, nurses.monthly_salary) == (38_300, 34_800)
    assert float(nurses.social_fees) == 52.28  # SKR's PO for regions 2023: 31.42 + 0.13 + 20.73
    assert "SCB" in nurses.source and "SSYK 2221" in nurses.source and "SKR" in nurses.source
    assert "antagande" in other.source  # the hired factor is said to be an assumption
    assert nurses.is_default and other.is_default
    # Own staff per FTE and year by hand: 12 × 34 800 × 1.5228.
    assert nurses.per_fte_year() == pytest.approx(635_921.28)


def test_every_group_of_the_shipped_aid_table_has_its_own_cost_row(db):
    """A group without a row is priced at the all-jobs average (38 300 kr a month): the
    assistant nurses were, above the nurses. The groups read from the shipped CSV by hand."""
    path = Path(__file__).resolve().parents[2] / "analysis" / "data" / "skr_groups.csv"
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    shipped = {row["yrkesgrupp"] for row in csv.DictReader(lines, delimiter=";")}
    assert "Undersköterskor" in shipped
    seeded = set(GroupCost.objects.values_list("group", flat=True))
    assert shipped <= seeded
    assistants = GroupCost.objects.get(group="Undersköterskor")
    assert assistants.monthly_salary == 26_500  # SKR: median in the regions, November 2019
    assert "SKR" in assistants.source and "ej kontrollerad" in assistants.source
    # 12 × 26 500 × 1.5228, below the nurses' 635 921.28.
    assert assistants.per_fte_year() == pytest.approx(484_250.40)
    assert len(assistants.source) <= GroupCost._meta.get_field("source").max_length


def test_it_requires_login_and_an_hr_role(client, manager):
    assert client.get(reverse(URL)).status_code == 302
    client.force_login(manager)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"group": "X"}).status_code == 403


def test_it_lists_the_rows_and_says_where_the_defaults_come_from(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse(URL))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    groups = [tr["data-group"] for tr in soup.select("#cost-table tbody tr")]
    assert groups == [
        "",
        "Barnmorskor",
        "Chefer",
        "Läkare",
        "Sjuksköterskor",
        "Specialistsjuksköterskor",
        "Undersköterskor",
    ]
    note = soup.select_one("#defaults-note").get_text()
    assert "SCB" in note and "SKR" in note and "52.28" in note.replace(",", ".")


def test_hr_changes_a_row_and_the_audit_log_keeps_before_and_after(client, analyst):
    client.force_login(analyst)
    nurses = GroupCost.objects.get(group="Sjuksköterskor")
    response = client.post(
        reverse(URL),
        {
            "row": nurses.pk,
            "group": "Sjuksköterskor",
            "monthly_salary": "41000",
            "social_fees": "50,5",
            "hired_factor": "2,1",
            "source": "Regionens lönesystem, november 2025",
        },
    )
    assert response.status_code == 302
    nurses.refresh_from_db()
    assert (nurses.monthly_salary, float(nurses.social_fees), float(nurses.hired_factor)) == (
        41_000,
        50.5,
        2.1,
    )
    assert not nurses.is_default and nurses.updated_by == analyst
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TABLE_CHANGED)
    assert entry.actor == analyst
    assert entry.detail["before"]["monthly_salary"] == "34800"
    assert entry.detail["after"]["monthly_salary"] == "41000"
    assert tables.cost_table()["Sjuksköterskor"] == cost.TableCost(12 * 41_000 * 1.505, 2.1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("monthly_salary", "5000"),
        ("monthly_salary", "tio"),
        ("social_fees", "120"),
        ("hired_factor", "0,2"),
        ("hired_factor", "9"),
        ("source", ""),
        ("group", ""),
    ],
)
def test_it_refuses_a_bad_row_and_says_which_field(client, analyst, field, value):
    client.force_login(analyst)
    data = {
        "group": "Rehabilitering",
        "monthly_salary": "32000",
        "social_fees": "52,28",
        "hired_factor": "1,5",
        "source": "Lönesystemet",
    } | {field: value}
    response = client.post(reverse(URL), data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    label = soup.select_one(f"label[for=id_{field}]")
    assert label.find_next("span", class_="errorlist") is not None
    assert not GroupCost.objects.filter(group="Rehabilitering").exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.TABLE_CHANGED).exists()


def test_a_group_cannot_be_added_twice(client, analyst):
    client.force_login(analyst)
    data = {
        "group": "Läkare",
        "monthly_salary": "70000",
        "social_fees": "52",
        "hired_factor": "2",
        "source": "x",
    }
    assert client.post(reverse(URL), data).status_code == 400
    assert GroupCost.objects.filter(group="Läkare").count() == 1


def test_the_row_for_every_other_group_stays_and_keeps_its_blank_name(client, analyst):
    client.force_login(analyst)
    other = GroupCost.objects.get(group="")
    client.post(reverse(URL), {"row": other.pk, "delete": "1"})
    assert GroupCost.objects.filter(group="").exists()
    client.post(
        reverse(URL),
        {
            "row": other.pk,
            "group": "Hijack",
            "monthly_salary": "40000",
            "social_fees": "52",
            "hired_factor": "1,7",
            "source": "HR",
        },
    )
    other.refresh_from_db()
    assert other.group == "" and other.monthly_salary == 40_000
    doctors = GroupCost.objects.get(group="Läkare")
    client.post(reverse(URL), {"row": doctors.pk, "delete": "1"})
    assert not GroupCost.objects.filter(group="Läkare").exists()
    assert AuditEntry.objects.filter(scope="cost:Läkare", detail__after={}).exists()


def test_the_forecast_prices_follow_the_table(db):
    """A changed row changes the price the engine gets (no imported costs here)."""
    GroupCost.objects.filter(group="").update(monthly_salary=30_000, social_fees=50, hired_factor=2)
    staff = pl.DataFrame(
        {
            "unit_id": [1],
            "person": [1],
            "group": ["Okänd"],
            "birth_year": [1970],
            "form": ["permanent"],
            "rate": [100.0],
            "start": [datetime.date(2020, 1, 1)],
            "end": [None],
        },
        schema_overrides={"end": pl.Date},
    )
    empty = pl.DataFrame(
        schema={
            "unit": pl.Int64,
            "month": pl.Date,
            "profession_group": pl.String,
            "own_cost": pl.Float64,
            "hired_cost": pl.Float64,
        }
    )
    p = cost.prices(
        empty, staff, ("Okänd",), datetime.date(2025, 12, 31), table=tables.cost_table()
    )
    assert p.own.tolist() == [540_000.0]  # 12 × 30 000 × 1.5
    assert p.hired.tolist() == [1_080_000.0]


def test_it_names_todays_groups_without_a_row_of_their_own(client, analyst):
    """Bemanna ships no sourced figure for most groups: the page says which of today's
    staff's groups are priced without their own row. By hand: nurses have a seeded row,
    the dental group none; the hourly-paid group and the group whose only person left are
    not among today's monthly-paid staff."""
    from bemanna.org.models import Level, Unit
    from bemanna.pulse.tests.helpers import add_staff

    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    add_staff(region, 3, group="Sjuksköterskor")
    add_staff(region, 2, group="Tandvård")
    add_staff(region, 2, group="Vårdbiträden", form="hourly", rate=0)
    (gone,) = add_staff(region, 1, group="Service")
    gone.employments.update(end=datetime.date(2020, 6, 30))
    client.force_login(analyst)
    soup = BeautifulSoup(client.get(reverse(URL)).content, "html.parser")
    assert [li.get_text() for li in soup.select("#without-row li")] == ["Tandvård"]

    GroupCost.objects.create(
        group="Tandvård",
        monthly_salary=30_000,
        social_fees=52.28,
        hired_factor=1.6,
        source="Regionens lönekartläggning 2025",
        updated_by=analyst,
    )
    soup = BeautifulSoup(client.get(reverse(URL)).content, "html.parser")
    assert soup.select_one("#without-row") is None
