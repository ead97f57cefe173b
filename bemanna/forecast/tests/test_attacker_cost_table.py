"""HR's cost table as a lever for one profession group (an insider's twenty-sixth round).

The kronor of a unit's forecast were its gap valued group by group, the merged groups at
their own prices. An analyst who saved a hidden group's row at 20 000 and at 300 000 kr a
month read, from the unit's "cost of the gap" per year, that group's gap at the unit, and
so one doctor's rate (0,9000 against his 90 %) and, from its path, his birth year; a
difference of exactly 0 said the unit had none of the group. All 255 hidden cells of 1..4
people on Region Demo were open this way.

Now the groups a page does not show on their own are valued as one, at the table's row for
every other group (`cost.on_page`). The attacker saves the doctors' row (hidden on both
pages) at two prices: nothing shown changes. Priced group by group (the mutation), the
kronor move. A row for a group the page shows still moves its kronor.
"""

import pytest

from bemanna.analysis.forecast import cost as kronor
from bemanna.forecast import services
from bemanna.forecast.models import GroupCost
from bemanna.forecast.tests.test_attacker_levers import figures, preview, region, shown_unit

__all__ = ["region"]


def _price(group: str, monthly: int) -> None:
    GroupCost.objects.update_or_create(
        group=group,
        defaults={
            "monthly_salary": monthly,
            "social_fees": "52.28",
            "hired_factor": "1.50",
            "source": "insider",
        },
    )
    services.forget_in_process()


def _kronor(soup) -> str:
    tables = soup.select("#cost-years, #cost-prices")
    assert tables, "the preview shows no kronor"
    return "".join(str(t) for t in tables)


@pytest.mark.parametrize("rule", [True, False])
def test_a_hidden_groups_price_changes_nothing_shown(client, region, monkeypatch, rule):
    if not rule:
        monkeypatch.setattr(kronor, "on_page", lambda prices, *args: prices)
        monkeypatch.setattr(kronor, "merged", lambda values, *args: values)
    shown = services.shown(region.base_date)
    assert "Läkare" not in shown.groups_of(shown_unit("R"))
    assert shown.groups_of(shown_unit("HS")) == frozenset()
    for unit in ("R", "HS"):
        _price("Läkare", 20_000)
        cheap = preview(client, region, unit)
        _price("Läkare", 300_000)
        dear = preview(client, region, unit)
        if rule:
            assert figures(dear) == figures(cheap), unit
        else:
            assert _kronor(dear) != _kronor(cheap), unit


def test_a_shown_groups_price_still_moves_its_kronor(client, region):
    _price("Sjuksköterskor", 30_000)
    cheap = _kronor(preview(client, region, "R"))
    _price("Sjuksköterskor", 60_000)
    page = preview(client, region, "R")
    assert _kronor(page) != cheap
    # The prices: the nurses' own, and the rest's at the table's row for every other group.
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all(["th", "td"])]
        for tr in page.select("#cost-prices tbody tr")
    ]
    assert [r[0] for r in rows] == ["Sjuksköterskor", "Övriga yrkesgrupper"]
    other = GroupCost.objects.get(group="")
    assert rows[1][1].replace("\xa0", " ").replace(" ", "") == str(round(other.per_fte_year()))
