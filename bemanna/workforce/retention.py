"""How long an employment is kept after it ended: one rule for the import and the schedule.

`bemanna run_schedule` (`privacy.retention`) deletes the employments that ended before
`employment_cutoff(today)`; the HR extract's import leaves the same rows out, so an import
and the next scheduled run agree on the history, and importing the same file again does not
bring deleted rows back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (28 February for 29 February).

    Examples:
        >>> years_before(datetime.date(2028, 2, 29), 1)
        datetime.date(2027, 2, 28)
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def employment_cutoff(today: datetime.date) -> datetime.date:
    """An employment that ended before this day is past retention
    (`BEMANNA_RETAIN_EMPLOYMENT_YEARS` after it ended) and is not kept."""
    return years_before(today, settings.RETAIN_EMPLOYMENT_YEARS)


def incomplete_years(years: Iterable[int], today: datetime.date) -> list[int]:
    """Of some years, those that began before the employment cutoff: the rows that ended
    before it were left out at the import (or deleted by the schedule), so these years count
    only the employments that ended after it.

    Examples (kept 10 years, the default):
        >>> incomplete_years(range(2015, 2026), datetime.date(2026, 6, 30))
        [2015, 2016]
        >>> incomplete_years(range(2016, 2026), datetime.date(2026, 1, 1))
        []
    """
    cutoff = employment_cutoff(today)
    return [year for year in sorted(years) if datetime.date(year, 1, 1) < cutoff]


def year_notes(years: Iterable[int], today: datetime.date) -> list[str]:
    """Short notes for a page or report showing `years`: those begun before the retention
    cutoff are incomplete, and the running year counts only up to today. The figures stay
    as they are; the notes say what they cover."""
    shown = sorted(set(years))
    notes = []
    cut = incomplete_years(shown, today)
    if cut:
        span = str(cut[0]) if len(cut) == 1 else f"{cut[0]}–{cut[-1]}"
        notes.append(
            ngettext(
                "%(years)s is incomplete: employments that ended before %(date)s are not kept "
                "(%(retain)d years after they end), so the year counts only those that ended "
                "after it.",
                "%(years)s are incomplete: employments that ended before %(date)s are not kept "
                "(%(retain)d years after they end), so the years count only those that ended "
                "after it.",
                len(cut),
            )
            % {
                "years": span,
                "date": employment_cutoff(today).isoformat(),
                "retain": settings.RETAIN_EMPLOYMENT_YEARS,
            }
        )
    if today.year in shown:
        notes.append(
            _(
                "%(year)s up to and including %(date)s: the year is not over, and is compared "
                "with whole years."
            )
            % {"year": today.year, "date": today.isoformat()}
        )
    return notes
