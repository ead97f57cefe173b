"""Benchmarks (issue 14, item 8): Kolada's published key figures beside the region's, and
the region's HME in the form it is reported. Expected figures are worked out by hand."""

import csv
import datetime
import io
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bemanna.analysis.enps import HME_KEYS
from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import benchmarks, board, summary
from bemanna.keyfigures.figures import KOLADA
from bemanna.keyfigures.models import Benchmark
from bemanna.org.models import Level, Unit
from bemanna.pulse import services as pulse_services
from bemanna.pulse.models import Pulse, Purpose
from bemanna.pulse.tests.helpers import add_staff, answer
from bemanna.tests.test_cli import swedish as _swedish
from bemanna.tests.xlsx import Workbook
from bemanna.workforce import importers
from bemanna.workforce.models import ImportBatch
from bemanna.workforce.services import ImportRefused

HEADER = "kpi,municipality_id,municipality,period,gender,value\n"
SICK, LONG, HME = KOLADA["sick_leave"], KOLADA["long_share"], KOLADA["hme"]
# Four regions' figure 1 (per cent) and the country's: the median of 5,0; 6,0; 7,5; 9,0 is
# the mean of the middle two, (6,0 + 7,5) / 2 = 6,75 %.
FILE = HEADER + (
    f'{SICK},0000,Riket,2025,T,"6,1"\n'
    f"{SICK},0001,Region Stockholm,2025,T,9.0\n"
    f"{SICK},0003,Region Uppsala,2025,T,5.0\n"
    f"{SICK},0012,Region Skåne,2025,T,7.5\n"
    f"{SICK},0014,Västra Götalandsregionen,2025,T,6.0\n"
    f"{SICK},0003,Region Uppsala,2025,K,6.5\n"
    # No value published: read, skipped.
    f"{LONG},0001,Region Stockholm,2025,T,\n"
    # A gender no figure uses (figure 2 is only total): read, skipped.
    f"{LONG},0003,Region Uppsala,2025,K,44.0\n"
    f"{HME},0000,Riket,2025,T,79\n"
    f"{HME},0001,Region Stockholm,2025,T,81\n"
    f"{HME},0003,Region Uppsala,2025,T,77\n"
)


def _import(text, name="kolada.csv", **options):
    return benchmarks.import_benchmarks(io.BytesIO(text.encode()), filename=name, **options)


def test_the_import_keeps_values_scaled_and_skips_empty_and_unused_rows(db):
    report = _import(FILE)
    assert (report.rows, report.created, report.extra["skipped"]) == (11, 9, 2)
    stockholm = Benchmark.objects.get(kpi=SICK, area="0001", gender="T")
    assert stockholm.value == pytest.approx(0.09) and stockholm.year == 2025
    assert stockholm.area_name == "Region Stockholm"
    assert Benchmark.objects.get(kpi=SICK, area="0000").value == pytest.approx(0.061)
    assert Benchmark.objects.get(kpi=HME, area="0003").value == 77  # points, not scaled
    assert ImportBatch.objects.get().kind == ImportBatch.Kind.KOLADA


def test_a_second_file_replaces_the_same_rows(db):
    _import(FILE)
    report = _import(HEADER + f"{SICK},0001,Region Stockholm,2025,T,8.0\n", name="ny.csv")
    assert (report.created, report.updated) == (0, 1)
    assert Benchmark.objects.get(kpi=SICK, area="0001", gender="T").value == pytest.approx(0.08)
    assert Benchmark.objects.count() == 9


def test_a_file_with_errors_names_file_row_column_and_reason_and_writes_nothing(db):
    bad = HEADER + (
        f"{SICK},0000,Riket,2025,T,6.1\n"
        "X99999,0001,Region Stockholm,2025,T,5\n"
        f"{SICK},0180,Stockholm,2025,T,5\n"
        f"{SICK},0001,Region Stockholm,25,T,5\n"
        f"{SICK},0003,Region Uppsala,2025,Q,5\n"
        f"{SICK},0012,Region Skåne,2025,T,fem\n"
        f"{SICK},0000,Riket,2025,T,6.2\n"
    )
    with pytest.raises(ImportRefused) as refused:
        _import(bad, name="fel.csv")
    found = {(i.file, i.row, i.column, i.code) for i in refused.value.issues}
    assert found == {
        ("fel.csv", 3, "kpi", "unknown_kpi"),
        ("fel.csv", 4, "municipality_id", "bad_area"),
        ("fel.csv", 5, "period", "bad_period"),
        ("fel.csv", 6, "gender", "bad_gender"),
        ("fel.csv", 7, "value", "bad_value"),
        ("fel.csv", 8, None, "duplicate_benchmark"),
    }
    assert not Benchmark.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_REFUSED).exists()


