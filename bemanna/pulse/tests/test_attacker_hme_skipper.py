"""An HME index beside its statements' distributions gives no skipper's answer away (an
insider's twenty-fourth round).

A unit of twelve: eleven answer all nine statements, one only "Mitt arbete känns
meningsfullt." (x). Each statement's distribution is shown (percentages of at most 100
answers give its counts, hence its sum). An index over respondents — each one's mean of
the statements they answered, then the mean of those — weighs x nine times as much as
the statements do: 12·I = (ΣS − x)/9 + x, so the index shown to a whole number gave x back.
The rule: a unit's index is its statements' means' mean (`enps.hme_of_statements`), a
function of the distributions shown. The attacker builds five worlds with the same
distributions, the skipper holding x = 1…5 (a complete respondent holding what x held
before), and reads every index shown: under the rule they are the same in every world; with
the index over respondents (the mutation) each world shows another total.
"""

import datetime
from fractions import Fraction

from bemanna.analysis.enps import HME_KEYS
from bemanna.org.models import Level, Unit
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse, Response
from bemanna.pulse.statements import StatementReport
from bemanna.pulse.tests.helpers import add_staff

OPENS = datetime.date(2026, 3, 2)
KEYS = list(HME_KEYS)
FIRST = KEYS[0]  # "Mitt arbete känns meningsfullt."
# The eleven complete answers to the other eight statements (fixed), and the twelve
# answers to the first one: the skipper holds one of them, the eleven the rest.
OTHERS = [[(person * 7 + item * 3) % 5 + 1 for item in range(8)] for person in range(11)]
FIRSTS = [1, 2, 3, 4, 5, 5, 4, 4, 2, 3, 5, 1]


def _world(unit, x: int):
    """A wave where the skipper answered x; the multiset of first answers is FIRSTS."""
    pulse = Pulse.objects.create(name=f"Värld {x}")
    pulse.units.add(unit)
    wave = services.open_wave(pulse, OPENS)
    rest = list(FIRSTS)
    rest.remove(x)
    invitations = list(wave.invitations.values_list("pk", flat=True))
    assert len(invitations) == 12
    services.submit_answer(invitations[0], score=8, items={FIRST: x}, comment="", today=OPENS)
    for person, invitation in enumerate(invitations[1:]):
        items = {FIRST: rest[person]} | dict(zip(KEYS[1:], OTHERS[person], strict=True))
        services.submit_answer(invitation, score=8, items=items, comment="", today=OPENS)
    services.close_wave(wave)
    return wave


def _seen(wave, unit) -> tuple[dict, dict]:
    """Every index shown for the unit, and every statement's distribution."""
    report = results.WaveReport(wave)
    shown = report.result(unit)
    statements = {
        s.key: (s.answered, s.distribution) for s in StatementReport(report).statements(unit)
    }
    return dict(shown.hme), statements


def _worlds(unit) -> list[tuple[dict, dict]]:
    return [_seen(_world(unit, x), unit) for x in range(1, 6)]


def _unit():
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    add_staff(region, 12)
    return region


def test_no_world_is_told_from_another_by_its_indices(db):
    worlds = _worlds(_unit())
    indices, statements = worlds[0]
    assert len(indices) == 4 and None not in indices.values()  # all four shown, exact
    assert all(s == statements for _i, s in worlds)  # the attacker's premise
    assert all(i == indices for i, _s in worlds)
    # The total by hand: the mean of the nine statements' means (0–100), to whole numbers.
    means = [Fraction(sum((v - 1) * 25 for v in FIRSTS), 12)]
    for item in range(8):
        means.append(Fraction(sum((person[item] - 1) * 25 for person in OTHERS), 11))
    total = sum(means) / 9
    assert indices["hme"] == int(total + Fraction(1, 2))


def test_the_mutation_an_index_over_respondents_gives_the_skipper_away(db, monkeypatch):
    def over_respondents(report, pk, name):
        values = [
            Fraction(v).limit_denominator(1000)
            for v in Response.objects.filter(wave=report.wave).values_list(name, flat=True)
            if v is not None
        ]
        return sum(values) / len(values) if values else None

    monkeypatch.setattr(results.WaveReport, "_index", over_respondents)
    worlds = _worlds(_unit())
    totals = [indices["hme"] for indices, _s in worlds]
    assert len(set(totals)) == 5  # each x its own total: x is read off the index
