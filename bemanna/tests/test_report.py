"""The report spec (bemanna/report.py): one declaration, drawn as HTML and as a workbook."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna import report
from bemanna.analysis import charts
from bemanna.tests.test_formula_injection import formulas
from bemanna.tests.xlsx import Workbook


def _lines() -> dict:
    points = [
        {"year": "2024", "series": "Sjukfrånvaro", "value": 6.25},
        {"year": "2025", "series": "Sjukfrånvaro", "value": 7.5},
        {"year": "2025", "series": "Långa", "value": 2.0},
    ]
    return charts.lines_spec(
        points,
        labels={"year": "År", "value": "%", "target": "Mål"},
        title="Trend",
        target=6.0,
        number_format=",.1f",  # as a chart of per cents writes them (6,25 is 6,3, half up)
    )


def _report() -> report.Report:
    table = report.Table(
        [
            report.Column("Mått"),
            report.Column("Värde", "percent", 1),
            report.Column("Antal", "int"),
            report.Column("Kostnad", "money"),
        ],
        [
            ["Sjukfrånvaro", 0.0625, 1234, 1_500_000],
            ['=HYPERLINK("http://x","a")', None, "5–9", None],
        ],
        html_id="t",
    )
    chart = report.Chart(
        _lines(),
        "Sjukfrånvaron per år.",
        report.series_table(
            _lines(), x="year", x_label="År", value=report.Column("", "percent", 1), scale=100
        ),
    )
    return report.Report(
        "Rapport",
        sections=[
            report.Section("Första", "En mening.", tables=[table], sheet="Blad"),
            report.Section("Andra", charts=[chart], sheet="Blad"),
        ],
    )


def test_a_column_writes_values_as_the_page_does():
    with translation.override("sv"):
        assert report.Column("", "percent", 1).text(0.18181) == "18,2\xa0%"
        assert report.Column("", "int").text(1234567) == "1\xa0234\xa0567"
        assert report.Column("", "money").text(50_000) == "50\xa0000\xa0kr"
        assert report.Column("", "decimal", 1).text(None) == "–"
        assert report.Column("", "int").text("≥ 50") == "≥ 50"  # a figure shown as text
        assert report.Number(0.05, "percent", 2).column.text(0.05) == "5,00\xa0%"
    with pytest.raises(ValueError, match="kind"):
        report.Column("x", "colour")
    with pytest.raises(ValueError, match="columns"):
        report.Table([report.Column("a")], [["a", "b"]])


def test_apart_finds_the_decimals_that_tell_a_value_from_its_target():
    # 2,007 % against 2,0 %: one decimal writes both as 2,0; two tell them apart.
    assert report.apart(0.02007, 0.02, kind="percent", decimals=1) == 2
    assert report.apart(0.05, 0.02, kind="percent", decimals=1) == 1
    assert report.apart(0.0200001, 0.02, kind="percent", decimals=1) == 4  # at most 3 more
    assert report.apart(12.4, 12.0, kind="int", decimals=0) == 1


def test_the_workbook_holds_the_values_the_strings_and_the_chart_with_its_data():
    content = report.xlsx(_report())
    book = Workbook(content)
    assert book.sheets == ["Blad"]
    rows = book.rows("Blad")
    assert rows[0][0] == "Första" and rows[1][0] == "En mening."
    assert rows[3] == ["Mått", "Värde", "Antal", "Kostnad"]
    # As the page shows it, 6,3 % (half up): the cell holds no more precision than that.
    assert rows[4] == ["Sjukfrånvaro", "0.063", "1234", "1500000"]
    # Typed text stays text: no formula anywhere in the package.
    assert rows[5] == ['=HYPERLINK("http://x","a")', None, "5–9", None]
    assert formulas(content) == []
    # The second section below the first on the same sheet: its chart as a picture, and its
    # text alternative as title, sentence and the data pivoted by series (shares, not %).
    first = [row[0] for row in rows]
    start = first.index("Andra")
    assert any(cell and cell.endswith("Trend") for cell in first[start:])
    assert "Sjukfrånvaron per år." in first
    header = first.index("År")
    assert rows[header][:3] == ["År", "Sjukfrånvaro", "Långa"]
    assert rows[header + 1][:3] == ["2024", "0.063", None]  # as its table shows it
    assert rows[header + 2][:3] == ["2025", "0.075", "0.02"]
    assert len(book.pictures("Blad")) == 1


def test_a_data_sheet_starts_in_a1_and_an_exact_column_keeps_six_decimals():
    # A section without a heading is a data sheet: its header in row 1. An exact column
    # keeps six decimals (the forecast's steps must add up); its format rounds. Not the
    # float's last digits: 0.1 + 0.2 is 0.30000000000000004, the noise of the order it was
    # added up in.
    steps = report.Table(
        [report.Column("Steg"), report.Column("Effekt", "decimal", 1, exact=True)],
        [
            ["a", 1.26],
            ["b", 2.13],
            ["Summa", 3.39],
            ["Rundad", report.Number(1.26, "decimal", 1)],
            ["Brus", 0.1 + 0.2],
        ],
    )
    book = Workbook(
        report.xlsx(report.Report("R", sections=[report.Section("", tables=[steps], sheet="Data")]))
    )
    assert book.rows("Data") == [
        ["Steg", "Effekt"],
        ["a", "1.26"],
        ["b", "2.13"],
        ["Summa", "3.39"],
        ["Rundad", "1.3"],
        ["Brus", "0.3"],
    ]


def test_the_html_has_the_tables_and_each_chart_with_its_text_alternative():
    with translation.override("sv"):
        soup = BeautifulSoup(report.html(_report().sections), "html.parser")
    cells = [td.get_text(strip=True) for td in soup.select("table#t td")]
    assert cells[:4] == ["Sjukfrånvaro", "6,3\xa0%", "1\xa0234", "1\xa0500\xa0000\xa0kr"]
    assert cells[4] == '=HYPERLINK("http://x","a")'
    figure = soup.select_one("figure.chart")
    assert figure.select_one("svg") is not None
    assert "Trend" in figure.select_one("[role=img]")["aria-label"]
    assert figure.select_one("figcaption").get_text(strip=True) == "Sjukfrånvaron per år."
    data = [td.get_text(strip=True) for td in figure.select("table.chart-data td")]
    assert data[:3] == ["2024", "6,3\xa0%", "–"]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@|!'\"()ab1 ,.&"), min_size=1, max_size=30))
def test_any_typed_text_is_written_as_text(text):
    table = report.Table([report.Column("Text")], [[text], ["=" + text]])
    content = report.xlsx(report.Report("R", sections=[report.Section("S", tables=[table])]))
    assert formulas(content) == []


def _banded() -> report.Report:
    # A band of three parts (P10, P50, P90) and one of two; a table for the workbook only, a
    # sentence for the page only, and a section that is a data sheet in the workbook.
    band = report.Column("Gap", "int", parts=("Gap P10", "Gap P50", "Gap P90"))
    cost = report.Column("Kostnad", "money", parts=("Kr P10", "Kr P90"))
    table = report.Table(
        [report.Column("År"), band, cost],
        [[2025, (-12.4, 3.0, 20.6), (1500, 2500)], [2026, None, None]],
        html_id="b",
    )
    every = report.Table([report.Column("Rad")], [["a"], ["b"]], only=report.XLSX)
    return report.Report(
        "R",
        sections=[
            report.Section(
                "Per år",
                "Varje cell: P50 (P10–P90).",
                tables=[table, every],
                sheet="Data",
                data_sheet=True,
            ),
            report.Section("Metod", "Bara på sidan.", only=report.PAGE),
        ],
    )


def test_a_band_is_one_cell_on_the_page_and_a_column_per_part_in_the_workbook():
    with translation.override("sv"):
        soup = BeautifulSoup(report.html(_banded().sections), "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("table#b th")] == [
        "År",
        "Gap",
        "Kostnad",
    ]
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select("table#b tbody tr")]
    # The middle part first, the outer two in brackets; a minus sign, not a hyphen, and a
    # range with a negative bound in words ("−12 till 21"): "−12–21" reads as a subtraction.
    assert rows[0][0] == "2025" and rows[0][2] == "1\xa0500–2\xa0500\xa0kr"
    assert "\u221212–21" not in rows[0][1]
    with translation.override("en"):
        english = BeautifulSoup(report.html(_banded().sections), "html.parser")
    assert english.select("table#b tbody td")[1].get_text() == "3 (\u221212 to 21)"
    assert rows[1] == ["2026", "–", "–"]
    # What is only for the workbook is not on the page, and the page's sentence is.
    assert len(soup.select("table")) == 1
    assert "Bara på sidan." in soup.get_text() and "Metod" in soup.get_text()
    book = Workbook(report.xlsx(_banded()))
    assert book.sheets == ["Data"]
    # A data sheet: no heading, the header in row 1 with one column per part.
    assert book.rows("Data")[:3] == [
        ["År", "Gap P10", "Gap P50", "Gap P90", "Kr P10", "Kr P90"],
        ["2025", "-12", "3", "21", "1500", "2500"],
        ["2026", None, None, None, None, None],
    ]
    assert [row[0] for row in book.rows("Data")[4:]] == ["Rad", "a", "b"]
    assert "Bara på sidan." not in str(book.rows("Data"))
    with pytest.raises(ValueError, match="parts"):
        report.Column("x", "int", parts=("only one",))


def test_a_printed_report_gathers_the_charts_data_at_its_end():
    sections = _report().sections
    soup = BeautifulSoup(
        report.html(sections, data_heading="Diagrammens data", data_id="data"), "html.parser"
    )
    figure = soup.select_one("figure.chart")
    assert figure.select_one("table") is None  # not under the chart
    last = soup.select("section")[-1]
    assert last["id"] == "data" and last.h2.get_text(strip=True) == "Diagrammens data"
    assert [c.get_text(strip=True) for c in last.select("table caption")] == ["Trend"]
    assert [td.get_text(strip=True) for td in last.select("td")][:2] == ["2024", "6,3\xa0%"]


def test_a_tables_rows_carry_their_keys_on_the_page():
    table = report.Table(
        [report.Column("Steg"), report.Column("Effekt", "decimal", 1)],
        [["Utgångsläge", 12.34], ["Senare pension", -2.0]],
        html_id="s",
        keys=["baseline", "retirement_shift"],
        key_name="step",
    )
    soup = BeautifulSoup(report.table_html(table), "html.parser")
    row = soup.select_one("table#s tr[data-step=retirement_shift]")
    assert [td.get_text() for td in row.select("td")] == ["Senare pension", "\u22122,0"]
    # Without a label the table scrolls but is no named region.
    assert soup.select_one("div.scroll").get("role") is None
    with pytest.raises(ValueError, match="keys"):
        report.Table([report.Column("a")], [["x"]], keys=["one", "two"])
