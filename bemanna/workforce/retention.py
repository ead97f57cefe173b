"""How long an employment is kept after it ended: one rule for the import and the schedule.

`bemanna run_schedule` (`privacy.retention`) deletes the employments that ended before
`employment_cutoff(today)`; the HR extract's import leaves the same rows out, so an import
and the next scheduled run agree on the history, and importing the same file again does not
bring deleted rows back.
"""

from __future__ import annotations

import datetime

from django.conf import settings


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
