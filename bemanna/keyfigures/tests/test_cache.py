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
    assert "18,2\xa0%" in first and "18,2\xa0%" in second  # 160 / 880
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025})
    assert "18,2\xa0%" in page.content.decode()
    assert counted["summary"] == 1  # the page reads the summary the report kept


def test_a_reimport_shows_the_new_figure(
    client, figures, analyst, counted, django_capture_on_commit_callbacks, monkeypatch
):
    # A month kept as first shown never changes (test_final_months); a month not kept yet
    # does: on 20 January 2026, 2025 runs to November, and its sick leave is kept as far as
    # the hours go, March. April's hours and spell imported now show at once.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2026, 1, 20))
    client.login(username="analyst", password=PASSWORD)
    first = _report(client)
    assert "18,2\xa0%" in first and "25,0\xa0%" not in first
    march = set(ScheduledHours.objects.values_list("person_id", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        _import("sick_leave", SPELL_HEADER + "1001;2025-04-01;2025-04-30;100\n")
        # The four others work 40 hours each in April: the month's hours are all in (six
        # people, as in March; with two of them, it would wait for the rest).
        _import("hours", "Anst.nr;Månad;Timmar\n1001;2025-04;160\n1002;2025-04;80\n")
        others = march - set(
            ScheduledHours.objects.filter(month=datetime.date(2025, 4, 1)).values_list(
                "person_id", flat=True
            )
        )
        ScheduledHours.objects.bulk_create(
            ScheduledHours(person_id=p, month=datetime.date(2025, 4, 1), hours=40) for p in others
        )
    # 1001 sick all April too: 160 + 160 of 880 + 160 + 80 + 4 · 40 = 1 280 hours, 25,0 %.
    # The year's figure is new; March's own stays 18,2 % in the months' table.
    report = _report(client)
    assert "25,0\xa0%" in report
    assert counted["board"] == 2
    page = client.get(reverse("keyfigures:page"), {"unit": "R", "year": 2025}).content.decode()
    assert "25,0\xa0%" in page


def test_a_target_set_in_the_admin_is_shown_at_once(client, figures, analyst):
    client.login(username="analyst", password=PASSWORD)
    assert "7,0\xa0%" not in _report(client)
    Target.objects.create(figure=Figure.HIRED_SHARE, value=7)
    assert "7,0\xa0%" in _report(client)


def test_no_manager_is_served_another_subtrees_figures(
    client, figures, manager, other_manager, analyst, counted
):
    client.login(username="manager", password=PASSWORD)
    mine = client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025})
    assert mine.status_code == 200 and "Förvaltning F" in mine.content.decode()
    client.login(username="other_manager", password=PASSWORD)
    # F was kept for the first manager; the second is refused it, cached or not.
    assert client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025}).status_code == 403
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


# --- computed before anyone asks: after an import, and by the schedule --------------------

HOURS_AGAIN = "Anst.nr;Månad;Timmar\n1001;2025-03;320\n1002;2025-03;80\n"


@pytest.fixture
def on_today(monkeypatch):
    """Today is TODAY for the pages and the warm-up alike: they open on 2025, the data's year."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def _first_report(client):
    """The board report as the analyst first opens it (the default unit and year), and
    whether it read any sick leave or hours to draw it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.login(username="analyst", password=PASSWORD)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("keyfigures:report"))
    assert page.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries).lower()
    return page.content.decode(), "sickleavespell" in sql or "scheduledhours" in sql


def test_an_import_command_computes_the_first_report_before_anyone_asks(
    client, figures, analyst, counted, on_today, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    path = tmp_path / "timmar.csv"
    path.write_text(HOURS_AGAIN, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_hours", str(path), verbosity=0)
    # The import's new generation first, then the report in each language (sv, en).
    assert counted == {"summary": 2, "board": 2}
    page, read_health_data = _first_report(client)
    assert counted == {"summary": 2, "board": 2}  # served from what the import kept
    assert not read_health_data
    assert "30,8\xa0%" in page and "18,2\xa0%" not in page  # 320 / 1 040: the new data's figure


def test_a_dry_run_prepares_nothing(
    client, figures, analyst, counted, on_today, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    path = tmp_path / "timmar.csv"
    path.write_text(HOURS_AGAIN, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_hours", str(path), "--dry-run", verbosity=0)
    assert counted == {"summary": 0, "board": 0}


def test_the_import_page_prepares_the_report_in_a_thread(
    client, figures, hr_admin, analyst, counted, on_today, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bemanna import generation

    started = []

    class Inline:
        """A thread that runs when started, in this test's transaction."""

        def __init__(self, target, daemon):
            self.target, self.daemon = target, daemon

        def start(self):
            started.append(self.daemon)
            generation.warm()  # the thread's work, but closing this test's connection

    monkeypatch.setattr(generation.threading, "Thread", Inline)
    client.login(username="hr_admin", password=PASSWORD)
    upload = SimpleUploadedFile("timmar.csv", HOURS_AGAIN.encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:import"), {"kind": "hours", "file": upload})
    assert response.status_code == 302
    assert started == [True] and counted == {"summary": 2, "board": 2}
    page, read_health_data = _first_report(client)
    assert counted == {"summary": 2, "board": 2} and not read_health_data
    assert "30,8\xa0%" in page


def test_the_schedule_catches_up_after_a_change_without_an_import(
    client, figures, analyst, counted, on_today
):
    from bemanna import generation
    from bemanna.schedule import run_schedule

    generation.start_new()  # a unit moved, a target set, a wave closed: nothing prepared
    lines: list[str] = []
    run_schedule(TODAY, write=lines.append)
    assert counted == {"summary": 2, "board": 2}
    assert not any("in advance" in line or "i förväg" in line for line in lines)
    run_schedule(TODAY, write=lines.append)  # the next hour: all there, nothing computed
    assert counted == {"summary": 2, "board": 2}
    page, read_health_data = _first_report(client)
    assert counted == {"summary": 2, "board": 2} and not read_health_data
    assert "18,2\xa0%" in page
