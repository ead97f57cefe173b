"""The key figures' turnover follows the one rule for who left (issue 14, error 3), worked out
by hand on a small imported extract."""

import io

import pytest

from bemanna.conftest import EXTRACT_HEADER, TODAY, extract_csv
from bemanna.keyfigures.summary import turnover
from bemanna.workforce import services

ROWS = [
    # Leaves on 31 May 2023 (own request); comes back on 1 March 2024 in the second import.
    "2001;1990;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2018-01-01;2023-05-31;"
    "Egen begäran",
    "2002;1985;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-01-01;;",
    "2003;1975;M;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-01-01;;",
    # 1 April – 1 May: 31 days away, a move (neither a leaver nor a hire).
    "2004;1980;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2016-01-01;2023-03-31;"
    "Egen begäran",
    "2004;1980;K;B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2023-05-02;;",
    # 1 September – 2 October: 32 days away, a leaver of 2023 and a hire of 2023.
    "2005;1982;M;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2016-01-01;2023-08-31;"
    "Egen begäran",
    "2005;1982;M;B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2023-10-03;;",
]
RETURN = "2001;1990;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2024-03-01;;"


def _import(rows):
    data = io.BytesIO(extract_csv(rows, header=EXTRACT_HEADER))
    services.import_employments(data, filename="hr.csv", today=TODAY)


def test_turnover_counts_a_break_of_more_than_31_days_and_never_changes_afterwards(org):
    _import(ROWS)
    published = turnover(org["F"], 2023)
    # 1 January: 2001–2005 (5); 31 December: 2002–2005 (4); leavers 2001 and 2005; hired 2005.
    average = (5 + 4) / 2
    assert published == pytest.approx(
        {"leavers": 2 / average, "replacement": 1 / average, "own_request": 2 / 4}
    )
    _import([*ROWS, RETURN])
    assert turnover(org["F"], 2023) == published
    # 2024: 4 on 1 January, 5 on 31 December, no leaver, one hire (the return).
    assert turnover(org["F"], 2024) == pytest.approx(
        {"leavers": 0.0, "replacement": 0.0, "own_request": 0.0}
    )
