"""The limits on guessing survey codes and on anonymous proposals: per client (behind the
trusted proxy too), for the whole stated window, and no one can lock out anyone else."""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory
from django.urls import reverse

from bemanna.answering.limits import client_address
from bemanna.answering.web import GUESS_WINDOW, GUESSES_ALLOWED
from bemanna.plan.models import Area, Proposal

PROXY = "10.0.0.2"
ALICE = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
BOB = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}


@pytest.fixture
def behind_proxy(settings):
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


@pytest.fixture
def clock(monkeypatch):
    """The real time.time, moved forward by hand (the file cache's expiry reads it too)."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def _address(**meta) -> str:
    return client_address(RequestFactory().get("/", **meta))


def test_the_forwarded_address_is_believed_only_from_the_trusted_proxy(settings, behind_proxy):
    assert _address(**ALICE) == "198.51.100.7"
    # A client writing its own header gets it ignored: the proxy's entry is the last one.
    assert _address(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7") == (
        "198.51.100.7"
    )
    assert _address(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4") == "192.0.2.1"
    assert _address(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address") == PROXY
    settings.TRUSTED_PROXIES = []
    assert _address(**ALICE) == PROXY


def _guess(client, meta, code="AAAAAAAAAAAA"):
    return client.post(reverse("pulse:code"), {"code": code}, **meta)


def test_one_guesser_behind_the_proxy_locks_out_only_themselves(client, db, behind_proxy):
    for _ in range(GUESSES_ALLOWED):
        assert _guess(client, ALICE).status_code == 404
    assert _guess(client, ALICE).status_code == 429
    assert _guess(client, BOB).status_code == 404  # not locked out by Alice


def test_the_pause_lasts_the_whole_window_from_the_first_guess(client, db, clock, behind_proxy):
    start = clock[0]
    for minute in range(GUESSES_ALLOWED):
        clock[0] = start + minute * 300  # one wrong guess every five minutes
        assert _guess(client, ALICE).status_code == 404
    clock[0] = start + GUESS_WINDOW - 60
    assert _guess(client, ALICE).status_code == 429
    clock[0] = start + GUESS_WINDOW + 1
    assert _guess(client, ALICE).status_code == 404
    assert GUESS_WINDOW == 3600


def test_the_proposal_limit_is_per_client_behind_the_proxy(client, db, behind_proxy):
    area = Area.objects.get_or_create(name="Behålla")[0]
    form = {
        "title": "Förslag",
        "description": "Text",
        "area": area.pk,
        "origin": "staff",
        "website": "",
    }
    for _ in range(5):
        assert client.post(reverse("plan:propose"), form, **ALICE).status_code == 200
    assert client.post(reverse("plan:propose"), form, **ALICE).status_code == 429
    assert client.post(reverse("plan:propose"), form, **BOB).status_code == 200
    assert Proposal.objects.count() == 6
