"""A targeted survey invites people by age, employment rate or profession: the number invited
per unit is then a count of those people on the wave's day (the part-timers here), which
Historik decides under its own rule. The results keep it back: no number invited, the
response rate as its band, and the interval without the finite-population correction (whose
width would give the number back). An insider read the 60+ per unit this way."""

import math
import re

import fastexcel
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.org.models import Unit
from bemanna.pulse import targeted
from bemanna.pulse.models import Purpose
from bemanna.pulse.results import WaveReport
from bemanna.pulse.tests import test_targeted
from bemanna.pulse.tests.test_targeted import OPENS, _partition_only, _run

part_timers = test_targeted.part_timers  # the fixture, shared

# Part-timers by hand: A's eight nurses at 75 % and the extract's 1002 (75,5 %); B's six
# assistant nurses, two doctors and 1003 (50 %). Eighteen invited; nine nurses and six
# assistant nurses answer, all with 8 (passives).
INVITED, ANSWERED = 18, 15


def _survey():
    pulse = _partition_only(targeted.create_from_template(Purpose.PART_TIME, opens=OPENS))
    wave = _run(
        pulse,
        {"Sjuksköterskor": [(0, 90)] * 9, "Undersköterskor": [(0, 80)] * 6},
    )
    return pulse, wave


def test_the_number_invited_by_rate_is_kept_back(part_timers):
    _pulse, wave = _survey()
    report = WaveReport(wave)
    region = report.result(Unit.objects.get(code="R"))
    assert region.invited == INVITED  # counted, for the band
    assert region.invited_shown is None and region.response_rate is None
    # 15 of 18 is 83 %; a band holds at least k = 5 answers: 30 points (500 / 18 → 3 tens),
    # 0–30, 30–60 and 60–100 (the last, 10 points wide, joins the one before it).
    assert region.rate_band == "60–100\xa0%"
    # All passives: the adjusted Wald interval of 15 answers without the correction:
    # n' = 18, p' = d' = 0.75 / 18, σ'² = p' + d', half-width 100 · 1.959964 · √(σ'² / n').
    half = 100 * 1.959964 * math.sqrt((1.5 / 18) / 18)
    assert round(half, 1) == 13.3
    assert (region.score.low, region.score.high) == (round(-half), round(half))


def test_the_page_and_the_export_say_no_number_invited(client, part_timers, analyst):
    pulse, _wave = _survey()
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"}).content
    figure = BeautifulSoup(page, "html.parser").select_one("[data-figure=rate]").parent
    said = re.sub(r"[ \t\n]+", " ", figure.get_text(" ")).strip()  # \xa0 kept
    assert said == "60–100\xa0% Svarsfrekvens ( 15 svar)", said
    book = client.get(reverse("pulse:export", args=[pulse.pk])).content
    sheet = fastexcel.read_excel(book).load_sheet(0).to_polars()
    [row] = sheet.filter(sheet[sheet.columns[1]] == "R").to_dicts()
    values = list(row.values())
    assert values[3] is None  # Invited
    assert values[6] == "60–100\xa0%"  # Response rate, as its band


def test_a_pulse_for_everyone_still_shows_the_number_invited(client, staffed, analyst):
    """The eNPS pulse invites everyone: its number invited is the headcount, shown."""
    from bemanna.pulse.tests.helpers import add_staff

    add_staff(staffed["A"], 6)
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    pulse.part_time_only = False
    pulse.min_answers_text = pulse.min_answers
    pulse.save()
    wave = _run(pulse, {"Sjuksköterskor": [(0, 90)] * 6})
    result = WaveReport(wave).result(Unit.objects.get(code="R"))
    assert not result.invited_kept_back and result.invited_shown == result.invited
