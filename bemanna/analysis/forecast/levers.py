"""The levers of a scenario: each a separate parameter with a neutral value and a valid range.

Example:
    >>> Levers(retirement_shift=2).validate()
    >>> Levers(retirement_shift=9).validate()
    Traceback (most recent call last):
    ...
    bemanna.analysis.forecast.levers.LeverError: retirement_shift: must be between -3 and 5 (got 9)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


class LeverError(ValueError):
    """A lever outside its range; `parameter` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


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
    completion: float = 0.8
    share_hired: float = 0.5


@dataclass(frozen=True)
class TaskShift:
    """Each year `share` of `from_group`'s demand moves to `to_group`."""

    from_group: str
    to_group: str
    share_per_year: float


RANGES: dict[str, tuple[float, float]] = {
    "part_time_share": (0.0, 1.0),
    "part_time_target": (50.0, 100.0),
    "retirement_shift": (-3.0, 5.0),
    "productivity": (-5.0, 5.0),
    "sick_leave_pp": (-10.0, 10.0),
    "turnover_change": (-0.9, 1.0),
    "hired_replaced": (0.0, 1.0),
    "recruitment_change": (-1.0, 2.0),
    "part_time_share_error": (0.0, 0.5),
    "retirement_shift_error": (0.0, 3.0),
}


@dataclass(frozen=True)
class Levers:
    """All levers at their neutral values change nothing (a test proves it)."""

    part_time_share: float = 0.0  # share of part-timers who raise their rate
    part_time_target: float = 90.0  # … to this rate (%)
    retirement_shift: float = 0.0  # years later (negative: earlier)
    productivity: float = 0.0  # % a year less demand from technology and new ways of working
    productivity_by_group: dict[str, float] = field(default_factory=dict)
    sick_leave_pp: float = 0.0  # percentage points less sick leave: more available time
    turnover_change: float = 0.0  # relative change in other attrition (-0.1 = 10 % lower)
    hired_replaced: float = 0.0  # share of hired-staff FTE replaced by own staff
    recruitment_change: float = 0.0  # relative change in yearly hires (0.2 = 20 % more)
    # From a survey (bemanna.analysis.surveys): a group's own part-time lever,
    # group → [share, target], and the standard errors the Monte Carlo draws from.
    part_time_by_group: dict[str, list[float]] = field(default_factory=dict)
    part_time_share_error: float = 0.0
    retirement_shift_error: float = 0.0
    study_grants: tuple[StudyGrant, ...] = ()
    education: tuple[Education, ...] = ()
    task_shifts: tuple[TaskShift, ...] = ()

    def validate(self) -> None:
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or not low <= value <= high:
                raise LeverError(name, f"must be between {low:g} and {high:g} (got {value})")
        for group, value in self.productivity_by_group.items():
            low, high = RANGES["productivity"]
            if not low <= value <= high:
                raise LeverError(
                    f"productivity_by_group[{group}]",
                    f"must be between {low:g} and {high:g} (got {value})",
                )
        for group, pair in self.part_time_by_group.items():
            if len(pair) != 2:
                raise LeverError(f"part_time_by_group[{group}]", "must be [share, target]")
            for value, name in zip(pair, ("part_time_share", "part_time_target"), strict=True):
                low, high = RANGES[name]
                if not isinstance(value, int | float) or not low <= value <= high:
                    raise LeverError(
                        f"part_time_by_group[{group}]",
                        f"{name} must be between {low:g} and {high:g} (got {value})",
                    )
        for grant in self.study_grants:
            if grant.per_year < 0 or grant.per_year > 10_000:
                raise LeverError("study_grants", f"per_year must be 0–10000 (got {grant.per_year})")
        for item in self.education:
            if item.students < 0 or not 0 <= item.completion <= 1 or not 0 <= item.share_hired <= 1:
                raise LeverError("education", "students ≥ 0, completion and share hired 0–1")
        for shift in self.task_shifts:
            if not 0 <= shift.share_per_year <= 0.2:
                raise LeverError("task_shifts", "share_per_year must be between 0 and 0.2")

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
                raise LeverError(key, "unknown lever")
        values = dict(data)
        values["study_grants"] = tuple(StudyGrant(**g) for g in data.get("study_grants", ()))
        values["education"] = tuple(Education(**e) for e in data.get("education", ()))
        values["task_shifts"] = tuple(TaskShift(**t) for t in data.get("task_shifts", ()))
        values["productivity_by_group"] = dict(data.get("productivity_by_group", {}))
        values["part_time_by_group"] = {
            str(g): list(v) for g, v in dict(data.get("part_time_by_group", {})).items()
        }
        levers = cls(**values)
        levers.validate()
        return levers

    def single(self, name: str) -> Levers:
        """These levers with only `name` set (the rest neutral): one bar of a waterfall."""
        neutral = Levers()
        values = {f.name: getattr(neutral, f.name) for f in fields(self)}
        values[name] = getattr(self, name)
        if name == "part_time_share":
            values["part_time_target"] = self.part_time_target
            values["part_time_by_group"] = self.part_time_by_group
            values["part_time_share_error"] = self.part_time_share_error
        if name == "retirement_shift":
            values["retirement_shift_error"] = self.retirement_shift_error
        if name == "productivity":
            values["productivity_by_group"] = self.productivity_by_group
        return Levers(**values)

    def active(self) -> list[str]:
        """Names of the levers that differ from neutral (in a fixed order)."""
        neutral = Levers()
        names = [
            "part_time_share",
            "retirement_shift",
            "productivity",
            "sick_leave_pp",
            "turnover_change",
            "recruitment_change",
            "hired_replaced",
            "study_grants",
            "education",
            "task_shifts",
        ]
        active = [n for n in names if getattr(self, n) != getattr(neutral, n)]
        if "productivity" not in active and self.productivity_by_group:
            active.insert(2, "productivity")
        if "part_time_share" not in active and self.part_time_by_group:
            active.insert(0, "part_time_share")
        return active
