"""The forecast in kronor against plain-Python computations on small hand-made cases."""

import datetime

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import kpi
from bemanna.analysis.forecast import cost

d = datetime.date


def percentile(values, q):
    """numpy's default ('linear') percentile, written out: position q·(n−1) in sorted order."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# Two groups, ten draws, base year and one year after: the gap in FTE per draw, made so that
# the groups' shortages fall in different draws (their P90s do not come together).
GAP_A = [0, 0, 0, 0, 0, 0, 0, 0, 10, 0]
GAP_B = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10]
PRICE = {"A": 700_000.0, "B": 500_000.0}


def two_groups():
    gap = np.zeros((10, 2, 2))
    gap[:, 0, 1] = GAP_A
    gap[:, 1, 1] = GAP_B
    return gap


def test_the_gaps_cost_is_the_percentile_of_the_sum_not_the_sum_of_percentiles():
    table = cost.gap_cost(two_groups(), np.array([PRICE["A"], PRICE["B"]]), 2025)
    per_draw = [a * PRICE["A"] + b * PRICE["B"] for a, b in zip(GAP_A, GAP_B, strict=True)]
    year = table.filter(pl.col("year") == 2026).row(0, named=True)
    assert year["p90"] == pytest.approx(percentile(per_draw, 0.9))
    assert year["p50"] == pytest.approx(percentile(per_draw, 0.5))
    assert year["p10"] == pytest.approx(percentile(per_draw, 0.1))
    assert year["mean"] == pytest.approx(sum(per_draw) / 10)
    # The sum of the groups' P90s is a different (wrong) figure.
    summed = percentile(GAP_A, 0.9) * PRICE["A"] + percentile(GAP_B, 0.9) * PRICE["B"]
    assert summed != pytest.approx(year["p90"])
    assert table.filter(pl.col("year") == 2025)["p90"].to_list() == [0.0]


def test_filling_the_gap_with_hired_staff_values_only_the_groups_short_of_staff():
    gap = two_groups()
    gap[:, 1, 1] = [-5, -5, -5, -5, -5, 5, 5, 5, 5, 5]  # B: surplus in half the draws
    hired = np.array([1_000_000.0, 900_000.0])
    table = cost.hired_cost(gap, hired, 2025).filter(pl.col("year") == 2026).row(0, named=True)
    per_draw = [
        max(a, 0) * 1_000_000 + max(b, 0) * 900_000
        for a, b in zip(GAP_A, gap[:, 1, 1].tolist(), strict=True)
    ]
    assert table["p50"] == pytest.approx(percentile(per_draw, 0.5))
    assert table["p90"] == pytest.approx(percentile(per_draw, 0.9))
    assert table["mean"] == pytest.approx(sum(per_draw) / 10)


def staff_and_costs():
    """Unit 1 with A (two people, 100 % and 50 %) and B (one at 100 %), B from July on; unit
    2 has staff but no costs, so neither its cost nor its FTE may count."""
    staff = pl.DataFrame(
        {
            "unit_id": [1, 1, 1, 2],
            "person": [1, 2, 3, 4],
            "group": ["A", "A", "B", "A"],
            "birth_year": [1970] * 4,
            "form": ["permanent"] * 4,
            "rate": [100.0, 50.0, 100.0, 100.0],
            "start": [d(2020, 1, 1), d(2020, 1, 1), d(2025, 7, 1), d(2020, 1, 1)],
            "end": [None, None, None, None],
        },
        schema_overrides={"end": pl.Date},
    )
    months = [d(2025, m, 1) for m in range(1, 13)]
    costs = pl.DataFrame(
        {
            "unit": [1] * 24 + [1],
            "month": months + months + [d(2024, 12, 1)],  # December 2024 is outside the year
            "profession_group": [""] * 12 + ["B"] * 12 + [""],
            "own_cost": [100_000.0] * 12 + [0.0] * 12 + [999_999.0],
            "hired_cost": [0.0] * 12 + [30_000.0] * 12 + [0.0],
        }
    )
    return staff, costs


def test_prices_divide_the_years_cost_by_the_average_fte_of_the_same_units_and_months():
    staff, costs = staff_and_costs()
    table = {cost.OTHER: cost.TableCost(500_000.0, 1.8)}
    p = cost.prices(costs, staff, ("A", "B"), d(2025, 12, 31), hired_fte={"B": 0.5}, table=table)
    assert p is not None
    # FTE by hand: A 1.5 all year; B 1.0 for six months → 0.5 on average. Own cost is not
    # split by group: both get 1 200 000 kr / 2.0 FTE (the imported average beats the
    # table's row for every other group).
    assert p.own.tolist() == pytest.approx([600_000.0, 600_000.0])
    assert p.own_source == (cost.Source.AVERAGE, cost.Source.AVERAGE)
    # B's hired staff: 360 000 kr a year for 0.5 FTE; A has no imported price: the table's
    # factor for every other group.
    assert p.hired.tolist() == pytest.approx([1.8 * 600_000.0, 720_000.0])
    assert p.hired_source == (cost.Source.TABLE_OTHER, cost.Source.IMPORTED)
    assert p.factor == (1.8, None)
    assert (p.first, p.last) == (d(2025, 1, 1), d(2025, 12, 1))


def _b_named():
    """`staff_and_costs` with 20 000 kr of own cost a month on B's rows of its own."""
    staff, costs = staff_and_costs()
    named = pl.when(pl.col("profession_group") == "B").then(pl.lit(20_000.0))
    return staff, costs.with_columns(named.otherwise(pl.col("own_cost")).alias("own_cost"))


