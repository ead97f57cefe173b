"""Workforce forecast (kompetensförsörjningsanalys): rates, projection, levers, backtest.

Usable from a notebook without the web app::

    from bemanna.analysis.forecast import baseline, estimate_rates, project, Levers
    rates = estimate_rates(employments, as_of)
    base = baseline(employments, as_of)
    forecast = project(base, rates, index, Levers(retirement_shift=2), horizon=2035)
    forecast.bands  # group, year, measure, p10, p50, p90, mean
"""

from bemanna.analysis.forecast.levers import (
    Education,
    LeverError,
    Levers,
    StudyGrant,
    TaskShift,
)
from bemanna.analysis.forecast.model import (
    MEASURES,
    TOTAL,
    Baseline,
    Forecast,
    OutOfRange,
    baseline,
    expected,
    project,
    simulate,
    waterfall,
)
from bemanna.analysis.forecast.population import (
    demo_projection,
    demographic_index,
    weights_for,
)
from bemanna.analysis.forecast.rates import Rates, estimate_rates

__all__ = [
    "MEASURES",
    "TOTAL",
    "Baseline",
    "Education",
    "Forecast",
    "LeverError",
    "Levers",
    "OutOfRange",
    "Rates",
    "StudyGrant",
    "TaskShift",
    "baseline",
    "demo_projection",
    "demographic_index",
    "estimate_rates",
    "expected",
    "project",
    "simulate",
    "waterfall",
    "weights_for",
]