def test_the_ids_are_koladas_region_series_not_the_municipal_ones(db):
    # Kolada's list of KPIs: "Sjukfrånvaro totalt, region, andel (%)" is N60030, and so on;
    # N00090-N00094 are the same figures for municipal employees, N00095/N00096 costs per
    # inhabitant. A region's file with the municipal ids is refused, naming the row.
    assert KOLADA == {
        "sick_leave": "N60030",
        "long_share": "N60031",
        "age_29_or_younger": "N60027",
        "age_30_49": "N60029",
        "age_50_or_older": "N60028",
        "turnover": "N60084",
        "hme": "U60200",
    }
    municipal = HEADER + "".join(
        f"{kpi},0001,Region Stockholm,2025,T,5\n"
        for kpi in ("N00090", "N00091", "N00094", "N00095", "N00096")
    )
    with pytest.raises(ImportRefused) as refused:
        _import(municipal)
    assert [(i.row, i.column, i.code) for i in refused.value.issues] == [
        (row, "kpi", "unknown_kpi") for row in range(2, 7)
    ]


def test_a_missing_column_is_named(db):
    with pytest.raises(ImportRefused) as refused:
        _import("kpi,municipality_id,period\nN60030,0000,2025\n")
    assert [(i.row, i.column, i.code) for i in refused.value.issues] == [
        (1, "value", "missing_column")
    ]


def test_the_country_and_the_median_region_by_hand(db):
    _import(FILE)
    found = benchmarks.national(2025)
    assert found["sick_leave"]["nation"] == pytest.approx(0.061)
    assert found["sick_leave"]["median"] == pytest.approx(0.0675)
    assert found["sick_leave"]["regions"] == 4
    # Women (figure 3): one region published, no country value.
    assert found["women"] == {"nation": None, "median": pytest.approx(0.065), "regions": 1}
    assert found["hme"]["median"] == 79  # (81 + 77) / 2
    assert "long_share" not in found  # nothing kept for it


def test_the_import_page_and_the_command_take_the_file(client, hr_admin, tmp_path):
    assert "kolada" in dict(importers.choices())
    client.login(username="hr_admin", password=PASSWORD)
    upload = io.BytesIO(FILE.encode())
    upload.name = "kolada.csv"
    response = client.post(reverse("workforce:import"), {"kind": "kolada", "file": upload})
    assert response.status_code == 302
    assert Benchmark.objects.count() == 9
    path = tmp_path / "kolada.csv"
    path.write_text(HEADER + f"{SICK},0001,Region Stockholm,2024,T,5.0\n")
    out = io.StringIO()
    call_command("import_kolada", str(path), stdout=out)
    assert "1 nya rader" in out.getvalue()
    assert Benchmark.objects.filter(year=2024).count() == 1


def test_the_dry_run_says_so_first_and_what_the_file_would_give(db, tmp_path):
    """As the HR extract's dry run: "Provkörning: inget skrivet." first, then what the file
    would give, in the user's language."""
    path = tmp_path / "kolada.csv"
    path.write_text(FILE)
    out = io.StringIO()
    call_command("import_kolada", str(path), "--dry-run", stdout=out)
    said = out.getvalue()
    assert said.lstrip().startswith("Provkörning: inget skrivet.")
    assert "Kontrollerat" not in said and "Checked" not in said
    out = io.StringIO()
    call_command("import_kolada", str(path), "--dry-run", "--language=en", stdout=out)
    lines = out.getvalue().strip().splitlines()
    # Nine rows kept; the two long-term share rows (no value; women's, unused) skipped.
    assert lines == [
        "Dry run: nothing written.",
        "The file is correct and would give: 9 new rows, 0 replaced, 2 without a value or "
        "with a sex that is not used.",
    ]
    msgid = (
        "The file is correct and would give: %(created)s new rows, %(updated)s replaced, "
        "%(skipped)s without a value or with a sex that is not used."
    )
    assert _swedish()[msgid].startswith("Filen är korrekt och skulle ge: %(created)s nya rader")
    assert Benchmark.objects.count() == 0


