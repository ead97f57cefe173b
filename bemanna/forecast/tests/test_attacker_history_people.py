"""The history page's figures of people against the tree and the profession groups (an
insider review of Region Demo): Historik showed every unit and every unit × group with no
threshold. A group of one (a ward's only manager) showed their FTE, hire year, and the share
aged 60 or over flipping from 0 to 100 % the year they turned 60 (their birth year); a unit
of two showed each one's sex and age band in its age pyramid; and a person with jobs in two
sibling wards counted in both, so the wards' pyramids minus their clinic's gave that
person's sex and age band, and the second ward's group view showed the second job's group
as one person.

The page now follows the forecast's decision (`shown.decide`) year by year over each year's
kept tree and k, counting each person once in their main job in the region.

The attacker opens, as the analyst, every unit's page in every group the region has (listed
on the page or not), reads the year table, the months and the age pyramid (the marks' text
in its SVG), and looks for: a row or a month of 1..k-1 people that shows their FTE or ages,
or a group's row of 1..k-1 people at all; a birth year from the 60+ share of one person; a
pyramid of 1..k-1 people; and, subtracting the units shown below a unit from it, a pyramid,
an FTE or a count aged 60+ of 1..k-1 people or of no one (a person counted twice). It finds
none; with the rule weakened (every unit and group shown, each person counted in every unit
of their jobs: the old page) it finds all three.

It also reads the years side by side (issue 12, "time differences"): a unit's or group's FTE
in one year minus another's, when 1..k-1 people came or left in between (the page's own hires
and leavers), is their rates; a count aged 60+ that moved with no one coming or leaving is
a colleague's birth year. The years are decided one after the other (`over_time`); with that
off, it finds the manager's rate (the region's FTE the year she came) and the doctor's birth
year (HS1 the year he turned 60).
"""

import datetime
import re

import polars as pl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.analysis import stock
from bemanna.analysis.forecast import history, over_time
from bemanna.analysis.forecast import shown as disclosure
from bemanna.conftest import PASSWORD
from bemanna.forecast import years
from bemanna.pulse.tests.helpers import staffed_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, Person, Profession

TODAY = datetime.date(2026, 6, 1)
LAST = 2025  # the page's last full year
FIRST = LAST - 9
K = 5
TREE = {
    "R": None,
    "RS": "R",
    "RS1": "RS",
    "RS2": "RS",
    "SM": "RS",
    "HS": "R",
    "HS1": "HS",
    "HS2": "HS",
}
# People in their main job since 2015, women born 1980 at 100 %, by hand.
STAFF = {
    "RS": {"Sjuksköterskor": 3},
    "RS1": {"Sjuksköterskor": 6},
    "RS2": {"Sjuksköterskor": 5, "Läkare": 5},
    "HS1": {"Sjuksköterskor": 6, "Läkare": 5},
    "HS2": {"Sjuksköterskor": 6, "Läkare": 5},
}
# RS1's only manager: a man born 1964 at 75 %, hired 1 March 2018 (60 in 2024).
MANAGER = {"unit": "RS1", "group": "Chefer", "born": 1964, "rate": 75, "sex": "M"}
# SM, a unit of two: a woman born 1990 and a man born 1962, at 100 % and 50 %.
SMALL = [("K", 1990, 100), ("M", 1962, 50)]
# A doctor with two jobs since 2015: 80 % in HS1 (his main job), 20 % as a psychologist in
# HS2. A man born 1961 (60 in 2021).
TWO_JOBS = {
    "born": 1961,
    "sex": "M",
    "main": ("HS1", "Läkare", 80),
    "second": ("HS2", "Psykologer", 20),
}
GROUPS = ("Sjuksköterskor", "Läkare", "Chefer", "Undersköterskor", "Psykologer")


