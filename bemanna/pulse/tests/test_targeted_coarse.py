"""Issue 12 class 1 in the targeted surveys: a lever shown for a group is its willing share
("kanske" counting half) ± one standard error and its exact n, which together give back the
group's ja/kanske/nej split, a distribution. So a group between k and k_text gets no lever
of its own: the attacker scrapes the region's results page and the scenario's citation as
the analyst sees them and enumerates every split the group could have. Written from the
definitions (DOMAIN.md), not with the engine."""

import datetime
import math
import re
from fractions import Fraction

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.forecast.models import Scenario
from bemanna.pulse import services, targeted
from bemanna.pulse.models import Purpose, QuestionRole
from bemanna.pulse.tests.helpers import add_staff

OPENS = datetime.date(2026, 3, 2)
YES, MAYBE, NO = 0, 1, 2  # the willing question's choices, in order
# k = 5 and k_text = 10 (the test settings). The nurses have their own lever; the assistants
# (7) and the doctors (6) are both between k and k_text, and their 13 together pass k_text.
ANSWERS = {
    "Sjuksköterskor": [YES] * 5 + [MAYBE] * 3 + [NO] * 4,
    "Undersköterskor": [YES] * 3 + [MAYBE] * 2 + [NO] * 2,
    "Läkare": [YES] * 1 + [MAYBE] * 3 + [NO] * 2,
}
TARGET, OTHER = "Undersköterskor", "Läkare"


def _survey(org):
    for group, replies in ANSWERS.items():
        add_staff(org["A"], len(replies), rate=50, born=1962, group=group)
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    assert (pulse.min_answers, pulse.min_answers_text) == (5, 10)
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    for group, replies in ANSWERS.items():
        invitations = wave.invitations.filter(segment=group).order_by("pk")
        for invitation, reply in zip(invitations, replies, strict=True):
            services.submit_answer(
                invitation.pk, score=8, items={willing: reply}, comment="", today=OPENS
            )
    services.close_wave(wave)
    return pulse


def _number(text: str) -> Fraction:
    cleaned = text.replace("\u2212", "-").replace("%", "").replace("\xa0", "").strip()
    return Fraction(cleaned.replace(" ", "").replace(",", "."))


