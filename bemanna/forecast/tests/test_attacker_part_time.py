"""The part-time lever swept as an oracle (an insider's twenty-sixth round).

The lever raised each (group, one year of age) cell of the unit's own staff by its
part-timers' share × max(0, target − their mean rate). Swept in small steps, the unit's
supply in the base year (the same in every draw) bent at each cell's rate: a manager read
the rate of the one part-timer of a cell, 1 143 people on Region Demo. Now the lever works
over the page's pools (each group it shows on its own, the rest together) at the region's
rates (`model.pooled_part_time`): the attacker sweeps the target on ward A, which shows its
total only, and finds one bend, at the region's part-timers' mean rate, worked out here from
the staff list by hand. Over the unit's cells (the mutation) it finds A's own rates.
"""

import datetime

import pytest

from bemanna.analysis.forecast import Levers
from bemanna.analysis.forecast import model as engine
from bemanna.forecast import services
from bemanna.forecast.models import Scenario
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames

TODAY = datetime.date(2026, 6, 1)
TREE = {"R": None, "A": "R", "B": "R"}
# (unit, group, born, rate, people)
STAFF = [
    ("A", "Sjuksköterskor", 1980, 100, 6),
    ("A", "Sjuksköterskor", 1985, 75, 1),  # A's one part-timer of that age: 75 %
    ("A", "Läkare", 1970, 60, 1),  # and its one doctor: 60 %
    ("B", "Sjuksköterskor", 1980, 100, 10),
    ("B", "Sjuksköterskor", 1975, 80, 4),
    ("B", "Läkare", 1965, 50, 3),
    ("B", "Läkare", 1975, 100, 5),
]
GRID = [50.5 + i for i in range(50)]  # 50,5 … 99,5: no bend falls on a point


@pytest.fixture
def region(db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = make_tree(TREE)
    for code, group, born, rate, n in STAFF:
        add_staff(units[code], n, group=group, born=born, rate=rate)
    services.forget_in_process()
    return Scenario.objects.create(
        name="Nuläge", base_date=datetime.date(2025, 12, 31), draws=20, levers={}
    )


def _bends(scenario, unit) -> list[int]:
    """The grid points next to a bend of the base year's supply as the target moves."""
    supply = []
    for target in GRID:
        levers = Levers(part_time_share=1.0, part_time_target=target)
        result = services.run_forecast(scenario, unit, levers=levers)
        year = result.forecast.measure("supply_fte").filter(
            result.forecast.measure("supply_fte")["year"] == 2025
        )
        supply.append(float(year["mean"][0]))
    second = [supply[i + 1] - 2 * supply[i] + supply[i - 1] for i in range(1, len(GRID) - 1)]
    return [i + 1 for i, d in enumerate(second) if abs(d) > 1e-9]


def _near(rates) -> list[int]:
    return sorted({i for i, t in enumerate(GRID) for r in rates if abs(t - r) < 1 and 0 < i < 49})


@pytest.mark.parametrize("pooled", [True, False])
def test_sweeping_the_part_time_target_gives_no_ones_rate(region, monkeypatch, pooled):
    from bemanna.org.models import Unit

    if not pooled:
        monkeypatch.setattr(services, "pooled_part_time", lambda base, *args: base)
    ward = Unit.objects.get(code="A")
    assert services.shown(region.base_date).groups_of(ward.pk) == frozenset()
    if pooled:
        # By hand: A shows no group on its own, so all its staff are one pool; the
        # region's part-timers are A's two and B's seven: (75 + 60 + 4 × 80 + 3 × 50) / 9.
        part = [(rate, n) for _u, _g, _b, rate, n in STAFF if rate < 100]
        mean = sum(rate * n for rate, n in part) / sum(n for _r, n in part)
        assert mean == pytest.approx(605 / 9)
        assert _bends(region, ward) == _near([mean])
    else:
        assert _bends(region, ward) == _near([60, 75])


def test_a_pool_of_fewer_than_k_part_timers_takes_the_regions(region):
    from bemanna.org.models import Unit

    base = services.prepare(region, Unit.objects.get(code="A"))
    pooled = engine.pooled_part_time(base.base, {"Läkare": (9, 4, 230.0)}, {"Läkare"}, 5)
    doctors = base.base.groups.index("Läkare")
    # Four part-timers among the doctors: under k, so the whole region's (here the same
    # four, the only group given): none to raise.
    assert pooled.part_time_share[doctors].max() == 0.0
