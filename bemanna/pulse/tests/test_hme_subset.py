"""An HME mean over some of an exact unit's answers (an insider review, item 6): a mean over
the six of twelve who answered the HME statements gives away roughly how many they were, so
it is shown only when everyone in the unit answered them or at least k_text did."""

import datetime

from bemanna.analysis.enps import HME_KEYS
from bemanna.org.models import Level, Unit
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse
from bemanna.pulse.tests.helpers import add_staff, answer

ALL_FIVES = dict.fromkeys(HME_KEYS, 5)


def _report(with_hme: int, without: int):
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    add_staff(region, with_hme + without)
    pulse = Pulse.objects.create(name="p", min_answers=5, min_answers_text=10)
    pulse.units.add(region)
    wave = services.open_wave(pulse, datetime.date(2025, 3, 1))
    answer(wave, [9] * with_hme, unit=region, items=ALL_FIVES)
    answer(wave, [9] * without, unit=region)
    services.close_wave(wave)
    return results.WaveReport(wave), region


def test_no_hme_mean_over_a_subset_below_k_text(db):
    report, region = _report(6, 6)
    shown = report.result(region)
    assert shown.split_shown  # 12 answers: an exact unit
    assert report.sums["hme_n"][region.pk] == 6
    # Hidden twice over: each statement has six answers (under k_text), and an exact unit's
    # index follows its statements; and a mean over a subset needs k_text on its own.
    assert region.pk not in report.hme_shown["hme"]
    assert shown.hme["hme"] is None
    report.hme_shown["hme"].add(region.pk)  # without the first rule: the second hides it
    assert report.result(region).hme["hme"] is None
    # The mutation, the old rule (a subset needed only k inside an exact unit): shown.
    report.k_text = report.k
    assert report.result(region).hme["hme"] == 100.0  # every statement 5 of 5, by hand


def test_an_hme_mean_of_everyone_or_of_k_text_is_shown(db):
    report, region = _report(12, 0)
    assert report.result(region).hme["hme"] == 100.0


def test_an_hme_mean_of_k_text_of_more_answers_is_shown(db):
    report, region = _report(10, 3)
    assert report.result(region).hme["hme"] == 100.0
