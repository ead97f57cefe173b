from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext, gettext_noop

from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import BemannaCommand
from bemanna.project import backup


class Command(BemannaCommand):
    help = gettext_noop(
        "Restore a backup made by `bemanna backup` into the configured database, which must be "
        "new and empty (created, not migrated) unless --force. Then run `bemanna migrate` if "
        "the backup is from an older version."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help=gettext_noop("A file written by `bemanna backup`.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_noop("Replace everything in a database with data."),
        )

    def handle(self, *args, file, force, **options):
        try:
            kind = backup.restore(file, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        log_action(None, AuditEntry.Action.BACKUP, scope="restore", kind=kind)
        self.stdout.write(
            gettext("Restored (%(kind)s) from %(file)s.") % {"kind": kind, "file": file}
        )
