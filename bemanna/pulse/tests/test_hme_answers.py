"""Several closed waves read by answer (`results._hme_answers`, PostgreSQL): the statements'
counts per wave, unit and value, the eNPS per unit and the key drivers' rows are the ones the
grouped queries give, and the expected figures are read here from the answers one by one.
An answer that gives a statement twice or a value outside 1–5 sends every wave back to the
grouped query; the answers by answer never go into the shared cache with the report."""

import datetime
import pickle
from collections import Counter

import pytest
from django.db import connection

from bemanna.analysis.enps import HME_KEYS
from bemanna.pulse import services, statements
from bemanna.pulse.models import ItemAnswer, Pulse, Response, Wave
from bemanna.pulse.results import _hme_answers, wave_reports
from bemanna.pulse.tests.helpers import add_staff, answer

KEYS = list(HME_KEYS)
POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def waves(org):
    add_staff(org["A"], 30)
    add_staff(org["B"], 15)
    pulse = Pulse.objects.create(name="Per svar", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    found = []
    for w, opens in enumerate((datetime.date(2026, 2, 2), datetime.date(2026, 5, 4))):
        wave = services.open_wave(pulse, opens)
        for i in range(45 - 3 * w):
            items = {key: 1 + (i * (j + 2) + j + w) % 5 for j, key in enumerate(KEYS)}
            if i % 7 == 3:
                del items[KEYS[(i + w) % len(KEYS)]]  # skipped one statement
            if i == 11:
                items = {}  # answered none: counted by eNPS, in no statement
            answer(wave, [(i + w) % 11], unit=org["A"] if i < 30 else org["B"], items=items)
        services.close_wave(wave)
        found.append(Wave.objects.select_related("pulse").get(pk=wave.pk))
    return found


def _counts_by_hand(wave) -> dict[str, dict[int, dict[int, int]]]:
    counts: dict[str, dict[int, dict[int, int]]] = {}
    for item in ItemAnswer.objects.filter(response__wave=wave).select_related("response"):
        by_value = counts.setdefault(item.item, {}).setdefault(item.response.unit_id, {})
        by_value[item.value] = by_value.get(item.value, 0) + 1
    return counts


def _rows_by_hand(wave, units) -> tuple[int, list[list[int]]]:
    answers = Response.objects.filter(wave=wave, unit__in=units).order_by("pk")
    rows = []
    for response in answers:
        given = {a.item: a.value for a in ItemAnswer.objects.filter(response=response)}
        if all(key in given for key in KEYS):
            rows.append([response.enps, *(given[key] for key in KEYS)])
    return answers.count(), rows


def test_counts_enps_and_rows_are_the_answers_own(org, waves):
    reports = wave_reports(waves)
    for wave in waves:
        report = reports[wave.pk]
        assert (report.hme_answers is not None) == POSTGRES
        assert report.item_counts == _counts_by_hand(wave)
        by_unit = statements.StatementReport(report).counts["enps"]
        for code, below in (("A", ["A"]), ("F", ["A", "B"]), ("R", ["A", "B"])):
            expected = Counter(
                Response.objects.filter(wave=wave, unit__code__in=below).values_list(
                    "enps", flat=True
                )
            )
            assert by_unit.of(org[code].pk) == dict(expected)
        for codes in (["A", "B"], ["B"]):
            units = [org[code] for code in codes]
            expected_answered, expected = _rows_by_hand(wave, units)
            if report.hme_answers is not None:
                answered, rows = statements._complete_answers_read(
                    report.hme_answers, [u.pk for u in units], len(KEYS)
                )
            else:
                answered, rows = statements._complete_answers(wave.pk, [u.pk for u in units], KEYS)
            assert answered == expected_answered
            assert rows.tolist() == expected
            assert 0 < len(expected) < expected_answered


def test_the_drivers_are_the_same_either_way(org, waves):
    reports = wave_reports(waves)
    for wave in waves:
        by_answer = statements._driver_analysis(reports[wave.pk], org["R"])
        report = reports[wave.pk]
        report.hme_answers = None  # as a report read from the cache: the query per wave
        assert statements._driver_analysis(report, org["R"]) == by_answer
        assert by_answer.drivers is not None


def test_the_answers_by_answer_are_never_kept(org, waves):
    report = wave_reports(waves)[waves[0].pk]
    assert pickle.loads(pickle.dumps(report)).hme_answers is None
    assert pickle.loads(pickle.dumps(report)).item_counts == report.item_counts


@pytest.mark.parametrize("odd", ["twice", "outside"])
def test_an_odd_answer_sends_every_wave_to_the_grouped_query(org, waves, odd):
    # One that gave the statement (answers have random keys, and some skip one or all).
    response = Response.objects.filter(wave=waves[1], items__item=KEYS[2]).order_by("pk").first()
    if odd == "twice":
        ItemAnswer.objects.create(response=response, item=KEYS[2], value=4)
    else:
        ItemAnswer.objects.filter(response=response, item=KEYS[2]).update(value=7)
    if POSTGRES:  # the query by answer is PostgreSQL's
        assert _hme_answers([w.pk for w in waves]) is None
    reports = wave_reports(waves)
    for wave in waves:
        assert reports[wave.pk].hme_answers is None
        assert reports[wave.pk].item_counts == _counts_by_hand(wave)
