"""Sick-leave and hours files keyed by Anst.nr after an HR extract that gave both the
personnummer and the Anst.nr (issue 18: all were refused as unknown people)."""

import datetime
import io

import pytest

from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.org.models import Level, Unit
from bemanna.tests.test_cli import swedish as _swedish
from bemanna.workforce import services as workforce
from bemanna.workforce.models import Person

TODAY = datetime.date(2026, 6, 30)
# Two rows of a new user's extract (valid check digits), with both identities.
EXTRACT = (
    "Personnummer;Anst.nr;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
    "19830402-2174;1001;PV02;;Medicinsk sekreterare;Administration;tillsvidare;100;"
    "2012-02-01;;\n"
    "19630119-8468;1002;PV03;;Distriktssköterska;Sjuksköterskor;visstid;90;2013-02-01;;\n"
)


@pytest.fixture
def both_keys(db):
    region = Unit.objects.create(code="RN", name="Region", level=Level.REGION)
    Unit.objects.create(code="PV02", name="Vårdcentralen Söder", parent=region)
    Unit.objects.create(code="PV03", name="Vårdcentralen Öster", parent=region)
    workforce.import_employments(io.BytesIO(EXTRACT.encode()), filename="hr.csv", today=TODAY)
    return region


def _import(kind, text):
    return services.import_health_file(
        kind, io.BytesIO(text.encode()), filename=f"{kind}.csv", today=TODAY
    )


def test_hours_by_employee_number_reach_the_same_people_as_by_personnummer(both_keys):
    report = _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;165\n1002;2025-01;160,5\n")
    assert report.created == 2
    _import("hours", "Personnummer;Månad;Timmar\n19830402-2174;2025-02;120,5\n")
    assert Person.objects.count() == 2
    months = {}
    for person, month, hours in ScheduledHours.objects.values_list("person", "month", "hours"):
        months.setdefault(person, {})[month.month] = float(hours)
    # 1001 and 19830402-2174 are one person: January by number, February by personnummer.
    assert sorted(months.values(), key=len) == [{1: 160.5}, {1: 165.0, 2: 120.5}]


def test_sick_leave_by_employee_number_is_accepted(both_keys):
    _import("sick_leave", "Anst.nr;Från;Till;Omfattning\n1002;2025-03-01;2025-03-10;100\n")
    assert SickLeaveSpell.objects.count() == 1


def test_an_unknown_employee_number_is_still_refused(both_keys):
    with pytest.raises(workforce.ImportRefused) as refused:
        _import("hours", "Anst.nr;Månad;Timmar\n9999;2025-01;165\n")
    assert [issue.code for issue in refused.value.issues] == ["unknown_person"]


def test_the_same_error_on_many_rows_is_a_few_lines_and_a_count(both_keys, tmp_path):
    from django.core.management import CommandError, call_command
    from django.utils import translation

    path = tmp_path / "timmar.csv"
    rows = "".join(f"{9000 + i};2025-01;165\n" for i in range(12))
    path.write_text("Anst.nr;Månad;Timmar\n" + rows, encoding="utf-8")
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="12 problems"):
        call_command("import_hours", str(path), stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "Nobody with this identity" in line]
    # The first five rows one by one, then one line for the other seven.
    assert len(lines) == 6
    assert "and 7 more rows with the same error" in lines[-1]


def test_the_import_history_counts_the_new_and_replaced_rows(both_keys):
    from bemanna.workforce.models import ImportBatch

    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;165\n1002;2025-01;160\n")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-01;150\n1001;2025-02;150\n")
    batches = ImportBatch.objects.filter(kind="hours").order_by("pk")
    # First two new rows; then one replaced (1001's January) and one new (February).
    assert [(b.created_count, b.updated_count) for b in batches] == [(2, 0), (1, 1)]


def test_a_file_naming_some_by_personnummer_and_some_by_number_is_refused(both_keys, tmp_path):
    """As the HR extract: a file with a Personnummer column names everyone by it. Row 3 gives
    only 1002's Anst.nr: the whole file is refused, naming file, row, column and reason."""
    from django.core.management import CommandError, call_command

    path = tmp_path / "timmar.csv"
    path.write_text(
        "Personnummer;Anst.nr;Månad;Timmar\n"
        "19830402-2174;1001;2025-01;165\n"
        ";1002;2025-01;160\n"
        ";;2025-01;150\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="Inget importerades: 2 problem"):
        call_command("import_hours", str(path), stdout=out)
    said = out.getvalue()
    assert "timmar.csv, rad 3, kolumn Anst.nr, värde '1002':" in said
    assert "timmar.csv, rad 4, kolumn Personnummer: Värde saknas." in said
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 2 problems"):
        call_command("import_hours", str(path), "--language=en", stdout=out)
    reason = (
        "This row names the person by Anst.nr only, but the file has a Personnummer column: "
        "then every row must give a Personnummer, as in the HR extract. Give it, or leave the "
        "column out and name everyone by Anst.nr."
    )
    assert f"timmar.csv, row 3, column Anst.nr, value '1002': {reason}" in out.getvalue()
    assert _swedish()[reason].startswith("Raden anger personen bara med Anst.nr")
    assert not ScheduledHours.objects.exists()  # all or nothing: row 2 was fine
    # A file named wholly by Anst.nr, or wholly by Personnummer, is taken as before.
    assert _import("hours", "Anst.nr;Månad;Timmar\n1002;2025-01;160\n").created == 1
