"""The work due today, across the apps: `bemanna run_schedule` (from cron or a systemd timer).

It calls retention, the exit survey and the pulse, so it lives above all of them at
project level; each keeps its own part (`privacy.retention.apply`, `exits.services`,
`pulse.services.run_schedule`) and no app imports this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bemanna import generation
from bemanna.exits import services as exit_survey
from bemanna.followup import nudges
from bemanna.followup.models import NudgeKind
from bemanna.mail import NoMailServer
from bemanna.privacy import retention
from bemanna.pulse import services as pulse


def run_schedule(today: datetime.date, *, write: Callable[[str], None]) -> list[str]:
    """Do today's work, writing a line per part; return the mail errors (empty when all went
    out). Running it again the same day does nothing more."""
    # Data past its retention period goes first, whatever happens to the mail.
    deleted = retention.apply(today)
    if deleted.get("sick_leave") or deleted.get("hours") or deleted.get("calls"):
        write(
            _(
                "%(today)s: health data past retention deleted: %(spells)d sick-leave spell(s), "
                "%(hours)d month(s) of hours, %(calls)d early-intervention call(s)."
            )
            % {
                "today": today,
                "spells": deleted["sick_leave"],
                "hours": deleted["hours"],
                "calls": deleted["calls"],
            }
        )
    rest = {k: n for k, n in deleted.items() if n and k not in ("sick_leave", "hours", "calls")}
    if rest:
        labels = {rule.key: str(rule.label) for rule in retention.rules()}
        write(
            _("%(today)s: past retention deleted: %(what)s.")
            % {
                "today": today,
                # By the retention page's names ("Anställningsrader …: 14"), not the keys.
                "what": ", ".join(f"{labels.get(kind, kind)}: {n}" for kind, n in rest.items()),
            }
        )
    if not any(deleted.values()):
        # Said all the same, so the journal shows that retention ran (and found nothing due).
        write(_("%(today)s: retention: nothing was due for deletion.") % {"today": today})
    # The exit survey's invitations are made (and closed) before any mail goes out, and
    # each part's mail is tried on its own: one failing holds up nothing else.
    closed = exit_survey.close_expired(today)
    without_address: list[int] = []
    invited = exit_survey.invite_leavers(today, without_address=without_address)
    failures = []
    try:
        report = pulse.run_schedule(today, progress=write)
    except OSError as error:  # the mail server refused or could not be reached
        failures.append(str(error))
    else:
        write(
            _(
                "%(today)s: %(opened)d wave(s) opened, %(invited)d invitation(s) and "
                "%(reminded)d reminder(s) e-mailed, %(closed)d wave(s) closed."
            )
            % {
                "today": today,
                "opened": len(report.opened),
                "invited": report.invited,
                "reminded": report.reminded,
                "closed": len(report.closed),
            }
        )
    # Why an invitation was not e-mailed, by reason, with a count: the line above alone
    # said "3 invited, 0 e-mailed" and left the user to guess (issue 18).
    unmailed = {"no_address": len(without_address)}
    _real, demo = exit_survey.pending_mail()
    try:
        sent = exit_survey.send_invitations()
    except NoMailServer as error:
        failures.append(str(error))
        sent, demo = 0, 0
        unmailed["no_server"] = exit_survey.pending_mail()[0]
    except OSError as error:
        failures.append(str(error))
        sent, demo = 0, 0
        unmailed["failed"] = exit_survey.pending_mail()[0]
    unmailed["demo"] = demo
    write(
        _(
            "%(today)s: exit survey: %(invited)d leaver(s) invited, %(sent)d e-mailed, "
            "%(closed)d invitation(s) closed."
        )
        % {"today": today, "invited": invited, "sent": sent - demo, "closed": closed}
    )
    for reason, count in unmailed.items():
        if count:
            write(_unmailed_line(reason, count) % {"today": today, "count": count})
    # Reminders last: they read the waves just closed and opened.
    try:
        reminded = nudges.send_due(today)
    except OSError as error:
        failures.append(str(error))
    else:
        write(
            _("%(today)s: reminders e-mailed: %(what)s.")
            % {
                "today": today,
                # By the kind's name in the command's language ("Resultaten är klara: 2").
                "what": "; ".join(f"{NudgeKind(kind).label}: {n}" for kind, n in reminded.items()),
            }
        )
    # Last, after the waves closed and the data deleted: the board report and the key
    # figures of the current generation and day, computed before anyone asks (each import
    # does it too; this catches up a new day, a closed wave, a failed or skipped warm-up).
    for name in generation.warm():
        write(
            _("%(today)s: could not prepare %(name)s in advance (see the log).")
            % {"today": today, "name": name}
        )
    return failures


def _unmailed_line(reason: str, count: int) -> str:
    """The line saying why `count` exit-survey invitations were not e-mailed."""
    if reason == "no_address":
        return ngettext(
            "%(today)s: exit survey: %(count)d invitation not e-mailed: the leaver has no "
            "e-mail address in the HR extract.",
            "%(today)s: exit survey: %(count)d invitations not e-mailed: the leavers have no "
            "e-mail address in the HR extract.",
            count,
        )
    if reason == "no_server":
        return ngettext(
            "%(today)s: exit survey: %(count)d invitation not e-mailed: no mail server is "
            "configured (BEMANNA_EMAIL_HOST); it goes out on the first run after one is.",
            "%(today)s: exit survey: %(count)d invitations not e-mailed: no mail server is "
            "configured (BEMANNA_EMAIL_HOST); they go out on the first run after one is.",
            count,
        )
    if reason == "failed":
        return ngettext(
            "%(today)s: exit survey: %(count)d invitation not e-mailed: the mail server "
            "failed; it is tried again on the next run.",
            "%(today)s: exit survey: %(count)d invitations not e-mailed: the mail server "
            "failed; they are tried again on the next run.",
            count,
        )
    return ngettext(
        "%(today)s: exit survey: %(count)d invitation not e-mailed: a made-up address of "
        "Region Demo, which is never mailed.",
        "%(today)s: exit survey: %(count)d invitations not e-mailed: made-up addresses of "
        "Region Demo, which are never mailed.",
        count,
    )
