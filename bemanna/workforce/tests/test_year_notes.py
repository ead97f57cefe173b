"""Historik, the key figures and the board report say what their years cover (issue 18):
the first year kept is incomplete, since the employments that ended before the retention
cutoff were left out at the import, and the running year runs only to today. A note, the
figures unchanged."""

import datetime

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD

TODAY = datetime.date(2026, 6, 30)
# Kept ten years (the default): the cutoff is 2016-06-30, so 2016 has lost January–June's
# leavers; 2017 is whole.
FIRST = (
    "2016 is incomplete: employments that ended before 2016-06-30 are not kept (10 years "
    "after they end), so the year counts only those that ended after it."
)
RUNNING = (
    "2026 up to and including 2026-06-30: the year is not over, and is compared with whole years."
)


@pytest.fixture
def today(monkeypatch, settings):
    settings.RETAIN_EMPLOYMENT_YEARS = 10
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return TODAY


def _page(client, name, **params):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse(name), params).content.decode()
    return " ".join(text.split())


def test_history_marks_its_first_year_incomplete(client, staffed, analyst, today):
    client.login(username="analyst", password=PASSWORD)
    page = _page(client, "forecast:history", unit="R")
    assert "<td>2016</td>" in page and "<td>2025</td>" in page  # the table is 2016–2025
    assert page.count('class="help year-note"') == 1
    assert FIRST in page and "2026 up to" not in page


def test_key_figures_mark_the_first_year_and_the_running_year(client, staffed, analyst, today):
    client.login(username="analyst", password=PASSWORD)
    closed = _page(client, "keyfigures:page", unit="R", year=2025)
    assert FIRST in closed and RUNNING not in closed
    running = _page(client, "keyfigures:page", unit="R", year=2026)
    # 2017–2026: every year after the cutoff began; 2026 is the running year.
    assert RUNNING in running and "is incomplete" not in running


def test_the_board_report_marks_the_running_year(staffed, today):
    from django.utils import translation

    from bemanna.keyfigures import board
    from bemanna.org.models import Unit

    with translation.override("en"):
        text = " ".join(board.html(board.build(Unit.objects.get(code="R"), 2026, TODAY)).split())
        assert RUNNING in text
        text = " ".join(board.html(board.build(Unit.objects.get(code="R"), 2025, TODAY)).split())
        assert FIRST in text and RUNNING not in text


def test_the_notes_are_swedish():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("sv", root / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    running = (
        "%(year)s up to and including %(date)s: the year is not over, and is compared with "
        "whole years."
    )
    assert module.SV[running].startswith("%(year)s t.o.m. %(date)s")
    first = (
        "%(years)s is incomplete: employments that ended before %(date)s are not kept "
        "(%(retain)d years after they end), so the year counts only those that ended after it."
    )
    assert all("ofullständig" in text for text in module.PLURALS[first])
