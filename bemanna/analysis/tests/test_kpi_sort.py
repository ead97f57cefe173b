"""The key figures' one sort (`kpi_grid.sorted_pairs`: rows by person and day, joined spells'
rows, overlapping rows' events) against Python's own `sorted`, in both of its ways: numbers
packed into one integer when they fit in 63 bits, a `lexsort` when they do not."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import kpi_grid


@st.composite
def pairs(draw):
    """Rows of (high, low): few distinct values (many ties) or values far apart."""
    count = draw(st.integers(0, 60))
    spread = draw(st.sampled_from([3, 40_000, 2**40]))
    value = st.integers(-spread, spread)
    high = draw(st.lists(value, min_size=count, max_size=count))
    low = draw(st.lists(value, min_size=count, max_size=count))
    dtype = np.int32 if spread < 2**31 and draw(st.booleans()) else np.int64
    return np.array(high, dtype=dtype), np.array(low, dtype=np.int64)


@settings(max_examples=300, deadline=None)
@given(pairs())
def test_the_order_is_pythons_sort_ties_in_row_order(rows):
    high, low = rows
    order, high_sorted, low_sorted = kpi_grid.sorted_pairs(high, low)
    expected = sorted(range(len(high)), key=lambda i: (int(high[i]), int(low[i]), i))
    assert order.tolist() == expected
    assert high_sorted.tolist() == [int(high[i]) for i in expected]
    assert low_sorted.tolist() == [int(low[i]) for i in expected]
    assert (high_sorted.dtype, low_sorted.dtype) == (high.dtype, low.dtype)


def test_both_ways_are_taken(monkeypatch):
    """The packed numbers for a region's rows, the `lexsort` for values too far apart: the
    same order either way (the test above draws both)."""
    lexsorts = []
    lexsort = np.lexsort
    monkeypatch.setattr(np, "lexsort", lambda keys: lexsorts.append(1) or lexsort(keys))
    high, low = np.array([2, 1, 2, 1]), np.array([7, 9, 7, 8])
    packed = kpi_grid.sorted_pairs(high, low)[0].tolist()
    assert not lexsorts
    lexsorted = kpi_grid.sorted_pairs(high * 2**61, low)[0].tolist()
    assert lexsorts
    assert packed == lexsorted == [3, 1, 0, 2]