def test_a_group_with_own_cost_rows_gets_its_own_price():
    staff, costs = _b_named()
    p = cost.prices(costs, staff, ("A", "B"), d(2025, 12, 31), table=OTHER_ONLY)
    assert p is not None
    assert p.own_source == (cost.Source.AVERAGE, cost.Source.GROUP_COSTS)
    assert p.own[1] == pytest.approx(240_000.0 / 0.5)
    assert p.own[0] == pytest.approx((1_200_000.0 + 240_000.0) / 2.0)  # the region's average


def test_no_costs_and_no_table_no_prices():
    staff, costs = staff_and_costs()
    assert cost.prices(costs.head(0), staff, ("A",), d(2025, 12, 31)) is None
    assert cost.prices(costs, staff, ("A",), d(2023, 12, 31)) is None  # none before the date
    # Imported own costs but no table: no hired price for A, so no prices at all.
    assert cost.prices(costs, staff, ("A",), d(2025, 12, 31)) is None


OTHER_ONLY = {cost.OTHER: cost.TableCost(500_000.0, 1.5)}


def test_without_imported_costs_the_table_prices_every_group():
    staff, costs = staff_and_costs()
    # By hand: a group's row is 12 × 40 000 × 1.5228 kr; others take every other group's row.
    nurses = 12 * 40_000 * (1 + 52.28 / 100)
    table = {"B": cost.TableCost(nurses, 2.0), cost.OTHER: cost.TableCost(450_000.0, 1.25)}
    p = cost.prices(costs.head(0), staff, ("A", "B"), d(2025, 12, 31), table=table)
    assert p is not None
    assert p.own.tolist() == pytest.approx([450_000.0, 730_944.0])
    assert p.hired.tolist() == pytest.approx([562_500.0, 1_461_888.0])
    assert p.own_source == (cost.Source.TABLE_OTHER, cost.Source.TABLE)
    assert p.hired_source == (cost.Source.TABLE_OTHER, cost.Source.TABLE)
    assert (p.first, p.last) == (None, None)


def test_a_group_row_in_the_table_beats_the_imported_average_but_not_own_rows():
    staff, costs = staff_and_costs()
    table = {"A": cost.TableCost(700_000.0, 1.1), "B": cost.TableCost(1.0, 1.0), **OTHER_ONLY}
    costs = costs.with_columns(
        pl.when(pl.col("profession_group") == "B")
        .then(pl.lit(20_000.0))
        .otherwise(pl.col("own_cost"))
        .alias("own_cost")
    )
    p = cost.prices(costs, staff, ("A", "B"), d(2025, 12, 31), table=table)
    assert p is not None
    assert p.own.tolist() == pytest.approx([700_000.0, 240_000.0 / 0.5])
    assert p.own_source == (cost.Source.TABLE, cost.Source.GROUP_COSTS)
    assert p.hired.tolist() == pytest.approx([770_000.0, 480_000.0])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-50, 50), min_size=6, max_size=6),
    st.floats(1_000, 2_000_000),
)
def test_one_price_for_all_groups_scales_the_total_gaps_percentiles(values, price):
    gap = np.array(values).reshape(3, 2, 1)
    table = cost.gap_cost(gap, np.array([price, price]), 2025).row(0, named=True)
    totals = [a + b for a, b in gap[:, :, 0].tolist()]
    for name, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
        assert table[name] == pytest.approx(price * percentile(totals, q), abs=1e-3)


