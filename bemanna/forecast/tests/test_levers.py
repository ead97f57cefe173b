"""The levers table: the form, the validation, the command line and the report labels all
derive from it, so a lever added to it shows up everywhere without a second range."""

import io
import json
from dataclasses import fields, make_dataclass
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bemanna.analysis.forecast import LeverError, Levers, levers
from bemanna.forecast import context, labels, reports
from bemanna.forecast.forms import LeverForm

# What a person sees in the form, written out by hand from the product's wording: the form
# shows shares and relative changes as per cent, everything else as stored.
FORM_BOUNDS = {
    "part_time_share": (0, 100),
    "part_time_target": (50, 100),
    "retirement_shift": (-3, 5),
    "productivity": (-5, 5),
    "productivity_group_value": (-5, 5),
    "sick_leave_pp": (-10, 10),
    "turnover_change": (-90, 100),
    "recruitment_change": (-100, 200),
    "hired_replaced": (0, 100),
    "grant_per_year": (0, 10_000),
    "education_students": (0, 10_000),
    "education_completion": (0, 100),
    "education_hired": (0, 100),
    "shift_share": (0, 20),
}


def test_the_form_shows_each_lever_in_its_units_with_one_range():
    form = LeverForm(groups=["A"])
    numbers = {
        name: (field.min_value, field.max_value)
        for name, field in form.fields.items()
        if hasattr(field, "min_value")
    }
    assert numbers == FORM_BOUNDS
    assert form.fields["part_time_target"].initial == 90
    assert form.fields["education_completion"].initial == 80


@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        ("turnover_change", -0.9, -0.91),
        ("recruitment_change", 2.0, 2.01),
        ("part_time_share", 1.0, 1.01),
        ("hired_replaced", 0.0, -0.01),
    ],
)
def test_the_engine_takes_the_same_range_as_a_share(name, inside, outside):
    Levers(**{name: inside}).validate()
    with pytest.raises(LeverError) as error:
        Levers(**{name: outside}).validate()
    assert error.value.parameter == name


