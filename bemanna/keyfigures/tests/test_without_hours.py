"""A region that has imported only its unit tree and HR extract (issue 18): headcount, FTE
and turnover come from the extract and are shown; the sick-leave figures, shares of
scheduled hours, say that the hours file is missing instead of "too few people"."""

import datetime
import io

import pytest
from django.utils import translation

from bemanna.keyfigures import board
from bemanna.org.models import Level, Unit
from bemanna.workforce import services

TODAY = datetime.date(2026, 6, 30)
HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
)


@pytest.fixture
def extract_only(db):
    """Ward A: twelve full-time nurses since 2020, three of whom left on 2025-06-30 at their
    own request. Ward B: ten half-time assistant nurses since 2020. No hours, no sick leave."""
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    Unit.objects.create(code="A", name="Avdelning A", parent=region)
    Unit.objects.create(code="B", name="Avdelning B", parent=region)
    rows = []
    for i in range(12):
        end, reason = ("2025-06-30", "Egen begäran") if i < 3 else ("", "")
        rows.append(
            f"{100 + i};1980;K;A;;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;"
            f"2020-01-01;{end};{reason}"
        )
    for i in range(10):
        rows.append(
            f"{200 + i};1985;M;B;;Undersköterska;Undersköterskor;Tillsvidare;50;2020-01-01;;"
        )
    data = (HEADER + "\n".join(rows) + "\n").encode()
    services.import_employments(io.BytesIO(data), filename="hr.csv", today=TODAY)
    return region


def test_staff_figures_need_only_the_hr_extract(extract_only):
    with translation.override("en"):
        report = board.build(extract_only, 2025, TODAY)
    figures = report["figures"]
    # On 2025-12-31: nine of ward A's twelve (100 %) and ward B's ten (50 %).
    assert figures["staff"]["headcount"] == 9 + 10
    # The FTE (9 × 1,0 + 10 × 0,5 = 14,0) is not shown: beside 2024's (17,0) it would be
    # the three leavers' rates, 3,0, so each at 100 % (Historik's decision, `over_time`).
    assert figures["staff"]["fte"] is None
    with translation.override("en"):
        before = board.build(extract_only, 2024, TODAY)["figures"]["staff"]
    assert before["fte"] == pytest.approx(12 * 1.0 + 10 * 0.5)
    # Three leavers over the average of 22 (2024-12-31) and 19 (2025-12-31) employees.
    assert figures["turnover"]["leavers"] == pytest.approx(3 / ((22 + 19) / 2))
    assert figures["no_hours"] is True


def test_the_summary_says_the_hours_are_missing(extract_only):
    with translation.override("en"):
        report = board.build(extract_only, 2025, TODAY)
        table = board.summary_sections(report)[0].tables[0]
    rows = {row[0]: row for row in table.rows}
    assert (
        "no scheduled hours"
        in next(r for k, r in rows.items() if k.startswith("Sick leave, total"))[-1]
    )
    assert next(r for k, r in rows.items() if k.startswith("Leavers / average"))[
        1
    ].value == pytest.approx(3 / 20.5)
