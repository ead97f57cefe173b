"""How long an employment is kept after it ended: one rule for the import and the schedule;
and which years are closed (`last_closed_year`).

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

# A year is closed on the first day of this month of the year after (`last_closed_year`).
CLOSES_MONTH = 2


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


def last_closed_year(today: datetime.date) -> int:
    """The last year published as closed on `today`: the year before from 1 February, the
    year before that in January. The one answer to "which years are over" for *Historik*'s
    ten years and its disclosure sequence, the forecast's base dates and its default, the key
    figures' default year and their closed years' FTE, the board report, the manager's start
    page, the command line and Region Demo.

    Who left in a year follows one rule (`analysis.stock.presence_spells`): a break of more
    than 31 days without a monthly-paid employment is a departure. Someone whose employment
    ends in December and who is back by 1 February has not left, so a year's leavers (its
    turnover, its flows, a forecast standing on its 31 December) are known only once the
    following January is in the data. Published on 1 January, a year would change with the
    next extract (a leaver of 20 December back on 10 January is no leaver), and a published
    year never changes because of later rows. In January the year just ended is therefore
    treated like the running year: not offered as closed, and its notes say its figures are
    not final until 1 February (`year_notes`).

    Examples:
        >>> last_closed_year(datetime.date(2026, 1, 31))
        2024
        >>> last_closed_year(datetime.date(2026, 2, 1))
        2025
        >>> last_closed_year(datetime.date(2026, 12, 31))
        2025
    """
    return today.year - 1 if today.month >= CLOSES_MONTH else today.year - 2


def closes_on(year: int) -> datetime.date:
    """The day `year` is closed (`last_closed_year`): 1 February of the year after."""
    return datetime.date(year + 1, CLOSES_MONTH, 1)


def unclosed_note(today: datetime.date) -> str | None:
    """In January, a note that the year just ended is not final until 1 February
    (`last_closed_year`); None from 1 February."""
    year = today.year - 1
    if last_closed_year(today) >= year:
        return None
    return _(
        "%(year)s is not final until %(date)s: a break of more than 31 days is a departure, "
        "so who left in December is known only then (someone back in January has not left). "
        "Until then its leavers and turnover may change, and it is not yet a closed year."
    ) % {"year": year, "date": closes_on(year).isoformat()}


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
    cutoff are incomplete, the year just ended is not final in January (`unclosed_note`),
    and the running year counts only up to today. The figures stay as they are; the notes
    say what they cover."""
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
    unclosed = unclosed_note(today)
    if unclosed and today.year - 1 in shown:
        notes.append(unclosed)
    if today.year in shown:
        notes.append(
            _(
                "%(year)s up to and including %(date)s: the year is not over, and is compared "
                "with whole years."
            )
            % {"year": today.year, "date": today.isoformat()}
        )
    return notes
