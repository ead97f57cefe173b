"""A page whose leavers of a block all left for one reason (an insider review of Region Demo):
the exit results showed Kollektivtrafiken's 2022–2023 "Egen begäran 100 %" of 14 leavers,
while Historik shows every unit's leavers a year, however few, so each team's two or three
leavers left at their own request. A page's split needs two reasons (or a reason and the
rest) with someone in its block (`disclosure.mixed_pages`).
"""

import datetime

import pytest
from django.test import Client

from bemanna.analysis import disclosure
from bemanna.conftest import PASSWORD
from bemanna.exits import results
from bemanna.exits.tests.test_attacker_end_reasons import exit_splits_seen, region_with_leavers

TODAY = datetime.date(2026, 6, 1)
TREE = {"R": None, "C": "R", "Ca": "C", "Cb": "C", "D": "R", "Da": "D", "Db": "D"}
# The leavers of 2025 per ward and HR end reason, by hand: C's 12 all at their own request.
LEAVERS = {
    "Ca": {"own_request": 4},
    "Cb": {"own_request": 8},
    "Da": {"own_request": 6, "retirement": 6},
    "Db": {"retirement": 6, "fixed_term_ended": 6},
}


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return region_with_leavers(TREE, LEAVERS, "Da")


def _seen():
    client = Client()
    client.login(username="analyst", password=PASSWORD)
    return exit_splits_seen(client, TREE)


def test_a_page_of_one_reason_shows_no_split(region):
    seen = _seen()
    # By hand: C's 12 (from k_text 10) all own request: no split; D's 24 hold three
    # reasons of 6 or more; the region's block is then C's 12 alone (R minus D), all own
    # request again: no split there either.
    assert seen["C"] == (12, None)
    assert seen["D"][1] == {"own_request": 6, "retirement": 12, "fixed_term_ended": 6}
    assert seen["R"] == (36, None)


def test_the_mutation_a_uniform_page_gives_its_teams_reason(region, monkeypatch):
    monkeypatch.setattr(results, "mixed_pages", lambda parents, cells, pages, parts: pages)
    seen = _seen()
    # C's 12 all own request beside Ca's 4 and Cb's 8 on Historik: each team's reason.
    assert seen["C"] == (12, {"own_request": 12})


def test_mixed_pages_is_the_rule_used():
    assert results.mixed_pages is disclosure.mixed_pages
