"""Every unit's statements, eNPS distribution and HME answer counts against a plain-Python
computation from the definitions, on random small regions: each respondent's answers are
walked up the tree by hand, the means are exact fractions rounded half away from zero, the
variances come from `statistics`.

Which units show a statement is the disclosure rule's (`disclosure.visible_units`, tested on
its own and by the attackers); here it is given the answers per unit counted by hand, so what
is checked is the counting and the arithmetic that feed it and follow it."""

import datetime
import math
import statistics
from fractions import Fraction

from django.core.cache import cache
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from bemanna.analysis.disclosure import visible_units
from bemanna.analysis.enps import HME_KEYS
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse, Question, QuestionKind
from bemanna.pulse.statements import StatementReport
from bemanna.pulse.tests.helpers import add_staff, answer
from bemanna.tests.strategies import build_units, end_to_end, trees

K, K_TEXT = 3, 4
WAVES = (datetime.date(2026, 1, 12), datetime.date(2026, 4, 13))
KEYS = list(HME_KEYS)[:4]  # enough statements to tell apart; fewer to draw
AGREE, NUMBER = "agree", "number"


@st.composite
def respondents(draw):
    """(eNPS, statements answered (some skipped), the agree question, the number question)."""
    return (
        draw(st.integers(0, 10)),
        draw(st.dictionaries(st.sampled_from(KEYS), st.integers(1, 5))),
        draw(st.none() | st.integers(1, 5)),
        draw(st.none() | st.integers(-7, 40)),
    )


@st.composite
def regions(draw):
    parents = draw(trees(6))
    answers = {
        (w, u): draw(st.lists(respondents(), max_size=7))
        for w in range(len(WAVES))
        for u in parents
    }
    return parents, answers


def _build(parents, answers):
    units = build_units(parents)
    for u in parents:
        add_staff(units[u], max(len(answers[(w, u)]) for w in range(len(WAVES))))
    pulse = Pulse.objects.create(name="Summor", min_answers=K, min_answers_text=K_TEXT)
    pulse.units.add(units[0])
    questions = {
        AGREE: Question.objects.create(pulse=pulse, text="Instämmer?", kind=QuestionKind.AGREE),
        NUMBER: Question.objects.create(
            pulse=pulse, text="Hur många?", kind=QuestionKind.NUMBER, low=-10, high=50
        ),
    }
    waves = []
    for w, opens in enumerate(WAVES):
        wave = services.open_wave(pulse, opens)
        for u in parents:
            for score, items, agree, number in answers[(w, u)]:
                given = dict(items)
                if agree is not None:
                    given[questions[AGREE].key] = agree
                if number is not None:
                    given[questions[NUMBER].key] = number
                answer(wave, [score], unit=units[u], items=given)
        services.close_wave(wave)
        waves.append(wave)
    return units, questions, waves


def _half_up(value: Fraction) -> int:
    steps = math.floor(abs(value) + Fraction(1, 2))
    return -steps if value < 0 else steps


def _share(part: int, whole: int) -> float:
    """Whole per cent, halves away from zero, as a fraction: 1 of 8 is 13 %."""
    return _half_up(Fraction(100 * part, whole)) / 100


def _by_hand(parents, answers, wave, questions, units):
    """Per unit (its subtree) and statement key: the answers given, from each respondent, as
    stored: under the unit they are counted in."""

    def chain(u):
        while u is not None:
            yield u
            u = parents[u]

    # Each unit's staff (everyone invited, as `_build` adds them), and the unit its answers
    # are stored under: the nearest at or above it with K invited in its subtree; then, from
    # the root down, a unit whose own pool is 1..K-1 takes in the whole subtree of its
    # smallest unit below with K (ties by the unit's key as text).
    staff = {u: max(len(answers[(w, u)]) for w in range(len(WAVES))) for u in parents}
    below = {u: sum(staff[v] for v in parents if u in chain(v)) for u in parents}
    stored_at = {}
    for u in parents:
        at = u
        while below[at] < K and parents[at] is not None:
            at = parents[at]
        stored_at[u] = at
    for u in sorted(parents, key=lambda v: len(list(chain(v)))):
        pool = sum(staff[v] for v in parents if stored_at[v] == u)
        if 0 < pool < K and below[u] >= K:
            big = [c for c in parents if parents[c] == u and below[c] >= K]
            taken = min(big, key=lambda c: (below[c], str(units[c].pk)))
            for v in parents:
                if taken in chain(v):
                    stored_at[v] = u

    def counted(u):
        return stored_at[u]

    given: dict = {}
    own: dict = {}
    for u in parents:
        at = counted(u)
        for score, items, agree, number in answers[(wave, u)]:
            values = dict(items) | {"enps": score}
            if agree is not None:
                values[questions[AGREE].key] = agree
            if number is not None:
                values[questions[NUMBER].key] = number
            for key, value in values.items():
                own.setdefault(key, {}).setdefault(at, 0)
                own[key][at] += 1
                for above in chain(at):
                    given.setdefault((above, key), []).append(value)
    return given, own


