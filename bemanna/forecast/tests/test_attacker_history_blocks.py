"""Historik over two closed years (an insider's twenty-fifth round): a förvaltning and one
of its clinics one year, the other clinic the next, its people unchanged.

Förvaltning F has one doctor of its own at 60 % above clinics C0 and C1. On 31 December
2024 Historik shows F and C0 and hides C1 (F minus both would be the doctor). In 2025 one
of C0's nurses has gone, so F and C0 are hidden (beside 2024 they would be her rate), and C1
was shown: F's 2024 FTE minus C0's 2024 minus C1's 2025 was the doctor's 0,6. Now 2025
hides C1 as well (`over_time.few_apart`); without that rule (the mutation) the three cells
give her rate.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import EXTRACT_HEADER, PASSWORD
from bemanna.workforce import frames
from bemanna.workforce.services import import_employments, import_units

TODAY = datetime.date(2026, 6, 1)  # Historik: 2016–2025
UNITS = (
    "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
    "R;Region;;region;\nF;Förvaltning;R;förvaltning;\nC0;Klinik 0;F;klinik;\n"
    "C1;Klinik 1;F;klinik;\nG;Förvaltning G;R;förvaltning;\n"
)
NURSE = (
    "{id};1975;K;{unit};222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;{start};{end};{reason}"
)
DOCTOR = "{id};1970;M;{unit};221201;Läkare;Läkare;Tillsvidare;60;2010-01-01;;"


def _extract() -> bytes:
    rows = [DOCTOR.format(id=1, unit="F")]
    people = [(100 + n, "C0") for n in range(6)] + [(200 + n, "C1") for n in range(5)]
    people += [(300 + n, "G") for n in range(10)] + [(400 + n, "R") for n in range(5)]
    for number, unit in people:
        # One of C0's nurses leaves in 2025.
        end, reason = ("2025-06-30", "Egen begäran") if number == 100 else ("", "")
        rows.append(NURSE.format(id=number, unit=unit, start="2010-01-01", end=end, reason=reason))
    # Six hired at the region's own unit in 2025: its FTE changes by more than k people.
    rows += [
        NURSE.format(id=500 + n, unit="R", start="2025-03-01", end="", reason="") for n in range(6)
    ]
    return (EXTRACT_HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    import_employments(io.BytesIO(_extract()), filename="hr.csv", today=TODAY)


def _fte(client) -> dict[tuple[str, int], float | None]:
    """Per (unit, year), the FTE the unit's Historik page shows (None: hidden)."""
    client.login(username="analyst", password=PASSWORD)
    found = {}
    for code in ("R", "F", "C0", "C1", "G"):
        page = client.get(reverse("forecast:history"), {"unit": code})
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        for tr in soup.select("table#history tbody tr"):
            cells = [" ".join(td.get_text(" ", strip=True).split()) for td in tr.find_all("td")]
            fte = cells[2]
            found[(code, int(cells[0]))] = None if fte == "–" else float(fte.replace(",", "."))
    return found


@pytest.mark.parametrize("rule", [True, False])
def test_two_years_do_not_give_the_forvaltnings_own_doctor(client, region, monkeypatch, rule):
    from bemanna.analysis.forecast import crossing, over_time

    if not rule:
        # Both rules find the doctor: the blocks of two days, and the linear algebra.
        monkeypatch.setattr(over_time, "few_apart", lambda *args: set())
        monkeypatch.setattr(crossing, "cross_apart", lambda *args: (set(), set(), set()))
    fte = _fte(client)
    # By hand: 2024 shows F (12 people, 11,6) and C0 (6,0), hides C1 (5,0).
    assert (fte[("F", 2024)], fte[("C0", 2024)], fte[("C1", 2024)]) == (11.6, 6.0, None)
    # 2025: F and C0 differ from 2024 by the one nurse who left.
    assert fte[("F", 2025)] is None and fte[("C0", 2025)] is None
    if rule:
        assert fte[("C1", 2025)] is None
    else:
        assert fte[("C1", 2025)] == 5.0
        assert round(fte[("F", 2024)] - fte[("C0", 2024)] - fte[("C1", 2025)], 6) == 0.6