@pytest.mark.parametrize("k", [1, 2])
def test_a_group_under_the_threshold_is_not_priced_from_its_own_costs(k):
    """B is one person: its own-staff cost per FTE is her pay (an insider's thirteenth round
    read it off the forecast's price table). Under a threshold of two it gets the region's
    average, as a group without its own rows does; a threshold of one (the mutation) gives
    her pay back."""
    staff, costs = _b_named()
    p = cost.prices(costs, staff, ("A", "B"), d(2025, 12, 31), table=OTHER_ONLY, min_people=k)
    assert p is not None
    average = (1_200_000.0 + 240_000.0) / 2.0  # by hand: the year's own costs / 2.0 FTE
    if k == 1:
        assert p.own[1] == pytest.approx(240_000.0 / 0.5)  # her six months, a year's worth
    else:
        assert p.own_source == (cost.Source.AVERAGE, cost.Source.AVERAGE)
        assert p.own.tolist() == pytest.approx([average, average])


@pytest.mark.parametrize("k", [1, 5])
def test_a_groups_own_price_counts_the_people_behind_its_rows(k):
    """Ward 1 names its one doctor in a row of her own; ward 2's five doctors are in its
    unsplit row (an insider's fourteenth round). Counted over both wards, the doctors were
    six ≥ k, and their price × 6 FTE was her pay. Now the price and the count are over the
    units whose rows name the group: hers alone, under k = 5 the region's average."""
    staff = pl.DataFrame(
        {
            "unit_id": [1] + [2] * 5,
            "person": list(range(1, 7)),
            "group": ["Läkare"] * 6,
            "birth_year": [1970] * 6,
            "form": ["permanent"] * 6,
            "rate": [100.0] * 6,
            "start": [d(2020, 1, 1)] * 6,
            "end": [None] * 6,
        },
        schema_overrides={"end": pl.Date},
    )
    months = [d(2025, m, 1) for m in range(1, 13)]
    costs = pl.DataFrame(
        {
            "unit": [1] * 12 + [2] * 12,
            "month": months * 2,
            "profession_group": ["Läkare"] * 12 + [""] * 12,
            "own_cost": [90_000.0] * 12 + [400_000.0] * 12,
            "hired_cost": [0.0] * 24,
        }
    )
    p = cost.prices(costs, staff, ("Läkare",), d(2025, 12, 31), table=OTHER_ONLY, min_people=k)
    assert p is not None
    if k == 1:  # by hand: her 12 × 90 000 kr for her 1.0 FTE
        assert p.own_source == (cost.Source.GROUP_COSTS,)
        assert p.own[0] == pytest.approx(1_080_000.0)
    else:  # by hand: (12 × 90 000 + 12 × 400 000) kr / 6.0 FTE
        assert p.own_source == (cost.Source.AVERAGE,)
        assert p.own[0] == pytest.approx(12 * 490_000.0 / 6.0)


@pytest.mark.parametrize("dominance", [1.0, 0.85])
@pytest.mark.parametrize("branch", [False, True])
def test_a_group_one_unit_names_is_priced_from_neither_its_own_nor_its_hired_rows(
    dominance, branch
):
    """Only unit 1 names B (own and hired): its price from those rows was unit 1's costs, and
    with one hired FTE entered the hired price was the hired cost in kronor (an insider's
    fifteenth round). No branch may hold over 85 % of a group's costs: B's own price is the
    region's average and its hired price the table's factor; without the rule (the
    mutation) they are unit 1's. `branch`: units 1 and 2 as two wards of one clinic, B named
    by both (an insider's nineteenth round), is the same."""
    staff, costs = _b_named()
    if branch:  # unit 2's rows name B too; both lie under clinic 9
        twin = costs.filter(pl.col("profession_group") == "B").with_columns(
            unit=pl.lit(2, dtype=pl.Int64)
        )
        costs = pl.concat([costs, twin]).with_columns(branch=pl.lit(9, dtype=pl.Int64))
    table = {cost.OTHER: cost.TableCost(500_000.0, 1.8)}
    p = cost.prices(
        costs,
        staff,
        ("A", "B"),
        d(2025, 12, 31),
        table=table,
        hired_fte={"B": 1.0},
        dominance=dominance,
    )
    assert p is not None
    # By hand, 2025: unit 1 own 12 × 100 000 + 12 × 20 000 over 1.5 + 0.5 FTE; with
    # `branch` unit 2's 12 × 20 000 too, over its 1.0 FTE more.
    average = (1_680_000.0 / 3.0) if branch else (1_440_000.0 / 2.0)
    if dominance == 1.0:
        assert p.own_source[1] == cost.Source.GROUP_COSTS
        # B's hired kronor, a year: 12 × 30 000 on each unit naming B.
        assert p.hired[1] == pytest.approx(720_000.0 if branch else 360_000.0)
    else:
        assert p.own_source[1] == cost.Source.AVERAGE and p.own[1] == pytest.approx(average)
        assert p.hired_source[1] == cost.Source.TABLE_OTHER
        assert p.hired[1] == pytest.approx(1.8 * average)


