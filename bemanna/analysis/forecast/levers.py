"""The levers of a scenario: one table of definitions, and the `Levers` a scenario sets.

Each row of `LEVERS` is one number a person can set: its name (the key in a scenario's JSON
and the form's field), label, unit, valid range (in the unit the engine stores: a share is
0–1), neutral default, the step and help text of the form, and the label of its bar in the
waterfall. The form, the validation here, the command line's errors and the reports' labels
all read it, so a range is written once. The labels are English, marked for translation; the
web app translates them.

Example:
    >>> Levers(retirement_shift=2).validate()
    >>> Levers(retirement_shift=9).validate()
    Traceback (most recent call last):
    ...
    bemanna.analysis.forecast.levers.LeverError: retirement_shift: must be between -3 and 5 (got 9)
    >>> LEVERS["turnover_change"].shown(-0.1), LEVERS["turnover_change"].low
    (-10.0, -0.9)
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from bemanna.analysis.extract import gettext_noop


class LeverError(ValueError):
    """A lever outside its range; `parameter` names it (`lever`: its row in `LEVERS`, or the
    JSON key of a lever made of items). `template` is the English message marked for the
    catalogue and `values` fill it, so the caller can say it in the user's language."""

    def __init__(
        self,
        parameter: str,
        template: str,
        lever: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        self.template = template
        self.values = values or {}
        self.message = template % self.values if values else template
        super().__init__(f"{parameter}: {self.message}")
        self.parameter = parameter
        self.lever = lever or parameter


class LeverUnit(StrEnum):
    """How a lever's value is stored (in the engine and in JSON) and shown (in the form)."""

    SHARE = "share"  # stored 0–1, shown as per cent
    CHANGE = "change"  # a relative change, stored as −0.1 for 10 % less, shown as per cent
    PERCENT = "percent"  # per cent, stored as shown (a rate, productivity a year)
    POINTS = "points"  # percentage points
    YEARS = "years"
    COUNT = "count"  # whole people a year


@dataclass(frozen=True)
class Lever:
    """One settable number. `low`, `high` and `default` are in stored units; `step` in shown
    units. `lever` is the step of the waterfall the number belongs to (itself unless it is a
    part of another lever, like the part-time target); `effect` labels that step's bar and is
    set on one row per step. `choose` are the profession-group pickers the form shows before
    the number: (field name, label). `in_form` is false for numbers only a survey sets."""

    name: str
    label: str
    unit: LeverUnit
    low: float
    high: float
    default: float = 0.0
    step: float = 1.0
    help: str = ""
    effect: str | None = None
    lever: str = ""
    choose: tuple[tuple[str, str], ...] = ()
    in_form: bool = True

    def __post_init__(self) -> None:
        if not self.lever:
            object.__setattr__(self, "lever", self.name)

    @property
    def scale(self) -> float:
        return 100.0 if self.unit in (LeverUnit.SHARE, LeverUnit.CHANGE) else 1.0

    def shown(self, value: float) -> float:
        """The stored value as the form shows it."""
        return value * self.scale

    def stored(self, value: float) -> float:
        """A value from the form as the engine stores it."""
        return value / self.scale

    def check(self, value: Any, parameter: str | None = None) -> None:
        """Raise a LeverError naming `parameter` (default: the lever) if out of range."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise LeverError(
                parameter or self.name,
                gettext_noop("must be a number (got %(value)s)"),
                self.name,
                {"value": json.dumps(value, ensure_ascii=False)},
            )
        if not self.low <= value <= self.high:
            raise LeverError(
                parameter or self.name,
                gettext_noop("must be between %(low)s and %(high)s (got %(value)s)"),
                self.name,
                {"low": f"{self.low:g}", "high": f"{self.high:g}", "value": value},
            )


_PRODUCTIVITY = Lever(
    "productivity",
    gettext_noop("Productivity, all groups (% a year)"),
    LeverUnit.PERCENT,
    -5.0,
    5.0,
    step=0.1,
    help=gettext_noop("Technology and new ways of working: less demand each year."),
    effect=gettext_noop("Productivity and technology"),
)

LEVERS: dict[str, Lever] = {
    row.name: row
    for row in (
        Lever(
            "part_time_share",
            gettext_noop("Part-timers who raise their rate (%)"),
            LeverUnit.SHARE,
            0.0,
            1.0,
            step=5,
            help=gettext_noop("Share of the staff working part time."),
            effect=gettext_noop("Part-timers raise their rate"),
        ),
        Lever(
            "part_time_target",
            gettext_noop("… to the rate (%)"),
            LeverUnit.PERCENT,
            50.0,
            100.0,
            default=90.0,
            step=5,
            lever="part_time_share",
        ),
        Lever(
            "retirement_shift",
            gettext_noop("Retire later (years)"),
            LeverUnit.YEARS,
            -3.0,
            5.0,
            step=0.5,
            effect=gettext_noop("Retire later"),
        ),
        _PRODUCTIVITY,
        # One group's own productivity: the same range as the region's, one number in the form.
        replace(
            _PRODUCTIVITY,
            name="productivity_group_value",
            label=gettext_noop("Productivity for that group (% a year)"),
            help="",
            effect=None,
            lever="productivity",
            choose=(("productivity_group", gettext_noop("… and for one group")),),
        ),
        Lever(
            "sick_leave_pp",
            gettext_noop("Lower sick leave (percentage points)"),
            LeverUnit.POINTS,
            -10.0,
            10.0,
            step=0.5,
            effect=gettext_noop("Lower sick leave"),
        ),
        Lever(
            "turnover_change",
            gettext_noop("Change in turnover (%)"),
            LeverUnit.CHANGE,
            -0.9,
            1.0,
            step=5,
            help=gettext_noop("−10 means 10 % fewer leave for other reasons than pension."),
            effect=gettext_noop("Lower turnover"),
        ),
        Lever(
            "recruitment_change",
            gettext_noop("Change in recruitment (%)"),
            LeverUnit.CHANGE,
            -1.0,
            2.0,
            step=5,
            effect=gettext_noop("More recruitment"),
        ),
        Lever(
            "hired_replaced",
            gettext_noop("Hired staff replaced by own staff (%)"),
            LeverUnit.SHARE,
            0.0,
            1.0,
            step=10,
            effect=gettext_noop("Hired staff replaced by own staff"),
        ),
        Lever(
            "grant_per_year",
            gettext_noop("Study grants a year"),
            LeverUnit.COUNT,
            0,
            10_000,
            effect=gettext_noop("Study grants (specialist training)"),
            lever="study_grants",
            choose=(
                ("grant_from", gettext_noop("Study grants from group")),
                ("grant_to", gettext_noop("… to group")),
            ),
        ),
        Lever(
            "education_students",
            gettext_noop("Students a year"),
            LeverUnit.COUNT,
            0,
            10_000,
            effect=gettext_noop("Education pipeline"),
            lever="education",
            choose=(("education_group", gettext_noop("Education pipeline: group")),),
        ),
        Lever(
            "education_completion",
            gettext_noop("Who complete (%)"),
            LeverUnit.SHARE,
            0.0,
            1.0,
            default=0.8,
            step=5,
            lever="education",
        ),
        Lever(
            "education_hired",
            gettext_noop("Of them hired by the region (%)"),
            LeverUnit.SHARE,
            0.0,
            1.0,
            default=0.5,
            step=5,
            lever="education",
        ),
        Lever(
            "shift_share",
            gettext_noop("Share of tasks moved a year (%)"),
            LeverUnit.SHARE,
            0.0,
            0.2,
            step=0.5,
            effect=gettext_noop("Task shifting"),
            lever="task_shifts",
            choose=(
                ("shift_from", gettext_noop("Task shifting from group")),
                ("shift_to", gettext_noop("… to group")),
            ),
        ),
        # Set from a survey with its estimate: the standard errors the Monte Carlo draws from.
        Lever(
            "part_time_share_error",
            gettext_noop("Part-time share, standard error"),
            LeverUnit.SHARE,
            0.0,
            0.5,
            lever="part_time_share",
            in_form=False,
        ),
        Lever(
            "retirement_shift_error",
            gettext_noop("Retirement shift, standard error (years)"),
            LeverUnit.YEARS,
            0.0,
            3.0,
            lever="retirement_shift",
            in_form=False,
        ),
    )
}
# Per-group dictionaries belong to the step of their lever (the waterfall moves them together).
_GROUP_PARTS = {"part_time_by_group": "part_time_share", "productivity_by_group": "productivity"}


# (low, high) by name, derived from the table, for code that clips a value into range.
RANGES: dict[str, tuple[float, float]] = {row.name: (row.low, row.high) for row in LEVERS.values()}


def steps() -> dict[str, str]:
    """The waterfall's steps in their order: lever → English label of its bar."""
    return {row.lever: row.effect for row in LEVERS.values() if row.effect}


def default(name: str) -> float:
    return LEVERS[name].default


@dataclass(frozen=True)
class StudyGrant:
    """Each year `per_year` staff of `from_group` train into `to_group` (e.g. SSK → specialist)."""

    from_group: str
    to_group: str
    per_year: int


@dataclass(frozen=True)
class Education:
    """Graduates hired each year into a group: students × completion × share hired."""

    group: str
    students: int
    completion: float = default("education_completion")
    share_hired: float = default("education_hired")


@dataclass(frozen=True)
class TaskShift:
    """Each year `share` of `from_group`'s demand moves to `to_group`."""

    from_group: str
    to_group: str
    share_per_year: float


# The levers made of items (a JSON list of objects), by their key in a --levers file.
ITEMS: dict[str, type] = {
    "study_grants": StudyGrant,
    "education": Education,
    "task_shifts": TaskShift,
}


def item_fields(kind: type) -> str:
    """An item's JSON keys, those it must have first: 'group, students, completion, …'."""
    return ", ".join(f.name for f in fields(kind))


def _listed(key: str, kind: type, data: dict[str, Any]) -> list[Any] | tuple[Any, ...]:
    items = data.get(key, [])
    if not isinstance(items, list | tuple):  # a tuple from to_dict()
        raise LeverError(
            key,
            gettext_noop("must be a list of objects with %(fields)s"),
            values={"fields": item_fields(kind)},
        )
    return items


def _item(key: str, kind: Any, item: Any) -> Any:
    """One item of `key` as its dataclass; a LeverError naming the field that is wrong."""
    names = [f.name for f in fields(kind)]
    if not isinstance(item, dict):
        raise LeverError(
            key,
            gettext_noop("each item is an object with %(fields)s"),
            values={"fields": item_fields(kind)},
        )
    for name in item:
        if name not in names:
            raise LeverError(
                key,
                gettext_noop("unknown field %(field)s; each item has %(fields)s"),
                values={"field": name, "fields": item_fields(kind)},
            )
    for f in fields(kind):
        if f.name not in item and f.default is MISSING:
            raise LeverError(
                key,
                gettext_noop("the field %(field)s is missing; each item has %(fields)s"),
                values={"field": f.name, "fields": item_fields(kind)},
            )
    return kind(**item)


@dataclass(frozen=True)
class Levers:
    """A scenario's levers; each scalar field is a row of `LEVERS` and takes its default from
    there. All at their defaults change nothing (a test proves it)."""

    part_time_share: float = default("part_time_share")
    part_time_target: float = default("part_time_target")
    retirement_shift: float = default("retirement_shift")
    productivity: float = default("productivity")
    productivity_by_group: dict[str, float] = field(default_factory=dict)
    sick_leave_pp: float = default("sick_leave_pp")
    turnover_change: float = default("turnover_change")
    hired_replaced: float = default("hired_replaced")
    recruitment_change: float = default("recruitment_change")
    # From a survey (bemanna.analysis.surveys): a group's own part-time lever,
    # group → [share, target], and the standard errors the Monte Carlo draws from.
    part_time_by_group: dict[str, list[float]] = field(default_factory=dict)
    part_time_share_error: float = default("part_time_share_error")
    retirement_shift_error: float = default("retirement_shift_error")
    study_grants: tuple[StudyGrant, ...] = ()
    education: tuple[Education, ...] = ()
    task_shifts: tuple[TaskShift, ...] = ()

    def validate(self) -> None:
        names = {f.name for f in fields(self)}
        for row in LEVERS.values():
            if row.name in names:
                row.check(getattr(self, row.name))
        for group, value in self.productivity_by_group.items():
            LEVERS["productivity_group_value"].check(value, f"productivity_by_group[{group}]")
        for group, pair in self.part_time_by_group.items():
            if len(pair) != 2:
                raise LeverError(
                    f"part_time_by_group[{group}]",
                    gettext_noop("must be [share, target]"),
                    "part_time_by_group",
                )
            for value, name in zip(pair, ("part_time_share", "part_time_target"), strict=True):
                LEVERS[name].check(value, f"part_time_by_group[{group}].{name}")
        for grant in self.study_grants:
            LEVERS["grant_per_year"].check(grant.per_year, "study_grants.per_year")
        for item in self.education:
            LEVERS["education_students"].check(item.students, "education.students")
            LEVERS["education_completion"].check(item.completion, "education.completion")
            LEVERS["education_hired"].check(item.share_hired, "education.share_hired")
        for shift in self.task_shifts:
            LEVERS["shift_share"].check(shift.share_per_year, "task_shifts.share_per_year")

    def unknown_groups(self, groups: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
        """(waterfall step, group) for each profession group a lever names that is not in
        `groups`: such a part changes nothing, and the caller must say so.

        Example:
            >>> Levers(education=(Education("Barnmorskor", 10),)).unknown_groups(["Läkare"])
            [('education', 'Barnmorskor')]
        """
        named = [("productivity", g) for g in self.productivity_by_group]
        named += [("part_time_share", g) for g in self.part_time_by_group]
        for grant in self.study_grants:
            named += [("study_grants", grant.from_group), ("study_grants", grant.to_group)]
        named += [("education", item.group) for item in self.education]
        for shift in self.task_shifts:
            named += [("task_shifts", shift.from_group), ("task_shifts", shift.to_group)]
        known = set(groups)
        return list(dict.fromkeys((step, g) for step, g in named if g not in known))

    def without_groups(self, hidden: Collection[str]) -> Levers:
        """These levers with every per-group part that names a group in `hidden` left out:
        that group takes the levers' general value (the region's productivity and part-time
        lever; no study grant, education or task shift to or from it). A forecast that shows
        a group only merged with others applies no lever of its own to it, so that no shown
        figure moves with a lever set for that group alone (with and without it, a unit's
        total would give the group's demand or FTE away).

        Example:
            >>> levers = Levers(productivity=1.0, productivity_by_group={"a": 2.0, "b": 3.0},
            ...     task_shifts=(TaskShift("a", "b", 0.1),))
            >>> kept = levers.without_groups({"b"})
            >>> kept.productivity_by_group, kept.productivity_for("b"), kept.task_shifts
            ({'a': 2.0}, 1.0, ())
        """
        out = set(hidden)
        return replace(
            self,
            productivity_by_group={
                g: v for g, v in self.productivity_by_group.items() if g not in out
            },
            part_time_by_group={g: v for g, v in self.part_time_by_group.items() if g not in out},
            study_grants=tuple(
                x for x in self.study_grants if not {x.from_group, x.to_group} & out
            ),
            education=tuple(x for x in self.education if x.group not in out),
            task_shifts=tuple(x for x in self.task_shifts if not {x.from_group, x.to_group} & out),
        )

    def productivity_for(self, group: str) -> float:
        return self.productivity_by_group.get(group, self.productivity)

    def part_time_for(self, group: str) -> tuple[float, float]:
        """(share, target) of the part-time lever for a group: its own, or the region's."""
        share, target = self.part_time_by_group.get(
            group, (self.part_time_share, self.part_time_target)
        )
        return float(share), float(target)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Levers:
        """Build from stored JSON; unknown keys are an error naming the key."""
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise LeverError(key, gettext_noop("unknown lever"))
        values = dict(data)
        for key, kind in ITEMS.items():
            values[key] = tuple(_item(key, kind, item) for item in _listed(key, kind, data))
        for key, example in (("productivity_by_group", 1.5), ("part_time_by_group", [0.5, 90])):
            groups = data.get(key, {})
            if not isinstance(groups, dict):
                raise LeverError(
                    key,
                    gettext_noop("must be an object of group → value, e.g. %(example)s"),
                    values={"example": json.dumps({"Sjuksköterskor": example}, ensure_ascii=False)},
                )
        values["productivity_by_group"] = dict(data.get("productivity_by_group", {}))
        values["part_time_by_group"] = {
            str(g): list(v) if isinstance(v, list | tuple) else [v]
            for g, v in dict(data.get("part_time_by_group", {})).items()
        }
        levers = cls(**values)
        levers.validate()
        return levers

    @staticmethod
    def _step_of(name: str) -> str:
        """The waterfall step a field belongs to (a part moves with its lever)."""
        row = LEVERS.get(name)
        return row.lever if row else _GROUP_PARTS.get(name, name)

    def single(self, name: str) -> Levers:
        """These levers with only `name` (and its parts) set, the rest neutral: one bar of a
        waterfall."""
        neutral = type(self)()
        values = {
            f.name: getattr(self if self._step_of(f.name) == name else neutral, f.name)
            for f in fields(self)
        }
        return type(self)(**values)

    def active(self) -> list[str]:
        """The waterfall steps whose levers differ from neutral, in the table's order (a lever
        counts as set when any of its parts is: a group's own value, say)."""
        neutral = type(self)()
        # A part that is a number of its own (the part-time target, a survey's error) does
        # not set its lever alone: the target raises no one, an error moves nothing on average.
        changed = {
            self._step_of(f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(neutral, f.name)
            and (f.name not in LEVERS or LEVERS[f.name].lever == f.name)
        }
        return [step for step in steps() if step in changed]
