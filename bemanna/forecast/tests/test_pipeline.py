"""HR's education pipeline: the page, its audit trail, and what it feeds into a forecast."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.forecast import Education, Levers
from bemanna.audit.models import AuditEntry
from bemanna.forecast import tables
from bemanna.forecast.models import EducationPipeline
from bemanna.forecast.tests.test_views import as_number, demo, login  # noqa: F401

URL = "forecast:pipeline"
ROW = {
    "group": "Sjuksköterskor",
    "students": "100",
    "completion": "50",
    "hired": "40",
    "source": "Umeå universitet, antagna HT 2025",
}


def test_it_requires_an_hr_role(client, manager):
    assert client.get(reverse(URL)).status_code == 302
    client.force_login(manager)
    assert client.get(reverse(URL)).status_code == 403


def test_hr_adds_a_row_and_the_audit_log_keeps_it(client, analyst):
    client.force_login(analyst)
    assert client.post(reverse(URL), ROW).status_code == 302
    row = EducationPipeline.objects.get(group="Sjuksköterskor")
    assert row.hires_per_year() == pytest.approx(100 * 0.5 * 0.4)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TABLE_CHANGED)
    assert entry.detail["after"]["students"] == "100" and entry.detail["before"] == {}
    page = client.get(reverse(URL))
    cells = [td.get_text(strip=True) for td in page_row(page, "Sjuksköterskor")]
    assert as_number(cells[4]) == 20.0


def page_row(page, group):
    soup = BeautifulSoup(page.content, "html.parser")
    return soup.select_one(f'#pipeline-table tr[data-group="{group}"]').select("td")


@pytest.mark.parametrize(
    ("field", "value"), [("students", "-1"), ("completion", "101"), ("hired", "x"), ("source", "")]
)
def test_it_refuses_a_bad_row(client, analyst, field, value):
    client.force_login(analyst)
    response = client.post(reverse(URL), ROW | {field: value})
    assert response.status_code == 400
    assert not EducationPipeline.objects.exists()


def test_a_scenarios_own_students_for_a_group_win_over_the_table(db):
    EducationPipeline.objects.create(
        group="Sjuksköterskor", students=100, completion=50, hired=40, source="x"
    )
    EducationPipeline.objects.create(
        group="Läkare", students=10, completion=90, hired=50, source="y"
    )
    own = Levers(education=(Education("Sjuksköterskor", 7),))
    merged = tables.with_pipeline(own)
    assert {(e.group, e.students) for e in merged.education} == {
        ("Sjuksköterskor", 7),
        ("Läkare", 10),
    }
    doctors = next(e for e in merged.education if e.group == "Läkare")
    assert (doctors.completion, doctors.share_hired) == pytest.approx((0.9, 0.5))


def test_the_scenario_shows_the_pipeline_and_its_step(client, demo):  # noqa: F811
    EducationPipeline.objects.create(
        group="Sjuksköterskor", students=100, completion=50, hired=40, source="x"
    )
    EducationPipeline.objects.create(
        group="Astronauter", students=5, completion=50, hired=50, source="y"
    )
    login(client, "analytiker")
    page = client.get(reverse("forecast:scenario", args=[demo["Nuläge"].pk]), {"unit": "R"})
    soup = BeautifulSoup(page.content, "html.parser")
    rows = {
        tr.select("td")[0].get_text(strip=True): as_number(tr.select("td")[4].get_text(strip=True))
        for tr in soup.select("table#education tbody tr")
    }
    assert rows["Sjuksköterskor"] == 20.0  # 100 × 50 % × 40 %, by hand
    steps = [tr["data-step"] for tr in soup.select("table#waterfall tbody tr")]
    assert "education" in steps
    effect = soup.select_one("table#waterfall tr[data-step=education]").select("td")[1]
    assert as_number(effect.get_text(strip=True)) < 0  # more graduates, a smaller gap
    notes = soup.select_one("#forecast-notes").get_text()
    assert "Astronauter" in notes  # a group not among the staff is reported, not applied
