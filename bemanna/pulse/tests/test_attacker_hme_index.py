"""An HME index beside the statements it is made of (an insider review, item L1).

Ward A: six answers, every statement 5 except the governance statement X, which all six
answered 1. Ward B: six answers, four of whom answered X (with 5). X is hidden for B (four,
under k_text) and so, by the tree's suppression, for A (the region minus A would be B's
four). With A's governance index shown beside A's other two governance statements, the
attacker enumerates every way A's six could have answered X (or skipped it) that gives the
index shown: only "all six answered 1" is left, and the region's mean of X then gives B's
four away. The rule: an exact unit shows an index only where every statement in it is
shown. The attacker finds nothing then; with the old rule (an index on its own answers
only) it finds A's X and B's four."""

import datetime
import itertools
from fractions import Fraction

from bemanna.analysis.enps import HME_ITEMS, HME_KEYS
from bemanna.org.models import Level, Unit
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse
from bemanna.pulse.statements import StatementReport
from bemanna.pulse.tests.helpers import add_staff, answer

K, K_TEXT = 3, 5
X = "hme_governance_3"
SCORES = (0, 25, 50, 75, 100)  # answers 1–5 on SKR's scale


def _report():
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    a = Unit.objects.create(code="A", name="A", parent=region)
    b = Unit.objects.create(code="B", name="B", parent=region)
    add_staff(a, 6)
    add_staff(b, 6)
    pulse = Pulse.objects.create(name="HME", min_answers=K, min_answers_text=K_TEXT)
    pulse.units.add(region)
    wave = services.open_wave(pulse, datetime.date(2026, 3, 2))
    for _ in range(6):
        answer(wave, [9], unit=a, items=dict.fromkeys(HME_KEYS, 5) | {X: 1})
    for i in range(6):
        items = dict.fromkeys(HME_KEYS, 3) | {X: 5}
        if i >= 4:
            del items[X]  # two of B skip X
        answer(wave, [7], unit=b, items=items)
    services.close_wave(wave)
    report = results.WaveReport(wave)
    return report, StatementReport(report), region, a


def _seen(report, statements, unit) -> dict:
    """What the pages show of a unit: its indices and its statements' answered and means."""
    shown = report.result(unit)
    return {
        "n": shown.answered,
        "hme": {name: value for name, value in shown.hme.items() if value is not None},
        "statements": {s.key: (s.answered, s.mean) for s in statements.statements(unit) if s.shown},
    }


def _hidden_statements(seen: dict) -> list[tuple[str, set]]:
    """For each statement hidden for the unit: every (answered, sum) of it consistent with
    the indices shown, when all the unit's other statements are shown answered by everyone
    (so each respondent's answers to them are known: a mean of 0 or 100 is everyone's, and
    in this case every one is 100). Each respondent answered X with 1–5 or skipped it."""
    n = seen["n"]
    found = []
    for key in [k for k in HME_KEYS if k not in seen["statements"]]:
        others = {k: v for k, v in seen["statements"].items() if k != key}
        if any(answered != n or mean != 100 for answered, mean in others.values()):
            continue  # the attacker's simple case only: everyone, every other one 100
        options = set()
        for answers in itertools.combinations_with_replacement((None, *SCORES), n):
            if all(_index(name, key, answers) == shown for name, shown in seen["hme"].items()):
                given = [x for x in answers if x is not None]
                options.add((len(given), sum(given)))
        found.append((key, options))
    return found


def _index(name: str, key: str, answers) -> float:
    """An index over respondents (each: 100 on every statement but `key`, `answers[i]` on
    it or skipped), rounded as shown."""
    items = [k for k in HME_KEYS if name == "hme" or k.startswith(f"{name}_")]
    means = []
    for x in answers:
        scores = [Fraction(100)] * (len(items) - (key in items))
        if key in items and x is not None:
            scores.append(Fraction(x))
        means.append(sum(scores) / len(scores))
    return round(float(sum(means) / len(means)))


def _leaks(report, statements, region, a) -> list:
    seen = _seen(report, statements, a)
    leaks = []
    for key, options in _hidden_statements(seen):
        if len(options) != 1:
            continue
        [(answered, total)] = options
        leaks.append((key, answered, total))
        # The region's mean of the statement minus the unit's: the rest, however few.
        region_answered, region_mean = _seen(report, statements, region)["statements"][key]
        rest = region_answered - answered
        leaks.append(("rest", rest, round(region_mean * region_answered - total)))
    return leaks


def test_no_index_gives_a_hidden_statement_away(db):
    report, statements, region, a = _report()
    seen = _seen(report, statements, a)
    assert X not in seen["statements"]  # hidden for A, to protect B's four
    # The governance index and the total are hidden for A; motivation and leadership,
    # every statement of which is shown, stay.
    assert set(seen["hme"]) == {"hme_motivation", "hme_leadership"}
    assert seen["hme"]["hme_motivation"] == 100
    assert _leaks(report, statements, region, a) == []


def test_the_mutation_an_index_on_its_own_answers_gives_the_four_away(db, monkeypatch):
    # Every statement counted as shown where the index is decided.
    monkeypatch.setattr(
        results.WaveReport, "_statement_blank_or_shown", lambda report, key: set(report.parents)
    )
    report, statements, region, a = _report()
    assert "hme_governance" in _seen(report, statements, a)["hme"]
    # A's six all answered 1 (0 each), so B's four answered X with 5 (100 each), by hand.
    assert _leaks(report, statements, region, a) == [(X, 6, 0), ("rest", 4, 400)]


def test_each_index_is_made_of_its_own_statements():
    assert results.hme_parts("hme_governance") == [
        f"hme_governance_{i}" for i in range(1, len(HME_ITEMS["governance"]) + 1)
    ]
    assert results.hme_parts("hme") == list(HME_KEYS)
