"""What may be shown of the exit survey, decided in one place for everyone.

Answers are pooled in fixed blocks of `pool_years` calendar years, anchored at 2000 (2024–2025,
2026–2027, …), the same blocks for every unit, group and user, and a block is shown only once
it has ended and every invitation for its years has closed. Within a block:

* a unit's figures need `min_answers` answers and survive the complementary suppression of
  `disclosure.visible_units` along the unit tree (no parent minus shown children below k);
* the profession-group table is for the whole region only, and its groups are decided
  together with the units shown for the same answers (`disclosure.tree_and_partition`):
  a unit minus a group that works only there, or any other mix of shown units and groups,
  never gives fewer than k answers;
* the HR system's own end reasons (all leavers, not only those who answered) follow the same
  rules on the number of leavers: the number from k, the reasons' shares (a distribution)
  only from k_text. Each reason's share is a count (the number who left is shown beside it),
  so the split is a flat partition of the leavers shown on pages of the tree, decided by the
  same rule as the key figures' partitions (`disclosure.pages_and_partition`): a reason gets
  its own row only with at least k leavers on every page that shows the split, and no page
  minus the pages below it, nor a page's total minus its rows, gives 1..k-1 leavers of a
  reason; the rest is one row, "Other reasons". Disability pension, death and dismissal
  (health data, or a person's conduct) and the HR system's "other" never get a row of their
  own, on any page, the region's too.

Below the distribution threshold (the installation's k_text, `BEMANNA_MIN_GROUP_TEXT`, at
least `min_answers`) a shown group's figures are coarse, by the same rule as the pulse
(`analysis.coarsen`): n as a band, the eNPS to the nearest 10 with the extremes as "≥ 50" /
"≤ −50", the reasons' shares to the nearest 10 per cent with every reason listed (an absent
one would be an exact 0), and no come-back shares (a distribution). A block is computed over
the unit tree as it was when the block was first shown (`ExitBlockTree`).

Why fixed blocks and not each group pooled until it is large enough: results pooled over
different years for different units or views can be subtracted from each other (a two-year
figure minus a shown one-year figure is the other year, however small). One block length for
everything, which cannot change once answers exist, leaves nothing to subtract.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _

from bemanna.analysis import coarsen, surveys
from bemanna.analysis import enps as scoring
from bemanna.analysis.disclosure import (
    ancestors,
    mixed_pages,
    pages_and_partition,
    tree_and_partition,
)
from bemanna.exits.models import (
    ComeBack,
    ExitAnswer,
    ExitBlockTree,
    ExitInvitation,
    ExitReason,
    ExitSurveyConfig,
)
from bemanna.exits.services import LOOK_BACK_DAYS
from bemanna.forecast.labels import LEVERS
from bemanna.org import frozen, thresholds
from bemanna.org.models import Unit
from bemanna.workforce.frames import employments
from bemanna.workforce.models import EmploymentForm, EndReason

ORIGIN = 2000
# The questions a leaver may skip, and how many answered each.
# The HR system's end reasons that may get a row of their own in the split; the others
# (disability pension, death, dismissal: health data or a person's conduct, and "other")
# are always counted in "Other reasons", on every page.
OWN_ROW_REASONS = frozenset(
    {EndReason.OWN_REQUEST, EndReason.RETIREMENT, EndReason.FIXED_TERM_ENDED}
)
OTHER_REASONS = "\x00other"  # every other reason, as one part of the split
OPTIONAL = {
    "come_back": lambda tally: sum(tally.come_back.values()),
    "enps": lambda tally: tally.scored,
}


def block_of(year: int, length: int) -> tuple[int, int]:
    """The fixed block a year belongs to.

    Examples:
        >>> block_of(2025, 2), block_of(2024, 2), block_of(2025, 3), block_of(2025, 1)
        ((2024, 2025), (2024, 2025), (2024, 2026), (2025, 2025))
    """
    start = ORIGIN + (year - ORIGIN) // length * length
    return start, start + length - 1


def complete_blocks(config: ExitSurveyConfig, today: datetime.date) -> list[tuple[int, int]]:
    """Blocks that have ended and whose invitations have all closed, newest first.

    A block also waits until no new invitation for its years can be made (a leaver found
    late is invited up to `LOOK_BACK_DAYS` after the last day, then has the window): once
    shown, a block's figures never change, so there is no before-and-after to compare."""
    years = set(ExitAnswer.objects.values_list("year", flat=True).distinct())
    blocks = sorted({block_of(y, config.pool_years) for y in years}, reverse=True)
    still_open = set(
        ExitInvitation.objects.filter(closes__gte=today).values_list("year", flat=True)
    )
    settled = datetime.timedelta(days=LOOK_BACK_DAYS + config.window_days)
    return [
        (start, end)
        for start, end in blocks
        if datetime.date(end, 12, 31) + settled < today
        and not any(start <= y <= end for y in still_open)
    ]


