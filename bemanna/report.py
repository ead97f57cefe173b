"""One report spec, many formats: a report is declared once and drawn on a page, in a PDF and
in an Excel workbook by the renderers here (pretix's exporters turn one list into every
format the same way).

A `Report` is a title and a list of `Section`s. A section is a heading, an optional sentence
or two, tables (`Table`: typed `Column`s and rows of values) and charts (`Chart`: a chart spec
with its text alternative, a sentence and the chart's data as a table). Values are numbers
(int, float), strings (a figure shown as text, such as a coarse "≥ 50"), dates or None
(nothing to show); a column's kind says how a number is written. A column of `parts` is a
band: one cell on the page ("120 (95–140)"), a column per part in a workbook.

A section, table or chart can be `only` for the page or only for the workbook: a data sheet
of every row, or a page's sentence that a workbook has no use for.

    html(sections)      the sections as an HTML fragment (the page and, through it, the PDF);
                        with `data_heading`, the charts' data gathered in one section at the end
    table_html(table)   one table, for a page that lays out the rest itself
    xlsx(report)        the report as a workbook: one sheet per section (or per `sheet` name),
                        heading in A1, the tables from row 4, each chart as a picture beside
                        them with its data as a table below; a section without a heading is
                        a data sheet, its first table's header in row 1
    workbook(buffer)    a workbook that writes every string as a string, for writers that
                        draw their own sheets

Text typed by users (unit names, proposal titles, notes, pulse questions) reaches these
workbooks: a string is always written as a string, never as a formula or a link, so
`=HYPERLINK(...)` or `=cmd|...` typed into a form stays text in Excel.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from bemanna import charts as rendering
from bemanna.analysis import coarsen

KINDS = ("text", "int", "decimal", "percent", "money")
PAGE, XLSX = "page", "xlsx"  # what `only` may say
UNITS = {"percent": "\u00a0%", "money": "\u00a0kr"}
EXACT_DECIMALS = 6  # what an `exact` column's cell keeps
MINUS = "\u2212"  # a negative number as Swedes write it: a minus sign, not a hyphen
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters that make a spreadsheet read a cell typed into a CSV file as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def span(low: str, high: str) -> str:
    """Two bounds as written, as a range: "95–140", but "−12 till 29" ("−12 to 29") where a
    bound is negative, since a dash beside a minus sign reads as a subtraction. The one rule
    for the page, the PDF, the workbook's text and the `to` template filter.

    Examples:
        >>> span("95", "140")
        '95–140'
    """
    if low.startswith((MINUS, "-")) or high.startswith((MINUS, "-")):
        return _("%(low)s to %(high)s") % {"low": low, "high": high}
    return f"{low}–{high}"


@dataclass(frozen=True)
class Column:
    """`kind`: text, int, decimal, percent (a share 0–1 shown as per cent) or money (kr).

    A column with `parts` (their headers in a workbook, such as "Gap P10", "Gap P50",
    "Gap P90") holds a tuple of as many values: the page writes three as "middle (first–last)"
    and two as "first–last" in one cell; a workbook gives each its own column."""

    label: str
    kind: str = "text"
    decimals: int = 0
    width: int = 0  # Excel: the column's width in characters (0: the sheet's default)
    # Excel: the cell keeps six decimals and only its format rounds, for a data sheet whose
    # figures must add up (the forecast's steps to its headline). Not every digit: the last
    # ones of a float are the noise of the order it was added up in, which the figure's
    # meaning does not carry and a reader should not be able to study.
    exact: bool = False
    parts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.parts and len(self.parts) not in (2, 3):
            raise ValueError("a band has two or three parts")

    @property
    def headers(self) -> tuple[str, ...]:
        """The column's headers in a workbook: its label, or one per part."""
        return self.parts or (self.label,)

    def split(self, value: Any) -> tuple[Any, ...]:
        """The column's values in a workbook: the value, or its parts (None: each empty)."""
        if not self.parts:
            return (value,)
        return (None,) * len(self.parts) if value is None else tuple(value)

    @property
    def numeric(self) -> bool:
        return self.kind != "text"

    @property
    def excel_format(self) -> str | None:
        """The number format in a workbook (Excel shows the reader's locale's separators)."""
        places = "." + "0" * self.decimals if self.decimals else ""
        return {
            "text": None,
            "int": "#,##0",
            "decimal": f"#,##0{places}",
            "percent": f"0{places}%",
            "money": f'#,##0{places} "kr"',
        }[self.kind]

    def as_shown(self, value: Any) -> Any:
        """A number with no more precision than the page shows (a share to its per cent
        decimals): a workbook cell must not hold what the page rounded away."""
        if self.exact and isinstance(value, numbers.Real) and not isinstance(value, bool):
            return value if isinstance(value, numbers.Integral) else round(value, EXACT_DECIMALS)
        if not self.numeric or isinstance(value, bool) or not isinstance(value, numbers.Real):
            return value
        places = self.decimals + (2 if self.kind == "percent" else 0)
        # Half up from the number as written, as the page's floatformat rounds (6,25 % → 6,3 %).
        return float(coarsen.as_shown(float(value), places))

    def text(self, value: Any) -> str:
        """A value as the page writes it: decimal comma, thousands grouped, "–" for none; the
        unit joined to its number by a no-break space, so a line never parts them."""
        if isinstance(value, Number):
            return value.column.text(value.value)
        if value is None or value == "":
            return "–"
        if self.parts:
            texts = [self._plain(part) for part in value]
            unit = UNITS.get(self.kind, "")
            if len(texts) == 2:
                return f"{span(texts[0], texts[1])}{unit}"
            return f"{texts[1]}{unit} ({span(texts[0], texts[2])})"
        if isinstance(value, str):
            return value
        if isinstance(value, datetime.date):
            return value.isoformat()
        if self.kind in UNITS:
            return self._plain(value) + UNITS[self.kind]
        return self._plain(value)

    def _plain(self, value: Any) -> str:
        """A number without its unit ("–" for none), negative with a minus sign."""
        if value is None or value == "":
            return "–"
        if isinstance(value, str) or not self.numeric:
            return str(value)
        shown = float(value) * 100 if self.kind == "percent" else value
        text = str(floatformat(shown, f"{self.decimals}g"))
        return MINUS + text[1:] if text.startswith("-") else text


