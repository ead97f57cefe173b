"""The work due today, across the apps: `bemanna run_schedule` (from cron or a systemd timer).

It calls retention, the exit survey and the pulse, so it lives above all of them at
project level; each keeps its own part (`privacy.retention.apply`, `exits.services`,
`pulse.services.run_schedule`) and no app imports this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from bemanna.exits import services as exit_survey
from bemanna.followup import nudges
from bemanna.privacy import retention
from bemanna.pulse import services as pulse


def run_schedule(today: datetime.date, *, write: Callable[[str], None]) -> list[str]:
    """Do today's work, writing a line per part; return the mail errors (empty when all went
    out). Running it again the same day does nothing more."""
    # Data past its retention period goes first, whatever happens to the mail.
    deleted = retention.apply(today)
    if deleted.get("sick_leave") or deleted.get("hours") or deleted.get("calls"):
        write(
            f"{today}: health data past retention deleted: {deleted['sick_leave']} sick-leave "
            f"spell(s), {deleted['hours']} month(s) of hours, {deleted['calls']} "
            "early-intervention call(s)."
        )
    rest = {k: n for k, n in deleted.items() if n and k not in ("sick_leave", "hours", "calls")}
    if rest:
        write(
            f"{today}: past retention deleted: "
            + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in rest.items())
            + "."
        )
    # The exit survey's invitations are made (and closed) before any mail goes out, and
    # each part's mail is tried on its own: one failing holds up nothing else.
    closed = exit_survey.close_expired(today)
    invited = exit_survey.invite_leavers(today)
    failures = []
    try:
        report = pulse.run_schedule(today, progress=write)
    except OSError as error:  # the mail server refused or could not be reached
        failures.append(str(error))
    else:
        write(
            f"{today}: {len(report.opened)} wave(s) opened, {report.invited} invitation(s) "
            f"and {report.reminded} reminder(s) e-mailed, {len(report.closed)} wave(s) "
            "closed."
        )
    try:
        sent = exit_survey.send_invitations()
    except OSError as error:
        failures.append(str(error))
        sent = 0
    write(
        f"{today}: exit survey: {invited} leaver(s) invited, {sent} e-mailed, "
        f"{closed} invitation(s) closed."
    )
    # Reminders last: they read the waves just closed and opened.
    try:
        reminded = nudges.send_due(today)
    except OSError as error:
        failures.append(str(error))
    else:
        write(
            f"{today}: reminders e-mailed: "
            + ", ".join(f"{n} {kind}" for kind, n in reminded.items())
            + "."
        )
    return failures
