"""HR's rows on top of the shipped AID → SKR group table (issue 14, item 7 follow-up): they
win over the shipped row, lose to the extract's own Yrkesgrupp, regroup today's profession,
are audit-logged, and the last import's unmapped codes link to them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD, extract_csv
from bemanna.workforce.models import GroupMapping, Profession

IMPORT = reverse("workforce:import")
GROUPS = reverse("workforce:groups")
HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Anställningsform;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
)
ROWS = [
    "1;1970;K;A;207010;Undersköterska;Tillsvidare;100;2015-03-01;;",
    "2;1980;K;A;999001;Astronaut;Tillsvidare;100;2015-03-01;;",
    "3;1981;M;B;999001;Astronaut;Tillsvidare;100;2015-03-01;;",
    "4;1982;M;B;999002;Kosmonaut;Tillsvidare;100;2015-03-01;;",
]


def _import(client, rows=ROWS, header=HEADER):
    data = extract_csv(rows, header=header)
    upload = SimpleUploadedFile("hr.csv", data)
    return client.post(IMPORT, {"kind": "employments", "file": upload})


def test_the_last_imports_unmapped_codes_link_to_the_mapping_page(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    assert _import(client).status_code == 302
    page = client.get(IMPORT).content.decode()
    section = page.split('id="unmapped-codes"')[1].split("</section>")[0]
    assert "999001 Astronaut (2)" in section and "999002 Kosmonaut (1)" in section
    assert f"{GROUPS}?code=999001#edit" in section
    form = client.get(GROUPS, {"code": "999001"}).content.decode()
    assert 'value="999001"' in form  # the code filled in, ready to map


def test_a_row_regroups_todays_profession_and_is_audit_logged(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    _import(client)
    assert Profession.objects.get(code="999001").skr_group == "Astronaut"  # its own name
    response = client.post(GROUPS, {"code": "999001", "group": "Övriga", "note": "HR 2026"})
    assert response.status_code == 302
    assert Profession.objects.get(code="999001").skr_group == "Övriga"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TABLE_CHANGED)
    assert entry.scope == "skr_group:999001"
    assert entry.detail["before"] == {} and entry.detail["after"]["group"] == "Övriga"
    # Mapped now: no longer listed.
    page = client.get(GROUPS).content.decode()
    assert 'data-code="999001"' not in page.split('id="unmapped"')[1].split("</table>")[0]
    # Changed again: one row, the audit keeps the step.
    client.post(GROUPS, {"code": "999001", "group": "Rymden", "note": ""})
    assert GroupMapping.objects.get().group == "Rymden"
    assert Profession.objects.get(code="999001").skr_group == "Rymden"
    last = AuditEntry.objects.filter(action=AuditEntry.Action.TABLE_CHANGED).latest("pk")
    assert last.detail["before"]["group"] == "Övriga"


def test_a_row_wins_over_the_shipped_table_and_loses_to_the_extract(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(GROUPS, {"code": "207010", "group": "Vårdpersonal", "note": ""})
    _import(client)
    assert Profession.objects.get(code="207010").skr_group == "Vårdpersonal"
    header = HEADER.replace("Befattning;", "Befattning;Yrkesgrupp;")
    rows = ["5;1970;K;A;207010;Undersköterska;Undersköterskor;Tillsvidare;100;2016-03-01;;"]
    _import(client, rows, header)
    assert Profession.objects.get(code="207010").skr_group == "Undersköterskor"


def test_deleting_a_row_falls_back_to_the_shipped_table(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(GROUPS, {"code": "207010", "group": "Vårdpersonal", "note": ""})
    _import(client)
    client.post(GROUPS, {"code": "207010", "delete": "1"})
    assert not GroupMapping.objects.exists()
    assert Profession.objects.get(code="207010").skr_group == "Undersköterskor"


def test_bad_input_is_named_and_only_hr_may_map(client, org, hr_admin, analyst):
    client.login(username="hr_admin", password=PASSWORD)
    response = client.post(GROUPS, {"code": "1", "group": "=HYPERLINK()", "note": ""})
    assert response.status_code == 400 and not GroupMapping.objects.exists()
    client.login(username="analyst", password=PASSWORD)
    assert client.get(GROUPS).status_code == 403
    assert client.post(GROUPS, {"code": "1", "group": "X"}).status_code == 403
