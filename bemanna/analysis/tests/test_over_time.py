"""Days side by side (issue 12): no difference of two shown days is a few people's figures.

The attacker here knows nothing of blocks: for every pair of days, every unit shown on both
and every set of units shown on both below it, it takes the unit's figure minus those units'
figures on each day, and counts the people whose share of that difference is not 0, straight
from their records. Every such count must be 0 or at least k.
"""

import datetime
from itertools import combinations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.forecast import shown
from bemanna.analysis.forecast.over_time import Release, over_time

K = 3
DAYS = [datetime.date(2022, 12, 31), datetime.date(2023, 12, 31), datetime.date(2024, 12, 31)]


def _subtree(parents, unit):
    found = {unit}
    grew = True
    while grew:
        grew = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                grew = True
    return found


def _release(day, parents, people):
    frame = pl.DataFrame(
        people,
        schema={"person": pl.Int64, "unit_id": pl.String, "group": pl.String, "rate": pl.Float64},
        orient="row",
    )
    cells = {}
    for _person, unit, group, _rate in people:
        cells[(unit, group)] = cells.get((unit, group), 0) + 1
    return Release(day, parents, frame, shown.decide(parents, cells, K))


def _leaks(releases, decided):
    """Every (day pair, unit, units below, part) whose difference is 1..k-1 people's."""
    found = []
    for (i, a), (j, b) in combinations(list(enumerate(releases)), 2):
        for kind in ("units", "pages"):
            both = getattr(decided[i], kind) & getattr(decided[j], kind)
            parts = [None]
            if kind == "pages":
                common = decided[i].groups & decided[j].groups
                parts = [*sorted(common), "rest"]
            for unit in both:
                below = [u for u in both if u != unit and u in _subtree(b.parents, unit)]
                for size in range(len(below) + 1):
                    for cut in combinations(below, size):
                        for part in parts:
                            n = _contributors(a, b, unit, cut, part, common if part else ())
                            if 0 < n < K:
                                found.append((a.day, b.day, unit, cut, part, n))
    return found


def _contributors(a, b, unit, cut, part, common):
    def share(release):
        inside = _subtree(release.parents, unit)
        for u in cut:
            inside -= _subtree(release.parents, u)
        shares = {}
        for person, u, group, rate in release.people.iter_rows():
            in_part = part is None or (group == part if part != "rest" else group not in common)
            if u in inside and in_part:
                shares[person] = rate
        return shares

    before, after = share(a), share(b)
    return sum(
        1
        for p in set(before) | set(after)
        if round(before.get(p, 0.0), 6) != round(after.get(p, 0.0), 6)
    )


@st.composite
def histories(draw):
    n_units = draw(st.integers(3, 6))
    names = [f"u{i}" for i in range(n_units)]
    parents = {names[0]: None}
    for i in range(1, n_units):
        parents[names[i]] = names[draw(st.integers(0, i - 1))]
    people = []
    for person in range(draw(st.integers(6, 18))):
        people.append(
            (
                person,
                names[draw(st.integers(0, n_units - 1))],
                draw(st.sampled_from("AB")),
                draw(st.sampled_from([50.0, 100.0])),
            )
        )
    days = [list(people)]
    trees = [parents]
    for _ in DAYS[1:]:
        now = []
        for person, unit, group, rate in days[-1]:
            change = draw(
                st.sampled_from(["stay", "stay", "stay", "move", "rate", "group", "leave"])
            )
            if change == "move":
                unit = names[draw(st.integers(0, n_units - 1))]
            elif change == "rate":
                rate = 150.0 - rate
            elif change == "group":
                group = "B" if group == "A" else "A"
            if change != "leave":
                now.append((person, unit, group, rate))
        for person in range(100 + len(days) * 10, 100 + len(days) * 10 + draw(st.integers(0, 2))):
            now.append((person, names[draw(st.integers(0, n_units - 1))], "A", 100.0))
        tree = dict(trees[-1])
        if draw(st.booleans()) and n_units > 3:
            # A reorganisation: a unit below the root gets another parent (not below itself).
            moved = names[draw(st.integers(1, n_units - 1))]
            choices = [u for u in names if u not in _subtree(tree, moved)]
            tree[moved] = choices[draw(st.integers(0, len(choices) - 1))]
        days.append(now)
        trees.append(tree)
    return [
        _release(day, tree, people) for day, tree, people in zip(DAYS, trees, days, strict=True)
    ]


@settings(max_examples=300, deadline=None)
@given(histories())
def test_no_difference_of_two_shown_days_is_fewer_than_k_people(releases):
    decided = over_time(releases, ["rate"])
    assert _leaks(releases, decided) == []


@settings(max_examples=100, deadline=None)
@given(histories())
def test_it_only_narrows_each_days_own_decision(releases):
    decided = over_time(releases, ["rate"])
    for release, final in zip(releases, decided, strict=True):
        assert final.units <= release.shown.units
        assert final.pages <= final.units and final.pages <= release.shown.pages
    # The first day has nothing before it.
    assert decided[0] == releases[0].shown


def test_the_attacker_finds_one_nurse_without_the_rule():
    # Mutation: the days' own decisions side by side give her rate change away.
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    before = [(p, "a" if p < 4 else "b", "A", 100.0) for p in range(8)]
    after = [(0, "a", "A", 50.0)] + before[1:]
    releases = [_release(DAYS[0], tree, before), _release(DAYS[1], tree, after)]
    own = [r.shown for r in releases]
    assert ("a" in own[1].units) and _leaks(releases, own)
    assert _leaks(releases, over_time(releases, ["rate"])) == []


def test_a_move_between_two_wards_is_no_change_of_their_clinic():
    # Three nurses move from ward a to ward b at the same rate: a and b each change by
    # three people (k = 3), the clinic by no one, so all three stay shown.
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    before = [(p, "a" if p < 6 else "b", "A", 100.0) for p in range(12)]
    after = [(p, "b" if p < 3 else u, g, r) for p, u, g, r in before]
    releases = [_release(DAYS[0], tree, before), _release(DAYS[1], tree, after)]
    decided = over_time(releases, ["rate"])
    assert decided[1].units == {"clinic", "a", "b"}
    assert _leaks(releases, decided) == []


@pytest.mark.parametrize("k", [3, 5])
def test_k_is_the_larger_of_the_two_days(k):
    tree = {"clinic": None, "a": "clinic"}
    before = [(p, "a", "A", 100.0) for p in range(10)]
    after = [(p, "a", "A", 50.0 if p < 4 else 100.0) for p in range(10)]
    first = _release(DAYS[0], tree, before)
    second = _release(DAYS[1], tree, after)
    first = Release(first.day, tree, first.people, shown.decide(tree, {("a", "A"): 10}, k))
    decided = over_time([first, second], ["rate"])
    # Four nurses changed their rate: enough for k = 3, not for k = 5.
    assert ("a" in decided[1].units) == (k == 3)