def test_the_sample_file_in_the_docs_imports(db):
    sample = Path(__file__).resolve().parents[3] / "docs" / "kolada-exempel.csv"
    report = _import(sample.read_text(), name=sample.name)
    assert report.created == 12 and report.extra["skipped"] == 2


def test_the_page_and_the_board_report_show_the_comparison(client, staffed, analyst):
    _import(FILE)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    table = page.split('id="benchmarks"')[2].split("</table>")[0]
    assert "6,1\u00a0%" in table and "6,8\u00a0%" in table  # 6,75 % to one decimal, half up
    assert "79" in table
    report = board.build(Unit.objects.get(code="R"), 2025, datetime.date(2026, 6, 30))
    html = board.html(report)
    assert 'id="benchmarks"' in html and "6,8\u00a0%" in html
    book = Workbook(board.xlsx(report))
    cells = [c for sheet in book.sheets for row in book.rows(sheet) for c in row]
    assert "0.068" in cells  # the median as shown (6,8 %), not the 6,75 % the page rounded


def test_kolada_turnover_beside_bemannas_carries_the_caveat(client, staffed, analyst):
    """Bemanna's turnover counts every monthly-paid leaver per average headcount, Kolada's
    N60084 permanent staff who left per permanent staff: beside it, the page says so."""
    _import(FILE)
    client.login(username="analyst", password=PASSWORD)
    url = reverse("keyfigures:page")

    def section_text() -> str:
        page = client.get(url, {"unit": "R", "year": 2025}).content.decode()
        return page.split('id="benchmarks"')[1].split("<table")[0]

    assert "N60084" not in section_text()  # no turnover published: nothing to caveat
    _import(HEADER + "N60084,0000,Riket,2025,T,9.8\n", name="omsattning.csv")
    text = section_text()
    assert "N60084" in text
    msgid = (
        "Turnover: Bemanna counts every monthly-paid person who left per average headcount, "
        "Kolada (%(kpi)s) permanent staff who left per permanent staff: read that row as an "
        "indication, not as the same figure."
    )
    assert "tillsvidareanställda" in _swedish()[msgid]
    with translation.override("en"):
        english = benchmarks.turnover_caveat()
    assert english in text or _swedish()[msgid] % {"kpi": "N60084"} in text
    report = board.build(Unit.objects.get(code="R"), 2025, datetime.date(2026, 6, 30))
    assert "N60084" in board.html(report)


def test_the_trend_chart_carries_the_country_and_the_median(db):
    _import(FILE)
    unit = Unit.objects.create(code="R", name="R", level=Level.REGION)

    class Data:  # the two things the chart reads of KeyFigures: 2025 shown, 5 % sick
        years = pl.DataFrame(
            {"unit": [unit.pk], "year": [2025], "hours": [1000.0], "sick": [50.0], "long": [0.0]}
        )

        def shown_units(self, year):
            return {unit.pk}

    with translation.override("en"):
        spec = summary._trend_spec(Data(), unit, None)
    points = {
        (p["series"], round(p["value"], 6))
        for layer in [spec, *spec.get("layer", [])]
        for p in layer.get("data", {}).get("values", [])
    }
    assert ("The country", 6.1) in points
    assert ("Median region", 6.8) in points  # 6.75, as the chart writes it (`lines_spec`)


def _hme_wave(region, year):
    """Twelve answers: eight answer motivation 5, leadership 4, governance 3 to every
    statement; four answer 4, 4, 2."""
    add_staff(region, 12)
    pulse = Pulse.objects.create(name="p", min_answers=5, min_answers_text=10)
    pulse.units.add(region)
    wave = pulse_services.open_wave(pulse, datetime.date(year, 3, 1))

    def items(motivation, leadership, governance):
        scores = {"motivation": motivation, "leadership": leadership, "governance": governance}
        return {key: scores[key.split("_")[1]] for key in HME_KEYS}

    answer(wave, [9] * 8, unit=region, items=items(5, 4, 3))
    answer(wave, [9] * 4, unit=region, items=items(4, 4, 2))
    pulse_services.close_wave(wave)


