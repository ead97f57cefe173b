import io

import pytest
from django.db import connection
from django.utils import translation

from bemanna.analysis.tests.badfiles import BAD
from bemanna.audit.models import AuditEntry
from bemanna.conftest import TODAY, extract_csv
from bemanna.org.models import Unit
from bemanna.workforce import issues, services
from bemanna.workforce.models import Employment, ImportBatch, Person, Profession

TABLES = (Unit, Profession, Person, Employment, ImportBatch)


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in TABLES}


def run(data: bytes, filename="hr.csv", **kwargs):
    return services.import_employments(io.BytesIO(data), filename=filename, today=TODAY, **kwargs)


@pytest.mark.parametrize("case", sorted(BAD))
def test_it_writes_nothing_when_the_file_is_bad(staffed, case):
    data, filename, expected = BAD[case]
    before = snapshot()
    with pytest.raises(services.ImportRefused) as refused:
        run(data, filename)
    assert [(i.row, i.column, i.code) for i in refused.value.issues] == expected
    for issue in refused.value.issues:
        with translation.override("sv"):
            swedish = issues.show(issue).message
        with translation.override("en"):
            english = issues.show(issue).message
        assert swedish != english, "every reason has its Swedish text"
        assert "{" not in swedish and "{" not in english
    assert snapshot() == before
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_REFUSED).count() == 1


def test_it_reports_employments_persons_and_units(org):
    report = run(extract_csv())
    assert (report.employments, report.persons, report.units) == (6, 5, 3)
    assert (report.created, report.updated) == (6, 0)
    assert Employment.objects.count() == 6
    assert Person.objects.count() == 5
    rates = sorted(float(r) for r in Employment.objects.values_list("rate", flat=True))
    assert rates == [0.0, 50.0, 50.0, 75.5, 100.0, 100.0]


def test_importing_the_same_file_twice_changes_nothing(staffed):
    before = snapshot()
    report = run(extract_csv())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert snapshot() == before


def test_a_later_extract_updates_an_ended_employment(staffed):
    rows = [
        r.replace("2015-03-01;;", "2015-03-01;2026-01-31;Egen begäran")
        for r in extract_csv().decode().splitlines()[1:]
    ]
    report = run(extract_csv(rows))
    assert (report.created, report.updated) == (0, 1)
    ended = Employment.objects.get(end__isnull=False, end_reason="own_request")
    assert ended.end.isoformat() == "2026-01-31"


def test_a_dry_run_writes_nothing(org):
    before = snapshot()
    report = run(extract_csv(), dry_run=True)
    assert report.created == 6 and report.dry_run
    assert snapshot() == before


def test_it_never_stores_a_personnummer(org):
    header = "Personnummer;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;Startdatum\n"
    data = (header + "19811218-9876;A;SSK;Tillsvidare;100;2015-03-01\n").encode()
    run(data)
    person = Person.objects.get()
    assert (person.birth_year, person.sex) == (1981, "M")
    with connection.cursor() as cursor:
        for model in (Person, Employment, AuditEntry, ImportBatch):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            dump = repr(cursor.fetchall())
            assert "9876" not in dump and "811218" not in dump


def test_units_can_be_renamed_and_moved_without_losing_history(staffed):
    data = "Enhetskod;Enhetsnamn;Överordnad;Nivå\nA;Avdelning A (ny);G;enhet\n".encode()
    report = services.import_units(io.BytesIO(data), filename="units.csv")
    assert report.updated == 1
    unit = Unit.objects.get(code="A")
    assert unit.name == "Avdelning A (ny)"
    assert unit.path.startswith(Unit.objects.get(code="G").path)
    assert unit.employments.count() == 2


def test_the_unit_tree_import_refuses_a_cycle_and_writes_nothing(org):
    before = snapshot()
    data = "Enhetskod;Enhetsnamn;Överordnad\nX;X;Y\nY;Y;X\n".encode()
    with pytest.raises(services.ImportRefused) as refused:
        services.import_units(io.BytesIO(data), filename="units.csv")
    assert {i.code for i in refused.value.issues} == {"unit_cycle"}
    assert snapshot() == before


def test_the_unit_tree_import_refuses_unknown_parents_and_managers(org):
    data = "Enhetskod;Enhetsnamn;Överordnad;Chef\nX;X;NOPE;nobody\n".encode()
    with pytest.raises(services.ImportRefused) as refused:
        services.import_units(io.BytesIO(data), filename="units.csv")
    assert [(i.row, i.column, i.code) for i in refused.value.issues] == [
        (2, "Chef", "unknown_manager"),
        (2, "Överordnad", "unknown_parent"),
    ]


def test_an_empty_chef_cell_removes_the_units_manager(manager, org):
    data = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\nF;Förvaltning F;R;förvaltning;\n".encode()
    report = services.import_units(io.BytesIO(data), filename="units.csv")
    assert report.updated == 1
    assert Unit.objects.get(code="F").manager is None


def test_a_file_without_the_chef_column_keeps_the_managers(manager, org):
    data = "Enhetskod;Enhetsnamn;Överordnad;Nivå\nF;Förvaltning F;R;förvaltning\n".encode()
    report = services.import_units(io.BytesIO(data), filename="units.csv")
    assert report.unchanged == 1
    assert Unit.objects.get(code="F").manager == manager


def test_the_unit_tree_import_refuses_a_chef_whose_role_is_not_manager(analyst, org):
    before = snapshot()
    data = "Enhetskod;Enhetsnamn;Överordnad;Chef\nA;Avdelning A;F;analyst\n".encode()
    with pytest.raises(services.ImportRefused) as refused:
        services.import_units(io.BytesIO(data), filename="units.csv")
    assert [(i.row, i.column, i.value, i.code) for i in refused.value.issues] == [
        (2, "Chef", "analyst", "not_a_manager"),
    ]
    with translation.override("en"):
        message = issues.show(refused.value.issues[0]).message
    assert "analyst" in message and "HR analyst" in message
    assert snapshot() == before
