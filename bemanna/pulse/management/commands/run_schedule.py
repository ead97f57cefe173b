import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bemanna.exits import services as exit_survey
from bemanna.keyfigures import early
from bemanna.pulse import services


class Command(BaseCommand):
    help = (
        "Do the work due today: delete health data past its retention period, invite leavers "
        "to the exit survey, close waves "
        "whose window has passed (deleting their codes), open scheduled waves, send invitations "
        "and due reminders. Run it from cron or a systemd timer, e.g. every hour; running it "
        "again does nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Act as if it were this date (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        # Health data past its retention period goes first, whatever happens to the mail.
        deleted = early.delete_expired(today)
        if any(deleted.values()):
            self.stdout.write(
                f"{today}: health data past retention deleted: {deleted['spells']} sick-leave "
                f"spell(s), {deleted['hours']} month(s) of hours, {deleted['contacts']} "
                "early-intervention call(s)."
            )
        # The exit survey's invitations are made (and closed) before any mail goes out, and
        # each part's mail is tried on its own: one failing holds up nothing else.
        closed = exit_survey.close_expired(today)
        invited = exit_survey.invite_leavers(today)
        failures = []
        try:
            report = services.run_schedule(today, progress=self.stdout.write)
        except OSError as error:  # the mail server refused or could not be reached
            failures.append(str(error))
        else:
            self.stdout.write(
                f"{today}: {len(report.opened)} wave(s) opened, {report.invited} invitation(s) "
                f"and {report.reminded} reminder(s) e-mailed, {len(report.closed)} wave(s) "
                "closed."
            )
        try:
            sent = exit_survey.send_invitations()
        except OSError as error:
            failures.append(str(error))
            sent = 0
        self.stdout.write(
            f"{today}: exit survey: {invited} leaver(s) invited, {sent} e-mailed, "
            f"{closed} invitation(s) closed."
        )
        if failures:
            raise CommandError(
                f"Sending mail failed ({failures[0]}). What was sent is recorded; run again to "
                "send the rest."
            )
