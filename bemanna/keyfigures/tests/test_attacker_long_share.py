"""The long-term sick leave against the tree (an insider review): figure 2, the share of the
sick-leave hours in spells of 60 days or more, is the sick leave of the few on such a spell.

In a ward of 20 with one colleague on long-term sick leave, "86,1 %" says that colleague is
on it: health data about one person. Shown wherever the ward's figure 1 was, it gave them
away on the ward's page, in the clinic's list of its wards, in the board report's tables and
charts (HTML, PDF, Excel) and beside Kolada's figure 2 (N60031); and the clinic's long-term
hours minus those of its shown wards did the same for a ward hidden on its own.

The attacker scrapes, as the analyst, every unit's key-figure page and board report (its
Excel workbook read back at full precision, its PDF through pdftotext), reads every figure 2
and every long-term part of the trend chart, checks each against the definition (by hand,
below) and solves for any set of wards whose long-term sick are 1..k-1 people (exact
rational row reduction over every shown sum). It finds nothing; without the rule it finds
W1's one. A unit with k of them on such a spell shows its figure 2.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import benchmarks, services
from bemanna.keyfigures.figures import KOLADA
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.tests.pdf import text as pdf_text
from bemanna.tests.xlsx import Workbook
from bemanna.workforce import frames

YEAR = 2025
K = 5
STAFF = 20  # per ward, everyone 160 hours in each month of the year
SHORT = 2  # per ward: 3–12 March at 100 %, 10 days (figure 1 only)
MONTH = 160.0
TREE = {"R": None, "C": "R", "W1": "C", "W2": "C", "W3": "C"}
# The people of each ward on a spell of 60 days or more (1 September, open: all their
# hours of September to December are long-term, 4 × 160).
LONG = {"W1": 1, "W2": 5, "W3": 6}
# The rule worked by hand (k = 5): the wards' 1, 5 and 6, the clinic's and the region's 12.
# W1 (1) is hidden; the clinic's 12 beside W2's 5 and W3's 6 leaves W1's 1, so the smaller
# shown ward (W2) is hidden too and 6 are left.
SHOWN = {"R", "C", "W3"}


def _wards(code: str) -> list[str]:
    return [u for u in subtree(TREE, code) if u in LONG]


def _long_hours(code: str) -> float:
    return sum(LONG[w] * 4 * MONTH for w in _wards(code))


def _share(code: str) -> float:
    """Figure 2 by hand: long-term hours / all sick hours."""
    short = sum(SHORT * MONTH * 10 / 31 for _w in _wards(code))
    return _long_hours(code) / (_long_hours(code) + short)


def _of_scheduled(code: str) -> float:
    """The trend chart's long-term part: long-term hours / scheduled hours."""
    return _long_hours(code) / (len(_wards(code)) * STAFF * 12 * MONTH)


def _staff(units, long: dict[str, int]) -> None:
    hours, spells = [], []
    for code, sick in long.items():
        for index, person in enumerate(add_staff(units[code], STAFF)):
            hours += [
                ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=MONTH)
                for m in range(1, 13)
            ]
            if index < sick:
                spells.append(
                    SickLeaveSpell(person=person, start=datetime.date(YEAR, 9, 1), extent=100)
                )
            elif index < sick + SHORT:
                spells.append(
                    SickLeaveSpell(
                        person=person,
                        start=datetime.date(YEAR, 3, 3),
                        end=datetime.date(YEAR, 3, 12),
                        extent=100,
                    )
                )
    ScheduledHours.objects.bulk_create(hours)
    SickLeaveSpell.objects.bulk_create(spells)
    # Kolada's figure 2 (N60031) for the year, so the comparison with the country shows it too.
    head = "kpi,municipality_id,municipality,period,gender,value\n"
    text = head + f'{KOLADA["long_share"]},0000,Riket,{YEAR},T,"40,0"\n'
    benchmarks.import_benchmarks(io.BytesIO(text.encode()), filename="kolada.csv")
    services._computed.clear()
    frames.forget()


@pytest.fixture
def one_long_term(db, analyst):
    units = make_tree(TREE)
    _staff(units, LONG)
    return units


def _labels() -> tuple[str, str]:
    with translation.override("sv"):
        return (
            translation.gettext("Share in spells of 60 days or more (2)"),
            translation.gettext("of which in spells of 60 days or more"),
        )


def _number(text: str) -> float | None:
    """A share as the page writes it ("86,1 %"), None for "–" or "dold"."""
    text = text.replace("\xa0", "").replace(" ", "").replace("%", "").replace(",", ".")
    try:
        return float(text) / 100
    except ValueError:
        return None


