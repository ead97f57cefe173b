"""The register extract (GDPR art. 15) and erasure: found by personnummer through the same
pseudonym an import makes, everything shown, nothing of the number kept, logged."""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD, TODAY
from bemanna.exits import services as exits
from bemanna.exits.models import ExitInvitation
from bemanna.keyfigures import services as keyfigures_services
from bemanna.keyfigures.models import EarlyContact, ScheduledHours, SickLeaveSpell
from bemanna.privacy import extract
from bemanna.pulse import services as pulse_services
from bemanna.pulse.models import Invitation, Pulse, Response
from bemanna.tests.pdf import info as pdf_info
from bemanna.workforce import services
from bemanna.workforce.models import Employment, Person

PNR = "19811218-9876"  # valid check digit (analysis.personnummer's doctest)
OTHER = "201212121212"
HEADER = (
    "Personnummer;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;Sysselsättningsgrad;"
    "Startdatum;Slutdatum;Avgångsorsak;E-post\n"
)
ROWS = [
    f"{PNR};A;222101;Sjuksköterska;Sjuksköterskor;Visstid;50;2019-01-01;2019-12-31;"
    "Visstid upphör;anna@region.test",
    f"{PNR};B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;80;2020-02-15;2026-07-10;"
    "Egen begäran;anna@region.test",
    f"{OTHER};A;532101;Undersköterska;Undersköterskor;Tillsvidare;100;2021-01-01;;;",
]


@pytest.fixture
def held(org, monkeypatch):
    """One person with every kind of data, and one other person."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    services.import_employments(
        io.BytesIO((HEADER + "\n".join(ROWS) + "\n").encode()), filename="hr.csv", today=TODAY
    )
    person = Person.objects.get(employments__start=datetime.date(2019, 1, 1))
    spell = SickLeaveSpell.objects.create(
        person=person, start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 20), extent=50
    )
    EarlyContact.objects.create(spell=spell, called_on=datetime.date(2026, 3, 10))
    ScheduledHours.objects.create(person=person, month=datetime.date(2026, 3, 1), hours=132.5)
    keyfigures_services.import_health_file(
        "plans", io.BytesIO(f"Personnummer;Kompetensplan\n{PNR};ja\n".encode()), filename="p.csv"
    )
    pulse = Pulse.objects.create(name="Vårpulsen")
    pulse.units.add(org["R"])
    pulse_services.open_wave(pulse, TODAY)
    exits.invite_leavers(TODAY)
    return person


CASE = "HR 2026/17"


def _hr(client, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)


def _look_up(client, number=PNR, case=CASE):
    return client.post(reverse("privacy:lookup"), {"personnummer": number, "case_reference": case})


def test_hr_gets_everything_held_about_the_person_but_health_data(client, hr_admin, held):
    _hr(client, hr_admin)
    response = _look_up(client, "8112189876")
    assert response["Location"] == reverse("privacy:result")
    page = client.get(reverse("privacy:result"))
    text = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    for expected in (
        "Avdelning A",
        "Avdelning B",
        "2019-12-31",
        "2026-07-10",
        "Egen begäran",
        "132,5",  # the hours
        "Vårpulsen",
        "anna@region.test",
        CASE,
        'id="other-part"',  # where the health part comes from
        'id="erasure"',
    ):
        assert expected in text, expected
    # Health data is occupational health's: neither the spell nor the call is shown to HR.
    assert "2026-03-02" not in text and "2026-03-10" not in text and "2026-03-20" not in text
    headings = re.findall(r"<h2>\s*(.*?)\s*</h2>", text)
    assert "Sjukfrånvaroperioder" not in headings and "Företagshälsans samtal" not in headings
    # The plan, and each plan file's record of it (art. 15: all that is held).
    assert {"Kompetensplan", "Kompetensplan per planfil"} <= set(headings)
    assert "Avdelning C" not in text and "Undersköterska" not in text  # the other person
    # The answers cannot be linked to anyone (Swedish once the catalogue is compiled).
    assert "kan inte kopplas" in text or "cannot be found, shown or deleted" in text
    # The number itself is nowhere: not on the page, in the session or in the log.
    assert "9876" not in text
    assert "9876" not in str(dict(client.session))
    entries = AuditEntry.objects.filter(action="register_extract")
    assert [e.scope for e in entries] == [held.pseudonym[:10]]
    assert entries[0].actor == hr_admin
    assert entries[0].detail["case_reference"] == CASE
    assert entries[0].detail["parts"] == ["hr"]
    assert "9876" not in json.dumps([e.detail for e in AuditEntry.objects.all()])


def test_occupational_health_makes_the_health_part(client, occ_health, held):
    client.login(username="occ_health", password=PASSWORD)
    assert _look_up(client)["Location"] == reverse("privacy:result")
    text = client.get(reverse("privacy:result")).content.decode()
    for expected in ("2026-03-02", "2026-03-20", "2026-03-10", CASE, 'id="other-part"'):
        assert expected in text, expected
    # ... and nothing else: no employments, hours or invitations, no erasure.
    for absent in ("Avdelning A", "Egen begäran", "132,5", "Vårpulsen", 'id="erasure"'):
        assert absent not in text, absent
    data = json.loads(client.get(reverse("privacy:result") + "?format=json").content)
    assert set(data["tables"]) == {
        "Person",
        "Sjukfrånvaroperioder",
        "Företagshälsans samtal (tidiga insatser)",
    }
    assert data["case_reference"] == CASE and data["parts"] == ["health"]
    entry = AuditEntry.objects.filter(action="register_extract").first()
    assert entry.actor == occ_health and entry.detail["case_reference"] == CASE
    assert (
        client.post(reverse("privacy:erase"), {"reason": "x", "confirm": "on"}).status_code == 403
    )
    assert client.get(reverse("privacy:retention")).status_code == 403


def test_no_extract_without_a_case_reference(client, hr_admin, held):
    """The review's H2: an extract (with health data) was shown to anyone with the role, for
    any number, with nothing saying why. Now the request's case reference comes first."""
    _hr(client, hr_admin)
    for case in ("", "   "):
        answer = _look_up(client, case=case)
        assert answer.status_code == 200
        assert 'id="id_case_reference_error"' in answer.content.decode() or (
            "errorlist" in answer.content.decode()
        )
    # A personnummer in the reference would go into the audit log: refused.
    assert _look_up(client, case=f"Begäran {PNR}").status_code == 200
    assert client.get(reverse("privacy:result"))["Location"] == reverse("privacy:lookup")
    assert not AuditEntry.objects.filter(action="register_extract").exists()
    # A session from before (pseudonyms without a case) shows nothing either.
    session = client.session
    session["register_extract"] = extract.pseudonyms_of(PNR, today=TODAY)
    session.save()
    assert client.get(reverse("privacy:result"))["Location"] == reverse("privacy:lookup")
    with pytest.raises(ValueError):
        extract.collect(
            extract.pseudonyms_of(PNR, today=TODAY), actor=None, today=TODAY, case_reference=" "
        )


