"""What may be shown of a wave's answers, decided in one place for everyone.

Everything a person can see of the answers — pages, charts, the Excel export, the targeted
surveys' levers, the plan's effects — comes from `WaveReport`, the one place where the
anonymity thresholds and the complementary suppression are applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import Count, Q

from bemanna import generation
from bemanna.analysis import coarsen, enps
from bemanna.analysis.disclosure import ancestors, visible_units
from bemanna.org import frozen
from bemanna.org.models import Unit
from bemanna.pulse.models import (
    Invitation,
    ItemAnswer,
    Pulse,
    Question,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
)

_HME_VALUES = frozenset(range(1, 6))
# The HME columns of a stored answer (`Response`): the index and its three parts.
HME_FIELDS = ("hme", "hme_motivation", "hme_leadership", "hme_governance")


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int  # 0 when hidden
    mean: float | None = None  # agree scale and number, at the stricter threshold
    shares: tuple[float, ...] | None = None  # single choice, at the stricter threshold


@dataclass(frozen=True)
class UnitResult:
    """One unit's results (its whole subtree) in one wave, with everything hidden as None.

    `score` is what may be shown (`coarsen.Published`): exact, rounded to whole numbers, where
    the split may be shown; coarse (eNPS to the nearest 10, n as a band, no interval) where
    the unit has k answers but not the split. `exact_score` (for significance tests) is only
    there when the split is shown, so nothing finer than the page leaks through a comparison.
    """

    unit: Unit
    invited: int
    answered: int | None  # None when hidden, while open, and after close for a coarse group
    score: coarsen.Published | None  # None when hidden, or while the window is open
    # The stricter threshold: the promoter/passive/detractor split and the comments.
    split_shown: bool = False
    hme: dict[str, float | None] = field(default_factory=dict)
    questions: list[QuestionResult] = field(default_factory=list)
    exact_score: enps.Score | None = None
    # While the window is open: the response rate as a band of ten percentage points only.
    rate_band: str | None = None
    rate_band_top: int | None = None  # the band's upper end in per cent ("30–40 %": 40)
    # Invited by age, rate or profession (`WaveReport.chosen_by_person`): the number invited
    # is a count of such people in the unit on the wave's day, so it is never shown.
    invited_kept_back: bool = False

    @property
    def comments_shown(self) -> bool:
        return self.split_shown  # the same threshold and the same suppression

    @property
    def invited_shown(self) -> int | None:
        """The number invited as any page or export may show it: only beside an exact
        result (with its n and response rate). For a hidden or coarse group it would say
        how many people the group holds, which the rest of the page keeps back."""
        if self.invited_kept_back:
            return None
        return self.invited if self.score is not None and self.score.exact else None

    @property
    def response_rate(self) -> float | None:
        if self.answered is None or not self.invited or self.invited_kept_back:
            return None
        # To whole per cent as every format shows it (the page's per cent and the export's
        # fraction of 15/24 were 63 % and 0.62).
        return coarsen.publish_share(self.answered, self.invited)


AGGREGATES = {
    "n": Count("id"),
    "promoters": Count("id", filter=Q(enps__gte=9)),
    "detractors": Count("id", filter=Q(enps__lte=6)),
    **{f"{name}_n": Count(name) for name in HME_FIELDS},
}


def _aggregate(waves: list[Wave]) -> tuple[dict, dict, dict, dict]:
    """Today's units, and per wave and unit the invitations, the answers' sums and the answers
    to each statement by value: three queries for any number of waves, so a trend or an export
    costs about one pass over the answers."""
    ids = [wave.pk for wave in waves]
    invited: dict[int, dict[int, int]] = defaultdict(dict)
    for wave_id, unit_id, n in (
        Invitation.objects.filter(wave_id__in=ids)
        .values("wave_id", "unit_id")
        .annotate(n=Count("id"))
        .values_list("wave_id", "unit_id", "n")
    ):
        invited[wave_id][unit_id] = n
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Response.objects.filter(wave_id__in=ids)
        .values("wave_id", "unit_id")
        .annotate(**AGGREGATES)
        .order_by()
    ):
        rows[row["wave_id"]].append(row)
    counts, answers = _item_counts(waves)
    return {u.pk: u for u in Unit.objects.all()}, invited, rows, counts, answers


def _item_counts(
    waves: list[Wave],
) -> tuple[dict[int, dict[str, dict[int, dict[int, int]]]], dict[int, HmeAnswers]]:
    """Per wave, statement (item) and unit, the answers by value, in one query: for the waves
    whose statements are shown (closed, with the HME) or that ask questions of their own.
    With them, for the waves whose HME statements were counted from each answer's own
    (`_hme_answers`), those answers, for the key drivers."""
    with_questions = set(
        Question.objects.filter(pulse_id__in={wave.pulse_id for wave in waves}).values_list(
            "pulse_id", flat=True
        )
    )
    ids = [
        wave.pk
        for wave in waves
        if (wave.status != WaveStatus.OPEN and wave.pulse.include_hme)
        or wave.pulse_id in with_questions
    ]
    counts: dict[int, dict[str, dict[int, dict[int, int]]]] = {}
    answers: dict[int, HmeAnswers] = {}
    if not ids:
        return counts, answers
    # Several closed waves with the HME and no questions of their own, on PostgreSQL: one
    # pass over their answers by answer instead of one grouped pass here and one per wave
    # for the drivers (`statements._complete_answers`).
    hme_only = [
        wave.pk
        for wave in waves
        if wave.status == WaveStatus.CLOSED
        and wave.pulse.include_hme
        and wave.pulse_id not in with_questions
    ]
    if len(hme_only) > 1 and connections[Response.objects.db].vendor == "postgresql":
        found = _hme_answers(hme_only)
        if found is not None:
            counts, answers = found
            ids = [pk for pk in ids if pk not in answers]
            if not ids:
                return counts, answers
    for wave_id, unit, item, value, n in (
        ItemAnswer.objects.filter(response__wave_id__in=ids)
        .values_list("response__wave_id", "response__unit_id", "item", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        by_value = counts.setdefault(wave_id, {}).setdefault(item, {}).setdefault(unit, {})
        by_value[value] = by_value.get(value, 0) + n
    return counts, answers


# An answer's nine HME statements packed into one whole number, 4 bits each (0: not
# answered), the first statement highest, as `statements._complete_answers` packs them.
_BITS = 4


@dataclass(frozen=True)
class HmeAnswers:
    """A closed wave's answers, one per row in the order of their keys: the unit, the eNPS
    and the HME statements packed (`_BITS` each, 0 where not answered). Never kept in the
    shared cache with the report (`WaveReport.__getstate__`): answers by answer, in memory
    only while the report that read them is worked on."""

    unit: np.ndarray
    enps: np.ndarray
    code: np.ndarray


def _hme_answers(
    ids: list[int],
) -> tuple[dict[int, dict[str, dict[int, dict[int, int]]]], dict[int, HmeAnswers]] | None:
    """The HME statements' answers per wave, statement, unit and value, and each answer's
    own (`HmeAnswers`), from one query by answer; None where an answer gives a statement
    twice or a value outside 1–5 (the grouped query counts those as they are)."""
    keys = list(enps.HME_KEYS)
    if not all(key.replace("_", "").isalnum() for key in keys):
        raise ValueError("a statement's key is letters, digits and underscores")
    table, items = Response._meta.db_table, ItemAnswer._meta.db_table
    place = " ".join(
        f"WHEN '{key}' THEN {1 << (_BITS * (len(keys) - 1 - j))}" for j, key in enumerate(keys)
    )
    listed = ", ".join(f"'{key}'" for key in keys)
    # Per wave, its answers in the order of their keys, as bytes (one whole number each):
    # each answer's unit, and its statements packed with, above them, how many statement
    # answers it has, its eNPS and whether any is odd (the count and the eNPS capped at 15).
    n, enps_ = "COALESCE(m.n, 0)", "CAST(r.enps AS bigint)"
    packed = (
        f"COALESCE(m.code, 0) + LEAST({n}, 15) * {1 << 36} + LEAST({enps_}, 15) * {1 << 40} "
        f"+ CASE WHEN COALESCE(m.odd, 0) > 0 OR {n} > 15 OR {enps_} > 15 THEN {1 << 44} "
        "ELSE 0 END"
    )
    sql = (
        "SELECT r.wave_id, string_agg(int4send(CAST(r.unit_id AS integer)), '' ORDER BY r.id), "
        f"string_agg(int8send({packed}), '' ORDER BY r.id) FROM {table} r LEFT JOIN ("
        f"SELECT i.response_id, CAST(SUM(CAST(CASE i.item {place} END AS bigint) * "
        "CASE WHEN i.value BETWEEN 1 AND 5 THEN i.value ELSE 0 END) AS bigint) AS code, "
        "COUNT(*) AS n, SUM(CASE WHEN i.value BETWEEN 1 AND 5 THEN 0 ELSE 1 END) AS odd "
        f"FROM {items} i WHERE i.item IN ({listed}) AND i.response_id IN "
        f"(SELECT id FROM {table} WHERE wave_id = ANY(%s)) GROUP BY i.response_id) m "
        "ON m.response_id = r.id WHERE r.wave_id = ANY(%s) GROUP BY r.wave_id"
    )
    connection = connections[Response.objects.db]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Compiling the query to machine code (JIT) takes longer than running it; grouping
        # the answers by answer in memory (a million answers: about 100 MB) is faster than
        # sorting them on disk. For this query alone.
        cursor.execute(
            "SELECT current_setting('jit'), current_setting('work_mem'), "
            "set_config('jit', 'off', true), set_config('work_mem', '256MB', true)"
        )
        jit, memory = cursor.fetchone()[:2]
        cursor.execute(sql, [ids, ids])
        found = {pk: (bytes(units), bytes(codes)) for pk, units, codes in cursor.fetchall()}
        cursor.execute(
            "SELECT set_config('jit', %s, true), set_config('work_mem', %s, true)", [jit, memory]
        )
    by_wave = {
        pk: (
            np.frombuffer(found[pk][0], dtype=">i4").astype(np.int64),
            np.frombuffer(found[pk][1], dtype=">i8").astype(np.int64),
        )
        if pk in found
        else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        for pk in ids
    }
    wave = np.concatenate([np.full(len(u), pk, dtype=np.int64) for pk, (u, _c) in by_wave.items()])
    unit = np.concatenate([u for u, _c in by_wave.values()])
    whole = np.concatenate([c for _u, c in by_wave.values()])
    code = whole & ((1 << 36) - 1)
    n = (whole >> 36) & 15
    score = (whole >> 40) & 15
    odd = whole >> 44
    shifts = _BITS * np.arange(len(keys) - 1, -1, -1, dtype=np.int64)
    values = (code[:, None] >> shifts) & ((1 << _BITS) - 1)
    if odd.any() or ((values > 0).sum(axis=1) != n).any():
        return None
    # Counted per wave, unit and value at once: each answer's place among them, one whole
    # number, and the answers in each place.
    wave_ids, wave_at = np.unique(wave, return_inverse=True)
    unit_ids, unit_at = np.unique(unit, return_inverse=True)
    base = (wave_at.reshape(-1) * len(unit_ids) + unit_at.reshape(-1)) << _BITS
    size = len(wave_ids) * len(unit_ids) << _BITS
    counts: dict[int, dict[str, dict[int, dict[int, int]]]] = {}
    for j, key in enumerate(keys):
        tally = np.bincount(base + values[:, j], minlength=size)
        tally[:: 1 << _BITS] = 0  # not answered
        places = np.flatnonzero(tally)
        cells, given = np.divmod(places, 1 << _BITS)
        at_wave, at_unit = np.divmod(cells, len(unit_ids))
        for w, u, value, total in zip(
            wave_ids[at_wave].tolist(),
            unit_ids[at_unit].tolist(),
            given.tolist(),
            tally[places].tolist(),
            strict=True,
        ):
            counts.setdefault(w, {}).setdefault(key, {}).setdefault(u, {})[value] = total
    answers = {}
    for pk in ids:
        mine = wave == pk
        answers[pk] = HmeAnswers(unit[mine], score[mine], code[mine])
    return counts, answers


# The kept reports' name, changed with what a report holds (a kept one of older code is not
# read back).
REPORT_KEY = "wave-report-3"


def wave_reports(waves: list[Wave]) -> dict[int, WaveReport]:
    """A report for each of several waves (of any pulses) from one pass over the answers.

    A closed wave's report is kept in the shared cache until the next change of generation
    (`bemanna.generation`: a wave closed or deleted, a unit or an import, the retention run),
    keyed with its thresholds too: its answers, invitations and tree are final, and
    the report is the whole region's, before any user's access is applied. An open wave's
    is computed each time (its answers keep coming)."""
    pulses: dict[int, tuple] = {}
    keys = {
        wave.pk: generation.cache_key(
            REPORT_KEY, (wave.pk, wave.k, wave.k_text, *pulse_parts(wave.pulse, pulses))
        )
        for wave in waves
        if wave.status == WaveStatus.CLOSED
    }
    kept = cache.get_many(list(keys.values())) if keys else {}
    reports = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [wave for wave in waves if wave.pk not in reports]
    if missing:
        prefetched = _aggregate(missing)
        for wave in missing:
            reports[wave.pk] = WaveReport(wave, _prefetched=prefetched)
        cache.set_many(
            {keys[w.pk]: reports[w.pk] for w in missing if w.pk in keys}, generation.TIMEOUT
        )
    return {wave.pk: reports[wave.pk] for wave in waves}


def wave_report(wave: Wave) -> WaveReport:
    """`WaveReport(wave)`, kept as `wave_reports` keeps it."""
    return wave_reports([wave])[wave.pk]


def pulse_parts(pulse: Pulse, known: dict[int, tuple] | None = None) -> tuple:
    """What a kept result of a pulse's closed wave also depends on, beside the generation:
    the thresholds (raised later, everything is decided again), the HME, the questions."""
    if known is not None and pulse.pk in known:
        return known[pulse.pk]
    parts = (
        pulse.pk,
        pulse.name,
        pulse.min_answers,
        pulse.min_answers_text,
        pulse.include_hme,
        tuple(pulse.questions.values_list()),
    )
    if known is not None:
        known[pulse.pk] = parts
    return parts


class WaveReport:
    """Everything that may be shown of one wave, for every unit of the region at once.

    What may be shown is decided once for the whole tree, so every user sees a part of one
    safe set, and nothing can be derived by combining two users', pages' or exports' views:

    * a unit's score, answer count and response rate need k answers and survive the
      complementary suppression of `disclosure.visible_units`;
    * the promoter/passive/detractor split, comments and single-choice shares need the
      stricter threshold, inside the units whose scores are shown;
    * an HME index or an extra question is shown where its own answers pass the same rules,
      and an exact unit's index only where every statement in it that anyone there
      answered is shown too;
    * while the window is open only the response count is shown (a score that moves as
      answers arrive would give away each new answer).
    """

    def __init__(self, wave: Wave, *, _prefetched: tuple | None = None) -> None:
        self.wave = wave
        pulse = wave.pulse
        self.is_open = wave.status == WaveStatus.OPEN
        units, invited_rows, rows, items, answers = _prefetched or _aggregate([wave])
        # The answers to each statement per unit (own) and value: the statements page's too.
        self.item_counts: dict[str, dict[int, dict[int, int]]] = items.get(wave.pk, {})
        # Each answer's own HME statements where they were read so (`_hme_answers`).
        self.hme_answers: HmeAnswers | None = answers.get(wave.pk)
        # Each wave over its own tree: moving a unit later changes nothing shown.
        self.units = units if wave.tree is None else frozen.units_of(wave.tree)
        self.parents = {pk: u.parent_id for pk, u in self.units.items()}
        self._ancestors = {pk: ancestors(self.parents, pk) for pk in self.parents}
        k, k_text = wave.k, wave.k_text  # as the wave opened: never decided again
        self.k, self.k_text = k, k_text
        # Who was invited chosen by age, employment rate or profession: the number invited
        # per unit is a count of those people on the day (the 60+, the part-timers), which
        # Historik decides under its own rule; here it is kept back, the response rate shown
        # as its band, and the interval without the finite-population correction (whose
        # width would give the number back).
        self.chosen_by_person = bool(
            pulse.min_age or pulse.part_time_only or pulse.profession_groups
        )

        self.invited = self._subtree(invited_rows.get(wave.pk, {}).items())
        rows = rows.get(wave.pk, [])
        own = {name: {r["unit_id"]: r[name] or 0 for r in rows} for name in AGGREGATES}
        self.sums = {name: self._subtree(own[name].items()) for name in AGGREGATES}
        self.shown = visible_units(self.parents, own["n"], k)
        self.shown_text = visible_units(self.parents, own["n"], k_text, within=self.shown)
        self.scoreless = self._scoreless()
        self.statement_shown = self._hme_statements_shown(pulse.include_hme)
        # An index follows the rule of the statements that make it up: an exact unit shows
        # it only where every one of its statements that anyone there answered is shown (the
        # index with the statements shown would give a hidden one's mean back); a coarse
        # unit shows no statement, so its coarse index is all there is to combine. The
        # tree's suppression comes after.
        self.hme_shown = {
            name: visible_units(
                self.parents,
                own[f"{name}_n"],
                k,
                within=(self.shown - self.shown_text)
                | set.intersection(
                    set(self.shown_text),
                    *(self._statement_blank_or_shown(key) for key in hme_parts(name)),
                ),
            )
            for name in HME_FIELDS
        }

        self.questions = list(pulse.questions.all())
        self.question_sums: dict[str, dict[str, dict[int, float]]] = {}
        self.question_shown: dict[str, set] = {}
        by_key = {q.key: q for q in self.questions}
        if self.questions:
            own_q: dict[str, dict[str, dict[int, float]]] = defaultdict(
                lambda: defaultdict(lambda: defaultdict(float))
            )
            for key in by_key:
                for unit, values in self.item_counts.get(key, {}).items():
                    for value, n in values.items():
                        own_q[key]["n"][unit] += n
                        own_q[key]["sum"][unit] += value * n
                        own_q[key][f"choice_{value}"][unit] += n
            for question in self.questions:
                parts = own_q.get(question.key, {})
                self.question_sums[question.key] = {
                    part: self._subtree(values.items()) for part, values in parts.items()
                }
                counts = {u: int(n) for u, n in parts.get("n", {}).items()}
                # Shares and means alike at the stricter threshold, on the question's own
                # count: a mean over the few who answered gives away how many they were.
                self.question_shown[question.key] = visible_units(
                    self.parents, counts, k_text, within=self.shown_text
                )

    def __getstate__(self) -> dict:
        # Kept (pickled) without the answers by answer (`HmeAnswers`).
        return {**self.__dict__, "hme_answers": None}

    def statement_units(self, own: dict[int, int]) -> set[int]:
        """The units where one statement's results may be shown, from its answers per unit
        (own): k_text, inside the units whose split is shown, with the tree's suppression.
        The statements page and the HME index both decide by it."""
        return visible_units(self.parents, own, self.k_text, within=self.shown_text)

    def _hme_statements_shown(self, include_hme: bool) -> dict[str, set[int]]:
        """Per HME statement, the units where it is shown (nothing while the wave is open),
        and (`statement_answered`) its answers per unit's subtree."""
        self.statement_answered: dict[str, dict[int, float]] = {}
        self.statement_scores: dict[str, tuple[dict[int, float], dict[int, float]]] = {}
        if self.is_open or not include_hme:
            return {}
        counts: dict[str, dict[int, int]] = {
            item: {unit: sum(values.values()) for unit, values in by_unit.items()}
            for item, by_unit in self.item_counts.items()
            if item in enps.HME_KEYS
        }
        # And each statement's scores (0–100) summed per subtree: the index is their means'
        # mean (`enps.hme_of_statements`), a function of the statements shown.
        for key in enps.HME_KEYS:
            self.statement_answered[key] = self._subtree(counts.get(key, {}).items())
            valid = {  # an answer outside 1–5 (none the app stores) counts in no index
                unit: {v: n for v, n in values.items() if v in _HME_VALUES}
                for unit, values in self.item_counts.get(key, {}).items()
            }
            self.statement_scores[key] = (
                self._subtree(
                    (unit, sum(enps.hme_item_score(v) * n for v, n in values.items()))
                    for unit, values in valid.items()
                ),
                self._subtree((unit, sum(values.values())) for unit, values in valid.items()),
            )
        return {key: self.statement_units(counts.get(key, {})) for key in enps.HME_KEYS}

    def _statement_blank_or_shown(self, key: str) -> set[int]:
        """The units where an HME statement is shown, or where no one answered it (it adds
        nothing to an index there, and there is nothing of it to give away)."""
        answered = self.statement_answered.get(key, {})
        blank = {pk for pk in self.parents if not answered.get(pk)}
        return self.statement_shown.get(key, set()) | blank

    def _split(self, pk: int) -> tuple[int, int, int]:
        n, p, d = (int(self.sums[name][pk]) for name in ("n", "promoters", "detractors"))
        return p, n - p - d, d

    def _scoreless(self) -> set[int]:
        """Coarse units whose scores are withheld: the exact split of the nearest exact unit
        above them could, with their rounded scores, pin down their own splits.

        A coarse unit's rounded score leaves several splits open on its own (`coarsen`), but
        the exact unit E above it adds an equation: E's split is the sum of its exact units
        below, its coarse units below, and the rest. Take E' = E's split minus those exact
        units' splits. When every one of E''s three counts is at least the number of answers
        in E's coarse units, every combination of splits the coarse units allow on their own
        still adds up (the rest takes the difference, which is never negative), so E tells
        nothing more about them. Otherwise (a clinic of 10 with one detractor over two wards
        of 5: the ward whose score shows a detractor has it, the other has none) their scores
        are withheld, for everyone. Coarse units never nest (a coarse unit under a coarse
        unit has the same answers: the residual rule leaves 0 or at least k between them).
        """

        def exact_above(pk: int) -> int | None:
            return next((a for a in self._ancestors[pk][1:] if a in self.shown_text), None)

        rest = {pk: list(self._split(pk)) for pk in self.shown_text}
        for pk in self.shown_text:
            above = exact_above(pk)
            if above is not None:
                for i, count in enumerate(self._split(pk)):
                    rest[above][i] -= count
        coarse: dict[int, list[int]] = defaultdict(list)
        for pk in self.shown - self.shown_text:
            above = exact_above(pk)
            if above is not None:
                coarse[above].append(pk)
        withheld: set[int] = set()
        for above, units in coarse.items():
            if min(rest[above]) < sum(int(self.sums["n"][pk]) for pk in units):
                withheld.update(units)
        return withheld

    def is_below(self, pk: int, above: int) -> bool:
        """Whether unit `pk` sat below `above` in the wave's kept tree (a unit moved since
        may be below it today and not then)."""
        return above in self._ancestors.get(pk, [])[1:]

    def _subtree(self, pairs: Iterable[tuple[int, float]]) -> dict[int, float]:
        totals: dict[int, float] = defaultdict(float)
        for unit, value in pairs:
            for ancestor in self._ancestors.get(unit, ()):
                totals[ancestor] += value or 0
        return totals

    def result(self, unit: Unit) -> UnitResult:
        pk = unit.pk
        unit = self.units.get(pk, unit)  # named as it was when the tree was kept
        invited = int(self.invited.get(pk, 0))
        if pk not in self.shown:
            return UnitResult(unit, invited, None, None)
        n = int(self.sums["n"][pk])
        if self.is_open:
            # No count that moves with each answer: the rate's band, from k answers, at least
            # k answers wide.
            band = coarsen.rate_band(n, invited, self.k)
            _low, top = coarsen.rate_bounds(n, invited, self.k)
            return UnitResult(unit, invited, None, None, rate_band=band, rate_band_top=top)
        if pk in self.scoreless:
            return UnitResult(unit, invited, None, None)
        promoters, detractors = int(self.sums["promoters"][pk]), int(self.sums["detractors"][pk])
        exact = pk in self.shown_text
        population = None if self.chosen_by_person else max(invited, n)
        shown = coarsen.publish(
            promoters,
            n - promoters - detractors,
            detractors,
            exact=exact,
            k=self.k,
            k_text=self.k_text,
            population=population,
        )
        hme = {name: self._hme(pk, name, n, exact) for name in HME_FIELDS}
        questions = []
        for question in self.questions:
            parts = self.question_sums[question.key]
            answered = int(parts.get("n", {}).get(pk, 0))
            if pk not in self.question_shown[question.key] or not answered:
                questions.append(QuestionResult(question, 0))
            elif question.kind == QuestionKind.CHOICE:
                shares = tuple(
                    coarsen.publish_share(int(parts.get(f"choice_{i}", {}).get(pk, 0)), answered)
                    for i in range(len(question.choice_list()))
                )
                questions.append(QuestionResult(question, answered, shares=shares))
            else:
                mean = coarsen.publish_mean(parts["sum"][pk], answered, n, exact=True, digits=1)
                questions.append(QuestionResult(question, answered, mean=mean))
        return UnitResult(
            unit,
            invited,
            shown.n,  # None for a coarse group: its n only as a band (score.n_text)
            shown,
            split_shown=exact,
            hme=hme,
            questions=questions,
            exact_score=enps.enps(promoters, n - promoters - detractors, detractors, population)
            if exact
            else None,
            **self._kept_back(n, invited),
        )

    def _kept_back(self, n: int, invited: int) -> dict:
        """For a pulse whose invited were chosen by person: no number invited, the response
        rate as its band of ten points (as while the window is open)."""
        if not self.chosen_by_person:
            return {}
        _low, top = coarsen.rate_bounds(n, invited, self.k)
        return {
            "invited_kept_back": True,
            "rate_band": coarsen.rate_band(n, invited, self.k),
            "rate_band_top": top,
        }

    def _hme(self, pk: int, name: str, n: int, exact: bool) -> float | None:
        """An HME index as shown: exact only where everyone answered it or k_text did (a
        mean over a few of an exact unit gives away how many they were), otherwise coarse,
        which needs everyone. Its value is its statements' means' mean (`_index`)."""
        if pk not in self.hme_shown[name]:
            return None
        answered = int(self.sums[f"{name}_n"][pk])
        return coarsen.publish_index(
            self._index(pk, name),
            answered,
            n,
            exact=exact and (answered == n or answered >= self.k_text),
        )

    def _index(self, pk: int, name: str) -> Fraction | None:
        """A unit's HME index (or sub-index) from its statements' answers in its subtree."""
        empty: tuple[dict[int, float], dict[int, float]] = ({}, {})
        return enps.hme_of_statements(
            (int(scores.get(pk, 0)), int(answered.get(pk, 0)))
            for scores, answered in (
                self.statement_scores.get(key, empty) for key in hme_parts(name)
            )
        )

    def comments(self, unit: Unit) -> list[str]:
        """The free-text answers of a unit's subtree, when the stricter threshold allows."""
        if self.is_open or unit.pk not in self.shown_text:
            return []
        subtree = [pk for pk, chain in self._ancestors.items() if unit.pk in chain]
        return sorted(
            self.wave.responses.filter(unit_id__in=subtree)
            .exclude(comment="")
            .values_list("comment", flat=True)
        )


def hme_parts(name: str) -> list[str]:
    """The statements (answer keys) an HME index is made of.

    Examples:
        >>> hme_parts("hme_leadership"), len(hme_parts("hme"))
        (['hme_leadership_1', 'hme_leadership_2', 'hme_leadership_3'], 9)
    """
    return [key for key in enps.HME_KEYS if name == "hme" or key.startswith(f"{name}_")]


def results(wave: Wave, units: list[Unit]) -> dict[int, UnitResult]:
    """Results per requested unit (each covering its subtree), hidden where disclosure forbids."""
    report = wave_report(wave)
    return {unit.pk: report.result(unit) for unit in units}
