"""A new region's first hour: from an empty database, with only its own unit tree and HR
extract, to its first forecast and board report; and what the pages say before that."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bemanna.accounts.models import Role
from bemanna.conftest import PASSWORD, make_user
from bemanna.forecast.models import Scenario

TREE = (
    "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
    "RX;Region X;;region;\n"
    "FX;Förvaltning X;RX;förvaltning;\n"
    "AX;Avdelning A;FX;enhet;\n"
    "BX;Avdelning B;FX;enhet;\n"
)
HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
)
PROFESSIONS = (
    ("222101", "Sjuksköterska", "Sjuksköterskor"),
    ("532101", "Undersköterska", "Undersköterskor"),
    ("221101", "Specialistläkare", "Läkare"),
)


def extract() -> str:
    """Forty employments over two units, every seventh ended last year."""
    last_year = timezone.localdate().year - 1
    rows = []
    for i in range(40):
        code, title, group = PROFESSIONS[i % 3]
        unit = "AX" if i % 2 else "BX"
        start = f"{2005 + i % 15}-0{1 + i % 9}-01"
        end, reason = (f"{last_year}-06-30", "Egen begäran") if i % 7 == 6 else ("", "")
        rows.append(
            f"{1000 + i};{1960 + i % 38};{'KM'[i % 2]};{unit};{code};{title};{group};"
            f"Tillsvidare;100;{start};{end};{reason}"
        )
    return HEADER + "\n".join(rows) + "\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "enheter.csv").write_text(TREE, encoding="utf-8")
    (tmp_path / "anstallningar.csv").write_text(extract(), encoding="utf-8")
    return tmp_path


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_pages_of_an_empty_installation_say_what_to_import(client, db):
    make_user("hr", Role.HR_ADMIN, is_staff=True)
    client.login(username="hr", password=PASSWORD)
    import_page = reverse("workforce:import")
    for name in ("workforce:home", "forecast:history", "forecast:backtest", "keyfigures:page"):
        page = client.get(reverse(name))
        assert page.status_code == 200, name
        assert f'href="{import_page}"' in page.content.decode(), name
    scenarios = client.get(reverse("forecast:scenarios")).content.decode()
    assert "Nuläge" in scenarios and f'href="{import_page}"' in scenarios


def test_a_role_without_units_gets_bemanna_s_403_not_a_404(client, db):
    make_user("fhv", Role.OCCUPATIONAL_HEALTH)
    client.login(username="fhv", password=PASSWORD)
    page = client.get(reverse("forecast:history"))
    assert page.status_code == 403
    assert "error.html" in [t.name for t in page.templates]


def test_from_an_empty_database_to_the_first_forecast_and_board_report(db, files):
    run("import_units", str(files / "enheter.csv"))
    dry = run("import_employments", str(files / "anstallningar.csv"), "--dry-run")
    assert dry.lstrip().startswith("Provkörning: inget skrivet")
    assert not Scenario.objects.exists()  # a dry run writes nothing, not even the scenario
    run("import_employments", str(files / "anstallningar.csv"))
    baseline = Scenario.objects.get()
    assert (baseline.name, baseline.is_main, baseline.levers) == ("Nuläge", True, {})
    # Importing again (a changed file) makes no second baseline.
    (files / "anstallningar.csv").write_text(extract().replace(";100;", ";90;", 1))
    run("import_employments", str(files / "anstallningar.csv"))
    assert Scenario.objects.count() == 1

    said = run("forecast", "--scenario", "Nuläge", "--out", str(files / "prognos.xlsx"))
    assert "Nuläge, Region X" in said and (files / "prognos.xlsx").stat().st_size > 0

    year = timezone.localdate().year - 1
    run("report", "--period", str(year), "--out", str(files / "rapport.html"))
    html = (files / "rapport.html").read_text(encoding="utf-8")
    assert "Nuläge" in html
    # No sick leave, hours, costs or pulses imported: those figures are "–", never 0,0 %.
    # Turnover comes from the extract alone: nobody left the year before, a true 0,0 % (its
    # variants too).
    zero = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if re.search(r"\b0,0\s?%", r)]
    assert zero and all("/ genomsnittligt antal anställda" in r for r in zero)
    summary = html[html.index("Sammanfattning") :]
    row = summary[summary.index("Total sjukfrånvaro") :][:400]
    assert "–" in row


def test_the_demo_makes_its_own_scenarios_not_a_second_baseline(db, tmp_path):
    import datetime

    run_demo = io.StringIO()
    call_command(
        "demo",
        employees=300,
        seed=5,
        today=datetime.date(2026, 6, 30),
        directory=tmp_path,
        no_xlsx=True,
        no_pulse=True,
        stdout=run_demo,
    )
    assert Scenario.objects.filter(name="Nuläge").count() == 1


def test_the_import_page_makes_the_baseline_too(client, db, files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_user("hr", Role.HR_ADMIN, is_staff=True)
    client.login(username="hr", password=PASSWORD)
    url = reverse("workforce:import")
    for kind, name in (("units", "enheter.csv"), ("employments", "anstallningar.csv")):
        upload = SimpleUploadedFile(name, (files / name).read_bytes())
        assert client.post(url, {"kind": kind, "file": upload}).status_code == 302
    baseline = Scenario.objects.get()
    assert baseline.name == "Nuläge" and baseline.author.username == "hr"
    page = client.get(reverse("forecast:scenario", args=[baseline.pk]))
    assert page.status_code == 200