def test_whether_an_invitation_is_used_is_never_shown(client, hr_admin, held):
    Invitation.objects.filter(person=held).update(used=True)
    ExitInvitation.objects.filter(employment__person=held).update(used=True)
    _hr(client, hr_admin)
    _look_up(client)
    data = json.loads(client.get(reverse("privacy:result") + "?format=json").content)
    [pulse_row] = data["tables"]["Öppna pulsinbjudningar"]
    assert not any(key in pulse_row for key in ("Använd", "Used"))
    [exit_row] = data["tables"]["Inbjudningar till avgångsenkäten"]
    assert exit_row["Stänger"] >= TODAY.isoformat()  # still open: not shown
    assert not any(key in exit_row for key in ("Använd", "Used"))
    # Nor once the window has closed (review item L2): HR, reading the extracts of a
    # unit's few leavers, would learn who answered, and so whose the answers are.
    ExitInvitation.objects.filter(employment__person=held).update(
        closes=TODAY - datetime.timedelta(days=1)
    )
    data = json.loads(client.get(reverse("privacy:result") + "?format=json").content)
    [exit_row] = data["tables"]["Inbjudningar till avgångsenkäten"]
    assert exit_row["Stänger"] < TODAY.isoformat()
    assert set(exit_row) == {"År", "Öppnar", "Stänger", "Via e-post", "Skickad"}, exit_row
    pdf = client.get(reverse("privacy:result") + "?format=pdf")
    assert pdf.status_code == 200


def test_the_json_and_pdf_hold_the_same_rows(client, hr_admin, held):
    _hr(client, hr_admin)
    _look_up(client)
    data = json.loads(client.get(reverse("privacy:result") + "?format=json").content)
    tables = data["tables"]
    assert [row["Start"] for row in tables["Anställningar"]] == ["2019-01-01", "2020-02-15"]
    assert "Sjukfrånvaroperioder" not in tables
    assert len(tables["Öppna pulsinbjudningar"]) == 1
    assert len(tables["Inbjudningar till avgångsenkäten"]) == 1
    assert any(
        said in data["anonymous_answers"]
        for said in ("kan inte kopplas", "cannot be found, shown or deleted")
    )
    assert data["case_reference"] == CASE
    pdf = client.get(reverse("privacy:result") + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="register_extract").count() == 2
    # Tagged, with its title, as every PDF Bemanna writes (WCAG through EN 301 549).
    info = pdf_info(pdf.content)
    assert info["Tagged"] == "yes" and info["Title"] == "Registerutdrag (GDPR art. 15)", info


def test_years_read_as_years_on_the_page_and_in_the_pdf(client, hr_admin, held):
    """Swedish grouping made the birth year 1981 read "1 981" (and an exit-survey
    invitation's year "2 026"); a year is written as it is."""
    _hr(client, hr_admin)
    _look_up(client)
    page = client.get(reverse("privacy:result")).content.decode()
    cells = [" ".join(cell.split()) for cell in re.findall(r"<td>(.*?)</td>", page, re.S)]
    assert "1981" in cells
    assert "2026" in cells  # the exit-survey invitation's year
    assert not any(re.fullmatch(r"\d\s\d{3}", cell) for cell in cells), cells
    data = json.loads(client.get(reverse("privacy:result") + "?format=json").content)
    assert data["tables"]["Person"][0]["Födelseår"] == 1981