def _person(unit, group, *, born, sex, rate, start=datetime.date(2015, 1, 1), person=None):
    profession, _ = Profession.objects.get_or_create(
        code=f"P-{group}", defaults={"name": group, "skr_group": group}
    )
    if person is None:
        person = Person.objects.create(
            pseudonym=f"x-{group}-{unit.code}-{born}", birth_year=born, sex=sex
        )
    Employment.objects.create(
        key=f"x-{group}-{unit.code}-{born}",
        person=person,
        unit=unit,
        profession=profession,
        form="permanent",
        rate=rate,
        start=start,
    )
    return person


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = staffed_tree(TREE, STAFF)
    _person(
        units["RS1"],
        "Chefer",
        born=MANAGER["born"],
        sex=MANAGER["sex"],
        rate=MANAGER["rate"],
        start=datetime.date(2018, 3, 1),
    )
    for sex, born, rate in SMALL:
        _person(units["SM"], "Undersköterskor", born=born, sex=sex, rate=rate)
    unit, group, rate = TWO_JOBS["main"]
    doctor = _person(units[unit], group, born=TWO_JOBS["born"], sex=TWO_JOBS["sex"], rate=rate)
    unit, group, rate = TWO_JOBS["second"]
    _person(units[unit], group, born=TWO_JOBS["born"], sex="M", rate=rate, person=doctor)
    assert client.login(username="analyst", password=PASSWORD)
    return units


def _number(text: str) -> float | None:
    text = text.replace("\xa0", "").replace(" ", "").replace("%", "").replace(",", ".")
    return None if text in ("–", "") else float(text)


def _label(text):
    with translation.override("sv"):
        return translation.gettext(text)


def _pyramid(figure) -> dict[tuple[str, str], int] | None:
    """The pyramid's bars as (band, sex) -> people, from the marks' text in the SVG."""
    if figure is None:
        return None
    cells = {}
    for mark in figure.select("[aria-label]"):
        label = mark["aria-label"]
        band = re.search(r"(\d+–\d+)", label)
        count = re.search(rf"{_label('People')}: ([−-]?\d+)", label)
        sex = re.search(rf"({_label('Women')}|{_label('Men')})", label)
        if band and count and sex:
            cells[(band.group(1), sex.group(1))] = abs(int(count.group(1).replace("−", "-")))
    return cells


def _drawn(figure, series: str) -> dict[int, float]:
    """A line chart's points of one series as year -> value, from the marks' text."""
    points = {}
    for mark in figure.select("[aria-label]") if figure is not None else []:
        found = re.match(
            rf"{_label('Year')}: (\d+); {_label('People')}: ([^;]+); series: {series};",
            mark["aria-label"],
        )
        if found:
            points[int(found.group(1))] = _number(found.group(2))
    return points


def scrape(client, codes=tuple(TREE)):
    """Per (unit, group or None for all), what the page shows: the year rows, the months,
    the pyramid, the groups offered, the charts' text."""
    seen = {}
    for code in codes:
        for group in (None, *GROUPS):
            page = client.get(reverse("forecast:history"), {"unit": code, "group": group or ""})
            soup = BeautifulSoup(page.content, "html.parser")
            chosen = soup.select_one("#group-picker option[selected]")
            if group is not None and (chosen is None or chosen["value"] != group):
                continue  # the page fell back to all groups: nothing of this group shown
            figures = soup.select("figure.chart")
            # The staff chart's points, where the table hides them (it never should).
            drawn = {
                key: _drawn(figures[0] if figures else None, _label(series))
                for key, series in (("headcount", "Headcount 31 Dec"), ("fte", "FTE"))
            }
            years = {}
            for tr in soup.select("table#history tbody tr"):
                cells = [td.get_text(strip=True) for td in tr.find_all("td")]
                year = int(cells[0])
                years[year] = {
                    "headcount": _number(cells[1]),
                    "fte": _number(cells[2]),
                    "hires": _number(cells[3]),
                    "leavers": _number(cells[4]),
                    "share_60_plus": _number(cells[11]),
                }
                for key, points in drawn.items():
                    if years[year][key] is None:
                        years[year][key] = points.get(year)
            months = {}
            heads = [th.get_text(strip=True) for th in soup.select("table#months thead th")]
            for tr in soup.select("table#months tbody tr"):
                texts = [td.get_text(strip=True) for td in tr.find_all("td")]
                cells = dict(zip(heads, texts, strict=True))
                months[cells[heads[0]]] = {
                    "headcount": _number(cells[_label("Employees")]),
                    "fte": _number(cells[_label("FTE")]) if _label("FTE") in cells else None,
                    "movers": sum(_number(cells[_label(c)]) or 0 for c in ("Hired", "Left")),
                }
            # The pyramid's figure, by its sentence (its data table holds the same cells).
            alt = _label("People per age band, women to the left and men to the right.")
            pyramid = [f for f in figures if f.figcaption and f.figcaption.get_text() == alt]
            seen[(code, group)] = {
                "years": years,
                "months": months,
                "month_heads": heads,
                "pyramid": _pyramid(pyramid[0]) if pyramid else None,
                "offered": [o["value"] for o in soup.select("#group-picker option") if o["value"]],
                "charts": " ".join(str(f) for f in figures),
            }
    return seen


