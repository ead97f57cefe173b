"""The dialogue guide: the form opens with the unit's weakest and strongest statements, what
the last dialogue agreed and left open, and the actions agreed reach the plan and the
manager's start page."""

import datetime

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bemanna.analysis.enps import HME_KEYS
from bemanna.conftest import PASSWORD
from bemanna.pulse import services
from bemanna.pulse.models import Action, Dialogue, Pulse
from bemanna.pulse.tests.helpers import add_staff, answer

WEAK, STRONG = "hme_leadership_1", "hme_governance_3"


def _waves(org):
    today = timezone.localdate()
    add_staff(org["A"], 12)
    pulse = Pulse.objects.create(name="Guide", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    first = services.open_wave(pulse, today - datetime.timedelta(days=200))
    services.close_wave(first)
    second = services.open_wave(pulse, today - datetime.timedelta(days=40))
    items = dict.fromkeys(HME_KEYS, 3) | {WEAK: 1, STRONG: 5, "hme_motivation_1": 4}
    answer(second, [8] * 10, unit=org["A"], items=items)
    services.close_wave(second)
    Dialogue.objects.create(
        wave=first,
        unit=org["A"],
        held_on=first.closes + datetime.timedelta(days=5),
        participants=6,
        discussed="Arbetsbelastningen.",
        agreed="Vi provar nya helgpass.",
        open_questions="Hur når vi nattpersonalen?",
    )
    return pulse, second


def _form(**changes):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "participants": "8",
        "discussed": "Ledarskapet och återkopplingen.",
        "agreed": "Chefen ger återkoppling varje vecka.",
        "open_questions": "Hur gör vi på helger?",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-text": "Veckovis återkoppling på APT",
        "actions-0-owner": "Enhetschef",
        "actions-0-due": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "actions-0-status": "planned",
    }
    return data | changes


def test_the_guide_opens_with_the_weakest_and_strongest_statements(client, manager, org):
    _pulse, wave = _waves(org)
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("pulse:dialogue", args=[wave.pk, "A"]))
    soup = BeautifulSoup(page.content, "html.parser")
    weakest = [li["data-key"] for li in soup.select("#guide-weakest li[data-key]")]
    assert weakest[0] == WEAK
    assert soup.select_one("#guide-weakest li strong").get_text(strip=True) == "0"
    assert [li["data-key"] for li in soup.select("#guide-strongest li")][0] == STRONG
    assert "Hur når vi nattpersonalen?" in soup.select_one("#open-questions").get_text()
    assert "Vi provar nya helgpass." in soup.select_one("#guide-last").get_text()


def test_the_guide_shows_no_statement_of_a_small_group(client, manager, org):
    _pulse, wave = _waves(org)
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("pulse:dialogue", args=[wave.pk, "B"]))  # nobody answered in B
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select("#guide-weakest li[data-key]") == []


def test_what_the_team_agreed_is_kept_and_its_actions_reach_plan_and_start(client, manager, org):
    _pulse, wave = _waves(org)
    client.login(username="manager", password=PASSWORD)
    url = reverse("pulse:dialogue", args=[wave.pk, "A"])
    assert client.post(url, _form()).status_code == 302
    dialogue = Dialogue.objects.get(wave=wave)
    assert dialogue.agreed == "Chefen ger återkoppling varje vecka."
    assert dialogue.open_questions == "Hur gör vi på helger?"
    assert Action.objects.get(dialogue=dialogue).unit == org["A"]
    plan = BeautifulSoup(client.get(reverse("plan:actions")).content, "html.parser")
    assert "Veckovis återkoppling på APT" in plan.select_one("#team-actions").get_text()
    start = BeautifulSoup(client.get(reverse("followup:start")).content, "html.parser")
    assert "Veckovis återkoppling på APT" in start.select_one("#actions").get_text()


def test_another_managers_plan_page_does_not_list_the_action(client, manager, other_manager, org):
    _pulse, wave = _waves(org)
    client.login(username="manager", password=PASSWORD)
    client.post(reverse("pulse:dialogue", args=[wave.pk, "A"]), _form())
    client.login(username="other_manager", password=PASSWORD)
    plan = BeautifulSoup(client.get(reverse("plan:actions")).content, "html.parser")
    assert "Veckovis återkoppling på APT" not in plan.get_text()
