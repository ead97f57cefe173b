"""The forecast kept in Django's cache, which every server process reads (issue 19): a second
gunicorn worker reads what the first computed, an import's warming serves the main
scenario's page, and a new generation computes anew."""

import numpy as np
import pytest
from django.urls import reverse

from bemanna import generation
from bemanna.analysis.forecast import Levers, effects, history
from bemanna.analysis.forecast import shown as forecast_shown
from bemanna.forecast import services, shown_past
from bemanna.forecast.models import Scenario
from bemanna.forecast.tests.test_views import demo, login  # noqa: F401
from bemanna.org.models import Unit


def _as_another_process(monkeypatch) -> None:
    """Forget what this process kept, and make any forecast computed from here on fail."""
    services.forget_in_process()

    def computed(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(services, "_prepare", computed)
    monkeypatch.setattr(services, "run_prepared", computed)


def test_a_second_process_reads_the_forecast_the_first_computed(demo, monkeypatch):  # noqa: F811
    scenario = Scenario.objects.order_by("-is_main", "name").first()
    unit = Unit.objects.get(code="R")
    first = services.run_forecast(scenario, unit)
    _as_another_process(monkeypatch)
    again = services.run_forecast(scenario, unit)
    assert np.array_equal(again.forecast.gap_draws, first.forecast.gap_draws)
    assert again.waterfall.equals(first.waterfall)
    assert again.prepared.base.groups == first.prepared.base.groups
    assert services.prepare(scenario, unit).key == first.prepared.key
    # A change of data (an import's new generation): computed anew, never the kept one.
    generation.start_new("data")
    services.forget_in_process()
    with pytest.raises(AssertionError, match="computed again"):
        services.run_forecast(scenario, unit)


def test_the_import_warming_serves_the_main_scenarios_page(client, demo, monkeypatch):  # noqa: F811
    scenario = Scenario.objects.order_by("-is_main", "name").first()
    generation.start_new("data")
    services.clear_caches()
    assert generation.warm() == []
    _as_another_process(monkeypatch)
    login(client, "hr")
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]), {"unit": "R"})
    assert page.status_code == 200 and b"computed again" not in page.content
    assert page.context["result"].prepared.key[2] == Unit.objects.get(code="R").pk


def test_the_import_warming_decides_what_historik_shows(client, demo, monkeypatch):  # noqa: F811
    # Historik's decisions (32 over the region: each year's end and each month's of the last
    # two years) took about 8 s at a worker's first view after an import; the warming makes
    # them once, in the shared cache, and another process's page computes none of them.
    generation.start_new("data")
    shown_past.clear()
    assert generation.warm() == []
    shown_past.clear()  # another process: nothing kept in this one

    def computed(*args, **kwargs):
        raise AssertionError("decided again")

    monkeypatch.setattr(forecast_shown, "decide", computed)
    monkeypatch.setattr(history, "split_shown", computed)
    login(client, "analytiker")
    for code in ("R", "HS"):
        page = client.get(reverse("forecast:history"), {"unit": code})
        assert page.status_code == 200 and b"decided again" not in page.content
        assert page.context["table"]
    # A new generation (an import): decided anew.
    generation.start_new("data")
    shown_past.clear()
    with pytest.raises(AssertionError, match="decided again"):
        client.get(reverse("forecast:history"), {"unit": "R"})


def test_a_lever_moved_simulates_only_its_own_step_and_changes_no_figure(demo, monkeypatch):  # noqa: F811
    # Someone trying levers moves one at a time: the baseline and the other levers' runs are
    # kept (in the shared cache: another worker reads them), and what is shown is what a
    # forecast computed from nothing kept shows, draw for draw.
    scenario = Scenario.objects.order_by("-is_main", "name").first()
    unit = Unit.objects.get(code="R")
    tried = Levers(productivity=1.0, turnover_change=-0.1)
    services.run_forecast(scenario, unit, levers=tried, draws=60)
    services.forget_in_process()  # another worker: only the shared cache holds the steps
    simulated = []
    real = effects.simulate

    def counted(base, rates, index, chosen, **kwargs):
        simulated.append(chosen)
        return real(base, rates, index, chosen, **kwargs)

    monkeypatch.setattr(effects, "simulate", counted)
    moved = Levers(productivity=1.5, turnover_change=-0.1)
    kept = services.run_forecast(scenario, unit, levers=moved, draws=60)
    assert [levers.productivity for levers in simulated] == [1.5]
    assert [levers.turnover_change for levers in simulated] == [0.0]
    monkeypatch.undo()
    generation.start_new("forecast")  # nothing kept from here on
    services.forget_in_process()
    fresh = services.run_forecast(scenario, unit, levers=moved, draws=60)
    assert kept.waterfall.equals(fresh.waterfall)
    assert set(kept.steps) == {"baseline", "productivity", "turnover_change", "scenario"}
    for step in fresh.steps:
        assert np.array_equal(kept.steps[step], fresh.steps[step]), step