def surveyed(years) -> set[int]:
    """Of some years, those whose block the exit survey runs over (it invited, or heard
    from, a leaver of the block, or showed it): their leavers by reason are shown per block
    here, and not per year on the history page (`org.PublishedYear.reasons_by_block`)."""
    length = ExitSurveyConfig.current().pool_years
    ran = set(ExitInvitation.objects.values_list("year", flat=True).distinct())
    ran |= set(ExitAnswer.objects.values_list("year", flat=True).distinct())
    blocks = {block_of(year, length) for year in ran}
    blocks |= set(ExitBlockTree.objects.values_list("start", "end"))
    return {year for year in years if block_of(year, length) in blocks}


def _split_elsewhere(block: tuple[int, int]) -> bool:
    """Whether a year of the block has its leavers by reason shown per year on the history
    page (it was shown there before the exit survey ran over the block): then the block
    shows no split, as the block minus that year would be the other year's. Otherwise the
    block's years are kept per block from now on, for every page (org.frozen)."""
    years = list(range(block[0], block[1] + 1))
    frozen.year_trees(years, years, thresholds.min_group())  # the years' rows, kept once
    return set(years) - frozen.reasons_by_block(years, set) != set()


@dataclass
class Tally:
    n: int = 0
    main: Counter = field(default_factory=Counter)
    mentioned: Counter = field(default_factory=Counter)
    come_back: Counter = field(default_factory=Counter)
    promoters: int = 0
    detractors: int = 0
    scored: int = 0

    def add(self, other: Tally) -> None:
        self.n += other.n
        self.main.update(other.main)
        self.mentioned.update(other.mentioned)
        self.come_back.update(other.come_back)
        self.promoters += other.promoters
        self.detractors += other.detractors
        self.scored += other.scored


