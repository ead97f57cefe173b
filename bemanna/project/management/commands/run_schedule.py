import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bemanna import schedule
from bemanna.clifiles import BemannaCommand


class Command(BemannaCommand):
    help = gettext_noop(
        "Do the work due today: delete data past its retention period, invite leavers "
        "to the exit survey, close waves "
        "whose window has passed (deleting their codes), open scheduled waves, send invitations "
        "and due reminders, then e-mail managers and HR what is due (results ready, dialogue "
        "due, actions overdue, low response rate, HR's weekly digest). Run it from cron or a "
        "systemd timer, e.g. every hour; running it "
        "again does nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help=gettext_noop("Act as if it were this date (YYYY-MM-DD); default: today."),
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        failures = schedule.run_schedule(today, write=self.stdout.write)
        if failures:
            raise CommandError(
                _(
                    "Sending mail failed (%(error)s). What was sent is recorded; run again to "
                    "send the rest."
                )
                % {"error": failures[0]}
            )
