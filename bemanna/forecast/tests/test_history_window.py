"""Historik's ten years move on when a year closes (an insider review of Region Demo): on
1 February the oldest year drops out and the years are decided side by side again
(`over_time`) from the new first year on, which was then decided without the year before it.
Cells hidden the day before became shown (366 on the demo, 2027-01-31 → 2027-02-01), such as
a ward's 2017 FTE beside its 2016 FTE shown the day before: one hire's rate.

A closed year's 31 December, once decided, keeps its decision (`PublishedYear.history`). The
insider reads every unit's page on 31 January 2027 (years 2016–2025) and on 1 February
(2017–2026): each year on both pages shows the same, and ward W's 2017 FTE (one hire, by
hand) stays hidden. The new year, 2026, is decided against the year the window left as
well (2016, shown the day before). With the kept decisions not read (the mutations) W's
2017 FTE, or its 2026 FTE, is shown.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import EXTRACT_HEADER, PASSWORD
from bemanna.forecast import shown_past
from bemanna.org.models import PublishedYear
from bemanna.workforce import frames
from bemanna.workforce.services import import_employments, import_units

BEFORE = datetime.date(2027, 1, 31)  # Historik: 2016–2025
AFTER = datetime.date(2027, 2, 1)  # 2026 has closed: 2017–2026
UNITS = (
    "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
    "R;Region;;region;\nC;Klinik;R;klinik;\nW;Avdelning W;C;enhet;\nV;Avdelning V;C;enhet;\n"
)
ROW = "{id};1975;K;{unit};222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;{start};;"
CODES = ("R", "C", "W", "V")


def _extract() -> bytes:
    # W: ten nurses since 2010 and one hired on 1 March 2017; V: twenty since 2010.
    rows = [ROW.format(id=1000 + n, unit="W", start="2010-01-01") for n in range(10)]
    rows.append(ROW.format(id=1099, unit="W", start="2017-03-01"))
    rows += [ROW.format(id=2000 + n, unit="V", start="2010-01-01") for n in range(20)]
    return (EXTRACT_HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def region(db, analyst, monkeypatch):
    today = [BEFORE]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: today[0])
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract()), filename="hr.csv", today=BEFORE)
    return today


def _rows(client) -> dict[tuple[str, int], list[str]]:
    """Per (unit, year), the cells of the year's row of the unit's page as the analyst sees
    them."""
    client.login(username="analyst", password=PASSWORD)
    seen = {}
    for code in CODES:
        page = client.get(reverse("forecast:history"), {"unit": code})
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        for tr in soup.select("table#history tbody tr"):
            cells = [" ".join(td.get_text(" ", strip=True).split()) for td in tr.find_all("td")]
            seen[(code, int(cells[0]))] = cells
    return seen


def _fte(rows, code: str, year: int) -> str:
    return rows[(code, year)][2]  # year, headcount, FTE, …


def test_a_year_shows_the_same_after_the_window_moves(client, region):
    before = _rows(client)
    assert {year for _code, year in before} == set(range(2016, 2026))
    # By hand: W's FTE is 10,0 in 2016 and 11,0 in 2017, one hire's rate: 2017 is hidden
    # (and the clinic's and the region's, by the same one person).
    assert _fte(before, "W", 2016) == "10,0"
    assert _fte(before, "W", 2017) == "–"
    assert PublishedYear.objects.filter(history__isnull=False).count() == 10
    region[0] = AFTER
    frames.forget()
    after = _rows(client)
    assert {year for _code, year in after} == set(range(2017, 2027))
    for (code, year), cells in after.items():
        if year <= 2025:
            assert cells == before[(code, year)], (code, year)
    assert _fte(after, "W", 2017) == "–"
    # 2026 is decided against 2016 too (shown the day before): 11,0 beside 10,0 would be
    # the hire's rate.
    assert _fte(after, "W", 2026) == "–"
    assert PublishedYear.objects.filter(history__isnull=False).count() == 11


def test_the_mutation_without_the_kept_decisions_shows_the_hire(client, region, monkeypatch):
    before = _rows(client)
    assert _fte(before, "W", 2017) == "–"
    monkeypatch.setattr(shown_past, "kept_decisions", lambda kept: {})
    monkeypatch.setattr(shown_past, "_dropped", lambda kept: None)
    region[0] = AFTER
    frames.forget()
    after = _rows(client)
    # 2017 decided alone: W's 11,0 beside 2016's 10,0 (the day before) is the hire's rate.
    assert _fte(after, "W", 2017) == "11,0"


def test_the_mutation_without_the_year_left_shows_the_hire(client, region, monkeypatch):
    _rows(client)
    monkeypatch.setattr(shown_past, "_dropped", lambda kept: None)
    region[0] = AFTER
    frames.forget()
    after = _rows(client)
    assert _fte(after, "W", 2017) == "–"
    # 2026 decided without 2016: W's 11,0 beside 2016's 10,0 is the hire's rate.
    assert _fte(after, "W", 2026) == "11,0"


def test_reopening_the_years_forgets_their_decisions(client, region):
    from django.core.management import call_command

    _rows(client)
    call_command("reopen_years", "2020", "--yes", stdout=io.StringIO())
    kept = PublishedYear.objects.filter(history__isnull=False)
    assert sorted(kept.values_list("year", flat=True)) == list(range(2016, 2020))


def test_a_decision_is_kept_once_unless_k_was_raised_or_the_rule_changed(client, region):
    from bemanna.org import frozen

    _rows(client)
    kept = PublishedYear.objects.get(year=2016).history
    same_k = {**kept, "fte": {**kept["fte"], "units": []}}
    frozen.keep_history({2016: same_k})  # another process was first: theirs stands
    assert PublishedYear.objects.get(year=2016).history == kept
    raised = {**same_k, "k": kept["k"] + 1}
    frozen.keep_history({2016: raised})  # the setting raised k: decided again
    assert PublishedYear.objects.get(year=2016).history == raised
    older = {key: value for key, value in raised.items() if key != "rule"}
    PublishedYear.objects.filter(year=2016).update(history=older)
    frozen.keep_history({2016: raised})  # kept by the first rule: decided again
    assert PublishedYear.objects.get(year=2016).history == raised
    stricter = {**raised, "rule": raised["rule"] + 1}
    frozen.keep_history({2016: stricter})  # a rule made stricter since
    assert PublishedYear.objects.get(year=2016).history == stricter


@pytest.mark.parametrize("bounded", [True, False])
def test_a_raised_k_shows_nothing_the_lower_one_hid(client, region, settings, monkeypatch, bounded):
    # An insider raised BEMANNA_MIN_GROUP between two looks: decided afresh at the higher k,
    # a year showed units the lower k had hidden (hiding others instead), and the two looks
    # together gave a hidden unit's FTE. The decision at the higher k stays within the one
    # kept: here the kept 2019 decision hid ward V (as a lower k's choice may), and V stays
    # hidden; decided afresh (the mutation), it shows V's twenty nurses.
    from dataclasses import replace

    settings.MIN_GROUP = 5
    _rows(client)
    row = PublishedYear.objects.get(year=2019)
    v = frozen_unit("V")
    fte, ages = (shown_past._shown(row.history[part]) for part in ("fte", "ages"))
    assert v in fte.units
    hid_v = replace(fte, units=fte.units - {v}, pages=fte.pages - {v})
    row.history = shown_past._stored(hid_v, replace(ages, units=ages.units - {v}))
    row.save(update_fields=["history"])
    if not bounded:
        monkeypatch.setattr(shown_past, "_bounds", lambda kept: {})
    settings.MIN_GROUP = 6
    frames.forget()
    after = _rows(client)
    assert _fte(after, "V", 2019) == ("–" if bounded else "20,0")
    assert _fte(after, "V", 2018) == "20,0"  # a year whose kept decision showed V


@pytest.mark.parametrize("bounded", [True, False])
def test_a_year_kept_by_an_older_rule_is_decided_again_within_it(
    client, region, monkeypatch, bounded
):
    # An upgrade made the rule stricter (rule 2 compares sums of blocks of two days,
    # `over_time.few_apart`): a year kept by the older rule is decided again by the new one,
    # and shows nothing the old one hid. Here the kept 2019 decision (no "rule": the first)
    # hid ward V; decided again it keeps V hidden, and is kept by the current rule. Decided afresh
    # (the mutation), it shows V's twenty nurses beside the page before.
    from dataclasses import replace

    from django.core.cache import cache

    _rows(client)
    row = PublishedYear.objects.get(year=2019)
    v = frozen_unit("V")
    fte, ages = (shown_past._shown(row.history[part]) for part in ("fte", "ages"))
    hid_v = replace(fte, units=fte.units - {v}, pages=fte.pages - {v})
    old = shown_past._stored(hid_v, replace(ages, units=ages.units - {v}))
    del old["rule"]
    row.history = old
    row.save(update_fields=["history"])
    if not bounded:
        monkeypatch.setattr(shown_past, "_bounds", lambda kept: {})
    shown_past.clear()
    cache.clear()
    frames.forget()
    after = _rows(client)
    assert _fte(after, "V", 2019) == ("–" if bounded else "20,0")
    assert PublishedYear.objects.get(year=2019).history["rule"] == shown_past.RULE == 5


def frozen_unit(code: str) -> int:
    from bemanna.org.models import Unit

    return Unit.objects.get(code=code).pk


@pytest.mark.parametrize(
    "rule,given", [(True, False), (False, False), (True, True), ("no given", True)]
)
def test_a_unit_hidden_for_the_whole_window_stays_hidden(client, region, monkeypatch, rule, given):
    # An insider (round 4) kept a page from more than ten years back: a ward shown then,
    # hidden in every year since (under k, or hidden by one person's change), shown again in
    # a new year would beside the old page give the few who came, left or changed their
    # rate, as the new year is decided against the window and the year just left only.
    # Here ward V shows 20,0 in 2015, the kept decisions hide it in 2016–2025 (as they would
    # a ward of four), and 2026 closes: V stays hidden. Without the rule (the mutation) its
    # 2026 FTE, 20,0, is shown beside 2015's. `given`: 2015 showed the clinic and ward W
    # but not V, whose FTE was the clinic's minus W's all the same (an insider's sixth
    # round): V stays hidden too, unless the units below shown ones are not counted.
    from dataclasses import replace

    _rows(client)
    v = frozen_unit("V")
    for row in PublishedYear.objects.filter(history__isnull=False):
        fte, ages = (shown_past._shown(row.history[part]) for part in ("fte", "ages"))
        assert v in fte.units
        hid_v = replace(fte, units=fte.units - {v}, pages=fte.pages - {v})
        row.history = shown_past._stored(hid_v, replace(ages, units=ages.units - {v}))
        row.save(update_fields=["history"])
    first = PublishedYear.objects.get(year=2016)
    PublishedYear.objects.create(
        year=2015,
        tree=first.tree,
        min_group=first.min_group,
        history=first.history
        if given
        else shown_past._stored(*(shown_past._shown(h) for h in _shown_v(first, v))),
    )
    if given:
        assert frozen_unit("C") in PublishedYear.objects.get(year=2015).history["fte"]["units"]
    if rule is False:
        nothing = (frozenset(), frozenset())
        monkeypatch.setattr(
            shown_past, "_long_hidden", lambda kept: dict.fromkeys(("fte", "ages"), nothing)
        )
    if rule == "no given":
        monkeypatch.setattr(shown_past, "_below_shown", lambda tree, shown: set())
    region[0] = AFTER
    frames.forget()
    after = _rows(client)
    assert _fte(after, "V", 2025) == "–"  # as kept
    assert _fte(after, "V", 2026) == ("–" if rule is True else "20,0")


def _shown_v(row: PublishedYear, v: int) -> tuple[dict, dict]:
    """The row's kept decisions with V shown (as a year before the window showed it)."""
    fte, ages = (dict(row.history[part]) for part in ("fte", "ages"))
    fte["units"] = sorted({*fte["units"], v})
    fte["pages"] = sorted({*fte["pages"], v})
    ages["units"] = sorted({*ages["units"], v})
    return fte, ages