def test_a_part_of_a_list_lever_is_checked_against_its_row():
    with pytest.raises(LeverError) as error:
        Levers.from_dict(
            {"task_shifts": [{"from_group": "A", "to_group": "B", "share_per_year": 0.3}]}
        )
    assert error.value.parameter == "task_shifts.share_per_year" and "0.2" in error.value.message
    form = LeverForm({"shift_share": "20", "shift_from": "A", "shift_to": "B"}, groups=["A", "B"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["levers"].task_shifts[0].share_per_year == pytest.approx(0.2)


def test_the_form_round_trips_the_stored_levers():
    stored = Levers(turnover_change=-0.2, part_time_share=0.35, productivity=0.5)
    form = LeverForm(LeverForm.initial_from(stored), groups=["A"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["levers"] == stored


def test_the_form_takes_and_shows_a_decimal_comma():
    with translation.override("sv"):
        form = LeverForm({"part_time_share": "35,5", "productivity": "-1,25"}, groups=["A"])
        assert form.is_valid(), form.errors
        # A share is shown as per cent and stored as 0–1; productivity is stored as shown.
        assert form.cleaned_data["levers"].part_time_share == pytest.approx(0.355)
        assert form.cleaned_data["levers"].productivity == pytest.approx(-1.25)
        shown = str(LeverForm(initial={"part_time_share": 35.5}, groups=["A"])["part_time_share"])
    assert 'value="35,5"' in shown and 'inputmode="decimal"' in shown


def test_the_command_line_names_a_lever_out_of_range(tmp_path):
    chosen = tmp_path / "levers.json"
    chosen.write_text(json.dumps({"turnover_change": -2}))
    extract = tmp_path / "anstallningar.csv"
    extract.write_text("Anst.nr;Personnummer\n")  # there, but never read: levers come first
    with pytest.raises(CommandError) as error:
        call_command(
            "forecast",
            extract=str(extract),
            levers=str(chosen),
            out=str(tmp_path / "r.html"),
        )
    assert str(error.value) == (
        "turnover_change (Förändrad personalomsättning (%)): måste vara mellan -0.9 och 1 (fick -2)"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            {"education": [{"group": "Läkare", "students": 4, "hired": 0.5}]},
            "education (Utbildning): okänt fält hired; varje post har group, students, "
            "completion, share_hired",
        ),
        (
            {"study_grants": [{"from_group": "Läkare", "per_year": 2}]},
            "study_grants (Studielön (specialistutbildning)): fältet to_group saknas; varje post "
            "har from_group, to_group, per_year",
        ),
        ({"retirment_shift": 1}, "retirment_shift: okänd spak"),
        ({"retirement_shift": "2"}, "retirement_shift (Senare pension (år)): måste vara"),
    ],
)
def test_the_command_line_names_a_wrong_lever_and_field_in_swedish(tmp_path, given, said):
    (tmp_path / "x.csv").write_text("Anst.nr;Personnummer\n")  # levers are read first
    chosen = tmp_path / "levers.json"
    chosen.write_text(json.dumps(given))
    with pytest.raises(CommandError) as error:
        call_command("forecast", extract=str(tmp_path / "x.csv"), levers=str(chosen), out="r.html")
    assert str(error.value).startswith(said)
    assert "__init__" not in str(error.value) and "must" not in str(error.value)


def test_the_command_line_says_where_the_json_is_wrong(tmp_path):
    (tmp_path / "x.csv").write_text("Anst.nr;Personnummer\n")
    chosen = tmp_path / "levers.json"
    chosen.write_text('{"retirement_shift": }')
    with pytest.raises(CommandError) as error:
        call_command("forecast", extract=str(tmp_path / "x.csv"), levers=str(chosen), out="r.html")
    assert "(rad 1, kolumn 22)" in str(error.value) and "Expecting" not in str(error.value)


def test_the_command_line_lists_every_lever_in_json_units():
    out = io.StringIO()
    with translation.override("sv"):
        call_command("forecast", list_levers=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == ["spak", "benämning", "enhet", "intervall", "standard"]
    rows = {line.split("\t")[0]: line.split("\t") for line in lines if "\t" in line}
    assert rows["turnover_change"][1:] == [
        "Förändrad personalomsättning (%)",
        "förändring (−0.1 = 10 procent mindre)",
        "-0.9–1",
        "0",
    ]
    assert rows["retirement_shift"][2] == "år"
    # Every key a --levers file takes, and each listed JSON form is accepted as it stands.
    assert set(rows) - {"spak"} == {f.name for f in fields(Levers)}
    for name in ("productivity_by_group", "part_time_by_group", "study_grants", "education"):
        example = json.loads(rows[name][-1])
        assert set(example) == {name}
        assert Levers.from_dict(example) != Levers()
    assert rows["education"][2] == "students 0–10000, completion 0–1, share_hired 0–1"
    assert (
        Levers.from_dict(json.loads(rows["task_shifts"][-1])).task_shifts[0].share_per_year == 0.02
    )


NIGHT = levers.Lever(
    "night_shifts",
    "Fewer night shifts (%)",
    levers.LeverUnit.SHARE,
    0.0,
    0.3,
    step=1,
    help="Share of night shifts moved to the day.",
    effect="Fewer night shifts",
)
# The engine's side of a new lever: a field on Levers (a subclass stands in for the edit).
NightLevers = make_dataclass(
    "NightLevers", [("night_shifts", float, 0.0)], bases=(Levers,), frozen=True
)


@pytest.fixture
def night(monkeypatch):
    monkeypatch.setitem(levers.LEVERS, "night_shifts", NIGHT)
    with translation.override("en"):
        yield


def test_a_lever_added_to_the_table_is_in_the_form_the_validation_and_the_reports(night):
    form = LeverForm(groups=["A"], levers_class=NightLevers)
    field = form.fields["night_shifts"]
    assert (field.label, field.help_text) == (
        "Fewer night shifts (%)",
        "Share of night shifts moved to the day.",
    )
    assert (field.min_value, field.max_value) == (0, 30)
    assert list(form.fields)[-1] == "night_shifts"  # after the table's other rows

    refused = LeverForm({"night_shifts": "31"}, levers_class=NightLevers)
    assert not refused.is_valid() and "night_shifts" in refused.errors
    taken = LeverForm({"night_shifts": "25"}, levers_class=NightLevers)
    assert taken.is_valid(), taken.errors
    chosen = taken.cleaned_data["levers"]
    assert chosen.night_shifts == pytest.approx(0.25)
    with pytest.raises(LeverError, match="night_shifts: must be between 0 and 0.3"):
        NightLevers.from_dict({"night_shifts": 0.5})
    assert LeverForm.initial_from(chosen)["night_shifts"] == 25

    assert chosen.active() == ["night_shifts"]
    assert chosen.single("night_shifts") == chosen
    assert list(labels.LEVERS).index("night_shifts") == len(labels.LEVERS) - 3
    result = SimpleNamespace(
        levers=chosen,
        waterfall=pl.DataFrame(
            {
                "step": ["baseline", "night_shifts", "scenario"],
                "effect": [100.0, -20.0, 80.0],
                "p10": [90.0, -25.0, 70.0],
                "p90": [110.0, -15.0, 90.0],
            }
        ),
    )
    assert reports._lever_lines(result) == ["Fewer night shifts"]
    assert [row["label"] for row in context.waterfall_rows(result)] == [
        "Baseline",
        "Fewer night shifts",
        "Scenario",
    ]


def test_without_the_row_the_fake_lever_is_nowhere():
    assert "night_shifts" not in LeverForm().fields and "night_shifts" not in labels.LEVERS


def test_the_readme_s_levers_file_is_accepted_and_names_every_lever_of_items():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    shown = readme[readme.index("`levers.json` holds") :]
    example = json.loads(shown[shown.index("```json") + 7 : shown.index("```\n", 10)])
    chosen = Levers.from_dict(example)
    assert chosen.education[0].students == 40 and chosen.task_shifts[0].share_per_year == 0.02
    assert {"study_grants", "education", "task_shifts", "part_time_by_group"} <= set(example)
