"""A targeted survey's lever table on the region's page: a group's mean of the number asked
(the rate wanted) is over those who answered yes or maybe only, so it is shown as the
group's own only where at least k_text of them named one (the insider's finding: 12
midwives, five willing, "84 %" was five people's mean)."""

import datetime

from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis import surveys
from bemanna.conftest import PASSWORD
from bemanna.org.models import Unit
from bemanna.pulse import services, targeted
from bemanna.pulse.models import Purpose, QuestionRole
from bemanna.pulse.tests.helpers import add_staff

OPENS = datetime.date(2026, 3, 2)
K_TEXT = 10


def _survey():
    region = Unit.objects.create(code="R", name="Region")
    ward = Unit.objects.create(code="W", name="Avdelning", parent=region)
    # (group, [(reply index 0 yes / 1 maybe / 2 no, rate named or None)])
    replies = {
        "Barnmorskor": [(0, 80)] * 3 + [(1, 90)] * 2 + [(2, None)] * 7,
        "Sjuksköterskor": [(0, 85)] * 20 + [(1, 85)] * 10 + [(2, None)] * 30,
        "Undersköterskor": [(0, 70)] * 12 + [(1, 70)] * 8 + [(2, None)] * 10,
    }
    for group, rows in replies.items():
        add_staff(ward, len(rows), rate=50, group=group)
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    pulse.min_answers, pulse.min_answers_text = 5, K_TEXT
    pulse.save()
    wave = services.open_wave(pulse, OPENS)
    willing = pulse.questions.get(role=QuestionRole.WILLING).key
    number = pulse.questions.get(role=QuestionRole.NUMBER).key
    for group, rows in replies.items():
        invitations = wave.invitations.filter(segment=group).order_by("pk")
        for invitation, (reply, rate) in zip(invitations, rows, strict=True):
            items = {willing: reply} | ({number: rate} if rate is not None else {})
            services.submit_answer(invitation.pk, score=8, items=items, comment="", today=OPENS)
    services.close_wave(wave)
    return pulse


def _rates(client, pulse) -> dict[str, str]:
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"})
    soup = BeautifulSoup(page.content, "html.parser")
    rows = soup.select("#survey-levers tbody tr")
    return {
        (row.get("data-group") or "region"): row.select("td")[2].get_text(strip=True)
        for row in rows
    }


def test_a_groups_rate_over_fewer_than_k_text_numbers_is_the_regions(client, analyst):
    pulse = _survey()
    rates = _rates(client, pulse)
    # The region: (3·80 + 2·90 + 30·85 + 20·70) / 55 = 4370 / 55 = 79.45… → "79".
    assert rates["region"] == "79"
    assert rates["Sjuksköterskor"] == "85"
    # Midwives' five numbers (mean 84) are not theirs to show, and the assistant nurses'
    # 20 go along (the region's mean minus the nurses' would give the midwives'), so both
    # show the region's.
    assert rates["Barnmorskor"] == "79" and rates["Undersköterskor"] == "79"


def test_the_mutation_shows_the_five_midwives_mean(client, analyst, monkeypatch):
    """The rule taken away: each group's mean over whoever named a rate."""

    def by_answers_only(by_group, k, within, number_within=None):
        shown = surveys.shown_groups({g: a.n for g, a in by_group.items()}, k, within)
        return shown, shown

    def any_mean(answers, default, k=1):
        return mean(answers, default, 1)

    mean = surveys.number_mean
    monkeypatch.setattr(surveys, "_shown", by_answers_only)
    monkeypatch.setattr(surveys, "number_mean", any_mean)
    rates = _rates(client, _survey())
    assert rates["Barnmorskor"] == "84"  # (3·80 + 2·90) / 5
