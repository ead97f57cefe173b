"""What a series of days may show, so that no two of them differ by a few people.

Each day's decision (`shown.decide`) keeps every figure a sum of 0 or at least k people on
that day. Two days side by side are another matter: a unit's FTE on 31 December 2024 minus
its FTE a year before is the rates of those who came, left or changed their rate in between,
and if that was one nurse, the difference is her rate. The same holds for a forecast on two
base dates (her birth year from the retirements), for the share aged 60 or over (the one
colleague who turned 60), and for a parent minus a unit below it on two days.

So the days are decided one after the other, oldest first, each against every day before it
(a day once shown is not taken back by a later one: someone may have kept the page). For two
days and the units shown on both, each unit's *block* is its people minus those of the units
shown below it on both days (each day over its own tree, so a unit moved in between counts
where it was). A person *contributes* to a block when what they add to one of its figures
differs between the days: they came or left, moved between blocks, changed rate or turned
60. A block with 1..k-1 contributors would give them away; the later day then hides the
smallest shown unit below the block (its people join the block), or the unit itself when
nothing is shown below it, until every block of every pair has 0 or at least k. Profession
groups are checked the same way per page block: each group both days show on their own, and
the rest together, must have 0 or at least k contributors, or the page shows only its total
(on the region's own page the failing group joins the rest instead: hiding the region's page
would hide every group there).

Units shown on one day only count too (`few_apart`): a förvaltning and one of its clinics
shown one year, its other clinic the next with the same people, give the förvaltning's own
doctor. So each pair of days is also looked at as blocks of both days joined by the people
in both with the same figures; no set of them may leave 1..k-1 people unaccounted for (in
it on one day only, or with figures that differ), or the later day hides a unit there.
Blocks compare two days only: the first day's figures can cancel the movers between the
second and the third, and leave the difference of two people.

A page's groups cross the units' blocks (the region's biomedical analysts beside the
laboratory most of them work in), and blocks do not say what two crossing partitions give:
once the blocks' rules hold against every day before, the two days' units and groups are
solved together (`crossing.cross_apart`), and the later day gives up a figure while some set
of 1..k-1 people's figures follows. So are the day and the two days just before it (`RUN`):
an insider's twenty-eighth round found two Akutkliniken people's rates over 2021-23 (the
clinic's wards hidden in 2022 only), though no two of the years gave anyone away. Longer
runs, and three days apart, are not solved together: the search over every set of people
grows with the days (on Region Demo four years in a row still give some away; a known
limit, in the README).

Hiding a unit on a day keeps the day's own rule: its people join the block above it, whose
residual is then a sum of residuals that were each 0 or at least k.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np
import polars as pl

from bemanna.analysis.disclosure import shown_below, subtree_totals
from bemanna.analysis.forecast import crossing
from bemanna.analysis.forecast.shown import Shown

REST = "\x00rest"  # the groups not shown on their own on both days, together
ALL = "\x00all"  # a unit's block, every group


@dataclass(frozen=True)
class Release:
    """One day's figures: the tree they are counted over, the people on the day (person,
    unit_id, group and one numeric column per figure), and the day's own decision."""

    day: datetime.date
    parents: Mapping[Hashable, Hashable | None]
    people: pl.DataFrame
    shown: Shown