def _scrape(client, codes, *, pdf: bool = True):
    """Every figure 2 and long-term part the analyst reads, as (unit, source, what) → value:
    `what` is "share" (figure 2) or "of_scheduled" (the trend's long-term part). And the
    text of every PDF."""
    client.login(username="analyst", password=PASSWORD)
    label, series = _labels()
    names = {f"Enhet {code}": code for code in TREE}
    seen: dict[tuple[str, str, str], float] = {}
    texts = []
    for code in codes:
        page = client.get(reverse("keyfigures:page"), {"unit": code, "year": YEAR})
        soup = BeautifulSoup(page.content, "html.parser")
        row = soup.select_one('#sick-leave tr[data-figure="long_share"]')
        if row is not None:
            cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for found, key in ((cells[1], (code, "page")), (cells[3], ("R", "page-region"))):
                if _number(found) is not None:
                    seen[(*key, "share")] = _number(found)
        for child in soup.select("#children tr[data-unit]"):
            found = _number(child.find_all("td")[2].get_text(" ", strip=True))
            if found is not None:
                seen[(child["data-unit"], f"page-children-{code}", "share")] = found
        for bench in soup.select("table#benchmarks tr"):
            cells = [c.get_text(" ", strip=True) for c in bench.find_all(["td", "th"])]
            if cells and cells[0] == label and _number(cells[1]) is not None:
                seen[(code, "page-benchmarks", "share")] = _number(cells[1])
        book = Workbook(
            client.get(
                reverse("keyfigures:report"), {"unit": code, "year": YEAR, "format": "xlsx"}
            ).content
        )
        for sheet in book.sheets:
            rows = book.rows(sheet)
            for i, cells in enumerate(rows):
                if cells and cells[0] == label and len(cells) > 1 and cells[1] is not None:
                    seen[(code, f"xlsx-{sheet}-{i}", "share")] = float(cells[1])
                    if len(cells) > 5 and cells[3] is not None:  # the sick-leave table
                        seen[("R", f"xlsx-{sheet}-{i}-region", "share")] = float(cells[3])
                if cells and cells[0] in names and len(cells) > 2 and cells[2] is not None:
                    seen[(names[cells[0]], f"xlsx-{sheet}-{code}", "share")] = float(cells[2])
                if series in cells:  # a chart's data: the long-term part per year
                    column = cells.index(series)
                    for later in rows[i + 1 :]:
                        if later and later[0] == str(YEAR) and later[column] is not None:
                            seen[(code, f"xlsx-{sheet}-trend", "of_scheduled")] = float(
                                later[column]
                            )
        if pdf:
            content = client.get(
                reverse("keyfigures:report"), {"unit": code, "year": YEAR, "format": "pdf"}
            ).content
            texts.append(pdf_text(content))
    return seen, texts


def _pct(value: float) -> str:
    return f"{100 * value:.1f}".replace(".", ",")


def _attack(seen) -> list:
    for (code, source, what), value in seen.items():  # the attacker reads them right
        expected = _share(code) if what == "share" else _of_scheduled(code)
        # As shown: to a tenth of a per cent on the page and the summary sheet.
        assert value == pytest.approx(expected, abs=0.0005), (code, source)
    sums = [_wards(code) for code, _source, _what in seen]
    return derivable_small_sets(LONG, sums, K)


def test_no_page_or_report_gives_one_persons_long_term_sick_leave_away(client, one_long_term):
    seen, texts = _scrape(client, TREE)
    assert {code for code, _source, _what in seen} == SHOWN
    # Every way out carries it where it is shown: the page, its list of the units below,
    # the comparison with Kolada, and the Excel workbook's tables and trend.
    sources = {source.split("-")[0] for _code, source, _what in seen}
    assert sources == {"page", "xlsx"}
    assert ("W3", "page-children-C", "share") in seen
    assert ("C", "page-benchmarks", "share") in seen
    assert ("C", "xlsx-Nyckeltal-trend", "of_scheduled") in seen
    assert _attack(seen) == []
    # The PDF: the hidden wards' figure 2 (86,1 % and 96,9 %) nowhere, the shown ones there.
    text = "\n".join(texts)
    assert (_pct(_share("W1")), _pct(_share("W2"))) == ("86,1", "96,9")
    assert "86,1" not in text and "96,9" not in text
    assert _pct(_share("W3")) in text and _pct(_share("C")) in text


def test_the_mutation_without_the_rule_gives_the_one_away(client, one_long_term, monkeypatch):
    def everywhere(self, year):
        return self.shown_units(year)

    monkeypatch.setattr(services.KeyFigures, "long_share_units", everywhere)
    seen, _texts = _scrape(client, TREE, pdf=False)
    assert ("W1", "page", "share") in seen
    assert (["W1"], 1) in _attack(seen)


@pytest.fixture
def five_long_term(db, analyst):
    units = make_tree({"R": None, "W1": "R", "W3": "R"})
    _staff(units, {"W1": K, "W3": 6})
    return units


def test_a_ward_with_k_on_long_term_sick_leave_shows_its_figure_2(client, five_long_term):
    # W1's 5 and W3's 6 are each k or more, the region's 11 too: all shown. By hand: W1's
    # 5 × 640 long-term hours of 5 × 640 + 2 × 1600 / 31 sick hours.
    seen, _texts = _scrape(client, ["R", "W1"], pdf=False)
    expected = 5 * 640 / (5 * 640 + 2 * 1600 / 31)
    assert _pct(expected) == "96,9"
    for source in ("page", "page-children-R", "xlsx-Underliggande enheter-R"):
        assert seen[("W1", source, "share")] == pytest.approx(expected, abs=0.0005)
    assert seen[("W1", "xlsx-Nyckeltal-trend", "of_scheduled")] == pytest.approx(
        5 * 640 / (20 * 12 * 160), abs=0.0005
    )
