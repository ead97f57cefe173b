"""Which years are closed (issue 14, item 3): a break of more than 31 days is a departure, so
a December leaver is known only once January has passed, and a year is closed from
1 February, not 1 January (`retention.last_closed_year`)."""

import datetime

import pytest
from django.utils import translation

from bemanna.workforce import retention


@pytest.mark.parametrize(
    ("today", "closed"),
    [
        (datetime.date(2026, 1, 1), 2024),
        (datetime.date(2026, 1, 31), 2024),
        (datetime.date(2026, 2, 1), 2025),
        (datetime.date(2026, 12, 31), 2025),
        (datetime.date(2027, 1, 31), 2025),
        (datetime.date(2027, 2, 1), 2026),
    ],
)
def test_a_year_is_closed_from_1_february(today, closed):
    assert retention.last_closed_year(today) == closed


def test_the_year_just_ended_has_a_note_in_january_only():
    with translation.override("en"):
        january = retention.year_notes([2024, 2025], datetime.date(2026, 1, 31))
        february = retention.year_notes([2024, 2025], datetime.date(2026, 2, 1))
        before = retention.year_notes([2023, 2024], datetime.date(2026, 1, 31))
    assert january == [
        "2025 is not final until 2026-02-01: a break of more than 31 days is a departure, so "
        "who left in December is known only then (someone back in January has not left). "
        "Until then its leavers and turnover may change, and it is not yet a closed year.",
        # November is its last final month (`retention.last_final_month`).
        "2025 up to and including 2025-11-30: a month's figures are final 32 days after it "
        "ends, and the year is not over, so it is compared with whole years.",
    ]
    assert february == [] and before == []


def test_the_note_is_swedish():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("sv", root / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    note = (
        "%(year)s is not final until %(date)s: a break of more than 31 days is a departure, "
        "so who left in December is known only then (someone back in January has not left). "
        "Until then its leavers and turnover may change, and it is not yet a closed year."
    )
    assert module.SV[note].startswith("%(year)s är inte slutligt förrän %(date)s")
