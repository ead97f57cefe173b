"""The attacker against a targeted survey: the results pages show the unit tree for a wave,
and the region's page the same answers per profession group (the levers). Every page is
scraped as analyst and manager, and unit × group cells are solved for together (every empty
cell known to the attacker). It must find no set of answers under the threshold."""

import datetime

from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bemanna.analysis.tests.solver import derivable_small_sets, tree_and_groups_sums
from bemanna.conftest import PASSWORD
from bemanna.org.models import Unit
from bemanna.pulse import services, targeted
from bemanna.pulse.models import Purpose, QuestionRole
from bemanna.pulse.tests.helpers import add_staff
from bemanna.pulse.tests.test_attacker import _seen_on_pages
from bemanna.tests.strategies import (
    any_unit,
    attackers,
    build_units,
    by_code,
    each_partition_alone,
    end_to_end,
    trees,
)

OPENS = datetime.date(2026, 3, 2)
GROUPS = ("G1", "G2", "G3")
K = 3


@st.composite
def organisations(draw):
    parents = draw(trees(5))
    answers = {(u, g): draw(st.integers(0, 4)) for u in parents for g in GROUPS}
    managed = draw(any_unit(parents))
    return parents, answers, managed


def _build(parents, answers):
    units = build_units(parents)
    for (u, group), n in answers.items():
        add_staff(units[u], n + 1, rate=50, group=group)  # one more asked than answers
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    pulse.min_answers = pulse.min_answers_text = K  # the partition rule, not k_text's
    pulse.save()
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    for (u, group), n in answers.items():
        invitations = wave.invitations.filter(unit=units[u], segment=group).order_by("pk")
        for index, invitation in enumerate(invitations[:n]):
            services.submit_answer(
                invitation.pk,
                score=8,
                items={willing: index % 3},
                comment="",
                today=OPENS,
            )
    services.close_wave(wave)
    return pulse, wave


def _attack(client, parents, answers, managed):
    pulse, wave = _build(parents, answers)
    codes = [f"U{u}" for u in parents]
    seen, groups = set(), set()
    for user in attackers(Unit.objects.get(code=f"U{managed}")):
        client.login(username=user.username, password=PASSWORD)
        seen |= _seen_on_pages(client, pulse, codes)
        for code in codes:
            page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": code})
            soup = BeautifulSoup(page.content, "html.parser")
            groups |= {row["data-group"] for row in soup.select("#survey-levers tr[data-group]")}
    tree = by_code(parents)
    atoms = {(f"U{u}", g): n for (u, g), n in answers.items() if n}
    units = sorted({u for level, w, u in seen if level == "score" and w == wave.pk})
    sums = tree_and_groups_sums(tree, atoms, units, sorted(groups))
    return derivable_small_sets(atoms, sums, K), units, sorted(groups)


@end_to_end(max_examples=8)
@given(organisations())
def test_no_mix_of_unit_results_and_group_levers_gives_a_small_group_away(client, db, organisation):
    parents, answers, managed = organisation
    with transaction.atomic():
        leaks, _units, _groups = _attack(client, parents, answers, managed)
        assert leaks == []
        transaction.set_rollback(True)


# Ward 1: three G1 and one G2; ward 2: four G2. Every unit and group holds at least three,
# but G1 sits in ward 1 only: ward 1 minus G1 is one answer.
WARDS = {0: None, 1: 0, 2: 0}
ANSWERS = {(1, "G1"): 3, (1, "G2"): 1, (2, "G2"): 4, (1, "G3"): 0, (2, "G1"): 0, (2, "G3"): 0}
ANSWERS |= {(0, g): 0 for g in GROUPS}


def test_the_levers_leave_out_the_groups_that_would_leak(client, db):
    leaks, units, groups = _attack(client, WARDS, ANSWERS, 1)
    assert leaks == [] and units == ["U0", "U1", "U2"] and groups == []


def test_suppressing_each_partition_on_its_own_lets_the_attacker_through(client, db, monkeypatch):
    """The mutation check: the tree and the segments each suppressed on its own."""
    monkeypatch.setattr(targeted, "tree_and_partition", each_partition_alone)
    leaks, _units, groups = _attack(client, WARDS, ANSWERS, 1)
    assert groups == ["G1", "G2"]
    assert leaks == [([("U1", "G2")], 1)]
