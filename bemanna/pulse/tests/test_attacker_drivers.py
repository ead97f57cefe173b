"""The key-driver analysis's number of complete answers (an insider review, item L2): beside
the group's n, shown on the results page, it counts those who skipped a statement. The
attacker reads both pages and subtracts; it must never get 1..k-1 people. The rule: the
count is shown only when the skippers are none or at least k; otherwise the analysis is
shown without it."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.enps import HME_KEYS
from bemanna.conftest import PASSWORD
from bemanna.pulse import services, statements
from bemanna.pulse.models import Pulse
from bemanna.pulse.tests.helpers import add_staff, answer

K, K_TEXT = 5, 10
COMPLETE = 40
SKIPPED = "hme_governance_3"


def _wave(org, skippers: int) -> Pulse:
    add_staff(org["A"], COMPLETE + skippers)
    pulse = Pulse.objects.create(name="Drivare", min_answers=K, min_answers_text=K_TEXT)
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, datetime.date(2026, 1, 12))
    for i in range(COMPLETE + skippers):
        own = 1 + i % 5
        items = dict.fromkeys(HME_KEYS, 1 + (i * 7) % 5) | {"hme_leadership_1": own}
        items["hme_motivation_2"] = 1 + (i * 3) % 5
        if i >= COMPLETE:
            del items[SKIPPED]  # answered everything but one statement
        answer(wave, [min(10, 2 * own)], unit=org["A"], items=items)
    services.close_wave(wave)
    return pulse


def _skippers_seen(client, pulse) -> int | None:
    """The group's n (results page) minus the complete answers (the drivers' help text), or
    None when either is not shown."""
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"})
    n = BeautifulSoup(page.content, "html.parser").select_one("[data-figure=n]")
    page = client.get(reverse("pulse:statements", args=[pulse.pk]), {"unit": "R"})
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select("#drivers tbody tr"), "the analysis runs"
    text = " ".join(soup.select_one("#drivers-help").get_text().split())
    complete = re.search(r"(?:över de|over the) (\d+) (?:som|who)", text)
    if n is None or complete is None:
        return None
    return int(n.get_text(strip=True)) - int(complete.group(1))


@pytest.mark.parametrize(("skippers", "seen"), [(0, 0), (3, None), (5, 5)])
def test_the_count_of_complete_answers_gives_no_few_skippers_away(
    client, analyst, org, skippers, seen
):
    pulse = _wave(org, skippers)
    client.login(username="analyst", password=PASSWORD)
    assert _skippers_seen(client, pulse) == seen


def test_the_mutation_always_showing_the_count_gives_the_three_away(
    client, analyst, org, monkeypatch
):
    monkeypatch.setattr(statements, "complete_shown", lambda answered, complete, k: complete)
    pulse = _wave(org, 3)
    client.login(username="analyst", password=PASSWORD)
    assert _skippers_seen(client, pulse) == 3
