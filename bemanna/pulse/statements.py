"""A wave's results per statement: each HME statement and extra question for a unit.

Built on `WaveReport`'s decisions, so it shows nothing the rest of the pulse would not: a
statement's mean, its share agreeing and its distribution need the stricter threshold
(k_text) on the statement's own answers, inside the units whose split may be shown, with the
same complementary suppression over the unit tree (`disclosure.visible_units`). Below k_text
nothing is shown per statement: one statement's mean of a few answers says what everyone
answered far sooner than an index over nine (a mean of 100 is five "instämmer helt").

The change since the wave before is tested only between two exact results (two-sided 95 %,
a z test on the means, each wave's own variance), and read by direction: every statement is
worded so that higher is better, so a rise is "better" and never marked as a warning.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connections, transaction
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bemanna import generation
from bemanna.analysis import coarsen, drivers, enps
from bemanna.analysis.disclosure import ancestors
from bemanna.org.models import Unit
from bemanna.pulse.models import (
    Dialogue,
    ItemAnswer,
    Question,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
)
from bemanna.pulse.results import HmeAnswers, WaveReport, pulse_parts, wave_report

AGREE_VALUES = (1, 2, 3, 4, 5)
ENPS_VALUES = tuple(range(11))
GROUPS = ("motivation", "leadership", "governance")


@dataclass(frozen=True)
class Change:
    difference: float
    z: float
    # The difference of the two means as the pages show them (rounded as shown): what the
    # page says changed, from nothing but the two figures a reader can already see.
    shown: float = 0.0

    @property
    def significant(self) -> bool:
        return abs(self.z) > enps.Z95

    @property
    def direction(self) -> str:
        """'better', 'worse' or '' (no significant change): higher is better for every item."""
        if not self.significant:
            return ""
        return "better" if self.difference > 0 else "worse"


@dataclass(frozen=True)
class Statement:
    """One statement's results for a unit, with everything hidden as None."""

    key: str
    text: str
    group: str  # motivation, leadership, governance, or "question"
    kind: str  # agree, choice, number
    answered: int | None = None
    mean: float | None = None  # HME on SKR's 0–100; an extra agree item 1–5; a number
    agree: float | None = None  # share answering 4 or 5, whole per cent
    distribution: tuple[float, ...] | None = None  # shares of 1–5, or of the choices
    labels: tuple[str, ...] = ()
    change: Change | None = None
    variance: float | None = None  # of one answer, for the comparison with the wave before

    @property
    def shown(self) -> bool:
        return self.answered is not None

    @property
    def digits(self) -> int:
        return 0 if self.key.startswith("hme_") else 1


def score(key: str, value: int) -> float:
    """An answer on the scale its mean is shown on: HME items 1–5 → 0–100, others as given.

    Examples:
        >>> score("hme_motivation_1", 4), score("q7", 4)
        (75.0, 4.0)
    """
    return enps.hme_item_score(value) if key.startswith("hme_") else float(value)


def compare(now: Statement, before: Statement) -> Change | None:
    """z test on two waves' means (independent samples); None unless both are exact.

    Examples:
        >>> a = Statement("k", "", "", "agree", answered=20, mean=70.0, variance=400.0)
        >>> b = Statement("k", "", "", "agree", answered=20, mean=50.0, variance=400.0)
        >>> change = compare(a, b)
        >>> round(change.z, 2), change.direction
        (3.16, 'better')
    """
    if (
        now.mean is None
        or before.mean is None
        or now.variance is None
        or before.variance is None
        or not now.answered
        or not before.answered
    ):
        return None
    difference = now.mean - before.mean
    shown = float(
        coarsen.as_shown(now.mean, now.digits) - coarsen.as_shown(before.mean, now.digits)
    )
    spread = math.sqrt(now.variance / now.answered + before.variance / before.answered)
    if spread == 0:
        return Change(difference, math.inf if difference else 0.0, shown)
    return Change(difference, difference / spread, shown)