def _below(code, shown):
    """The units shown below `code` with no shown unit between."""
    found = []
    for child in [c for c, p in TREE.items() if p == code]:
        found += [child] if child in shown else _below(child, shown)
    return found


def attack(seen):
    found = []
    for (code, group), page in seen.items():
        for year, row in page["years"].items():
            n = row["headcount"]
            if n is None or not 0 < n < K:
                continue
            if group is not None:
                found.append(("few", code, group, year, n))
            if row["fte"] is not None:
                found.append(("fte", code, group, year, row["fte"]))
            if row["share_60_plus"] is not None:
                found.append(("ages", code, group, year, row["share_60_plus"]))
            before = page["years"].get(year - 1, {})
            if (
                n == 1
                and before.get("headcount") == 1
                and row["share_60_plus"] == 100
                and before.get("share_60_plus") == 0
            ):
                found.append(("born", code, group, year - 60))
        months = sorted(page["months"].items())
        for month, row in months:
            n = row["headcount"]
            if n is not None and 0 < n < K and (group is not None or row["fte"] is not None):
                found.append(("month", code, group, month, n))
        # A month with 1..k-1 hired and left beside the month before: the FTE's change is
        # their rates (colleagues know who came or went).
        for (_before, previous), (month, row) in zip(months, months[1:], strict=False):
            if 0 < row["movers"] < K and None not in (row["fte"], previous["fte"]):
                found.append(("movers' rate", code, group, month, row["fte"] - previous["fte"]))
        pyramid = page["pyramid"]
        if pyramid is not None and 0 < sum(pyramid.values()) < K:
            found.append(("pyramid", code, group, tuple(sorted(pyramid.items()))))
        # A cell of 1..k-1 on a shown unit: its few people's age band and sex (the only man
        # of a ward is known to his colleagues).
        for cell, n in (pyramid or {}).items():
            if 0 < n < K:
                found.append(("pyramid cell", code, group, cell, n))
        found += _over_years(code, group, page["years"])
    # A unit minus the units shown below it (for all groups, and per group).
    for group in (None, *GROUPS):
        pages = {code: seen[(code, group)] for code in TREE if (code, group) in seen}
        for year in range(FIRST, LAST + 1):
            rows = {c: p["years"].get(year) for c, p in pages.items()}
            with_fte = {c for c, r in rows.items() if r and r["fte"] is not None}
            for code in with_fte:
                inner = _below(code, with_fte)
                if not inner:
                    continue
                people = rows[code]["headcount"] - sum(rows[c]["headcount"] for c in inner)
                fte = rows[code]["fte"] - sum(rows[c]["fte"] for c in inner)
                if people < K and abs(fte) > 1e-6:
                    found.append(("fte difference", code, group, year, people, round(fte, 2)))
            with_ages = {c for c, r in rows.items() if r and r["share_60_plus"] is not None}
            for code in with_ages:
                inner = _below(code, with_ages)
                if not inner:
                    continue

                def old(c, rows=rows):
                    return round(rows[c]["share_60_plus"] * rows[c]["headcount"] / 100)

                people = rows[code]["headcount"] - sum(rows[c]["headcount"] for c in inner)
                aged = old(code) - sum(old(c) for c in inner)
                if people < K and aged:
                    found.append(("60+ difference", code, group, year, people, aged))
        with_pyramid = {c for c, p in pages.items() if p["pyramid"] is not None}
        for code in with_pyramid:
            inner = _below(code, with_pyramid)
            if not inner:
                continue
            rest = dict(pages[code]["pyramid"])
            for c in inner:
                for cell, n in pages[c]["pyramid"].items():
                    rest[cell] = rest.get(cell, 0) - n
            rest = {cell: n for cell, n in rest.items() if n}
            if rest and sum(abs(n) for n in rest.values()) < K:
                found.append(("pyramid difference", code, group, tuple(sorted(rest.items()))))
    return found