class ExitReport:
    """Everything that may be shown of one block, for every unit and group at once."""

    def __init__(self, block: tuple[int, int], config: ExitSurveyConfig | None = None) -> None:
        self.block = block
        self.config = config or ExitSurveyConfig.current()
        self.reasons = {r.pk: r for r in ExitReason.objects.all()}
        self.by_code = {r.code: r for r in self.reasons.values()}
        # The tree and thresholds as they were when the block was first shown, for good.
        kept, _created = ExitBlockTree.objects.get_or_create(
            start=block[0],
            end=block[1],
            defaults={
                "tree": frozen.snapshot(),
                "min_group": self.config.min_answers,
                "min_group_text": thresholds.min_group_text(),
            },
        )
        if kept.min_group is None or kept.min_group_text is None:  # kept before they were
            kept.min_group = kept.min_group or self.config.min_answers
            kept.min_group_text = kept.min_group_text or thresholds.min_group_text()
            kept.save(update_fields=["min_group", "min_group_text"])
        self.k = kept.min_group
        self.k_text = max(self.k, kept.min_group_text)
        self.units = frozen.units_of(kept.tree)
        self.parents = {pk: unit.parent_id for pk, unit in self.units.items()}
        own: dict[int, Tally] = defaultdict(Tally)
        groups: dict[str, Tally] = defaultdict(Tally)
        cells: dict[tuple[int, str], Tally] = defaultdict(Tally)
        # The unit and group are sealed (`answering.sealed`): counted here, not in SQL.
        rows = ExitAnswer.objects.filter(year__range=block).values_list(
            "unit",
            "group",
            "main_reason_id",
            "other_reasons",
            "come_back",
            "enps",
        )
        for unit, group, main, others, come_back, score in rows:
            for tally in (own[unit], groups[group], cells[(unit, group)]):
                tally.n += 1
                code = self.reasons[main].code
                tally.main[code] += 1
                tally.mentioned.update({code, *others})
                if come_back:
                    tally.come_back[come_back] += 1
                if score is not None:
                    tally.scored += 1
                    kind = scoring.classify(score)
                    tally.promoters += kind == "promoter"
                    tally.detractors += kind == "detractor"
        self.subtree = self._roll_up(own)
        self.groups = dict(groups)
        self.shown, self.shown_groups = tree_and_partition(
            self.parents, {key: t.n for key, t in cells.items()}, self.k
        )
        # Exact figures (n, shares, eNPS to the unit) from k_text, decided the same way over
        # both partitions.
        self.exact, self.exact_groups = tree_and_partition(
            self.parents,
            {key: t.n for key, t in cells.items()},
            self.k_text,
            within=self.shown,
            groups_within=self.shown_groups,
        )
        # The optional questions are answered by fewer: each gets its own pass on its own
        # counts (as the pulse does for HME). The eNPS is coarsened between k and k_text
        # (below), inside the units and groups shown; "could come back" is a distribution
        # with no coarse form, so from k_text answers to it, inside the exact ones (ten
        # leavers of whom five answered it gave those five's answers).
        self.optional_shown: dict[str, set] = {}
        self.optional_groups: dict[str, set] = {}
        for name, count in OPTIONAL.items():
            distribution = name == "come_back"
            self.optional_shown[name], self.optional_groups[name] = tree_and_partition(
                self.parents,
                {key: count(t) for key, t in cells.items()},
                self.k_text if distribution else self.k,
                within=self.exact if distribution else self.shown,
                groups_within=self.exact_groups if distribution else self.shown_groups,
            )
        # The eNPS, which a leaver may skip, is exact only where its own count passes k_text.
        self.enps_exact, self.enps_exact_groups = tree_and_partition(
            self.parents,
            {key: t.scored for key, t in cells.items()},
            self.k_text,
            within=self.optional_shown["enps"] & self.exact,
            groups_within=self.optional_groups["enps"] & self.exact_groups,
        )
        self._withhold_coarse_under_exact()
        self._hr_register()

    def _withhold_coarse_under_exact(self) -> None:
        """Below k_text nothing is shown of a unit (or group) when a unit above it is exact.

        The exact counts above and the coarse figures below could be solved together (a
        block of 10 leavers with one who left for the pay, over two units of five: the unit
        whose coarse share shows the pay has that one). With a dozen reasons, the pulse's
        rule (show only where the rest covers every count) would almost never show them, so
        the plain rule is used: a coarse figure only where nothing above it is exact.
        """

        def under(exact: set, pk: int) -> bool:
            return any(a in exact for a in ancestors(self.parents, pk)[1:])

        self.withheld = {pk for pk in self.shown - self.exact if under(self.exact, pk)}
        self.enps_withheld = {
            pk for pk in self.optional_shown["enps"] - self.enps_exact if under(self.enps_exact, pk)
        }
        # The groups are shown beside everyone's total only: under it when it is exact.
        roots = [pk for pk, parent in self.parents.items() if parent is None]
        if any(root in self.exact for root in roots):
            self.shown_groups &= self.exact_groups
        if any(root in self.enps_exact for root in roots):
            self.optional_groups["enps"] &= self.enps_exact_groups

    def _roll_up(self, own: dict[int, Tally]) -> dict[int, Tally]:
        totals: dict[int, Tally] = defaultdict(Tally)
        for unit, tally in own.items():
            for ancestor in ancestors(self.parents, unit):
                totals[ancestor].add(tally)
        return totals

    def _hr_register(self) -> None:
        """All leavers in the block by the HR system's end reason (moves within the region
        are not leaving), by unit and region-wide by group."""
        start, end = datetime.date(self.block[0], 1, 1), datetime.date(self.block[1], 12, 31)
        # From the extract as published (`workforce.frames.employments`): a closed year's
        # leavers as its figures were first shown, beside Historik's.
        rows = (
            employments()
            .filter(
                pl.col("end").is_between(start, end) & (pl.col("form") != EmploymentForm.HOURLY)
            )
            .select("unit_id", "group", "end_reason")
            .iter_rows()
        )
        own: dict[int, Counter] = defaultdict(Counter)
        groups: dict[str, Counter] = defaultdict(Counter)
        cells: Counter = Counter()
        for unit, group, reason in rows:
            own[unit][reason or "other"] += 1
            groups[group][reason or "other"] += 1
            cells[(unit, group)] += 1
        self.hr_subtree: dict[int, Counter] = defaultdict(Counter)
        for unit, counts in own.items():
            for ancestor in ancestors(self.parents, unit):
                self.hr_subtree[ancestor].update(counts)
        self.hr_shown, self.hr_shown_groups = tree_and_partition(self.parents, cells, self.k)
        # The end reasons are a distribution: its shares need k_text leavers, decided over
        # both partitions as the answers' are (an exact share of five leavers is a person's
        # reason; the number who left is also on the key figures' turnover, so shares coarse
        # to 10 % would still give the counts back). Below, only the number who left.
        self.hr_exact, _groups = tree_and_partition(
            self.parents,
            cells,
            self.k_text,
            within=self.hr_shown,
            groups_within=self.hr_shown_groups,
        )
        self.hr_groups = dict(groups)
        self.hr_own = {unit: counts for unit, counts in own.items() if unit in self.parents}
        # A year of the block split per year on the history page: no split here.
        self.hr_per_year = _split_elsewhere(self.block)
        self._hr_split()

    def _hr_split(self) -> None:
        """The pages (from the units with k_text leavers) that show the split by end reason,
        and the reasons with a row of their own there (`OWN_ROW_REASONS` at most; the rest
        is "Other reasons").

        The split is a flat partition of the leavers beside the units' numbers (from k),
        decided over the tree (`disclosure.pages_and_partition`), so no page's row, no page
        minus the pages below it, and no page's total minus its rows gives 1..k-1 leavers.
        What never has a row of its own is one part before deciding, so that a single death
        cannot cost a page its split when it only counts among the other reasons."""
        merged: Counter = Counter()
        for unit, counts in self.hr_own.items():
            for reason, n in counts.items():
                merged[(unit, reason if reason in OWN_ROW_REASONS else OTHER_REASONS)] += n
        self.hr_pages: set[int] = set()
        self.hr_split_reasons: set[str] = set()
        if not merged or not self.hr_exact or self.hr_per_year:
            return
        pages, parts = pages_and_partition(
            self.parents, dict(merged), self.k, self.hr_shown, pages=self.hr_exact
        )
        reasons = set(parts) & OWN_ROW_REASONS
        # Historik shows every unit's leavers a year, however few: a block all of one
        # reason ("100 % own request") would give each of them theirs.
        self.hr_pages = mixed_pages(self.parents, dict(merged), pages, reasons)
        self.hr_split_reasons = reasons if self.hr_pages else set()

    # --- what a page may show -------------------------------------------------------------

    def unit(self, unit: Unit) -> dict | None:
        if unit.pk not in self.shown or unit.pk in self.withheld:
            return None
        optional = {name: unit.pk in shown for name, shown in self.optional_shown.items()}
        optional["enps"] = optional["enps"] and unit.pk not in self.enps_withheld
        return self._describe(
            self.subtree[unit.pk],
            exact=unit.pk in self.exact,
            enps_exact=unit.pk in self.enps_exact,
            **optional,
        )

    def hr_reasons(self, unit: Unit) -> dict | None:
        if unit.pk not in self.hr_shown:
            return None
        counts = self.hr_subtree[unit.pk]
        total = sum(counts.values())
        withheld = {
            "n": total,
            "shares": None,
            "k_text": self.k_text,
            "k": self.k,
            # From k_text leavers, but a reason of fewer could be worked out from the split.
            "withheld": unit.pk in self.hr_exact,
            # Split per year on the history page (`_split_elsewhere`), not here.
            "per_year": self.hr_per_year,
        }
        if unit.pk not in self.hr_pages:
            return withheld
        rows = [
            (reason, count)
            for reason, count in counts.most_common()
            if reason in self.hr_split_reasons and count
        ]
        other = total - sum(count for _reason, count in rows)
        # The rule leaves no row and no rest of 1..k-1 on a page; checked again here, so that
        # a change to it withholds the split rather than show a few.
        if any(0 < count < self.k for _reason, count in [*rows, ("", other)]):
            return withheld
        shares = {EndReason(r).label: coarsen.exact_share(c, total)[1] for r, c in rows}
        if other:
            shares[_("Other reasons")] = coarsen.exact_share(other, total)[1]
        return withheld | {"shares": shares}

    def group_rows(self) -> list[dict]:
        """Region-wide, per profession group: only the groups the rule lets through. (Not
        the HR system's leavers per group: beside the end reasons' split, decided over the
        tree alone, they would be a second partition of the same leavers.)"""
        rows = []
        for group in sorted(self.shown_groups, key=lambda g: (-self.groups[g].n, g)):
            tally = self.groups[group]
            optional = {name: group in shown for name, shown in self.optional_groups.items()}
            described = self._describe(
                tally,
                exact=group in self.exact_groups,
                enps_exact=group in self.enps_exact_groups,
                **optional,
            )
            described["group"] = group
            # Ranked by the exact counts, so for an exact group only: below k_text a lever
            # listed said that one of five gave its reason.
            described["levers"] = [
                (str(LEVERS.get(lever, lever)), share)
                for lever, share in surveys.levers_that_matter(tally.main)[:3]
                if described["exact"]
            ]
            rows.append(described)
        return rows

    def hidden_groups(self) -> list[str]:
        return sorted(set(self.groups) - self.shown_groups)

    def texts(self, unit: Unit) -> list[str]:
        """What would have made them stay: for the whole region's page only, and only with
        at least twice the threshold behind it, sorted (not in arrival order)."""
        tally = self.subtree.get(unit.pk)
        if unit.parent_id is not None or tally is None or tally.n < 2 * self.k:
            return []
        rows = ExitAnswer.objects.filter(year__range=self.block).exclude(would_have_stayed="")
        return sorted(text.strip() for text in rows.values_list("would_have_stayed", flat=True))

    def _describe(
        self, tally: Tally, *, exact: bool, come_back: bool, enps: bool, enps_exact: bool
    ) -> dict:
        """A group's figures as they may be shown: exact from k_text, coarse below."""

        def share(count: int) -> tuple[float, str]:
            if exact:
                return coarsen.exact_share(count, tally.n)
            return coarsen.coarse_share(count, tally.n)

        # A coarse group lists every reason, so that a missing one is not an exact 0, in the
        # order of what is shown and then of the codes: by the counts, a reason of one
        # leaver stood above the "≤ 20 %" of those none gave (an insider's eighth round).
        codes = set(tally.mentioned) if exact else set(self.by_code)
        reasons = sorted(
            (
                {
                    "reason": self.by_code[code],
                    "code": code,
                    "main": share(tally.main.get(code, 0))[0],
                    "main_text": share(tally.main.get(code, 0))[1],
                    "mentioned": share(tally.mentioned.get(code, 0))[0],
                    "mentioned_text": share(tally.mentioned.get(code, 0))[1],
                }
                for code in codes
                if code in self.by_code
            ),
            key=lambda row: (-row["main"], -row["mentioned"], row["code"]),
        )
        answered = sum(tally.come_back.values())
        score = (
            coarsen.publish(
                tally.promoters,
                tally.scored - tally.promoters - tally.detractors,
                tally.detractors,
                exact=enps_exact,
                k=self.k,
                k_text=self.k_text,
                population=tally.scored,
            )
            if enps
            else None
        )
        return {
            "n": tally.n if exact else None,
            "n_text": str(tally.n) if exact else coarsen.n_band(tally.n, self.k, self.k_text),
            "exact": exact,
            "reasons": reasons,
            "come_back": {
                c.value: coarsen.publish_share(tally.come_back.get(c.value, 0), answered)
                for c in ComeBack
            }
            if come_back and exact
            else None,
            "enps": score,
        }
