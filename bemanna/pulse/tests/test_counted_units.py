"""A pulse answer is stored under its counting unit (`Invitation.counted_unit`): a team too
small ever to show a figure has its answers stored under the nearest unit above with k
invited, so that the stored unit does not narrow an answer to one or two people whom the HR
tables name, and every page shows what it showed with the answers under their own units.

The insider knows the rule (it is in the source) and the HR tables, so it can work out every
stored unit's pool (the people whose answers are stored there): it names each answer whose
pool is smaller than k. Against the rule it names nobody in this tree; with the answers under
their own units (the mapping replaced by the identity) it names the two small teams'.
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


def _region():
    units = make_tree(TREE)
    for code, count in STAFF.items():
        add_staff(units[code], count)
    return units


def _answered_wave(name: str):
    pulse = Pulse.objects.create(name=name, min_answers=K, min_answers_text=K)
    pulse.units.add(Unit.objects.get(code="R"))
    wave = services.open_wave(pulse, OPENS)
    for number, invitation in enumerate(wave.invitations.order_by("person_id")):
        services.submit_answer(invitation.pk, score=number % 11, items={}, comment="", today=OPENS)
    return wave


def pools_under_k(units) -> list[int]:
    """The stored answers the insider narrows to fewer than k people: each stored unit's pool
    worked out from the HR tables and the rule, as the insider can."""
    parents = {u.pk: u.parent_id for u in units.values()}
    staff = Counter(Employment.objects.values_list("unit_id", flat=True))
    mapping = disclosure.counting_units(parents, staff, K)
    pool = Counter()
    for unit, n in staff.items():
        pool[mapping[unit]] += n
    stored = Counter(Response.objects.values_list("unit_id", flat=True))
    return sorted(unit for unit, n in stored.items() for _ in range(n) if pool[unit] < K)


@pytest.mark.parametrize("rule", [True, False], ids=["counted", "own unit"])
def test_an_insider_with_the_hr_tables_narrows_no_stored_answer_below_k(db, monkeypatch, rule):
    units = _region()
    if not rule:
        monkeypatch.setattr(
            disclosure,
            "counting_units",
            lambda parents, invited, k: {unit: unit for unit in invited},
        )
    _answered_wave("Puls")
    if not rule:  # the insider's rule, as the source says
        monkeypatch.undo()
    found = pools_under_k(units)
    if rule:
        assert found == []
        stored = Counter(Response.objects.values_list("unit__code", flat=True))
        assert stored == {"A": 8, "F": 5, "C": 7, "D": 6}  # B and B2 under F, together
    else:
        assert found == sorted([units["B"].pk] * 2 + [units["B2"].pk] * 3)


def test_every_page_shows_what_it_showed_with_the_answers_under_their_own_units(db, monkeypatch):
    _region()
    counted = _answered_wave("Räknad")
    with monkeypatch.context() as patch:
        patch.setattr(
            disclosure,
            "counting_units",
            lambda parents, invited, k: {unit: unit for unit in invited},
        )
        own = _answered_wave("Egen")
    for wave in (counted, own):
        services.close_wave(wave)
        wave.refresh_from_db()
        assert wave.status == WaveStatus.CLOSED
    a, b = WaveReport(counted), WaveReport(own)
    assert a.shown == b.shown and a.shown  # R, F, A, G, C, D
    assert a.shown_text == b.shown_text
    assert a.statement_shown == b.statement_shown and a.hme_shown == b.hme_shown
    for unit in a.shown:
        assert a.invited[unit] == b.invited[unit]
        assert {name: sums[unit] for name, sums in a.sums.items()} == {
            name: sums[unit] for name, sums in b.sums.items()
        }
