"""The key figures and the board report kept in the shared cache per import generation: a
re-import shows the new figure, a second request computes nothing, and no manager is served
what was kept for another's subtree."""

import datetime
import io

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.keyfigures import board, services
from bemanna.keyfigures import summary as summary_module
from bemanna.keyfigures.models import Figure, ScheduledHours, SickLeaveSpell, Target
from bemanna.pulse.tests.helpers import add_staff

TODAY = datetime.date(2026, 6, 30)
SPELL_HEADER = "Anst.nr;Från;Till;Omfattning\n"


def _import(kind, text):
    return services.import_health_file(
        kind, io.BytesIO(text.encode()), filename=f"{kind}.csv", today=TODAY
    )


@pytest.fixture
def figures(staffed):
    # Six people in March 2025; 1001 sick the whole month: 160 of 160 + 80 + 4 · 160 hours.
    SickLeaveSpell.objects.all().delete()
    _import("sick_leave", SPELL_HEADER + "1001;2025-03-01;2025-03-31;100\n")
    _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1002;2025-03;80\n")
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=p, month=datetime.date(2025, 3, 1), hours=160)
        for p in add_staff(staffed["A"], 4)
    )
    _import(
        "costs",
        "Enhet;Månad;Yrkesgrupp;Egen personal;Inhyrd personal;Bemanningspool\n"
        "A;2025-03;;1 000 000;50 000;0\n",
    )
    return staffed


@pytest.fixture
def counted(monkeypatch):
    """How often the key figures and the board's sections are computed."""
    calls = {"summary": 0, "board": 0}
    summary, computed = summary_module.summary, board._computed

    def counting_summary(*args, **kwargs):
        calls["summary"] += 1
        return summary(*args, **kwargs)

    def counting_board(*args, **kwargs):
        calls["board"] += 1
        return computed(*args, **kwargs)

    monkeypatch.setattr(summary_module, "summary", counting_summary)
    monkeypatch.setattr(board, "_computed", counting_board)
    return calls


def _report(client):
    url = reverse("keyfigures:report")
    return client.get(url, {"unit": "R", "year": 2025}).content.decode()


def test_a_second_request_computes_nothing_again(client, figures, analyst, counted):
    client.login(username="analyst", password=PASSWORD)
    first = _report(client)
    assert counted == {"summary": 1, "board": 1}
    second = _report(client)
    assert counted == {"summary": 1, "board": 1}  # read from the cache
    assert "18,2 %" in first and "18,2 %" in second  # 160 / 880
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    assert "18,2 %" in page.content.decode()
    assert counted["summary"] == 1  # the page reads the summary the report kept


def test_a_reimport_shows_the_new_figure(
    client, figures, analyst, counted, django_capture_on_commit_callbacks
):
    client.login(username="analyst", password=PASSWORD)
    assert "18,2 %" in _report(client)
    with django_capture_on_commit_callbacks(execute=True):
        # 1001's hours doubled, sick all of them: 320 of 320 + 80 + 4 · 160 = 1 040.
        _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-03;320\n1002;2025-03;80\n")
    report = _report(client)
    assert "30,8 %" in report and "18,2 %" not in report
    assert counted["board"] == 2
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    assert "30,8 %" in page and "18,2 %" not in page


def test_a_target_set_in_the_admin_is_shown_at_once(client, figures, analyst):
    client.login(username="analyst", password=PASSWORD)
    assert "7,0 %" not in _report(client)
    Target.objects.create(figure=Figure.HIRED_SHARE, value=7)
    assert "7,0 %" in _report(client)


def test_no_manager_is_served_another_subtrees_figures(
    client, figures, manager, other_manager, analyst, counted
):
    client.login(username="manager", password=PASSWORD)
    mine = client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025})
    assert mine.status_code == 200 and "Förvaltning F" in mine.content.decode()
    client.login(username="other_manager", password=PASSWORD)
    # F was kept for the first manager; the second is refused it, cached or not.
    assert client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025}).status_code == 404
    own = client.get(reverse("keyfigures:page"), {"year": 2025}).content.decode()
    assert "Förvaltning G" in own and "Förvaltning F" not in own
    assert counted["summary"] == 2  # G computed for itself, not taken from F's entry
    # The board report is the whole-region roles' alone, however warm its cache.
    client.login(username="analyst", password=PASSWORD)
    assert client.get(reverse("keyfigures:report"), {"unit": "F", "year": 2025}).status_code == 200
    client.login(username="manager", password=PASSWORD)
    assert client.get(reverse("keyfigures:report"), {"unit": "F", "year": 2025}).status_code == 403


def test_a_scenario_changed_recomputes_the_forecast_section_alone(
    client, figures, analyst, counted
):
    from bemanna import generation

    client.login(username="analyst", password=PASSWORD)
    _report(client)
    generation.bump_forecast()  # what saving a scenario, a cost or a projection does
    _report(client)
    assert counted == {"summary": 1, "board": 2}
