"""A region's first forecast on its own data (issue 18): --levers on the database path says
what it cannot apply, as with --extract, and without a population projection the output, the
report and the scenario page say that demand stays as on the base date."""

import html
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.forecast import services
from bemanna.forecast.models import Scenario

NO_GROUP = "there is no profession group “Barnmorskor”, so it is not applied."
NO_PROJECTION = "Population projection: none imported"


def test_a_lever_for_a_missing_group_is_noted_on_the_database_path(region_of_ten, tmp_path):
    services.ensure_baseline()  # after the import's commit, which a test does not reach
    levers = tmp_path / "levers.json"
    levers.write_text(json.dumps({"productivity_by_group": {"Barnmorskor": 0.5}}))
    out, report = tmp_path / "out.txt", tmp_path / "r.html"
    with translation.override("en"), out.open("w") as stdout:
        call_command(
            "forecast",
            scenario="Nuläge",
            levers=str(levers),
            draws=20,
            out=str(report),
            language="en",
            stdout=stdout,
        )
    said = " ".join(out.read_text().split())
    # A readable range with real minus signs: "P10–P90 −12 to 29", not "-12–29".
    import re

    assert re.search(r"P10–P90 −?[\d,]+ to −?[\d,]+\)", said), said
    assert not re.search(r"-\d", said.split("Wrote")[0])
    assert NO_GROUP in said
    assert NO_PROJECTION in said
    html = " ".join(report.read_text().split())
    assert NO_GROUP in html and NO_PROJECTION in html
    # The scenario itself is not changed by --levers.
    assert "Barnmorskor" not in json.dumps(Scenario.objects.get(name="Nuläge").levers)


def test_the_scenario_page_does_not_claim_demand_follows_a_population(client, staffed, hr_admin):
    scenario = services.ensure_baseline()
    assert scenario.projection is None
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = " ".join(page.content.decode().split())
    # In Swedish (the page's language), or in English until `make messages` compiles it.
    assert "Demand follows the county population" not in text
    assert "Efterfrågan följer länets befolkning" not in text
    assert (
        "No population projection is chosen for this scenario" in text
        or "Ingen befolkningsprognos är vald för scenariot" in text
    )


def test_forecast_on_an_empty_database_points_to_the_import(db, tmp_path):
    import pytest
    from django.core.management import CommandError

    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("forecast", scenario="Nuläge", out=str(tmp_path / "r.html"), language="en")
    assert "bemanna import employments" in str(error.value)


def test_the_scenario_list_writes_the_horizon_as_a_year(client, staffed, hr_admin):
    scenario = services.ensure_baseline()
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("forecast:scenarios"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f"<td>{scenario.horizon}</td>" in page
    assert f"{scenario.horizon // 1000}\xa0{scenario.horizon % 1000:03d}" not in page


def test_a_bad_extract_is_refused_in_the_commands_language(tmp_path):
    import pytest
    from django.core.management import CommandError

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;"
        "Startdatum;Slutdatum\n1;1980;K;A;SSK;Tillsvidare;hundra;2015-01-01;\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    with out.open("w") as stdout, pytest.raises(CommandError) as error:
        call_command(
            "forecast", extract=str(bad), out=str(tmp_path / "r.html"), language="sv", stdout=stdout
        )
    said = out.read_text()
    assert "Inget tal." in said and "rad 2" in said
    assert "the extract has problems" not in str(error.value) + said
    assert "Not a number" not in said


def _with_population(tmp_path, name: str, text: str, language: str):
    """`bemanna forecast --extract` of one nurse with the population file `name` holding
    `text`: what it said, and the refusal."""
    from django.core.management import CommandError

    extract = tmp_path / "hr.csv"
    extract.write_text(
        "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;"
        "Startdatum;Slutdatum\n1;1980;K;A;SSK;Tillsvidare;100;2015-01-01;\n",
        encoding="utf-8",
    )
    population = tmp_path / name
    population.write_text(text, encoding="utf-8")
    said = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "forecast",
            extract=str(extract),
            population=str(population),
            out=str(tmp_path / "r.html"),
            language=language,
            stdout=said,
        )
    return said.getvalue(), str(error.value)


def test_a_bad_population_file_is_refused_in_the_commands_language(tmp_path, monkeypatch):
    from bemanna.workforce import issues

    monkeypatch.setattr(issues, "gettext", lambda text: f"«{text}»")
    text = "År;Åldersgrupp;Antal\n2025;0–19;många\n"
    said, error = _with_population(tmp_path, "pop.csv", text, "en")
    # One line per problem, as an import's: file, row, column, value, and the reason looked
    # up in the catalogue; the refusal names the file it is about.
    assert "pop.csv, row 2, column Antal, value 'många': «Not a number.»" in said
    assert error == "No forecast: the population projection has 1 problem."


