"""The page bench's own arithmetic (its pages come from bemanna/routes.py: test_routes.py)."""

from bemanna.bench import pages


def test_percentile_interpolates():
    assert pages._percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == 4.8
    assert pages._percentile([7.0], 0.95) == 7.0
