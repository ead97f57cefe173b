"""The HR extract's import keeps the schedule's retention rule (issue 18): an employment
that ended longer ago than BEMANNA_RETAIN_EMPLOYMENT_YEARS is not stored, so an import and
the next `bemanna run_schedule` agree on the history, and the import says what it left out."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from bemanna.conftest import EXTRACT_ROWS, PASSWORD, TODAY, extract_csv
from bemanna.keyfigures import services as keyfigures
from bemanna.privacy import retention
from bemanna.workforce import issues, services
from bemanna.workforce.models import Employment, Person

# TODAY is 2026-06-30; ten years' retention: the ten last closed years, 2016–2025, are kept
# whole with the month before them (`retention.employment_cutoff`, by hand 1 January 2016
# minus 32 days), so an employment that ended before 2015-11-30 goes.
OLD = [
    "1006;1950;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2001-01-01;"
    "2015-11-29;Pension",
    "1007;1951;M;B;532101;Undersköterska;Undersköterskor;Tillsvidare;100;2002-01-01;"
    "2010-12-31;Egen begäran",
]
ON_THE_DAY = (
    "1008;1952;K;C;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2003-01-01;"
    "2015-11-30;Pension"
)
FILE = extract_csv([*EXTRACT_ROWS, *OLD, ON_THE_DAY])


def run(**kwargs):
    return services.import_employments(io.BytesIO(FILE), filename="hr.csv", today=TODAY, **kwargs)


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_rows_past_retention_are_not_stored_and_the_schedule_deletes_nothing(org):
    report = run()
    # 6 + 1 kept (ended on the cutoff day itself), 2 past retention; by hand.
    assert (report.employments, report.persons, report.created) == (7, 6, 7)
    assert report.past_retention == 2
    assert report.retention_cutoff == datetime.date(2015, 11, 30)
    assert Employment.objects.count() == 7
    assert Person.objects.count() == 6
    assert retention.apply(TODAY)["employments"] == 0
    assert Employment.objects.count() == 7
    again = run()
    assert (again.created, again.updated) == (0, 0)


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_a_dry_run_counts_the_same_rows(org):
    report = run(dry_run=True)
    assert (report.employments, report.past_retention) == (7, 2)
    assert Employment.objects.count() == 0


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_the_import_says_what_it_left_out_and_why(org):
    with translation.override("en"):
        said = services.left_out(run(dry_run=True))
    assert said == (
        "2 employments that ended before 2015-11-30 were left out: employments are kept "
        "for the 10 last closed years."
    )
    with translation.override("en"):
        assert services.left_out(services.ImportReport("x", 1)) == ""


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_the_command_line_says_it(org, tmp_path, monkeypatch):
    path = tmp_path / "hr.csv"
    path.write_bytes(FILE)
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    out = io.StringIO()
    call_command("import_employments", str(path), "--language=en", stdout=out)
    assert "2 employments that ended before 2015-11-30 were left out" in out.getvalue()
    assert Employment.objects.count() == 7


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_the_import_page_says_it(client, org, hr_admin, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    url = reverse("workforce:import")
    file = SimpleUploadedFile("hr.csv", FILE)
    client.post(url, {"kind": "employments", "file": file, "dry_run": "on"})
    page = client.get(url).content.decode()
    assert "2 employments that ended before 2015-11-30 were left out" in page


@override_settings(RETAIN_EMPLOYMENT_YEARS=10)
def test_a_plans_file_naming_a_person_left_out_says_why_it_may_be(org):
    run()
    plans = "Anst.nr;Kompetensplan\n1001;ja\n1006;ja\n"
    with pytest.raises(services.ImportRefused) as refused:
        keyfigures.import_health_file(
            "plans", io.BytesIO(plans.encode()), filename="planer.csv", today=TODAY
        )
    [issue] = refused.value.issues
    assert issue.row == 3
    with translation.override("en"):
        assert "retention" in issues.show(issue).message