class StatementReport:
    """Every statement of one wave for every unit, decided once for the whole tree."""

    def __init__(self, report: WaveReport) -> None:
        self.report = report
        self.wave: Wave = report.wave
        pulse = self.wave.pulse
        self.k_text = report.k_text
        self.items: list[tuple[str, str, str, str, Question | None]] = []
        if pulse.include_hme:
            for group, texts in enps.HME_ITEMS.items():
                for i, text in enumerate(texts, start=1):
                    self.items.append((f"hme_{group}_{i}", text, group, QuestionKind.AGREE, None))
        for question in report.questions:
            self.items.append((question.key, question.text, "question", question.kind, question))
        # value counts per item and unit (own answers, `WaveReport.item_counts`), then per
        # subtree
        own: dict[str, dict[int, dict[int, int]]] = {}
        if not report.is_open:
            own.update(report.item_counts)
            by_unit: dict[int, dict[int, int]] = defaultdict(dict)
            for unit, value, n in (
                _enps_counts(report.hme_answers)
                if report.hme_answers is not None
                else Response.objects.filter(wave=self.wave)
                .values_list("unit_id", "enps")
                .annotate(n=Count("id"))
                .order_by()
            ):
                by_unit[unit][value] = n
            own["enps"] = by_unit
        self._tree = _Tree(report.parents)
        self.counts = {key: self._tree.subtree(by_unit) for key, by_unit in own.items()}
        # An HME statement's units are decided by the report already, by the same rule on
        # the same counts (`WaveReport.statement_shown`): taken from there, not again.
        decided = report.statement_shown
        self.shown = {
            key: decided[key]
            if key in decided
            else report.statement_units(
                {unit: sum(values.values()) for unit, values in own.get(key, {}).items()}
            )
            for key, *_rest in self.items
        }
        self._found: dict[int, list[Statement]] = {}

    def __getstate__(self) -> dict:
        # Kept (pickled) without the statements worked out since: they follow from the rest.
        return {**self.__dict__, "_found": {}}

    def enps_distribution(self, unit: Unit) -> tuple[float, ...] | None:
        """Shares answering 0, 1, …, 10 where the split may be shown (k_text)."""
        if self.report.is_open or unit.pk not in self.report.shown_text:
            return None
        counts = self.counts["enps"].of(unit.pk) if "enps" in self.counts else {}
        n = sum(counts.values())
        if not n:
            return None
        return tuple(coarsen.publish_share(counts.get(v, 0), n) for v in ENPS_VALUES)

    def statements(self, unit: Unit, before: StatementReport | None = None) -> list[Statement]:
        """The unit's statements in order; those not shown carry only their text."""
        found = self._found.get(unit.pk)
        if found is None:
            found = self._found[unit.pk] = self._statements(unit.pk)
        if before is None:
            return list(found)
        earlier = {s.key: s for s in before.statements(unit) if s.shown}
        return [
            _with_change(s, compare(s, earlier[s.key])) if s.shown and s.key in earlier else s
            for s in found
        ]

    def _statements(self, pk: int) -> list[Statement]:
        found = []
        for key, text, group, kind, question in self.items:
            if pk not in self.shown[key]:
                found.append(Statement(key, text, group, kind))
                continue
            counts = self.counts[key].of(pk)
            found.append(self._statement(key, text, group, kind, question, counts))
        return found

    @staticmethod
    def _statement(key, text, group, kind, question, counts: dict[int, int]) -> Statement:
        """One shown statement from its answers by value (their variance summed in the
        order given)."""
        n = sum(counts.values())
        share = coarsen.publish_share
        if kind == QuestionKind.CHOICE:
            labels = tuple(question.choice_list()) if question else ()
            shares = tuple(share(counts.get(i, 0), n) for i in range(len(labels)))
            return Statement(key, text, group, kind, n, distribution=shares, labels=labels)
        # Every answer's score is a whole number (`score`): its sum is exact in integers.
        hme = key.startswith("hme_")
        points = [
            (_HME_POINTS[v] if hme and v in _HME_POINTS else int(score(key, v)), c)
            for v, c in counts.items()
        ]
        total = sum(p * c for p, c in points)
        mean = total / n
        variance = sum(c * (p - mean) ** 2 for p, c in points) / (n - 1) if n > 1 else 0.0
        digits = 0 if hme else 1
        # The mean rounded half away from zero, exactly: floor(|x| + 1/2) for x = total·10ᵈ/n.
        scaled = abs(total) * 10**digits
        rounded = (2 * scaled + n) // (2 * n) * (-1 if total < 0 else 1)
        shown = float(rounded) / 10**digits
        if kind == QuestionKind.NUMBER:
            return Statement(key, text, group, kind, n, shown, variance=variance)
        get = counts.get
        agree = share(get(4, 0) + get(5, 0), n)
        shares = tuple(share(get(v, 0), n) for v in AGREE_VALUES)
        return Statement(
            key,
            text,
            group,
            kind,
            n,
            shown,
            agree,
            shares,
            tuple(str(v) for v in AGREE_VALUES),
            variance=variance,
        )


