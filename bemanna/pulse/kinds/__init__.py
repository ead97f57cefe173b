"""The kinds of survey the pulse machinery runs, one module each, and the registry that reads them.

A kind is what a pulse is for (`Pulse.purpose`): the ambassadorship pulse (eNPS), or a
targeted survey that feeds the forecast (part-timers on a higher rate, staff 60+ on later
retirement). Each declares, in one `SurveyKind`:

* who is invited (`invite`: the pulse's filters) and the breakdown kept with each answer
  (`segment`);
* its questions (`questions`), which `targeted.create_from_template` turns into a pulse;
* how a closed wave's answers become lever values (`levers`, in the engine), which forecast
  levers that sets on a scenario (`feeds`, `carries`, `to_scenario`), and the label its
  citation carries on the scenario and in the report (`source_label`);
* the partial that shows those values on the results page (`partial`).

The pulse list's template buttons, the purpose choices, the results page, the scenario's
"Use survey results" and its citation all read this registry. A module in this package is a
kind once it calls `register` (`autodiscover` imports them all from `PulseConfig.ready()`);
an app above the pulse registers its own kinds from its `AppConfig.ready()`.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils.translation import gettext

from bemanna.analysis.forecast.levers import LEVERS, RANGES, Levers, LeverUnit
from bemanna.analysis.surveys import Answers, SurveyLevers

if TYPE_CHECKING:
    from bemanna.pulse.services import Asked


# The willing question's replies, in this order: yes, maybe, no (`targeted.answers` reads them
# by position).
WILLING_CHOICES = ("Ja", "Kanske", "Nej")
WILLING_CHOICES_EN = ("Yes", "Maybe", "No")


class Ask(NamedTuple):
    """One question of a kind's template: its role in the lever (`QuestionRole`), its kind
    (`QuestionKind`), the text in Swedish and English, the choices, and a number's range."""

    role: str
    kind: str
    text: str
    text_en: str
    choices: tuple[str, ...] = ()
    choices_en: tuple[str, ...] = ()
    low: int = 0
    high: int = 100


def no_segment(asked: Asked, on: datetime.date) -> str:
    return ""


def profession_group(asked: Asked, on: datetime.date) -> str:
    return asked.group or ""


@dataclass(frozen=True)
class SurveyKind:
    code: str  # stored in Pulse.purpose ("" for the ambassadorship pulse)
    label: Any  # a lazy translation: the purpose's name, the template's button
    name: str = ""  # the Swedish name a pulse made from the template gets (plus the year)
    description: str = ""
    invite: Mapping[str, Any] = field(default_factory=dict)  # Pulse filters: who is invited
    segment: Callable[[Asked, datetime.date], str] = no_segment  # breakdown kept per answer
    questions: tuple[Ask, ...] = ()
    # Answers by segment, k_text, the segments whose own share may be shown and those whose
    # own mean of the number may be (`targeted.number_segments`) → the lever values.
    levers: (
        Callable[[Mapping[str, Answers], int, AbstractSet[str], AbstractSet[str]], SurveyLevers]
        | None
    ) = None
    # The scenario's levers it sets: `feeds` a lever form also sets (the first names the
    # citation), `carries` only a survey sets (errors, group values), kept while `feeds` are.
    feeds: tuple[str, ...] = ()
    carries: tuple[str, ...] = ()
    # carried fields holding each group's own value (not for roles without the group figures)
    by_group: tuple[str, ...] = ()
    # the scenario's levers with the survey's values set, and the answers behind them; None
    # when the values do not fit (a wave of another shape)
    to_scenario: Callable[[Levers, SurveyLevers], tuple[Levers, int] | None] | None = None
    source_label: Any = ""  # a lazy translation, in the citation ("Part-time lever")
    partial: str = ""  # the results page's template for `levers`'s values

    @property
    def template(self) -> bool:
        """Offered as a ready-made survey on the pulse list."""
        return bool(self.questions)

    @property
    def cites(self) -> str:
        """The lever its citation on a scenario is filed under."""
        return self.feeds[0] if self.feeds else self.code


_REGISTRY: dict[str, SurveyKind] = {}
# The longest code `Pulse.purpose` holds (its max_length reads this).
CODE_LENGTH = 16


def register(kind: SurveyKind) -> SurveyKind:
    """Add a kind; registering its code again replaces it (in place, keeping the order). A
    code too long for `Pulse.purpose` is refused here, not by the database at the first
    pulse made from it."""
    if len(kind.code) > CODE_LENGTH:
        raise ValueError(f"survey kind {kind.code!r}: a code has at most {CODE_LENGTH} characters")
    _REGISTRY[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    _REGISTRY.pop(code, None)


@contextmanager
def registered(kind: SurveyKind) -> Iterator[SurveyKind]:
    """A kind registered for the length of a block (for tests)."""
    before = _REGISTRY.get(kind.code)
    register(kind)
    try:
        yield kind
    finally:
        if before is None:
            unregister(kind.code)
        else:
            register(before)


def all_kinds() -> list[SurveyKind]:
    return list(_REGISTRY.values())


def get(code: str) -> SurveyKind | None:
    return _REGISTRY.get(code)


def choices() -> list[tuple[str, Any]]:
    """`Pulse.purpose`'s choices: a callable, so a new kind needs no migration."""
    return [(kind.code, kind.label) for kind in _REGISTRY.values()]


def templates() -> list[SurveyKind]:
    """The kinds the pulse list offers as ready-made surveys."""
    return [kind for kind in _REGISTRY.values() if kind.template]


def forecast_kinds() -> list[SurveyKind]:
    """The kinds that set a scenario's levers, in the order they are applied and cited."""
    return [kind for kind in _REGISTRY.values() if kind.to_scenario and kind.feeds]


def lever_sources() -> dict[str, str]:
    """Forecast lever → the code of the kind that sets it (its own and carried parts)."""
    return {lever: kind.code for kind in forecast_kinds() for lever in kind.feeds + kind.carries}


def source_label(lever: str) -> Any:
    """The label of a citation filed under a lever: its kind's, else the lever's own (a kind
    no longer registered), else the name as stored."""
    for kind in forecast_kinds():
        if kind.cites == lever:
            return kind.source_label
    return gettext(LEVERS[lever].label) if lever in LEVERS else lever


def clip(name: str, value: float) -> float:
    """A survey's value into its lever's range, no more precise than the survey's page shows
    it: at full precision a share and its n give the exact split. Whole per cent for a share
    (0.51) or a rate (89), tenths of a year or point; an error (a number only a survey sets)
    keeps one decimal more, as it only widens the draws.

    Examples:
        >>> clip("part_time_share", 0.51029748284), clip("part_time_target", 88.707360862)
        (0.51, 89.0)
        >>> clip("retirement_shift", 0.606707317), clip("retirement_shift_error", 0.1234)
        (0.6, 0.12)
    """
    low, high = RANGES[name]
    lever = LEVERS[name]
    digits = PUBLISHED_DIGITS[lever.unit] + (0 if lever.in_form else 1)
    return round(min(max(value, low), high), digits)


# Decimals a survey's lever keeps, in stored units, by the lever's unit.
PUBLISHED_DIGITS = {
    LeverUnit.SHARE: 2,
    LeverUnit.CHANGE: 2,
    LeverUnit.PERCENT: 0,
    LeverUnit.POINTS: 0,
    LeverUnit.YEARS: 1,
    LeverUnit.COUNT: 0,
}


def autodiscover() -> None:
    """Import every module of this package, so that each registers its kind."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
