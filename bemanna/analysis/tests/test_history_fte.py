"""Historik's FTE is the same on every view: the sum of the rates does not depend on the
order polars happens to add the rows and the groups in (a controller saw 3 962,1 on one
view and 3 962,2 on the next)."""

import datetime
from fractions import Fraction

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.forecast import history

GROUPS = ("SSK", "USK", "LAK", "ADM")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(GROUPS), st.integers(1, 10_000)),  # rate in hundredths
        min_size=1,
        max_size=60,
    ),
    st.randoms(use_true_random=False),
)
def test_fte_is_the_exact_sum_of_the_rates_in_any_row_order(people, random):
    rows = [
        {
            "person": i,
            "unit": 1,
            "group": group,
            "birth_year": 1980,
            "form": "permanent",
            "rate": hundredths / 100,
            "start": datetime.date(2020, 1, 1),
            "end": None,
            "end_reason": None,
        }
        for i, (group, hundredths) in enumerate(people)
    ]
    random.shuffle(rows)
    staff = pl.DataFrame(rows, schema_overrides={"end": pl.Date, "end_reason": pl.String})
    table = history.yearly(staff, 2024, 2024)
    fte = table.filter(pl.col("group") == history.ALL)["fte"].item()
    exact = sum(Fraction(h, 100) for _g, h in people) / 100
    # The exact sum, to the float nearest its six decimals: not a float a hair either side.
    assert fte == round(float(exact), 6)
