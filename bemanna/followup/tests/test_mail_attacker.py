"""The attacker reads the e-mails: on random small trees, every nudge and digest that
`run_schedule` would send (captured in Django's outbox; the real SMTP path is tested in
test_nudges.py) is searched for figures. The only figure a mail may carry is an open wave's
response-rate band; it must be the band the recipient's own results page shows, must hold
the true rate (counted here from the answers), and no set of mailed bands may let anyone
solve for a group under the threshold."""

import datetime
import re

from bs4 import BeautifulSoup
from django.core import mail
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bemanna.accounts.models import Role
from bemanna.analysis.tests.test_disclosure import derivable_small_groups
from bemanna.conftest import PASSWORD, make_user
from bemanna.followup import nudges
from bemanna.pulse import services
from bemanna.pulse.models import Action, Dialogue, Pulse
from bemanna.pulse.tests.helpers import add_staff, answer
from bemanna.tests.strategies import build_units, by_code, end_to_end, trees

K = 3
OPENS = datetime.date(2026, 3, 2)  # closes 2026-03-15 (14 days)
LETTERS = "ABCDEFGHIJ"
BAND = re.compile(r"(\d+)–(\d+)[ \u00a0]%")
NOT_FIGURES = [
    re.compile(r"https?://\S+"),  # links (unit codes and ids)
    re.compile(r"\d{4}-\d{2}-\d{2}"),  # dates
    re.compile(r"\(vecka \d+\)|\(week \d+\)"),  # the digest's week
    re.compile(r"inom \d+ dagar|within \d+ days"),  # the installation's dialogue delay
]


@st.composite
def organisations(draw):
    parents = draw(trees(6))
    staff = {u: draw(st.integers(0, 6)) for u in parents}
    answered = {u: draw(st.integers(0, staff[u])) for u in parents}
    managed = draw(st.sets(st.sampled_from(sorted(parents)), min_size=1))
    overdue = draw(st.sets(st.sampled_from(sorted(parents)), max_size=2))
    return parents, staff, answered, managed, overdue


def _below(parents, unit):
    """The unit and everything under it, from the parent map alone."""
    found, grew = {unit}, True
    while grew:
        more = {u for u, p in parents.items() if p in found} - found
        found |= more
        grew = bool(more)
    return found


def _figures(text: str) -> str:
    for pattern in NOT_FIGURES:
        text = pattern.sub("", text)
    return BAND.sub("", text)


@end_to_end(max_examples=10)
@given(organisations())
def test_no_mail_carries_a_figure_for_a_small_group(client, db, organisation):
    parents, staff, answered, managed, overdue = organisation
    with transaction.atomic():
        units = build_units(parents)
        for u, unit in units.items():
            unit.name = f"Enhet {LETTERS[u]}"  # no digits in a name
            if u in managed:
                unit.manager = make_user(f"chef{LETTERS[u]}", Role.MANAGER)
                unit.manager.email = f"chef{LETTERS[u]}@region.test"
                unit.manager.save()
            unit.save()
            add_staff(unit, staff[u])
        make_user("hr", Role.HR_ADMIN, email="hr@region.test")
        pulse = Pulse.objects.create(name="Puls", min_answers=K, min_answers_text=K + 2)
        pulse.units.add(units[0])
        wave = services.open_wave(pulse, OPENS)
        for u in parents:
            answer(wave, [7] * answered[u], unit=units[u])
        mail.outbox = []
        open_day = wave.closes - datetime.timedelta(days=2)
        with_rates = {}
        for message in _sent(open_day):
            bands = BAND.findall(message.body)
            if bands:
                with_rates[message.to[0]] = (message.body, bands)
        services.close_wave(wave)
        closed = list(_sent(wave.closes + datetime.timedelta(days=1)))
        for u in overdue:
            dialogue = Dialogue.objects.create(
                wave=wave, unit=units[u], held_on=wave.closes, participants=1, discussed="x"
            )
            Action.objects.create(
                dialogue=dialogue, unit=units[u], text="Åtgärd", owner="Chef", due=wave.closes
            )
        later = list(_sent(wave.closes + datetime.timedelta(days=60)))
        # No figure at all in any mail but the rate bands.
        for message in [*closed, *later]:
            assert not BAND.search(message.body), message.body
        for message in [*mail.outbox]:
            stray = re.findall(r"\d", _figures(message.subject + " " + message.body))
            assert stray == [], message.body
        # Each band: for the recipient's unit, equal to its page, holding the true rate.
        shown = []
        for u in managed:
            to = f"chef{LETTERS[u]}@region.test"
            if to not in with_rates:
                continue
            body, bands = with_rates[to]
            assert len(bands) == 1
            low, high = (int(x) for x in bands[0])
            below = _below(parents, u)
            asked, done = sum(staff[v] for v in below), sum(answered[v] for v in below)
            assert done >= K and low <= 100 * done / asked <= high
            client.login(username=f"chef{LETTERS[u]}", password=PASSWORD)
            page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": f"U{u}"})
            soup = BeautifulSoup(page.content, "html.parser")
            on_page = soup.select_one("#open-wave")
            assert on_page is None or on_page.get("data-rate") in (None, f"{low}–{high}\xa0%")
            shown.append(f"U{u}")
        counts = {f"U{u}": answered[u] for u in parents}
        assert derivable_small_groups(by_code(parents), counts, sorted(shown), K) == []
        transaction.set_rollback(True)


def _sent(day):
    before = len(mail.outbox)
    nudges.send_due(day)
    return mail.outbox[before:]
