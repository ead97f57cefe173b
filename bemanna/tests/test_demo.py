import datetime
import io

import polars as pl
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
    # Less the rows that ended before the retention cutoff (2015-11-30: the ten closed years
    # 2016–2025 whole, with the month before them); the demo's history begins after it.
    ended = again.employments["Slutdatum"].to_list()
    kept = sum(1 for end in ended if not end or end >= "2015-11-30")
    assert kept == again.employments.height == first.decode("cp1252").count("\n") - 1
    rows = [line.split(";") for line in first.decode("cp1252").splitlines()[1:]]
    assert sorted((r[0], r[9]) for r in rows) == sorted(
        again.employments.select("Anst.nr", "Startdatum").rows()
    )


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


def test_the_first_run_schedule_after_the_demo_deletes_nothing(db, tmp_path, settings):
    # Issue 18: the demo's import kept rows past retention, so its first run_schedule
    # deleted 148–290 employment rows (and emptied old comments, closed old invitations).
    import csv

    settings.RETAIN_EMPLOYMENT_YEARS = 10
    build(tmp_path)
    with (tmp_path / "anstallningar.csv").open(encoding="cp1252") as handle:
        ends = [row["Slutdatum"] for row in csv.DictReader(handle, delimiter=";")]
    assert ends and all(not end or end >= "2015-11-30" for end in ends)
    employments = Employment.objects.count()
    assert employments == len(ends)
    from bemanna.privacy import retention

    assert all(rule.pending(datetime.date(2026, 6, 30)).due == 0 for rule in retention.rules())
    out = io.StringIO()
    call_command("run_schedule", "--today=2026-06-30", stdout=out)
    said = out.getvalue()
    assert "deleted" not in said and "raderat" not in said, said
    assert "0 invitation(s) closed" in said or "0 inbjudningar stängda" in said, said
    assert Employment.objects.count() == employments


def test_a_hire_is_at_risk_of_leaving_from_the_start_day():
    # Issue 14: hires could not leave in the year they started, so a tenth of the person-years
    # had no exits and every fitted exit rate came out low. Counted in plain polars from the
    # extract: permanent staff of 29 or younger (13 % a year leave, none retire), exits
    # per person-year in the year of their start against the same in later years.
    from bemanna.analysis.demo import build_region

    today = datetime.date(2026, 6, 30)
    rows = build_region(4500, seed=1, today=today).employments.filter(
        pl.col("Anställningsform") == "Tillsvidare"
    )
    people = rows.select(
        pl.col("Födelseår").cast(pl.Int64).alias("born"),
        pl.col("Startdatum").str.to_date().alias("start"),
        pl.col("Slutdatum").str.to_date().alias("end"),
    )
    years = pl.DataFrame({"year": list(range(2017, 2026))})
    exposure = (
        people.join(years, how="cross")
        .with_columns(
            pl.max_horizontal("start", pl.date(pl.col("year"), 1, 1)).alias("from"),
            pl.min_horizontal(
                pl.col("end").fill_null(datetime.date(2100, 1, 1)),
                pl.date(pl.col("year") + 1, 1, 1),
            ).alias("to"),
        )
        .filter((pl.col("year") - pl.col("born") <= 29) & (pl.col("to") > pl.col("from")))
        .with_columns(
            ((pl.col("to") - pl.col("from")).dt.total_days() / 365.25).alias("years"),
            (pl.col("end").dt.year() == pl.col("year")).fill_null(False).alias("left"),
            (pl.col("start").dt.year() == pl.col("year")).alias("first_year"),
        )
        .group_by("first_year")
        .agg(pl.col("left").sum(), pl.col("years").sum())
    )
    rate = {r["first_year"]: r["left"] / r["years"] for r in exposure.iter_rows(named=True)}
    assert exposure.filter(pl.col("first_year"))["left"].item() > 50
    assert 0.08 < rate[False] < 0.16
    assert 0.75 < rate[True] / rate[False] < 1.33


def test_importing_the_demos_unit_file_again_keeps_every_manager(db, tmp_path):
    # The file's Chef column says who manages what as the database does: before, it named
    # the demo's two login managers only, and importing it again (a reorganisation tried on
    # the demo) removed the 28 managers occupational health calls.
    build(tmp_path)
    before = dict(Unit.objects.filter(manager__isnull=False).values_list("code", "manager_id"))
    assert len(before) > 2
    services.import_units(
        io.BytesIO((tmp_path / "enheter.csv").read_bytes()), filename="enheter.csv"
    )
    after = dict(Unit.objects.filter(manager__isnull=False).values_list("code", "manager_id"))
    assert after == before