def over_time(
    releases: Sequence[Release], figures: Sequence[str], fixed: Mapping[int, Shown] | None = None
) -> list[Shown]:
    """Each release's decision narrowed so that no two releases differ, in any block or any
    group of a page block, by 1..k-1 people's `figures` (k the larger of the two days').

    A release in `fixed` (by position) was decided before, against days that may no longer
    be among `releases` (a window of years moved on), and has been shown so: its decision
    is taken as given, not narrowed nor widened, and the later releases are decided against
    it as against any other.

    Examples:
        A clinic with wards a and b of 6; a year later one nurse of ward a has gone from
        100 % to 50 %, and no one else changed. Ward a's FTE then differs by her alone, and
        so does the clinic's: the later year shows neither, only ward b (whose people did
        not change).
        >>> import datetime as dt
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> def people(rate):
        ...     return pl.DataFrame({
        ...         "person": list(range(12)), "unit_id": ["a"] * 6 + ["b"] * 6,
        ...         "group": ["SSK"] * 12, "rate": [rate] + [100.0] * 11})
        >>> same = Shown(5, frozenset(tree), frozenset(), frozenset())
        >>> days = [Release(dt.date(2023, 12, 31), tree, people(100.0), same),
        ...         Release(dt.date(2024, 12, 31), tree, people(50.0), same)]
        >>> [sorted(s.units) for s in over_time(days, ["rate"])]
        [['a', 'b', 'clinic'], ['b']]

        The window moves on and 2023 is no longer among the days. Decided again without it,
        2024 would show ward a and the clinic: beside 2023's figures (shown before) the
        nurse's change. Kept, it shows only ward b; a later year in which one of ward b's
        people has left is still decided against it: it shows the clinic alone (ward a
        beside it would give ward b, the leaver beside 2024's b).
        >>> kept = over_time(days, ["rate"])[1]
        >>> [sorted(s.units) for s in over_time(days[1:], ["rate"])]
        [['a', 'b', 'clinic']]
        >>> later = Release(dt.date(2025, 12, 31), tree, people(50.0).head(11), same)
        >>> [sorted(s.units) for s in over_time([days[1], later], ["rate"], fixed={0: kept})]
        [['b'], ['clinic']]

        A hidden unit that is all of a shown unit's block is given all the same (the clinic
        minus the wards shown beside it). A year later one nurse has left ward x and five of
        ward y work 80 %: the clinic differs by six people, but ward x, shown on the first
        day and hidden on the second beside y and z, would be the clinic minus y and z: the
        one who left. The second day hides the smallest ward beside it too.
        >>> tree = {"clinic": None, "x": "clinic", "y": "clinic", "z": "clinic"}
        >>> def staff(later):
        ...     people = [(n, "x") for n in range(10)] + [(n, "y") for n in range(10, 20)]
        ...     people += [(n, "z") for n in range(20, 26)]
        ...     people = [p for p in people if not (later and p[0] == 3)]
        ...     return pl.DataFrame({"person": [p for p, _u in people],
        ...         "unit_id": [u for _p, u in people], "group": ["SSK"] * len(people),
        ...         "rate": [80.0 if later and 10 <= p < 15 else 100.0 for p, _u in people]})
        >>> first = Shown(5, frozenset({"clinic", "x"}), frozenset(), frozenset())
        >>> second = Shown(5, frozenset({"clinic", "y", "z"}), frozenset(), frozenset())
        >>> days = [Release(dt.date(2023, 12, 31), tree, staff(False), first),
        ...         Release(dt.date(2024, 12, 31), tree, staff(True), second)]
        >>> [sorted(s.units) for s in over_time(days, ["rate"])]
        [['clinic', 'x'], ['clinic', 'y']]
    """
    people = _People(releases, figures)
    final: list[Shown] = []
    for index, release in enumerate(releases):
        if fixed is not None and index in fixed:
            final.append(fixed[index])
            continue
        units, pages = set(release.shown.units), set(release.shown.pages)
        groups = set(release.shown.groups)
        changed = True
        # The days before against which units and groups together held (`crossing`): the
        # day only gives up figures after, so they hold still.
        solved: set[tuple[int, ...]] = set()
        while changed:
            changed = False
            # The blocks' rules against every day before, until they hold; then units and
            # groups together (`crossing`) with each day before, and with the two days just
            # before it: a unit the blocks hide may close what crossing would give up.
            for crossed in (False, True):
                for earlier in _before(releases, index, crossed):
                    k = max([release.shown.k, *(final[e].k for e in earlier)])
                    if crossed and earlier in solved:
                        continue
                    if crossed:
                        now = Shown(
                            release.shown.k, frozenset(units), frozenset(pages), frozenset(groups)
                        )
                        days = [(e, final[e]) for e in earlier] + [(index, now)]
                        hide, hide_pages, drop = crossing.cross_apart(people, days, k)
                        if not (hide or hide_pages or drop):
                            solved.add(earlier)
                    else:
                        pair = (people, earlier[0], index)
                        hide, hide_pages, drop = _blocks_apart(
                            pair, final[earlier[0]], units, pages, groups, k
                        )
                    if hide or hide_pages or drop:
                        units -= hide
                        pages -= hide | hide_pages
                        pages &= units
                        groups -= drop
                        changed = True
                if changed:
                    break
        final.append(Shown(release.shown.k, frozenset(units), frozenset(pages), frozenset(groups)))
    return final


# The most consecutive days units and groups are solved together (`crossing`): each day
# with every day before, and with the days just before it, up to this many days in all.
RUN = 3


