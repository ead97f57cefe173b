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
from bemanna.pulse.tests.helpers import staffed_tree
from bemanna.workforce import frames

ENGLISH = (
    "Levers set for a profession group that this unit does not show on its own are not "
    "applied here."
)


@pytest.fixture
def region(db, analyst, client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    staffed_tree(TREE, STAFF, born={LONE[:2]: LONE[2]})
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


def with_projection(scenario, **fields):
    """The scenario with Region Demo's county projection (so that what demand follows
    counts) and `fields` set."""
    from bemanna.analysis.forecast.population import demo_projection
    from bemanna.forecast.models import PopulationFigure, PopulationProjection

    projection, made = PopulationProjection.objects.get_or_create(name="Län")
    if made:
        PopulationFigure.objects.bulk_create(
            PopulationFigure(projection=projection, year=y, age_group=g, population=n)
            for y, g, n in demo_projection(2020, 2045).iter_rows()
        )
    scenario.projection = projection
    for name, value in fields.items():
        setattr(scenario, name, value)
    scenario.save()
    services.clear_caches()
    return scenario


def test_an_input_for_a_hidden_group_changes_nothing_shown(client, region):
    """A group's sick leave (with the lever that lowers it) and what its demand follows,
    set for the doctors, whom neither page shows on its own; the nurses' own inputs still
    move the region's figures."""
    with_projection(region, levers={"sick_leave_pp": 2.0})
    plain = {unit: figures(preview(client, region, unit)) for unit in ("R", "HS")}
    doctors = {"sick_leave": {"Läkare": 30.0}, "weights": {"Läkare": "psykiatri"}}
    with_projection(region, inputs=doctors)
    for unit in ("R", "HS"):
        assert figures(preview(client, region, unit)) == plain[unit], unit
    nurses = {"sick_leave": {"Sjuksköterskor": 30.0}, "weights": {"Sjuksköterskor": "psykiatri"}}
    with_projection(region, inputs=nurses)
    assert figures(preview(client, region, "R")) != plain["R"]
    assert figures(preview(client, region, "HS")) == plain["HS"]


def test_hidden_groups_hired_staff_come_by_the_share_of_them_together(region):
    """HS shows no group on its own: the region's hired doctors come to it by its share of
    the FTE of every group together (8 + 6 + 9 + 2 of 49, all at 100 %), not by its share of
    the doctors (8 of 13), which the difference with and without would give away."""
    from bemanna.org.models import Unit

    region.inputs = {"vacancies": {"Läkare": 13.0}, "hired_fte": {"Chefer": 4.9}}
    region.save()
    services.clear_caches()
    base = services.prepare(region, Unit.objects.get(code="HS")).base
    assert base.vacancies[base.groups.index("Läkare")] == pytest.approx(13.0 * 25 / 49)
    assert "Chefer" not in base.groups  # HS has none: the region's 4,9 go elsewhere
    whole = services.prepare(region, Unit.objects.get(code="R")).base
    assert whole.vacancies[whole.groups.index("Läkare")] == pytest.approx(13.0)
    assert whole.hired_fte[whole.groups.index("Chefer")] == pytest.approx(4.9)
