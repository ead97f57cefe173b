"""What the README says about the demo and the command line, checked against the product, so
that a number or a role cannot drift from what a new user finds."""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path

import polars as pl
from django.core.management import get_commands
from django.utils import translation

from bemanna import cli
from bemanna.accounts import access
from bemanna.accounts.models import SECOND_FACTOR_ROLES, Profile, Role
from bemanna.analysis import demo as engine
from bemanna.demo import DEMO_PASSWORD, DEMO_USERS
from bemanna.project.management.commands.demo import Command as DemoCommand

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def swedish() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("sv", ROOT / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SV


def default_employees() -> int:
    parser = DemoCommand().create_parser("bemanna", "demo")
    return parser.parse_args([]).employees


def test_the_demo_s_size_is_what_the_readme_says():
    found = re.search(
        r"\*\*Region Demo\*\* \(([\d,]+) employees, (\d+) enheter in a tree of (\d+) units", README
    )
    assert found, "the README no longer states the demo's size in the form this test reads"
    employees, enheter, units = (int(n.replace(",", "")) for n in found.groups())
    assert default_employees() == employees
    today = datetime.date(2026, 6, 30)
    region = engine.build_region(employees=employees, seed=1, today=today)
    staff = region.employments.filter(
        pl.col("Slutdatum").is_null() | (pl.col("Slutdatum") >= today.isoformat())
    )
    assert staff["Anst.nr"].n_unique() == employees
    assert region.units.filter(pl.col("Nivå") == "enhet").height == enheter
    assert region.units.height == units


def readme_accounts() -> list[tuple[str, str, str]]:
    table = README[README.index("| account | role | sees |") :].split("\n\n")[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", table, re.M)
    return [(name, role.strip(), sees.strip()) for name, role, sees in rows]


def test_the_demo_accounts_and_roles_are_the_readme_s(db):
    from django.contrib.auth import get_user_model

    sv = swedish()
    accounts = readme_accounts()
    assert [name for name, _role, _sees in accounts] == [name for name, _r, _u in DEMO_USERS]
    assert f"password `{DEMO_PASSWORD}`" in README
    roles = {name: role for name, role, _unit in DEMO_USERS}
    for name, label, sees in accounts:
        role = roles[name]
        with translation.override("en"):
            english = str(role.label)
        assert label == sv[english], name
        user = get_user_model().objects.create(username=name)
        Profile.objects.create(user=user, role=role)
        whole = "whole region" in sees or sees.startswith("everything")
        assert access.sees_whole_region(user) == whole, name
        assert access.can_import(user) == ("imports" in sees), name
        assert access.can_view_persons(user) == ("person-level employment rows" in sees), name
        assert access.works_early_intervention(user) == ("early-intervention" in sees), name
        assert access.administers_users(user) == ("users, roles" in sees), name
        everything = sees.startswith("everything")
        assert access.runs_the_plan(user) == ("action plan" in sees or everything), name
    second = re.search(r"^((?:`\w+`(?:, | and )?)+) give a second factor", README, re.M)
    named = re.findall(r"`(\w+)`", second.group(1))
    assert named == [name for name, role, _unit in DEMO_USERS if role in SECOND_FACTOR_ROLES]


def test_the_manager_s_unit_is_the_one_the_readme_names():
    (code,) = [unit for _name, role, unit in DEMO_USERS if role == Role.MANAGER]
    region = engine.build_region(employees=300, seed=1, today=datetime.date(2026, 6, 30))
    name = region.units.filter(pl.col("Enhetskod") == code)["Enhetsnamn"].item()
    (chef,) = [sees for account, _role, sees in readme_accounts() if account == "chef"]
    assert chef.startswith(name)


def test_every_command_the_readme_shows_exists_and_every_command_is_in_the_readme():
    real = set(get_commands())
    shown = set(re.findall(r"\bbemanna ([a-z_]+)", README))
    for word in shown:
        assert word == "import" or cli.translate([word])[0] in real, word
    for kind in re.findall(r"\bbemanna import ([a-z_]+)", README):
        assert ("import", kind) in cli.ALIASES, kind
    listed = {name.split()[0] for name, _text in cli.COMMANDS}
    assert listed - shown == set()


def test_the_hr_extract_s_date_format_and_sex_values_are_the_readme_s():
    # What a region's own extract must hold, as the importer reads it: dates YYYY-MM-DD
    # (ÅÅÅÅ-MM-DD in Swedish) and Kön K or M (issue 18).
    from bemanna.analysis import extract

    table = README[README.index("**HR extract**") :].split("\n\n")[1]
    dates = next(line for line in table.splitlines() if line.startswith("| Startdatum"))
    assert "ÅÅÅÅ-MM-DD" in dates and "YYYY-MM-DD" in extract.MESSAGES["bad_date"]
    sex = next(line for line in table.splitlines() if line.startswith("| Födelseår, Kön"))
    values = re.search(r"Kön is (\w) or (\w)\)", sex)
    assert values and set(values.groups()) == set(extract.SEXES)


def test_the_readme_s_demo_register_extract_finds_a_person_with_sick_leave():
    """The README takes the Anst.nr of the first row of the demo's sjukfranvaro.csv for the
    register extract: that person must be in the demo's extract (kept by retention) and have
    sick-leave spells, on whatever day the demo is built."""
    from bemanna.demo import within_retention

    assert "sed -n 2p var/demo/sjukfranvaro.csv | cut -d';' -f1" in README
    today = datetime.date.today()
    region = within_retention(
        engine.build_region(employees=default_employees(), seed=1, today=today), today
    )
    _hours, spells = engine.build_health_data(region.employments, today)
    first = spells.row(0, named=True)
    number = str(first["Anst.nr"])
    assert number in set(region.employments["Anst.nr"].cast(pl.String).to_list())
    assert spells.filter(pl.col("Anst.nr").cast(pl.String) == number).height >= 1
