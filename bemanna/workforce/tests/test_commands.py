import io

import pytest
from django.core.management import CommandError, call_command

from bemanna.analysis.tests.badfiles import BAD
from bemanna.conftest import extract_csv
from bemanna.workforce.models import Employment


def test_the_import_command_reports_what_it_imported(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv())
    out = io.StringIO()
    call_command("import_employments", str(path), stdout=out)
    assert "Importerat: 6 anställningar, 5 personer, 3 enheter" in out.getvalue()
    assert Employment.objects.count() == 6


def test_the_import_command_lists_the_problems_and_fails(org, tmp_path):
    data, name, _expected = BAD["bad date"]
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    with pytest.raises(CommandError, match="Inget importerades: 1 problem"):
        call_command("import_employments", str(path), stdout=out)
    assert "hr.csv, rad 2, kolumn Startdatum" in out.getvalue()
    assert "Inget datum; skriv det som ÅÅÅÅ-MM-DD." in out.getvalue()
    assert Employment.objects.count() == 0


def test_the_dry_run_writes_nothing(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv())
    out = io.StringIO()
    call_command("import_employments", str(path), "--dry-run", stdout=out)
    said = out.getvalue()
    assert said.lstrip().startswith("Provkörning: inget skrivet.")
    assert "Skriver" not in said
    assert "skulle ge: 6 anställningar" in said
    assert Employment.objects.count() == 0


def test_the_import_speaks_english_when_asked(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv())
    out = io.StringIO()
    call_command("import_employments", str(path), "--dry-run", "--language=en", stdout=out)
    said = out.getvalue()
    assert said.lstrip().startswith("Dry run: nothing written.")
    assert "would give: 6 employments" in said and "anställningar" not in said
    data, name, _expected = BAD["bad date"]
    bad = tmp_path / name
    bad.write_bytes(data)
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_employments", str(bad), "--language=en", stdout=out)
    assert "hr.csv, row 2, column Startdatum" in out.getvalue()


def test_the_import_command_lists_codes_without_an_skr_group(org, tmp_path):
    header = (
        "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Anställningsform;"
        "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
    )
    rows = [
        "1;1970;K;A;207010;Undersköterska;Tillsvidare;100;2015-03-01;;",
        "2;1980;K;A;999001;Astronaut;Tillsvidare;100;2015-03-01;;",
    ]
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv(rows, header=header))
    out = io.StringIO()
    call_command("import_employments", str(path), "--language=en", stdout=out)
    assert "No SKR profession group for 999001 Astronaut (1 row)." in out.getvalue()
    assert "207010" not in out.getvalue()


def test_without_a_terminal_the_import_prints_no_empty_lines(org, tmp_path):
    """A pipe or a log gets the result, not the empty lines of progress bars it cannot show."""
    path = tmp_path / "hr.csv"
    path.write_bytes(extract_csv())
    out = io.StringIO()
    call_command("import_employments", str(path), stdout=out)
    assert "" not in out.getvalue().splitlines()
    assert out.getvalue().splitlines()[0].startswith("Importerat: 6 anställningar")