def test_the_hme_file_for_kolada_by_hand(client, analyst, settings):
    settings.KOLADA_AREA = "0003"
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    _hme_wave(region, 2025)
    client.login(username="analyst", password=PASSWORD)
    response = client.get(reverse("keyfigures:hme_kolada"), {"year": 2025})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "År",
        "Område-id",
        "Område",
        "Kön",
        "HME totalindex",
        "Motivation",
        "Ledning",
        "Styrning",
    ]
    # Motivation (8·100 + 4·75) / 12 = 91,7; leadership 75; governance (8·50 + 4·25) / 12
    # = 41,7; the total is the mean of each one's item mean: (8·75 + 4·58,33) / 12 = 69,4.
    assert rows[1:] == [["2025", "0003", "Region Test", "T", "69", "92", "75", "42"]]
    assert AuditEntry.objects.filter(scope="hme-kolada").exists()


def test_no_hme_row_for_too_few_answers(client, analyst):
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    add_staff(region, 4)
    pulse = Pulse.objects.create(name="p", min_answers=5, min_answers_text=10)
    pulse.units.add(region)
    wave = pulse_services.open_wave(pulse, datetime.date(2025, 3, 1))
    answer(wave, [9] * 4, unit=region, items=dict.fromkeys(HME_KEYS, 5))
    pulse_services.close_wave(wave)
    client.login(username="analyst", password=PASSWORD)
    text = client.get(reverse("keyfigures:hme_kolada"), {"year": 2025}).content.decode()
    assert len(text.strip().splitlines()) == 1  # the header only


def test_a_manager_gets_no_hme_file(client, manager):
    client.login(username="manager", password=PASSWORD)
    assert client.get(reverse("keyfigures:hme_kolada")).status_code == 403


# --- Review item M2: only the ambassadorship pulse, and for Kolada only one of everyone ---


def _later_wave(region, *, purpose="", groups=(), unit=None, score=0, item=1):
    """A second pulse over `unit` (the region) closing in June, after the March wave, every
    one of the twelve answering `score` and `item` to every HME statement."""
    pulse = Pulse.objects.create(
        name="later", purpose=purpose, profession_groups=list(groups), min_answers=5
    )
    pulse.units.add(unit or region)
    wave = pulse_services.open_wave(pulse, datetime.date(2025, 6, 1))
    answer(wave, [score] * 12, items=dict.fromkeys(HME_KEYS, item))
    pulse_services.close_wave(wave)
    return wave


def _hme_file(client) -> list[list[str]]:
    client.login(username="analyst", password=PASSWORD)
    text = client.get(reverse("keyfigures:hme_kolada"), {"year": 2025}).content
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))[1:]


def test_a_targeted_survey_closing_later_is_not_the_key_figures_enps(db):
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    _hme_wave(region, 2025)
    later = _later_wave(region, purpose=Purpose.PART_TIME)
    assert later.closes > datetime.date(2025, 3, 31)
    found = summary.ambassadorship(region, 2025)
    # The March wave: twelve 9s, all promoters: eNPS 100; HME 69 (worked out above).
    assert found["wave"].pulse.name == "p"
    assert (found["score"].value, round(found["hme"])) == (100, 69)


def test_the_kolada_file_skips_a_narrowed_wave_closing_later(client, analyst, settings):
    settings.KOLADA_AREA = "0003"
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    _hme_wave(region, 2025)
    _later_wave(region, groups=["Sjuksköterskor"])  # everyone here, but a narrowed pulse
    assert _hme_file(client) == [["2025", "0003", "Region Test", "T", "69", "92", "75", "42"]]


def test_the_kolada_file_says_when_no_wave_asked_the_whole_region(client, analyst):
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    clinic = Unit.objects.create(code="C", name="Clinic", parent=region)
    add_staff(clinic, 12)
    _later_wave(region, unit=clinic, score=9, item=5)  # one clinic's ambassadorship pulse
    assert summary.ambassadorship(region, 2025) is not None  # the page may still show it
    assert _hme_file(client) == [
        [
            "Ingen mätning som frågade alla i regionen avslutades 2025: det finns inget HME "
            "för hela regionen det året."
        ]
    ]
