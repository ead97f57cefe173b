"""A coarse unit's rounded score beside the exact split of the unit above it (an insider
review found the two wards' splits solved from a clinic's exact split)."""

import datetime
import itertools

from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import Pulse
from bemanna.pulse.results import WaveReport
from bemanna.pulse.tests.helpers import add_staff, answer


def _rounded(promoters, detractors, n):
    """The coarse eNPS as written from the rule (nearest 10, halves away from zero, ±50 and
    beyond as a band), independently of the engine."""
    raw = 100 * (promoters - detractors) / n
    value = int(abs(raw) / 10 + 0.5) * 10 * (1 if raw >= 0 else -1)
    return max(-50, min(50, value))


def _wave(db, ward_scores, own=()):
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    pulse = Pulse.objects.create(name="p", min_answers=5, min_answers_text=10)
    pulse.units.add(region)
    add_staff(region, len(own))
    wards = []
    for i, scores in enumerate(ward_scores):
        ward = Unit.objects.create(code=f"W{i}", name=f"W{i}", parent=region)
        add_staff(ward, len(scores))
        wards.append(ward)
    wave = services.open_wave(pulse, datetime.date(2025, 3, 1))
    if own:
        answer(wave, list(own), unit=region)
    for ward, scores in zip(wards, ward_scores, strict=True):
        answer(wave, scores, unit=ward)
    services.close_wave(wave)
    return wave, region, wards


def _solutions(parent_split, shown):
    """Every pair of ward splits (sizes 5–9) consistent with the parent's exact split and
    what is shown of each ward (its rounded score, or nothing)."""
    total = sum(parent_split)
    found = set()
    for n_a in range(5, 10):
        n_b = total - n_a
        if not 5 <= n_b <= 9:
            continue
        for p_a, d_a in itertools.product(range(n_a + 1), repeat=2):
            p_b, d_b = parent_split[0] - p_a, parent_split[2] - d_a
            if p_a + d_a > n_a or min(p_b, d_b) < 0 or p_b + d_b > n_b:
                continue
            if shown[0] is not None and _rounded(p_a, d_a, n_a) != shown[0]:
                continue
            if shown[1] is not None and _rounded(p_b, d_b, n_b) != shown[1]:
                continue
            found.add(((p_a, n_a - p_a - d_a, d_a), (p_b, n_b - p_b - d_b, d_b)))
    return found


def _attack(report, region, wards):
    whole = report.result(region).score
    assert whole.exact and whole.n == 10
    parent = tuple(round(share * 10) for share in whole.shares)
    shown = [report.result(w).score for w in wards]
    return _solutions(parent, [None if s is None else s.value for s in shown])


def test_wards_under_an_exact_clinic_show_no_score_that_would_solve_them(db, monkeypatch):
    # A: no promoter, four passives, one detractor; B: one promoter, four passives.
    wave, region, wards = _wave(db, [[3, 7, 7, 7, 7], [9, 7, 7, 7, 7]])
    assert len(_attack(WaveReport(wave), region, wards)) > 1
    # Mutation: without the rule the wards' rounded scores and the clinic's split solve both.
    monkeypatch.setattr(WaveReport, "_scoreless", lambda self: set())
    assert _attack(WaveReport(wave), region, wards) == {((0, 4, 1), (1, 4, 0))}


def test_wards_keep_their_rounded_scores_where_the_rest_covers_them(db):
    # The region's own 30 answers (10 of each kind) leave every split of the wards possible.
    own = [10] * 10 + [7] * 10 + [0] * 10
    wave, region, (a, b) = _wave(db, [[3, 7, 7, 7, 7], [9, 7, 7, 7, 7]], own=own)
    report = WaveReport(wave)
    assert report.result(region).score.exact
    assert report.result(a).score.text == "−20" and report.result(b).score.text == "20"


def test_wards_beside_an_exact_ward_are_judged_on_the_rest(db):
    # An exact ward (5 promoters, 5 detractors) and two coarse ones: what the region's split
    # leaves for them (4 promoters, 4 passives, 2 detractors) is less than their 10 answers.
    scores = [[9, 9, 9, 9, 9, 0, 0, 0, 0, 0], [9, 7, 0, 7, 9], [10, 8, 1, 8, 10]]
    wave, _region, (big, a, b) = _wave(db, scores)
    report = WaveReport(wave)
    assert report.result(big).score.exact
    assert report.result(a).score is None and report.result(b).score is None