@dataclass(frozen=True)
class Number:
    """A value that carries its own kind, for a column of mixed figures (a summary table of
    shares, counts and points)."""

    value: Any
    kind: str = "decimal"
    decimals: int = 0
    exact: bool = False

    @property
    def column(self) -> Column:
        return Column("", self.kind, self.decimals, exact=self.exact)


def apart(a: float, b: float, *, kind: str, decimals: int, most: int = 3) -> int:
    """The fewest decimals (at least `decimals`, at most `decimals + most`) that write two
    values differently: 2,007 % against a 2,0 % target is "2,007 %", not "2,0 %"."""
    scale = 100 if kind == "percent" else 1
    for places in range(decimals, decimals + most + 1):
        if round(a * scale, places) != round(b * scale, places):
            return places
    return decimals + most


@dataclass(frozen=True)
class Table:
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    caption: str = ""
    html_id: str = ""
    filter: bool = False  # Excel: a filter on the header, which stays in view
    frozen_columns: int = 0  # Excel: columns that stay in view
    only: str = ""  # PAGE or XLSX: drawn in that format only
    # The page: each row's key, as the row's data-<key_name> attribute (for scripts and tests).
    keys: Sequence[str] = ()
    key_name: str = "key"

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} values for {len(self.columns)} columns")
        if self.keys and len(self.keys) != len(self.rows):
            raise ValueError(f"{len(self.keys)} keys for {len(self.rows)} rows")

    def page_rows(self) -> list[dict[str, Any]]:
        """Rows of {key, cells} for the HTML renderer."""
        keys = self.keys or [""] * len(self.rows)
        return [{"key": key, "cells": cells} for key, cells in zip(keys, self.cells(), strict=True)]

    def cells(self) -> list[list[dict[str, Any]]]:
        """Rows of {text, numeric} for the HTML renderer."""
        return [
            [
                {"text": column.text(value), "numeric": column.numeric or _numeric(value)}
                for column, value in zip(self.columns, row, strict=True)
            ]
            for row in self.rows
        ]


def _numeric(value: Any) -> bool:
    return isinstance(value, Number) and value.kind != "text"


@dataclass(frozen=True)
class Chart:
    """A chart spec (`bemanna.analysis.charts`) with its text alternative: a sentence saying
    what it shows, and its data as a table (shown under the chart in every format)."""

    spec: dict[str, Any]
    alt: str
    data: Table | None = None
    only: str = ""  # PAGE or XLSX: drawn in that format only

    @property
    def title(self) -> str:
        """The chart's title, at its top or on its first layer that has one."""
        for part in [self.spec, *self.spec.get("layer", [])]:
            title = part.get("title")
            if isinstance(title, dict):
                title = title.get("text")
            if title:
                return str(title)
        return ""