def _enps_counts(answers: HmeAnswers) -> list[tuple[int, int, int]]:
    """The answers per unit and eNPS value (unit, value, answers) from the answers the
    report read by answer: every answer of the wave is there."""
    pairs, n = np.unique(answers.unit * 16 + answers.enps, return_counts=True)
    return list(zip((pairs // 16).tolist(), (pairs % 16).tolist(), n.tolist(), strict=True))


# An HME answer's score (`score`) as the whole number it is, by answer; any other raises.
_HME_POINTS = {v: int(enps.hme_item_score(v)) for v in AGREE_VALUES}


def _with_change(statement: Statement, change: Change | None) -> Statement:
    """The statement with its change since the wave before (`dataclasses.replace`, without
    its cost: every unit's statements in every wave take one)."""
    s = statement
    return Statement(
        s.key,
        s.text,
        s.group,
        s.kind,
        s.answered,
        s.mean,
        s.agree,
        s.distribution,
        s.labels,
        change,
        s.variance,
    )


class _Tree:
    """A wave's unit tree for adding counts up to every unit above: each unit's row and, per
    unit and each unit above it (itself too), the pair of rows."""

    def __init__(self, parents: dict[int, int | None]) -> None:
        chains = {pk: ancestors(parents, pk) for pk in parents}
        self.row: dict[int, int] = {}
        for chain in chains.values():
            for pk in chain:
                self.row.setdefault(pk, len(self.row))
        pairs = [(self.row[pk], self.row[above]) for pk, chain in chains.items() for above in chain]
        self.units = np.array([p[0] for p in pairs], dtype=np.intp)
        self.above = np.array([p[1] for p in pairs], dtype=np.intp)

    def subtree(self, by_unit: dict[int, dict[int, int]]) -> _Counts:
        """Answers by value per unit's subtree, from each unit's own (`by_unit`)."""
        values = sorted({v for counts in by_unit.values() for v in counts})
        column = {v: j for j, v in enumerate(values)}
        own = np.zeros((len(self.row), len(values)), dtype=np.int64)
        for unit, counts in by_unit.items():
            if unit in self.row:
                for value, n in counts.items():
                    own[self.row[unit], column[value]] += n
        totals = np.zeros_like(own)
        np.add.at(totals, self.above, own[self.units])
        # Per subtree and value, the first unit (by id) below with an answer of that value:
        # the values are listed in that order (`_Counts.of`), as the units' answers have
        # always been added up, so that a variance summed in that order stays the same.
        last = np.iinfo(np.int64).max
        ids = np.array(list(self.row), dtype=np.int64)
        first = np.full_like(own, last)
        np.minimum.at(first, self.above, np.where(own > 0, ids[:, None], last)[self.units])
        return _Counts(self.row, tuple(values), totals, first)


@dataclass(frozen=True)
class _Counts:
    """Answers by value per unit's subtree: a row per unit, a column per value."""

    row: dict[int, int]
    values: tuple[int, ...]
    totals: np.ndarray
    first: np.ndarray  # per row and value: the first unit below (by id) that gave it

    def of(self, pk: int) -> dict[int, int]:
        """A unit's answers by value, only values answered: by the first unit below (by id)
        that gave the value, then by value (the units' own answers taken in order of unit and
        value, each value where it first occurs)."""
        i = self.row.get(pk)
        if i is None:
            return {}
        found = zip(self.first[i].tolist(), self.values, self.totals[i].tolist(), strict=True)
        return {v: n for _first, v, n in sorted(found) if n}


def statement_report(wave: Wave) -> StatementReport:
    """`StatementReport` of a wave's report (`results.wave_report`), a closed wave's kept in
    the shared cache as its report is: its answers are final."""
    if wave.status != WaveStatus.CLOSED:
        return StatementReport(wave_report(wave))
    return generation.remembered(
        "statement-report-2",
        (wave.pk, wave.k, wave.k_text, *pulse_parts(wave.pulse)),
        lambda: StatementReport(wave_report(wave)),
    )


def wave_before(wave: Wave) -> Wave | None:
    """The pulse's last closed wave before this one."""
    return (
        wave.pulse.waves.filter(status=WaveStatus.CLOSED, opens__lt=wave.opens)
        .order_by("-opens")
        .first()
    )


def hme_ranked(found: list[Statement]) -> list[Statement]:
    """The shown HME statements, weakest first (ties by the order of the questionnaire)."""
    shown = [s for s in found if s.shown and s.group in GROUPS and s.mean is not None]
    return sorted(shown, key=lambda s: s.mean or 0.0)


@dataclass(frozen=True)
class DriverResult:
    """The key-driver analysis of a unit, or why it could not run."""

    drivers: Any = None  # analysis.drivers.Drivers
    reason: str = ""
    texts: dict[str, str] = dataclasses.field(default_factory=dict)
    # The number who answered every statement, as it may be shown: beside the group's n it
    # says how many skipped one, so only when they are none or at least k (else None).
    complete: int | None = None

    def _named(self, found: list) -> list[tuple[Any, str]]:
        return [(d, self.texts.get(d.key, d.key)) for d in found]

    @property
    def ranked(self) -> list[tuple[Any, str]]:
        return self._named(self.drivers.ranked()) if self.drivers else []

    @property
    def strengths(self) -> list[tuple[Any, str]]:
        return self._named(self.drivers.strengths()) if self.drivers else []

    @property
    def priorities(self) -> list[tuple[Any, str]]:
        return self._named(self.drivers.priorities()) if self.drivers else []


def driver_analysis(report: WaveReport, unit: Unit, *, draws: int = 200) -> DriverResult:
    """`_driver_analysis`, a closed wave's kept in the shared cache per unit and language
    (its resamples are seeded: the same answers give the same result)."""
    if report.is_open:
        return _driver_analysis(report, unit, draws=draws)
    return generation.remembered(
        "driver-analysis",
        (
            report.wave.pk,
            report.k,
            report.k_text,
            *pulse_parts(report.wave.pulse),
            unit.pk,
            draws,
            get_language(),
        ),
        lambda: _driver_analysis(report, unit, draws=draws),
    )


def _driver_analysis(report: WaveReport, unit: Unit, *, draws: int = 200) -> DriverResult:
    """Which HME statements move eNPS most in a unit's subtree (relative weights over the
    respondents' own answers). Only where the unit's split may be shown (k_text, and not
    suppressed to protect a neighbour), so it rests on no group smaller than the comments do.
    The number of complete answers is shown only when those who skipped a statement are none
    or at least k: the group's n minus it would count them."""
    texts = dict(enps.HME_KEYS)
    if report.is_open or not report.wave.pulse.include_hme:
        return DriverResult(reason=_("The wave has no HME answers to analyse."))
    if unit.pk not in report.shown_text:
        return DriverResult(
            reason=_(
                "The analysis needs at least %(k)s answers in the group, and none of its "
                "parts may be a smaller group that could be worked out."
            )
            % {"k": report.k_text}
        )
    chain = {pk: ancestors(report.parents, pk) for pk in report.parents}
    subtree = [pk for pk, above in chain.items() if unit.pk in above]
    keys = list(enps.HME_KEYS)
    if report.hme_answers is not None:
        answered, rows = _complete_answers_read(report.hme_answers, subtree, len(keys))
    else:
        answered, rows = _complete_answers(report.wave.pk, subtree, keys)
    scale = np.array([[score(key, value) for key in keys] for value in range(1, 6)])
    items = scale[rows[:, 1:].astype(int) - 1, np.arange(len(keys))]
    outcome = rows[:, 0].astype(float)
    try:
        found = drivers.key_drivers(
            items,
            outcome,
            keys,
            draws=draws,
            minimum=max(report.k_text, drivers.MIN_RESPONDENTS),
        )
    except drivers.TooFewAnswers:
        return DriverResult(
            reason=_(
                "Too few complete answers to tell nine statements apart: the analysis needs "
                "%(n)s who answered every statement."
            )
            % {"n": max(report.k_text, drivers.MIN_RESPONDENTS)}
        )
    return DriverResult(
        drivers=found, texts=texts, complete=complete_shown(answered, len(rows), report.k)
    )


# An answer to every statement packed into one whole number (4 bits each, eNPS on top), so
# that one value per answer crosses from the database instead of ten.
_BITS = 4


def _complete_answers(wave: int, units: list[int], keys: list[str]) -> tuple[int, np.ndarray]:
    """The wave's answers in `units`: how many, and one row per complete answer (one that
    gave every statement, each statement's answer there, not null) in key order, its eNPS
    then its answer (1–5) to each statement. Put together by the database: no answer's key
    leaves it, and the key order (the same resamples however the rows are stored) is its."""
    connection = connections[Response.objects.db]
    sql = _complete_answers_sql(keys, connection.vendor)
    placeholders = ", ".join(["%s"] * len(units))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Compiling the query to machine code (JIT, on for a large wave's estimated
            # cost) takes longer than running it: off for this query alone.
            cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
            jit = cursor.fetchone()[0]
            cursor.execute(sql, [wave, units])
            found = cursor.fetchall()
            cursor.execute("SELECT set_config('jit', %s, true)", [jit])
        else:
            cursor.execute(sql.replace("%(units)s", placeholders), [wave, *units])
            found = cursor.fetchall()
    codes = np.array([code for (code,) in found if code is not None], dtype=np.int64)
    if (codes < 0).any():
        raise ValueError("a statement's answer outside 1–5")
    shifts = _BITS * np.arange(len(keys), -1, -1, dtype=np.int64)
    rows = (codes[:, None] >> shifts) & ((1 << _BITS) - 1)
    rows[:, 0] = codes >> (_BITS * len(keys))
    return len(found), rows


def _complete_answers_read(
    answers: HmeAnswers, units: list[int], count: int
) -> tuple[int, np.ndarray]:
    """`_complete_answers` from the answers the report read by answer (in the order of
    their keys, as the query's): the same count and the same rows."""
    mine = np.isin(answers.unit, units)
    code, score = answers.code[mine], answers.enps[mine]
    shifts = _BITS * np.arange(count, -1, -1, dtype=np.int64)
    rows = (code[:, None] >> shifts) & ((1 << _BITS) - 1)
    rows[:, 0] = score
    complete = (rows[:, 1:] > 0).all(axis=1)
    return int(mine.sum()), rows[complete]


def _complete_answers_sql(keys: list[str], vendor: str) -> str:
    """`_complete_answers`'s query (parameters: the wave, then the units): per answer in key
    order, NULL where it skipped a statement, -1 where an answer is not 1–5, else its eNPS
    and its answer to each statement packed (`_BITS` each, the last statement lowest).
    PostgreSQL looks each answer's statements up by its key (LATERAL): it would otherwise
    join by scanning every wave's statements for one wave's answers."""
    if not all(key.replace("_", "").isalnum() for key in keys):
        raise ValueError("a statement's key is letters, digits and underscores")
    table, items = Response._meta.db_table, ItemAnswer._meta.db_table
    given = [f"MAX(CASE WHEN i.item = '{key}' THEN i.value END)" for key in keys]
    if vendor == "postgresql":
        values, enps_ = [f"m.v{j}" for j in range(len(keys))], "CAST(r.enps AS bigint)"
    else:  # one pass grouped by key (the same aggregate named twice is worked out once)
        values, enps_ = given, "r.enps"
    packed = " + ".join(
        f"{value} * {1 << (_BITS * (len(keys) - 1 - j))}" for j, value in enumerate(values)
    )
    code = (
        f"CASE WHEN {' OR '.join(f'{v} IS NULL' for v in values)} THEN NULL "
        f"WHEN {' AND '.join(f'{v} BETWEEN 1 AND 5' for v in values)} "
        f"THEN {enps_} * {1 << (_BITS * len(keys))} + {packed} ELSE -1 END"
    )
    if vendor == "postgresql":
        columns = ", ".join(f"{value} AS v{j}" for j, value in enumerate(given))
        return (
            f"SELECT {code} FROM {table} r CROSS JOIN LATERAL "
            f"(SELECT {columns} FROM {items} i WHERE i.response_id = r.id) m "
            "WHERE r.wave_id = %s AND r.unit_id = ANY(%s) ORDER BY r.id"
        )
    return (
        f"SELECT {code} FROM {table} r LEFT JOIN {items} i ON i.response_id = r.id "
        "WHERE r.wave_id = %s AND r.unit_id IN (%(units)s) GROUP BY r.id ORDER BY r.id"
    )


def complete_shown(answered: int, complete: int, k: int) -> int | None:
    """The number who answered every statement, as it may be shown beside the group's n:
    only when those who skipped one (n minus it) are none or at least k.

    Examples:
        >>> complete_shown(45, 45, 5), complete_shown(45, 40, 5), complete_shown(43, 40, 5)
        (45, 40, None)
    """
    skipped = answered - complete
    return complete if skipped == 0 or skipped >= k else None


def guide(report: WaveReport, unit: Unit) -> dict:
    """What the dialogue guide opens with: the unit's weakest and strongest statements in
    this wave (where the statement page shows them), a question to start from for each weak
    one, and what the last dialogue agreed and left open."""
    ranked = [] if report.is_open else hme_ranked(statement_report(report.wave).statements(unit))
    weakest = ranked[:3]
    strongest = list(reversed(ranked[-3:])) if len(ranked) > 3 else []
    last = (
        Dialogue.objects.filter(unit_id=unit.pk, wave__opens__lt=report.wave.opens)
        .select_related("wave")
        .order_by("-wave__opens")
        .first()
    )
    return {
        "weakest": weakest,
        "strongest": strongest,
        "questions": [
            _("What would make more of us agree with “%(statement)s”?") % {"statement": s.text}
            for s in weakest
        ],
        "last": last,
    }
