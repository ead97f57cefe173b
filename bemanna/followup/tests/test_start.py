"""The manager's start page: the open wave, the dialogue due, the actions (overdue first),
the weakest statements and the key figures off target; and a menu for the role."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bemanna.analysis.enps import HME_KEYS
from bemanna.conftest import PASSWORD
from bemanna.keyfigures.models import Target
from bemanna.plan.models import Area, PlanAction, Proposal
from bemanna.pulse import services
from bemanna.pulse.models import Action, Dialogue, Pulse
from bemanna.pulse.tests.helpers import add_staff, answer

WEAK = "hme_governance_2"


@pytest.fixture
def pulse(org):
    today = timezone.localdate()
    add_staff(org["A"], 12)
    add_staff(org["B"], 2)
    add_staff(org["C"], 12)
    pulse = Pulse.objects.create(name="Ambassadörskap", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    last_year = services.open_wave(pulse, datetime.date(today.year - 1, 10, 1))
    items = dict.fromkeys(HME_KEYS, 4) | {WEAK: 1, "hme_motivation_1": 5}
    answer(last_year, [3] * 8, unit=org["A"], items=items)
    answer(last_year, [9] * 8, unit=org["C"], items=items)
    services.close_wave(last_year)
    current = services.open_wave(pulse, today - datetime.timedelta(days=2))
    answer(current, [8] * 4, unit=org["A"])
    return pulse, last_year, current


def _start(client, username):
    client.login(username=username, password=PASSWORD)
    response = client.get(reverse("followup:start"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_manager_lands_on_the_start_page(client, manager):
    response = client.post(reverse("accounts:login"), {"username": "manager", "password": PASSWORD})
    assert response["Location"] == reverse("followup:start")


def test_a_manager_opening_bemannas_address_lands_on_the_start_page(client, manager):
    # The README's path: open Bemanna's address, log in. The root sends to the login page
    # with next=/; the manager lands on Start, not their unit page, and the SSO button too.
    login = client.get(reverse("workforce:home"))
    assert login.status_code == 302 and "next=/" in login["Location"]
    page = client.get(login["Location"]).content.decode()
    assert 'name="next" value=""' in page
    response = client.post(
        login["Location"], {"username": "manager", "password": PASSWORD, "next": "/"}
    )
    assert response["Location"] == reverse("followup:start")
    # A page actually asked for is still where the login goes.
    client.logout()
    asked = reverse("keyfigures:page")
    response = client.post(
        reverse("accounts:login"), {"username": "manager", "password": PASSWORD, "next": asked}
    )
    assert response["Location"] == asked


def test_other_roles_start_where_they_did(client, analyst):
    client.login(username="analyst", password=PASSWORD)
    response = client.get(reverse("followup:start"))
    assert response.status_code == 302 and response["Location"] == reverse("workforce:home")


def test_the_council_and_occupational_health_land_where_their_work_starts(
    client, council, occ_health
):
    # Opening Bemanna's address and logging in, as the README says: the council lands in its
    # inbox (new proposals first), occupational health on its call list, not on an
    # organisation page that tells them to ask HR to be made a manager.
    for username, page in (("council", "plan:inbox"), ("occ_health", "keyfigures:worklist")):
        client.logout()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": PASSWORD, "next": "/"}
        )
        landed = client.get(response["Location"], follow=True)
        assert landed.redirect_chain[-1][0] == reverse(page)
        assert landed.status_code == 200


def test_it_shows_the_open_wave_with_the_rate_only_at_the_threshold(client, manager, pulse):
    _pulse, _last, current = pulse
    soup = _start(client, "manager")
    text = soup.select_one("#open-waves").get_text(" ", strip=True)
    # F: 4 answers of 14 invited (A 12, B 2), 29 %; k = 3 so the rate is shown, as the
    # results page shows an open wave's: only its band, wide enough for three answers
    # (30 points of 14 invited), the first, shown from the third, for six (50 points): 0–50 %.
    assert (
        soup.select_one("#open-waves [data-figure=rate]")
        .get_text(strip=True)
        .endswith("0–50\xa0%.")
    )
    assert current.closes.isoformat() in text


def test_no_rate_under_the_threshold(client, manager, pulse):
    _pulse, _last, current = pulse
    current.responses.all().delete()
    answer(current, [8] * 2, unit=current.invitations.first().unit)
    soup = _start(client, "manager")
    assert soup.select_one("#open-waves [data-figure=rate]") is None


def test_the_dialogue_due_has_a_button_and_goes_when_held(client, manager, pulse, org):
    _pulse, last, _current = pulse
    soup = _start(client, "manager")
    link = soup.select_one("#dialogues-due a.button")
    assert link["href"] == reverse("pulse:dialogue", args=[last.pk, "F"])
    assert soup.select_one("#dialogues-due .overdue") is not None  # closed last year
    Dialogue.objects.create(
        wave=last, unit=org["F"], held_on=timezone.localdate(), participants=5, discussed="x"
    )
    soup = _start(client, "manager")
    assert soup.select_one("#dialogues-due a.button") is None


def test_actions_overdue_first_from_dialogues_and_the_plan(client, manager, pulse, org):
    _pulse, last, _current = pulse
    today = timezone.localdate()
    dialogue = Dialogue.objects.create(
        wave=last, unit=org["A"], held_on=today, participants=5, discussed="x"
    )
    for text, days in (("Senare", 30), ("Försenad", -3), ("Snart", 5)):
        Action.objects.create(
            dialogue=dialogue,
            unit=org["A"],
            text=text,
            owner="Chef",
            due=today + datetime.timedelta(days=days),
        )
    Action.objects.create(
        dialogue=dialogue, unit=org["C"], text="Inte min", owner="x", due=today, status="planned"
    )
    Action.objects.create(
        dialogue=dialogue, unit=org["A"], text="Klar", owner="x", due=today, status="done"
    )
    proposal = Proposal.objects.create(
        title="Planens åtgärd",
        description="x",
        area=Area.objects.get_or_create(name="Behålla")[0],
        origin="staff",
        submitted_on=today,
        status="ongoing",
    )
    PlanAction.objects.create(
        proposal=proposal,
        unit=org["B"],
        start=today,
        end=today + datetime.timedelta(days=10),
    )
    soup = _start(client, "manager")
    rows = [row.select("td")[0].get_text(strip=True) for row in soup.select("#actions tbody tr")]
    assert rows == ["Försenad", "Snart", "Planens åtgärd", "Senare"]
    late = soup.select("#actions tbody tr")[0]
    assert late.select_one(".overdue") is not None


def test_the_weakest_statement_is_named_with_a_link(client, manager, pulse):
    the_pulse, last, _current = pulse
    soup = _start(client, "manager")
    first = soup.select_one("#weakest li")
    assert first["data-key"] == WEAK
    assert first.select_one("strong").get_text(strip=True) == "0"  # everyone answered 1
    link = soup.select_one("#weakest a")["href"]
    assert link.startswith(reverse("pulse:statements", args=[the_pulse.pk]))
    assert f"wave={last.pk}" in link


def test_key_figures_off_target_are_listed(client, manager, pulse):
    Target.objects.create(figure="enps", value=50)
    soup = _start(client, "manager")
    listed = soup.select_one("#off-target").get_text(" ", strip=True)
    assert "eNPS" in listed and "\u2212100" in listed  # F: eight detractors (minus sign)


def test_the_menu_shows_the_manager_no_analysts_page(client, manager, analyst):
    soup = _start(client, "manager")
    nav = [a["href"] for a in soup.select("header nav a")]
    assert reverse("followup:start") in nav
    assert reverse("forecast:backtest") not in nav
    client.login(username="analyst", password=PASSWORD)
    page = BeautifulSoup(client.get(reverse("pulse:list")).content, "html.parser")
    nav = [a["href"] for a in page.select("header nav a")]
    assert reverse("forecast:backtest") in nav and reverse("followup:start") not in nav


def test_the_key_figure_year_has_no_thousands_separator(client, manager, pulse):
    import re

    Target.objects.create(figure="enps", value=50)
    soup = _start(client, "manager")
    heading = soup.select_one("#off-target").find_previous("h2").get_text(" ", strip=True)
    assert re.search(r"\(20\d\d\)$", heading), heading


def test_one_click_from_the_weakest_statements_to_the_guide_and_the_plan(
    client, manager, pulse, org
):
    # The guide stays one click away after the dialogue is held (to add an action), and the
    # plan the actions land in is linked beside them.
    _pulse, last, _current = pulse
    Dialogue.objects.create(
        wave=last, unit=org["F"], held_on=timezone.localdate(), participants=5, discussed="x"
    )
    soup = _start(client, "manager")
    assert soup.select_one("#dialogues-due a.button") is None
    guide = soup.select_one("#weakest a#weakest-dialogue")
    assert guide["href"] == reverse("pulse:dialogue", args=[last.pk, "F"])
    assert client.get(guide["href"]).status_code == 200
    assert soup.select_one("a#plan-link")["href"] == reverse("plan:actions")
    # Everyone in F answered 1 to the weakest: mean 0 and 0 % agreeing (4 or 5).
    weakest = " ".join(soup.select_one(f"#weakest li[data-key={WEAK}]").get_text().split())
    assert weakest.endswith("0 · 0 % instämmer")