def _rows(client, pulse) -> tuple[dict[str, tuple], str]:
    """Every row of the lever table (group → (share %, error %, n)), and the fallback note."""
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"})
    soup = BeautifulSoup(page.content, "html.parser")
    rows = {}
    for row in soup.select("#survey-levers tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        share, error = cells[1].split("±")
        rows[row.get("data-group", "region")] = (
            _number(share),
            _number(error),
            int(_number(cells[-1])),
        )
    fallback = soup.select_one("#survey-fallback")
    return rows, fallback.get_text(" ", strip=True) if fallback else ""


def _fits(split: tuple[int, int, int], shown: tuple) -> bool:
    """Whether a (ja, kanske, nej) split gives the row: the share with a "kanske" counting
    half, its standard error (a "kanske" a quarter of a ja's variance, over n − 1), n."""
    share, error, n = shown
    yes, maybe, no = split
    if yes + maybe + no != n:
        return False
    value = Fraction(2 * yes + maybe, 2 * n)
    variance = max(Fraction(4 * yes + maybe, 4 * n) - value**2, Fraction(0)) / max(n - 1, 1)
    return abs(100 * value - share) <= Fraction(1, 2) and (
        abs(100 * math.sqrt(variance) - float(error)) <= 0.5 + 1e-9
    )


def _all_splits(n: int) -> list[tuple[int, int, int]]:
    return [(y, m, n - y - m) for y in range(n + 1) for m in range(n + 1 - y)]


def _add(*splits):
    return tuple(sum(parts) for parts in zip(*splits, strict=True))


def _target_splits(rows: dict[str, tuple]) -> set[tuple[int, int, int]]:
    """Every split of the target group consistent with every row shown, for an attacker who
    even knows the target's and the other hidden group's n (from the invitations, say)."""
    n_target, n_other = len(ANSWERS[TARGET]), len(ANSWERS[OTHER])
    if TARGET in rows:
        return {s for s in _all_splits(n_target) if _fits(s, rows[TARGET])}
    shown = [g for g in rows if g != "region"]
    # The shown groups' possible splits, combined.
    combined = {(0, 0, 0)}
    for group in shown:
        own = [s for s in _all_splits(rows[group][2]) if _fits(s, rows[group])]
        combined = {_add(c, s) for c in combined for s in own}
    others = [] if OTHER in rows else _all_splits(n_other)
    found = set()
    for target in _all_splits(n_target):
        for known in combined:
            for other in others or [(0, 0, 0)]:
                if _fits(_add(known, target, other), rows["region"]):
                    found.add(target)
                    break
            else:
                continue
            break
    return found


@pytest.fixture
def coarse(org, analyst, client):
    pulse = _survey(org)
    client.login(username="analyst", password=PASSWORD)
    return pulse


def test_a_group_between_k_and_k_text_has_no_lever_and_its_split_stays_open(client, coarse):
    rows, fallback = _rows(client, coarse)
    splits = _target_splits(rows)
    assert (3, 2, 2) in splits and len(splits) > 1
    assert set(rows) == {"region", "Sjuksköterskor"}
    assert rows["region"][2] == 25 and rows["Sjuksköterskor"][2] == 12
    assert TARGET in fallback and OTHER in fallback
    # The scenario's citation names the groups and the region's n only.
    scenario = Scenario.objects.create(
        name="Test", base_date=datetime.date(2025, 12, 31), draws=50, horizon=2028
    )
    url = reverse("forecast:scenario", args=[scenario.pk])
    page = client.post(f"{url}?unit=R", {"use_surveys": "1"}, follow=True).content.decode()
    report = client.get(reverse("forecast:export", args=[scenario.pk, "html"]), {"unit": "R"})
    cells = re.findall(r"<td[^>]*>(.*?)</td>", report.content.decode(), re.S)
    in_report = next(cell for cell in cells if "stängd" in cell)  # the report's citation line
    for citation in (page.split('id="survey-sources"')[1].split("</ul>")[0], in_report):
        assert TARGET in citation and OTHER in citation
        # Nothing but the survey's name (… 2026), its closing date and the region's n.
        assert re.findall(r"\d+", re.sub(r"\d{4}-\d{2}-\d{2}|2026", "", citation)) == ["25"]
    scenario.refresh_from_db()
    assert set(scenario.get_levers().part_time_by_group) == {"Sjuksköterskor"}


def test_with_the_groups_at_k_the_attacker_pins_the_split_down(client, coarse, monkeypatch):
    """The mutation check: a group's own lever from k answers (the rule as it was)."""
    monkeypatch.setattr(targeted, "distribution_threshold", lambda wave: wave.k)
    rows, _fallback = _rows(client, coarse)
    assert set(rows) == {"region", "Sjuksköterskor", TARGET, OTHER}
    assert _target_splits(rows) == {(3, 2, 2)}


def test_a_survey_with_fewer_than_k_text_answers_sets_no_lever(client, org, analyst):
    add_staff(org["A"], 9, rate=50)
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    for index, invitation in enumerate(wave.invitations.order_by("pk")[:9]):
        services.submit_answer(
            invitation.pk, score=8, items={willing: index % 3}, comment="", today=OPENS
        )
    services.close_wave(wave)
    assert targeted.levers(wave) is None
    client.login(username="analyst", password=PASSWORD)
    rows, _fallback = _rows(client, pulse)
    assert rows == {}


def test_the_retirement_bands_follow_the_same_rule(client, org, analyst, monkeypatch):
    for born, count in ((1962, 12), (1959, 7)):  # 62–64 and 65+ in 2026
        add_staff(org["A"], count, rate=100, born=born, group="Sjuksköterskor")
    pulse = targeted.create_from_template(Purpose.RETIREMENT, opens=OPENS)
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    for index, invitation in enumerate(wave.invitations.order_by("pk")):
        services.submit_answer(
            invitation.pk, score=8, items={willing: index % 3}, comment="", today=OPENS
        )
    services.close_wave(wave)
    client.login(username="analyst", password=PASSWORD)
    rows, fallback = _rows(client, pulse)
    assert set(rows) == {"region"} and rows["region"][2] == 19 and "65+" in fallback
    found = targeted.levers(wave)
    # 65+ (7) is between k and k_text; alone hidden it would be the region minus 62–64.
    assert found.groups == {} and found.fallback == ["62–64", "65+"]
    monkeypatch.setattr(targeted, "distribution_threshold", lambda wave: wave.k)
    assert sorted(targeted.levers(wave).groups) == ["62–64", "65+"]
