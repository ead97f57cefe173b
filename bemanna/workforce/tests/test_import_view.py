from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from bemanna.analysis.tests.badfiles import BAD
from bemanna.conftest import PASSWORD, extract_csv
from bemanna.workforce.models import Employment

URL = reverse("workforce:import")


def upload(client, data, name="hr.csv", kind="employments", **extra):
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, data), **extra})


def test_it_imports_an_extract_and_says_what_was_imported(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    response = upload(client, extract_csv(), name="hr.csv")
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert "Importerat: 6 anställningar, 5 personer, 3 enheter" in page
    assert Employment.objects.count() == 6


def test_it_lists_every_problem_and_writes_nothing(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    data, name, _expected = BAD["end before start"]
    response = upload(client, data, name=name)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filen importerades inte: 1 problem" in page
    assert "Slutdatum är före startdatum 2015-03-01." in page
    assert Employment.objects.count() == 0


def test_it_gives_the_problems_in_english_for_an_english_user(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data, name, _expected = BAD["rate above 100"]
    page = upload(client, data, name=name).content.decode()
    assert "The employment rate must be between 0 and 100." in page


@override_settings(MAX_UPLOAD_MB=1)
def test_it_refuses_an_upload_over_the_limit(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    big = extract_csv() + b"x" * (1024 * 1024 + 1)
    response = upload(client, big)
    assert response.status_code == 200
    assert "uppladdningar får vara högst 1 MB" in response.content.decode()
    assert Employment.objects.count() == 0


def test_a_dry_run_only_checks(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    upload(client, extract_csv(), dry_run="on")
    page = client.get(URL).content.decode()
    # As the command line: what it would import, never "Importerat" (issue 18).
    assert "Provkörning: inget skrivet. Filen är korrekt och skulle ge: 6 anställningar" in page
    assert "Importerat:" not in page
    assert Employment.objects.count() == 0


def test_a_dry_run_of_hours_says_what_it_would_give(client, staffed, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    hours = "Anst.nr;Månad;Timmar\n1001;2025-01;165\n1002;2025-01;160\n"
    upload(client, hours.encode(), name="timmar.csv", kind="hours", dry_run="on")
    page = client.get(URL).content.decode()
    # Which kind of file, too (issue 18: "2 new rows" said nothing of what they were).
    assert "The file is correct and would give: Scheduled hours, 2 new rows, 0 replaced." in page
    assert "Imported:" not in page


def test_it_imports_the_unit_tree(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data = "Enhetskod;Enhetsnamn;Överordnad;Nivå\nD;Avdelning D;F;enhet\n".encode()
    upload(client, data, name="units.csv", kind="units")
    # One unit, not "1 units" (issue 18: "1 enheter").
    assert "Unit tree imported: 1 unit (1 new, 0 changed)." in client.get(URL).content.decode()


def test_it_validates_the_form(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    response = client.post(URL, {"kind": "nonsense"})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()


def test_only_hr_admin_may_import(client, org, analyst, manager):
    for user in ("analyst", "manager"):
        client.login(username=user, password=PASSWORD)
        assert client.get(URL).status_code == 403
        assert upload(client, extract_csv()).status_code == 403
    assert Employment.objects.count() == 0


def test_it_offers_every_kind_of_file_in_menu_order(client, hr_admin):
    """The key figures' kinds come from their app's registration, after the two workforce
    kinds, as the menu listed them before it was a registry; Kolada's file last."""
    client.login(username="hr_admin", password=PASSWORD)
    form = client.get(URL).context["form"]
    values = [value for value, _label in form.fields["kind"].choices]
    assert values == [
        "employments",
        "units",
        "sick_leave",
        "hours",
        "costs",
        "plans",
        "kolada",
    ]


def test_it_maps_aid_codes_and_lists_the_codes_it_cannot(client, org, hr_admin):
    """No Yrkesgrupp column: the shipped table groups 207010 (SKR's AID label Undersköterska),
    and the two codes it does not know are listed with their rows, most rows first."""
    from bemanna.workforce.models import Profession

    header = (
        "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Anställningsform;"
        "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
    )
    rows = [
        "1;1970;K;A;207010;Undersköterska;Tillsvidare;100;2015-03-01;;",
        "2;1980;K;A;999001;Astronaut;Tillsvidare;100;2015-03-01;;",
        "3;1981;M;B;999001;Astronaut;Tillsvidare;100;2015-03-01;;",
        "4;1982;M;B;999002;Kosmonaut;Tillsvidare;100;2015-03-01;;",
    ]
    client.login(username="hr_admin", password=PASSWORD)
    assert upload(client, extract_csv(rows, header=header)).status_code == 302
    assert Profession.objects.get(code="207010").skr_group == "Undersköterskor"
    page = client.get(URL).content.decode()
    assert "999001 Astronaut (2); 999002 Kosmonaut (1)" in page