@dataclass
class Section:
    heading: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    sheet: str = ""  # the Excel sheet; sections with the same name share one, in order
    html_id: str = ""
    only: str = ""  # PAGE or XLSX: drawn in that format only
    # Excel: a data sheet, its first table's header in row 1; the heading on the page only.
    data_sheet: bool = False

    def drawn(self, fmt: str) -> Section | None:
        """The section as drawn in `fmt` (PAGE or XLSX): without what is only for the other
        format, or None when all of it is."""
        if self.only not in ("", fmt):
            return None
        return dataclasses.replace(
            self,
            tables=[table for table in self.tables if table.only in ("", fmt)],
            charts=[chart for chart in self.charts if chart.only in ("", fmt)],
        )


def drawn(sections: Sequence[Section], fmt: str) -> list[Section]:
    return [part for part in (section.drawn(fmt) for section in sections) if part]


@dataclass
class Report:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)


# --- The page (and the PDF, which WeasyPrint draws from the page's HTML) ---


def html(sections: Sequence[Section], *, data_heading: str = "", data_id: str = "") -> str:
    """The sections drawn for the page. With `data_heading` the charts' data are not under
    each chart but gathered in a last section of that heading (and `data_id`), one table per
    chart captioned with its title: a printed report whose flow a table under every chart
    would break."""
    sections = drawn(sections, PAGE)
    if data_heading:
        charts = [chart for section in sections for chart in section.charts]
        sections = [
            dataclasses.replace(
                section,
                charts=[dataclasses.replace(chart, data=None) for chart in section.charts],
            )
            for section in sections
        ]
        sections.append(
            Section(
                data_heading,
                tables=[
                    dataclasses.replace(chart.data, caption=chart.title)
                    for chart in charts
                    if chart.data
                ],
                html_id=data_id,
            )
        )
    return render_to_string(
        "report/_sections.html",
        {
            "sections": [
                {
                    "section": section,
                    "tables": [(table, table.page_rows()) for table in section.tables],
                    "charts": [
                        (
                            chart,
                            rendering.svg(chart.spec),
                            chart.data.page_rows() if chart.data else None,
                        )
                        for chart in section.charts
                    ],
                }
                for section in sections
            ]
        },
    )


def figure_html(chart: Chart, *, described_by: str = "") -> str:
    """One chart for a page that draws the rest itself: the picture, named by its title and
    sentence, with its data as a table behind a disclosure (its text alternative); or, with
    `described_by`, pointing to the element of that id which holds its data."""
    return render_to_string(
        "report/_figure.html",
        {
            "chart": chart,
            "svg": rendering.svg(chart.spec),
            "described_by": described_by,
            "rows": chart.data.page_rows() if chart.data and not described_by else None,
        },
    )


def table_html(table: Table, *, label: str = "") -> str:
    """One table for a page that draws the rest itself, named `label` (or its caption)."""
    return render_to_string(
        "report/_table.html",
        {
            "table": table,
            "rows": table.page_rows(),
            "label": label or table.caption,
            "caption": table.caption,
        },
    )


# --- Excel ---


def workbook(buffer: io.BytesIO) -> Any:
    """An XlsxWriter workbook in which `write` and `write_row` write every string as a
    string: text typed into a form never becomes a formula, a link or a number."""
    import xlsxwriter

    return xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )


def write_value(sheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
    """One cell: a number as a number, anything else as a string; None leaves it empty."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, _("yes") if value else _("no"), fmt)
    elif isinstance(value, numbers.Real):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, datetime.date):
        sheet.write_string(row, col, value.isoformat(), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


class Formats:
    def __init__(self, book: Any) -> None:
        self.book = book
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.small = book.add_format({"italic": True, "font_color": "#555555"})
        self._numbers: dict[str, Any] = {}

    def number(self, column: Column) -> Any:
        code = column.excel_format
        if code is None:
            return None
        if code not in self._numbers:
            self._numbers[code] = self.book.add_format({"num_format": code})
        return self._numbers[code]


def write_table(sheet: Any, row: int, table: Table, formats: Formats) -> int:
    """The table from `row` (caption, header, rows); returns the row after it."""
    if table.caption:
        sheet.write_string(row, 0, table.caption, formats.bold)
        row += 1
    headers = [(column, header) for column in table.columns for header in column.headers]
    for col, (column, header) in enumerate(headers):
        sheet.write_string(row, col, header, formats.bold)
        if column.width:
            sheet.set_column(col, col, column.width)
    header = row
    row += 1
    for values in table.rows:
        col = 0
        for column, value in zip(table.columns, values, strict=True):
            if isinstance(value, Number):
                column = value.column
                value = value.value
            for part in column.split(value):
                write_value(sheet, row, col, column.as_shown(part), formats.number(column))
                col += 1
        row += 1
    if table.filter:
        sheet.autofilter(header, 0, max(row - 1, header), len(headers) - 1)
        sheet.freeze_panes(header + 1, table.frozen_columns)
    return row


def write_section(book: Any, sheet: Any, row: int, section: Section, formats: Any = None) -> int:
    """A section on a sheet from `row`: heading, sentence, a blank row, the tables, then
    each chart's text alternative; the charts as pictures to the right. Without a heading
    the tables start at `row` (a data sheet). Returns the next free row."""
    formats = formats or Formats(book)
    top = row
    if section.heading and not section.data_sheet:
        sheet.write_string(row, 0, section.heading, formats.title)
        if section.text:
            sheet.write_string(row + 1, 0, section.text)
        row += 3
    widest = max([sum(len(c.headers) for c in t.columns) for t in section.tables] or [1])
    for table in section.tables:
        row = write_table(sheet, row, table, formats) + 1
    for number, chart in enumerate(section.charts):
        sheet.insert_image(
            top + 1 + 20 * number,
            widest + 2,
            f"chart-{top}-{number}.png",
            {
                "image_data": io.BytesIO(rendering.png(chart.spec)),
                "x_scale": 0.5,
                "y_scale": 0.5,
                "description": f"{chart.title}: {chart.alt}",
            },
        )
        row = write_chart_text(sheet, row, chart, formats)
    return row


def write_chart_text(sheet: Any, row: int, chart: Chart, formats: Formats) -> int:
    """A chart's text alternative from `row`: its title, its sentence, its data as a table.
    Returns the row after it and a blank one."""
    sheet.write_string(row, 0, _("Chart: %(title)s") % {"title": chart.title}, formats.bold)
    sheet.write_string(row + 1, 0, chart.alt, formats.small)
    row += 2
    if chart.data:
        row = write_table(sheet, row, chart.data, formats)
    return row + 1


def band_table(spec: dict[str, Any], *, x_label: str, decimals: int = 1) -> Table:
    """A band chart's rows (x, series, P10, P50, P90) as a table."""
    one = [Column(p, "decimal", decimals) for p in ("P10", "P50", "P90")]
    return Table(
        [Column(x_label), Column(_("Series")), *one],
        [
            [str(r["year"]), str(r["series"]), r["p10"], r["p50"], r["p90"]]
            for r in chart_rows(spec)
        ],
    )


def xlsx(report: Report) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer)
    formats = Formats(book)
    sheets: dict[str, tuple[Any, int]] = {}
    for section in drawn(report.sections, XLSX):
        name = (section.sheet or section.heading)[:31]
        if name in sheets:
            sheet, row = sheets[name]
            row += 1
        else:
            sheet, row = book.add_worksheet(name), 0
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, 8, 14)
        sheets[name] = (sheet, write_section(book, sheet, row, section, formats))
    book.close()
    return buffer.getvalue()


# --- CSV ---


def csv_cell(value: Any) -> str:
    """A value for a CSV file: text that a spreadsheet would read as a formula gets a
    leading apostrophe (OWASP's advice), so `=cmd|...` opens as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- Charts' data as tables ---


def chart_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a chart draws: its own data, or its first layer's."""
    for part in [spec, *spec.get("layer", [])]:
        values = (part.get("data") or {}).get("values")
        if values:
            return list(values)
    return []


def series_table(
    spec: dict[str, Any], *, x: str, x_label: str, value: Column, scale: float = 1.0
) -> Table:
    """A chart of series over `x` (lines: rows of x, series, value) as a table: one row per
    x, one column per series. `scale` undoes the chart's (a chart in per cent, the table in
    shares)."""
    rows = chart_rows(spec)
    series = list(dict.fromkeys(str(r["series"]) for r in rows))
    xs = list(dict.fromkeys(r[x] for r in rows))
    found = {(r[x], str(r["series"])): r["value"] for r in rows}
    columns = [Column(x_label), *(Column(name, value.kind, value.decimals) for name in series)]
    return Table(
        columns,
        [
            [
                str(at),
                *(
                    None if found.get((at, name)) is None else found[(at, name)] / scale
                    for name in series
                ),
            ]
            for at in xs
        ],
    )