def _over_years(code, group, years):
    """Two years of one page side by side: with 1..k-1 people hired or gone in between, the
    FTE's change is their rates; with no one, a count aged 60+ that moved by 1..k-1 is the
    birth year of those who turned 60."""
    found = []
    shown = sorted(y for y, row in years.items() if row["fte"] is not None)
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            between = [years[y] for y in range(first + 1, second + 1) if y in years]
            movers = sum((row["hires"] or 0) + (row["leavers"] or 0) for row in between)
            change = round(years[second]["fte"] - years[first]["fte"], 2)
            if 0 < movers < K and change:
                found.append(("years' fte", code, group, first, second, change))
            if movers == 0 and None not in (
                years[first]["share_60_plus"],
                years[second]["share_60_plus"],
            ):

                def old(row):
                    return round(row["share_60_plus"] * row["headcount"] / 100)

                turned = old(years[second]) - old(years[first])
                if 0 < turned < K:
                    found.append(("years' 60+", code, group, first, second, turned))
    return found


def test_no_one_persons_figures_can_be_read_or_subtracted(client, region):
    seen = scrape(client)
    assert attack(seen) == []
    # What stays, by hand. Before 2018 the region: 3 + 6 + 10 + 11 + 11 main jobs, the two
    # of SM and the doctor: 44 people, 41 at 100 %, 1 + 0.5, and 0.8 + 0.2 = 43.5 FTE; aged
    # 60+ in 2017: SM's man (55) no, the doctor (56) no: 0 %.
    region = seen[("R", None)]["years"]
    assert region[2017]["fte"] == pytest.approx(43.5, abs=0.05)
    assert region[2017]["share_60_plus"] == 0
    # The manager came in March 2018, the only one to come or go since 2015: from then on
    # the region's FTE beside 2016's or 2017's would be her rate, so it is no longer shown
    # (the headcount is: who works there is known), nor RS's or RS1's, where she works.
    assert region[LAST]["headcount"] == 45 and region[2018]["hires"] == 1
    for code in ("R", "RS", "RS1"):
        assert [seen[(code, None)]["years"][y]["fte"] for y in (2018, LAST)] == [None, None]
    # HS1 (6 nurses, 5 doctors and the two-job doctor, 100 % together) never changed:
    # 12 FTE every year; its 60+ share 0 until the doctor turned 60 in 2021, then hidden
    # (1 of 12 beside 0 would be his birth year).
    hs1 = seen[("HS1", None)]["years"]
    assert {hs1[y]["fte"] for y in range(FIRST, LAST + 1)} == {12.0}
    assert [hs1[y]["share_60_plus"] for y in (2020, 2021, LAST)] == [0, None, None]
    # SM's headcount stays (who works there is known), its FTE and ages not.
    small = seen[("SM", None)]["years"][LAST]
    assert small["headcount"] == 2 and small["fte"] is None and small["share_60_plus"] is None
    assert seen[("SM", None)]["pyramid"] is None
    # The doctor counts once, in HS1: HS1 12 people, HS2 11, HS 23.
    assert [seen[(c, None)]["years"][LAST]["headcount"] for c in ("HS", "HS1", "HS2")] == [
        23,
        12,
        11,
    ]
    # HS1 holds 11 women 45–49 and the doctor, a man 60–64: his cell alone would give his
    # age band, and merged as the rest it would be one person. Each cell is decided over the
    # whole tree (the same cells on every page, the rest 0 or at least k): only the region's
    # nurses, 26 women 45–49, would pass, and the region's page shows no figures of people
    # since the manager came (above), so no page has a pyramid.
    shown = {key: page["pyramid"] for key, page in seen.items() if page["pyramid"] is not None}
    assert shown == {}
    # The months show no FTE: beside the month before, a month with one hire or leaver
    # changes it by that person's rate (the demo had 994 such months).
    assert all(_label("FTE") not in page["month_heads"] for page in seen.values())
    assert all(page["month_heads"] for page in seen.values() if page["months"])
    # No months of a group: a January beside its flows would give the 31 December count its
    # year's row hides, and a month's one leaver of a group a colleague's profession.
    assert any(group for _code, group in seen)  # a group's page was read
    assert all(not page["months"] for (_code, group), page in seen.items() if group)
    assert any(page["months"] for (_code, group), page in seen.items() if group is None)
    # No page offers the manager's group nor the doctor's second job's.
    for (code, _group), page in seen.items():
        assert "Chefer" not in page["offered"] and "Psykologer" not in page["offered"], code
        assert ("Chefer" not in page["charts"]) and ("Psykologer" not in page["charts"])


