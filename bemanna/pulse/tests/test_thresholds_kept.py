"""A raised threshold applies to the waves (and exit blocks) shown after, never again to one
shown (an insider's nineteenth round).

The complementary suppression is not monotone in k: with k = 5 the exact units of the chain
R (7 own answers) > F (5) > A (3) > B (10) are R and A (F hidden, R − F = 7 < k_text; B hidden,
A − B = 3); with k = 6 they are R and B (A hidden, F − A = 5 < 6, which lets B through). A
before less B after was A's own three answers: their split and their comments. Each wave
now keeps the thresholds it opened with, each exit block those it was first shown with.
The mutation: the pulse's (the setting's) thresholds of today.
"""

import datetime

import pytest

from bemanna.exits.models import ExitAnswer, ExitBlockTree, ExitReason, ExitSurveyConfig
from bemanna.exits.results import ExitReport
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Wave
from bemanna.pulse.results import wave_report
from bemanna.pulse.tests.helpers import add_staff, answer, make_tree

OPENS = datetime.date(2026, 3, 2)
OWN = {
    "R": [9, 10, 8, 7, 9, 10, 3],
    "F": [8, 9, 2, 10, 7],
    "A": [0, 1, 2],
    "B": [10, 9, 9, 8, 7, 7, 10, 9, 6, 8],
}
CHAIN = {"R": None, "F": "R", "A": "F", "B": "A"}


def _exact(report, units) -> dict[str, tuple]:
    """Per unit shown exactly: its n, and its promoters, passives and detractors."""
    shown = {}
    for code in CHAIN:
        result = report.result(units[code])
        if result.score is not None and result.score.exact:
            n = result.answered
            shown[code] = (n, tuple(round(share * n) for share in result.score.shares))
    return shown


@pytest.mark.parametrize("rule", [True, False])
def test_a_raised_k_decides_no_wave_shown_before(db, monkeypatch, rule):
    if not rule:
        monkeypatch.setattr(Wave, "k", property(lambda wave: wave.pulse.min_answers))
    units = make_tree(CHAIN)
    for code, scores in OWN.items():
        # A's own six invited (three answer): a stored unit of k invited (`counting_units`).
        add_staff(units[code], 6 if code == "A" else len(scores))
    pulse = Pulse.objects.create(name="Puls", min_answers=5, min_answers_text=10)
    pulse.units.add(units["R"])
    wave = services.open_wave(pulse, OPENS)
    for code, scores in OWN.items():
        answer(wave, scores, unit=units[code])
    services.close_wave(wave)
    before = _exact(wave_report(Wave.objects.get(pk=wave.pk)), units)
    assert set(before) == {"R", "A"}
    pulse.min_answers = 6
    pulse.full_clean()  # raising is allowed: it applies to the waves opened after
    pulse.save()
    after = _exact(wave_report(Wave.objects.get(pk=wave.pk)), units)
    if rule:
        assert after == before
        later = services.open_wave(pulse, OPENS + datetime.timedelta(days=90))
        assert (later.k, later.k_text) == (6, 10)
    else:
        # By hand: A's 13 less B's 10 answers: A's own three, all detractors (0, 1, 2).
        n, split = (
            before["A"][0] - after["B"][0],
            tuple(x - y for x, y in zip(before["A"][1], after["B"][1], strict=True)),
        )
        assert (n, split) == (3, (0, 0, 3))


@pytest.mark.parametrize("rule", [True, False])
def test_a_raised_k_decides_no_exit_block_shown_before(db, rule):
    units = make_tree(CHAIN)
    pay, other = ExitReason.objects.order_by("code")[:2]
    for code, n in {"R": 7, "F": 5, "A": 3, "B": 10}.items():
        for _ in range(n):
            ExitAnswer.objects.create(
                unit=units[code],
                group="Sjuksköterskor",
                year=2024,
                main_reason=pay if code == "A" else other,
            )
    config = ExitSurveyConfig.current()
    config.min_answers = 5
    config.save()

    def exact() -> dict[str, int]:
        report = ExitReport((2024, 2025), ExitSurveyConfig.current())
        return {
            code: figures["n"]
            for code in CHAIN
            if (figures := report.unit(units[code])) and figures["exact"]
        }

    before = exact()
    assert set(before) == {"R", "A"}
    config.min_answers = 6
    config.full_clean()
    config.save()
    if not rule:  # the block's k read from the setting, as before
        ExitBlockTree.objects.update(min_group=None)
    after = exact()
    if rule:
        assert after == before
    else:
        assert before["A"] - after["B"] == 3  # A's own three leavers
