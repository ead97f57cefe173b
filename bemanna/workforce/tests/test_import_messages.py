"""What the imports say (issue 18, item 13): an unmapped title once, not "X X"; a row with
neither AID nor Befattning names both; problems in row order; one unit, not "1 units"; the
health files say what they imported; the first extract says it made "Nuläge"; an import
from the command line is shown as such, not as "bemanna"."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD, extract_csv
from bemanna.forecast.models import Scenario
from bemanna.workforce import issues, services

NO_AID = "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;Startdatum\n"


def _command(name, path, *args):
    out = io.StringIO()
    call_command(name, str(path), "--language=en", *args, stdout=out)
    return " ".join(out.getvalue().split())


def test_a_title_without_a_code_is_named_once(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes((NO_AID + "1;1970;K;A;Astronaut;Tillsvidare;100;2015-03-01\n").encode())
    said = _command("import_employments", path)
    assert "No SKR profession group for Astronaut (1 row)." in said


def test_a_row_without_aid_and_befattning_names_both_columns(org):
    rows = ["1001;1970;K;A;;;Sjuksköterskor;Tillsvidare;100;2015-03-01;;"]
    with pytest.raises(services.ImportRefused) as refused:
        services.import_employments(io.BytesIO(extract_csv(rows)), filename="hr.csv")
    [issue] = refused.value.issues
    assert (issue.row, issue.column) == (2, "AID, Befattning")
    with translation.override("en"):
        assert "AID and Befattning" in issues.show(issue).message


def test_problems_are_listed_in_row_order(org):
    rows = [
        "1001;1970;K;A;222101;Sjuksköterska;;Tillsvidare;100;2015-13-01;;",  # row 2: date
        "1002;1970;K;;222101;Sjuksköterska;;Tillsvidare;100;2015-03-01;;",  # row 3: unit
        "1003;1970;K;A;222101;Sjuksköterska;;Tillsvidare;100;2015-02-30;;",  # row 4: date
    ]
    with pytest.raises(services.ImportRefused) as refused:
        services.import_employments(io.BytesIO(extract_csv(rows)), filename="hr.csv")
    assert [issue.row for issue in refused.value.issues] == [2, 3, 4]


def test_the_unit_tree_command_says_one_unit(db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("Enhetskod;Enhetsnamn;Överordnad;Nivå\nR;Region;;region\n".encode())
    assert "Unit tree: 1 unit (1 new, 0 changed)." in _command("import_units", path)


def test_an_hours_file_says_what_it_imported(staffed, tmp_path):
    path = tmp_path / "timmar.csv"
    path.write_bytes("Anst.nr;Månad;Timmar\n1001;2025-01;165\n1002;2025-01;160\n".encode())
    assert "Imported: Scheduled hours, 2 new rows, 0 replaced." in _command("import_hours", path)


def test_the_first_extract_says_it_made_the_baseline_scenario(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv())
    said = _command("import_employments", path)
    assert Scenario.objects.filter(name="Nuläge").exists()
    assert "Made the forecast scenario “Nuläge”" in said
    assert 'bemanna forecast --scenario "Nuläge"' in said
    path.write_bytes(
        extract_csv()[:-1] + b"\n1009;1990;K;A;222101;S;S;Tillsvidare;100;2024-01-01;;\n"
    )
    assert "Made the forecast scenario" not in _command("import_employments", path)


def test_the_import_page_says_it_made_the_baseline_and_who_imported(
    client, org, hr_admin, tmp_path
):
    path = tmp_path / "units.csv"
    path.write_bytes("Enhetskod;Enhetsnamn;Överordnad;Nivå\nD;Avdelning D;A;enhet\n".encode())
    _command("import_units", path)  # from the command line: no user
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    url = reverse("workforce:import")
    file = SimpleUploadedFile("hr.csv", extract_csv())
    client.post(url, {"kind": "employments", "file": file})
    page = " ".join(client.get(url).content.decode().split())
    assert "Made the forecast scenario “Nuläge”" in page
    assert "the command line (a user on the server)" in page
    assert "<td>bemanna</td>" not in page


# The Import page (issue 18, item 15).


def _page(client, url=None):
    return " ".join(client.get(url or reverse("workforce:import")).content.decode().split())


def test_the_page_describes_the_columns_of_every_kind(client, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _page(client)
    for columns in (
        "One row per employment: Personnummer, or Anst.nr with Födelseår and Kön",
        "One row per unit: Enhetskod; Enhetsnamn; Överordnad",
        "One row per spell:",
        "One row per person and month:",
        "One row per unit and month:",
        "One row per person: Personnummer or Anst.nr; Kompetensplan",
        "download as it is: kpi; municipality_id",
    ):
        assert columns in page
    assert ">Import the file</button>" in page


def _chosen(client, url=None):
    return client.get(url or reverse("workforce:import")).context["form"]["kind"].value()


def test_the_unit_tree_is_chosen_until_a_unit_exists(client, db, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    assert _chosen(client) == "units"
    url = reverse("workforce:import")
    units = "Enhetskod;Enhetsnamn;Överordnad;Nivå\nR;Region;;region\n".encode()
    client.post(url, {"kind": "units", "file": SimpleUploadedFile("units.csv", units)})
    assert _chosen(client) == "employments"


def test_a_dry_run_keeps_the_kind_chosen(client, staffed, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    url = reverse("workforce:import")
    hours = "Anst.nr;Månad;Timmar\n1001;2025-01;165\n".encode()
    file = SimpleUploadedFile("timmar.csv", hours)
    response = client.post(url, {"kind": "hours", "file": file, "dry_run": "on"})
    assert response.status_code == 302
    assert _chosen(client, response["Location"]) == "hours"
    assert _chosen(client, url + "?kind=nonsense") == "employments"


def test_the_import_page_says_a_months_hours_are_not_all_in(client, staffed, hr_admin):
    # Five people have January's hours; February's file has one: its sick leave waits for
    # the rest (`healthfiles.complete_through`), and the page says so, in Swedish.
    client.login(username="hr_admin", password=PASSWORD)
    url = reverse("workforce:import")
    january = "".join(f"{n};2025-01;160\n" for n in range(1001, 1006))
    for name, rows in (("jan.csv", january), ("feb.csv", "1001;2025-02;160\n")):
        file = SimpleUploadedFile(name, ("Anst.nr;Månad;Timmar\n" + rows).encode())
        response = client.post(url, {"kind": "hours", "file": file}, follow=True)
    text = " ".join(response.content.decode().split())
    assert (
        "februari 2025 har schemalagd arbetstid för 1 person, mot 5 månaden före: dess "
        "sjukfrånvaro räknas när resten av månadens arbetstid är importerad"
    ) in text
