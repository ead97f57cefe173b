"""The forecast kept in Django's cache, which every server process reads (issue 19): a second
gunicorn worker reads what the first computed, an import's warming serves the main
scenario's page, and a new generation computes anew."""

import io

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


# What each page shows of the unit, from its context (the rest is the user's own: the units
# they may choose, the form's token).
KEPT = {
    "history": ("groups", "other_tree", "by_block", "table", "months", "growth", "charts"),
    "backtest": ("table", "summary", "total", "coverage", "pooled", "chart"),
}


def test_historik_and_the_backtest_are_kept_until_an_import(
    client,
    demo,  # noqa: F811
    monkeypatch,
    tmp_path,
    settings,
):
    # Both pages computed everything at each request (0.9 s and 0.7 s at the 95th percentile
    # under the bench's load); nothing they show changes until the data do (issue 19).
    from bemanna.analysis.forecast import backtest as backtesting
    from bemanna.workforce.services import import_employments

    computed = []
    split, ran = shown_past.split_as_allowed, backtesting.backtest

    def counted_history(*args, **kwargs):  # only ever called computing Historik's rows
        computed.append("history")
        return split(*args, **kwargs)

    def counted_backtest(*args, **kwargs):
        computed.append("backtest")
        return ran(*args, **kwargs)

    monkeypatch.setattr(shown_past, "split_as_allowed", counted_history)
    monkeypatch.setattr(backtesting, "backtest", counted_backtest)
    pages = {
        "history": (reverse("forecast:history"), {"unit": "R"}),
        "backtest": (reverse("forecast:backtest"), {"unit": "R", "fit_year": 2022, "years": 3}),
    }
    login(client, "analytiker")

    def look() -> dict:
        seen = {}
        for name, (url, query) in pages.items():
            page = client.get(url, query)
            assert page.status_code == 200
            # The page's own context (a chart's figure drawn meanwhile has a "table" too).
            own = next(c for c in page.context if "units" in c)
            seen[name] = {key: own[key] for key in KEPT[name]}
        return seen

    first = look()
    assert first["history"]["table"] and first["backtest"]["table"]
    assert computed == ["history", "backtest"]
    # Another worker (nothing kept in its memory), the council this time: read from the
    # shared cache, computed by nobody, the same figures.
    services.forget_in_process()
    computed.clear()
    client.logout()
    login(client, "rad")
    assert look() == first
    assert computed == []
    # A manager is refused the region's pages though they are kept: access comes first.
    client.logout()
    login(client, "chef")
    for url, query in pages.values():
        assert client.get(url, query).status_code == 403
    assert computed == []
    # An import (the same extract again) starts a new generation: both computed anew.
    import_employments(
        io.BytesIO((tmp_path / "anstallningar.csv").read_bytes()), filename="anstallningar.csv"
    )
    services.forget_in_process()
    client.logout()
    login(client, "analytiker")
    again = look()
    assert computed == ["history", "backtest"]
    # Closed years keep their figures (`workforce.frames.employments`): the same extract
    # again shows the same.
    assert again == first
    # A longer retention set at a restart (the cache outlives the process): the history kept
    # starts earlier, computed anew.
    computed.clear()
    settings.RETAIN_EMPLOYMENT_YEARS += 1
    services.forget_in_process()
    look()
    assert computed == ["history", "backtest"]
