"""A pulse answer is stored under its counting unit (`Invitation.counted_unit`): a team too
small ever to show a figure has its answers stored under the nearest unit above with k
invited, so that the stored unit does not narrow an answer to one or two people whom the HR
tables name, and every page shows what it showed with the answers under their own units.

The insider knows the rule (it is in the source) and the HR tables, so it can work out every
stored unit's pool (the people whose answers are stored there): it names each answer whose
pool is smaller than k. Against the rule it names nobody; with the answers under their own
units (the mapping replaced by the identity) it names the two small teams'; with only the
rule's first step (the nearest unit with k invited) it names a manager's and secretary's
above wards of their own, whose pool the rule makes k by taking in the smaller ward.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from bemanna.analysis import disclosure
from bemanna.org.models import Unit
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Response, WaveStatus
from bemanna.pulse.results import WaveReport
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce.models import Employment

OPENS = datetime.date(2026, 3, 2)
K = 5
TREE = {"R": None, "F": "R", "A": "F", "B": "F", "B2": "F", "G": "R", "C": "G", "D": "C"}
STAFF = {"A": 8, "B": 2, "B2": 3, "C": 7, "D": 6}
# A clinic's own two (its manager and secretary) above wards of 7 and 6 of their own.
MANAGED = {"R": None, "G": "R", "C": "G", "D": "G"}
MANAGED_STAFF = {"G": 2, "C": 7, "D": 6}


def _region(tree=TREE, staff=STAFF):
    units = make_tree(tree)
    for code, count in staff.items():
        add_staff(units[code], count)
    return units


def own_units(parents, invited, k):
    return {unit: unit for unit in invited}


def nearest_only(parents, invited, k):
    """The rule's first step alone: the nearest unit at or above with k invited below it."""

    def total(unit):
        below = 0
        for one, n in invited.items():
            at = one
            while at is not None and at != unit:
                at = parents[at]
            below += n if at == unit else 0
        return below

    mapping = {}
    for unit in invited:
        at = unit
        while total(at) < k and parents[at] is not None:
            at = parents[at]
        mapping[unit] = at
    return mapping


def _answered_wave(name: str):
    pulse = Pulse.objects.create(name=name, min_answers=K, min_answers_text=K)
    pulse.units.add(Unit.objects.get(code="R"))
    wave = services.open_wave(pulse, OPENS)
    for number, invitation in enumerate(wave.invitations.order_by("person_id")):
        services.submit_answer(invitation.pk, score=number % 11, items={}, comment="", today=OPENS)
    return wave


def pools_under_k(units, rule=disclosure.counting_units) -> list[int]:
    """The stored answers the insider narrows to fewer than k people: each stored unit's pool
    worked out from the HR tables and the rule, as the insider can."""
    parents = {u.pk: u.parent_id for u in units.values()}
    staff = Counter(Employment.objects.values_list("unit_id", flat=True))
    mapping = rule(parents, staff, K)
    pool = Counter()
    for unit, n in staff.items():
        pool[mapping[unit]] += n
    stored = Counter(Response.objects.values_list("unit_id", flat=True))
    return sorted(unit for unit, n in stored.items() for _ in range(n) if pool[unit] < K)


@pytest.mark.parametrize(
    "tree, staff, weakened, stored, named",
    [
        (TREE, STAFF, own_units, {"A": 8, "F": 5, "C": 7, "D": 6}, {"B": 2, "B2": 3}),
        (MANAGED, MANAGED_STAFF, nearest_only, {"G": 8, "C": 7}, {"G": 2}),
    ],
    ids=["small teams", "a manager above wards"],
)
@pytest.mark.parametrize("rule", [True, False], ids=["counted", "weakened"])
def test_an_insider_with_the_hr_tables_narrows_no_stored_answer_below_k(
    db, monkeypatch, tree, staff, weakened, stored, named, rule
):
    units = _region(tree, staff)
    if not rule:
        monkeypatch.setattr(disclosure, "counting_units", weakened)
    _answered_wave("Puls")
    found = pools_under_k(units, disclosure.counting_units)
    if rule:
        assert found == []
        assert Counter(Response.objects.values_list("unit__code", flat=True)) == stored
    else:
        assert found == sorted(units[code].pk for code, n in named.items() for _ in range(n))


@pytest.mark.parametrize("tree, staff", [(TREE, STAFF), (MANAGED, MANAGED_STAFF)])
def test_every_page_shows_what_it_showed_with_the_answers_under_their_own_units(
    db, monkeypatch, tree, staff
):
    _region(tree, staff)
    counted = _answered_wave("Räknad")
    with monkeypatch.context() as patch:
        patch.setattr(disclosure, "counting_units", own_units)
        own = _answered_wave("Egen")
    for wave in (counted, own):
        services.close_wave(wave)
        wave.refresh_from_db()
        assert wave.status == WaveStatus.CLOSED
    a, b = WaveReport(counted), WaveReport(own)
    assert a.shown == b.shown and a.shown  # R, F, A, G, C, D; or R, G, C (D hidden either way)
    assert a.shown_text == b.shown_text
    assert a.statement_shown == b.statement_shown and a.hme_shown == b.hme_shown
    for unit in a.shown:
        assert a.invited[unit] == b.invited[unit]
        assert {name: sums[unit] for name, sums in a.sums.items()} == {
            name: sums[unit] for name, sums in b.sums.items()
        }
