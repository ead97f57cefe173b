"""Issue 12 class 2 in the targeted surveys' number question (the rate wanted): a unit's mean
of it is shown where its answers pass k_text (the results page, over the unit tree), a
profession group's mean in its lever where the group's numbers pass k_text (over the
groups). Each decided on its own, ward A's mean less the assistants' was the rate of the one
assistant in ward B who gave one (an insider's eighth round, by code reading). The groups'
means are now decided over both partitions, on the answers to the number question."""

import datetime
from fractions import Fraction

import pytest

from bemanna.pulse import services, targeted
from bemanna.pulse.models import Purpose, QuestionRole
from bemanna.pulse.results import wave_report
from bemanna.pulse.tests.helpers import add_staff

OPENS = datetime.date(2026, 3, 2)
YES, NO = 0, 2  # the willing question's choices
ASSISTANTS, NURSES = "Undersköterskor", "Sjuksköterskor"
# k_text = 10. Ward A: ten assistants, each yes with a rate. Ward B: ten assistants, one yes
# with 90 %, nine no without a rate; ten nurses, each yes with a rate. Both groups pass
# k_text on the willing question in each ward, and each ward's numbers pass k_text; the
# assistants' numbers are ten in A and one in B.
A_RATES = [60, 65, 70, 75, 80, 60, 65, 70, 75, 80]
HERS = 90
NURSE_RATES = [75] * 10


@pytest.fixture
def wave(org):
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    assert (pulse.min_answers, pulse.min_answers_text) == (5, 10)
    add_staff(org["A"], 10, rate=50, group=ASSISTANTS)
    add_staff(org["B"], 10, rate=50, group=ASSISTANTS)
    add_staff(org["B"], 10, rate=50, group=NURSES)
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    number = pulse.questions.get(role=QuestionRole.NUMBER).key
    replies = {
        "A": {ASSISTANTS: [{willing: YES, number: rate} for rate in A_RATES]},
        "B": {
            ASSISTANTS: [{willing: YES, number: HERS}] + [{willing: NO}] * 9,
            NURSES: [{willing: YES, number: rate} for rate in NURSE_RATES],
        },
    }
    for code, groups in replies.items():
        for group, items in groups.items():
            invitations = wave.invitations.filter(unit=org[code], segment=group).order_by("pk")
            for invitation, answer in zip(invitations, items, strict=True):
                services.submit_answer(
                    invitation.pk, score=8, items=answer, comment="", today=OPENS
                )
    services.close_wave(wave)
    return wave


def _ward_mean(wave, unit) -> Fraction:
    """Ward A's mean of the number as its results show it (to one decimal), times its count."""
    result = wave_report(wave).result(unit)
    question = next(q for q in result.questions if q.question.role == QuestionRole.NUMBER)
    assert question.answered == len(A_RATES)
    return Fraction(str(question.mean)) * question.answered


def test_a_groups_mean_is_not_shown_where_a_ward_less_it_is_one_persons(wave, org):
    levers = targeted.levers(wave)
    # Both groups keep their willing share (each passes k_text in each ward)...
    assert set(levers.groups) == {ASSISTANTS, NURSES}
    # ...but the assistants' numbers are ten in A and one in B: beside A's mean, theirs
    # would be hers. Their lever takes the region's rate.
    assert ASSISTANTS in levers.number_fallback
    region = levers.region.target.value
    # By hand: the region's 21 rates.
    assert region == pytest.approx((sum(A_RATES) + HERS + sum(NURSE_RATES)) / 21)
    assert levers.groups[ASSISTANTS].target.value == pytest.approx(region)


def test_the_mutation_gives_her_rate(wave, org, monkeypatch):
    monkeypatch.setattr(targeted, "number_segments", lambda wave, shown: shown)
    levers = targeted.levers(wave)
    assert ASSISTANTS not in levers.number_fallback
    theirs = levers.groups[ASSISTANTS].target
    # The assistants' mean times their eleven, less ward A's sum: her rate.
    derived = Fraction(str(round(theirs.value, 1))) * theirs.n - _ward_mean(wave, org["A"])
    assert abs(derived - HERS) <= 1
