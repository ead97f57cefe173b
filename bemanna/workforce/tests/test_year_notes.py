"""Historik, the key figures and the board report say what their years cover (issue 18):
a year begun before the retention cutoff is incomplete, since the employments that ended
before it were left out at the import, and the running year runs only to its last final
month. A note, the figures unchanged."""

import datetime
import html

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD

TODAY = datetime.date(2026, 6, 30)
# Kept ten years (the default): the ten last closed years, 2016–2025, are whole (the cutoff
# is 2015-11-30), so 2015 has lost the leavers of January to November; on 30 June April is
# the last final month.
FIRST = (
    "2015 is incomplete: employments that ended before 2015-11-30 are not kept (the 10 last "
    "closed years are kept whole), so the year counts only those that ended after it."
)
RUNNING = (
    "2026 up to and including 2026-04-30: a month's figures are final 32 days after it "
    "ends, and the year is not over, so it is compared with whole years."
)


@pytest.fixture
def today(monkeypatch, settings):
    settings.RETAIN_EMPLOYMENT_YEARS = 10
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return TODAY


def _page(client, name, **params):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse(name), params).content.decode()
    return html.unescape(" ".join(text.split()))


def test_historiks_ten_years_are_whole(client, staffed, analyst, today):
    client.login(username="analyst", password=PASSWORD)
    page = _page(client, "forecast:history", unit="R")
    assert "<td>2016</td>" in page and "<td>2025</td>" in page  # the table is 2016–2025
    assert page.count('class="help year-note"') == 0
    assert "is incomplete" not in page and "2026 up to" not in page


def _years_offered(page: str) -> list[str]:
    from bs4 import BeautifulSoup

    select = BeautifulSoup(page, "html.parser").select_one('select[name="year"]')
    return [option["value"] for option in select.select("option")]


def test_key_figures_show_no_year_before_the_ten_kept_whole(client, staffed, analyst, today):
    client.login(username="analyst", password=PASSWORD)
    # 2016–2024: 2015 lost its leavers to retention, and would change again on 1 February.
    closed = _page(client, "keyfigures:page", unit="R", year=2024)
    assert "is incomplete" not in closed and RUNNING not in closed
    assert _years_offered(closed) == [str(year) for year in range(2016, 2027)]
    older = _page(client, "keyfigures:page", unit="R", year=2015)  # asked for: the oldest kept
    assert '<option value="2016" selected>' in older
    running = _page(client, "keyfigures:page", unit="R", year=2026)
    # 2017–2026: 2026 is the running year.
    assert RUNNING in running and "is incomplete" not in running


def test_a_year_before_the_cutoff_is_marked_incomplete(today):
    # Where a table still shows one (the notes are for any years a page shows).
    from django.utils import translation

    from bemanna.workforce import retention

    with translation.override("en"):
        assert retention.year_notes([2015, 2016], TODAY) == [FIRST]


def test_the_board_report_marks_the_running_year(staffed, today):
    from django.utils import translation

    from bemanna.keyfigures import board
    from bemanna.org.models import Unit
    from bemanna.tests.xlsx import Workbook

    with translation.override("en"):
        report = board.build(Unit.objects.get(code="R"), 2026, TODAY)
        text = html.unescape(" ".join(board.html(report).split()))
        assert RUNNING in text
        # The workbook says it too, on the key figures' sheet.
        book = Workbook(board.xlsx(report))
        cells = [cell for row in book.rows("Key figures") for cell in row if cell]
        assert RUNNING in cells
        text = html.unescape(
            " ".join(board.html(board.build(Unit.objects.get(code="R"), 2024, TODAY)).split())
        )
        assert RUNNING not in text and "is incomplete" not in text


def test_the_notes_are_swedish():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("sv", root / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    running = (
        "%(year)s up to and including %(date)s: a month's figures are final 32 days after "
        "it ends, and the year is not over, so it is compared with whole years."
    )
    assert module.SV[running].startswith("%(year)s t.o.m. %(date)s")
    first = (
        "%(years)s is incomplete: employments that ended before %(date)s are not kept "
        "(the %(retain)d last closed years are kept whole), so the year counts only those "
        "that ended after it."
    )
    assert all("ofullständig" in text for text in module.PLURALS[first])
