"""The installation's default thresholds are data: settings, checked at start-up, and the
defaults of every new pulse and of the exit survey's settings."""

import os
import subprocess
import sys

import pytest

from bemanna.exits.models import ExitSurveyConfig
from bemanna.pulse.models import Pulse


def test_new_pulses_and_the_exit_survey_start_from_the_installations_thresholds(db, settings):
    settings.MIN_GROUP, settings.MIN_GROUP_TEXT = 7, 12
    pulse = Pulse.objects.create(name="Ny")
    assert (pulse.min_answers, pulse.min_answers_text) == (7, 12)
    assert ExitSurveyConfig.current().min_answers == 7


@pytest.mark.parametrize(
    ("k", "k_text", "ok"), [("3", "3", True), ("2", "10", False), ("6", "5", False)]
)
def test_a_threshold_below_three_or_a_text_threshold_below_k_refuses_to_start(k, k_text, ok):
    env = os.environ | {"BEMANNA_MIN_GROUP": k, "BEMANNA_MIN_GROUP_TEXT": k_text}
    run = subprocess.run(
        [sys.executable, "-c", "import bemanna.settings"], env=env, capture_output=True, text=True
    )
    assert (run.returncode == 0) == ok, run.stderr
    if not ok:
        assert "BEMANNA_MIN_GROUP" in run.stderr
