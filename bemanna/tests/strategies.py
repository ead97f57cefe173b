"""What the attacker tests share: a random unit tree (a Hypothesis strategy), its units in the
database, the tree by unit code as the pages name the units, the settings of an end-to-end
run, and the mutation that suppresses each partition on its own.

Unit u is "U{u}"; unit 0 is the region and every other unit hangs under a lower number, so a
drawn tree is always one tree.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from bemanna.accounts.models import Role
from bemanna.analysis import disclosure
from bemanna.conftest import make_user
from bemanna.org.models import Level, Unit

Parents = dict[int, int | None]


@st.composite
def trees(draw, max_size: int, min_size: int = 2) -> Parents:
    """unit → its parent (None for the region), between min_size and max_size units."""
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    return {0: None} | {u: draw(st.integers(0, u - 1)) for u in range(1, size)}


def any_unit(parents: Parents) -> st.SearchStrategy[int]:
    """One of the tree's units (the one a manager is given, say)."""
    return st.integers(0, len(parents) - 1)


def build_units(parents: Parents) -> dict[int, Unit]:
    """The tree's units in the database: U0 the region, the rest units under their parent."""
    units: dict[int, Unit] = {}
    for u, parent in parents.items():
        units[u] = Unit.objects.create(
            code=f"U{u}",
            name=f"Enhet {u}",
            level=Level.REGION if parent is None else Level.UNIT,
            parent=units[parent] if parent is not None else None,
        )
    return units


def by_code(parents: Parents) -> dict[str, str | None]:
    """The tree by unit code, as the attacker reads it off the pages."""
    return {f"U{u}": (f"U{p}" if p is not None else None) for u, p in parents.items()}


def end_to_end(max_examples: int) -> settings:
    """An attacker run through the web pages: slow, on the test's database fixtures."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def each_partition_alone(parents, cells, k, *, within=None, groups_within=None, support=None):
    """The mutation check's rule (`disclosure.tree_and_partition`'s signature): the unit tree
    and the groups each suppressed on its own, not together."""
    own: dict = {}
    groups: dict = {}
    for (unit, group), n in cells.items():
        own[unit] = own.get(unit, 0) + n
        groups[group] = groups.get(group, 0) + n
    units = disclosure.visible_units(parents, own, k, within=within)
    return units, disclosure.shown_parts(groups, k, groups_within)


def attackers(manages: Unit) -> list:
    """The two who look: an analyst (the whole region) and the manager of one unit."""
    analyst = make_user("attacker-analyst", Role.ANALYST)
    boss = make_user("attacker-manager", Role.MANAGER)
    manages.manager = boss
    manages.save()
    return [analyst, boss]
