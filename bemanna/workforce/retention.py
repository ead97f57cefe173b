"""How long an employment is kept after it ended: one rule for the import and the schedule;
which years are closed (`last_closed_year`) and which months are final (`last_final_month`).

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

from bemanna.analysis.stock import MOVE_DAYS


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
    """An employment that ended before this day is past retention and is not kept: the
    `BEMANNA_RETAIN_EMPLOYMENT_YEARS` last closed years are kept whole, with the month before
    the first of them (a row ending by then decides whether its 1 January was a hire: a break
    of `stock.MOVE_DAYS` days or less is a move).

    The cutoff moves once a year, on the day a year closes, not every day: counted from
    today, the oldest year's leavers would drop one a day, and a unit's figure of that year
    yesterday minus today would be one leaver's, with their end date.

    Examples (kept 10 years, the default):
        >>> employment_cutoff(datetime.date(2026, 12, 6))
        datetime.date(2015, 11, 30)
        >>> employment_cutoff(datetime.date(2027, 1, 31))
        datetime.date(2015, 11, 30)
        >>> employment_cutoff(datetime.date(2027, 2, 1))
        datetime.date(2016, 11, 30)
    """
    oldest = first_whole_year(today)
    return datetime.date(oldest, 1, 1) - datetime.timedelta(days=MOVE_DAYS + 1)


def first_whole_year(today: datetime.date) -> int:
    """The oldest year kept whole on `today` (`employment_cutoff`): the first of the
    `BEMANNA_RETAIN_EMPLOYMENT_YEARS` last closed years. No page shows a year before it: its
    leavers were deleted, and its figures would change again on the next 1 February.

    Examples (kept 10 years, the default):
        >>> first_whole_year(datetime.date(2026, 12, 6))
        2016
        >>> first_whole_year(datetime.date(2027, 2, 1))
        2017
    """
    return last_closed_year(today) - settings.RETAIN_EMPLOYMENT_YEARS + 1


def employment_due(end: datetime.date) -> datetime.date:
    """The day an employment that ended on `end` becomes past retention (`employment_cutoff`
    passes it).

    Examples (kept 10 years, the default):
        >>> employment_due(datetime.date(2016, 6, 30)), employment_due(datetime.date(2016, 12, 15))
        (datetime.date(2027, 2, 1), datetime.date(2028, 2, 1))
    """
    year = end.year if end < datetime.date(end.year, 11, 30) else end.year + 1
    return closes_on(year + settings.RETAIN_EMPLOYMENT_YEARS)


def final_on(month: datetime.date) -> datetime.date:
    """The day a month's figures are final: 32 days after its last day.

    A break of more than 31 days is a departure (`stock.MOVE_DAYS`): someone whose job ended
    on the month's last day and who is back within 31 days has not left, so who left in a
    month is known only on the 32nd day after it (31 October: 2 December). From then on its
    figures are kept as they are first shown (`analysis.published`), and a later row about
    it counts from the day after. December's is 1 February: the day the year closes.

    Examples:
        >>> final_on(datetime.date(2026, 10, 1)), final_on(datetime.date(2025, 12, 1))
        (datetime.date(2026, 12, 2), datetime.date(2026, 2, 1))
        >>> final_on(datetime.date(2027, 1, 1))
        datetime.date(2027, 3, 4)
    """
    return month_end(month) + datetime.timedelta(days=MOVE_DAYS + 1)


def last_final_month(today: datetime.date) -> datetime.date:
    """The first day of the last month whose figures are final on `today` (`final_on`).

    Examples:
        >>> last_final_month(datetime.date(2026, 12, 6))
        datetime.date(2026, 10, 1)
        >>> last_final_month(datetime.date(2026, 12, 1))
        datetime.date(2026, 9, 1)
        >>> last_final_month(datetime.date(2026, 2, 1))
        datetime.date(2025, 12, 1)
    """
    index = today.year * 12 + today.month - 1 - 2  # the month before last: final by the 4th
    month = datetime.date(index // 12, index % 12 + 1, 1)
    if final_on(month) > today:
        index -= 1
        month = datetime.date(index // 12, index % 12 + 1, 1)
    return month


def last_shown_year(today: datetime.date) -> int:
    """The latest year with a final month on `today` (`last_final_month`): the running year
    once its January is final (4 March, 3 March in a leap year), the year just ended before.

    Examples:
        >>> last_shown_year(datetime.date(2026, 3, 3)), last_shown_year(datetime.date(2026, 3, 4))
        (2025, 2026)
    """
    return last_final_month(today).year


def month_end(month: datetime.date) -> datetime.date:
    """The last day of `month`'s month.

    Examples:
        >>> month_end(datetime.date(2028, 2, 1))
        datetime.date(2028, 2, 29)
    """
    following = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def last_closed_year(today: datetime.date) -> int:
    """The last year published as closed on `today`: the year whose December is final
    (`final_on`), so the year before from 1 February, the year before that in January. The
    one answer to "which years are over" for *Historik*'s ten years and its disclosure
    sequence, the forecast's base dates and its default, the key figures' default year and
    their closed years' FTE, the board report, the manager's start page, the command line
    and Region Demo.

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
    final = last_final_month(today)
    return final.year if final.month == 12 else final.year - 1


def closes_on(year: int) -> datetime.date:
    """The day `year` is closed (`last_closed_year`): 1 February of the year after, when its
    December is final."""
    return final_on(datetime.date(year, 12, 1))


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
        [2015]
        >>> incomplete_years(range(2016, 2026), datetime.date(2026, 1, 1))
        []
    """
    cutoff = employment_cutoff(today)
    return [year for year in sorted(years) if datetime.date(year, 1, 1) < cutoff]


def year_notes(years: Iterable[int], today: datetime.date) -> list[str]:
    """Short notes for a page or report showing `years`: those begun before the retention
    cutoff are incomplete, the year just ended is not final in January (`unclosed_note`),
    and a year not closed counts only its final months (`last_final_month`). The figures
    stay as they are; the notes say what they cover."""
    shown = sorted(set(years))
    notes = []
    cut = incomplete_years(shown, today)
    if cut:
        span = str(cut[0]) if len(cut) == 1 else f"{cut[0]}–{cut[-1]}"
        notes.append(
            ngettext(
                "%(years)s is incomplete: employments that ended before %(date)s are not kept "
                "(the %(retain)d last closed years are kept whole), so the year counts only "
                "those that ended after it.",
                "%(years)s are incomplete: employments that ended before %(date)s are not kept "
                "(the %(retain)d last closed years are kept whole), so the years count only "
                "those that ended after it.",
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
    final = last_final_month(today)
    if final.month < 12 and final.year in shown:
        notes.append(
            _(
                "%(year)s up to and including %(date)s: a month's figures are final 32 days "
                "after it ends, and the year is not over, so it is compared with whole years."
            )
            % {"year": final.year, "date": month_end(final).isoformat()}
        )
    return notes
