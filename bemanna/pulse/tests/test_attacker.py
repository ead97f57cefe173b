"""The attacker, end to end: random organisations and answers in the database; everything the
analyst and a manager can see on every results page (tables, the heat map's table, the
open wave's response count) and in the Excel export is collected, and the attacker solves,
wave by wave, for any group of answers smaller than the threshold. It must find none."""

import datetime

import fastexcel
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bemanna.accounts.models import Role
from bemanna.analysis.tests.test_disclosure import derivable_small_groups
from bemanna.conftest import PASSWORD, make_user
from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Response
from bemanna.pulse.tests.helpers import add_staff, answer

WAVES = (datetime.date(2026, 1, 10), datetime.date(2026, 4, 10), datetime.date(2026, 6, 10))
K, K_TEXT = 3, 6


@st.composite
def organisations(draw):
    size = draw(st.integers(min_value=2, max_value=7))
    parents = {0: None} | {u: draw(st.integers(0, u - 1)) for u in range(1, size)}
    staff = {u: draw(st.integers(0, 7)) for u in parents}
    # Per wave and unit: how many answer, and how many of them answer the HME items too.
    answers = {(w, u): draw(st.integers(0, staff[u])) for w in range(len(WAVES)) for u in parents}
    hme = {key: draw(st.integers(0, n)) for key, n in answers.items()}
    managed = draw(st.integers(0, size - 1))
    return parents, staff, answers, hme, managed


def _build(parents, staff, answers, hme):
    units = {}
    for u, parent in parents.items():
        units[u] = Unit.objects.create(
            code=f"U{u}",
            name=f"Enhet {u}",
            level=Level.REGION if parent is None else Level.UNIT,
            parent=units[parent] if parent is not None else None,
        )
        add_staff(units[u], staff[u])
    pulse = Pulse.objects.create(name="Attack", min_answers=K, min_answers_text=K_TEXT)
    pulse.units.add(units[0])
    waves = []
    items = {f"hme_motivation_{i}": 4 for i in (1, 2, 3)}
    for w, opens in enumerate(WAVES):
        wave = services.open_wave(pulse, opens)
        for u in parents:
            with_hme = hme[(w, u)]
            answer(wave, [9] * with_hme, unit=units[u], items=items, comment="bra")
            answer(wave, [5] * (answers[(w, u)] - with_hme), unit=units[u])
        if w < len(WAVES) - 1:
            services.close_wave(wave)
        waves.append(wave)
    return units, pulse, waves


def _seen_on_pages(client, pulse, codes):
    """(level, wave id, unit code) for every figure shown on the results pages."""
    seen = set()
    for code in codes:
        page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": code})
        if page.status_code != 200:
            continue
        soup = BeautifulSoup(page.content, "html.parser")
        for row in soup.select("#trend tr[data-wave], #children tr[data-wave]"):
            if row.select("td.num"):
                seen.add(("score", int(row["data-wave"]), row["data-unit"]))
                if row.select_one("[data-figure=hme]").get_text(strip=True) != "–":
                    seen.add(("hme", int(row["data-wave"]), row["data-unit"]))
        for row in soup.select("#heat-table tr[data-unit]"):
            for cell in row.select("td[data-wave]"):
                text = cell.get_text(strip=True)
                if text.lstrip("−-").isdigit():
                    seen.add(("score", int(cell["data-wave"]), row["data-unit"]))
        latest = soup.select("#trend tr[data-wave]")
        closed = [r for r in latest if r.select("td.num")]
        if soup.select_one("[data-figure=split]") or soup.select_one("#comments"):
            seen.add(("text", int(closed[-1]["data-wave"]), code))
        current = soup.select_one("#open-wave[data-answered]")
        if current:
            seen.add(("count", int(current["data-wave"]), code))
    return seen


def _seen_in_export(client, pulse):
    response = client.get(reverse("pulse:export", args=[pulse.pk]))
    if response.status_code != 200:
        return set()
    frame = fastexcel.read_excel(response.content).load_sheet(0, header_row=3).to_polars()
    waves = {w.opens.isoformat(): w.pk for w in pulse.waves.all()}
    seen = set()
    for row in frame.iter_rows(named=True):
        wave = waves[row["Omgång"]]
        if row["eNPS"] is not None:
            seen.add(("score", wave, row["Enhetskod"]))
        if row["Ambassadörer"] is not None:
            seen.add(("text", wave, row["Enhetskod"]))
        if row["HME totalt"] is not None:
            seen.add(("hme", wave, row["Enhetskod"]))
    return seen


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(organisations())
def test_no_view_or_export_lets_anyone_solve_for_a_small_group(client, db, organisation):
    parents, staff, answers, hme, managed = organisation
    with transaction.atomic():
        units, pulse, waves = _build(parents, staff, answers, hme)
        analyst = make_user("attacker-analyst", Role.ANALYST)
        boss = make_user("attacker-manager", Role.MANAGER)
        units[managed].manager = boss
        units[managed].save()
        seen = set()
        for user in (analyst, boss):
            client.login(username=user.username, password=PASSWORD)
            seen |= _seen_on_pages(client, pulse, [f"U{u}" for u in parents])
            seen |= _seen_in_export(client, pulse)
        tree = {f"U{u}": (f"U{p}" if p is not None else None) for u, p in parents.items()}
        for index, wave in enumerate(waves):
            own = {f"U{u}": answers[(index, u)] for u in parents}
            own_hme = {f"U{u}": hme[(index, u)] for u in parents}
            assert Response.objects.filter(wave=wave).count() == sum(own.values())
            for level, counts, k in (
                ("score", own, K),
                ("count", own, K),
                ("text", own, K_TEXT),
                ("hme", own_hme, K),
            ):
                shown = sorted(u for lvl, w, u in seen if lvl == level and w == wave.pk)
                assert derivable_small_groups(tree, counts, shown, k) == [], (level, index)
        # The attacker looked at something: the region's answers are shown when there are enough.
        total = sum(answers[(0, u)] for u in parents)
        assert (("score", waves[0].pk, "U0") in seen) == (total >= K)
        transaction.set_rollback(True)
