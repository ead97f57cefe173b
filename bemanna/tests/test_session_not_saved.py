"""Where one answers anonymously the session of someone signed in is not saved (an
insider's twenty-first round): saved in the transaction after an answer or an anonymous
proposal, the session row (holding the user's id) sat next to it by PostgreSQL's `xmin`, and
named the sender to anyone who could read the database. Elsewhere it is saved on every
request, as the idle timeout needs. The mutation: Django's middleware, saving everywhere."""

import datetime

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.urls import reverse

from bemanna import middleware
from bemanna.conftest import PASSWORD
from bemanna.plan.models import Area, Proposal
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Response
from bemanna.pulse.tests.helpers import add_staff, codes_for, open_link

OPENS = datetime.date(2026, 3, 2)


def _expiry(user) -> datetime.datetime:
    [session] = [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    return session.expire_date


@pytest.mark.parametrize("rule", [True, False])
def test_answering_and_proposing_save_no_session(client, org, manager, monkeypatch, rule):
    if not rule:
        monkeypatch.setattr(
            middleware.Session, "process_response", SessionMiddleware.process_response
        )
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: OPENS)
    units = org
    add_staff(units["A"], 6)
    pulse = Pulse.objects.create(name="Puls")
    pulse.units.add(units["R"])
    wave = services.open_wave(pulse, OPENS)
    code = next(iter(codes_for(wave).values()))
    assert client.login(username=manager.username, password=PASSWORD)
    client.get(reverse("plan:inbox"))  # an ordinary page saves it
    saved = _expiry(manager)
    written = []

    def counting(self, *args, **kwargs):
        written.append(self.session_key)
        return save(self, *args, **kwargs)

    from django.contrib.sessions.backends.db import SessionStore

    save = SessionStore.save
    monkeypatch.setattr(SessionStore, "save", counting)
    open_link(client, code)
    client.get(reverse("pulse:answer"))
    page = client.post(reverse("pulse:answer"), {"enps": "4", "comment": "Mitt svar"})
    assert 'id="answer-saved"' in page.content.decode()
    area = Area.objects.get_or_create(name="Behålla")[0]
    client.get(reverse("plan:propose"))
    client.post(
        reverse("plan:propose"),
        {
            "title": "Utan namn",
            "description": "Text.",
            "area": area.pk,
            "origin": "staff",
            "website": "",
            "anonymous": "on",
        },
    )
    assert Response.objects.filter(comment="Mitt svar").exists()
    assert Proposal.objects.get(title="Utan namn").submitted_by is None
    if rule:
        assert written == [] and _expiry(manager) == saved
    else:
        assert written  # saved next to the answer and the proposal
    client.get(reverse("plan:inbox"))  # the next other page moves the idle timer on
    assert _expiry(manager) >= saved