def test_an_unknown_column_of_the_population_file_is_named(tmp_path):
    """Issue 18: each unknown column said "Okänd kolumn" without saying which."""
    said, error = _with_population(
        tmp_path, "lan.csv", "År;Region;Kommun;Antal\n2025;Demo;Demo;100\n", "sv"
    )
    lines = said.splitlines()
    known = "Okänd kolumn. Kända kolumner: År, Åldersgrupp, Antal."
    assert f"lan.csv, rad 1, kolumn Region: {known}" in lines
    assert f"lan.csv, rad 1, kolumn Kommun: {known}" in lines
    assert "lan.csv, rad 1, kolumn Åldersgrupp: En obligatorisk kolumn saknas." in lines
    assert error == "Ingen prognos: befolkningsprognosen har 3 problem."


def test_the_board_report_names_the_missing_projection(client, region_of_ten, hr_admin):
    services.ensure_baseline()
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("keyfigures:report"), {"year": 2025})
    text = html.unescape(" ".join(page.content.decode().split()))
    assert page.status_code == 200
    with translation.override("sv"):
        note = translation.gettext(
            "Population projection: none imported — demand is held at the base date's level "
            "(import the county's on the Population projections page and make a scenario with it)."
        )
    assert f'<p class="help forecast-note">{note}</p>' in text


def _sv() -> dict[str, str]:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("sv", root / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SV


@pytest.mark.parametrize(
    ("option", "value", "msgid", "said"),
    [
        (
            "horizon",
            2020,
            "horizon must be 1–40 years after %(year)s (got %(horizon)s)",
            "horizon must be 1–40 years after {year} (got 2020)",
        ),
        ("draws", -5, "draws must be 1–100000 (got %(draws)s)", "draws must be 1–100000 (got -5)"),
        ("draws", 0, "draws must be 1–100000 (got %(draws)s)", "draws must be 1–100000 (got 0)"),
    ],
)
def test_a_horizon_or_draws_out_of_range_is_refused_in_the_users_language(
    region_of_ten, tmp_path, monkeypatch, option, value, msgid, said
):
    from django.core.management import CommandError

    scenario = services.ensure_baseline()
    report = tmp_path / "r.html"
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command(
            "forecast", scenario="Nuläge", out=str(report), language="en", **{option: value}
        )
    assert str(error.value) == said.format(year=scenario.base_date.year)
    assert not report.exists()
    import re

    swedish = _sv()[msgid]
    assert swedish != msgid and "måste vara" in swedish
    assert re.findall(r"%\(\w+\)s", swedish) == re.findall(r"%\(\w+\)s", msgid)
    # Said through gettext: with the Swedish catalogue (not rebuilt here) it reads Swedish.
    monkeypatch.setattr(services, "_", lambda text: _sv().get(text, text))
    with pytest.raises(CommandError) as error:
        call_command("forecast", scenario="Nuläge", out=str(report), **{option: value})
    assert str(error.value) == swedish % {
        "year": scenario.base_date.year,
        "horizon": value,
        "draws": value,
    }


def test_forecast_without_out_says_it_is_missing(db):
    from django.core.management import CommandError

    msgid = "--out is missing: report.xlsx, report.html or report.pdf"
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("forecast", scenario="Nuläge", language="en")
    assert str(error.value) == msgid
    assert "--out saknas" in _sv()[msgid]


@pytest.mark.parametrize(
    ("need", "said"), [(1.2, "need 1 person/year"), (2.0, "need 2 persons/year")]
)
def test_the_recruitment_need_is_singular_or_plural(
    region_of_ten, tmp_path, monkeypatch, need, said
):
    from bemanna.forecast import context

    services.ensure_baseline()
    summary = context.summary
    monkeypatch.setattr(
        context, "summary", lambda result: {**summary(result), "need_per_year": need}
    )
    out = tmp_path / "out.txt"
    with translation.override("en"), out.open("w") as stdout:
        call_command(
            "forecast",
            scenario="Nuläge",
            draws=20,
            out=str(tmp_path / "r.html"),
            language="en",
            stdout=stdout,
        )
    assert said in " ".join(out.read_text().split())
    singular = (
        "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s to %(p90)s); "
        "recruitment need %(need)s person/year. Wrote %(out)s."
    )
    one, many = _plurals()[singular]
    assert "%(need)s person/år" in one and "%(need)s personer/år" in many


def _plurals() -> dict[str, tuple[str, str]]:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("sv", root / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PLURALS
