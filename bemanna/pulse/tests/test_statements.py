"""Results per statement: means, agreement and distributions at k_text only, the change since
the wave before by direction, the eNPS distribution and the key-driver analysis."""

import datetime

import fastexcel
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.enps import HME_KEYS
from bemanna.conftest import PASSWORD
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Question
from bemanna.pulse.tests.helpers import add_staff, answer

FIRST, SECOND = datetime.date(2026, 1, 12), datetime.date(2026, 4, 13)
KEY = "hme_leadership_1"


def _answer_each(wave, unit, rows, question=None):
    """rows: (eNPS, answer to every HME item, answer to KEY, answer to the question)."""
    for score, everything, own, extra in rows:
        items = dict.fromkeys(HME_KEYS, everything) | {KEY: own}
        if question is not None:
            items[question.key] = extra
        answer(wave, [score], unit=unit, items=items)


@pytest.fixture
def waves(org):
    add_staff(org["A"], 14)
    add_staff(org["B"], 7)
    add_staff(org["C"], 5)
    pulse = Pulse.objects.create(name="Per påstående", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    question = Question.objects.create(pulse=pulse, text="Jag har rimlig arbetsbelastning.")
    first = services.open_wave(pulse, FIRST)
    _answer_each(first, org["A"], [(5, 3, 2, 2)] * 6 + [(8, 3, 1, 3)] * 6, question)
    _answer_each(first, org["B"], [(9, 4, 4, 4)] * 6, question)
    _answer_each(first, org["C"], [(7, 3, 3, 3)] * 4, question)
    services.close_wave(first)
    second = services.open_wave(pulse, SECOND)
    # A's manager statement rises from 1–2 to 4–5; B's stays; C stays under k_text.
    a_rows = [(9, 4, 5, 4)] * 4 + [(10, 4, 4, 5)] * 3 + [(7, 3, 4, 4)] * 3 + [(3, 2, 5, 1)] * 2
    _answer_each(second, org["A"], a_rows, question)
    _answer_each(second, org["B"], [(9, 4, 4, 4)] * 6, question)
    _answer_each(second, org["C"], [(7, 3, 3, 3)] * 4, question)
    services.close_wave(second)
    return pulse, first, second, question, a_rows


def _page(client, pulse, unit, wave=None):
    params = {"unit": unit} | ({"wave": wave.pk} if wave else {})
    response = client.get(reverse("pulse:statements", args=[pulse.pk]), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _row(soup, key):
    row = soup.select_one(f"#statements tr[data-key={key}]")
    return {
        cell["data-figure"]: " ".join(cell.get_text().split())
        for cell in row.select("td[data-figure]")
    }


def test_each_statement_shows_its_mean_agreement_and_distribution(client, analyst, waves):
    pulse, _first, second, question, a_rows = waves
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, pulse, "A", second)
    own = [row[2] for row in a_rows]  # 4×5, 3×4, 3×4, 2×5
    expected_mean = sum((v - 1) * 25 for v in own) / len(own)
    assert expected_mean == 87.5
    found = _row(soup, KEY)
    assert found["n"] == "12"
    assert found["mean"] == "88"  # 87.5, half up
    assert found["agree"] == "100 %"
    assert found["distribution"] == "1: 0 % · 2: 0 % · 3: 0 % · 4: 50 % · 5: 50 %"
    extra = _row(soup, question.key)
    extras = [row[3] for row in a_rows]
    assert extra["mean"] == f"{sum(extras) / 12:.1f}".replace(".", ",")
    agree = sum(1 for v in extras if v >= 4) / 12
    assert extra["agree"] == f"{round(agree * 100)} %"
    assert len(soup.select("#statements tbody tr")) == 10  # nine HME and the extra question


def test_a_significant_rise_is_marked_better_never_as_a_warning(client, analyst, waves):
    pulse, _first, second, _question, _rows = waves
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, pulse, "A", second)
    row = soup.select_one(f"#statements tr[data-key={KEY}]")
    assert row.select_one(".better") is not None and row.select_one(".worse") is None
    assert "bättre" in row.get_text() or "better" in row.get_text()
    # B answered the same both times: no change marked.
    soup = _page(client, pulse, "B", second)
    row = soup.select_one(f"#statements tr[data-key={KEY}]")
    assert row.select_one(".better") is None and row.select_one(".worse") is None


def test_the_change_since_the_wave_before_is_shown_with_its_size(client, analyst, waves):
    pulse, _first, second, question, a_rows = waves
    client.login(username="analyst", password=PASSWORD)
    found = _row(_page(client, pulse, "A", second), KEY)
    # KEY in A: first wave 6×2 and 6×1 (25 and 0 on 0–100), mean 12.5, shown 13; now 87.5,
    # shown 88: the page says +75, the difference of the two figures it shows.
    assert found["change"].startswith("+75 ")
    # The extra question (1–5): first 6×2 and 6×3, 2.5; now 45/12 = 3.75, shown 3,8: +1,3.
    extras = [row[3] for row in a_rows]
    assert sum(extras) == 45
    assert _row(_page(client, pulse, "A", second), question.key)["change"].startswith("+1,3")