def test_with_the_rule_weakened_the_attacker_finds_all_three(client, region, monkeypatch):
    def everything(parents, cells, k):
        # Every unit, and every group of the region's (those of second jobs too).
        parts = frozenset(GROUPS) | {part for _unit, part in cells}  # a pyramid's cells too
        return disclosure.Shown(k, frozenset(parents), frozenset(parents), parts)

    def every_job(self, year, day, group=history.ALL):
        # Each person in every subtree they have a job in, in the group of their largest
        # job there (as the old page counted them).
        people = stock.main_jobs(self.staff(year), day)
        return people if group == history.ALL else people.filter(pl.col("group") == group)

    monkeypatch.setattr(disclosure, "decide", everything)
    monkeypatch.setattr(years.Years, "counted", every_job)
    monkeypatch.setattr(over_time, "over_time", _each_day_on_its_own)
    found = attack(scrape(client))
    assert ("born", "RS1", "Chefer", MANAGER["born"]) in found
    assert ("fte", "RS1", "Chefer", LAST, 0.8) in found  # 0,75 shown as 0,8
    assert ("fte", "SM", None, LAST, 1.5) in found
    women, men = _label("Women"), _label("Men")
    assert ("pyramid", "SM", None, ((("35–39", women), 1), (("60–64", men), 1))) in found
    assert ("few", "HS2", "Psykologer", LAST, 1) in found
    assert ("pyramid difference", "HS", None, ((("60–64", _label("Men")), -1),)) in found
    assert ("pyramid cell", "HS1", None, ("60–64", men), 1) in found


def _each_day_on_its_own(releases, figures, fixed=None):
    return [release.shown for release in releases]


def test_with_the_years_decided_each_on_its_own_the_attacker_finds_them(
    client, region, monkeypatch
):
    monkeypatch.setattr(over_time, "over_time", _each_day_on_its_own)
    found = attack(scrape(client))
    # The manager's 75 % (the region 2017 beside 2018, she the only one to come; one
    # decimal on the page).
    assert ("years' fte", "R", None, 2017, 2018, 0.8) in found
    # The doctor's birth year: HS1's count aged 60+ went from 0 to 1 in 2021, no one came.
    assert ("years' 60+", "HS1", None, 2020, 2021, 1) in found
