"""The forecast report is declared once: its HTML (and so its PDF) shows the workbook's labels
and figures, each as the page writes it."""

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.forecast import labels
from bemanna.forecast.tests.test_views import as_number, bounds, demo, login  # noqa: F401
from bemanna.tests.xlsx import Workbook

# Written out here, not read from the code under test.
PEOPLE_MEASURES = (
    "supply_headcount",
    "retirements",
    "other_leavers",
    "recruitment_need",
    "supply_exits",
    "supply_hires",
)


def _tables(html: bytes) -> dict[str, list[list[str]]]:
    """Each table of the report under its section's heading (or caption): header row first."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for table in soup.select("table"):
        caption = table.select_one("caption")
        section = table.find_parent("section")
        name = caption.get_text(strip=True) if caption else section.h2.get_text(strip=True)
        found.setdefault(name, [])
        found[name].append(
            [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in table.select("tr")]
        )
    return found


def test_the_html_report_shows_the_workbooks_labels_and_figures(client, demo):  # noqa: F811
    login(client, "analytiker")
    scenario = demo["Handlingsplan 2035"]
    args = [scenario.pk]
    html = client.get(reverse("forecast:export", args=[*args, "html"]), {"unit": "R"}).content
    book = Workbook(
        client.get(reverse("forecast:export", args=[*args, "xlsx"]), {"unit": "R"}).content
    )
    tables = _tables(html)
    # The summary: the same facts under the same labels, in the same order.
    facts, levers = tables["Sammanfattning"]
    summary = book.rows("Sammanfattning")
    start = [row[0] for row in summary].index(facts[0][0])
    in_book = summary[start : start + len(facts)]
    assert [row[0] for row in facts] == [row[0] for row in in_book]
    for (label, shown), (_label, cell, *_rest) in zip(facts[1:], in_book[1:], strict=True):
        try:
            value = float(cell)
        except ValueError:
            assert shown == cell, label  # text as it is
        else:
            number = shown.removesuffix("kr").strip()
            decimals = len(number.split(",")[1]) if "," in number else 0
            # As many decimals as the page shows, rounded from the cell's every digit.
            assert abs(as_number(number) - value) <= 0.5 * 10**-decimals + 1e-9, label
    assert levers[0] == ["Åtgärder"]
    assert {row[0] for row in levers[1:]} <= set(book.column("Sammanfattning", 0))
    # Per year: one cell "P50 (P10–P90)" on the page, three columns in the workbook.
    (per_year,) = tables["Alla yrkesgrupper, per år"]
    rows = book.rows("Per år")
    assert per_year[0][0] == rows[0][0] == "År"
    gap = per_year[0].index("Gap (årsarbetare)")
    p10, p50, p90 = (rows[0].index(f"Gap (årsarbetare) {p}") for p in ("P10", "P50", "P90"))
    for line, cells in zip(per_year[1:], rows[1:], strict=True):
        assert line[0] == str(int(float(cells[0])))
        middle, outer = line[gap].split(" (")
        # An en dash, or "till" where a bound is negative (it has a minus sign).
        low, high = bounds(outer.rstrip(")"))
        # Whole numbers on the page of the workbook's exact cells (a half may round either way).
        for shown, cell in ((as_number(middle), p50), (low, p10), (high, p90)):
            assert abs(shown - float(cells[cell])) <= 0.5 + 1e-9
    # The levers' steps: the page's rows are the workbook's, the range in two columns.
    steps = book.rows("Åtgärder")
    page_steps = tables["Varje åtgärds egen effekt"][0]
    assert [row[0] for row in page_steps[1:]] == [row[0] for row in steps[1:]]
    for shown, row in zip(page_steps[1:], steps[1:], strict=True):
        assert abs(as_number(shown[1]) - float(row[1])) <= 0.05 + 1e-9
        low, high = bounds(shown[2])
        assert abs(low - float(row[2])) <= 0.05 + 1e-9
        assert abs(high - float(row[3])) <= 0.05 + 1e-9


def test_people_are_whole_numbers_in_the_workbook_and_on_the_page(client, demo):  # noqa: F811
    """Headcount, leavers, retirements, hires and the need are people: every P10, P50, P90
    and mean of them is a whole number (a quantile between two draws gave "Övriga avgångar
    P10 250,9"); the FTE measures keep their decimal."""
    login(client, "analytiker")
    scenario = demo["Handlingsplan 2035"]
    args = [scenario.pk]
    book = Workbook(
        client.get(reverse("forecast:export", args=[*args, "xlsx"]), {"unit": "R"}).content
    )
    with translation.override("sv"):
        people = {str(labels.MEASURES[m]) for m in PEOPLE_MEASURES}
        fte = {str(labels.MEASURES[m]) for m in ("supply_fte", "gap_fte")}
    rows = book.rows("Per yrkesgrupp")
    header = rows[0]
    measure = header.index("Mått")
    figures = [header.index(name) for name in ("P10", "P50", "P90")] + [measure + 4]
    assert header[measure + 4].startswith("Medel")  # the mean
    counted = [row for row in rows[1:] if row[measure] in people]
    assert {row[measure] for row in counted} == people
    for row in counted:
        assert all(float(row[i]).is_integer() for i in figures), row
    # The FTE rows are as exact as before: some of them have a fraction.
    assert any(
        not float(row[i]).is_integer() for row in rows[1:] if row[measure] in fte for i in figures
    )
    per_year = book.rows("Per år")
    columns = [i for i, name in enumerate(per_year[0]) if name.rsplit(" ", 1)[0] in people]
    assert columns
    for row in per_year[1:]:
        assert all(row[i] is None or float(row[i]).is_integer() for i in columns), row
