"""Occupational health's call list: the nearest manager up the tree with name, phone and
e-mail; "manager reached" not ticked in advance; a call that did not reach the manager stays
on the retry list; filters by förvaltning and day; pages; a confirmation after saving."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.accounts.models import Profile
from bemanna.conftest import PASSWORD, TODAY
from bemanna.keyfigures import views
from bemanna.keyfigures.models import EarlyContact, SickLeaveSpell
from bemanna.keyfigures.tests.test_board import _spells


@pytest.fixture
def called(client, staffed, manager, other_manager, occ_health, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    manager.first_name, manager.last_name, manager.email = "Karin", "Lund", "karin@region.test"
    manager.save()
    Profile.objects.filter(user=manager).update(phone="010-123 45 67")
    # 1001 works in A (no manager of its own, F's manager above), 1004 in C (under G).
    _spells("1001;2026-06-22;;100", "1005;2026-06-21;;100")  # day 9 and day 10
    client.login(username="occ_health", password=PASSWORD)
    return client


def _rows(client, table="worklist", **params):
    page = client.get(reverse("keyfigures:worklist"), params)
    soup = BeautifulSoup(page.content, "html.parser")
    return soup, [row for row in soup.select(f"#{table} tbody tr") if row.select("a")]


def test_the_nearest_manager_up_the_tree_with_phone_and_email(called):
    soup, rows = _rows(called)
    a_row = next(row for row in rows if "Avdelning A" in row.get_text())
    assert a_row.select_one(".manager").get_text(strip=True) == "Karin Lund"
    assert a_row.select_one(".phone").get_text(strip=True) == "010-123 45 67"
    assert a_row.select_one(".email")["href"] == "mailto:karin@region.test"
    assert "Förvaltning F" in a_row.get_text()  # whose manager it is
    c_row = next(row for row in rows if "Avdelning C" in row.get_text())
    assert c_row.select_one(".manager").get_text(strip=True) == "other_manager"


def test_manager_reached_is_not_ticked_in_advance(called):
    spell = SickLeaveSpell.objects.get(start="2026-06-22")
    page = called.get(reverse("keyfigures:call", args=[spell.pk]))
    box = BeautifulSoup(page.content, "html.parser").select_one("input[name=manager_reached]")
    assert not box.has_attr("checked")


def test_not_reached_goes_to_the_retry_list_with_a_confirmation(called):
    spell = SickLeaveSpell.objects.get(start="2026-06-22")
    url = reverse("keyfigures:call", args=[spell.pk])
    response = called.post(url, {"called_on": "2026-06-30"}, follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert "nåddes inte" in soup.select_one(".messages").get_text()
    assert EarlyContact.objects.get().manager_reached is False
    _soup, retry = _rows(called, "retry")
    assert [row.select("a")[-1]["href"] for row in retry] == [url]
    _soup, due = _rows(called)
    assert all(url not in str(row) for row in due)
    response = called.post(url, {"called_on": "2026-06-30", "manager_reached": "on"}, follow=True)
    assert (
        "nåddes"
        in BeautifulSoup(response.content, "html.parser").select_one(".messages").get_text()
    )
    _soup, retry = _rows(called, "retry")
    assert retry == []


def test_filters_by_forvaltning_and_day(called):
    _soup, rows = _rows(called, forvaltning="F")
    assert [("Avdelning A" in row.get_text()) for row in rows] == [True]
    _soup, rows = _rows(called, day="10")
    assert ["Avdelning C" in row.get_text() for row in rows] == [True]
    _soup, rows = _rows(called, forvaltning="G", day="9")
    assert rows == []


def test_the_list_comes_in_pages(called, monkeypatch):
    monkeypatch.setattr(views, "WORKLIST_PAGE", 1)
    soup, first = _rows(called)
    assert len(first) == 1 and soup.select_one("a[rel=next]") is not None
    _soup, second = _rows(called, sida=2)
    assert len(second) == 1 and str(second[0]) != str(first[0])


def test_the_list_reads_the_same_number_of_queries_however_many_spells(called):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted():
        with CaptureQueriesContext(connection) as queries:
            _soup, rows = _rows(called)
        return len(rows), len(queries)

    two, before = counted()
    _spells("1002;2026-06-22;;100", "1003;2026-06-21;;50")  # two more at day 9 and 10
    four, after = counted()
    assert (two, four) == (2, 4)
    assert after == before  # each spell's unit, manager and phone read with the others


def test_the_calls_made_follow_the_filter_come_in_pages_and_are_logged(called, monkeypatch):
    from bemanna.audit.models import AuditEntry

    spells = list(SickLeaveSpell.objects.order_by("start"))  # 1005 in C (G), 1001 in A (F)
    for spell in spells:
        url = reverse("keyfigures:call", args=[spell.pk])
        called.post(url, {"called_on": "2026-06-30", "manager_reached": "on"})
    _soup, recent = _rows(called, "recent", forvaltning="F")
    assert ["Avdelning A" in row.get_text() for row in recent] == [True]
    # Each call shown is a spell's unit and first day: the view is logged with them.
    logged = AuditEntry.objects.filter(action=AuditEntry.Action.HEALTH_VIEWED).last()
    assert logged.detail["spells"] == [spells[1].pk]
    monkeypatch.setattr(views, "WORKLIST_PAGE", 1)
    soup, first = _rows(called, "recent")
    _soup, second = _rows(called, "recent", samtal=2)
    assert soup.select_one("a[rel=next]")["href"].endswith("samtal=2")
    assert soup.select("nav.pages")[-1]["aria-label"] == "Sidor med samtal"
    assert len(first) == len(second) == 1 and str(first[0]) != str(second[0])