def _before(releases: Sequence[Release], index: int, crossed: bool) -> list[tuple[int, ...]]:
    """The sets of releases before release `index` it is compared with: each one before;
    with units and groups together (`crossed`) also those of the `RUN` - 1 days just before
    its day together (a day's forecast over today's tree beside Historik's counts as that
    day), and the first release on its own (none before)."""
    pairs: list[tuple[int, ...]] = [(earlier,) for earlier in range(index)]
    if not crossed:
        return pairs
    if not index:
        return [()]
    days = sorted({r.day for r in releases[:index] if r.day < releases[index].day})
    runs = []
    for n in range(2, RUN):
        if len(days) >= n:
            last = set(days[-n:])
            runs.append(tuple(e for e in range(index) if releases[e].day in last))
    return pairs + [run for run in runs if len(run) > 1]


def _blocks_apart(
    pair: tuple[_People, int, int],
    decided: Shown,
    units: set[Hashable],
    pages: set[Hashable],
    groups: set[str],
    k: int,
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the later day gives up for the blocks of two days (units, and groups per page
    block) to differ by 0 or at least k people: units to hide, pages, groups."""
    people, earlier, index = pair
    # What each day gives, shown or worked out from its own figures alone.
    both = people.given(earlier, decided.units) & people.given(index, units)
    hide = people.to_hide(index, _crossed(pair, both, None, k)[0], units)
    hide_pages, drop = _crossed(pair, decided.pages & pages, decided.groups & groups, k)
    if not (hide or hide_pages or drop):
        # Sums of blocks of both days whose people differ by a few (`few_apart`).
        hide = few_apart(pair, decided.units, units, k)
    return hide, hide_pages, drop


class _People:
    """The releases' people as arrays: a number per person (the same on every day), unit,
    group, and the figures rounded (rates carry two decimals: rounded, float noise is not a
    change); and each release's tree."""

    def __init__(self, releases: Sequence[Release], figures: Sequence[str]) -> None:
        self.releases = releases
        self.figures = list(figures)
        persons: dict[Hashable, int] = {}
        self.groups: dict[Hashable, int] = {}
        self.person: list[np.ndarray] = []
        self.units: dict[Hashable, int] = {}  # every unit of any day's people, numbered
        self.unit: list[np.ndarray] = []
        self.group: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        for release in releases:
            frame = release.people
            self.person.append(
                np.array(
                    [persons.setdefault(p, len(persons)) for p in frame["person"].to_list()],
                    dtype=np.int64,
                )
            )
            self.unit.append(
                np.array(
                    [self.units.setdefault(u, len(self.units)) for u in frame["unit_id"].to_list()],
                    dtype=np.int64,
                )
            )
            self.group.append(
                np.array(
                    [self.groups.setdefault(g, len(self.groups)) for g in frame["group"].to_list()],
                    dtype=np.int64,
                )
            )
            values = [frame[f].cast(pl.Float64).fill_null(0.0).round(6).to_numpy() for f in figures]
            self.values.append(np.column_stack(values) if values else np.zeros((frame.height, 0)))
        self._totals: dict[int, dict[Hashable, int]] = {}
        self._sizes: dict[int, dict[Hashable, int]] = {}

    def given(self, day: int, shown: Set[Hashable]) -> set[Hashable]:
        """The units whose figures the day gives: those shown, and each hidden one that is
        all of a shown unit's people not in the units shown below it (its figure is the
        shown unit's minus theirs), again below that one."""
        release = self.releases[day]
        if day not in self._sizes:
            self._sizes[day] = dict(release.people.group_by("unit_id").len().iter_rows())
        given = set(shown)
        while True:
            found = derivable(release.parents, self._sizes[day], given)
            if not found:
                return given
            given |= found

    def to_hide(self, day: int, hide: set[Hashable], shown: Set[Hashable]) -> set[Hashable]:
        """`hide` as units shown on the day: a unit the day gives without showing it
        (`given`) is kept from being worked out by hiding the smallest unit shown beside it
        below the same shown unit, or that unit when none is."""
        parents = self.releases[day].parents
        found: set[Hashable] = set()
        below = shown_below(parents, set(shown))
        totals = self.totals(day)
        for unit in hide:
            if unit in shown:
                found.add(unit)
                continue
            block = parents.get(unit)
            while block is not None and block not in shown:
                block = parents.get(block)
            if block is None:
                continue
            smallest = _fewest(below[block], totals)
            found.add(block if smallest is None else smallest)
        return found

    def totals(self, day: int) -> dict[Hashable, int]:
        """The people in each unit's subtree on the day (over its tree)."""
        if day not in self._totals:
            release = self.releases[day]
            size = release.people.group_by("unit_id").len()
            self._totals[day] = subtree_totals(release.parents, dict(size.iter_rows()))
        return self._totals[day]


def _crossed(
    pair: tuple[_People, int, int], shown: Set[Hashable], parts: Set[str] | None, k: int
) -> tuple[set[Hashable], set[str]]:
    """What the later day gives up so that, over the units `shown` on both days (by group
    and the rest when `parts` is given), no block and no shown unit's subtree differs from
    the earlier day by 1..k-1 contributors: the units it hides, and the groups it no longer
    shows on their own. A failing block hides the smallest shown unit below it (its people
    join the block), or the block's unit when none is; a failing subtree its unit. A group
    that fails on the region's own page is merged into the rest instead (hiding the page
    would hide every group there): itself, or for the rest the smallest group."""
    if not shown:
        return set(), set()
    found = changes(pair, shown, parts)
    people, _earlier, later = pair
    after = people.releases[later]
    failing = [(u, p) for (u, p), n in found.subtrees.items() if 0 < n < k]
    blocks = {
        key for counts in (found.blocks, found.changed) for key, n in counts.items() if 0 < n < k
    }
    if blocks:
        below = shown_below(after.parents, set(shown))
        totals = people.totals(later)
        for block, part in blocks:
            smallest = _fewest(below[block], totals)
            failing.append((block if smallest is None else smallest, part))
    hidden: set[Hashable] = set()
    dropped: set[str] = set()
    for unit, part in failing:
        if parts and after.parents.get(unit) is None:
            dropped.add(part if part != REST else _smallest(after.people, parts))
        else:
            hidden.add(unit)
    return hidden, dropped


def _fewest(units: Iterable[Hashable], totals: Mapping[Hashable, int]) -> Hashable | None:
    """The unit of the fewest people (`totals`) among `units` (a tie: by name), or None."""
    return min(units, key=lambda u: (totals.get(u, 0), str(u)), default=None)


def _smallest(people: pl.DataFrame, groups: Set[str]) -> str:
    """The group of the fewest people among `groups` (a tie: by name)."""
    sizes = dict(people.group_by("group").len().iter_rows())
    return min(groups, key=lambda g: (sizes.get(g, 0), g))


@dataclass(frozen=True)
class Changes:
    """People whose share of a figure differs between two days, counted per (unit, part)."""

    blocks: dict[tuple[Hashable, str], int]  # in a shown unit's block (moves in it too)
    changed: dict[tuple[Hashable, str], int]  # of those, whose own figures changed
    subtrees: dict[tuple[Hashable, str], int]  # in a shown unit's subtree


def changes(
    pair: tuple[_People, int, int], shown: Set[Hashable], parts: Set[str] | None
) -> Changes:
    """Who gives a difference of the two days away, per shown unit (on both days) and part.

    A person's block on a day is the nearest unit of `shown` at or above their unit (over
    that day's tree); their part `ALL`, or with `parts` their group when it is one of them
    and `REST` otherwise; their share of a figure in a part is its value there, 0 where they
    are not (not employed, outside every shown unit, or in another part).

    * `blocks`: people whose share of a block differs (came, left, moved in or out, changed);
    * `changed`: of the people in a block on either day with a share other than 0, those
      whose own share of the part changed (whatever their block): in a sum of several blocks
      a move between them cancels out, a change of their own does not, so every such sum
      with one of them holds all of any block's;
    * `subtrees`: people whose share of a shown unit's whole subtree differs (a move between
      two wards of a clinic is no change of the clinic)."""
    people, earlier, later = pair
    order = sorted(shown, key=str)
    names = [ALL] if parts is None else [*sorted(parts), REST]
    part_of = np.full(len(people.groups) + 1, len(names) - 1, dtype=np.int64)
    if parts is not None:
        for group, number in people.groups.items():
            if group in parts:
                part_of[number] = names.index(str(group))
    width = len(order) * len(names)
    sides = []
    for day in (earlier, later):
        release = people.releases[day]
        code = {unit: i for i, unit in enumerate(order)}
        of_unit = np.full(len(people.units) + 1, -1, dtype=np.int64)
        for unit, top in _blocks(release.parents, shown).items():
            if unit in people.units:
                of_unit[people.units[unit]] = code[top]
        block = of_unit[people.unit[day]]
        inside = block >= 0
        part = part_of[people.group[day][inside]] if parts is not None else 0
        sides.append(
            _Side(
                people.person[day][inside],
                block[inside] * len(names) + part,
                people.values[day][inside],
                _ancestry(release.parents, shown, order),
                len(names),
            )
        )
    first, second = sides
    by_block = _differing(first.rows(), second.rows(), width)
    # Each person's own share of each part, whatever their block: who changed in a part.
    parts_of = [(side.person, side.cell % len(names), side.values) for side in sides]
    keys, differs = _compare(parts_of[0], parts_of[1], len(names))
    changers = keys[differs]
    touched = []
    for side in sides:
        rows = (side.values != 0).any(axis=1)
        rows &= np.isin(side.person * len(names) + side.cell % len(names), changers)
        touched.append(side.person[rows] * width + side.cell[rows])
    changed = np.bincount(np.unique(np.concatenate(touched)) % width, minlength=width)
    by_subtree = _differing(first.up(), second.up(), width)
    return Changes(*(_named(counts, order, names) for counts in (by_block, changed, by_subtree)))


@dataclass(frozen=True)
class _Side:
    person: np.ndarray
    cell: np.ndarray  # block × parts + part
    values: np.ndarray
    ancestry: list[list[int]]  # per block, the shown units at or above it on the day
    parts: int

    def rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.person, self.cell, self.values

    def up(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each row once for every shown unit at or above its block (the subtrees it counts
        in), as (person, unit × parts + part, values)."""
        blocks = self.cell // self.parts
        depth = np.array([len(self.ancestry[b]) for b in range(len(self.ancestry))], dtype=np.int64)
        repeats = depth[blocks] if len(blocks) else np.zeros(0, dtype=np.int64)
        flat = np.array([u for chain in self.ancestry for u in chain], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(depth)[:-1]]) if len(depth) else depth
        rows = np.repeat(np.arange(len(blocks)), repeats)
        offset = np.arange(len(rows)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        units = flat[starts[blocks][rows] + offset] if len(rows) else rows
        return (
            self.person[rows],
            units * self.parts + self.cell[rows] % self.parts,
            self.values[rows],
        )


def _differing(
    first: tuple[np.ndarray, np.ndarray, np.ndarray],
    second: tuple[np.ndarray, np.ndarray, np.ndarray],
    width: int,
) -> np.ndarray:
    """Per cell, the people whose values there differ between the two sides (each side's
    rows as person, cell, values; 0 where a side has no row)."""
    keys, differs = _compare(first, second, width)
    return np.bincount(keys[differs] % width, minlength=width)


def _compare(
    first: tuple[np.ndarray, np.ndarray, np.ndarray],
    second: tuple[np.ndarray, np.ndarray, np.ndarray],
    width: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every (person, cell) of either side as person × width + cell, and whether its values
    differ (a side without it has zeros)."""
    a = first[0] * width + first[1]
    b = second[0] * width + second[1]
    keys, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    shape = (len(keys), first[2].shape[1])
    left, right = np.zeros(shape), np.zeros(shape)
    # Each side holds a (person, cell) once.
    left[inverse[: len(a)]] = first[2]
    right[inverse[len(a) :]] = second[2]
    return keys, (left != right).any(axis=1)


def _named(
    counts: np.ndarray, order: list[Hashable], names: list[str]
) -> dict[tuple[Hashable, str], int]:
    return {
        (order[cell // len(names)], names[cell % len(names)]): int(n)
        for cell, n in enumerate(counts.tolist())
        if n
    }


def _ancestry(
    parents: Mapping[Hashable, Hashable | None], shown: Set[Hashable], order: list[Hashable]
) -> list[list[int]]:
    """Per shown unit (its position in `order`), the shown units at or above it over this
    tree: the subtrees its people count in."""
    code = {unit: i for i, unit in enumerate(order)}
    found = []
    for unit in order:
        chain, node = [], unit
        while node is not None:
            if node in shown:
                chain.append(code[node])
            node = parents.get(node)
        found.append(chain)
    return found


def derivable(
    parents: Mapping[Hashable, Hashable | None],
    sizes: Mapping[Hashable, int],
    shown: Set[Hashable],
) -> set[Hashable]:
    """The hidden units whose people are all of a shown unit's block (`sizes`: people per
    unit, its own): the shown unit's figure minus those of the units shown below it is
    theirs. Counted by the child of the shown unit they sit under.

    Example: a clinic without staff of its own shows itself and ward b; ward a, hidden, is
    the clinic minus b.
        >>> derivable({"c": None, "a": "c", "b": "c"}, {"a": 6, "b": 7}, {"c", "b"})
        {'a'}
        >>> sorted(derivable({"c": None, "a": "c", "b": "c"}, {"a": 6, "b": 7}, {"c"}))
        []
    """
    top = _blocks(parents, shown)
    parts: dict[Hashable, set[Hashable]] = {}
    for unit, n in sizes.items():
        if not n or unit not in top:
            continue
        block, node = top[unit], unit
        while node != block and parents.get(node) != block:
            node = parents.get(node)
        parts.setdefault(block, set()).add(node)
    return {
        next(iter(found))
        for block, found in parts.items()
        if len(found) == 1 and block not in found
    }


def _blocks(
    parents: Mapping[Hashable, Hashable | None], shown: Set[Hashable]
) -> dict[Hashable, Hashable]:
    """Each unit of the tree with a shown unit at or above it: that nearest shown unit."""
    nearest: dict[Hashable, Hashable | None] = {}

    def top(unit: Hashable | None) -> Hashable | None:
        if unit is None or unit in shown:
            return unit
        if unit not in nearest:
            nearest[unit] = None  # a cycle ends here
            nearest[unit] = top(parents.get(unit))
        return nearest[unit]

    found = {unit: top(unit) for unit in parents}
    return {unit: block for unit, block in found.items() if block is not None}


def same_people(
    first: Mapping[Hashable, Hashable | None],
    second: Mapping[Hashable, Hashable | None],
    people: pl.DataFrame,
) -> set[Hashable]:
    """The units of `second` that hold the same people on one day (`people`: unit_id) over
    either tree: those whose subtrees differ only in units nobody was in.

    Two releases of one day over different trees are exact figures of the same people, and a
    unit whose people differ between them gives, as one minus the other, the figures of the
    people moved in between: a set neither day's decision looked at, which the day before
    (its own units shown) may then single out. `over_time` compares days two by two; a
    release over a second tree shows only the units this returns.

    Examples:
        Ward w moved from clinic a to clinic b; a's people differ between the trees, as do
        b's; the region's and the ward's are the same.
        >>> old = {"r": None, "a": "r", "b": "r", "w": "a"}
        >>> new = {"r": None, "a": "r", "b": "r", "w": "b"}
        >>> staff = pl.DataFrame({"unit_id": ["a", "b", "w"]})
        >>> sorted(same_people(old, new, staff))
        ['r', 'w']
    """
    occupied = set(people["unit_id"].unique().to_list())

    def subtrees(parents: Mapping[Hashable, Hashable | None]) -> dict[Hashable, set[Hashable]]:
        inside: dict[Hashable, set[Hashable]] = {pk: set() for pk in parents}
        for pk in parents:
            node: Hashable | None = pk
            seen = 0
            while node is not None and node in inside and seen <= len(parents):
                if pk in occupied:
                    inside[node].add(pk)
                node, seen = parents.get(node), seen + 1
        return inside

    before, after = subtrees(first), subtrees(second)
    return {pk for pk, units in after.items() if before.get(pk) == units}


def few_apart(
    pair: tuple[_People, int, int], earlier: Set[Hashable], later: Set[Hashable], k: int
) -> set[Hashable]:
    """The unit the later day hides (none, or one) when some sums of the two days' figures,
    taken together, are 1..k-1 people's.

    Each day's shown units cut its people into blocks (a shown unit's people not in a shown
    unit below it); every figure of the day is a sum of its blocks'. Of two days together,
    any combination of their figures is one of their blocks'; take a set T of blocks of
    either day, each earlier block with a plus and each later one with a minus. A person
    whose figures are the same on both days and who is in a block of T on both drops out;
    one in a block of T on one day only stays (a *crossing*), as does one whose figures
    differ or who is there on one day only (a *mover*). When they are 1..k-1 people, T
    gives their figures away: the förvaltning F and its clinic c0 on day one (the other
    clinic c1 hidden, F's own doctor the rest of F's block) with clinic c1 on day two, its
    people unchanged, leave the doctor alone: F − c0 − c1 (an insider's twenty-fifth
    round). A combination with other weights is never about fewer people than such a T:
    the blocks of one of its weights (the earlier ones with it, the later ones with minus
    it) leave a subset of its people.

    Blocks joined by k people or more are in T together or give those k away; so are
    looked at only the sets T of *joined* blocks with fewer than k movers, grown one
    neighbour at a time. The later day then hides, of the shown units whose blocks are in T
    or across from it, the smallest shown unit directly below one (its people join that
    block and cross to their blocks of the earlier day), or one of them itself where none
    has a shown unit below: a few people do not hide the region's page. `over_time` asks
    again until no set is left.

    Examples:
        The doctor above: day two hides clinic c1 (its people join the region's block with
        the doctor's, and F − c0 is F's own doctor and c1's three nurses again).
        >>> import datetime as dt
        >>> tree = {"R": None, "F": "R", "c0": "F", "c1": "F", "G": "R"}
        >>> staff = [("doc", "F", 60.0)] + [(f"n{i}", "c0", 100.0) for i in range(4)]
        >>> staff += [(f"m{i}", "c1", 100.0) for i in range(3)]
        >>> staff += [(f"g{i}", "G", 100.0) for i in range(4)]
        >>> staff += [(f"r{i}", "R", 100.0) for i in range(3)]
        >>> def day(rows):
        ...     return pl.DataFrame({"person": [p for p, _u, _r in rows],
        ...         "unit_id": [u for _p, u, _r in rows], "group": ["A"] * len(rows),
        ...         "rate": [r for _p, _u, r in rows]})
        >>> none = Shown(3, frozenset(), frozenset(), frozenset())
        >>> days = [Release(dt.date(2024, 12, 31), tree, day(staff), none),
        ...         Release(dt.date(2025, 12, 31), tree, day(staff), none)]
        >>> pair = (_People(days, ["rate"]), 0, 1)
        >>> few_apart(pair, {"R", "F", "c0", "G"}, {"R", "c0", "c1", "G"}, 3)
        {'c1'}
        >>> few_apart(pair, {"R", "F", "c0", "G"}, {"R", "c0", "G"}, 3)
        set()
    """
    graph = _Graph(pair, earlier, later, k)
    found = graph.few()
    if found is None:
        return set()
    people, _earlier, day = pair
    totals = people.totals(day)
    below = shown_below(people.releases[day].parents, set(later))
    # A block of the set, or across from it, takes in the smallest shown unit below it
    # (its people join the block and cross to their blocks of the other day), or is
    # hidden itself when none is: the region's page is not hidden for a few people.
    candidates = set()
    for unit in graph.later_units(found):
        smallest = _fewest(below[unit], totals)
        candidates.add(unit if smallest is None else smallest)
    fewest = _fewest(candidates, totals)
    return set() if fewest is None else {fewest}


class _Graph:
    """The blocks of two days as nodes; a person with the same figures in a block on each
    day joins them (an edge), a person who differs or is there on one day only is a mover
    of the block (or blocks) they are in. Nodes joined by k people or more are merged."""

    def __init__(
        self,
        pair: tuple[_People, int, int],
        earlier: Set[Hashable],
        later: Set[Hashable],
        k: int,
    ) -> None:
        people, first, second = pair
        self.k = k
        self._node: dict[tuple[bool, Hashable], int] = {}  # (later day?, shown unit) → node
        sides = []
        for day, shown in ((first, earlier), (second, later)):
            release = people.releases[day]
            of_unit = np.full(len(people.units) + 1, -1, dtype=np.int64)
            for unit, top in _blocks(release.parents, shown).items():
                if unit in people.units:
                    node = self._node.setdefault((day == second, top), len(self._node))
                    of_unit[people.units[unit]] = node
            sides.append((people.person[day], of_unit[people.unit[day]], people.values[day]))
        (pa, ba, va), (pb, bb, vb) = sides
        everyone = np.union1d(pa, pb)
        na = np.full(len(everyone), -1, dtype=np.int64)
        nb = np.full(len(everyone), -1, dtype=np.int64)
        width = va.shape[1]
        xa = np.zeros((len(everyone), width))
        xb = np.zeros((len(everyone), width))
        ia, ib = np.searchsorted(everyone, pa), np.searchsorted(everyone, pb)
        na[ia], xa[ia] = ba, va
        nb[ib], xb[ib] = bb, vb
        # A person outside every shown unit on a day adds nothing to that day's figures. One
        # inside counts as one of the block's people even where their figure is 0 (under
        # 60): a 60+ share over a block of twelve with one aged 60 is twelve people's.
        counts_a, counts_b = na >= 0, nb >= 0
        same = counts_a & counts_b & (xa == xb).all(axis=1)
        edge = same
        size = len(self._node)
        pairs = na[edge] * size + nb[edge]
        codes, multiplicity = np.unique(pairs, return_counts=True)
        self.edges = {
            (int(c // size), int(c % size)): int(m)
            for c, m in zip(codes.tolist(), multiplicity.tolist(), strict=True)
        }
        moving = ~same
        self.movers: dict[int, set[int]] = {}
        for index in np.flatnonzero(moving & (counts_a | counts_b)).tolist():
            for node, counts in ((na[index], counts_a[index]), (nb[index], counts_b[index])):
                if node >= 0 and counts:
                    self.movers.setdefault(int(node), set()).add(int(everyone[index]))
        self.units: list[Hashable] = [None] * len(self._node)  # per node, its shown unit
        self.later_node: list[bool] = [False] * len(self._node)
        for (is_later, unit), node in self._node.items():
            self.units[node] = unit
            self.later_node[node] = is_later
        self._merge()

    def _merge(self) -> None:
        """Merge nodes joined by k people or more, until none are (a set of fewer than k
        crossings holds both or neither); then each group's movers and the people joining
        two groups."""
        root = list(range(len(self.units)))

        def find(node: int) -> int:
            while root[node] != node:
                root[node] = root[root[node]]
                node = root[node]
            return node

        while True:
            joined: dict[tuple[int, int], int] = {}
            for (a, b), m in self.edges.items():
                ra, rb = find(a), find(b)
                if ra != rb:
                    key = (min(ra, rb), max(ra, rb))
                    joined[key] = joined.get(key, 0) + m
            heavy = [key for key, m in joined.items() if m >= self.k]
            if not heavy:
                break
            for a, b in heavy:
                root[find(a)] = find(b)
        self.group_of = [find(n) for n in range(len(self.units))]
        self.members: dict[int, list[int]] = {}
        for node, group in enumerate(self.group_of):
            self.members.setdefault(group, []).append(node)
        self.group_movers: dict[int, set[int]] = {}
        for node, persons in self.movers.items():
            self.group_movers.setdefault(self.group_of[node], set()).update(persons)
        self.between: dict[int, dict[int, int]] = {}  # group → other group → people
        for (a, b), m in self.edges.items():
            ga, gb = self.group_of[a], self.group_of[b]
            if ga != gb:
                for one, other in ((ga, gb), (gb, ga)):
                    near = self.between.setdefault(one, {})
                    near[other] = near.get(other, 0) + m

    def few(self) -> frozenset[int] | None:
        """A set of groups whose movers and crossings are 1..k-1 people, or None. Grown
        from each group through groups joined by fewer than k, with fewer than k movers
        (each set once: from its lowest group, in the order groups are added)."""
        light = {g for g in self.members if len(self.group_movers.get(g, ())) < self.k}
        for seed in sorted(light):
            found = self._grow(frozenset({seed}), seed, light, set())
            if found is not None:
                return found
        return None

    def _grow(
        self, chosen: frozenset[int], seed: int, light: set[int], seen: set[frozenset[int]]
    ) -> frozenset[int] | None:
        if chosen in seen:
            return None
        seen.add(chosen)
        movers: set[int] = set()
        for group in chosen:
            movers |= self.group_movers.get(group, set())
        if len(movers) >= self.k:
            return None
        crossing = sum(
            m for g in chosen for other, m in self.between.get(g, {}).items() if other not in chosen
        )
        if 0 < len(movers) + crossing < self.k:
            return chosen
        for group in chosen:
            for other in self.between.get(group, {}):
                if other > seed and other in light and other not in chosen:
                    found = self._grow(chosen | {other}, seed, light, seen)
                    if found is not None:
                        return found
        return None

    def later_units(self, groups: frozenset[int]) -> list[Hashable]:
        """The later day's shown units whose blocks are in the groups or across from them
        (joined to them by a crossing)."""
        near = set(groups)
        for group in groups:
            near |= set(self.between.get(group, {}))
        return [
            self.units[node]
            for group in near
            for node in self.members[group]
            if self.later_node[node]
        ]
