import datetime

import pytest


@pytest.fixture
def region_of_ten(staffed):
    """The six employments and five more nurses in A since 2024: a region whose forecast
    may be shown. Of fewer than k people on the base date it is refused; and beside the
    years before (two to four people, none shown) 2024 is its first shown year and 2025 the
    same people, so no two forecast years differ by 1..k-1 people (`over_time`)."""
    from bemanna.pulse.tests.helpers import add_staff, hired_on

    hired_on(add_staff(staffed["A"], 5, email=False), datetime.date(2024, 1, 1))
    return staffed