def test_an_unknown_or_invalid_number_is_said_plainly(client, hr_admin, held):
    _hr(client, hr_admin)
    invalid = _look_up(client, "19811218-9875")
    assert "Kontrollsiffran stämmer inte" in invalid.content.decode()
    _look_up(client, "19121212-1212")
    page = client.get(reverse("privacy:result")).content.decode()
    assert 'id="nothing-found"' in page


def test_only_hr_admin_and_occupational_health_make_extracts(
    client, analyst, manager, council, held
):
    for name in ("analyst", "manager", "council"):
        client.login(username=name, password=PASSWORD)
        for url in ("privacy:lookup", "privacy:result", "privacy:retention"):
            assert client.get(reverse(url)).status_code == 403, (name, url)
        assert client.post(reverse("privacy:erase")).status_code == 403
    client.logout()
    assert client.get(reverse("privacy:lookup")).status_code == 302


def test_erasure_is_refused_while_employed_and_then_deletes_everything(client, hr_admin, held, org):
    _hr(client, hr_admin)
    _look_up(client)
    refused = client.post(
        reverse("privacy:erase"), {"reason": "Begäran DNR 1/2026", "confirm": "on"}, follow=True
    )
    assert "anställning som pågår" in refused.content.decode()
    assert Person.objects.filter(pk=held.pk).exists()
    # An anonymous answer from someone in the same wave stays whatever happens.
    Response.objects.create(wave=Invitation.objects.first().wave, unit=org["A"], enps=7)
    pseudonyms = extract.pseudonyms_of(PNR, today=TODAY)
    # She left on 10 July: refused until July's figures are final, on 1 September (erased
    # before, her leaving would be lost from July, shown then).
    with pytest.raises(extract.ErasureRefused, match="2026-09-01"):
        extract.erase(pseudonyms, actor=hr_admin, today=datetime.date(2026, 8, 31), reason="x")
    later = datetime.date(2026, 9, 1)
    counts = extract.erase(pseudonyms, actor=hr_admin, today=later, reason="Begäran DNR 1/2026")
    assert counts["persons"] == 1 and counts["employments"] == 2
    assert not Person.objects.filter(pk=held.pk).exists()
    assert not SickLeaveSpell.objects.exists()
    # A call stays without its spell (no person: the day and the two ticks), so the
    # months' counts shown do not move (test_erasure_keeps_what_was_shown).
    assert not EarlyContact.objects.filter(spell__isnull=False).exists()
    assert not ScheduledHours.objects.exists()
    assert not ExitInvitation.objects.exists()
    assert Employment.objects.count() == 1  # the other person's
    assert Response.objects.count() == 1
    entry = AuditEntry.objects.get(action="person_erased")
    assert entry.detail["reason"] == "Begäran DNR 1/2026" and entry.detail["persons"] == 1


def test_the_command_reads_the_number_from_stdin_and_writes_json(held, tmp_path, monkeypatch):
    out = tmp_path / "utdrag.json"
    monkeypatch.setattr("sys.stdin", io.StringIO(PNR + "\n"))
    stdout = io.StringIO()
    call_command("register_extract", "--case", CASE, "--out", str(out), stdout=stdout)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["tables"]["Anställningar"]) == 2
    assert "Sjukfrånvaroperioder" not in data["tables"]
    rows = sum(len(table) for table in data["tables"].values())
    assert stdout.getvalue() == f"Registerutdrag skrivet till {out}: {rows} rader.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(PNR + "\n"))
    printed = tmp_path / "utdrag.pdf"
    call_command("register_extract", "--case", CASE, "--out", str(printed), stdout=io.StringIO())
    assert pdf_info(printed.read_bytes())["Tagged"] == "yes"
    monkeypatch.setattr("sys.stdin", io.StringIO(PNR + "\n"))
    call_command("register_extract", "--case", CASE, "--part", "all", "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["tables"]["Sjukfrånvaroperioder"]) == 1 and data["parts"] == ["hr", "health"]
    logged = AuditEntry.objects.filter(action="register_extract").first()
    assert logged.detail["case_reference"] == CASE and logged.detail["parts"] == ["hr", "health"]
    with pytest.raises(CommandError, match="--case"):
        call_command("register_extract", "--out", str(out))
    monkeypatch.setattr("sys.stdin", io.StringIO("12345\n"))
    with pytest.raises(CommandError, match="Inget giltigt personnummer"):
        call_command("register_extract", "--case", CASE, "--out", str(out))
    with pytest.raises(CommandError, match="Mappen finns inte"):
        call_command("register_extract", "--case", CASE, "--out", str(tmp_path / "nej" / "x.json"))


def test_the_number_never_reaches_the_process_list():
    # The command takes no personnummer argument at all: only stdin.
    result = subprocess.run(
        [sys.executable, "manage.py", "register_extract", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    said = " ".join(result.stdout.split())  # the help speaks Swedish, wrapped to the terminal
    assert "läses från standard in" in said and "--personnummer" not in said
