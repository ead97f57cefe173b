"""The forecast per profession group against the tree (an insider review of Region Demo): a
group of one showed its person's supply, retirements and exits per year, so the last year
with retirements gave their birth year (+ 69) and the base FTE their employment rate; a unit
of two was forecast as a whole; a parent's group minus its child's gave the few between.

The attacker opens, as the analyst, every unit's scenario page, its XLSX, HTML and PDF
exports, the comparison and the backtest, reads every group's base-year headcount and
retirements back from the workbook, and looks for a group or unit of 1..k-1 people, a parent
minus a unit below it of 1..k-1 people in a group or in all, and a person's birth year. It
finds none; with the rule weakened (every unit and group shown) it finds the manager's.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from bemanna.analysis.forecast import over_time
from bemanna.analysis.forecast import shown as disclosure
from bemanna.conftest import PASSWORD
from bemanna.forecast import services
from bemanna.forecast.models import Scenario
from bemanna.pulse.tests.helpers import staffed_tree
from bemanna.tests import pdf
from bemanna.tests.xlsx import Workbook
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
BASE_YEAR = 2025
K = 5
TREE = {
    "R": None,
    "RS": "R",
    "RS1": "RS",
    "RS2": "RS",
    "RS3": "RS",
    "HS": "R",
    "HS1": "HS",
    "HS2": "HS",
}
# People on the base date per unit and group, by hand. RS1's manager is its only Chefer,
# born 1962; RS3 is a unit of two; HS has 6 + 2 Läkare, so HS minus HS1 would be HS2's two.
STAFF = {
    "RS": {"Sjuksköterskor": 3},
    "RS1": {"Sjuksköterskor": 6, "Chefer": 1},
    "RS2": {"Sjuksköterskor": 7, "Läkare": 5},
    "RS3": {"Undersköterskor": 2},
    "HS1": {"Sjuksköterskor": 8, "Läkare": 6},
    "HS2": {"Sjuksköterskor": 9, "Läkare": 2},
}
LONE = ("RS1", "Chefer", 1962)
REGION = sum(n for groups in STAFF.values() for n in groups.values())  # 49 people


def below(code):
    return [c for c in TREE if c != code and code in _chain(c)]


def _chain(code):
    chain = []
    while code is not None:
        chain.append(code)
        code = TREE[code]
    return chain


def people(code, group=None):
    return sum(
        n
        for unit in [code, *below(code)]
        for g, n in STAFF.get(unit, {}).items()
        if group in (None, g)
    )


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = staffed_tree(TREE, STAFF, born={LONE[:2]: LONE[2]})
    # Five nurses hired in 2025, so the backtest has data up to the years it checks: five,
    # not one, or the forecasts on 31 December 2024 and 2025 would differ by one person
    # (`test_attacker_base_dates`) and the later one be refused.
    late = Employment.objects.filter(unit=units["HS1"], profession__name="Sjuksköterskor")
    late.filter(pk__in=list(late.order_by("pk").values_list("pk", flat=True)[:5])).update(
        start=datetime.date(2025, 2, 1)
    )
    scenario = Scenario.objects.create(
        name="Nuläge", base_date=datetime.date(BASE_YEAR, 12, 31), draws=200, levers={}
    )
    assert client.login(username="analyst", password=PASSWORD)
    return units, scenario


def _label(text):
    with translation.override("sv"):
        return translation.gettext(text)


def scrape(client, scenario, codes=tuple(TREE), full=True):
    """Everything the analyst can open about every unit's forecast (`full`: besides the
    workbook, the page, the other exports, the comparison and the backtest)."""
    seen = {}
    for code in codes:
        page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": code})
        results = BeautifulSoup(page.content, "html.parser").select_one("section#results")
        xlsx = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": code})
        item = {
            "results": " ".join(results.get_text(" ").split()) if results else "",
            "results_html": str(results),
            "xlsx": xlsx,
            "texts": [],
            "status": {"xlsx": xlsx.status_code},
        }
        seen[code] = item
        if not full:
            continue
        for fmt in ("html", "pdf"):
            export = client.get(reverse("forecast:export", args=[scenario.pk, fmt]), {"unit": code})
            item["status"][fmt] = export.status_code
            if export.status_code == 200:
                item["texts"].append(_text(fmt, export.content))
        compare = client.get(reverse("forecast:compare"), {"unit": code, "s": scenario.pk})
        item["texts"].append(compare.content.decode())
        backtest = client.get(reverse("forecast:backtest"), {"unit": code})
        item["texts"].append(backtest.content.decode())
        for group in ("Chefer", "Läkare"):
            chosen = client.get(
                reverse("forecast:scenario", args=[scenario.pk]), {"unit": code, "group": group}
            )
            part = BeautifulSoup(chosen.content, "html.parser").select_one("section#results")
            item["texts"].append(str(part))
    return seen


def _text(fmt, content):
    if fmt == "html":
        return content.decode()
    return pdf.text(content)


def figures(item):
    """(group, year, measure) -> mean from the export's "Per yrkesgrupp" sheet."""
    if item["xlsx"].status_code != 200:
        return None
    rows = Workbook(item["xlsx"].content).rows("Per yrkesgrupp")
    return {
        (r[0], int(float(r[1])), r[2]): float(r[6])
        for r in rows[1:]
        if r[0] and r[1] is not None and len(r) > 6 and r[6] is not None
    }