def _expected(key, values, kind):
    """A shown statement's figures from its answers: (answered, mean, agree, shares,
    variance) on the scale it is shown on (HME 0–100 to whole numbers, a question's own to
    one decimal)."""
    scores = [(v - 1) * 25 if key.startswith("hme_") else v for v in values]
    digits = 0 if key.startswith("hme_") else 1
    mean = Fraction(sum(scores), len(scores))
    shown = _half_up(mean * 10**digits) / 10**digits
    variance = statistics.variance(scores) if len(scores) > 1 else 0.0
    if kind == QuestionKind.NUMBER:
        return len(values), shown, None, None, variance
    agree = _share(sum(v >= 4 for v in values), len(values))
    shares = tuple(_share(values.count(v), len(values)) for v in (1, 2, 3, 4, 5))
    return len(values), shown, agree, shares, variance


@end_to_end(max_examples=12)
@given(regions())
def test_every_statement_is_its_answers_summed_by_hand(db, region):
    parents, answers = region
    with transaction.atomic():
        try:
            _check(parents, answers)
        finally:
            transaction.set_rollback(True)


def _check(parents, answers):
    units, questions, waves = _build(parents, answers)
    cache.clear()  # an earlier example's report is never read back for a wave of this one
    reports = results.wave_reports(waves)  # all at once, as the heat map and export read them
    kinds = {questions[AGREE].key: QuestionKind.AGREE}
    kinds[questions[NUMBER].key] = QuestionKind.NUMBER
    before = None
    for w, wave in enumerate(waves):
        report = reports[wave.pk]
        statements = StatementReport(report)
        given, own = _by_hand(parents, answers, w, questions, units)
        for key in KEYS:
            for u in parents:
                answered = report.statement_answered[key].get(units[u].pk, 0)
                assert answered == len(given.get((u, key), [])), (w, key, u)
        for u, unit in units.items():
            found = {s.key: s for s in statements.statements(unit, before)}
            earlier = {s.key: s for s in before.statements(unit)} if before else {}
            for key in [*KEYS, *kinds]:
                counts = {units[v].pk: n for v, n in own.get(key, {}).items()}
                shown = visible_units(report.parents, counts, K_TEXT, within=report.shown_text)
                statement = found[key]
                assert statement.shown == (unit.pk in shown), (w, key, u)
                if not statement.shown:
                    continue
                n, mean, agree, shares, variance = _expected(
                    key, given[(u, key)], kinds.get(key, QuestionKind.AGREE)
                )
                assert (statement.answered, statement.mean) == (n, mean)
                assert (statement.agree, statement.distribution) == (agree, shares)
                assert math.isclose(statement.variance, variance, rel_tol=1e-12, abs_tol=1e-9)
                last = earlier.get(key)
                if last is None or not last.shown:
                    assert statement.change is None
                    continue
                spread = math.sqrt(variance / n + last.variance / last.answered)
                assert statement.change.difference == mean - last.mean
                if spread:
                    z = (mean - last.mean) / spread
                    assert math.isclose(statement.change.z, z, rel_tol=1e-9, abs_tol=1e-12)
            distribution = statements.enps_distribution(unit)
            if unit.pk in report.shown_text:
                scores = given[(u, "enps")]
                assert distribution == tuple(
                    _share(scores.count(v), len(scores)) for v in range(11)
                )
            else:
                assert distribution is None
        before = statements
