import datetime
import io

import polars as pl
import pytest
import xlsxwriter
from polars.testing import assert_frame_equal

from bemanna.analysis import personnummer
from bemanna.analysis.extract import read_extract, unknown_reasons
from bemanna.analysis.tests.badfiles import BAD, GOOD, H, csv

KEY = b"test-key"
TODAY = datetime.date(2026, 6, 30)


def read(data: bytes, filename: str = "hr.csv", units=("A", "B")):
    return read_extract(
        io.BytesIO(data), filename=filename, pseudonym_key=KEY, known_units=units, today=TODAY
    )


@pytest.mark.parametrize("case", sorted(BAD))
def test_it_reports_each_bad_input_with_row_column_and_reason(case):
    data, filename, expected = BAD[case]
    result = read(data, filename)
    assert not result.ok and result.frame is None
    found = [(issue.row, issue.column, issue.code) for issue in result.issues]
    assert found == expected
    for issue in result.issues:
        assert issue.file == filename
        assert issue.message()  # every code has a readable reason


def test_it_never_echoes_a_personnummer_in_an_issue():
    data = csv(
        "19811218-9875;A;222101;SSK;Tillsvidare;100;2015-03-01;;\n",
        header="Personnummer;Enhet;AID;Befattning;Anställningsform;"
        "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n",
    )
    (issue,) = read(data).issues
    assert issue.value is None
    assert "9875" not in issue.message()


def test_it_reads_a_windows_1252_extract_with_decimal_comma():
    data = H + GOOD.replace(";100;", ";75,5;").replace("Sjuksköterska", "Barnmorska Åsa")
    result = read(data.encode("cp1252"))
    assert result.ok
    assert result.frame["rate"].to_list() == [75.5]
    assert result.frame["profession_name"].to_list() == ["Barnmorska Åsa"]


def test_it_reads_utf8_with_bom_and_comma_separator():
    data = "\ufeff" + (H + GOOD).replace(";", ",")
    result = read(data.encode("utf-8"))
    assert result.ok, [i.message() for i in result.issues]
    assert result.frame["unit_code"].to_list() == ["A"]


def test_it_accepts_english_headers():
    header = (
        "Employee number,Birth year,Sex,Unit,Profession code,Profession,Employment form,"
        "Employment rate,Start date,End date,End reason\n"
    )
    row = "7,1980,F,A,X1,Nurse,permanent,80,2019-02-01,2024-01-31,own request\n"
    result = read((header + row).encode())
    assert result.ok, [i.message() for i in result.issues]
    row_out = result.frame.row(0, named=True)
    assert (row_out["sex"], row_out["form"], row_out["end_reason"]) == (
        "K",
        "permanent",
        "own_request",
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Sjukersättning", "disability_pension"),
        ("aktivitetsersättning", "disability_pension"),
        ("Sjukpension", "disability_pension"),
        ("Pension", "retirement"),
        ("Ålderspension", "retirement"),
        ("", None),  # a blank reason is no reason: the engine counts it as "other"
    ],
)
def test_disability_pension_is_its_own_end_reason(text, reason):
    row = f"1001;1970;K;A;222101;Sjuksköterska;Tillsvidare;100;2015-03-01;2024-05-31;{text}\n"
    result = read(csv(row))
    assert result.ok, [i.message() for i in result.issues]
    assert result.frame["end_reason"].to_list() == [reason]


def test_an_end_reason_it_does_not_know_is_other_and_listed_with_its_rows():
    rows = [
        f"{n};1970;K;A;222101;Sjuksköterska;Tillsvidare;100;2015-03-01;2024-05-31;{reason}\n"
        for n, reason in [
            (1, "Annat jobb"),
            (2, "Egen begäran - annan arbetsgivare"),
            (3, "Egen begäran"),
            (4, "Annat jobb"),
            (5, ""),
            (6, "Övrigt"),
        ]
    ]
    result = read(csv(*rows))
    assert result.ok, [i.message() for i in result.issues]
    assert result.frame["end_reason"].to_list() == [
        "other",
        "other",
        "own_request",
        "other",
        None,  # no reason: the engine counts it as other, the import lists nothing
        "other",
    ]
    assert unknown_reasons(result.frame).rows() == [
        ("Annat jobb", 2),
        ("Egen begäran - annan arbetsgivare", 1),
    ]


def test_an_unknown_end_reasons_digits_are_never_kept():
    """A column mixed up in the HR system could put a personnummer where the reason goes: the
    list the import keeps (with its batch) masks every run of six digits or more."""
    rows = [
        f"{n};1970;K;A;222101;Sjuksköterska;Tillsvidare;100;2015-03-01;2024-05-31;{reason}\n"
        for n, reason in [
            (1, "19800101-1234"),
            (2, "Flytt 800101+1234"),
            (3, "Omorg. 2024 05 31"),
            (4, "Pension 65 år"),
        ]
    ]
    result = read(csv(*rows))
    assert result.ok, [i.message() for i in result.issues]
    assert result.frame["end_reason"].to_list() == ["other"] * 4
    listed = dict(unknown_reasons(result.frame).rows())
    assert listed == {"###": 1, "Flytt ###": 1, "Omorg. ###": 1, "Pension 65 år": 1}


def test_an_unknown_end_reason_without_an_end_date_is_still_an_error():
    rows = [
        GOOD.replace(";;\n", ";;Annat jobb\n"),
        GOOD.replace("1001", "1002").replace(";;\n", ";2024-13-01;Annat jobb\n"),
    ]
    found = [(i.row, i.column, i.code) for i in read(csv(*rows)).issues]
    assert found == [(3, "Slutdatum", "bad_date"), (2, "Avgångsorsak", "reason_without_end")]


def test_it_turns_a_personnummer_into_birth_year_sex_and_pseudonym_only():
    header = "Personnummer;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;Startdatum\n"
    result = read((header + "811218-9876;A;SSK;Tillsvidare;100;2015-03-01\n").encode())
    assert result.ok
    row = result.frame.row(0, named=True)
    assert (row["birth_year"], row["sex"]) == (1981, "M")
    assert row["person"] == personnummer.pseudonym(KEY, "pnr", "198112189876")
    assert "9876" not in str(result.frame.to_dicts())


def test_it_reads_xlsx_like_csv(tmp_path):
    path = tmp_path / "hr.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, H.strip().split(";"))
    values = GOOD.strip().split(";")
    sheet.write_row(1, 0, values[:7])
    sheet.write_number(1, 7, 100)
    sheet.write_datetime(
        1, 8, datetime.datetime(2015, 3, 1), workbook.add_format({"num_format": "yyyy-mm-dd"})
    )
    workbook.close()
    from_xlsx = read(path.read_bytes(), "hr.xlsx")
    from_csv = read(csv(GOOD))
    assert from_xlsx.ok, [i.message() for i in from_xlsx.issues]
    assert_frame_equal(from_xlsx.frame, from_csv.frame)


def test_it_lists_every_problem_not_just_the_first():
    rows = [
        GOOD.replace("2015-03-01", "bad"),
        GOOD.replace(";100;", ";300;").replace("1001", "2"),
        GOOD.replace(";A;", ";Q;").replace("1001", "3"),
    ]
    codes = [issue.code for issue in read(csv(*rows)).issues]
    assert codes == ["bad_date", "rate_range", "unknown_unit"]


def test_it_keys_an_employment_the_same_way_every_time():
    first = read(csv(GOOD)).frame
    second = read(csv(GOOD)).frame
    assert_frame_equal(first, second)
    assert first.schema["start"] == pl.Date
