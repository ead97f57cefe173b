"""A lever set for one profession group, previewed on a unit that does not show the group on
its own (an insider review): the unit's total moved with it, and the difference with and
without a group's productivity, D × index(t) × (1 − 0,95^t), gave the hidden group's demand
to seven decimals; the charts' SVG carried the figures to the float's last digit.

The attacker previews every such lever on the region's page (which shows the nurses on their
own, the rest merged) and on a clinic's (which shows its total alone), and compares. Only a
lever for a group the page shows still moves anything, and no chart label carries more
decimals than the page.
"""

import copy
import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.forecast import services
from bemanna.forecast.models import Scenario
from bemanna.forecast.tests.test_attacker_forecast import LONE, STAFF, TODAY, TREE
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames

ENGLISH = (
    "Levers set for a profession group that this unit does not show on its own are not "
    "applied here."
)


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = make_tree(TREE)
    for code, groups in STAFF.items():
        for group, n in groups.items():
            born = LONE[2] if (code, group) == LONE[:2] else 1980
            add_staff(units[code], n, group=group, born=born)
    scenario = Scenario.objects.create(
        name="Nuläge", base_date=datetime.date(2025, 12, 31), draws=200, levers={}
    )
    assert client.login(username="analyst", password=PASSWORD)
    return scenario


def not_applied():
    with translation.override("sv"):
        return translation.gettext(ENGLISH)


def preview(client, scenario, unit, **levers):
    response = client.post(
        reverse("forecast:preview", args=[scenario.pk]), {"unit": unit, **levers}
    )
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def figures(soup):
    """Everything the preview shows but its notes: figures, tables and charts."""
    soup = copy.copy(soup)
    for notes in soup.select("#forecast-notes"):
        notes.decompose()
    return str(soup)


HIDDEN = {
    "productivity of the doctors": {
        "productivity_group": "Läkare",
        "productivity_group_value": "3",
    },
    "tasks from the nurses to the doctors": {
        "shift_from": "Sjuksköterskor",
        "shift_to": "Läkare",
        "shift_share": "5",
    },
    "graduates into the managers": {"education_group": "Chefer", "education_students": "40"},
}


@pytest.mark.parametrize("lever", HIDDEN, ids=list(HIDDEN))
def test_a_lever_for_a_hidden_group_changes_nothing_shown(client, region, lever):
    shown = services.shown(region.base_date)
    # The region shows the nurses on their own, HS only its total (test_attacker_forecast).
    assert shown.groups_of(shown_unit("R")) == {"Sjuksköterskor"}
    assert shown.groups_of(shown_unit("HS")) == frozenset()
    for unit in ("R", "HS"):
        plain = preview(client, region, unit)
        levered = preview(client, region, unit, **HIDDEN[lever])
        assert figures(levered) == figures(plain), unit
        assert not_applied() in levered.get_text(" ")
        assert not_applied() not in plain.get_text(" ")


def test_a_lever_for_a_shown_group_still_moves_its_figures(client, region):
    nurses = {"productivity_group": "Sjuksköterskor", "productivity_group_value": "3"}
    plain = figures(preview(client, region, "R"))
    levered = preview(client, region, "R", **nurses)
    assert figures(levered) != plain
    assert not_applied() not in levered.get_text(" ")
    # On HS, which shows no group on its own, the same lever is left out.
    assert figures(preview(client, region, "HS", **nurses)) == figures(
        preview(client, region, "HS")
    )


def test_no_chart_label_carries_more_decimals_than_the_page(client, region):
    soup = preview(client, region, "R", productivity="1,3", retirement_shift="0,7")
    svgs = soup.select("svg")
    assert svgs
    texts = [
        value
        for svg in svgs
        for tag in svg.find_all(True)
        for value in [tag.get("aria-label") or "", tag.string or ""]
    ]
    long = [t for t in texts if re.search(r"\d[,.]\d{2,}", t)]
    assert long == []


def shown_unit(code):
    from bemanna.org.models import Unit

    return Unit.objects.get(code=code).pk
