"""The number invited in the Excel export (an insider review, item L4): the page shows it only
beside an exact result, and so must the workbook. Shown for a hidden unit it is the unit's
size however small; set against the exact units' counts it is the size of a hidden rest.

The attacker reads the workbook back (every cell as text), takes every "Invited" shown as
the sum of the invitations in the unit's subtree, and solves for any set of units holding
1..k-1 people (exact rational row reduction). It finds nothing; with the export's old rule
(the number invited on every row) it finds the hidden unit of four."""

import datetime

import fastexcel
from django.urls import reverse

from bemanna.analysis import disclosure
from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse
from bemanna.pulse.tests.helpers import add_staff, answer, make_tree

K, K_TEXT = 5, 10
TREE = {"U0": None, "U1": "U0", "U2": "U0", "U3": "U0"}
# The region's own five (so that the rest beside U1 and U2 holds k), U1 exact, U2 coarse
# (8 answers, under k_text), U3 hidden (four people, no answers).
STAFF = {"U0": 5, "U1": 12, "U2": 8, "U3": 4}
ANSWERS = {"U0": 5, "U1": 12, "U2": 8, "U3": 0}


def _pulse() -> Pulse:
    units = make_tree(TREE)
    for code, count in STAFF.items():
        add_staff(units[code], count)
    pulse = Pulse.objects.create(name="Inbjudna", min_answers=K, min_answers_text=K_TEXT)
    pulse.units.add(units["U0"])
    wave = services.open_wave(pulse, datetime.date(2026, 1, 10))
    for code, n in ANSWERS.items():
        answer(wave, ([9, 7, 3, 10] * n)[:n], unit=units[code])
    services.close_wave(wave)
    return pulse


def _invited_in_workbook(client, pulse) -> dict[str, int]:
    content = client.get(reverse("pulse:export", args=[pulse.pk])).content
    sheet = fastexcel.read_excel(content).load_sheet(0, header_row=3, dtypes="string")
    return {
        row["Enhetskod"]: round(float(row["Inbjudna"]))
        for row in sheet.to_polars().iter_rows(named=True)
        if row["Inbjudna"] is not None
    }


def _members(code: str) -> list[str]:
    return subtree(TREE, code, STAFF)


def _attack(client, analyst) -> tuple[dict[str, int], list]:
    client.login(username=analyst.username, password=PASSWORD)
    pulse = _pulse()
    seen = _invited_in_workbook(client, pulse)
    for code, invited in seen.items():  # the attacker reads the figures right
        assert invited == sum(STAFF[u] for u in _members(code))
    return seen, derivable_small_sets(STAFF, [_members(code) for code in seen], K)


def test_the_workbook_shows_no_number_invited_beside_a_hidden_or_coarse_result(client, analyst):
    seen, found = _attack(client, analyst)
    # The region and U1 are exact; U2 is coarse (8 answers) and U3 hidden (no answers).
    assert seen == {"U0": 29, "U1": 12}
    assert found == []


def test_the_mutation_the_number_invited_on_every_row_gives_the_four_away(
    client, analyst, monkeypatch
):
    monkeypatch.setattr(results.UnitResult, "invited_shown", property(lambda self: self.invited))
    # U3's invitations are counted under the region (four: too few for a unit of their own,
    # `disclosure.counting_units`), which hides them too; without that, this rule alone.
    monkeypatch.setattr(
        disclosure, "counting_units", lambda _parents, invited, _k: {unit: unit for unit in invited}
    )
    seen, found = _attack(client, analyst)
    assert seen["U3"] == 4
    assert (["U3"], 4) in found
