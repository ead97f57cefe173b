"""The key drivers' answers as the database gives them (`statements._complete_answers`):
one row per complete answer in key order (eNPS, then each statement 1–5), packed into one
number per answer on the way; answers that skipped a statement counted but left out; other
items (extra questions) ignored. The expected rows are read here from the answers one by one."""

import datetime

import numpy as np
import pytest

from bemanna.analysis import drivers
from bemanna.analysis.enps import HME_KEYS
from bemanna.pulse import services, statements
from bemanna.pulse.models import ItemAnswer, Pulse, Question, QuestionKind, Response
from bemanna.pulse.results import wave_report
from bemanna.pulse.tests.helpers import add_staff, answer

KEYS = list(HME_KEYS)
OPENS = datetime.date(2026, 2, 2)


@pytest.fixture
def wave(org):
    add_staff(org["A"], 30)
    add_staff(org["B"], 15)
    pulse = Pulse.objects.create(name="Rader", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    Question.objects.create(pulse=pulse, text="Tal", kind=QuestionKind.NUMBER, high=100)
    wave = services.open_wave(pulse, OPENS)
    extra = pulse.questions.get().key
    for i in range(45):
        items = {key: 1 + (i * (j + 2) + j) % 5 for j, key in enumerate(KEYS)}
        items[extra] = 50 + i  # not a statement: never in a row
        if i % 9 == 4:
            del items[KEYS[i % len(KEYS)]]  # skipped one statement
        answer(wave, [i % 11], unit=org["A"] if i < 30 else org["B"], items=items)
    services.close_wave(wave)
    return wave


def _by_hand(wave, units) -> tuple[int, list[list[int]]]:
    answers = Response.objects.filter(wave=wave, unit__in=units).order_by("pk")
    rows = []
    for response in answers:
        given = {a.item: a.value for a in ItemAnswer.objects.filter(response=response)}
        if all(key in given for key in KEYS):
            rows.append([response.enps, *(given[key] for key in KEYS)])
    return answers.count(), rows


@pytest.mark.parametrize("units", [["A", "B"], ["B"]])
def test_each_complete_answer_is_one_row_in_key_order(org, wave, units):
    pks = [org[code].pk for code in units]
    answered, rows = statements._complete_answers(wave.pk, pks, KEYS)
    expected_answered, expected = _by_hand(wave, [org[code] for code in units])
    assert answered == expected_answered
    assert rows.tolist() == expected
    assert 0 < len(expected) < expected_answered  # some skipped a statement


def test_the_analysis_rests_on_those_rows(org, wave):
    found = statements._driver_analysis(wave_report(wave), org["R"])
    answered, rows = _by_hand(wave, [org["R"], org["A"], org["B"]])
    scores = np.array([[(v - 1) * 25.0 for v in row[1:]] for row in rows])
    expected = drivers.key_drivers(
        scores, np.array([float(row[0]) for row in rows]), KEYS, minimum=5
    )
    assert found.drivers == expected
    assert found.complete == len(rows) and answered == 45


def test_an_answer_outside_the_scale_is_refused_not_misread(org, wave):
    ItemAnswer.objects.filter(item=KEYS[0]).update(value=17)
    with pytest.raises(ValueError, match="outside 1–5"):
        statements._complete_answers(wave.pk, [org["A"].pk, org["B"].pk], KEYS)
