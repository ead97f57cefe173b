import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from bemanna.conftest import extract_csv
from bemanna.org.models import Level, Unit
from bemanna.workforce import services
from bemanna.workforce.models import Employment, ImportBatch


def build(tmp_path, **options):
    out = io.StringIO()
    call_command(
        "demo",
        employees=300,
        seed=5,
        today=datetime.date(2026, 6, 30),
        directory=tmp_path,
        no_xlsx=True,
        stdout=out,
        **options,
    )
    return out.getvalue()


def test_it_builds_the_demo_region_through_the_importer(db, tmp_path):
    output = build(tmp_path)
    assert "Region Demo byggd" in output
    assert (tmp_path / "anstallningar.csv").exists() and (tmp_path / "enheter.csv").exists()
    assert Unit.objects.get(level=Level.REGION).name == "Region Demo"
    assert Unit.objects.filter(level=Level.UNIT).count() >= 20
    assert sorted(ImportBatch.objects.filter(is_demo=True).values_list("kind", flat=True)) == [
        "costs",
        "employments",
        "hours",
        "plans",
        "sick_leave",
        "units",
    ]
    assert Employment.objects.count() > 300
    assert authenticate(username="chef", password="demo").managed_units.get().code == "HS201"


def test_it_is_deterministic_by_seed(db, tmp_path):
    build(tmp_path / "one")
    first = (tmp_path / "one" / "anstallningar.csv").read_bytes()
    from bemanna.analysis.demo import build_region

    again = build_region(300, seed=5, today=datetime.date(2026, 6, 30))
    assert again.employments.height == first.decode("cp1252").count("\n") - 1


def test_it_leaves_an_existing_demo_alone(db, tmp_path):
    build(tmp_path)
    count = Employment.objects.count()
    assert "finns redan" in build(tmp_path)
    assert Employment.objects.count() == count


def test_it_refuses_a_database_with_real_data(org, tmp_path):
    services.import_employments(io.BytesIO(extract_csv()), filename="hr.csv")
    with pytest.raises(CommandError, match="inte är demodata"):
        build(tmp_path)
    assert not Unit.objects.filter(code="R", name="Region Demo").exists()