def test_the_window_is_the_twelve_months_up_to_the_base_dates_and_waits_for_them():
    """The prices' months are the base date's twelve, once the costs reach its month: the
    last twelve months with costs (October–September while a quarter was still to come)
    were a window the key figures' years did not share (an insider's sixteenth round)."""
    staff, costs = staff_and_costs()
    table = {cost.OTHER: cost.TableCost(500_000.0, 1.8)}
    p = cost.prices(costs, staff, ("A",), d(2025, 12, 31), table=table)
    assert (p.first, p.last) == (d(2025, 1, 1), d(2025, 12, 1))
    # The costs reach September only: no imported price, the table's.
    short = costs.filter(pl.col("month") <= d(2025, 9, 1))
    p = cost.prices(short, staff, ("A",), d(2025, 12, 31), table=table)
    assert p.own_source == (cost.Source.TABLE_OTHER,) and p.first is None


def test_the_groups_priced_are_the_groups_the_key_figures_show():
    """Wards 1 and 2 name nurses (S) and doctors (L), own and hired; ward 3 names only its
    assistant nurses (U). The key figures pool U with the smallest group shown; priced all
    the same, the doctors' hired price less the pool, or the region's own cost less the
    groups priced, was ward 3's (an insider's seventeenth round). The forecast prices only
    the groups `kpi.cost_parts` shows."""
    rows, people = [], []
    for unit, group, own, hired, n in (
        (1, "S", 50_000.0, 4_000.0, 1),
        (2, "S", 50_000.0, 4_000.0, 1),
        (1, "L", 90_000.0, 2_000.0, 1),
        (2, "L", 90_000.0, 2_000.0, 1),
        (3, "U", 40_000.0, 3_000.0, 1),
    ):
        rows += [(unit, d(2025, m, 1), group, own, hired) for m in range(1, 13)]
        people += [(unit, len(people) + 1, group) for _ in range(n)]
    costs = pl.DataFrame(
        rows,
        schema=["unit", "month", "profession_group", "own_cost", "hired_cost"],
        orient="row",
    )
    staff = pl.DataFrame(
        {
            "unit_id": [u for u, _, _ in people],
            "person": [p for _, p, _ in people],
            "group": [g for _, _, g in people],
            "birth_year": [1980] * len(people),
            "form": ["permanent"] * len(people),
            "rate": [100.0] * len(people),
            "start": [d(2020, 1, 1)] * len(people),
            "end": [None] * len(people),
        },
        schema_overrides={"end": pl.Date},
    )
    table = {cost.OTHER: cost.TableCost(500_000.0, 1.8)}
    p = cost.prices(
        costs,
        staff,
        ("S", "L", "U"),
        d(2025, 12, 31),
        table=table,
        hired_fte={"S": 1.0, "L": 1.0, "U": 1.0},
        dominance=0.85,
    )
    assert p is not None
    # By hand: hired S 96 000, L 48 000, U 36 000; U is one ward's, pooled with L (the
    # smallest shown): only S is shown, and only S is priced from its rows.
    assert kpi.hired_by_profession(costs, dominance=0.85) == [("S", 96_000.0), (None, 84_000.0)]
    assert p.hired_source == (
        cost.Source.IMPORTED,
        cost.Source.TABLE_OTHER,
        cost.Source.TABLE_OTHER,
    )
    # Own: L 2 160 000, S 1 200 000, U 480 000: U pooled with S; only L is priced.
    assert p.own_source[1] == cost.Source.GROUP_COSTS
    assert {p.own_source[0], p.own_source[2]} == {cost.Source.AVERAGE}
