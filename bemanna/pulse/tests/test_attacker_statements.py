"""The attacker against the per-statement pages, the eNPS distribution, the key drivers and
the export's per-statement sheet: random organisations and answers (those of
`test_attacker`), everything the analyst and a manager can see collected, and the attacker
solves for any group of fewer than k_text answers to a statement. It must find none.

Solving for the answer counts is enough: a distribution (1–5 or 0–10) is a vector of counts
that adds up over the tree the same way as the number of answers, so a small group's
distribution can be computed from what is shown exactly when its count can.
"""

import fastexcel
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from bemanna.accounts.models import Role
from bemanna.analysis.tests.test_disclosure import derivable_small_groups
from bemanna.conftest import PASSWORD, make_user
from bemanna.pulse.tests.test_attacker import K_TEXT, _build, organisations

ITEM = "hme_motivation_1"


def _seen_on_pages(client, pulse, codes, waves):
    """(what, wave id, unit code) for every figure on the per-statement pages."""
    seen = set()
    for wave in waves:
        for code in codes:
            page = client.get(
                reverse("pulse:statements", args=[pulse.pk]), {"unit": code, "wave": wave.pk}
            )
            if page.status_code != 200:
                continue
            soup = BeautifulSoup(page.content, "html.parser")
            table = soup.select_one("#statements")
            if table is None:
                continue
            assert int(table["data-wave"]) == wave.pk
            for row in table.select("tr[data-key]"):
                if row.select("td[data-figure]"):
                    seen.add((row["data-key"], wave.pk, code))
            if soup.select_one("#enps-distribution"):
                seen.add(("enps", wave.pk, code))
            if soup.select_one("#drivers"):
                seen.add(("drivers", wave.pk, code))
    return seen


def _seen_in_export(client, pulse):
    response = client.get(reverse("pulse:export", args=[pulse.pk]))
    if response.status_code != 200:
        return set()
    reader = fastexcel.read_excel(response.content)
    frame = reader.load_sheet("Per påstående", header_row=3).to_polars()
    waves = {w.opens.isoformat(): w.pk for w in pulse.waves.all()}
    return {
        (row["Nyckel"], waves[row["Omgång"]], row["Enhetskod"])
        for row in frame.iter_rows(named=True)
        if row["Svar"] is not None
    }


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(organisations())
def test_no_statement_or_distribution_lets_anyone_solve_for_a_small_group(client, db, organisation):
    parents, staff, answers, hme, managed = organisation
    with transaction.atomic():
        units, pulse, waves = _build(parents, staff, answers, hme)
        closed = [w for w in waves if w.status == "closed"]
        analyst = make_user("attacker-analyst", Role.ANALYST)
        boss = make_user("attacker-manager", Role.MANAGER)
        units[managed].manager = boss
        units[managed].save()
        codes = [f"U{u}" for u in parents]
        seen = set()
        for user in (analyst, boss):
            client.login(username=user.username, password=PASSWORD)
            seen |= _seen_on_pages(client, pulse, codes, closed)
            seen |= _seen_in_export(client, pulse)
        tree = {f"U{u}": (f"U{p}" if p is not None else None) for u, p in parents.items()}
        for index, wave in enumerate(waves):
            own = {f"U{u}": answers[(index, u)] for u in parents}
            own_item = {f"U{u}": hme[(index, u)] for u in parents}
            for what, counts in (
                (ITEM, own_item),
                ("enps", own),
                ("drivers", own),
            ):
                shown = sorted(u for w, v, u in seen if w == what and v == wave.pk)
                assert derivable_small_groups(tree, counts, shown, K_TEXT) == [], (what, index)
                # And never a group under k_text itself, even one nobody could subtract.
                assert all(
                    sum(c for a, c in counts.items() if _within(tree, a, u)) >= K_TEXT
                    for u in shown
                ), (what, index)
        # Statements nobody answered are never shown.
        assert not {key for key, _w, _u in seen} - {
            ITEM,
            "hme_motivation_2",
            "hme_motivation_3",
            "enps",
            "drivers",
        }
        # The attacker looked at something: the region's statement is shown when there are
        # enough answers to it and nothing else hides it.
        total = sum(hme[(0, u)] for u in parents)
        if total < K_TEXT:
            assert (ITEM, waves[0].pk, "U0") not in seen
        transaction.set_rollback(True)


def _within(tree, unit, top):
    while unit is not None:
        if unit == top:
            return True
        unit = tree[unit]
    return False


def _solve_small_groups(client, analyst, organisation):
    parents, staff, answers, hme, _managed = organisation
    units, pulse, waves = _build(parents, staff, answers, hme)
    client.login(username=analyst.username, password=PASSWORD)
    seen = _seen_on_pages(client, pulse, [f"U{u}" for u in parents], waves[:1])
    tree = {f"U{u}": (f"U{p}" if p is not None else None) for u, p in parents.items()}
    own_item = {f"U{u}": hme[(0, u)] for u in parents}
    shown = sorted(u for w, v, u in seen if w == ITEM and v == waves[0].pk)
    return shown, derivable_small_groups(tree, own_item, shown, K_TEXT)


# A region over two wards: 8 answered the statements in one, 2 of the 7 in the other.
SMALL = (
    {0: None, 1: 0, 2: 0},
    {0: 0, 1: 8, 2: 7},
    {(w, u): n for w in range(3) for u, n in ((0, 0), (1, 8), (2, 7))},
    {(w, u): n for w in range(3) for u, n in ((0, 0), (1, 8), (2, 2))},
    0,
)


def test_the_attacker_finds_the_two_when_the_suppression_is_off(client, analyst, monkeypatch):
    from bemanna.analysis.disclosure import subtree_totals
    from bemanna.pulse import results

    def threshold_only(report, own):
        return {u for u, n in subtree_totals(report.parents, own).items() if n >= report.k_text}

    monkeypatch.setattr(results.WaveReport, "statement_units", threshold_only)
    shown, found = _solve_small_groups(client, analyst, SMALL)
    assert shown == ["U0", "U1"] and found == [(["U2"], 2)]


def test_with_the_suppression_the_region_alone_is_shown(client, analyst):
    shown, found = _solve_small_groups(client, analyst, SMALL)
    assert shown == ["U0"] and found == []