def attack(seen):
    """What the attacker learns: groups or units of 1..k-1 people, differences of 1..k-1
    people, and birth years of groups of one."""
    headcount_label = _label("Supply (headcount)")
    fte_label = _label("Supply (FTE)")
    total = _label("All profession groups")
    found = []
    counts = {}
    for code, item in seen.items():
        table = figures(item)
        if table is None:
            continue
        groups = {g for g, _y, _m in table}
        for group in groups:
            n = round(table[(group, BASE_YEAR, headcount_label)])
            counts[(code, group)] = n
            if 0 < n < K:
                found.append(("few", code, group, n))
            if n == 1:
                # With no one hired lately, the group's supply ends in the last year its
                # person is under 69 (birth year + 68). People are whole numbers (a mean of
                # 0,3 persons is 0), so the attacker reads the FTE, shown with its decimal.
                years = [
                    y
                    for (g, y, m), mean in table.items()
                    if g == group and m == fte_label and mean > 0
                ]
                if max(years) < max(y for _g, y, _m in table):
                    found.append(("born", code, group, max(years) - 68))
        counts[(code, total)] = round(table[(total, BASE_YEAR, headcount_label)])
    for (code, group), n in counts.items():
        for inner in below(code):
            if (inner, group) in counts and 0 < n - counts[(inner, group)] < K:
                found.append(("difference", code, inner, group, n - counts[(inner, group)]))
    return found


def test_no_small_group_or_unit_is_shown_anywhere(client, region):
    _units, scenario = region
    seen = scrape(client, scenario)
    assert attack(seen) == []
    # The lone manager's group never appears in any result, nor the unit of two's figures.
    for code, item in seen.items():
        assert "Chefer" not in item["results_html"], code
        assert all("Chefer" not in text for text in item["texts"]), code
        rows = figures(item)
        if rows is not None:
            assert "Chefer" not in {g for g, _y, _m in rows}
    # RS3 (2 people) is refused with the reason, and its exports with it.
    with translation.override("sv"):
        reason = services.refused(region[0]["RS3"], K)
    assert reason in seen["RS3"]["results"]
    assert seen["RS3"]["status"] == {"xlsx": 302, "html": 302, "pdf": 302}
    # Every other unit's reports are made, with its groups merged (the prices per group
    # too: the seeded cost table prices every group).
    for code in set(TREE) - {"RS3"}:
        assert seen[code]["status"] == {"xlsx": 200, "html": 200, "pdf": 200}, code
        assert "Sjuksköterskor" not in seen[code]["results_html"] or code == "R"
    # The region's total is the 49 people on the base date at 100 %, as before.
    table = figures(seen["R"])
    total = _label("All profession groups")
    assert table[(total, BASE_YEAR, _label("Supply (headcount)"))] == REGION
    assert table[(total, BASE_YEAR, _label("Supply (FTE)"))] == pytest.approx(REGION)
    # The merged rest is on the region's page: 49 people minus the groups shown there.
    groups = {g for g, _y, _m in table} - {total}
    assert "Övriga yrkesgrupper" in groups or groups == set()
    shown = sum(table[(g, BASE_YEAR, _label("Supply (headcount)"))] for g in groups)
    assert shown in (0, REGION)


def test_with_the_rule_weakened_the_attacker_finds_the_birth_year(client, region, monkeypatch):
    _units, scenario = region
    fixed = figures(scrape(client, scenario, ["R"], full=False)["R"])

    def everything(parents, cells, k):
        groups = frozenset(g for _unit, g in cells)
        return disclosure.Shown(k, frozenset(parents), frozenset(parents), groups)

    monkeypatch.setattr(disclosure, "decide", everything)
    # Every day on its own too (the years side by side are `test_attacker_base_dates`').
    monkeypatch.setattr(
        over_time, "over_time", lambda releases, figures, fixed=None: [r.shown for r in releases]
    )
    services.clear_caches()
    cache.clear()
    seen = scrape(client, scenario, ["R", "RS", "RS1", "RS3", "HS", "HS1"], full=False)
    found = attack(seen)
    assert ("born", *LONE) in found
    assert ("few", "RS3", "Undersköterskor", 2) in found
    assert ("difference", "HS", "HS1", "Läkare", 2) in found
    # The region's total is the same with every group shown or some merged.
    total = _label("All profession groups")
    weak = figures(seen["R"])
    assert {k: v for k, v in weak.items() if k[0] == total} == {
        k: v for k, v in fixed.items() if k[0] == total
    }


def test_the_decision_by_hand():
    """The units and groups of the tree above, decided by the shared rules (k = 5)."""
    cells = {(u, g): n for u, groups in STAFF.items() for g, n in groups.items()}
    shown = disclosure.decide(TREE, cells, K)
    # RS3 (2) is refused; every other unit holds at least 5, and no residual is 1..4
    # (RS's own 3 nurses and RS3's 2 are 5).
    assert set(shown.units) == set(TREE) - {"RS3"}
    assert all(people(u) >= K for u in shown.units)
    # RS1's lone manager and HS2's 2 doctors keep their groups off every page but the
    # region's, where only the nurses (33) are shown beside the other 16 merged.
    assert shown.pages == {"R"}
    assert shown.groups == {"Sjuksköterskor"}
    assert people("R", "Sjuksköterskor") == 33 and REGION - 33 == 16


def test_the_command_line_follows_the_same_rule(region, tmp_path):
    """`bemanna forecast --unit`: the unit of two refused, no lone group in the workbook."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("forecast", scenario="Nuläge", unit="RS3", out=str(tmp_path / "a.xlsx"))
    with translation.override("sv"):
        assert str(refused.value) == services.refused(region[0]["RS3"], K)
    call_command("forecast", scenario="Nuläge", unit="RS", out=str(tmp_path / "rs.xlsx"))
    rows = Workbook((tmp_path / "rs.xlsx").read_bytes()).rows("Per yrkesgrupp")
    groups = {r[0] for r in rows[1:] if r[0] and r[1] is not None}
    # RS shows no group on its own (see the decision above): its total alone.
    assert groups == {_label("All profession groups")}
