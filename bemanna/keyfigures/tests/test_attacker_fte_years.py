"""The key figures' FTE year beside year (an insider's review of the years side by side,
issue 12): *Nyckeltal* showed each unit's FTE on 31 December of every year, decided year by
year on its own, so where *Historik* hid a unit's FTE because one person left, the key
figures of that year and the year before gave the leaver's rate (51 people on Region Demo);
and the running year's FTE, counted on today's date, moved with each hire and leaver
(690 people's rates over 2026).

The key figures now show *Historik*'s FTE by *Historik*'s decision (`shown_past.fte`), and
none for the running year. Ward b's nurse left on 30 June 2024 at 100 %: b's and the
region's FTE are shown up to 2023 only; ward a, where no one came or went, every year.
"""

import datetime

import pytest

from bemanna.analysis.forecast import over_time
from bemanna.keyfigures import services
from bemanna.org.models import Unit
from bemanna.pulse.tests.helpers import staffed_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
TREE = {"R": None, "a": "R", "b": "R"}
STAFF = {"a": {"Sjuksköterskor": 6}, "b": {"Sjuksköterskor": 7}}  # since 2015, at 100 %


@pytest.fixture
def region(db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    units = staffed_tree(TREE, STAFF)
    leaver = Employment.objects.filter(unit=units["b"]).order_by("pk").first()
    leaver.end = datetime.date(2024, 6, 30)
    leaver.end_reason = "own_request"
    leaver.save()
    frames.forget()
    return units


def fte(code: str, year: int) -> float | None:
    return services.KeyFigures(year, TODAY).staff(Unit.objects.get(code=code))["fte"]


def test_a_leavers_rate_is_not_the_difference_of_two_years(region):
    # By hand: a 6 every year; b 7 until 2023, then 6; the region 13, then 12.
    assert [fte("a", y) for y in (2023, 2024, 2025)] == [6.0, 6.0, 6.0]
    assert [fte("b", y) for y in (2023, 2024, 2025)] == [7.0, None, None]
    assert [fte("R", y) for y in (2023, 2024, 2025)] == [13.0, None, None]
    # The running year shows none: from one day to the next it moves by who came or went.
    assert fte("a", 2026) is None


def test_with_each_year_on_its_own_the_difference_is_her_rate(region, monkeypatch):
    monkeypatch.setattr(
        over_time, "over_time", lambda releases, figures, fixed=None: [r.shown for r in releases]
    )
    assert fte("b", 2023) - fte("b", 2024) == pytest.approx(1.0)