def test_a_significant_fall_is_marked_worse(client, analyst, org):
    add_staff(org["A"], 10)
    pulse = Pulse.objects.create(name="Fall", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    first = services.open_wave(pulse, FIRST)
    _answer_each(first, org["A"], [(9, 4, 5, 0)] * 5 + [(9, 4, 4, 0)] * 5)
    services.close_wave(first)
    second = services.open_wave(pulse, SECOND)
    _answer_each(second, org["A"], [(9, 4, 1, 0)] * 5 + [(9, 4, 2, 0)] * 5)
    services.close_wave(second)
    client.login(username="analyst", password=PASSWORD)
    row = _page(client, pulse, "A", second).select_one(f"#statements tr[data-key={KEY}]")
    assert row.select_one(".worse") is not None and row.select_one(".better") is None


def test_nothing_per_statement_below_the_stricter_threshold(client, analyst, waves):
    pulse, _first, second, _question, _rows = waves
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, pulse, "C", second)  # 4 answers: k but not k_text
    assert soup.select("#statements td[data-figure]") == []
    assert soup.select_one("#enps-distribution") is None
    assert soup.select_one("#drivers") is None
    assert "minst 5" in soup.select_one("#drivers-reason").get_text() or "at least 5" in (
        soup.select_one("#drivers-reason").get_text()
    )


def test_the_enps_distribution_is_shown_at_k_text(client, analyst, waves):
    pulse, _first, second, _question, a_rows = waves
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, pulse, "A", second)
    cells = [td.get_text(strip=True) for td in soup.select("#enps-distribution td")]
    scores = [row[0] for row in a_rows]
    assert cells == [f"{round(100 * scores.count(v) / 12)}\xa0%" for v in range(11)]


def test_the_drivers_run_for_the_region_and_say_why_not_for_a_small_unit(client, analyst, org):
    add_staff(org["A"], 40)
    pulse = Pulse.objects.create(name="Drivare", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, FIRST)
    # eNPS follows the manager statement; the other statements vary at random around it.
    for i in range(40):
        own = 1 + i % 5
        other = 1 + (i * 7) % 5
        items = dict.fromkeys(HME_KEYS, other) | {KEY: own}
        items["hme_motivation_2"] = 1 + (i * 3) % 5
        answer(wave, [min(10, 2 * own)], unit=org["A"], items=items)
    services.close_wave(wave)
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, pulse, "R")
    ranked = [row["data-key"] for row in soup.select("#drivers tbody tr")]
    assert ranked[0] == KEY
    assert len(ranked) == 9


def test_a_manager_sees_only_the_own_subtree(client, manager, waves):
    pulse, _first, second, _question, _rows = waves
    client.login(username="manager", password=PASSWORD)
    assert _page(client, pulse, "A", second).select("#statements td[data-figure]")
    page = client.get(reverse("pulse:statements", args=[pulse.pk]), {"unit": "C"})
    assert page.status_code == 403  # the unit exists but is not theirs


def test_the_manager_goes_on_to_the_dialogue_and_the_plan_in_one_click(
    client, manager, analyst, waves
):
    pulse, _first, second, _question, _rows = waves
    client.login(username="manager", password=PASSWORD)
    links = [a["href"] for a in _page(client, pulse, "A", second).select("#to-action a")]
    assert links == [reverse("pulse:dialogue", args=[second.pk, "A"]), reverse("plan:actions")]
    assert client.get(links[0]).status_code == 200
    # The analyst records no dialogue: no button that would end in "forbidden".
    client.login(username="analyst", password=PASSWORD)
    assert _page(client, pulse, "A", second).select_one("#to-action") is None


def test_the_page_requires_login(client, waves):
    pulse = waves[0]
    page = client.get(reverse("pulse:statements", args=[pulse.pk]))
    assert page.status_code == 302 and "/konto/login/" in page["Location"]


def test_the_excel_export_has_the_same_statements(client, analyst, waves):
    pulse, _first, second, _question, _rows = waves
    client.login(username="analyst", password=PASSWORD)
    content = client.get(reverse("pulse:export", args=[pulse.pk])).content
    reader = fastexcel.read_excel(content)
    sheet = next(name for name in reader.sheet_names if "påstående" in name.lower())
    frame = reader.load_sheet(sheet, header_row=3).to_polars()
    rows = frame.filter(
        (frame["Omgång"] == second.opens.isoformat()) & (frame["Enhetskod"] == "A")
    ).to_dicts()
    by_key = {row["Nyckel"]: row for row in rows}
    assert by_key[KEY]["Medel"] == 88 and by_key[KEY]["Svar"] == 12
    # The change as the page shows it: 88 − 13 (12.5 half up) = +75.
    # (The header in Swedish once the messages are compiled, in English until then.)
    change = next(
        k
        for k in by_key[KEY]
        if k in ("Förändring sedan förra omgången", "Change since the wave before")
    )
    assert by_key[KEY][change] == 75
    # C (under k_text) has no row with a figure.
    hidden = frame.filter(frame["Enhetskod"] == "C")
    assert hidden["Medel"].null_count() == hidden.height
