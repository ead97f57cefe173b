"""Comments by theme: counts per theme, a theme and a search narrow the list, pages of 25,
and nothing for a group under the stricter threshold."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.followup.models import CommentTheme
from bemanna.pulse import services
from bemanna.pulse.models import Pulse
from bemanna.pulse.tests.helpers import add_staff, answer

OPENS = datetime.date(2026, 3, 2)
TEXTS = {
    "För få på helgerna, stressigt.": ["Arbetsbelastning", "Bemanning och schema"],
    "Chefen lyssnar och ger återkoppling.": ["Ledarskap"],
    "Bra kollegor.": ["Kollegor och samarbete"],
    "Lönen är för låg.": ["Lön och villkor"],
    "Kaffet är gott.": [],
}


@pytest.fixture
def wave(org):
    add_staff(org["A"], 40)
    add_staff(org["C"], 4)
    add_staff(org["G"], 6)  # so that G, not only the region, covers C's four
    pulse = Pulse.objects.create(name="Kommentarer", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, OPENS)
    for text in TEXTS:
        answer(wave, [8] * 6, unit=org["A"], comment=text)
    answer(wave, [8] * 4, unit=org["C"], comment="Hemligt i C")
    answer(wave, [8] * 6, unit=org["G"], comment="Förvaltningens kommentar")
    services.close_wave(wave)
    return wave


def _page(client, wave, unit, **params):
    response = client.get(
        reverse("followup:comments", args=[wave.pulse_id]),
        {"unit": unit, "wave": wave.pk, **params},
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_default_themes_are_there_for_hr_to_edit(db):
    names = list(CommentTheme.objects.values_list("name", flat=True))
    assert "Arbetsbelastning" in names and len(names) >= 6


def test_it_counts_comments_per_theme(client, analyst, wave):
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, wave, "A")
    counts = {
        li.select_one("a")["data-theme"]: int(li.select_one(".count").get_text())
        for li in soup.select("#theme-counts li")
    }
    expected = {}
    for themes in TEXTS.values():
        for theme in themes or ["Övrigt"]:
            expected[theme] = expected.get(theme, 0) + 6
    assert counts == expected


def test_a_theme_and_a_search_narrow_the_list(client, analyst, wave):
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, wave, "A", theme="Ledarskap")
    texts = {li.contents[0].strip() for li in soup.select("#comments li")}
    assert texts == {"Chefen lyssnar och ger återkoppling."}
    soup = _page(client, wave, "A", q="KOLLEG")
    assert [li.contents[0].strip() for li in soup.select("#comments li")] == ["Bra kollegor."] * 6


def test_comments_come_in_pages(client, analyst, wave):
    client.login(username="analyst", password=PASSWORD)
    first = _page(client, wave, "A", order="text")
    assert len(first.select("#comments li")) == 25
    second = _page(client, wave, "A", order="text", sida=2)
    assert len(second.select("#comments li")) == 5
    # The shared pager (_pager.html): its name, where it is, and the way back with the order.
    pager = second.select_one("nav.pages")
    assert pager["aria-label"] == "Sidor" and "Sida 2 av 2" in pager.get_text(" ", strip=True)
    back = pager.select_one("a[rel=prev]")["href"]
    assert "order=text" in back and back.endswith("sida=1")
    assert back.count("sida=") == 1  # the number replaced, not added beside the old one
    assert pager.select_one("a[rel=next]") is None
    every = [li.contents[0].strip() for li in first.select("#comments li")]
    every += [li.contents[0].strip() for li in second.select("#comments li")]
    assert every == sorted((t for t in TEXTS for _ in range(6)), key=str.casefold)


def test_nothing_under_the_stricter_threshold(client, analyst, wave):
    client.login(username="analyst", password=PASSWORD)
    soup = _page(client, wave, "C")
    assert soup.select_one("#comments") is None and "Hemligt" not in soup.get_text()
    assert soup.select_one("#theme-counts") is None


def test_a_manager_sees_only_the_own_units(client, manager, wave):
    client.login(username="manager", password=PASSWORD)
    assert _page(client, wave, "A").select("#comments li")
    response = client.get(
        reverse("followup:comments", args=[wave.pulse_id]), {"unit": "C", "wave": wave.pk}
    )
    assert response.status_code == 403  # the unit exists but is not theirs
